"""Loopback servers for the tests: one server core, two kinds of handler.

    with loopback.http(route) as server:                # route(Request) -> Response
    with loopback.serve_folder(path, route) as server:  # route first; None: the folder's file
    with loopback.raw(handler) as server:               # handler(conn, n) on the bare socket

The core listens on 127.0.0.1 on a free port (``server.url``) and runs each connection in a
thread of its own while the ``with`` block lasts; leaving it stops accepting, wakes every
connection still open and waits (bounded) for their threads, so no test leaks a thread or a
port into the next. Nothing is logged.
"""

from __future__ import annotations

import contextlib
import json
import socket
import socketserver
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

JOIN_SECONDS = 5.0  # per thread, when the server stops


@dataclass
class Request:
    """What an HTTP route sees of a request."""

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


@dataclass
class Response:
    """What an HTTP route answers. Content-Length is added; other headers are as given."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    drop: bool = False
    """Close the connection without sending any response."""
    partial: bool = False
    """Send the headers (full Content-Length) and half the body, then close."""
    chunks: Iterable[bytes] | None = None
    """A body sent as it is produced (chunked transfer encoding) instead of ``body``."""
    aborted: Callable[[], None] | None = None
    """Called when the client hangs up before the last chunk."""


Route = Callable[[Request], Response | None]
RawHandler = Callable[[socket.socket, int], None]


class Server(socketserver.TCPServer):
    """The core: accepts on 127.0.0.1:<free port> in a thread; each connection runs
    ``handler(conn, n)`` in a thread of its own (n counts connections from 1). Connections
    beyond ``max_connections`` are closed unanswered, so a client stuck in a loop fails its
    test instead of hanging it."""

    def __init__(self, handler: RawHandler, *, max_connections: int | None = None) -> None:
        super().__init__(("127.0.0.1", 0), socketserver.BaseRequestHandler)  # unused: see process_request
        self.handler = handler
        self.max_connections = max_connections
        self.connections = 0
        self._open: list[tuple[socket.socket, threading.Thread]] = []
        # A short poll so that leaving the `with` block takes milliseconds, not half a second.
        self._thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.005}, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def __enter__(self) -> Server:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()
        self._thread.join(JOIN_SECONDS)
        for conn, worker in self._open:
            with contextlib.suppress(OSError):  # already closed by its worker
                conn.shutdown(socket.SHUT_RDWR)  # wakes a worker blocked reading or writing it
            worker.join(JOIN_SECONDS)

    def process_request(self, request: Any, client_address: Any) -> None:
        self.connections += 1  # only the serving thread counts
        if self.max_connections is not None and self.connections > self.max_connections:
            request.close()
            return
        worker = threading.Thread(target=self._run, args=(request, self.connections), daemon=True)
        self._open.append((request, worker))
        worker.start()

    def _run(self, conn: socket.socket, n: int) -> None:
        try:
            self.handler(conn, n)
        except OSError:
            pass  # the client gave up (timed out) and closed: expected in these tests
        finally:
            conn.close()  # close only: a handler may have asked for a reset (SO_LINGER 0)

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # accept() failing while the server stops: not worth a traceback


# -- HTTP ---------------------------------------------------------------------------------


class _HTTPHandler(SimpleHTTPRequestHandler):
    """Every method goes to the route; what it declines (None) is served from the folder
    (GET and HEAD, as SimpleHTTPRequestHandler does, listings included), else 404."""

    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes: without TCP_NODELAY the body waits for the
    # client's delayed ACK (~40 ms a response on Linux loopback).
    disable_nagle_algorithm = True

    def __init__(
        self,
        conn: socket.socket,
        server: Server,
        route: Route | None,
        folder: Path | None,
    ) -> None:
        self.route = route
        self.folder = folder
        super().__init__(conn, conn.getpeername(), server, directory=str(folder or Path.cwd()))

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        parts = urlsplit(self.path)
        request = Request(
            method=self.command,
            path=parts.path,
            query=parse_qs(parts.query, keep_blank_values=True),
            raw_query=parts.query,
            headers={k.lower(): v for k, v in self.headers.items()},
            body=body,
        )
        response = self.route(request) if self.route else None
        if response is not None:
            self._send(response)
        elif self.folder is not None and self.command == "GET":
            super().do_GET()
        elif self.folder is not None and self.command == "HEAD":
            super().do_HEAD()
        else:
            self.send_error(404)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = _handle

    def _send(self, response: Response) -> None:
        if response.drop:
            self._hang_up()
            return
        if response.chunks is not None:
            self._send_chunked(response)
            return
        self.send_response(response.status)
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        if response.partial:
            self.wfile.write(response.body[: len(response.body) // 2])
            self.wfile.flush()
            self._hang_up()
            return
        self.wfile.write(response.body)

    def _send_chunked(self, response: Response) -> None:
        assert response.chunks is not None
        self.send_response(response.status)
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        try:
            for chunk in response.chunks:
                if chunk:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()
        except OSError:  # the client closed the connection midway
            if response.aborted is not None:
                response.aborted()
            self.close_connection = True

    def _hang_up(self) -> None:
        """Close the connection here, whatever was (or was not) sent."""
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)


def http(route: Route | None = None, *, folder: str | Path | None = None) -> Server:
    """An HTTP/1.1 server (keep-alive) answering with ``route``; see _HTTPHandler."""

    served = Path(folder) if folder is not None else None

    def handle(conn: socket.socket, n: int) -> None:
        try:
            _HTTPHandler(conn, server, route, served)
        finally:
            # As socketserver ends a request: FIN first, then close.
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_WR)

    server = Server(handle)
    return server


def serve_folder(folder: str | Path, route: Route | None = None) -> Server:
    """The files of ``folder`` over HTTP (a mirror), with ``route`` answering first."""
    return http(route, folder=folder)


# -- raw sockets --------------------------------------------------------------------------


def raw(handler: RawHandler, *, max_connections: int = 50) -> Server:
    """``handler(conn, n)`` gets each connection once its request head is read, and writes
    (or stalls, or resets) whatever it likes."""

    def handle(conn: socket.socket, n: int) -> None:
        read_request_head(conn)
        handler(conn, n)

    return Server(handle, max_connections=max_connections)


def read_request_head(conn: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            break
        data += chunk
    return data


def closed_port_url() -> str:
    """A loopback URL on which nothing listens (connections are refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"
