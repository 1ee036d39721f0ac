"""client.with_raw_response: status, headers, and lazy parsing."""

from __future__ import annotations

from intercom_sdk import (
    APIResponse,
    AsyncAPIResponse,
    AsyncIntercom,
    Intercom,
    SyncPage,
)
from intercom_sdk._response import RAW_RESPONSE_HEADER

from .fake_intercom import FakeIntercom, Recorded, Reply

RATE_HEADERS = {
    "X-RateLimit-Limit": "10000",
    "X-RateLimit-Remaining": "9998",
    "X-Request-Id": "req-raw-1",
}


def page_handler(request: Recorded) -> Reply:
    cursor = request.query.get("starting_after", [None])[0]
    nexts = {None: "p2", "p2": "p3", "p3": None}
    ids = {None: ["a"], "p2": ["b"], "p3": ["c"]}[cursor]
    following = nexts[cursor]
    return Reply(
        200,
        {
            "type": "list",
            "data": [{"id": i} for i in ids],
            "pages": {"next": {"starting_after": following} if following else None},
        },
        headers=RATE_HEADERS,
    )


def test_raw_retrieve(client: Intercom, server: FakeIntercom) -> None:
    server.reply(
        Reply(
            200,
            {"type": "contact", "id": "c1", "email": "x@example.com"},
            headers=RATE_HEADERS,
        )
    )
    raw = client.with_raw_response.contacts.retrieve("c1")
    assert isinstance(raw, APIResponse)
    assert raw.status_code == 200
    assert raw.headers["X-RateLimit-Remaining"] == "9998"
    assert raw.request_id == "req-raw-1"
    assert raw.json()["id"] == "c1"
    contact = raw.parse()
    assert contact.email == "x@example.com"
    assert raw.parse() is contact  # parsed once
    assert RAW_RESPONSE_HEADER.lower() not in server.requests[0].headers


def test_raw_list_parses_to_page(client: Intercom, server: FakeIntercom) -> None:
    server.handler = page_handler
    raw = client.with_raw_response.contacts.list(per_page=1)
    assert raw.headers["X-RateLimit-Remaining"] == "9998"
    page = raw.parse()
    assert isinstance(page, SyncPage)
    assert [c.id for c in page] == ["a", "b", "c"]
    assert all(RAW_RESPONSE_HEADER.lower() not in r.headers for r in server.requests)


async def test_async_raw_retrieve_and_list(async_client: AsyncIntercom, server: FakeIntercom) -> None:
    server.reply(Reply(200, {"type": "contact", "id": "c1"}, headers=RATE_HEADERS))
    raw = await async_client.with_raw_response.contacts.retrieve("c1")
    assert isinstance(raw, AsyncAPIResponse)
    assert raw.headers["x-ratelimit-remaining"] == "9998"
    assert (await raw.parse()).id == "c1"

    server.handler = page_handler
    raw_page = await async_client.with_raw_response.contacts.list()
    assert raw_page.status_code == 200
    page = await raw_page.parse()
    assert [c.id async for c in page] == ["a", "b", "c"]
