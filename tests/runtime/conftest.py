"""Fixtures for the runtime tests: a loopback fake Intercom and clients aimed at it."""

from __future__ import annotations

from typing import AsyncIterator, Iterator

import pytest
from intercom_sdk import AsyncIntercom, Intercom

from .fake_intercom import FakeIntercom

TOKEN = "tok_SECRET_dG9rOjEyMzQ1Njc4OTA="


class SleepRecorder:
    """Stands in for time.sleep / asyncio.sleep: records waits, returns at once."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)

    async def async_sleep(self, seconds: float) -> None:
        self.waits.append(seconds)


@pytest.fixture
def server() -> Iterator[FakeIntercom]:
    with FakeIntercom() as fake:
        yield fake


@pytest.fixture
def sleeps() -> SleepRecorder:
    return SleepRecorder()


@pytest.fixture
def client(server: FakeIntercom, sleeps: SleepRecorder) -> Iterator[Intercom]:
    with Intercom(access_token=TOKEN, base_url=server.url, timeout=5.0) as c:
        c._sleep = sleeps
        yield c


@pytest.fixture
async def async_client(server: FakeIntercom, sleeps: SleepRecorder) -> AsyncIterator[AsyncIntercom]:
    async with AsyncIntercom(access_token=TOKEN, base_url=server.url, timeout=5.0) as c:
        c._sleep = sleeps.async_sleep
        yield c
