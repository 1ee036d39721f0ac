"""A loopback HTTP server that plays scripted replies and records requests.

Each test queues replies (``server.reply(...)``) or installs a handler
(``server.handler = fn``); every request is recorded in ``server.requests``.
It listens only on 127.0.0.1, and it answers at most ``MAX_REQUESTS`` requests
so that a client stuck in a loop fails the test instead of hanging.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Callable, Iterable
from urllib.parse import parse_qs, urlsplit

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


@dataclass
class Recorded:
    method: str
    path: str
    """Path without the query string, still percent-encoded."""
    query: dict[str, list[str]]
    raw_query: str
    headers: dict[str, str]
    """Header names lower-cased."""
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that timed out leaves the handler writing to a closed socket;
        # that is expected here, not worth a traceback.
        pass


class FakeIntercom:
    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self.replies: deque[Reply] = deque()
        self.handler: Callable[[Recorded], Reply] | None = None
        self.aborted = 0
        """Streamed bodies (``Reply.chunks``) the client hung up on before their end."""
        self._lock = threading.Lock()
        self._server = _QuietServer(("127.0.0.1", 0), self._make_handler())
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.005},
            daemon=True,
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}"

    def reply(self, *replies: Reply) -> None:
        self.replies.extend(replies)

    def __enter__(self) -> FakeIntercom:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def _next_reply(self, recorded: Recorded) -> Reply:
        with self._lock:
            self.requests.append(recorded)
            if len(self.requests) > MAX_REQUESTS:
                return Reply(
                    status=418, json={"error": "fake server: request limit reached"}
                )
            if self.handler is not None:
                return self.handler(recorded)
            if not self.replies:
                return Reply(
                    status=418,
                    json={
                        "error": f"fake server: no reply scripted for {recorded.method} {recorded.path}"
                    },
                )
            return self.replies.popleft()

    def _make_handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body go out in two writes: without TCP_NODELAY the body waits for
            # the client's delayed ACK (~40 ms a response on Linux loopback).
            disable_nagle_algorithm = True

            def log_message(
                self, format: str, *args: Any
            ) -> None:  # keep test output quiet
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                parts = urlsplit(self.path)
                recorded = Recorded(
                    method=self.command,
                    path=parts.path,
                    query=parse_qs(parts.query, keep_blank_values=True),
                    raw_query=parts.query,
                    headers={k.lower(): v for k, v in self.headers.items()},
                    body=body,
                )
                reply = fake._next_reply(recorded)
                if reply.delay:
                    time.sleep(reply.delay)
                if reply.drop:
                    self._hang_up()
                    return
                if reply.chunks is not None:
                    self._send_chunked(reply)
                    return
                payload = reply.body if reply.body is not None else b""
                headers = {"Content-Type": "application/json", **reply.headers}
                if reply.body is None and reply.json is not None:
                    payload = json.dumps(reply.json).encode()
                self.send_response(reply.status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                if reply.partial:
                    self.wfile.write(payload[: len(payload) // 2])
                    self.wfile.flush()
                    self._hang_up()
                    return
                self.wfile.write(payload)

            def _send_chunked(self, reply: Reply) -> None:
                assert reply.chunks is not None
                self.send_response(reply.status)
                headers = {"Content-Type": "application/octet-stream", **reply.headers}
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                try:
                    for chunk in reply.chunks:
                        if chunk:
                            self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                    self.wfile.write(b"0\r\n\r\n")
                    self.wfile.flush()
                except OSError:  # the client closed the connection midway
                    with fake._lock:
                        fake.aborted += 1
                    self.close_connection = True

            def _hang_up(self) -> None:
                """Close the connection here, whatever was (or was not) sent."""
                self.close_connection = True
                try:
                    self.connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = _handle

        return Handler


def closed_port_url() -> str:
    """A loopback URL on which nothing listens (connections are refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"
