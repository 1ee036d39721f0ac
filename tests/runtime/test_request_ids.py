"""What users get back carries its request: `_request_id` on returned models, `rate_limit` on
raw and streamed responses, `client.rate_limit` for the last one seen."""

from __future__ import annotations

import pickle

from intercom_sdk import AsyncIntercom, Intercom, RateLimit

from .fake_intercom import FakeIntercom, Recorded, Reply


def limits(remaining: int, request_id: str = "req-1") -> dict[str, str]:
    return {
        "X-RateLimit-Limit": "1000",
        "X-RateLimit-Remaining": str(remaining),
        "X-RateLimit-Reset": "1900000010",
        "X-Request-Id": request_id,
    }


CONTACT = {"type": "contact", "id": "c1", "email": "a@example.com", "location": {"type": "location", "city": "Dublin"}}


def test_returned_model_carries_its_request_id(client: Intercom, server: FakeIntercom) -> None:
    server.reply(Reply(200, CONTACT, headers=limits(999, "req-abc")))
    contact = client.contacts.retrieve("c1")
    assert contact._request_id == "req-abc"
    # Only on what the method returns: nested objects and models you build have None.
    assert contact.location is not None and contact.location._request_id is None
    assert type(contact).model_construct(id="c1")._request_id is None
    server.reply(Reply(200, CONTACT))  # the same contact, from a response without the header
    same = client.contacts.retrieve("c1")
    assert same._request_id is None
    # Invisible to serialization, equality and repr; kept by copies and pickling.
    assert "_request_id" not in contact.to_dict() and "req-abc" not in contact.to_json()
    assert "req-abc" not in contact.model_dump_json() and "req-abc" not in repr(contact)
    assert contact == same
    assert contact.model_copy(update={"email": "b@example.com"})._request_id == "req-abc"
    assert pickle.loads(pickle.dumps(contact))._request_id == "req-abc"


def test_no_request_id_header_leaves_none(client: Intercom, server: FakeIntercom) -> None:
    server.reply(Reply(200, CONTACT))
    assert client.contacts.retrieve("c1")._request_id is None


def test_lenient_model_carries_it_too(client: Intercom, server: FakeIntercom) -> None:
    # A body that does not match its model is kept (lenient mode) and still says where it came from.
    server.reply(Reply(200, {**CONTACT, "location": "not-an-object"}, headers={"X-Request-Id": "req-odd"}))
    assert client.contacts.retrieve("c1")._request_id == "req-odd"


def pages(request: Recorded) -> Reply:
    cursor = request.query.get("starting_after", [None])[0]
    following = {None: "p2", "p2": None}[cursor]
    return Reply(
        200,
        {
            "type": "list",
            "data": [{"type": "contact", "id": f"{cursor}-{i}"} for i in range(2)],
            "pages": {"next": {"starting_after": following} if following else None},
        },
        headers=limits(500, f"req-page-{cursor}"),
    )


def test_pages_and_their_items_carry_the_request_id(client: Intercom, server: FakeIntercom) -> None:
    server.handler = pages
    first = client.contacts.list()
    assert first.page._request_id == "req-page-None"
    assert {c._request_id for c in first.data} == {"req-page-None"}
    second = first.get_next_page()
    assert second.page._request_id == "req-page-p2"
    assert [(c.id, c._request_id) for c in client.contacts.list()] == [
        ("None-0", "req-page-None"),
        ("None-1", "req-page-None"),
        ("p2-0", "req-page-p2"),
        ("p2-1", "req-page-p2"),
    ]


def test_raw_response_rate_limit_and_client_last_seen(client: Intercom, server: FakeIntercom) -> None:
    assert client.rate_limit is None
    server.reply(Reply(200, CONTACT, headers=limits(998)))
    raw = client.with_raw_response.contacts.retrieve("c1")
    assert raw.rate_limit == RateLimit(limit=1000, remaining=998, reset_at=1900000010)
    assert client.rate_limit == raw.rate_limit
    assert raw.parse()._request_id == "req-1"
    server.reply(Reply(200, CONTACT, headers=limits(997)))
    client.contacts.retrieve("c1")
    assert client.rate_limit is not None and client.rate_limit.remaining == 997
    # A response without the headers (or with broken ones) leaves the last one in place.
    server.reply(Reply(200, CONTACT), Reply(200, CONTACT, headers={**limits(5), "X-RateLimit-Reset": "soon"}))
    client.contacts.retrieve("c1")
    raw = client.with_raw_response.contacts.retrieve("c1")
    assert raw.rate_limit is None
    assert client.rate_limit.remaining == 997
    assert repr(client.rate_limit) == "RateLimit(limit=1000, remaining=997, reset_at=1900000010.0)"


def test_errors_update_the_last_rate_limit(client: Intercom, server: FakeIntercom) -> None:
    server.reply(Reply(404, {"type": "error.list", "request_id": "req-e", "errors": []}, headers=limits(3)))
    try:
        client.contacts.retrieve("c1")
    except Exception as error:
        assert getattr(error, "request_id") == "req-e"
    assert client.rate_limit is not None and client.rate_limit.remaining == 3


def test_streamed_response_rate_limit(client: Intercom, server: FakeIntercom) -> None:
    server.reply(Reply(200, CONTACT, headers=limits(42, "req-s")))
    with client.contacts.with_streaming_response.retrieve("c1") as response:
        assert response.rate_limit is not None and response.rate_limit.remaining == 42
        assert response.request_id == "req-s"
    assert client.rate_limit is not None and client.rate_limit.remaining == 42


async def test_async_request_ids_and_rate_limits(async_client: AsyncIntercom, server: FakeIntercom) -> None:
    server.reply(Reply(200, CONTACT, headers=limits(7, "req-async")))
    contact = await async_client.contacts.retrieve("c1")
    assert contact._request_id == "req-async"
    assert async_client.rate_limit is not None and async_client.rate_limit.remaining == 7
    server.reply(Reply(200, CONTACT, headers=limits(6, "req-async-raw")))
    raw = await async_client.with_raw_response.contacts.retrieve("c1")
    assert raw.rate_limit is not None and raw.rate_limit.remaining == 6
    assert (await raw.parse())._request_id == "req-async-raw"
    server.handler = pages
    assert {c._request_id async for c in async_client.contacts.list()} == {"req-page-None", "req-page-p2"}
