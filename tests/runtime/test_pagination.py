"""The five pagination styles, walked over real HTTP."""

from __future__ import annotations

import logging
from typing import Any, List, Optional

import pytest

from intercom_sdk import AsyncIntercom, Intercom, IntercomError
from intercom_sdk._models import BaseModel
from intercom_sdk.pagination import Paging

from .fake_intercom import FakeIntercom, Recorded, Reply


class Item(BaseModel):
    id: str
    type: Optional[str] = None


class Pages(BaseModel):
    type: Optional[str] = None
    page: Optional[int] = None
    per_page: Optional[int] = None
    total_pages: Optional[int] = None
    next: Optional[Any] = None


class ItemList(BaseModel):
    type: Optional[str] = None
    data: Optional[List[Item]] = None
    pages: Optional[Pages] = None


class ScrollList(BaseModel):
    type: Optional[str] = None
    data: Optional[List[Item]] = None
    scroll_param: Optional[str] = None


class Undeclared(BaseModel):
    """Like listTicketTypes: the items key is not in the schema."""

    type: Optional[str] = None


def items(*ids: str) -> list[dict[str, str]]:
    return [{"type": "contact", "id": i} for i in ids]


def cursor_page(ids: list[str], next_cursor: str | None) -> dict[str, Any]:
    pages: dict[str, Any] = {"type": "pages", "per_page": 2, "total_pages": 3}
    if next_cursor is not None:
        pages["next"] = {"per_page": 2, "starting_after": next_cursor}
    else:
        pages["next"] = None
    return {"type": "list", "data": items(*ids), "pages": pages}


CURSOR_PAGES = {
    None: cursor_page(["a", "b"], "cur1"),
    "cur1": cursor_page(["c", "d"], "cur2"),
    "cur2": cursor_page(["e"], None),
}


def cursor_query_handler(request: Recorded) -> Reply:
    cursor = request.query.get("starting_after", [None])[0]
    return Reply(200, CURSOR_PAGES[cursor])


# -- cursor_query ---------------------------------------------------------------


def test_cursor_query_walks_all_pages(client: Intercom, server: FakeIntercom) -> None:
    server.handler = cursor_query_handler
    page = client.contacts.list(per_page=2)
    assert [c.id for c in page.data] == ["a", "b"]
    assert page.has_next_page()
    assert [c.id for c in page] == ["a", "b", "c", "d", "e"]
    assert [r.query.get("starting_after") for r in server.requests] == [
        None,
        ["cur1"],
        ["cur2"],
    ]
    assert all(r.query["per_page"] == ["2"] for r in server.requests)


def test_cursor_query_iter_pages_and_get_next_page(
    client: Intercom, server: FakeIntercom
) -> None:
    server.handler = cursor_query_handler
    first = client.contacts.list(per_page=2)
    pages = list(first.iter_pages())
    assert [len(p.data) for p in pages] == [2, 2, 1]
    assert pages[-1].page.pages is not None and pages[-1].page.pages.next is None
    assert not pages[-1].has_next_page()
    with pytest.raises(IntercomError):
        pages[-1].get_next_page()
    second = first.get_next_page()
    assert [c.id for c in second.data] == ["c", "d"]


def test_cursor_query_stops_on_repeated_cursor(
    client: Intercom, server: FakeIntercom, caplog: pytest.LogCaptureFixture
) -> None:
    server.handler = lambda r: Reply(200, cursor_page(["a"], "same"))
    with caplog.at_level(logging.WARNING, logger="intercom_sdk"):
        ids = [c.id for c in client.contacts.list()]
    assert ids == ["a", "a"]
    assert len(server.requests) == 2
    assert "already returned" in caplog.text


def test_missing_pages_means_single_page(
    client: Intercom, server: FakeIntercom
) -> None:
    server.reply(Reply(200, {"type": "list", "data": items("a")}))
    page = client.contacts.list()
    assert not page.has_next_page()
    assert [c.id for c in page] == ["a"]
    assert len(server.requests) == 1


# -- cursor_body ----------------------------------------------------------------


def search_handler(request: Recorded) -> Reply:
    cursor = request.json()["pagination"].get("starting_after")
    return Reply(200, CURSOR_PAGES[cursor])


def test_cursor_body_walks_all_pages(client: Intercom, server: FakeIntercom) -> None:
    server.handler = search_handler
    query = {"field": "email", "operator": "~", "value": "example.com"}
    page = client.request_page(
        "POST",
        "/contacts/search",
        page_model=ItemList,
        item=Item,
        paging=Paging("cursor_body", items="data"),
        body={"query": query, "pagination": {"per_page": 2}},
    )
    assert [i.id for i in page] == ["a", "b", "c", "d", "e"]
    bodies = [r.json() for r in server.requests]
    assert [b["pagination"] for b in bodies] == [
        {"per_page": 2},
        {"per_page": 2, "starting_after": "cur1"},
        {"per_page": 2, "starting_after": "cur2"},
    ]
    assert all(b["query"] == query for b in bodies)
    assert all(r.method == "POST" for r in server.requests)


def test_cursor_body_stops_on_repeated_cursor(
    client: Intercom, server: FakeIntercom
) -> None:
    replies = {
        None: cursor_page(["a"], "cur1"),
        "cur1": cursor_page(["b"], "cur2"),
        "cur2": cursor_page(["c"], "cur1"),
    }
    server.handler = lambda r: Reply(
        200, replies[r.json().get("pagination", {}).get("starting_after")]
    )
    page = client.request_page(
        "POST",
        "/conversations/search",
        page_model=ItemList,
        item=Item,
        paging=Paging("cursor_body", items="data"),
        body={"query": {}},
    )
    assert [i.id for i in page] == ["a", "b", "c"]
    assert len(server.requests) == 3


# -- page_number ----------------------------------------------------------------


def numbered_page(page: int, total: int, ids: list[str]) -> dict[str, Any]:
    return {
        "type": "list",
        "data": items(*ids),
        "pages": {"type": "pages", "page": page, "per_page": 2, "total_pages": total},
    }


def test_page_number_walks_all_pages(client: Intercom, server: FakeIntercom) -> None:
    contents = {1: ["a", "b"], 2: ["c", "d"], 3: ["e"]}

    def handler(request: Recorded) -> Reply:
        number = int(request.query.get("page", ["1"])[0])
        return Reply(200, numbered_page(number, 3, contents[number]))

    server.handler = handler
    page = client.request_page(
        "GET",
        "/companies",
        page_model=ItemList,
        item=Item,
        paging=Paging("page_number", items="data"),
        query={"per_page": 2},
    )
    assert [i.id for i in page] == ["a", "b", "c", "d", "e"]
    assert [r.query.get("page") for r in server.requests] == [None, ["2"], ["3"]]
    assert all(r.query["per_page"] == ["2"] for r in server.requests)


def test_page_number_stops_on_repeated_page(
    client: Intercom, server: FakeIntercom
) -> None:
    server.handler = lambda r: Reply(
        200, numbered_page(1, 3, ["a"])
    )  # always claims page 1
    page = client.request_page(
        "GET",
        "/companies",
        page_model=ItemList,
        item=Item,
        paging=Paging("page_number", items="data"),
    )
    assert [i.id for i in page] == ["a", "a"]
    assert len(server.requests) == 2


# -- scroll ---------------------------------------------------------------------


def test_scroll_walks_until_empty_page(client: Intercom, server: FakeIntercom) -> None:
    # Intercom keeps the same scroll_param for the whole scroll.
    server.reply(
        Reply(200, {"type": "list", "data": items("a", "b"), "scroll_param": "sp-1"}),
        Reply(200, {"type": "list", "data": items("c", "d"), "scroll_param": "sp-1"}),
        Reply(200, {"type": "list", "data": items("e"), "scroll_param": "sp-1"}),
        Reply(200, {"type": "list", "data": [], "scroll_param": "sp-1"}),
    )
    page = client.request_page(
        "GET",
        "/companies/scroll",
        page_model=ScrollList,
        item=Item,
        paging=Paging("scroll", items="data"),
    )
    assert [i.id for i in page] == ["a", "b", "c", "d", "e"]
    assert [r.query.get("scroll_param") for r in server.requests] == [
        None,
        ["sp-1"],
        ["sp-1"],
        ["sp-1"],
    ]


def test_scroll_stops_when_it_does_not_move(
    client: Intercom, server: FakeIntercom
) -> None:
    server.handler = lambda r: Reply(
        200, {"type": "list", "data": items("a"), "scroll_param": "stuck"}
    )
    page = client.request_page(
        "GET",
        "/companies/scroll",
        page_model=ScrollList,
        item=Item,
        paging=Paging("scroll", items="data"),
    )
    assert [i.id for i in page] == ["a", "a"]
    assert len(server.requests) == 2


# -- next_url -------------------------------------------------------------------


def test_next_url_walks_relative_and_absolute_links(
    client: Intercom, server: FakeIntercom
) -> None:
    def handler(request: Recorded) -> Reply:
        number = request.query.get("page", ["1"])[0]
        if number == "1":
            return Reply(
                200,
                {
                    "type": "list",
                    "data": items("a", "b"),
                    "pages": {"next": "/articles?page=2&per_page=2"},
                },
            )
        if number == "2":
            return Reply(
                200,
                {
                    "type": "list",
                    "data": items("c"),
                    "pages": {"next": f"{server.url}/articles?page=3&per_page=2"},
                },
            )
        return Reply(200, {"type": "list", "data": items("d"), "pages": {"next": None}})

    server.handler = handler
    page = client.request_page(
        "GET",
        "/articles",
        page_model=ItemList,
        item=Item,
        paging=Paging("next_url", items="data"),
        query={"per_page": 2},
    )
    assert [i.id for i in page] == ["a", "b", "c", "d"]
    assert [r.raw_query for r in server.requests] == [
        "per_page=2",
        "page=2&per_page=2",
        "page=3&per_page=2",
    ]


def test_next_url_stops_on_repeated_url(client: Intercom, server: FakeIntercom) -> None:
    server.handler = lambda r: Reply(
        200, {"type": "list", "data": items("a"), "pages": {"next": "/articles?page=2"}}
    )
    page = client.request_page(
        "GET",
        "/articles",
        page_model=ItemList,
        item=Item,
        paging=Paging("next_url", items="data"),
    )
    assert [i.id for i in page] == ["a", "a"]
    assert len(server.requests) == 2


def test_next_url_refuses_other_hosts(client: Intercom, server: FakeIntercom) -> None:
    server.reply(
        Reply(
            200,
            {
                "type": "list",
                "data": items("a"),
                "pages": {"next": "https://evil.example/steal"},
            },
        )
    )
    with pytest.raises(IntercomError, match="different host"):
        client.request_page(
            "GET",
            "/articles",
            page_model=ItemList,
            item=Item,
            paging=Paging("next_url", items="data"),
        )


# -- items under a key the model does not declare ---------------------------------


def test_items_under_undeclared_key(client: Intercom, server: FakeIntercom) -> None:
    server.reply(
        Reply(200, {"type": "ticket_type.list", "ticket_types": items("t1", "t2")})
    )
    page = client.request_page(
        "GET",
        "/ticket_types",
        page_model=Undeclared,
        item=Item,
        paging=Paging("cursor_query", items="ticket_types"),
    )
    assert all(isinstance(i, Item) for i in page.data)
    assert [i.id for i in page] == ["t1", "t2"]


# -- async ----------------------------------------------------------------------


async def test_async_for_over_paginator(
    async_client: AsyncIntercom, server: FakeIntercom
) -> None:
    server.handler = cursor_query_handler
    ids = [c.id async for c in async_client.contacts.list(per_page=2)]
    assert ids == ["a", "b", "c", "d", "e"]
    assert len(server.requests) == 3


async def test_async_await_page_then_walk(
    async_client: AsyncIntercom, server: FakeIntercom
) -> None:
    server.handler = cursor_query_handler
    paginator = async_client.contacts.list(per_page=2)
    assert server.requests == []  # nothing sent until awaited
    first = await paginator
    assert [c.id for c in first.data] == ["a", "b"]
    second = await first.get_next_page()
    assert [c.id for c in second.data] == ["c", "d"]
    sizes = [len(p.data) async for p in first.aiter_pages()]
    assert sizes == [2, 2, 1]
    assert [c.id async for c in first] == ["a", "b", "c", "d", "e"]


async def test_async_cursor_body_and_repeat_guard(
    async_client: AsyncIntercom, server: FakeIntercom
) -> None:
    server.handler = search_handler
    paginator = async_client.request_page(
        "POST",
        "/contacts/search",
        page_model=ItemList,
        item=Item,
        paging=Paging("cursor_body", items="data"),
        body={"query": {}, "pagination": {"per_page": 2}},
    )
    assert [i.id async for i in paginator] == ["a", "b", "c", "d", "e"]
    server.requests.clear()
    server.handler = lambda r: Reply(200, cursor_page(["z"], "loop"))
    assert [c.id async for c in async_client.contacts.list()] == ["z", "z"]
    assert len(server.requests) == 2


async def test_async_scroll(async_client: AsyncIntercom, server: FakeIntercom) -> None:
    server.reply(
        Reply(200, {"data": items("a"), "scroll_param": "s"}),
        Reply(200, {"data": items("b"), "scroll_param": "s"}),
        Reply(200, {"data": items("c"), "scroll_param": "s"}),
        Reply(200, {"data": [], "scroll_param": "s"}),
    )
    paginator = async_client.request_page(
        "GET",
        "/contacts/scroll",
        page_model=ScrollList,
        item=Item,
        paging=Paging("scroll", items="data"),
    )
    assert [i.id async for i in paginator] == ["a", "b", "c"]


# -- a next page that leads back to the first one -----------------------------------
# The first page's own request (a cursor, page number or URL the caller started from) counts as
# seen: a server that points back at it gets no second request for the same page.


def test_cursor_query_pointing_back_at_the_starting_cursor(
    client: Intercom, server: FakeIntercom
) -> None:
    server.handler = lambda r: Reply(200, cursor_page(["a"], "start"))
    ids = [c.id for c in client.contacts.list(starting_after="start")]
    assert ids == ["a"]
    assert [r.query.get("starting_after") for r in server.requests] == [["start"]]


def test_cursor_body_pointing_back_at_the_starting_cursor(
    client: Intercom, server: FakeIntercom
) -> None:
    server.handler = lambda r: Reply(200, cursor_page(["a"], "start"))
    page = client.request_page(
        "POST",
        "/contacts/search",
        page_model=ItemList,
        item=Item,
        paging=Paging("cursor_body", items="data"),
        body={"query": {}, "pagination": {"starting_after": "start"}},
    )
    assert [i.id for i in page] == ["a"]
    assert len(server.requests) == 1


def test_page_number_pointing_back_at_the_first_page(
    client: Intercom, server: FakeIntercom
) -> None:
    # The first answer says page 2 (next: 3); the next says page 1 (next: 2, the first again).
    server.reply(
        Reply(200, numbered_page(2, 5, ["b"])),
        Reply(200, numbered_page(1, 5, ["a"])),
        Reply(200, numbered_page(1, 5, ["a"])),
    )
    page = client.request_page(
        "GET",
        "/companies",
        page_model=ItemList,
        item=Item,
        paging=Paging("page_number", items="data"),
        query={"page": 2},
    )
    assert [i.id for i in page] == ["b", "a"]
    assert [r.query.get("page") for r in server.requests] == [["2"], ["3"]]


def test_next_url_pointing_back_at_the_first_page(
    client: Intercom, server: FakeIntercom
) -> None:
    server.handler = lambda r: Reply(
        200,
        {
            "type": "list",
            "data": items("a"),
            "pages": {"next": f"{server.url}/articles"},
        },
    )
    page = client.request_page(
        "GET",
        "/articles",
        page_model=ItemList,
        item=Item,
        paging=Paging("next_url", items="data"),
    )
    assert [i.id for i in page] == ["a"]
    assert len(server.requests) == 1
