"""Test doubles for code that uses this SDK, offline.

:class:`ExampleTransport` is an httpx transport (sync and async, like ``httpx.MockTransport``)
that answers every operation of the Intercom API description this package was generated from
with the description's example response::

    import httpx
    from intercom_sdk import Intercom
    from intercom_sdk.testing import ExampleTransport

    transport = ExampleTransport()
    client = Intercom(access_token="test", http_client=httpx.Client(transport=transport))
    admin = client.admins.identify()              # the description's example admin
    transport.respond("contacts.retrieve", status=404)
    transport.calls                               # every httpx.Request received

A method or path the API does not have is answered 404 with Intercom's ``error.list`` body.
Importing this module loads the examples (``_routes.py``); ``import intercom_sdk`` does not.
"""

from __future__ import annotations

import difflib
import json as _json
import threading
from dataclasses import dataclass
from typing import Mapping

import httpx

from .._constants import API_VERSION
from ._routes import ROUTES

__all__ = ["ExampleTransport", "Route"]

_UNSET: object = object()

# Where a redirect answer points (showCallRecording's signed URL): a host that never resolves.
REDIRECT_BASE = "https://files.example.invalid"
# The error code Intercom's error.list carries for a status, when a test gives none.
_ERROR_CODES = {
    400: "parameter_invalid",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    409: "conflict",
    422: "parameter_invalid",
    429: "rate_limit_exceeded",
}


@dataclass(frozen=True)
class Route:
    """One operation of the description, as the transport answers it."""

    method: str
    """HTTP method, upper case."""
    path: str
    """The description's path template (``/contacts/{id}``)."""
    name: str
    """The SDK method (``contacts.retrieve``): what :meth:`ExampleTransport.respond` takes."""
    status: int
    content_type: str | None
    body: bytes


@dataclass(frozen=True)
class _Answer:
    status: int
    headers: tuple[tuple[str, str], ...]
    content: bytes


def _error_list(code: str, message: str) -> bytes:
    body = {
        "type": "error.list",
        "request_id": None,
        "errors": [{"code": code, "message": message}],
    }
    return _json.dumps(body).encode()


class ExampleTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Answers each request with its operation's example response.

    Plug it into ``httpx.Client(transport=...)`` (or ``httpx.AsyncClient``) and pass that as
    ``http_client=`` to :class:`~intercom_sdk.Intercom` / :class:`~intercom_sdk.AsyncIntercom`.
    Requests are matched by method and percent-encoded path (any host; the query is not
    looked at); a literal segment wins over a parameter (``/companies/scroll`` before
    ``/companies/{id}``).
    """

    def __init__(self) -> None:
        self.routes: tuple[Route, ...] = tuple(
            Route(method, path, name, status, content_type, body.encode())
            for method, path, name, status, content_type, body in ROUTES
        )
        self._by_name = {route.name: route for route in self.routes}
        # Routes by their number of path segments, each with its segments (None: a parameter).
        self._by_length: dict[int, list[tuple[Route, tuple[str | None, ...]]]] = {}
        for route in self.routes:
            segments = tuple(
                None if part.startswith("{") and part.endswith("}") else part
                for part in route.path.strip("/").split("/")
            )
            self._by_length.setdefault(len(segments), []).append((route, segments))
        self._answers: dict[str, _Answer] = {}
        self._lock = threading.Lock()
        self.calls: list[httpx.Request] = []
        """Every request received, in order (their bodies read)."""

    # -- what tests call ---------------------------------------------------

    def respond(
        self,
        method: str,
        *,
        status: int = 200,
        json: object = _UNSET,
        content: bytes | str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """Answer the SDK method ``method`` (``"contacts.retrieve"``) this way from now on.

        ``json`` (or raw ``content``) is the body; with neither, a 2xx status answers the
        operation's example and an error status Intercom's ``error.list`` for it (a 404 with
        code ``not_found``), so ``respond("contacts.retrieve", status=404)`` makes the method
        raise :class:`~intercom_sdk.NotFoundError`. Calling it again replaces the answer;
        :meth:`reset` goes back to the examples.
        """
        route = self._route_named(method)
        fields = dict(headers or {})
        if json is not _UNSET and content is not None:
            raise ValueError("pass json= or content=, not both")
        if json is not _UNSET:
            body = _json.dumps(json).encode()
            fields.setdefault("Content-Type", "application/json")
        elif content is not None:
            body = content.encode() if isinstance(content, str) else content
        elif status >= 400:
            code = _ERROR_CODES.get(
                status, "server_error" if status >= 500 else "error"
            )
            body = _error_list(code, f"{route.name} answered {status} by the test")
            fields.setdefault("Content-Type", "application/json")
        else:
            body = route.body
            if route.content_type:
                fields.setdefault("Content-Type", route.content_type)
        with self._lock:
            self._answers[route.name] = _Answer(status, tuple(fields.items()), body)

    def reset(self) -> None:
        """Forget the answers given by :meth:`respond` and the recorded calls."""
        with self._lock:
            self._answers.clear()
            self.calls.clear()

    def operation(self, request: httpx.Request) -> str | None:
        """The SDK method a request is for (``"contacts.retrieve"``), or None."""
        route = self._match(request)
        return route.name if route else None

    # -- httpx -------------------------------------------------------------

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()
        return self._answer(request)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        return self._answer(request)

    # -- internals ---------------------------------------------------------

    def _route_named(self, method: str) -> Route:
        try:
            return self._by_name[method]
        except KeyError:
            close = difflib.get_close_matches(method, self._by_name, n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise ValueError(
                f"the Intercom API {API_VERSION} has no SDK method {method!r}{hint}"
            ) from None

    def _match(self, request: httpx.Request) -> Route | None:
        path = request.url.raw_path.split(b"?", 1)[0].decode("ascii", "replace")
        parts = path.strip("/").split("/")
        best: Route | None = None
        best_key: tuple[bool, ...] = ()
        for route, segments in self._by_length.get(len(parts), ()):
            if route.method != request.method:
                continue
            if all(
                part if literal is None else part == literal
                for literal, part in zip(segments, parts)
            ):
                key = tuple(literal is not None for literal in segments)
                if best is None or key > best_key:
                    best, best_key = route, key
        return best

    def _answer(self, request: httpx.Request) -> httpx.Response:
        with self._lock:
            self.calls.append(request)
        route = self._match(request)
        if route is None:
            message = (
                f"the Intercom API {API_VERSION} has no operation "
                f"{request.method} {request.url.path}"
            )
            return httpx.Response(
                404,
                headers={"Content-Type": "application/json"},
                content=_error_list("not_found", message),
                request=request,
            )
        with self._lock:
            answer = self._answers.get(route.name)
        if answer is not None:
            return httpx.Response(
                answer.status,
                headers=list(answer.headers),
                content=answer.content,
                request=request,
            )
        headers = {"Content-Type": route.content_type} if route.content_type else {}
        if 300 <= route.status < 400:  # a redirect that is the answer: point somewhere
            headers["Location"] = f"{REDIRECT_BASE}/{route.name}"
        return httpx.Response(
            route.status, headers=headers, content=route.body, request=request
        )
