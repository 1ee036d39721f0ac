"""Raw HTTP access for ``client.with_raw_response``.

The wrappers add a private marker header to ``extra_headers``; the client strips
it before sending and, seeing it, returns an :class:`APIResponse` (which parses
lazily) instead of the parsed result.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, Awaitable, Callable, Generic, TypeVar, cast

import httpx
from typing_extensions import ParamSpec

if TYPE_CHECKING:
    from .pagination import AsyncPage, AsyncPaginator

__all__ = [
    "APIResponse",
    "AsyncAPIResponse",
    "to_raw_response_wrapper",
    "async_to_raw_response_wrapper",
    "async_paginator_to_raw_response_wrapper",
    "RAW_RESPONSE_HEADER",
]

_T = TypeVar("_T")
_P = ParamSpec("_P")
_R = TypeVar("_R")
_M = TypeVar("_M")
_I = TypeVar("_I")

# Never sent over the wire: the client pops it from the headers.
RAW_RESPONSE_HEADER = "X-Intercom-Sdk-Raw-Response"

_UNPARSED: Any = object()


class _BaseAPIResponse(Generic[_T]):
    def __init__(self, http_response: httpx.Response, parser: Callable[[], _T]) -> None:
        self.http_response = http_response
        self._parser = parser
        self._parsed: _T = _UNPARSED

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def request_id(self) -> str | None:
        request_id: str | None = self.http_response.headers.get("x-request-id")
        return request_id

    @property
    def url(self) -> httpx.URL:
        return self.http_response.url

    @property
    def content(self) -> bytes:
        return self.http_response.content

    @property
    def text(self) -> str:
        return self.http_response.text

    def json(self) -> Any:
        return self.http_response.json()

    def _parse(self) -> _T:
        if self._parsed is _UNPARSED:
            self._parsed = self._parser()
        return self._parsed

    def __repr__(self) -> str:
        request = self.http_response.request
        return f"<{type(self).__name__} [{self.status_code}] {request.method} {request.url}>"


class APIResponse(_BaseAPIResponse[_T]):
    """An HTTP response plus the parsed result of the call."""

    def parse(self) -> _T:
        """The value the method returns without ``with_raw_response`` (cached)."""
        return self._parse()


class AsyncAPIResponse(_BaseAPIResponse[_T]):
    """An HTTP response plus the parsed result of the call (``await resp.parse()``)."""

    async def parse(self) -> _T:
        """The value the method returns without ``with_raw_response`` (cached).

        Async, like the rest of the async client, so streaming parsers can be
        added later without changing callers; the body is already read.
        """
        return self._parse()


def _mark_raw(kwargs: dict[str, Any]) -> None:
    extra_headers = dict(kwargs.get("extra_headers") or {})
    extra_headers[RAW_RESPONSE_HEADER] = "true"
    kwargs["extra_headers"] = extra_headers


def to_raw_response_wrapper(func: Callable[_P, _R]) -> Callable[_P, APIResponse[_R]]:
    """Wrap a sync resource method (plain or paginated) to return :class:`APIResponse`."""

    @functools.wraps(func)
    def wrapped(*args: _P.args, **kwargs: _P.kwargs) -> APIResponse[_R]:
        _mark_raw(kwargs)
        return cast("APIResponse[_R]", func(*args, **kwargs))

    return wrapped


def async_to_raw_response_wrapper(
    func: Callable[_P, Awaitable[_R]],
) -> Callable[_P, Awaitable[AsyncAPIResponse[_R]]]:
    """Wrap an async resource method to return :class:`AsyncAPIResponse`.

    Works for ``async def`` methods and for paginated methods (plain ``def``
    returning an ``AsyncPaginator``, which is awaitable): either way the wrapper
    awaits the call, and ``parse()`` gives the model or the ``AsyncPage``.
    """

    @functools.wraps(func)
    async def wrapped(*args: _P.args, **kwargs: _P.kwargs) -> AsyncAPIResponse[_R]:
        _mark_raw(kwargs)
        return cast("AsyncAPIResponse[_R]", await func(*args, **kwargs))

    return wrapped


def async_paginator_to_raw_response_wrapper(
    func: Callable[_P, AsyncPaginator[_M, _I]],
) -> Callable[_P, Awaitable[AsyncAPIResponse[AsyncPage[_M, _I]]]]:
    """Wrap an async list method (plain ``def`` returning ``AsyncPaginator``).

    The wrapped method is awaited for the first page's raw response, whose
    ``parse()`` gives the ``AsyncPage``. Same mechanism as
    :func:`async_to_raw_response_wrapper`, typed for paginators.
    """

    @functools.wraps(func)
    async def wrapped(
        *args: _P.args, **kwargs: _P.kwargs
    ) -> AsyncAPIResponse[AsyncPage[_M, _I]]:
        _mark_raw(kwargs)
        return cast("AsyncAPIResponse[AsyncPage[_M, _I]]", await func(*args, **kwargs))

    return wrapped
