"""The access token never shows up in logs, exception messages or reprs."""

from __future__ import annotations

import logging

import pytest

from intercom_sdk import (
    APIConnectionError,
    AsyncIntercom,
    AuthenticationError,
    Intercom,
)
from intercom_sdk._logs import logger as sdk_logger, setup_logging

from .conftest import TOKEN, SleepRecorder
from .fake_intercom import FakeIntercom, Reply, closed_port_url


def test_token_not_in_debug_logs(client: Intercom, server: FakeIntercom, caplog: pytest.LogCaptureFixture) -> None:
    server.reply(
        Reply(
            429,
            {
                "type": "error.list",
                "errors": [{"code": "rate_limit_exceeded", "message": "slow down"}],
            },
            headers={"Retry-After": "1"},
        ),
        Reply(200, {"type": "contact", "id": "c1"}),
        Reply(
            401,
            {
                "type": "error.list",
                "errors": [{"code": "unauthorized", "message": "Access Token Invalid"}],
            },
        ),
    )
    with caplog.at_level(logging.DEBUG):
        client.contacts.retrieve("c1")
        with pytest.raises(AuthenticationError):
            client.contacts.retrieve("c2")
    assert server.requests[0].headers["authorization"] == f"Bearer {TOKEN}"  # it was sent...
    assert TOKEN not in caplog.text  # ...but never logged
    assert "<redacted>" in caplog.text
    assert "retrying GET" in caplog.text and "429" in caplog.text
    assert any(r.levelno == logging.INFO and "/contacts/c1 -> 200" in r.getMessage() for r in caplog.records)


def test_token_not_in_exceptions_or_repr(client: Intercom, server: FakeIntercom, sleeps: SleepRecorder) -> None:
    server.reply(
        Reply(
            401,
            {
                "type": "error.list",
                "errors": [{"code": "unauthorized", "message": "Access Token Invalid"}],
            },
        )
    )
    with pytest.raises(AuthenticationError) as info:
        client.contacts.retrieve("c1")
    for text in (
        str(info.value),
        repr(info.value),
        repr(client),
        str(client),
        repr(client.with_options(max_retries=1)),
    ):
        assert TOKEN not in text
    with Intercom(access_token=TOKEN, base_url=closed_port_url(), max_retries=0) as offline:
        with pytest.raises(APIConnectionError) as conn:
            offline.contacts.retrieve("c1")
    assert TOKEN not in str(conn.value) and TOKEN not in repr(conn.value)


async def test_async_token_not_in_logs(
    async_client: AsyncIntercom, server: FakeIntercom, caplog: pytest.LogCaptureFixture
) -> None:
    server.reply(Reply(200, {"type": "contact", "id": "c1"}))
    with caplog.at_level(logging.DEBUG):
        await async_client.contacts.retrieve("c1")
    assert caplog.text
    assert TOKEN not in caplog.text
    assert TOKEN not in repr(async_client)


def test_intercom_log_env_configures_logger(monkeypatch: pytest.MonkeyPatch) -> None:
    old_level, old_handlers = sdk_logger.level, list(sdk_logger.handlers)
    try:
        sdk_logger.handlers.clear()
        monkeypatch.setenv("INTERCOM_LOG", "debug")
        setup_logging()
        assert sdk_logger.level == logging.DEBUG
        assert len(sdk_logger.handlers) == 1
        monkeypatch.setenv("INTERCOM_LOG", "info")
        setup_logging()
        assert sdk_logger.level == logging.INFO
        assert len(sdk_logger.handlers) == 1  # not added twice
    finally:
        sdk_logger.setLevel(old_level)
        sdk_logger.handlers[:] = old_handlers
