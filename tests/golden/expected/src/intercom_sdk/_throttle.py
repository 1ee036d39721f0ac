"""Rate-limit pacing for ``Intercom(throttle=True)`` / ``AsyncIntercom(throttle=True)``.

Only a client constructed with ``throttle=True`` imports this module.

The rule (docs/rate-limits.md in intercom-sdkgen): each response reports how many
calls are left in the current window (``X-RateLimit-Remaining``) and when that
window resets (``X-RateLimit-Reset``). The next call starts no earlier than
``previous start + (reset - previous start) / remaining``: the calls left are
spread evenly over the time left, so that the budget lasts until the reset. With
no call left, the next one waits for the reset, and never longer; once the reset
has passed, calls go out at once until a response describes the new window.

One :class:`Pacer` belongs to one client (and to its ``with_options`` copies with
the same token) and is shared by every thread or task using it: a call reserves
its start time under a lock, then sleeps outside it, so that concurrent calls
queue one interval apart. The lock is held for a few arithmetic operations and
never across an ``await``, so a :class:`threading.Lock` serves the async client
too (and keeps working if one async client is used from several event loops).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._rate_limit import RateLimit

__all__ = ["Pacer"]


class Pacer:
    """Spaces the calls of one client from the ``X-RateLimit-*`` headers it has seen."""

    def __init__(self, *, max_wait: float) -> None:
        self._lock = threading.Lock()
        self._max_wait = max_wait
        self._reset_at: float | None = None
        """When the window we know about resets; None: no window known."""
        self._remaining = 0
        """Calls left in that window, less the calls reserved since it was reported."""
        self._next_at = 0.0
        """The earliest start of the next call."""
        self._in_flight = 0
        """Calls reserved (sleeping, sending or awaiting their response) and not released."""

    def reserve(self, now: float) -> float:
        """Claim the next start time for a call; returns the seconds to wait before sending.

        Every ``reserve`` must be followed by one :meth:`release` once the call is over.
        """
        with self._lock:
            self._in_flight += 1
            reset_at = self._reset_at
            if reset_at is None:
                return 0.0
            if now >= reset_at:
                self._reset_at = (
                    None  # the window is over; the next response describes the new one
                )
                return 0.0
            start = max(now, self._next_at)
            if self._remaining > 0 and start < reset_at:
                self._next_at = start + (reset_at - start) / self._remaining
                self._remaining -= 1
            else:
                start = reset_at  # nothing left: wait for the reset, never past it
            return min(start - now, self._max_wait)

    def update(self, rate_limit: RateLimit, now: float) -> None:
        """Learn from a response of a reserved call (before that call is released)."""
        reset_at = rate_limit.reset_at
        if reset_at <= now or reset_at - now > self._max_wait:
            return  # a window already over, or a reset too far off to trust (clock skew)
        with self._lock:
            # The other calls in flight may not be counted in this response yet.
            estimate = rate_limit.remaining - max(self._in_flight - 1, 0)
            if self._reset_at is None or reset_at > self._reset_at:
                self._reset_at = reset_at  # a new window
                self._remaining = estimate
            elif reset_at == self._reset_at:
                self._remaining = min(self._remaining, estimate)
            # else: a late response from an earlier window; it tells nothing new

    def release(self) -> None:
        """The reserved call is over (answered, failed or abandoned)."""
        with self._lock:
            self._in_flight -= 1
