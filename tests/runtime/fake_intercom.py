"""A loopback HTTP server that plays scripted replies and records requests.

Each test queues replies (``server.reply(...)``) or installs a handler
(``server.handler = fn``); every request is recorded in ``server.requests``.
It listens only on 127.0.0.1, and it answers at most ``MAX_REQUESTS`` requests
so that a client stuck in a loop fails the test instead of hanging.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Callable, Iterable

from tests import loopback
from tests.loopback import Request as Recorded
from tests.loopback import closed_port_url

__all__ = ["MAX_REQUESTS", "FakeIntercom", "Recorded", "Reply", "closed_port_url"]

MAX_REQUESTS = 100


@dataclass
class Reply:
    status: int = 200
    json: Any = None
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    """Seconds to wait before answering (to provoke client timeouts)."""
    drop: bool = False
    """Close the connection without sending any response."""
    partial: bool = False
    """Send the headers (full Content-Length) and half the body, then close."""
    chunks: Iterable[bytes] | None = None
    """A body sent as it is produced (chunked transfer encoding), for streamed downloads;
    a client that hangs up midway is counted in ``FakeIntercom.aborted``."""


class FakeIntercom:
    """Scripted replies over tests/loopback.py's HTTP server."""

    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self.replies: deque[Reply] = deque()
        self.handler: Callable[[Recorded], Reply] | None = None
        self.aborted = 0
        """Streamed bodies (``Reply.chunks``) the client hung up on before their end."""
        self._lock = threading.Lock()
        self._server = loopback.http(self._route)

    @property
    def url(self) -> str:
        return self._server.url

    def reply(self, *replies: Reply) -> None:
        self.replies.extend(replies)

    def __enter__(self) -> FakeIntercom:
        self._server.__enter__()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._server.__exit__(exc_type, exc, tb)

    def _next_reply(self, recorded: Recorded) -> Reply:
        with self._lock:
            self.requests.append(recorded)
            if len(self.requests) > MAX_REQUESTS:
                return Reply(status=418, json={"error": "fake server: request limit reached"})
            if self.handler is not None:
                return self.handler(recorded)
            if not self.replies:
                return Reply(
                    status=418,
                    json={"error": f"fake server: no reply scripted for {recorded.method} {recorded.path}"},
                )
            return self.replies.popleft()

    def _route(self, recorded: Recorded) -> loopback.Response:
        reply = self._next_reply(recorded)
        if reply.delay:
            time.sleep(reply.delay)
        if reply.chunks is not None:
            return loopback.Response(
                status=reply.status,
                headers={"Content-Type": "application/octet-stream", **reply.headers},
                drop=reply.drop,
                chunks=reply.chunks,
                aborted=self._abort,
            )
        payload = reply.body if reply.body is not None else b""
        if reply.body is None and reply.json is not None:
            payload = json.dumps(reply.json).encode()
        return loopback.Response(
            status=reply.status,
            body=payload,
            headers={"Content-Type": "application/json", **reply.headers},
            drop=reply.drop,
            partial=reply.partial,
        )

    def _abort(self) -> None:
        with self._lock:
            self.aborted += 1
