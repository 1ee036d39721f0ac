"""Network faults the retry tests (test_retries.py) do not cover: partial bodies, slow
responses with a wall-time bound, 429 storms, and, for every non-idempotent operation of
the 2.9 API under every fault, a server-side count proving it was sent exactly once."""

from __future__ import annotations

import functools
import time
from typing import Any

import pytest

from intercom_sdk import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AsyncIntercom,
    Intercom,
    IntercomError,
    RateLimitError,
)

from tests.package.test_operations import build_call
from .conftest import TOKEN, SleepRecorder
from .fake_intercom import FakeIntercom, Reply

NOW = 1_700_000_000.0
CONTACT = {"type": "contact", "id": "c1", "email": "a@example.com"}
RATE_LIMITED = {"type": "error.list", "errors": [{"code": "rate_limit_exceeded", "message": "Rate Limit Exceeded"}]}


def test_partial_body_on_get_is_retried_then_fails_cleanly(
    client: Intercom, server: FakeIntercom, sleeps: SleepRecorder
) -> None:
    server.reply(*[Reply(200, CONTACT, partial=True) for _ in range(3)])
    with pytest.raises(APIConnectionError) as info:
        client.contacts.retrieve("c1")
    assert "RemoteProtocolError" in str(info.value) or "incomplete" in str(info.value).lower()
    assert len(server.requests) == 3 and len(sleeps.waits) == 2


def test_partial_body_then_success(client: Intercom, server: FakeIntercom, sleeps: SleepRecorder) -> None:
    server.reply(Reply(200, CONTACT, partial=True), Reply(200, CONTACT))
    assert client.contacts.retrieve("c1").email == "a@example.com"
    assert len(server.requests) == 2


def test_partial_body_on_post_is_never_resent(client: Intercom, server: FakeIntercom, sleeps: SleepRecorder) -> None:
    server.reply(Reply(200, {"type": "tag", "id": "1", "name": "x"}, partial=True), Reply(200, {"type": "tag"}))
    with pytest.raises(APIConnectionError):
        client.tags.create(name="x")
    assert [r.method for r in server.requests] == ["POST"]
    assert sleeps.waits == []


@pytest.mark.parametrize("max_retries", [0, 2])
def test_slow_responses_are_bounded_in_wall_time(server: FakeIntercom, sleeps: SleepRecorder, max_retries: int) -> None:
    server.reply(*[Reply(200, CONTACT, delay=1.0) for _ in range(max_retries + 1)])
    with Intercom(access_token=TOKEN, base_url=server.url, timeout=0.2, max_retries=max_retries) as client:
        client._sleep = sleeps
        started = time.monotonic()
        with pytest.raises(APITimeoutError):
            client.contacts.retrieve("c1")
        elapsed = time.monotonic() - started
    assert len(server.requests) == max_retries + 1
    # (attempts x timeout) + slack; the 1 s server delay is never waited out.
    assert elapsed < (max_retries + 1) * 0.2 + 0.6, elapsed


async def test_async_slow_responses_are_bounded_in_wall_time(server: FakeIntercom, sleeps: SleepRecorder) -> None:
    server.reply(*[Reply(200, CONTACT, delay=1.0) for _ in range(3)])
    async with AsyncIntercom(access_token=TOKEN, base_url=server.url, timeout=0.2, max_retries=2) as client:
        client._sleep = sleeps.async_sleep
        started = time.monotonic()
        with pytest.raises(APITimeoutError):
            await client.contacts.retrieve("c1")
        assert time.monotonic() - started < 3 * 0.2 + 0.6
    assert len(server.requests) == 3


@pytest.mark.parametrize("max_retries", [0, 2, 5])
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_429_storm_retries_exactly_max_retries(
    server: FakeIntercom, sleeps: SleepRecorder, max_retries: int, method: str
) -> None:
    """Every answer is 429 with X-RateLimit-Reset 10 s ahead: max_retries waits of 10 s each
    (faked), then RateLimitError; the real wall time stays small."""
    server.handler = lambda request: Reply(429, RATE_LIMITED, headers={"X-RateLimit-Reset": str(int(NOW) + 10)})
    with Intercom(access_token=TOKEN, base_url=server.url, max_retries=max_retries) as client:
        client._sleep = sleeps
        client._now = lambda: NOW
        started = time.monotonic()
        with pytest.raises(RateLimitError) as info:
            if method == "GET":
                client.contacts.retrieve("c1")
            else:
                client.tags.create(name="x")
        elapsed = time.monotonic() - started
    assert len(server.requests) == max_retries + 1
    assert sleeps.waits == [10.0] * max_retries
    assert elapsed < 1.0 + 0.1 * max_retries, elapsed
    assert info.value.response.headers["x-ratelimit-reset"] == str(int(NOW) + 10)
    assert TOKEN not in str(info.value)


def test_429_storm_with_a_reset_far_ahead_gives_up_at_once(server: FakeIntercom, sleeps: SleepRecorder) -> None:
    server.handler = lambda request: Reply(429, RATE_LIMITED, headers={"X-RateLimit-Reset": str(int(NOW) + 3600)})
    with Intercom(access_token=TOKEN, base_url=server.url, max_retries=5) as client:
        client._sleep = sleeps
        client._now = lambda: NOW
        with pytest.raises(RateLimitError):
            client.contacts.retrieve("c1")
    assert len(server.requests) == 1 and sleeps.waits == []


async def test_async_429_storm(server: FakeIntercom, sleeps: SleepRecorder) -> None:
    server.handler = lambda request: Reply(429, RATE_LIMITED, headers={"X-RateLimit-Reset": str(int(NOW) + 4)})
    async with AsyncIntercom(access_token=TOKEN, base_url=server.url, max_retries=3) as client:
        client._sleep = sleeps.async_sleep
        client._now = lambda: NOW
        with pytest.raises(RateLimitError):
            await client.contacts.retrieve("c1")
    assert len(server.requests) == 4 and sleeps.waits == [4.0, 4.0, 4.0]


# -- non-idempotent requests: never twice ----------------------------------------------------------

# Every fault after which the request may have been acted on. (429 is deliberately absent:
# Intercom rejects a rate-limited request before acting on it, so POSTs are retried on 429.)
FAULTS = {
    "drop": lambda: Reply(drop=True),
    "partial": lambda: Reply(200, {"type": "x"}, partial=True),
    "500": lambda: Reply(500, {"type": "error.list", "errors": [{"code": "server_error"}]}),
    "502-html": lambda: Reply(502, body=b"<html>Bad Gateway</html>", headers={"Content-Type": "text/html"}),
    "503-retry-after": lambda: Reply(503, {}, headers={"Retry-After": "1"}),
    "504": lambda: Reply(504, {}),
    "408": lambda: Reply(408, {}),
    "409": lambda: Reply(409, {"type": "error.list", "errors": [{"code": "conflict"}]}),
}


def non_idempotent(api29: Any) -> list[Any]:
    return [op for op in api29.operations if op.http_method in ("POST", "PATCH")]


@pytest.mark.parametrize("fault", list(FAULTS))
def test_no_non_idempotent_operation_is_ever_sent_twice(
    fault: str, api29: Any, spec29: dict[str, Any], server: FakeIntercom, sleeps: SleepRecorder
) -> None:
    ops = non_idempotent(api29)
    assert len(ops) > 30
    server.handler = lambda request: FAULTS[fault]()
    with Intercom(access_token=TOKEN, base_url=server.url, timeout=5.0, max_retries=5) as client:
        client._sleep = sleeps
        for op in ops:
            before = len(server.requests)
            args, kwargs, _, _ = build_call(spec29, op)
            with pytest.raises(IntercomError) as info:
                functools.reduce(getattr, [*op.resource, op.name], client)(*args, **kwargs)
            sent = server.requests[before:]
            assert len(sent) == 1, f"{op.operation_id} was sent {len(sent)} times after {fault}"
            assert sent[0].method == op.http_method
            assert isinstance(info.value, (APIConnectionError, APIStatusError)), info.value
            assert TOKEN not in str(info.value)
    assert sleeps.waits == []


def test_non_idempotent_read_timeout_is_never_resent(
    api29: Any, spec29: dict[str, Any], server: FakeIntercom, sleeps: SleepRecorder
) -> None:
    server.handler = lambda request: Reply(200, {}, delay=0.5)
    ops = non_idempotent(api29)[:4]
    with Intercom(access_token=TOKEN, base_url=server.url, timeout=0.1, max_retries=5) as client:
        client._sleep = sleeps
        for op in ops:
            before = len(server.requests)
            args, kwargs, _, _ = build_call(spec29, op)
            with pytest.raises(APITimeoutError):
                functools.reduce(getattr, [*op.resource, op.name], client)(*args, **kwargs)
            assert len(server.requests) - before == 1, op.operation_id
