"""Raw HTTP access for ``client.with_raw_response`` and ``client.with_streaming_response``.

The wrappers add a private marker header to ``extra_headers``; the client strips
it before sending and, seeing it, returns an :class:`APIResponse` (which parses
lazily) instead of the parsed result. With the marker's ``stream`` value the
client sends the request with ``stream=True`` and returns a
:class:`StreamedAPIResponse` whose body is left unread until the caller reads it;
the wrapper hands it out through a context manager that closes the connection on
exit.
"""

from __future__ import annotations

import functools
import os
from types import TracebackType
from typing import (
    TYPE_CHECKING,
    Any,
    AsyncIterator,
    Awaitable,
    Callable,
    Generic,
    Iterator,
    Literal,
    TypeVar,
    cast,
)

import httpx
from typing_extensions import ParamSpec

from ._rate_limit import RateLimit

if TYPE_CHECKING:
    from .pagination import AsyncPage, AsyncPaginator

__all__ = [
    "APIResponse",
    "AsyncAPIResponse",
    "to_raw_response_wrapper",
    "async_to_raw_response_wrapper",
    "async_paginator_to_raw_response_wrapper",
    "StreamedAPIResponse",
    "AsyncStreamedAPIResponse",
    "ResponseContextManager",
    "AsyncResponseContextManager",
    "to_streamed_response_wrapper",
    "async_to_streamed_response_wrapper",
    "async_paginator_to_streamed_response_wrapper",
    "RAW_RESPONSE_HEADER",
    "STREAM",
]

_T = TypeVar("_T")
_P = ParamSpec("_P")
_R = TypeVar("_R")
_M = TypeVar("_M")
_I = TypeVar("_I")

# Never sent over the wire: the client pops it from the headers.
RAW_RESPONSE_HEADER = "X-Intercom-Sdk-Raw-Response"
# Its value for with_streaming_response (any other value means with_raw_response).
STREAM: Literal["stream"] = "stream"

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

    def _chain(self) -> list[httpx.Response]:
        """This response, then the redirects that led to it, latest first."""
        return [self.http_response, *reversed(self.http_response.history)]

    @property
    def request_id(self) -> str | None:
        """Intercom's ``X-Request-Id``; after a redirect (a download served by a file
        host), the one of Intercom's redirect response."""
        for response in self._chain():
            request_id: str | None = response.headers.get("x-request-id")
            if request_id is not None:
                return request_id
        return None

    @property
    def rate_limit(self) -> RateLimit | None:
        """The ``X-RateLimit-*`` headers of this response, or after a redirect of
        Intercom's redirect response; None when absent."""
        for response in self._chain():
            rate_limit = RateLimit.from_headers(response.headers)
            if rate_limit is not None:
                return rate_limit
        return None

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


class StreamedAPIResponse(_BaseAPIResponse[_T]):
    """An HTTP response whose body has not been read yet (``with_streaming_response``).

    Read it in chunks with :meth:`iter_bytes` (or :meth:`iter_text`,
    :meth:`iter_lines`), write it with :meth:`stream_to_file`, or read it whole
    with :meth:`read` / :meth:`parse`. The context manager it comes from closes
    the connection on exit, read or not.
    """

    def iter_bytes(self, chunk_size: int | None = None) -> Iterator[bytes]:
        """The body in chunks, as they arrive (``chunk_size``: re-chunked to that size),
        decoded from any ``Content-Encoding`` the server applied, as httpx does."""
        return self.http_response.iter_bytes(chunk_size)

    def iter_text(self, chunk_size: int | None = None) -> Iterator[str]:
        return self.http_response.iter_text(chunk_size)

    def iter_lines(self) -> Iterator[str]:
        return self.http_response.iter_lines()

    def stream_to_file(
        self, file: str | os.PathLike[str], *, chunk_size: int | None = None
    ) -> None:
        """Write the body to ``file`` chunk by chunk, in constant memory."""
        with open(file, "wb") as out:
            for data in self.iter_bytes(chunk_size):
                out.write(data)

    def read(self) -> bytes:
        """The whole body (read into memory)."""
        return self.http_response.read()

    def parse(self) -> _T:
        """Read the whole body and return what the method returns without
        ``with_streaming_response`` (cached)."""
        self.read()
        return self._parse()

    def close(self) -> None:
        """Close the response and its connection (the context manager does it)."""
        self.http_response.close()


class AsyncStreamedAPIResponse(_BaseAPIResponse[_T]):
    """Async twin of :class:`StreamedAPIResponse` (``async for chunk in resp.iter_bytes()``).

    :meth:`stream_to_file` writes with ordinary blocking file writes, one chunk at
    a time: fast on a local disk, and no dependency beyond httpx.
    """

    async def iter_bytes(self, chunk_size: int | None = None) -> AsyncIterator[bytes]:
        async for data in self.http_response.aiter_bytes(chunk_size):
            yield data

    async def iter_text(self, chunk_size: int | None = None) -> AsyncIterator[str]:
        async for text in self.http_response.aiter_text(chunk_size):
            yield text

    async def iter_lines(self) -> AsyncIterator[str]:
        async for line in self.http_response.aiter_lines():
            yield line

    async def stream_to_file(
        self, file: str | os.PathLike[str], *, chunk_size: int | None = None
    ) -> None:
        with open(file, "wb") as out:
            async for data in self.http_response.aiter_bytes(chunk_size):
                out.write(data)

    async def read(self) -> bytes:
        return await self.http_response.aread()

    async def parse(self) -> _T:
        await self.read()
        return self._parse()

    async def close(self) -> None:
        await self.http_response.aclose()


class ResponseContextManager(Generic[_T]):
    """``with client.x.with_streaming_response.y(...) as response:``; the request is
    sent on entry, and the response closed on exit."""

    def __init__(self, request: Callable[[], StreamedAPIResponse[_T]]) -> None:
        self._request = request
        self._response: StreamedAPIResponse[_T] | None = None

    def __enter__(self) -> StreamedAPIResponse[_T]:
        self._response = self._request()
        return self._response

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        exc_tb: TracebackType | None,
    ) -> None:
        if self._response is not None:
            self._response.close()


class AsyncResponseContextManager(Generic[_T]):
    """``async with client.x.with_streaming_response.y(...) as response:``."""

    def __init__(self, request: Awaitable[AsyncStreamedAPIResponse[_T]]) -> None:
        self._request = request
        self._response: AsyncStreamedAPIResponse[_T] | None = None

    async def __aenter__(self) -> AsyncStreamedAPIResponse[_T]:
        self._response = await self._request
        return self._response

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        exc_tb: TracebackType | None,
    ) -> None:
        if self._response is not None:
            await self._response.close()


def _mark_raw(kwargs: dict[str, Any], value: str = "true") -> None:
    extra_headers = dict(kwargs.get("extra_headers") or {})
    extra_headers[RAW_RESPONSE_HEADER] = value
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


def to_streamed_response_wrapper(
    func: Callable[_P, _R],
) -> Callable[_P, ResponseContextManager[_R]]:
    """Wrap a sync resource method (plain or paginated) for ``with_streaming_response``."""

    @functools.wraps(func)
    def wrapped(*args: _P.args, **kwargs: _P.kwargs) -> ResponseContextManager[_R]:
        _mark_raw(kwargs, STREAM)
        return ResponseContextManager(
            lambda: cast("StreamedAPIResponse[_R]", func(*args, **kwargs))
        )

    return wrapped


def async_to_streamed_response_wrapper(
    func: Callable[_P, Awaitable[_R]],
) -> Callable[_P, AsyncResponseContextManager[_R]]:
    """Wrap an async resource method for ``with_streaming_response``: the request is
    sent when the ``async with`` is entered."""

    @functools.wraps(func)
    def wrapped(*args: _P.args, **kwargs: _P.kwargs) -> AsyncResponseContextManager[_R]:
        _mark_raw(kwargs, STREAM)
        return AsyncResponseContextManager(
            cast("Awaitable[AsyncStreamedAPIResponse[_R]]", func(*args, **kwargs))
        )

    return wrapped


def async_paginator_to_streamed_response_wrapper(
    func: Callable[_P, AsyncPaginator[_M, _I]],
) -> Callable[_P, AsyncResponseContextManager[AsyncPage[_M, _I]]]:
    """Wrap an async list method for ``with_streaming_response``; ``await
    response.parse()`` gives the first ``AsyncPage``."""

    @functools.wraps(func)
    def wrapped(
        *args: _P.args, **kwargs: _P.kwargs
    ) -> AsyncResponseContextManager[AsyncPage[_M, _I]]:
        _mark_raw(kwargs, STREAM)
        return AsyncResponseContextManager(
            cast(
                "Awaitable[AsyncStreamedAPIResponse[AsyncPage[_M, _I]]]",
                func(*args, **kwargs),
            )
        )

    return wrapped
