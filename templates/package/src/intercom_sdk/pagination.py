"""Pages of list results and the five ways Intercom hands out the next page.

``client.contacts.list()`` returns a :class:`SyncPage` holding the first page;
iterate it to get every item across all pages, or walk pages explicitly with
``iter_pages()`` / ``get_next_page()``. The async twins are
:class:`AsyncPaginator` (awaitable, or ``async for`` directly) and :class:`AsyncPage`.
"""

from __future__ import annotations

import dataclasses
import hashlib
from typing import (
    TYPE_CHECKING,
    Any,
    AsyncIterator,
    Awaitable,
    Generator,
    Generic,
    Iterator,
    Literal,
    TypeVar,
)

import httpx

from ._exceptions import APIResponseValidationError, IntercomError
from ._logs import logger
from ._utils import is_model

if TYPE_CHECKING:
    from ._base_client import AsyncAPIClient, RequestOptions, SyncAPIClient

__all__ = ["Paging", "PagingStyle", "SyncPage", "AsyncPage", "AsyncPaginator"]

_M = TypeVar("_M")
_I = TypeVar("_I")

PagingStyle = Literal[
    "cursor_query", "cursor_body", "page_number", "pages", "scroll", "next_url"
]


@dataclasses.dataclass(frozen=True)
class Paging:
    """How an endpoint paginates.

    ``style``:

    * ``cursor_query``: cursor at ``pages.next.starting_after``, sent back as the
      ``starting_after`` query parameter;
    * ``cursor_body``: same cursor, sent back in the JSON body as
      ``pagination.starting_after`` (search endpoints);
    * ``page_number``: ``pages.page`` / ``pages.total_pages``, next request sends
      ``page=<page + 1>``;
    * ``pages``: lists that take both: the ``pages.next.starting_after`` cursor
      when the page carries one, else ``page=<page + 1>`` up to ``pages.total_pages``;
    * ``scroll``: ``scroll_param`` sent back as a query parameter until a page
      comes back empty;
    * ``next_url``: ``pages.next`` is the URL of the next page.

    ``items`` names the response field that holds the page's items.
    """

    style: PagingStyle
    items: str


def _field(obj: object, name: str) -> object:
    """``obj.<name>`` for a model (by field name, JSON alias or extra) or a dict."""
    if is_model(obj):
        fields = type(obj).model_fields
        if name in fields:
            return getattr(obj, name)
        for field_name, field in fields.items():
            if field.alias == name:
                return getattr(obj, field_name)
        return (obj.model_extra or {}).get(name)
    if isinstance(obj, dict):
        return obj.get(name)
    return None


def _dig(obj: object, *names: str) -> object:
    for name in names:
        if obj is None:
            return None
        obj = _field(obj, name)
    return obj


def _is_cursor(value: object) -> bool:
    return isinstance(value, str) and bool(value)


def _same_origin(a: httpx.URL, b: httpx.URL) -> bool:
    return (a.scheme, a.host, a.port) == (b.scheme, b.host, b.port)


class _BasePage(Generic[_M, _I]):
    """What sync and async pages share: reading items and finding the next request."""

    page: _M
    """The whole parsed response of this page."""
    data: list[_I]
    """The items on this page."""

    def __init__(
        self,
        *,
        page: _M,
        page_model: type[_M],
        item: type[_I],
        paging: Paging,
        options: RequestOptions,
        response: httpx.Response,
        strict: bool,
        seen: frozenset[str],
    ) -> None:
        self.page = page
        self._page_model = page_model
        self._item = item
        self._paging = paging
        self._options = options
        self._response = response
        self._strict = strict
        self.data = self._read_items()
        self._seen = seen | self._own_tokens()
        self._next = self._next_request()

    @property
    def http_response(self) -> httpx.Response:
        return self._response

    def has_next_page(self) -> bool:
        return self._next is not None

    def _read_items(self) -> list[_I]:
        raw = _field(self.page, self._paging.items)
        if raw is None:
            return []
        if not isinstance(raw, list):
            # Like any other mismatch: strict mode raises, lenient mode warns and goes on.
            from ._models import _describe_request

            message = (
                f"{_describe_request(self._response)}: field {self._paging.items!r} "
                f"should be a list of items, got {type(raw).__name__}"
            )
            if self._strict:
                raise APIResponseValidationError(
                    message, response=self._response, body=self._response.text
                )
            logger.warning("%s; treating the page as empty", message)
            return []
        if isinstance(self._item, type) and all(
            isinstance(entry, self._item) for entry in raw
        ):
            return raw
        # Items under a key the page model does not declare arrive as plain dicts.
        from ._models import validate_python

        return [
            validate_python(
                self._item, entry, strict=self._strict, response=self._response
            )
            for entry in raw
        ]

    def _own_tokens(self) -> frozenset[str]:
        """Tokens identifying the request that produced this page, for loop detection."""
        style = self._paging.style
        token: object = None
        if style == "cursor_query":
            token = self._options.query.get("starting_after")
        elif style == "cursor_body":
            token = _dig(self._options.body, "pagination", "starting_after")
        elif style == "page_number":
            token = _dig(self.page, "pages", "page")
        elif style == "pages":
            token = self._options.query.get("starting_after") or _dig(
                self.page, "pages", "page"
            )
        elif style == "next_url":
            token = str(self._response.request.url)
        return frozenset() if token is None else frozenset({str(token)})

    def _next_request(self) -> tuple[RequestOptions, str] | None:
        style = self._paging.style
        options = dataclasses.replace(self._options, raw=False)
        if style in ("cursor_query", "cursor_body"):
            cursor = _dig(self.page, "pages", "next", "starting_after")
            if not isinstance(cursor, str) or not cursor:
                return None
            token = cursor
            if style == "cursor_query":
                options = dataclasses.replace(
                    options, query={**options.query, "starting_after": cursor}
                )
            else:
                body = dict(options.body) if isinstance(options.body, dict) else {}
                pagination = body.get("pagination")
                body["pagination"] = {
                    **(pagination if isinstance(pagination, dict) else {}),
                    "starting_after": cursor,
                }
                options = dataclasses.replace(options, body=body)
        elif style == "pages" and _is_cursor(
            cursor := _dig(self.page, "pages", "next", "starting_after")
        ):
            token = str(cursor)
            query = {k: v for k, v in options.query.items() if k != "page"}
            options = dataclasses.replace(
                options, query={**query, "starting_after": token}
            )
        elif style in ("page_number", "pages"):
            current = _dig(self.page, "pages", "page")
            total = _dig(self.page, "pages", "total_pages")
            if (
                not isinstance(current, int)
                or not isinstance(total, int)
                or current >= total
            ):
                return None
            token = str(current + 1)
            query = {k: v for k, v in options.query.items() if k != "starting_after"}
            options = dataclasses.replace(options, query={**query, "page": current + 1})
        elif style == "scroll":
            param = _dig(self.page, "scroll_param")
            if not self.data or not isinstance(param, str) or not param:
                return None
            # Intercom may hand back the same scroll_param for the whole scroll, so
            # the loop token also covers this page's content: the same param with
            # the same items again means the scroll is not moving.
            digest = hashlib.sha256(
                repr(self.data).encode("utf-8", "replace")
            ).hexdigest()
            token = f"{param}:{digest}"
            options = dataclasses.replace(
                options, query={**options.query, "scroll_param": param}
            )
        else:  # next_url
            next_url = _dig(self.page, "pages", "next")
            if not isinstance(next_url, str) or not next_url:
                return None
            current_url = self._response.request.url
            try:
                url = current_url.join(next_url)
            except httpx.InvalidURL as error:
                raise IntercomError(
                    f"invalid pages.next URL {next_url[:200]!r}: {error}"
                ) from None
            if not _same_origin(url, current_url):
                # Following it would send the access token to another host.
                raise IntercomError(
                    f"refusing to follow pages.next to a different host: {url.host!r}"
                )
            token = str(url)
            # The URL carries the whole next request; only the method is kept.
            options = dataclasses.replace(options, url=str(url), query={}, body=None)
        if token in self._seen:
            logger.warning(
                "%s %s returned a next-page token it already returned (%s style); stopping pagination",
                self._options.method,
                self._options.url,
                style,
            )
            return None
        return options, token


class SyncPage(_BasePage[_M, _I]):
    """One page of results; iterating it yields the items of this and all later pages."""

    def __init__(
        self,
        *,
        client: SyncAPIClient,
        page: _M,
        page_model: type[_M],
        item: type[_I],
        paging: Paging,
        options: RequestOptions,
        response: httpx.Response,
        strict: bool,
        seen: frozenset[str],
    ) -> None:
        self._client = client
        super().__init__(
            page=page,
            page_model=page_model,
            item=item,
            paging=paging,
            options=options,
            response=response,
            strict=strict,
            seen=seen,
        )

    def get_next_page(self) -> SyncPage[_M, _I]:
        if self._next is None:
            raise IntercomError("no next page; check has_next_page() first")
        options, token = self._next
        return self._client._fetch_page(
            options,
            page_model=self._page_model,
            item=self._item,
            paging=self._paging,
            seen=self._seen | {token},
        )

    def iter_pages(self) -> Iterator[SyncPage[_M, _I]]:
        page = self
        yield page
        while page.has_next_page():
            page = page.get_next_page()
            yield page

    def __iter__(self) -> Iterator[_I]:
        for page in self.iter_pages():
            yield from page.data

    def __repr__(self) -> str:
        return f"<SyncPage {type(self.page).__name__} items={len(self.data)} has_next={self.has_next_page()}>"


class AsyncPage(_BasePage[_M, _I]):
    """One page of results; ``async for`` yields the items of this and all later pages."""

    def __init__(
        self,
        *,
        client: AsyncAPIClient,
        page: _M,
        page_model: type[_M],
        item: type[_I],
        paging: Paging,
        options: RequestOptions,
        response: httpx.Response,
        strict: bool,
        seen: frozenset[str],
    ) -> None:
        self._client = client
        super().__init__(
            page=page,
            page_model=page_model,
            item=item,
            paging=paging,
            options=options,
            response=response,
            strict=strict,
            seen=seen,
        )

    async def get_next_page(self) -> AsyncPage[_M, _I]:
        if self._next is None:
            raise IntercomError("no next page; check has_next_page() first")
        options, token = self._next
        return await self._client._fetch_page(
            options,
            page_model=self._page_model,
            item=self._item,
            paging=self._paging,
            seen=self._seen | {token},
        )

    async def aiter_pages(self) -> AsyncIterator[AsyncPage[_M, _I]]:
        page = self
        yield page
        while page.has_next_page():
            page = await page.get_next_page()
            yield page

    async def __aiter__(self) -> AsyncIterator[_I]:
        async for page in self.aiter_pages():
            for entry in page.data:
                yield entry

    def __repr__(self) -> str:
        return f"<AsyncPage {type(self.page).__name__} items={len(self.data)} has_next={self.has_next_page()}>"


class AsyncPaginator(Awaitable[AsyncPage[_M, _I]]):
    """What async list methods return: ``await`` it for the first page, or
    ``async for item in ...`` to walk every item across pages.

    No request is made until it is awaited or iterated.
    """

    def __init__(
        self,
        *,
        client: AsyncAPIClient,
        options: RequestOptions,
        page_model: type[_M],
        item: type[_I],
        paging: Paging,
    ) -> None:
        self._client = client
        self._options = options
        self._page_model = page_model
        self._item = item
        self._paging = paging

    async def _first(self) -> AsyncPage[_M, _I]:
        # With with_raw_response the client returns an AsyncAPIResponse here.
        page: AsyncPage[_M, _I] = await self._client._request_first_page(
            self._options,
            page_model=self._page_model,
            item=self._item,
            paging=self._paging,
        )
        return page

    def __await__(self) -> Generator[Any, None, AsyncPage[_M, _I]]:
        return self._first().__await__()

    async def __aiter__(self) -> AsyncIterator[_I]:
        page = await self._client._fetch_page(
            dataclasses.replace(self._options, raw=False),
            page_model=self._page_model,
            item=self._item,
            paging=self._paging,
            seen=frozenset(),
        )
        async for entry in page:
            yield entry
