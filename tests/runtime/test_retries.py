"""Retry policy: what is retried, how often, and how long we wait."""

from __future__ import annotations

import email.utils
from typing import Any

import httpx
import pytest

from intercom_sdk import (
    APIConnectionError,
    APIStatusError,
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


def test_retry_after_http_date(client: Intercom, server: FakeIntercom, sleeps: SleepRecorder) -> None:
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


def test_retries_exactly_max_retries_then_raises(client: Intercom, server: FakeIntercom, sleeps: SleepRecorder) -> None:
    server.reply(*[Reply(500, SERVER_ERROR) for _ in range(5)])
    with pytest.raises(InternalServerError):
        client.contacts.retrieve("c1")
    assert len(server.requests) == 3  # 1 attempt + max_retries=2
    assert len(sleeps.waits) == 2
    for retry, wait in enumerate(sleeps.waits):
        low, high = _backoff_range(retry)
        assert low <= wait <= high


@pytest.mark.parametrize("max_retries", [0, 1, 4])
def test_max_retries_option(client: Intercom, server: FakeIntercom, sleeps: SleepRecorder, max_retries: int) -> None:
    server.reply(*[Reply(502, SERVER_ERROR) for _ in range(10)])
    with pytest.raises(InternalServerError):
        client.with_options(max_retries=max_retries).contacts.retrieve("c1")
    assert len(server.requests) == max_retries + 1
    assert len(sleeps.waits) == max_retries


def test_backoff_is_capped(client: Intercom, server: FakeIntercom, sleeps: SleepRecorder) -> None:
    server.reply(*[Reply(500, SERVER_ERROR) for _ in range(8)])
    with pytest.raises(InternalServerError):
        client.with_options(max_retries=7).contacts.retrieve("c1")
    assert max(sleeps.waits) <= 8.0
    assert sleeps.waits[-1] >= 6.0


def test_too_long_retry_after_is_not_waited_for(client: Intercom, server: FakeIntercom, sleeps: SleepRecorder) -> None:
    server.reply(Reply(429, RATE_LIMITED, headers={"Retry-After": "3600"}), Reply(200, CONTACT))
    with pytest.raises(RateLimitError) as info:
        client.contacts.retrieve("c1")
    assert info.value.response.headers["Retry-After"] == "3600"
    assert len(server.requests) == 1
    assert sleeps.waits == []


def test_post_500_is_not_retried(client: Intercom, server: FakeIntercom, sleeps: SleepRecorder) -> None:
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


def test_post_429_is_retried(client: Intercom, server: FakeIntercom, sleeps: SleepRecorder) -> None:
    server.reply(
        Reply(429, RATE_LIMITED, headers={"Retry-After": "1"}),
        Reply(200, {"type": "conversation", "id": "9"}),
    )
    result = client.request("POST", "/conversations/1/reply", cast_to=dict, body={"body": "hi"})
    assert result == {"type": "conversation", "id": "9"}
    assert [r.method for r in server.requests] == ["POST", "POST"]
    assert server.requests[0].body == server.requests[1].body
    assert sleeps.waits == [1.0]


def test_post_dropped_connection_is_not_retried(client: Intercom, server: FakeIntercom, sleeps: SleepRecorder) -> None:
    # The server read the POST and then vanished: it may have acted on it.
    server.reply(Reply(drop=True), Reply(200, {"type": "conversation"}))
    with pytest.raises(APIConnectionError) as info:
        client.request("POST", "/messages", cast_to=dict, body={"body": "hi"})
    assert not isinstance(info.value, APITimeoutError)
    assert len(server.requests) == 1
    assert sleeps.waits == []


def test_get_dropped_connection_is_retried(client: Intercom, server: FakeIntercom, sleeps: SleepRecorder) -> None:
    server.reply(Reply(drop=True), Reply(200, CONTACT))
    assert client.contacts.retrieve("c1").email == "a@example.com"
    assert len(server.requests) == 2
    assert len(sleeps.waits) == 1


def test_post_connection_refused_is_retried(sleeps: SleepRecorder) -> None:
    # Refused means the request never left: resending a POST is safe.
    with Intercom(access_token=TOKEN, base_url=closed_port_url(), max_retries=2) as client:
        client._sleep = sleeps
        with pytest.raises(APIConnectionError) as info:
            client.request("POST", "/messages", cast_to=dict, body={"body": "hi"})
    assert "ConnectError" in str(info.value)
    assert len(sleeps.waits) == 2


def test_put_409_is_retried_but_get_404_is_not(client: Intercom, server: FakeIntercom, sleeps: SleepRecorder) -> None:
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


def test_timeout_raises_api_timeout_error(server: FakeIntercom, sleeps: SleepRecorder) -> None:
    server.reply(Reply(200, CONTACT, delay=0.5), Reply(200, CONTACT, delay=0.5))
    with Intercom(access_token=TOKEN, base_url=server.url, timeout=0.1, max_retries=1) as client:
        client._sleep = sleeps
        with pytest.raises(APITimeoutError):
            client.contacts.retrieve("c1")
    assert len(server.requests) == 2  # GET timeouts are retried
    assert len(sleeps.waits) == 1


def test_post_read_timeout_is_not_retried(client: Intercom, server: FakeIntercom, sleeps: SleepRecorder) -> None:
    server.reply(Reply(200, {}, delay=0.5))
    with pytest.raises(APITimeoutError):
        client.request("POST", "/messages", cast_to=dict, body={"body": "hi"}, timeout=0.1)
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
        await async_client.request("POST", "/messages", cast_to=dict, body={"body": "hi"})
    assert len(server.requests) == 1
    server.reply(Reply(429, RATE_LIMITED, headers={"Retry-After": "1"}), Reply(200, {"id": "m1"}))
    assert await async_client.request("POST", "/messages", cast_to=dict, body={"body": "hi"}) == {"id": "m1"}
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
    async with AsyncIntercom(access_token=TOKEN, base_url=server.url, timeout=0.1, max_retries=0) as client:
        with pytest.raises(APITimeoutError):
            await client.contacts.retrieve("c1")
    assert len(server.requests) == 1


# -- the retry rules at their boundaries (each test kills mutants of `make mutate`) -----------


def scripted_client(
    outcomes: list[int | type[Exception]], sleeps: SleepRecorder, **options: Any
) -> tuple[Intercom, list[httpx.Request]]:
    """A client whose transport answers with `outcomes` in turn: a status code, or an httpx
    exception raised instead of answering; then 200."""
    sent: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        outcome = outcomes[len(sent) - 1] if len(sent) <= len(outcomes) else 200
        if isinstance(outcome, int):
            return httpx.Response(outcome, json=CONTACT if outcome == 200 else SERVER_ERROR)
        raise outcome("scripted", request=request)  # type: ignore[call-arg]

    client = Intercom(
        access_token=TOKEN,
        http_client=httpx.Client(transport=httpx.MockTransport(handle)),
        **options,
    )
    client._sleep = sleeps
    return client, sent


@pytest.mark.parametrize("status", [408, 409, 429, 500, 503])
@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE", "HEAD", "OPTIONS"])
def test_idempotent_methods_are_retried_on_408_409_429_and_5xx(sleeps: SleepRecorder, method: str, status: int) -> None:
    client, sent = scripted_client([status], sleeps)
    client.request(method, "/contacts/c1", cast_to=type(None))
    assert [r.method for r in sent] == [method, method]
    assert len(sleeps.waits) == 1


@pytest.mark.parametrize("status", [400, 401, 403, 404, 422])
def test_other_4xx_are_not_retried(sleeps: SleepRecorder, status: int) -> None:
    client, sent = scripted_client([status], sleeps)
    with pytest.raises(APIStatusError) as info:
        client.request("GET", "/contacts/c1", cast_to=dict)
    assert info.value.status_code == status
    assert len(sent) == 1 and sleeps.waits == []


@pytest.mark.parametrize("status", [408, 409, 500, 503])
@pytest.mark.parametrize("method", ["POST", "PATCH"])
def test_post_and_patch_are_not_retried_on_anything_but_429(sleeps: SleepRecorder, method: str, status: int) -> None:
    client, sent = scripted_client([status], sleeps)
    with pytest.raises(APIStatusError):
        client.request(method, "/messages", cast_to=dict, body={"body": "hi"})
    assert len(sent) == 1 and sleeps.waits == []
    client, sent = scripted_client([429], sleeps)
    client.request(method, "/messages", cast_to=dict, body={"body": "hi"})
    assert len(sent) == 2


NOT_SENT = [httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout]
MAYBE_SENT = [
    httpx.ReadTimeout,
    httpx.WriteTimeout,
    httpx.ReadError,
    httpx.WriteError,
    httpx.RemoteProtocolError,
]


@pytest.mark.parametrize("error", NOT_SENT + MAYBE_SENT)
def test_get_retries_every_transport_failure(sleeps: SleepRecorder, error: type[Exception]) -> None:
    client, sent = scripted_client([error], sleeps)
    assert client.contacts.retrieve("c1").id == "c1"
    assert len(sent) == 2 and len(sleeps.waits) == 1


@pytest.mark.parametrize("error", NOT_SENT + MAYBE_SENT)
def test_post_is_resent_only_when_it_surely_never_left(sleeps: SleepRecorder, error: type[Exception]) -> None:
    client, sent = scripted_client([error], sleeps)
    if error in NOT_SENT:
        assert client.request("POST", "/messages", cast_to=dict, body={"body": "hi"})["id"] == "c1"
        assert len(sent) == 2
    else:
        with pytest.raises(APIConnectionError):
            client.request("POST", "/messages", cast_to=dict, body={"body": "hi"})
        assert len(sent) == 1


@pytest.mark.parametrize("error", NOT_SENT)
async def test_async_post_is_resent_when_it_never_left(sleeps: SleepRecorder, error: type[Exception]) -> None:
    sent: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        if len(sent) == 1:
            raise error("scripted", request=request)  # type: ignore[call-arg]
        return httpx.Response(200, json={"id": "m1"})

    async with AsyncIntercom(
        access_token=TOKEN,
        http_client=httpx.AsyncClient(transport=httpx.MockTransport(handle)),
    ) as client:
        client._sleep = sleeps.async_sleep
        assert await client.request("POST", "/messages", cast_to=dict, body={"body": "hi"}) == {"id": "m1"}
    assert len(sent) == 2


@pytest.mark.parametrize(("retry_after", "waited"), [("60", True), ("61", False), ("120", False)])
def test_retry_after_is_waited_for_up_to_60_seconds(
    client: Intercom,
    server: FakeIntercom,
    sleeps: SleepRecorder,
    retry_after: str,
    waited: bool,
) -> None:
    server.reply(
        Reply(429, RATE_LIMITED, headers={"Retry-After": retry_after}),
        Reply(200, CONTACT),
    )
    if waited:
        assert client.contacts.retrieve("c1").id == "c1"
        assert sleeps.waits == [60.0]
    else:
        with pytest.raises(RateLimitError):
            client.contacts.retrieve("c1")
        assert len(server.requests) == 1 and sleeps.waits == []
