"""Retry policy: what is retried, how often, and how long we wait."""

from __future__ import annotations

import email.utils

import pytest

from intercom_sdk import (
    APIConnectionError,
    APITimeoutError,
    AsyncIntercom,
    Intercom,
    InternalServerError,
    NotFoundError,
    RateLimitError,
)

from .conftest import TOKEN, SleepRecorder
from .fake_intercom import FakeIntercom, Reply, closed_port_url

NOW = 1_700_000_000.0
CONTACT = {"type": "contact", "id": "c1", "email": "a@example.com"}
RATE_LIMITED = {
    "type": "error.list",
    "errors": [{"code": "rate_limit_exceeded", "message": "Rate Limit Exceeded"}],
}
SERVER_ERROR = {
    "type": "error.list",
    "errors": [{"code": "server_error", "message": "Server Error"}],
}


def _backoff_range(retry: int) -> tuple[float, float]:
    base = min(0.5 * 2**retry, 8.0)
    return base * 0.75, base


def test_get_honours_retry_after_and_ratelimit_reset(
    client: Intercom, server: FakeIntercom, sleeps: SleepRecorder
) -> None:
    client._now = lambda: NOW
    server.reply(
        Reply(429, RATE_LIMITED, headers={"Retry-After": "2"}),
        Reply(429, RATE_LIMITED, headers={"X-RateLimit-Reset": str(int(NOW) + 3)}),
        Reply(200, CONTACT),
    )
    contact = client.contacts.retrieve("c1")
    assert contact.id == "c1"
    assert len(server.requests) == 3
    assert sleeps.waits == [2.0, 3.0]


def test_retry_after_http_date(
    client: Intercom, server: FakeIntercom, sleeps: SleepRecorder
) -> None:
    client._now = lambda: NOW
    server.reply(
        Reply(
            503,
            SERVER_ERROR,
            headers={"Retry-After": email.utils.formatdate(NOW + 4, usegmt=True)},
        ),
        Reply(200, CONTACT),
    )
    client.contacts.retrieve("c1")
    assert sleeps.waits == [4.0]


def test_retries_exactly_max_retries_then_raises(
    client: Intercom, server: FakeIntercom, sleeps: SleepRecorder
) -> None:
    server.reply(*[Reply(500, SERVER_ERROR) for _ in range(5)])
    with pytest.raises(InternalServerError):
        client.contacts.retrieve("c1")
    assert len(server.requests) == 3  # 1 attempt + max_retries=2
    assert len(sleeps.waits) == 2
    for retry, wait in enumerate(sleeps.waits):
        low, high = _backoff_range(retry)
        assert low <= wait <= high


@pytest.mark.parametrize("max_retries", [0, 1, 4])
def test_max_retries_option(
    client: Intercom, server: FakeIntercom, sleeps: SleepRecorder, max_retries: int
) -> None:
    server.reply(*[Reply(502, SERVER_ERROR) for _ in range(10)])
    with pytest.raises(InternalServerError):
        client.with_options(max_retries=max_retries).contacts.retrieve("c1")
    assert len(server.requests) == max_retries + 1
    assert len(sleeps.waits) == max_retries


def test_backoff_is_capped(
    client: Intercom, server: FakeIntercom, sleeps: SleepRecorder
) -> None:
    server.reply(*[Reply(500, SERVER_ERROR) for _ in range(8)])
    with pytest.raises(InternalServerError):
        client.with_options(max_retries=7).contacts.retrieve("c1")
    assert max(sleeps.waits) <= 8.0
    assert sleeps.waits[-1] >= 6.0


def test_too_long_retry_after_is_not_waited_for(
    client: Intercom, server: FakeIntercom, sleeps: SleepRecorder
) -> None:
    server.reply(
        Reply(429, RATE_LIMITED, headers={"Retry-After": "3600"}), Reply(200, CONTACT)
    )
    with pytest.raises(RateLimitError) as info:
        client.contacts.retrieve("c1")
    assert info.value.response.headers["Retry-After"] == "3600"
    assert len(server.requests) == 1
    assert sleeps.waits == []


def test_post_500_is_not_retried(
    client: Intercom, server: FakeIntercom, sleeps: SleepRecorder
) -> None:
    server.reply(Reply(500, SERVER_ERROR), Reply(200, {"type": "conversation"}))
    with pytest.raises(InternalServerError):
        client.request(
            "POST",
            "/conversations/1/reply",
            cast_to=dict,
            body={"message_type": "comment", "body": "hi"},
        )
    assert len(server.requests) == 1
    assert sleeps.waits == []


def test_post_429_is_retried(
    client: Intercom, server: FakeIntercom, sleeps: SleepRecorder
) -> None:
    server.reply(
        Reply(429, RATE_LIMITED, headers={"Retry-After": "1"}),
        Reply(200, {"type": "conversation", "id": "9"}),
    )
    result = client.request(
        "POST", "/conversations/1/reply", cast_to=dict, body={"body": "hi"}
    )
    assert result == {"type": "conversation", "id": "9"}
    assert [r.method for r in server.requests] == ["POST", "POST"]
    assert server.requests[0].body == server.requests[1].body
    assert sleeps.waits == [1.0]


def test_post_dropped_connection_is_not_retried(
    client: Intercom, server: FakeIntercom, sleeps: SleepRecorder
) -> None:
    # The server read the POST and then vanished: it may have acted on it.
    server.reply(Reply(drop=True), Reply(200, {"type": "conversation"}))
    with pytest.raises(APIConnectionError) as info:
        client.request("POST", "/messages", cast_to=dict, body={"body": "hi"})
    assert not isinstance(info.value, APITimeoutError)
    assert len(server.requests) == 1
    assert sleeps.waits == []


def test_get_dropped_connection_is_retried(
    client: Intercom, server: FakeIntercom, sleeps: SleepRecorder
) -> None:
    server.reply(Reply(drop=True), Reply(200, CONTACT))
    assert client.contacts.retrieve("c1").email == "a@example.com"
    assert len(server.requests) == 2
    assert len(sleeps.waits) == 1


def test_post_connection_refused_is_retried(sleeps: SleepRecorder) -> None:
    # Refused means the request never left: resending a POST is safe.
    with Intercom(
        access_token=TOKEN, base_url=closed_port_url(), max_retries=2
    ) as client:
        client._sleep = sleeps
        with pytest.raises(APIConnectionError) as info:
            client.request("POST", "/messages", cast_to=dict, body={"body": "hi"})
    assert "ConnectError" in str(info.value)
    assert len(sleeps.waits) == 2


def test_put_409_is_retried_but_get_404_is_not(
    client: Intercom, server: FakeIntercom, sleeps: SleepRecorder
) -> None:
    server.reply(
        Reply(
            409,
            {"type": "error.list", "errors": [{"code": "conflict", "message": "busy"}]},
        ),
        Reply(200, CONTACT),
    )
    client.request("PUT", "/contacts/c1", cast_to=dict, body={"name": "x"})
    assert len(server.requests) == 2
    server.reply(
        Reply(
            404,
            {
                "type": "error.list",
                "errors": [{"code": "not_found", "message": "nope"}],
            },
        )
    )
    with pytest.raises(NotFoundError):
        client.contacts.retrieve("c1")
    assert len(server.requests) == 3


def test_timeout_raises_api_timeout_error(
    server: FakeIntercom, sleeps: SleepRecorder
) -> None:
    server.reply(Reply(200, CONTACT, delay=0.5), Reply(200, CONTACT, delay=0.5))
    with Intercom(
        access_token=TOKEN, base_url=server.url, timeout=0.1, max_retries=1
    ) as client:
        client._sleep = sleeps
        with pytest.raises(APITimeoutError):
            client.contacts.retrieve("c1")
    assert len(server.requests) == 2  # GET timeouts are retried
    assert len(sleeps.waits) == 1


def test_post_read_timeout_is_not_retried(
    client: Intercom, server: FakeIntercom, sleeps: SleepRecorder
) -> None:
    server.reply(Reply(200, {}, delay=0.5))
    with pytest.raises(APITimeoutError):
        client.request(
            "POST", "/messages", cast_to=dict, body={"body": "hi"}, timeout=0.1
        )
    assert len(server.requests) == 1
    assert sleeps.waits == []


# -- async ------------------------------------------------------------------


async def test_async_honours_retry_after(
    async_client: AsyncIntercom, server: FakeIntercom, sleeps: SleepRecorder
) -> None:
    async_client._now = lambda: NOW
    server.reply(
        Reply(429, RATE_LIMITED, headers={"Retry-After": "2"}),
        Reply(429, RATE_LIMITED, headers={"X-RateLimit-Reset": str(int(NOW) + 5)}),
        Reply(200, CONTACT),
    )
    contact = await async_client.contacts.retrieve("c1")
    assert contact.id == "c1"
    assert sleeps.waits == [2.0, 5.0]


async def test_async_retries_exactly_max_retries(
    async_client: AsyncIntercom, server: FakeIntercom, sleeps: SleepRecorder
) -> None:
    server.reply(*[Reply(503, SERVER_ERROR) for _ in range(5)])
    with pytest.raises(InternalServerError):
        await async_client.contacts.retrieve("c1")
    assert len(server.requests) == 3
    assert len(sleeps.waits) == 2


async def test_async_post_500_not_retried_429_retried(
    async_client: AsyncIntercom, server: FakeIntercom, sleeps: SleepRecorder
) -> None:
    server.reply(Reply(500, SERVER_ERROR))
    with pytest.raises(InternalServerError):
        await async_client.request(
            "POST", "/messages", cast_to=dict, body={"body": "hi"}
        )
    assert len(server.requests) == 1
    server.reply(
        Reply(429, RATE_LIMITED, headers={"Retry-After": "1"}), Reply(200, {"id": "m1"})
    )
    assert await async_client.request(
        "POST", "/messages", cast_to=dict, body={"body": "hi"}
    ) == {"id": "m1"}
    assert len(server.requests) == 3
    assert sleeps.waits == [1.0]


async def test_async_get_dropped_connection_is_retried(
    async_client: AsyncIntercom, server: FakeIntercom, sleeps: SleepRecorder
) -> None:
    server.reply(Reply(drop=True), Reply(200, CONTACT))
    assert (await async_client.contacts.retrieve("c1")).id == "c1"
    assert len(server.requests) == 2


async def test_async_timeout(server: FakeIntercom, sleeps: SleepRecorder) -> None:
    server.reply(Reply(200, CONTACT, delay=0.5))
    async with AsyncIntercom(
        access_token=TOKEN, base_url=server.url, timeout=0.1, max_retries=0
    ) as client:
        with pytest.raises(APITimeoutError):
            await client.contacts.retrieve("c1")
    assert len(server.requests) == 1
