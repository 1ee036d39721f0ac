"""Intercom's rate-limit headers as a value: ``response.rate_limit``, ``client.rate_limit``.

Intercom sends three headers on every response (docs/rate-limits.md in intercom-sdkgen):
``X-RateLimit-Limit`` (calls allowed per window), ``X-RateLimit-Remaining`` (calls left
in the current window) and ``X-RateLimit-Reset`` (the Unix time at which the window
resets).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import httpx

__all__ = ["RateLimit"]


class RateLimit:
    """The ``X-RateLimit-*`` headers of one response.

    ``limit``: calls allowed per window; ``remaining``: calls left in the current
    window; ``reset_at``: Unix time, in seconds, at which the window resets
    (Intercom sends whole seconds).
    """

    # A plain class, not a dataclass: creating a dataclass costs import time.
    __slots__ = ("limit", "remaining", "reset_at")

    def __init__(self, *, limit: int, remaining: int, reset_at: float) -> None:
        self.limit = limit
        self.remaining = remaining
        self.reset_at = reset_at

    @classmethod
    def from_headers(cls, headers: httpx.Headers) -> RateLimit | None:
        """The rate limit a response reports; None unless all three headers are
        present and numeric."""
        remaining = headers.get("x-ratelimit-remaining")
        if remaining is None:  # the common case off Intercom (a file host): one lookup
            return None
        limit = headers.get("x-ratelimit-limit")
        reset = headers.get("x-ratelimit-reset")
        if limit is None or reset is None:
            return None
        try:
            return cls(
                limit=int(limit), remaining=int(remaining), reset_at=float(reset)
            )
        except ValueError:
            return None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RateLimit):
            return NotImplemented
        return (self.limit, self.remaining, self.reset_at) == (
            other.limit,
            other.remaining,
            other.reset_at,
        )

    def __hash__(self) -> int:
        return hash((self.limit, self.remaining, self.reset_at))

    def __repr__(self) -> str:
        return f"RateLimit(limit={self.limit}, remaining={self.remaining}, reset_at={self.reset_at!r})"
