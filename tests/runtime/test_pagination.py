"""The six pagination styles and their page classes, walked over real HTTP."""

from __future__ import annotations

import logging
from typing import Any, List, Optional, get_args

import pytest

from intercom_sdk import AsyncIntercom, AsyncPage, Intercom, IntercomError, SyncPage
from intercom_sdk._models import BaseModel
from intercom_sdk.pagination import (
    PAGE_CLASSES,
    AsyncCursorBodyPage,
    AsyncCursorOrPageNumberPage,
    AsyncCursorQueryPage,
    AsyncNextUrlPage,
    AsyncPageNumberPage,
    AsyncScrollPage,
    BasePage,
    CursorBodyPage,
    CursorOrPageNumberPage,
    CursorQueryPage,
    NextUrlPage,
    PageClasses,
    PageInfo,
    PageNumberPage,
    Paging,
    PagingStyle,
    ScrollPage,
    SyncCursorBodyPage,
    SyncCursorOrPageNumberPage,
    SyncCursorQueryPage,
    SyncNextUrlPage,
    SyncPageNumberPage,
    SyncScrollPage,
)

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
# (client.contacts.list is a `pages` list in 2.9: these walk the cursor half of that style.)


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


def test_cursor_query_iter_pages_and_get_next_page(client: Intercom, server: FakeIntercom) -> None:
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


def test_missing_pages_means_single_page(client: Intercom, server: FakeIntercom) -> None:
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


def test_cursor_body_stops_on_repeated_cursor(client: Intercom, server: FakeIntercom) -> None:
    replies = {
        None: cursor_page(["a"], "cur1"),
        "cur1": cursor_page(["b"], "cur2"),
        "cur2": cursor_page(["c"], "cur1"),
    }
    server.handler = lambda r: Reply(200, replies[r.json().get("pagination", {}).get("starting_after")])
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


def test_page_number_stops_on_repeated_page(client: Intercom, server: FakeIntercom) -> None:
    server.handler = lambda r: Reply(200, numbered_page(1, 3, ["a"]))  # always claims page 1
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


def test_scroll_stops_when_it_does_not_move(client: Intercom, server: FakeIntercom) -> None:
    server.handler = lambda r: Reply(200, {"type": "list", "data": items("a"), "scroll_param": "stuck"})
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


def test_next_url_walks_relative_and_absolute_links(client: Intercom, server: FakeIntercom) -> None:
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
    server.handler = lambda r: Reply(200, {"type": "list", "data": items("a"), "pages": {"next": "/articles?page=2"}})
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
    server.reply(Reply(200, {"type": "ticket_type.list", "ticket_types": items("t1", "t2")}))
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


async def test_async_for_over_paginator(async_client: AsyncIntercom, server: FakeIntercom) -> None:
    server.handler = cursor_query_handler
    ids = [c.id async for c in async_client.contacts.list(per_page=2)]
    assert ids == ["a", "b", "c", "d", "e"]
    assert len(server.requests) == 3


async def test_async_await_page_then_walk(async_client: AsyncIntercom, server: FakeIntercom) -> None:
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


async def test_async_cursor_body_and_repeat_guard(async_client: AsyncIntercom, server: FakeIntercom) -> None:
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


# -- each style's page class --------------------------------------------------------

STYLE_CLASSES = [
    ("cursor_query", CursorQueryPage, SyncCursorQueryPage, AsyncCursorQueryPage),
    ("cursor_body", CursorBodyPage, SyncCursorBodyPage, AsyncCursorBodyPage),
    ("page_number", PageNumberPage, SyncPageNumberPage, AsyncPageNumberPage),
    (
        "pages",
        CursorOrPageNumberPage,
        SyncCursorOrPageNumberPage,
        AsyncCursorOrPageNumberPage,
    ),
    ("scroll", ScrollPage, SyncScrollPage, AsyncScrollPage),
    ("next_url", NextUrlPage, SyncNextUrlPage, AsyncNextUrlPage),
]


def test_every_style_has_page_classes() -> None:
    assert set(PAGE_CLASSES) == set(get_args(PagingStyle))
    assert [s for s, *_ in STYLE_CLASSES] == list(get_args(PagingStyle))


def one_page_request(style: str) -> dict[str, Any]:
    return dict(
        method="POST" if style == "cursor_body" else "GET",
        path="/things",
        page_model=ItemList,
        item=Item,
        paging=Paging(style, items="data"),  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(("style", "rule", "sync_class", "async_class"), STYLE_CLASSES)
def test_style_uses_its_page_class(
    style: str,
    rule: type[BasePage[Any, Any]],
    sync_class: type[SyncPage[Any, Any]],
    async_class: type[AsyncPage[Any, Any]],
    client: Intercom,
    server: FakeIntercom,
) -> None:
    classes = PAGE_CLASSES[style]  # type: ignore[index]
    assert (classes.sync, classes.async_) == (sync_class, async_class)
    server.handler = lambda r: Reply(200, {"type": "list", "data": items("a")})
    page = client.request_page(**one_page_request(style))
    assert type(page) is sync_class
    assert isinstance(page, rule) and isinstance(page, SyncPage)
    assert repr(page) == f"<{sync_class.__name__} ItemList items=1 has_next=False>"


@pytest.mark.parametrize(("style", "rule", "sync_class", "async_class"), STYLE_CLASSES)
async def test_async_style_uses_its_page_class(
    style: str,
    rule: type[BasePage[Any, Any]],
    sync_class: type[SyncPage[Any, Any]],
    async_class: type[AsyncPage[Any, Any]],
    async_client: AsyncIntercom,
    server: FakeIntercom,
) -> None:
    server.handler = lambda r: Reply(200, {"type": "list", "data": items("a")})
    page = await async_client.request_page(**one_page_request(style))
    assert type(page) is async_class
    assert isinstance(page, rule) and isinstance(page, AsyncPage)


def test_unknown_style_is_an_intercom_error(client: Intercom, server: FakeIntercom) -> None:
    server.reply(Reply(200, {"type": "list", "data": items("a")}))
    with pytest.raises(IntercomError, match="unknown paging style 'bogus'"):
        client.request_page(**one_page_request("bogus"))


# -- each style's next-request rule (next_page_info) -------------------------------

CURSOR_NEXT = cursor_page(["a"], "cur1")
NUMBERED_NEXT = numbered_page(1, 3, ["a"])
BOTH_NEXT = {**CURSOR_NEXT, "pages": {**CURSOR_NEXT["pages"], "page": 1}}

NEXT_PAGE_INFO = [
    (
        "cursor_query",
        CURSOR_NEXT,
        PageInfo(token="cur1", params={"starting_after": "cur1"}),
    ),
    (
        "cursor_body",
        CURSOR_NEXT,
        PageInfo(token="cur1", json={"pagination": {"starting_after": "cur1"}}),
    ),
    (
        "page_number",
        NUMBERED_NEXT,
        PageInfo(token="2", params={"page": 2}, drop_params=("starting_after",)),
    ),
    (
        "pages",
        BOTH_NEXT,
        PageInfo(token="cur1", params={"starting_after": "cur1"}, drop_params=("page",)),
    ),
    (
        "pages",
        NUMBERED_NEXT,
        PageInfo(token="2", params={"page": 2}, drop_params=("starting_after",)),
    ),
    (
        "next_url",
        {"data": items("a"), "pages": {"next": "/things?page=2"}},
        PageInfo(url="/things?page=2"),
    ),
]

LAST_PAGES = [
    ("cursor_query", cursor_page(["a"], None)),
    ("cursor_body", cursor_page(["a"], None)),
    ("page_number", numbered_page(3, 3, ["a"])),
    ("pages", numbered_page(3, 3, ["a"])),
    ("scroll", {"data": [], "scroll_param": "sp"}),
    ("next_url", {"data": items("a"), "pages": {"next": None}}),
]


@pytest.mark.parametrize(("style", "body", "expected"), NEXT_PAGE_INFO)
def test_next_page_info(
    style: str,
    body: dict[str, Any],
    expected: PageInfo,
    client: Intercom,
    server: FakeIntercom,
) -> None:
    server.reply(Reply(200, body))
    page = client.request_page(**one_page_request(style))
    assert page.next_page_info() == expected
    assert page.has_next_page()


def test_scroll_next_page_info_token_covers_the_items(client: Intercom, server: FakeIntercom) -> None:
    server.reply(
        Reply(200, {"data": items("a"), "scroll_param": "sp"}),
        Reply(200, {"data": items("b"), "scroll_param": "sp"}),
    )
    first = client.request_page(**one_page_request("scroll"))
    second = client.request_page(**one_page_request("scroll"))
    infos = [first.next_page_info(), second.next_page_info()]
    assert all(i is not None and i.params == {"scroll_param": "sp"} for i in infos)
    tokens = [i.token for i in infos if i is not None]
    assert all(t is not None and t.startswith("sp:") for t in tokens)
    assert tokens[0] != tokens[1]


@pytest.mark.parametrize(("style", "body"), LAST_PAGES)
def test_last_page_has_no_next_page_info(
    style: str, body: dict[str, Any], client: Intercom, server: FakeIntercom
) -> None:
    server.reply(Reply(200, body))
    page = client.request_page(**one_page_request(style))
    assert page.next_page_info() is None
    assert not page.has_next_page()
    assert len(server.requests) == 1


def test_page_info_takes_a_url_or_changes_with_a_token() -> None:
    with pytest.raises(ValueError, match="needs a token"):
        PageInfo(params={"page": 2})
    with pytest.raises(ValueError, match="not both"):
        PageInfo(url="/things?page=2", params={"page": 2})
    assert PageInfo(url="/x") == PageInfo(url="/x") != PageInfo(url="/y")
    assert repr(PageInfo(token="2", params={"page": 2})) == "PageInfo(token='2', params={'page': 2})"


# -- pages: the cursor when the page carries one, else the page number, never both --


def both_page(page: int, total: int, ids: list[str], cursor: str | None) -> dict[str, Any]:
    nxt = {"per_page": 2, "starting_after": cursor} if cursor else None
    return {
        "type": "list",
        "data": items(*ids),
        "pages": {
            "type": "pages",
            "page": page,
            "per_page": 2,
            "total_pages": total,
            "next": nxt,
        },
    }


def pages_handler(request: Recorded) -> Reply:
    """Page 1 hands out a cursor, page 2 (reached by it) only its number; page 3 is last."""
    key = (
        request.query.get("page", [None])[0],
        request.query.get("starting_after", [None])[0],
    )
    replies = {
        ("1", None): both_page(1, 3, ["a", "b"], "c1"),
        (None, "c1"): both_page(2, 3, ["c", "d"], None),
        ("3", None): both_page(3, 3, ["e"], None),
    }
    if key not in replies:
        return Reply(
            400,
            {"type": "error.list", "errors": [{"code": "bad", "message": repr(key)}]},
        )
    return Reply(200, replies[key])


PAGES_QUERIES = [
    {"page": ["1"], "per_page": ["2"]},
    {"per_page": ["2"], "starting_after": ["c1"]},
    {"page": ["3"], "per_page": ["2"]},
]


def test_pages_follows_the_cursor_else_the_page_number(client: Intercom, server: FakeIntercom) -> None:
    server.handler = pages_handler
    page = client.contacts.list(per_page=2, page=1)
    assert type(page) is SyncCursorOrPageNumberPage
    assert [c.id for c in page] == ["a", "b", "c", "d", "e"]
    assert [r.query for r in server.requests] == PAGES_QUERIES


async def test_async_pages_follows_the_cursor_else_the_page_number(
    async_client: AsyncIntercom, server: FakeIntercom
) -> None:
    server.handler = pages_handler
    ids = [c.id async for c in async_client.contacts.list(per_page=2, page=1)]
    assert ids == ["a", "b", "c", "d", "e"]
    assert [r.query for r in server.requests] == PAGES_QUERIES


def test_pages_cursor_replaces_a_given_page_and_number_a_given_cursor(client: Intercom, server: FakeIntercom) -> None:
    server.reply(
        Reply(200, both_page(4, 9, ["a"], "c5")),
        Reply(200, both_page(5, 9, ["b"], None)),
        Reply(200, both_page(6, 6, ["c"], None)),
    )
    page = client.contacts.list(page=4, starting_after="c4")
    assert [c.id for c in page] == ["a", "b", "c"]
    assert [r.query for r in server.requests] == [
        {"page": ["4"], "starting_after": ["c4"]},
        {"starting_after": ["c5"]},
        {"page": ["6"]},
    ]


def test_pages_stops_on_repeated_page_number(
    client: Intercom, server: FakeIntercom, caplog: pytest.LogCaptureFixture
) -> None:
    server.handler = lambda r: Reply(200, both_page(1, 3, ["a"], None))
    with caplog.at_level(logging.WARNING, logger="intercom_sdk"):
        assert [c.id for c in client.contacts.list()] == ["a", "a"]
    assert len(server.requests) == 2
    assert "already returned" in caplog.text and "(pages style)" in caplog.text


# -- next_url: a pages.next that is no URL ---------------------------------------------


def test_next_url_invalid_url_is_an_intercom_error(client: Intercom, server: FakeIntercom) -> None:
    server.reply(Reply(200, {"data": items("a"), "pages": {"next": "http://[::1"}}))
    with pytest.raises(IntercomError, match="invalid pages.next URL"):
        client.request_page(**one_page_request("next_url"))


# -- a new style is a page class: the base does the rest --------------------------------


class OffsetPage(BasePage[Any, Any]):
    """A made-up style: ``next_offset`` in the response, sent back as ``offset``."""

    def next_page_info(self) -> PageInfo | None:
        offset = self.page.model_extra.get("next_offset")
        if offset is None:
            return None
        if isinstance(offset, str):  # a URL: only to show the base checks it
            return PageInfo(url=offset)
        return PageInfo(token=str(offset), params={"offset": offset})

    def _page_token(self) -> object:
        return self._options.query.get("offset")


class SyncOffsetPage(OffsetPage, SyncPage[Any, Any]):
    pass


class AsyncOffsetPage(OffsetPage, AsyncPage[Any, Any]):
    pass


@pytest.fixture
def offset_style(monkeypatch: pytest.MonkeyPatch) -> Paging:
    monkeypatch.setitem(PAGE_CLASSES, "offset", PageClasses(SyncOffsetPage, AsyncOffsetPage))  # type: ignore[arg-type]
    return Paging("offset", items="data")  # type: ignore[arg-type]


def test_new_style_gets_loop_detection_from_the_base(
    offset_style: Paging,
    client: Intercom,
    server: FakeIntercom,
    caplog: pytest.LogCaptureFixture,
) -> None:
    offsets = {None: 2, "2": 4, "4": 2}  # the third page points back to the second
    server.handler = lambda r: Reply(
        200,
        {"data": items("x"), "next_offset": offsets[r.query.get("offset", [None])[0]]},
    )
    with caplog.at_level(logging.WARNING, logger="intercom_sdk"):
        page = client.request_page(
            "GET",
            "/things",
            page_model=ItemList,
            item=Item,
            paging=offset_style,
            query={"limit": 1},
        )
        assert type(page) is SyncOffsetPage
        assert len(list(page)) == 3
    assert [r.raw_query for r in server.requests] == [
        "limit=1",
        "limit=1&offset=2",
        "limit=1&offset=4",
    ]
    assert "token it already returned" in caplog.text and "(offset style)" in caplog.text


def test_new_style_gets_the_same_origin_check_from_the_base(
    offset_style: Paging, client: Intercom, server: FakeIntercom
) -> None:
    server.reply(Reply(200, {"data": items("x"), "next_offset": "https://evil.example/things"}))
    with pytest.raises(IntercomError, match="different host"):
        client.request_page("GET", "/things", page_model=ItemList, item=Item, paging=offset_style)


# -- a page's own token: the request that produced it counts as seen -------------------

OWN_TOKEN_CASES = [
    ("cursor_query", {"query": {"starting_after": "c0"}}, [cursor_page(["a"], "c0")]),
    (
        "cursor_body",
        {"body": {"pagination": {"starting_after": "c0"}}},
        [cursor_page(["a"], "c0")],
    ),
    ("pages", {"query": {"starting_after": "c0"}}, [both_page(1, 3, ["a"], "c0")]),
    # asked for page 2, the server says it sent page 0: its next, page 1, was the first page
    ("page_number", {}, [numbered_page(1, 3, ["a"]), numbered_page(0, 3, ["b"])]),
    (
        "next_url",
        {"query": {"page": 1}},
        [{"data": items("a"), "pages": {"next": "/things?page=1"}}],
    ),
]


@pytest.mark.parametrize(("style", "request_args", "bodies"), OWN_TOKEN_CASES)
def test_page_requested_with_a_token_is_not_fetched_again(
    style: str,
    request_args: dict[str, Any],
    bodies: list[dict[str, Any]],
    client: Intercom,
    server: FakeIntercom,
) -> None:
    server.reply(*(Reply(200, body) for body in bodies))
    page = client.request_page(**one_page_request(style), **request_args)
    assert len(list(page)) == len(bodies)
    assert len(server.requests) == len(bodies)


# -- a next page that leads back to the first one -----------------------------------
# The first page's own request (a cursor, page number or URL the caller started from) counts as
# seen: a server that points back at it gets no second request for the same page.


def test_cursor_query_pointing_back_at_the_starting_cursor(client: Intercom, server: FakeIntercom) -> None:
    server.handler = lambda r: Reply(200, cursor_page(["a"], "start"))
    ids = [c.id for c in client.contacts.list(starting_after="start")]
    assert ids == ["a"]
    assert [r.query.get("starting_after") for r in server.requests] == [["start"]]


def test_cursor_body_pointing_back_at_the_starting_cursor(client: Intercom, server: FakeIntercom) -> None:
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


def test_page_number_pointing_back_at_the_first_page(client: Intercom, server: FakeIntercom) -> None:
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


def test_next_url_pointing_back_at_the_first_page(client: Intercom, server: FakeIntercom) -> None:
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
