"""Intercom(throttle=True): the pacing rule with an injected clock, then over real HTTP against a
loopback server that enforces a rate-limit window (docs/rate-limits.md)."""

from __future__ import annotations

import asyncio
import json
import math
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import intercom_sdk
import pytest
from intercom_sdk import AsyncIntercom, Intercom, RateLimit
from intercom_sdk._throttle import Pacer

from .conftest import TOKEN
from .fake_intercom import FakeIntercom, Recorded, Reply

T0 = 1_900_000_000.0


def rl(remaining: int, reset_at: float, limit: int = 100) -> RateLimit:
    return RateLimit(limit=limit, remaining=remaining, reset_at=reset_at)


# -- the rule, on the pacer alone --------------------------------------------------------


def test_nothing_known_means_no_wait() -> None:
    pacer = Pacer(max_wait=60)
    assert [pacer.reserve(T0) for _ in range(5)] == [0.0] * 5


def test_remaining_calls_are_spread_evenly_until_the_reset() -> None:
    pacer = Pacer(max_wait=60)
    pacer.reserve(T0)
    pacer.update(rl(10, T0 + 10), T0)  # 10 calls left for 10 s
    pacer.release()
    # Four calls asking at once queue one second apart: (reset - start) / remaining each time.
    waits = [pacer.reserve(T0) for _ in range(4)]
    assert waits == pytest.approx([0.0, 1.0, 2.0, 3.0])


def test_spacing_follows_the_time_left() -> None:
    pacer = Pacer(max_wait=60)
    pacer.reserve(T0)
    pacer.update(rl(4, T0 + 2), T0)
    pacer.release()
    assert pacer.reserve(T0) == 0.0  # next start: T0 + 2/4
    pacer.release()
    assert pacer.reserve(T0 + 0.1) == pytest.approx(0.4)  # waits for T0 + 0.5
    pacer.release()
    # Asked late (T0 + 1.5 > T0 + 1.0 scheduled): no wait, and the 2 calls left share 0.5 s.
    assert pacer.reserve(T0 + 1.5) == 0.0
    pacer.release()
    assert pacer.reserve(T0 + 1.5) == pytest.approx(0.25)


def test_nothing_left_waits_for_the_reset_and_never_past_it() -> None:
    pacer = Pacer(max_wait=60)
    pacer.reserve(T0)
    pacer.update(rl(0, T0 + 3), T0)
    pacer.release()
    assert [pacer.reserve(T0 + 1) for _ in range(3)] == [2.0, 2.0, 2.0]
    for _ in range(3):
        pacer.release()
    # One left: it goes now, the next one at the reset, not later.
    pacer = Pacer(max_wait=60)
    pacer.reserve(T0)
    pacer.update(rl(1, T0 + 3), T0)
    pacer.release()
    assert pacer.reserve(T0) == 0.0
    assert pacer.reserve(T0) == 3.0
    assert pacer.reserve(T0) == 3.0


def test_after_the_reset_calls_go_at_once() -> None:
    pacer = Pacer(max_wait=60)
    pacer.reserve(T0)
    pacer.update(rl(0, T0 + 1), T0)
    pacer.release()
    assert pacer.reserve(T0 + 1) == 0.0
    assert pacer.reserve(T0 + 1) == 0.0


def test_calls_in_flight_are_not_counted_twice_or_forgotten() -> None:
    pacer = Pacer(max_wait=60)
    for _ in range(4):
        pacer.reserve(T0)  # four calls sent before any answer
    # The first answer says 10 left; three others are still out: 7 left for the next calls.
    pacer.update(rl(10, T0 + 8), T0)
    pacer.release()
    assert pacer._remaining == 7
    # A later answer from the same window can only lower it; an older window's is ignored.
    pacer.update(rl(9, T0 + 8), T0)
    pacer.release()
    assert pacer._remaining == 7
    pacer.update(rl(2, T0 + 8), T0)
    pacer.release()
    assert pacer._remaining == 1
    pacer.update(rl(50, T0 + 4), T0)
    assert pacer._remaining == 1
    # A new window replaces it.
    pacer.update(rl(50, T0 + 18), T0 + 9)
    assert pacer._reset_at == T0 + 18 and pacer._remaining == 50


def test_untrustworthy_resets_are_ignored() -> None:
    pacer = Pacer(max_wait=60)
    pacer.update(rl(0, T0 - 1), T0)  # already past (clock skew)
    pacer.update(rl(0, T0 + 3600), T0)  # an hour away: not a window we pace by
    assert pacer.reserve(T0) == 0.0


# -- the client, with an injected clock -----------------------------------------------------


class Clock:
    """time.time and time.sleep for a client: sleeping moves the clock."""

    def __init__(self) -> None:
        self.now = T0
        self.sleeps: list[float] = []

    def time(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 6))
        self.now += seconds

    async def async_sleep(self, seconds: float) -> None:
        self.sleep(seconds)


def window_headers(remaining: int, reset_at: float, limit: int = 10) -> dict[str, str]:
    return {
        "X-RateLimit-Limit": str(limit),
        "X-RateLimit-Remaining": str(remaining),
        "X-RateLimit-Reset": f"{reset_at:.0f}",
    }


def test_client_spaces_calls_by_the_headers(server: FakeIntercom) -> None:
    clock = Clock()
    # Intercom answers: 9, 8, 7, ... calls left in a window resetting 10 s from now.
    server.reply(
        *(Reply(200, {"type": "contact", "id": "c"}, headers=window_headers(9 - i, T0 + 10)) for i in range(5))
    )
    with Intercom(access_token=TOKEN, base_url=server.url, throttle=True) as client:
        client._now, client._sleep = clock.time, clock.sleep
        for _ in range(5):
            client.contacts.retrieve("c")
    # The first call knows nothing; from then on 9 calls share 10 s: 10/9 s apart.
    assert clock.sleeps == pytest.approx([10 / 9] * 3)
    assert clock.now == pytest.approx(T0 + 3 * 10 / 9)


def test_without_throttle_nothing_waits(client: Intercom, server: FakeIntercom) -> None:
    clock = Clock()
    client._now, client._sleep = clock.time, clock.sleep
    server.reply(*(Reply(200, {"type": "contact", "id": "c"}, headers=window_headers(0, T0 + 10)) for _ in range(3)))
    for _ in range(3):
        client.contacts.retrieve("c")
    assert clock.sleeps == []
    assert client.throttle is False and client._pacer is None


def test_a_spent_budget_waits_for_the_reset_instead_of_collecting_429s(server: FakeIntercom) -> None:
    clock = Clock()
    ok = {"type": "contact", "id": "c"}
    server.reply(
        Reply(200, ok, headers=window_headers(0, T0 + 4)),
        Reply(200, ok, headers=window_headers(9, T0 + 14)),
    )
    with Intercom(access_token=TOKEN, base_url=server.url, throttle=True) as client:
        client._now, client._sleep = clock.time, clock.sleep
        client.contacts.retrieve("c")
        client.contacts.retrieve("c")
    assert clock.sleeps == [4.0]  # until the reset, exactly
    assert all(r.path == "/contacts/c" for r in server.requests) and len(server.requests) == 2


def test_a_429_is_waited_out_once(server: FakeIntercom) -> None:
    """The retry already waits for X-RateLimit-Reset; the pacer adds no second wait."""
    clock = Clock()
    server.reply(
        Reply(
            429, {"type": "error.list", "errors": [{"code": "rate_limit_exceeded"}]}, headers=window_headers(0, T0 + 5)
        ),
        Reply(200, {"type": "contact", "id": "c"}, headers=window_headers(9, T0 + 15)),
    )
    with Intercom(access_token=TOKEN, base_url=server.url, throttle=True) as client:
        client._now, client._sleep = clock.time, clock.sleep
        client.contacts.retrieve("c")
    assert clock.sleeps == [5.0]


async def test_async_client_spaces_calls_by_the_headers(server: FakeIntercom) -> None:
    clock = Clock()
    server.reply(
        *(Reply(200, {"type": "contact", "id": "c"}, headers=window_headers(9 - i, T0 + 10)) for i in range(4))
    )
    async with AsyncIntercom(access_token=TOKEN, base_url=server.url, throttle=True) as client:
        client._now, client._sleep = clock.time, clock.async_sleep
        for _ in range(4):
            await client.contacts.retrieve("c")
    assert clock.sleeps == pytest.approx([10 / 9] * 2)


def test_with_options_copies_share_the_budget(server: FakeIntercom) -> None:
    with Intercom(access_token=TOKEN, base_url=server.url, throttle=True) as client:
        assert client.throttle
        assert client.with_options(max_retries=0)._pacer is client._pacer
        assert client.with_options(access_token="other-token")._pacer is not client._pacer
        assert client.with_options(throttle=False)._pacer is None
    with Intercom(access_token=TOKEN, base_url=server.url) as plain:
        copy = plain.with_options(throttle=True)
        assert copy.throttle and plain._pacer is None


def test_throttle_machinery_loads_only_when_asked_for() -> None:
    script = """
import json, sys
from intercom_sdk import Intercom
Intercom(access_token="x")
before = "intercom_sdk._throttle" in sys.modules
Intercom(access_token="x", throttle=True)
print(json.dumps([before, "intercom_sdk._throttle" in sys.modules]))
"""
    src = str(Path(intercom_sdk.__file__).parent.parent)
    result = subprocess.run([sys.executable, "-c", script], env={"PYTHONPATH": src}, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [False, True]


# -- real time, over HTTP, against a server enforcing a window ------------------------------


class Window:
    """A handler enforcing `limit` calls per `seconds`-long window (windows aligned on
    multiples of `seconds` of Unix time, as Intercom's whole-second resets are), with
    Intercom's headers; over the limit it answers 429."""

    def __init__(self, limit: int, seconds: float) -> None:
        self.limit = limit
        self.seconds = seconds
        self.counts: dict[int, int] = {}
        self.throttled = 0
        self._lock = threading.Lock()

    def __call__(self, request: Recorded) -> Reply:
        now = time.time()
        index = math.floor(now / self.seconds)
        with self._lock:
            used = self.counts.get(index, 0) + 1
            self.counts[index] = used
            if used > self.limit:
                self.throttled += 1
        headers = {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(max(self.limit - used, 0)),
            "X-RateLimit-Reset": f"{(index + 1) * self.seconds:.3f}",
        }
        if used > self.limit:
            return Reply(429, {"type": "error.list", "errors": [{"code": "rate_limit_exceeded"}]}, headers=headers)
        return Reply(200, {"type": "contact", "id": request.path.rsplit("/", 1)[-1]}, headers=headers)


LIMIT, SECONDS, CALLS, THREADS = 5, 0.25, 30, 4


def run_threads(server: FakeIntercom, *, throttle: bool) -> tuple[float, Window]:
    window = Window(LIMIT, SECONDS)
    server.handler = window
    with Intercom(access_token=TOKEN, base_url=server.url, throttle=throttle, max_retries=10) as client:
        started = time.monotonic()
        with ThreadPoolExecutor(THREADS) as pool:
            ids = list(pool.map(lambda i: client.contacts.retrieve(f"c{i}").id, range(CALLS)))
        elapsed = time.monotonic() - started
    assert ids == [f"c{i}" for i in range(CALLS)]
    return elapsed, window


def test_threads_share_the_pacing_and_get_no_429(server: FakeIntercom) -> None:
    elapsed, window = run_threads(server, throttle=True)
    assert window.throttled == 0
    assert max(window.counts.values()) <= LIMIT
    # 30 calls at 5 per 0.25 s window span at least 5 window boundaries after the first window.
    assert elapsed >= (math.ceil(CALLS / LIMIT) - 2) * SECONDS
    assert elapsed < 10 * CALLS / LIMIT * SECONDS


def test_without_pacing_the_same_job_collects_429s(server: FakeIntercom) -> None:
    _, window = run_threads(server, throttle=False)
    assert window.throttled > 0


async def test_tasks_share_the_pacing_and_get_no_429(server: FakeIntercom) -> None:
    window = Window(LIMIT, SECONDS)
    server.handler = window
    async with AsyncIntercom(access_token=TOKEN, base_url=server.url, throttle=True, max_retries=10) as client:
        gate = asyncio.Semaphore(THREADS)

        async def one(i: int) -> str:
            async with gate:
                return (await client.contacts.retrieve(f"c{i}")).id

        ids = await asyncio.gather(*(one(i) for i in range(CALLS)))
    assert list(ids) == [f"c{i}" for i in range(CALLS)]
    assert window.throttled == 0
