"""Every paginated operation of 2.9, on both clients, walks to its second page the way its
pagination style says: the cursor, page number, scroll_param or URL from the first answer goes
back in the right place, and the items come from the right response field.

The expected style and items field of each operation are a reviewed table (like the surface
snapshot), not read from the generator's IR; test_pagination.py covers each style in depth.
"""

from __future__ import annotations

import copy
import functools
import json
from typing import Any

import httpx
import pytest

from generator import contract
from intercom_sdk import AsyncIntercom, Intercom

BASE = "https://api.intercom.io"
# operationId -> (style, response field holding the items)
PAGINATED = {
    "ListContacts": ("cursor_query", "data"),
    "listConversations": ("cursor_query", "conversations"),
    "SearchContacts": ("cursor_body", "data"),
    "searchConversations": ("cursor_body", "conversations"),
    "listArticles": ("page_number", "data"),
    "listAllCollections": ("page_number", "data"),
    "listAllSections": ("page_number", "data"),
    "retrieveCompany": ("page_number", "data"),
    "ListAttachedContacts": ("page_number", "data"),
    "listAllCompanies": ("page_number", "data"),
    "listNotes": ("page_number", "data"),
    "listNewsItems": ("page_number", "data"),
    "listLiveNewsfeedItems": ("page_number", "data"),
    "listNewsfeeds": ("pages", "data"),
    "listActivityLogs": ("pages", "activity_logs"),
    "scrollOverAllCompanies": ("scroll", "data"),
    "listCompaniesForAContact": ("next_url", "companies"),
}
ITEM = {"type": "contact", "id": "i1"}


def pages(style: str, items: str, path: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The first answer (one item and a way to the next page), then the last one."""
    second = {items: [{**ITEM, "id": "i2"}]}
    if style in ("cursor_query", "cursor_body", "pages"):
        return {items: [ITEM], "pages": {"next": {"starting_after": "CUR2"}}}, {
            **second,
            "pages": {"next": None},
        }
    if style == "page_number":
        return {items: [ITEM], "pages": {"page": 1, "total_pages": 2}}, {
            **second,
            "pages": {"page": 2, "total_pages": 2},
        }
    if style == "scroll":
        return {items: [ITEM], "scroll_param": "SCROLL2"}, {
            **second,
            "scroll_param": "SCROLL2",
        }
    return {items: [ITEM], "pages": {"next": f"{BASE}/next{path}?page=2"}}, {
        **second,
        "pages": {"next": None},
    }


def check_second_request(style: str, first: httpx.Request, second: httpx.Request) -> None:
    assert second.method == first.method
    query = dict(second.url.params)
    if style in ("cursor_query", "pages"):
        assert query["starting_after"] == "CUR2"
    elif style == "cursor_body":
        body, before = json.loads(second.content), json.loads(first.content)
        assert body["pagination"] == {**before["pagination"], "starting_after": "CUR2"}
        assert body["query"] == before["query"]
    elif style == "page_number":
        assert query["page"] == "2"
    elif style == "scroll":
        assert query["scroll_param"] == "SCROLL2"
    else:
        assert str(second.url).startswith(f"{BASE}/next/")
    if style != "next_url":
        assert second.url.path == first.url.path


def handler(answers: list[dict[str, Any]], sent: list[httpx.Request]) -> Any:
    def handle(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json=answers[min(len(sent), len(answers)) - 1])

    return handle


def test_the_table_lists_every_paginated_operation(api29: Any) -> None:
    assert {op.operation_id for op in api29.operations if op.paging} == set(PAGINATED)


@pytest.mark.parametrize("operation_id", sorted(PAGINATED))
def test_sync_walks_to_the_second_page(api29: Any, operation_id: str) -> None:
    op = next(o for o in api29.operations if o.operation_id == operation_id)
    style, items = PAGINATED[operation_id]
    first, last = pages(style, items, op.path.split("{")[0])
    sent: list[httpx.Request] = []
    answers = [first, last, {items: []}]
    http = httpx.Client(transport=httpx.MockTransport(handler(answers, sent)))
    client = Intercom(access_token="tok", base_url=BASE, http_client=http)
    a = contract.arguments(op, api29)
    method = functools.reduce(getattr, [*op.resource, op.name], client)
    found = [item.id for item in method(*a.args, **copy.deepcopy(a.kwargs))]
    assert found == ["i1", "i2"]
    assert len(sent) == (3 if style == "scroll" else 2)  # a scroll ends on an empty page
    check_second_request(style, sent[0], sent[1])


@pytest.mark.parametrize("operation_id", sorted(PAGINATED))
async def test_async_walks_to_the_second_page(api29: Any, operation_id: str) -> None:
    op = next(o for o in api29.operations if o.operation_id == operation_id)
    style, items = PAGINATED[operation_id]
    first, last = pages(style, items, op.path.split("{")[0])
    sent: list[httpx.Request] = []
    answers = [first, last, {items: []}]
    http = httpx.AsyncClient(transport=httpx.MockTransport(handler(answers, sent)))
    client = AsyncIntercom(access_token="tok", base_url=BASE, http_client=http)
    a = contract.arguments(op, api29)
    method = functools.reduce(getattr, [*op.resource, op.name], client)
    found = [item.id async for item in method(*a.args, **copy.deepcopy(a.kwargs))]
    assert found == ["i1", "i2"]
    assert len(sent) == (3 if style == "scroll" else 2)
    check_second_request(style, sent[0], sent[1])
