"""Pages of list results and the six ways Intercom hands out the next page.

``client.contacts.list()`` returns a :class:`SyncPage` holding the first page;
iterate it to get every item across all pages, or walk pages explicitly with
``iter_pages()`` / ``get_next_page()``. The async twins are
:class:`AsyncPaginator` (awaitable, or ``async for`` directly) and :class:`AsyncPage`.

Each paging style is one page class (:class:`CursorQueryPage`,
:class:`CursorBodyPage`, :class:`PageNumberPage`, :class:`CursorOrPageNumberPage`,
:class:`ScrollPage`, :class:`NextUrlPage`) whose only code says where the next
request differs from this one (:meth:`BasePage.next_page_info`, a
:class:`PageInfo`) and which token identifies a page for loop detection.
:class:`BasePage` does the rest for every style: reading the items, refusing a
token seen before, the same-origin check of a next URL, and building the next
request. Each style class has a sync and an async form (``SyncCursorQueryPage``
is a :class:`SyncPage`, ``AsyncCursorQueryPage`` an :class:`AsyncPage`), and
:data:`PAGE_CLASSES` maps a :class:`Paging` style to them.
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
    Mapping,
    TypeVar,
)

import httpx

from ._exceptions import APIResponseValidationError, IntercomError
from ._logs import logger
from ._utils import is_model

if TYPE_CHECKING:
    from ._base_client import AsyncAPIClient, RequestOptions, SyncAPIClient

__all__ = [
    "Paging",
    "PagingStyle",
    "PageInfo",
    "BasePage",
    "SyncPage",
    "AsyncPage",
    "AsyncPaginator",
    "CursorQueryPage",
    "CursorBodyPage",
    "PageNumberPage",
    "CursorOrPageNumberPage",
    "ScrollPage",
    "NextUrlPage",
    "SyncCursorQueryPage",
    "AsyncCursorQueryPage",
    "SyncCursorBodyPage",
    "AsyncCursorBodyPage",
    "SyncPageNumberPage",
    "AsyncPageNumberPage",
    "SyncCursorOrPageNumberPage",
    "AsyncCursorOrPageNumberPage",
    "SyncScrollPage",
    "AsyncScrollPage",
    "SyncNextUrlPage",
    "AsyncNextUrlPage",
    "PageClasses",
    "PAGE_CLASSES",
    "page_classes",
]

_M = TypeVar("_M")
_I = TypeVar("_I")

PagingStyle = Literal[
    "cursor_query", "cursor_body", "page_number", "pages", "scroll", "next_url"
]


@dataclasses.dataclass(frozen=True)
class Paging:
    """How an endpoint paginates.

    ``style`` (its page class in brackets; :data:`PAGE_CLASSES`):

    * ``cursor_query`` (:class:`CursorQueryPage`): cursor at
      ``pages.next.starting_after``, sent back as the ``starting_after`` query parameter;
    * ``cursor_body`` (:class:`CursorBodyPage`): same cursor, sent back in the JSON
      body as ``pagination.starting_after`` (search endpoints);
    * ``page_number`` (:class:`PageNumberPage`): ``pages.page`` /
      ``pages.total_pages``, next request sends ``page=<page + 1>``;
    * ``pages`` (:class:`CursorOrPageNumberPage`): lists that take both: the
      ``pages.next.starting_after`` cursor when the page carries one, else
      ``page=<page + 1>`` up to ``pages.total_pages``;
    * ``scroll`` (:class:`ScrollPage`): ``scroll_param`` sent back as a query
      parameter until a page comes back empty;
    * ``next_url`` (:class:`NextUrlPage`): ``pages.next`` is the URL of the next page.

    ``items`` names the response field that holds the page's items.
    """

    style: PagingStyle
    items: str


class PageInfo:
    """Where the next page's request differs from the request of this page.

    Either query and body changes (``params`` set, ``drop_params`` removed,
    ``json`` merged key by key into the JSON body) or a whole ``url`` (absolute
    or relative to this page's URL; it replaces the path, the query and the
    body, and must stay on this page's host).

    ``token`` identifies the next page for loop detection: a token this walk
    has seen before stops it. For a ``url`` it defaults to the resolved URL.
    """

    # A plain class, not a dataclass: creating a dataclass costs a millisecond
    # of import time.
    __slots__ = ("token", "params", "drop_params", "json", "url")

    def __init__(
        self,
        *,
        token: str | None = None,
        params: Mapping[str, object] | None = None,
        drop_params: tuple[str, ...] = (),
        json: Mapping[str, object] | None = None,
        url: str | None = None,
    ) -> None:
        if url is None:
            if token is None:
                raise ValueError("PageInfo needs a token unless it gives a url")
        elif params is not None or drop_params or json is not None:
            raise ValueError("PageInfo takes a url or query/body changes, not both")
        self.token = token
        self.params = params
        self.drop_params = drop_params
        self.json = json
        self.url = url

    def _fields(self) -> tuple[object, ...]:
        return (self.token, self.params, self.drop_params, self.json, self.url)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PageInfo):
            return NotImplemented
        return self._fields() == other._fields()

    def __repr__(self) -> str:
        given = ", ".join(
            f"{name}={value!r}"
            for name, value in zip(self.__slots__, self._fields())
            if value is not None and value != ()
        )
        return f"PageInfo({given})"


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


def _nonempty_str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _same_origin(a: httpx.URL, b: httpx.URL) -> bool:
    return (a.scheme, a.host, a.port) == (b.scheme, b.host, b.port)


def _merge_json(body: object, changes: Mapping[str, object]) -> dict[str, object]:
    """``body`` (a dict, or anything else as ``{}``) with ``changes`` merged in, nested
    mappings key by key."""
    merged = dict(body) if isinstance(body, dict) else {}
    for key, value in changes.items():
        if isinstance(value, Mapping):
            merged[key] = _merge_json(merged.get(key), value)
        else:
            merged[key] = value
    return merged


class BasePage(Generic[_M, _I]):
    """What every page shares, whatever its style and sync or async.

    A style subclass says where the next request differs
    (:meth:`next_page_info`) and, when a page's request identifies it, that
    page's token (:meth:`_page_token`); this class reads the items, stops on a
    token seen before, checks a next URL's origin and builds the next request.
    """

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
        token = self._page_token()
        self._seen = seen if token is None else seen | {str(token)}
        self._next = self._next_request()

    # -- what a style defines -------------------------------------------------

    def next_page_info(self) -> PageInfo | None:
        """How the next page's request differs from this page's; None on the last page."""
        raise NotImplementedError

    def _page_token(self) -> object:
        """The token of the request that produced this page (None: not known)."""
        return None

    # -- shared ---------------------------------------------------------------

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

    def _next_request(self) -> tuple[RequestOptions, str] | None:
        info = self.next_page_info()
        if info is None:
            return None
        options, token = self._info_to_options(info)
        if token in self._seen:
            logger.warning(
                "%s %s returned a next-page token it already returned (%s style); stopping pagination",
                self._options.method,
                self._options.url,
                self._paging.style,
            )
            return None
        return options, token

    def _info_to_options(self, info: PageInfo) -> tuple[RequestOptions, str]:
        """The next page's request and its token."""
        # Only the first page of a with_raw_response call is raw.
        options = dataclasses.replace(self._options, raw=False)
        if info.url is not None:
            url = self._resolve_next_url(info.url)
            token = str(url) if info.token is None else info.token
            # The URL carries the whole next request; only the method is kept.
            return (
                dataclasses.replace(options, url=str(url), query={}, body=None),
                token,
            )
        assert info.token is not None  # PageInfo.__init__ requires it here
        if info.params is not None or info.drop_params:
            query = {
                k: v for k, v in options.query.items() if k not in info.drop_params
            }
            options = dataclasses.replace(
                options, query={**query, **(info.params or {})}
            )
        if info.json is not None:
            options = dataclasses.replace(
                options, body=_merge_json(options.body, info.json)
            )
        return options, info.token

    def _resolve_next_url(self, next_url: str) -> httpx.URL:
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
        return url

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {type(self.page).__name__} items={len(self.data)} has_next={self.has_next_page()}>"


# -- one class per paging style ----------------------------------------------


def _next_cursor(page: object) -> str | None:
    return _nonempty_str(_dig(page, "pages", "next", "starting_after"))


class CursorQueryPage(BasePage[_M, _I]):
    """``cursor_query``: ``pages.next.starting_after`` goes back as the
    ``starting_after`` query parameter."""

    def next_page_info(self) -> PageInfo | None:
        cursor = _next_cursor(self.page)
        if cursor is None:
            return None
        return PageInfo(token=cursor, params={"starting_after": cursor})

    def _page_token(self) -> object:
        return self._options.query.get("starting_after")


class CursorBodyPage(BasePage[_M, _I]):
    """``cursor_body``: ``pages.next.starting_after`` goes back in the JSON body as
    ``pagination.starting_after``; the rest of the body is sent again."""

    def next_page_info(self) -> PageInfo | None:
        cursor = _next_cursor(self.page)
        if cursor is None:
            return None
        return PageInfo(token=cursor, json={"pagination": {"starting_after": cursor}})

    def _page_token(self) -> object:
        return _dig(self._options.body, "pagination", "starting_after")


class PageNumberPage(BasePage[_M, _I]):
    """``page_number``: ``page=<pages.page + 1>`` while below ``pages.total_pages``."""

    def next_page_info(self) -> PageInfo | None:
        current = _dig(self.page, "pages", "page")
        total = _dig(self.page, "pages", "total_pages")
        if (
            not isinstance(current, int)
            or not isinstance(total, int)
            or current >= total
        ):
            return None
        return PageInfo(
            token=str(current + 1),
            params={"page": current + 1},
            drop_params=("starting_after",),
        )

    def _page_token(self) -> object:
        return _dig(self.page, "pages", "page")


class CursorOrPageNumberPage(PageNumberPage[_M, _I]):
    """``pages``: lists that take both a cursor and a page number. The
    ``pages.next.starting_after`` cursor when the page carries one (and no
    ``page``), else the page number as in :class:`PageNumberPage` (and no
    ``starting_after``)."""

    def next_page_info(self) -> PageInfo | None:
        cursor = _next_cursor(self.page)
        if cursor is None:
            return super().next_page_info()
        return PageInfo(
            token=cursor, params={"starting_after": cursor}, drop_params=("page",)
        )

    def _page_token(self) -> object:
        return self._options.query.get("starting_after") or super()._page_token()


class ScrollPage(BasePage[_M, _I]):
    """``scroll``: ``scroll_param`` goes back as a query parameter until a page
    comes back empty."""

    def next_page_info(self) -> PageInfo | None:
        param = _nonempty_str(_dig(self.page, "scroll_param"))
        if not self.data or param is None:
            return None
        # Intercom may hand back the same scroll_param for the whole scroll, so
        # the token also covers this page's content: the same param with the
        # same items again means the scroll is not moving.
        digest = hashlib.sha256(repr(self.data).encode("utf-8", "replace")).hexdigest()
        return PageInfo(token=f"{param}:{digest}", params={"scroll_param": param})


class NextUrlPage(BasePage[_M, _I]):
    """``next_url``: ``pages.next`` is the URL of the next page (on the same host)."""

    def next_page_info(self) -> PageInfo | None:
        next_url = _nonempty_str(_dig(self.page, "pages", "next"))
        if next_url is None:
            return None
        return PageInfo(url=next_url)

    def _page_token(self) -> object:
        return str(self._response.request.url)


# -- sync and async ----------------------------------------------------------


class SyncPage(BasePage[_M, _I]):
    """One page of results; iterating it yields the items of this and all later pages.

    What sync list methods return; the page is an instance of the style's sync
    class (:data:`PAGE_CLASSES`), e.g. :class:`SyncCursorQueryPage`.
    """

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


class AsyncPage(BasePage[_M, _I]):
    """One page of results; ``async for`` yields the items of this and all later pages.

    Awaiting an :class:`AsyncPaginator` gives one; it is an instance of the
    style's async class (:data:`PAGE_CLASSES`), e.g. :class:`AsyncCursorQueryPage`.
    """

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


# The classes the clients instantiate: a style's rule plus the sync or async walk.


class SyncCursorQueryPage(CursorQueryPage[_M, _I], SyncPage[_M, _I]):
    pass


class AsyncCursorQueryPage(CursorQueryPage[_M, _I], AsyncPage[_M, _I]):
    pass


class SyncCursorBodyPage(CursorBodyPage[_M, _I], SyncPage[_M, _I]):
    pass


class AsyncCursorBodyPage(CursorBodyPage[_M, _I], AsyncPage[_M, _I]):
    pass


class SyncPageNumberPage(PageNumberPage[_M, _I], SyncPage[_M, _I]):
    pass


class AsyncPageNumberPage(PageNumberPage[_M, _I], AsyncPage[_M, _I]):
    pass


class SyncCursorOrPageNumberPage(CursorOrPageNumberPage[_M, _I], SyncPage[_M, _I]):
    pass


class AsyncCursorOrPageNumberPage(CursorOrPageNumberPage[_M, _I], AsyncPage[_M, _I]):
    pass


class SyncScrollPage(ScrollPage[_M, _I], SyncPage[_M, _I]):
    pass


class AsyncScrollPage(ScrollPage[_M, _I], AsyncPage[_M, _I]):
    pass


class SyncNextUrlPage(NextUrlPage[_M, _I], SyncPage[_M, _I]):
    pass


class AsyncNextUrlPage(NextUrlPage[_M, _I], AsyncPage[_M, _I]):
    pass


class PageClasses:
    """A style's page class for the sync client and for the async one."""

    __slots__ = ("sync", "async_")

    def __init__(
        self, sync: type[SyncPage[Any, Any]], async_: type[AsyncPage[Any, Any]]
    ) -> None:
        self.sync = sync
        self.async_ = async_

    def __repr__(self) -> str:
        return f"PageClasses({self.sync.__name__}, {self.async_.__name__})"


PAGE_CLASSES: Mapping[PagingStyle, PageClasses] = {
    "cursor_query": PageClasses(SyncCursorQueryPage, AsyncCursorQueryPage),
    "cursor_body": PageClasses(SyncCursorBodyPage, AsyncCursorBodyPage),
    "page_number": PageClasses(SyncPageNumberPage, AsyncPageNumberPage),
    "pages": PageClasses(SyncCursorOrPageNumberPage, AsyncCursorOrPageNumberPage),
    "scroll": PageClasses(SyncScrollPage, AsyncScrollPage),
    "next_url": PageClasses(SyncNextUrlPage, AsyncNextUrlPage),
}
"""Each :class:`Paging` style's page classes; a new style is a class and an entry here."""


def page_classes(paging: Paging) -> PageClasses:
    """The page classes of ``paging.style``."""
    try:
        return PAGE_CLASSES[paging.style]
    except KeyError:
        raise IntercomError(
            f"unknown paging style {paging.style!r}; expected one of {', '.join(PAGE_CLASSES)}"
        ) from None


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
