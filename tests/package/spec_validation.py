"""Validate an `httpx.Request` against an OpenAPI description with openapi-core.

    from tests.package.spec_validation import validate_request, openapi_for
    validate_request(request, openapi_for(spec))   # raises RequestViolation

openapi-core finds the operation from the method and path (the request's host must be one
of the description's servers), then checks path, query and header parameters and the JSON
body against their schemas. Note it ignores `nullable` beside `$ref` (OAS 3.0 semantics),
which Intercom's descriptions rely on, so a null sent for such a field is reported.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
from openapi_core import OpenAPI
from openapi_core.datatypes import RequestParameters
from werkzeug.datastructures import Headers, ImmutableMultiDict

__all__ = ["RequestViolation", "HttpxOpenAPIRequest", "openapi_for", "validate_request"]


class RequestViolation(AssertionError):
    """The request breaks the description; the message names the request and every violation."""


class HttpxOpenAPIRequest:
    """An httpx.Request in the shape openapi-core reads (openapi_core.protocols.Request)."""

    def __init__(self, request: httpx.Request) -> None:
        self.request = request
        self.parameters = RequestParameters(
            query=ImmutableMultiDict(request.url.params.multi_items()),
            header=Headers(list(request.headers.multi_items())),
            cookie=ImmutableMultiDict(),
        )

    @property
    def host_url(self) -> str:
        return f"{self.request.url.scheme}://{self.request.url.netloc.decode()}"

    @property
    def path(self) -> str:
        # Percent-encoded, so an id holding "/" still matches a single path segment.
        return self.request.url.raw_path.decode().split("?", 1)[0]

    @property
    def method(self) -> str:
        return self.request.method.lower()

    @property
    def body(self) -> bytes | None:
        return self.request.content or None

    @property
    def content_type(self) -> str:
        return str(self.request.headers.get("content-type", ""))


_CACHE: dict[int, tuple[dict[str, Any], OpenAPI]] = {}


def openapi_for(spec: dict[str, Any]) -> OpenAPI:
    """The openapi-core object for a description dict (built once per dict)."""
    cached = _CACHE.get(id(spec))
    if cached is None or cached[0] is not spec:
        cached = (spec, OpenAPI.from_dict(spec))
        _CACHE[id(spec)] = cached
    return cached[1]


def validate_request(request: httpx.Request, spec: dict[str, Any] | OpenAPI) -> None:
    """Raise RequestViolation when `request` breaks the description."""
    openapi = spec if isinstance(spec, OpenAPI) else openapi_for(spec)
    try:
        openapi.validate_request(HttpxOpenAPIRequest(request))
    except Exception as exc:  # openapi-core raises a family of OpenAPIError subclasses
        if not _is_openapi_error(exc):
            raise
        body = request.content.decode(errors="replace")
        shown = json.dumps(json.loads(body))[:500] if body else "no body"
        raise RequestViolation(f"{request.method} {request.url}: {describe(exc)} (body: {shown})") from exc


def _is_openapi_error(exc: BaseException) -> bool:
    return any(cls.__module__.startswith("openapi_core") for cls in type(exc).__mro__)


def describe(exc: BaseException) -> str:
    """The violations behind an openapi-core error, with the JSON path of each."""
    parts = [f"{type(exc).__name__}: {exc}"]
    seen: set[int] = set()
    node: BaseException | None = exc
    while node is not None and id(node) not in seen:
        seen.add(id(node))
        for error in getattr(node, "schema_errors", None) or []:
            where = ".".join(str(p) for p in error.absolute_path) or "(root)"
            parts.append(f"{where}: {error.message}")
        node = node.__cause__ or node.__context__
    return "; ".join(dict.fromkeys(parts))
