"""The access token never appears in any exception the SDK can raise (message, repr, args,
the whole formatted traceback with its causes), in raw response wrappers or pages, or in
logs at any level, whatever fault provoked it. (test_security.py covers the basics.)"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

import pytest

from intercom_sdk import (
    APIConnectionError,
    APIResponseValidationError,
    APITimeoutError,
    AsyncIntercom,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    Intercom,
    IntercomError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
)
from intercom_sdk._exceptions import APIStatusError

from .conftest import TOKEN, SleepRecorder
from .fake_intercom import FakeIntercom, Reply, closed_port_url

ERROR_LIST = {"type": "error.list", "request_id": "r1", "errors": [{"code": "x", "message": "nope", "field": "email"}]}


def leaks(*objects: object) -> list[str]:
    found = []
    for obj in objects:
        texts = [str(obj), repr(obj)]
        if isinstance(obj, BaseException):
            texts += ["".join(traceback.format_exception(obj)), repr(obj.args), repr(vars(obj))]
        found += [t[:300] for t in texts if TOKEN in t]
    return found


STATUS_CASES: list[tuple[Reply, type[IntercomError]]] = [
    (Reply(400, ERROR_LIST), BadRequestError),
    (Reply(401, ERROR_LIST), AuthenticationError),
    (Reply(403, ERROR_LIST), PermissionDeniedError),
    (Reply(404, ERROR_LIST), NotFoundError),
    (Reply(409, ERROR_LIST), ConflictError),
    (Reply(422, ERROR_LIST), UnprocessableEntityError),
    (Reply(429, ERROR_LIST, headers={"Retry-After": "1"}), RateLimitError),
    (Reply(500, ERROR_LIST), InternalServerError),
    (Reply(418, body=b"<html>teapot</html>", headers={"Content-Type": "text/html"}), APIStatusError),
    (Reply(200, body=b"{not json"), APIResponseValidationError),
    (Reply(200, {"type": "contact", "id": 5, "email": []}), APIResponseValidationError),  # strict
    (Reply(drop=True), APIConnectionError),
    (Reply(200, CONTACT := {"type": "contact", "id": "c1"}, partial=True), APIConnectionError),
    (Reply(200, CONTACT, delay=0.5), APITimeoutError),
]


@pytest.mark.parametrize(
    ("reply", "expected"), STATUS_CASES, ids=[f"{c[1].__name__}-{i}" for i, c in enumerate(STATUS_CASES)]
)
def test_no_exception_carries_the_token(
    reply: Reply,
    expected: type[IntercomError],
    server: FakeIntercom,
    sleeps: SleepRecorder,
    caplog: pytest.LogCaptureFixture,
) -> None:
    server.handler = lambda request: reply
    with Intercom(
        access_token=TOKEN, base_url=server.url, timeout=0.2, max_retries=1, strict_response_validation=True
    ) as client:
        client._sleep = sleeps
        with caplog.at_level(logging.DEBUG, logger="intercom_sdk"), pytest.raises(expected) as info:
            client.contacts.retrieve("c1")
        with caplog.at_level(logging.DEBUG, logger="intercom_sdk"), pytest.raises(IntercomError) as raw_info:
            client.with_raw_response.contacts.retrieve("c1").parse()
    assert server.requests[0].headers["authorization"] == f"Bearer {TOKEN}"
    assert not leaks(info.value, raw_info.value, client)
    assert caplog.records and TOKEN not in caplog.text


def test_connection_refused_and_bad_options(sleeps: SleepRecorder, caplog: pytest.LogCaptureFixture) -> None:
    errors: list[BaseException] = []
    with caplog.at_level(logging.DEBUG, logger="intercom_sdk"):
        with Intercom(access_token=TOKEN, base_url=closed_port_url(), max_retries=2) as client:
            client._sleep = sleeps
            with pytest.raises(APIConnectionError) as info:
                client.contacts.retrieve("c1")
            errors.append(info.value)
        attempts: list[Callable[[], Any]] = [
            lambda: Intercom(access_token=TOKEN, region="mars"),  # type: ignore[arg-type]
            lambda: Intercom(access_token=TOKEN, base_url="ftp://x"),
            lambda: Intercom(access_token=TOKEN, max_retries=-1),
            lambda: Intercom(access_token=TOKEN, http_client=object()),  # type: ignore[arg-type]
        ]
        for attempt in attempts:
            with pytest.raises((IntercomError, ValueError, TypeError)) as bad:
                attempt()
            errors.append(bad.value)
    assert not leaks(*errors)
    assert TOKEN not in caplog.text


def test_raw_responses_and_pages_do_not_show_the_token(client: Intercom, server: FakeIntercom) -> None:
    page = {"type": "list", "data": [{"type": "contact", "id": "c1"}], "pages": {"type": "pages", "next": None}}
    server.reply(Reply(200, {"type": "contact", "id": "c1"}), Reply(200, page), Reply(200, page))
    raw = client.with_raw_response.contacts.retrieve("c1")
    raw_page = client.with_raw_response.contacts.list()
    first_page = client.contacts.list()
    objects = [
        raw,
        raw.http_response,
        raw.http_response.request,
        raw.headers,
        raw.parse(),
        raw_page,
        raw_page.parse(),
        first_page,
        first_page.http_response.request,
        raw.http_response.request.headers,
    ]
    assert not leaks(*objects)
    assert repr(raw).startswith("<APIResponse [200] GET ")


async def test_async_raw_response_and_errors(
    server: FakeIntercom, sleeps: SleepRecorder, caplog: pytest.LogCaptureFixture
) -> None:
    server.reply(Reply(200, {"type": "contact", "id": "c1"}), Reply(401, ERROR_LIST), Reply(drop=True))
    async with AsyncIntercom(access_token=TOKEN, base_url=server.url, max_retries=0) as client:
        client._sleep = sleeps.async_sleep
        with caplog.at_level(logging.DEBUG, logger="intercom_sdk"):
            raw = await client.with_raw_response.contacts.retrieve("c1")
            with pytest.raises(AuthenticationError) as auth:
                await client.contacts.retrieve("c1")
            with pytest.raises(APIConnectionError) as conn:
                await client.contacts.retrieve("c1")
    assert not leaks(raw, await raw.parse(), auth.value, conn.value, client)
    assert TOKEN not in caplog.text
