"""HTTP machinery shared by ``Intercom`` and ``AsyncIntercom``.

The generated resource methods call :meth:`SyncAPIClient.request` and
:meth:`SyncAPIClient.request_page` (and their async twins); everything about
auth, headers, retries, errors and parsing lives here.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import logging
import os
import random
import time
from types import TracebackType
from typing import (
    TYPE_CHECKING,
    Any,
    Awaitable,
    Callable,
    Literal,
    Mapping,
    TypeVar,
    Union,
    cast,
)

import httpx
from typing_extensions import TypeAlias

from ._constants import API_VERSION, DEFAULT_REGION, PACKAGE_VERSION, REGIONS
from ._exceptions import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    IntercomError,
    make_status_error,
)
from ._logs import logger, redact_headers
from ._rate_limit import RateLimit
from ._response import (
    RAW_RESPONSE_HEADER,
    STREAM,
    APIResponse,
    AsyncAPIResponse,
    AsyncStreamedAPIResponse,
    StreamedAPIResponse,
)
from ._types import NOT_GIVEN, Body, Headers, NotGiven, Query
from ._utils import build_query, strip_not_given, to_jsonable
from .pagination import AsyncPage, AsyncPaginator, Paging, SyncPage, page_classes

if TYPE_CHECKING:
    from ._throttle import Pacer
    from .pagination import BasePage

__all__ = [
    "SyncAPIClient",
    "AsyncAPIClient",
    "RequestOptions",
    "Region",
    "DEFAULT_TIMEOUT",
    "DEFAULT_MAX_RETRIES",
]

Region: TypeAlias = Literal["us", "eu", "au"]
_TimeoutArg: TypeAlias = Union[float, httpx.Timeout, None, NotGiven]

DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=5.0)
DEFAULT_MAX_RETRIES = 2
INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
# Longest wait a Retry-After / X-RateLimit-Reset header can make us sleep; asking
# for more gives up and raises, rather than stall the caller for minutes.
MAX_RETRY_AFTER = 60.0

USER_AGENT = f"intercom-sdk-python/{PACKAGE_VERSION}"

# Safe to resend whatever happened to the first attempt.
_IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})
_RETRYABLE_STATUSES = frozenset({408, 409, 429})
# Failures that leave us without a response and that another attempt can fix.
_RETRYABLE_TRANSPORT_ERRORS = (
    httpx.TimeoutException,
    httpx.NetworkError,
    httpx.RemoteProtocolError,
)
# Failures where the request surely never reached Intercom: the only transport
# errors after which a POST may be resent (Intercom has no idempotency keys, so
# a resent POST could send a message twice).
_NOT_SENT_ERRORS = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
# Redirects the client follows itself (the data export download redirects to a file
# host), at most MAX_REDIRECTS in a row.
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 5
# The only headers a redirect to another origin carries: never the access token,
# Intercom-Version or default_headers.
_CROSS_ORIGIN_HEADERS = ("accept", "accept-encoding", "user-agent")

_T = TypeVar("_T")
_M = TypeVar("_M")
_I = TypeVar("_I")
_SyncClientT = TypeVar("_SyncClientT", bound="SyncAPIClient")
_AsyncClientT = TypeVar("_AsyncClientT", bound="AsyncAPIClient")


@dataclasses.dataclass(frozen=True)
class RequestOptions:
    """One logical request, before retries; pagination derives the next page's from it."""

    method: str
    url: str
    """A path relative to the base URL, or an absolute URL (``next_url`` paging)."""
    query: dict[str, object]
    body: object
    """JSON-ready body, or None for no body at all."""
    headers: dict[str, str]
    timeout: _TimeoutArg
    raw: bool | Literal["stream"] = False
    """True: with_raw_response; "stream": with_streaming_response (body left unread)."""
    follow_redirects: bool = True
    """False: a redirect is the answer (the method returns its ``Location``)."""


def _resolve_base_url(
    region: str | None, base_url: str | httpx.URL | None
) -> httpx.URL:
    if base_url is None and region is None:
        base_url = os.environ.get("INTERCOM_BASE_URL") or None
        region = os.environ.get("INTERCOM_REGION") or None
    if base_url is None:
        region = (region or DEFAULT_REGION).lower()
        if region not in REGIONS:
            raise IntercomError(
                f"unknown Intercom region {region!r}; expected one of {', '.join(sorted(REGIONS))}"
            )
        base_url = REGIONS[region]
    url = httpx.URL(str(base_url))
    if url.scheme not in ("http", "https") or not url.host:
        raise IntercomError(
            f"base_url must be an absolute http(s) URL, got {str(base_url)!r}"
        )
    return url


def _same_origin(a: httpx.URL, b: httpx.URL) -> bool:
    return (a.scheme, a.host, a.port) == (b.scheme, b.host, b.port)


def _redirect_request(response: httpx.Response) -> httpx.Request | None:
    """The request a redirect response asks for, or None when it is not one to follow.

    Followed here rather than by httpx so that the rule does not depend on the
    (possibly injected) httpx client: to another origin (scheme, host or port) only
    the headers in _CROSS_ORIGIN_HEADERS go along; the same origin gets them all.
    """
    if response.status_code not in _REDIRECT_STATUSES:
        return None
    location = response.headers.get("location")
    if not location:
        return None
    request = response.request
    try:
        url = request.url.join(location.strip())
    except httpx.InvalidURL:
        return None
    if url.scheme not in ("http", "https") or not url.host:
        return None
    method = request.method
    if method != "HEAD" and (
        response.status_code == 303
        or (response.status_code in (301, 302) and method == "POST")
    ):
        method = "GET"  # as browsers and httpx do; 307 and 308 keep the method and body
    keep_body = method == request.method
    if _same_origin(url, request.url):
        headers = httpx.Headers(request.headers)
        headers.pop("host", None)
    else:
        headers = httpx.Headers(
            {k: v for k in _CROSS_ORIGIN_HEADERS if (v := request.headers.get(k))}
        )
    headers.pop("content-length", None)
    if not keep_body:
        headers.pop("content-type", None)
    return httpx.Request(
        method,
        url,
        headers=headers,
        content=request.content if keep_body and request.content else None,
        extensions=request.extensions,
    )


def _unfollowed_redirect_error(response: httpx.Response, hops: int) -> APIStatusError:
    """A 3xx we did not follow: a clear error rather than a body parsed as the result."""
    request = response.request
    why = (
        f"more than {MAX_REDIRECTS} redirects"
        if hops >= MAX_REDIRECTS
        else "not a redirect this client follows"
    )
    return APIStatusError(
        f"{response.status_code} {response.reason_phrase or 'Redirect'} for "
        f"{request.method} {request.url}: {why}",
        response=response,
        body=None,
        errors=[],
        request_id=response.headers.get("x-request-id"),
    )


def _parse_retry_after(value: str, now: float) -> float | None:
    try:
        return float(value)
    except ValueError:
        pass
    import email.utils  # rarely needed, and slow to import

    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # "-0000" dates parse as naive; HTTP dates are UTC
        when = when.replace(tzinfo=datetime.timezone.utc)
    return when.timestamp() - now


class _BaseClient:

    def __init__(
        self,
        *,
        access_token: str | None,
        region: Region | None,
        base_url: str | httpx.URL | None,
        intercom_version: str | None,
        timeout: float | httpx.Timeout | None,
        max_retries: int,
        default_headers: Mapping[str, str] | None,
        strict_response_validation: bool,
        throttle: bool,
    ) -> None:
        if access_token is None:
            access_token = os.environ.get("INTERCOM_ACCESS_TOKEN")
        if not access_token:
            raise IntercomError(
                "no Intercom access token: pass access_token=... or set the INTERCOM_ACCESS_TOKEN environment variable"
            )
        if max_retries < 0:
            raise ValueError("max_retries must be >= 0")
        self._access_token = access_token
        self._region = region
        self._base_url_arg = base_url
        self.base_url = _resolve_base_url(region, base_url)
        self.intercom_version = intercom_version or API_VERSION
        self.timeout = timeout
        self.max_retries = max_retries
        self._custom_headers = dict(default_headers or {})
        self._strict_response_validation = strict_response_validation
        # Injectable clock, for Retry-After dates and X-RateLimit-Reset in tests.
        self._now: Callable[[], float] = time.time
        self.rate_limit: RateLimit | None = None
        """The ``X-RateLimit-*`` headers of the last response that carried them."""
        self._pacer: Pacer | None = None
        if throttle:
            from ._throttle import Pacer  # only throttling clients load it

            self._pacer = Pacer(max_wait=MAX_RETRY_AFTER)

    @property
    def throttle(self) -> bool:
        """Whether this client paces its calls by Intercom's rate-limit headers."""
        return self._pacer is not None

    def _option_kwargs(self) -> dict[str, Any]:
        """Constructor arguments that reproduce this client (for with_options)."""
        return {
            "access_token": self._access_token,
            "region": self._region,
            "base_url": self._base_url_arg,
            "intercom_version": self.intercom_version,
            "timeout": self.timeout,
            "max_retries": self.max_retries,
            "default_headers": self._custom_headers,
            "strict_response_validation": self._strict_response_validation,
            "throttle": self.throttle,
        }

    @staticmethod
    def _merge_option_kwargs(
        current: dict[str, Any], changes: dict[str, Any]
    ) -> dict[str, Any]:
        given = {
            key: value
            for key, value in changes.items()
            if not isinstance(value, NotGiven)
        }
        if "region" in given and "base_url" not in given:
            current["base_url"] = None  # a new region replaces the old base URL
        if "default_headers" in given:
            given["default_headers"] = {
                **current["default_headers"],
                **(given["default_headers"] or {}),
            }
        return {**current, **given}

    def __repr__(self) -> str:
        # Deliberately leaves out the access token.
        return (
            f"{type(self).__name__}(base_url={str(self.base_url)!r}, "
            f"intercom_version={self.intercom_version!r}, max_retries={self.max_retries})"
        )

    # -- building requests --------------------------------------------------

    def _build_options(
        self,
        method: str,
        path: str,
        *,
        query: Query | None,
        body: Body | None,
        headers: Mapping[str, str | NotGiven] | None,
        extra_headers: Headers | None,
        extra_query: Query | None,
        extra_body: Body | None,
        timeout: _TimeoutArg,
        follow_redirects: bool = True,
    ) -> RequestOptions:
        merged_headers = {
            k: v for k, v in (headers or {}).items() if not isinstance(v, NotGiven)
        }
        merged_headers.update(extra_headers or {})
        raw: bool | Literal["stream"] = False
        for name in list(merged_headers):
            if name.lower() == RAW_RESPONSE_HEADER.lower():
                raw = STREAM if merged_headers.pop(name) == STREAM else True
        json_body: object = None
        if body is not None or extra_body is not None:
            json_body = to_jsonable({**(body or {}), **(extra_body or {})})
        return RequestOptions(
            method=method.upper(),
            url=path,
            query=strip_not_given({**(query or {}), **(extra_query or {})}),
            body=json_body,
            headers=merged_headers,
            timeout=timeout,
            raw=raw,
            follow_redirects=follow_redirects,
        )

    @property
    def _client(self) -> httpx.Client | httpx.AsyncClient:
        raise NotImplementedError  # each subclass creates its own kind on first use

    def _build_request(self, options: RequestOptions) -> httpx.Request:
        headers = httpx.Headers(
            {
                "Authorization": f"Bearer {self._access_token}",
                "Accept": "application/json",
                "User-Agent": USER_AGENT,
                "Intercom-Version": self.intercom_version,
            }
        )
        headers.update(self._custom_headers)
        content = None
        if options.body is not None:
            headers["Content-Type"] = "application/json"
            content = json.dumps(
                options.body, ensure_ascii=False, allow_nan=False
            ).encode("utf-8")
        headers.update(options.headers)
        if options.url.startswith(("http://", "https://")):
            url = httpx.URL(options.url)
        else:
            # Plain concatenation keeps a base_url path prefix (e.g. a proxy's /intercom).
            url = httpx.URL(
                str(self.base_url).rstrip("/") + "/" + options.url.lstrip("/")
            )
        timeout = (
            self.timeout if isinstance(options.timeout, NotGiven) else options.timeout
        )
        params: list[tuple[str, str | int | float | bool | None]] = list(
            build_query(options.query)
        )
        return self._client.build_request(
            options.method,
            url,
            params=params or None,
            headers=headers,
            content=content,
            timeout=timeout,
        )

    # -- retries ------------------------------------------------------------

    def _transport_retry_wait(
        self, request: httpx.Request, error: Exception, retries_taken: int
    ) -> float | None:
        if retries_taken >= self.max_retries or not isinstance(
            error, _RETRYABLE_TRANSPORT_ERRORS
        ):
            return None
        if request.method not in _IDEMPOTENT_METHODS and not isinstance(
            error, _NOT_SENT_ERRORS
        ):
            return None
        return self._backoff(retries_taken)

    def _status_retry_wait(
        self, response: httpx.Response, retries_taken: int
    ) -> float | None:
        status = response.status_code
        if retries_taken >= self.max_retries:
            return None
        if response.request.method in _IDEMPOTENT_METHODS:
            if status not in _RETRYABLE_STATUSES and status < 500:
                return None
        elif status != 429:
            # A POST/PATCH that got 5xx may have been applied: never resend it.
            return None
        hinted = self._server_requested_wait(response)
        if hinted is None:
            return self._backoff(retries_taken)
        if hinted > MAX_RETRY_AFTER:
            logger.info(
                "not retrying %s %s: server asked to wait %.0fs (more than %.0fs)",
                response.request.method,
                response.request.url,
                hinted,
                MAX_RETRY_AFTER,
            )
            return None
        return hinted

    def _server_requested_wait(self, response: httpx.Response) -> float | None:
        now = self._now()
        wait: float | None = None
        retry_after = response.headers.get("retry-after")
        if retry_after:
            wait = _parse_retry_after(retry_after.strip(), now)
        if wait is None and response.status_code == 429:
            reset = response.headers.get("x-ratelimit-reset")
            try:
                wait = float(reset) - now if reset else None
            except ValueError:
                wait = None
        # A time in the past (clock skew) tells us nothing: fall back to backoff.
        return wait if wait is not None and wait >= 0 else None

    @staticmethod
    def _backoff(retries_taken: int) -> float:
        delay = min(INITIAL_RETRY_DELAY * 2.0**retries_taken, MAX_RETRY_DELAY)
        # Up to 25% jitter so that many clients hitting a 5xx do not retry in lockstep.
        return delay * (1.0 - 0.25 * random.random())

    # -- logging --------------------------------------------------------------

    @staticmethod
    def _log_request(request: httpx.Request) -> None:
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug(
                "request %s %s headers=%s",
                request.method,
                request.url,
                redact_headers(request.headers),
            )

    @staticmethod
    def _log_response(response: httpx.Response, started: float) -> None:
        request = response.request
        logger.info(
            "%s %s -> %d %s (%.3fs)",
            request.method,
            request.url,
            response.status_code,
            response.reason_phrase,
            time.monotonic() - started,
        )
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug("response headers=%s", redact_headers(response.headers))

    @staticmethod
    def _log_retry(
        request: httpx.Request,
        reason: str,
        wait: float,
        retries_taken: int,
        max_retries: int,
    ) -> None:
        logger.info(
            "retrying %s %s in %.2fs (retry %d of %d): %s",
            request.method,
            request.url,
            wait,
            retries_taken + 1,
            max_retries,
            reason,
        )

    # -- responses ----------------------------------------------------------

    def _parse(self, response: httpx.Response, cast_to: Any) -> Any:
        if cast_to is type(None) or cast_to is None:
            return None
        if cast_to is bytes:
            return response.content
        if cast_to is str:
            # a redirect that is the answer (follow_redirects=False): where it points
            return (
                response.headers["location"] if response.is_redirect else response.text
            )
        if cast_to is httpx.Response:
            return response
        # pydantic's machinery loads on the first parse, not on import
        from ._models import parse_json, set_request_id

        parsed = parse_json(
            response.content,
            cast_to,
            strict=self._strict_response_validation,
            response=response,
        )
        set_request_id(parsed, response.headers.get("x-request-id"))
        return parsed

    def _observe(self, response: httpx.Response) -> None:
        """Note the rate limit a response reports (client.rate_limit, pacing)."""
        rate_limit = RateLimit.from_headers(response.headers)
        if rate_limit is not None:
            self.rate_limit = rate_limit
            if self._pacer is not None:
                self._pacer.update(rate_limit, self._now())

    def _share_pacer(self, copy: _BaseClient) -> None:
        """with_options: a copy with the same token spends the same budget."""
        if (
            copy._pacer is not None
            and self._pacer is not None
            and copy._access_token == self._access_token
        ):
            copy._pacer = self._pacer

    @staticmethod
    def _set_page_request_id(page: BasePage[Any, Any]) -> None:
        from ._models import set_request_id

        request_id = page.http_response.headers.get("x-request-id")
        for entry in page.data:
            set_request_id(entry, request_id)


async def _async_sleep(seconds: float) -> None:
    import asyncio  # only async clients need it; importing asyncio costs start-up time

    await asyncio.sleep(seconds)


def _connection_error(request: httpx.Request, error: Exception) -> APIConnectionError:
    if isinstance(error, httpx.TimeoutException):
        return APITimeoutError(request=request)
    return APIConnectionError(
        request=request,
        message=f"Connection error calling {request.method} {request.url}: {type(error).__name__}: {error}",
    )


class SyncAPIClient(_BaseClient):
    """Synchronous client; the generated ``Intercom`` class derives from it."""

    def __init__(
        self,
        *,
        access_token: str | None = None,
        region: Region | None = None,
        base_url: str | httpx.URL | None = None,
        intercom_version: str | None = None,
        timeout: float | httpx.Timeout | None = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.Client | None = None,
        strict_response_validation: bool = False,
        throttle: bool = False,
    ) -> None:
        super().__init__(
            access_token=access_token,
            region=region,
            base_url=base_url,
            intercom_version=intercom_version,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            strict_response_validation=strict_response_validation,
            throttle=throttle,
        )
        if http_client is not None and not isinstance(http_client, httpx.Client):
            raise TypeError(
                f"http_client must be an httpx.Client, not {type(http_client).__name__}"
            )
        # A client passed in belongs to the caller, who closes it. Our own is created on
        # first use: building an httpx client (TLS context, CA bundle) is slow.
        self._owns_client = http_client is None
        self._http: httpx.Client | None = http_client
        self._sleep: Callable[[float], None] = time.sleep

    @property
    def _client(self) -> httpx.Client:
        if self._http is None:
            self._http = httpx.Client(timeout=self.timeout)
        return self._http

    def with_options(
        self: _SyncClientT,
        *,
        access_token: str | NotGiven = NOT_GIVEN,
        region: Region | NotGiven = NOT_GIVEN,
        base_url: str | httpx.URL | NotGiven = NOT_GIVEN,
        intercom_version: str | NotGiven = NOT_GIVEN,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        default_headers: Mapping[str, str] | NotGiven = NOT_GIVEN,
        http_client: httpx.Client | NotGiven = NOT_GIVEN,
        strict_response_validation: bool | NotGiven = NOT_GIVEN,
        throttle: bool | NotGiven = NOT_GIVEN,
    ) -> _SyncClientT:
        """A copy of this client with some options changed; it shares the HTTP connection pool."""
        kwargs = self._merge_option_kwargs(
            self._option_kwargs(),
            {
                "access_token": access_token,
                "region": region,
                "base_url": base_url,
                "intercom_version": intercom_version,
                "timeout": timeout,
                "max_retries": max_retries,
                "default_headers": default_headers,
                "strict_response_validation": strict_response_validation,
                "throttle": throttle,
            },
        )
        client = type(self)(
            **kwargs,
            http_client=(
                self._client if isinstance(http_client, NotGiven) else http_client
            ),
        )
        client._sleep = self._sleep
        client._now = self._now
        self._share_pacer(client)
        return client

    def close(self) -> None:
        if self._owns_client and self._http is not None:
            self._http.close()

    def __enter__(self: _SyncClientT) -> _SyncClientT:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        exc_tb: TracebackType | None,
    ) -> None:
        self.close()

    def request(
        self,
        method: str,
        path: str,
        *,
        cast_to: type[_T],
        query: Query | None = None,
        body: Body | None = None,
        headers: Mapping[str, str | NotGiven] | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
        follow_redirects: bool = True,
    ) -> _T:
        """Send a request and parse the response into ``cast_to``.

        ``query``/``body`` may hold NOT_GIVEN values, which are left out.
        ``body=None`` sends no body. Raises :class:`APIStatusError` subclasses for
        4xx/5xx after retries, :class:`APIConnectionError` for transport failures.
        """
        options = self._build_options(
            method,
            path,
            query=query,
            body=body,
            headers=headers,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            follow_redirects=follow_redirects,
        )
        response = self._send(options)
        if options.raw == STREAM:
            return cast(
                _T,
                StreamedAPIResponse(response, lambda: self._parse(response, cast_to)),
            )
        if options.raw:
            return cast(
                _T, APIResponse(response, lambda: self._parse(response, cast_to))
            )
        return cast(_T, self._parse(response, cast_to))

    def request_page(
        self,
        method: str,
        path: str,
        *,
        page_model: type[_M],
        item: type[_I],
        paging: Paging,
        query: Query | None = None,
        body: Body | None = None,
        headers: Mapping[str, str | NotGiven] | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> SyncPage[_M, _I]:
        """Fetch the first page of a list endpoint; the page fetches the rest on demand."""
        options = self._build_options(
            method,
            path,
            query=query,
            body=body,
            headers=headers,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )
        if options.raw:
            response = self._send(options)
            wrapper = StreamedAPIResponse if options.raw == STREAM else APIResponse
            return cast(
                "SyncPage[_M, _I]",
                wrapper(
                    response,
                    lambda: self._make_page(
                        response,
                        options,
                        page_model=page_model,
                        item=item,
                        paging=paging,
                        seen=frozenset(),
                    ),
                ),
            )
        return self._fetch_page(
            options, page_model=page_model, item=item, paging=paging, seen=frozenset()
        )

    def _fetch_page(
        self,
        options: RequestOptions,
        *,
        page_model: type[_M],
        item: type[_I],
        paging: Paging,
        seen: frozenset[str],
    ) -> SyncPage[_M, _I]:
        response = self._send(options)
        return self._make_page(
            response,
            options,
            page_model=page_model,
            item=item,
            paging=paging,
            seen=seen,
        )

    def _make_page(
        self,
        response: httpx.Response,
        options: RequestOptions,
        *,
        page_model: type[_M],
        item: type[_I],
        paging: Paging,
        seen: frozenset[str],
    ) -> SyncPage[_M, _I]:
        page = page_classes(paging).sync(
            client=self,
            page=self._parse(response, page_model),
            page_model=page_model,
            item=item,
            paging=paging,
            options=options,
            response=response,
            strict=self._strict_response_validation,
            seen=seen,
        )
        self._set_page_request_id(page)
        return page

    def _send(self, options: RequestOptions) -> httpx.Response:
        """Send with retries, following redirects; returns a 2xx response, its body read
        unless ``options.raw`` is "stream" (then the caller closes it)."""
        stream = options.raw == STREAM
        retries_taken = 0
        while True:
            request = self._build_request(options)
            pacer = self._pacer
            pace = 0.0 if pacer is None else pacer.reserve(self._now())
            try:
                if pace > 0:
                    self._sleep(pace)
                self._log_request(request)
                started = time.monotonic()
                response, hops = self._send_following(
                    request, stream, started, options.follow_redirects
                )
            except httpx.TransportError as error:
                wait = self._transport_retry_wait(request, error, retries_taken)
                if wait is None:
                    raise _connection_error(request, error) from error
                self._log_retry(
                    request,
                    f"{type(error).__name__}: {error}",
                    wait,
                    retries_taken,
                    self.max_retries,
                )
                self._sleep(wait)
                retries_taken += 1
                continue
            finally:
                if pacer is not None:
                    pacer.release()
            self._log_response(response, started)
            if response.status_code < 300 or (
                response.has_redirect_location and not options.follow_redirects
            ):
                return response
            if response.status_code < 400:
                response.close()
                raise _unfollowed_redirect_error(response, hops)
            wait = self._status_retry_wait(response, retries_taken)
            if wait is None:
                if stream:
                    self._read_error_body(response)
                raise make_status_error(response)
            response.close()
            self._log_retry(
                request,
                f"{response.status_code} {response.reason_phrase}",
                wait,
                retries_taken,
                self.max_retries,
            )
            self._sleep(wait)
            retries_taken += 1

    def _send_following(
        self, request: httpx.Request, stream: bool, started: float, follow: bool = True
    ) -> tuple[httpx.Response, int]:
        """One attempt: send, and follow up to MAX_REDIRECTS redirects (none if not
        ``follow``); returns the last response and the number of redirects followed."""
        response = self._client.send(request, stream=stream, follow_redirects=False)
        self._observe(response)
        hops = 0
        while follow and hops < MAX_REDIRECTS:
            next_request = _redirect_request(response)
            if next_request is None:
                break
            self._log_response(response, started)
            response.close()
            self._log_request(next_request)
            history = [*response.history, response]
            response = self._client.send(
                next_request, stream=stream, follow_redirects=False
            )
            response.history = history
            self._observe(response)
            hops += 1
        return response, hops

    @staticmethod
    def _read_error_body(response: httpx.Response) -> None:
        """Read a streamed error response's body, for the exception's message."""
        try:
            response.read()
        except httpx.TransportError as error:
            response.close()
            raise _connection_error(response.request, error) from error


class AsyncAPIClient(_BaseClient):
    """Asynchronous client; the generated ``AsyncIntercom`` class derives from it."""

    def __init__(
        self,
        *,
        access_token: str | None = None,
        region: Region | None = None,
        base_url: str | httpx.URL | None = None,
        intercom_version: str | None = None,
        timeout: float | httpx.Timeout | None = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.AsyncClient | None = None,
        strict_response_validation: bool = False,
        throttle: bool = False,
    ) -> None:
        super().__init__(
            access_token=access_token,
            region=region,
            base_url=base_url,
            intercom_version=intercom_version,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            strict_response_validation=strict_response_validation,
            throttle=throttle,
        )
        if http_client is not None and not isinstance(http_client, httpx.AsyncClient):
            raise TypeError(
                f"http_client must be an httpx.AsyncClient, not {type(http_client).__name__}"
            )
        self._owns_client = http_client is None
        self._http: httpx.AsyncClient | None = http_client
        self._sleep: Callable[[float], Awaitable[None]] = _async_sleep

    @property
    def _client(self) -> httpx.AsyncClient:
        if self._http is None:
            self._http = httpx.AsyncClient(timeout=self.timeout)
        return self._http

    def with_options(
        self: _AsyncClientT,
        *,
        access_token: str | NotGiven = NOT_GIVEN,
        region: Region | NotGiven = NOT_GIVEN,
        base_url: str | httpx.URL | NotGiven = NOT_GIVEN,
        intercom_version: str | NotGiven = NOT_GIVEN,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        default_headers: Mapping[str, str] | NotGiven = NOT_GIVEN,
        http_client: httpx.AsyncClient | NotGiven = NOT_GIVEN,
        strict_response_validation: bool | NotGiven = NOT_GIVEN,
        throttle: bool | NotGiven = NOT_GIVEN,
    ) -> _AsyncClientT:
        """A copy of this client with some options changed; it shares the HTTP connection pool."""
        kwargs = self._merge_option_kwargs(
            self._option_kwargs(),
            {
                "access_token": access_token,
                "region": region,
                "base_url": base_url,
                "intercom_version": intercom_version,
                "timeout": timeout,
                "max_retries": max_retries,
                "default_headers": default_headers,
                "strict_response_validation": strict_response_validation,
                "throttle": throttle,
            },
        )
        client = type(self)(
            **kwargs,
            http_client=(
                self._client if isinstance(http_client, NotGiven) else http_client
            ),
        )
        client._sleep = self._sleep
        client._now = self._now
        self._share_pacer(client)
        return client

    async def close(self) -> None:
        if self._owns_client and self._http is not None:
            await self._http.aclose()

    async def aclose(self) -> None:
        await self.close()

    async def __aenter__(self: _AsyncClientT) -> _AsyncClientT:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        exc_tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def request(
        self,
        method: str,
        path: str,
        *,
        cast_to: type[_T],
        query: Query | None = None,
        body: Body | None = None,
        headers: Mapping[str, str | NotGiven] | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
        follow_redirects: bool = True,
    ) -> _T:
        """Async twin of :meth:`SyncAPIClient.request`."""
        options = self._build_options(
            method,
            path,
            query=query,
            body=body,
            headers=headers,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            follow_redirects=follow_redirects,
        )
        response = await self._send(options)
        if options.raw == STREAM:
            return cast(
                _T,
                AsyncStreamedAPIResponse(
                    response, lambda: self._parse(response, cast_to)
                ),
            )
        if options.raw:
            return cast(
                _T, AsyncAPIResponse(response, lambda: self._parse(response, cast_to))
            )
        return cast(_T, self._parse(response, cast_to))

    def request_page(
        self,
        method: str,
        path: str,
        *,
        page_model: type[_M],
        item: type[_I],
        paging: Paging,
        query: Query | None = None,
        body: Body | None = None,
        headers: Mapping[str, str | NotGiven] | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> AsyncPaginator[_M, _I]:
        """Not async: returns a paginator to ``await`` (first page) or ``async for`` over."""
        options = self._build_options(
            method,
            path,
            query=query,
            body=body,
            headers=headers,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )
        return AsyncPaginator(
            client=self,
            options=options,
            page_model=page_model,
            item=item,
            paging=paging,
        )

    async def _request_first_page(
        self,
        options: RequestOptions,
        *,
        page_model: type[_M],
        item: type[_I],
        paging: Paging,
    ) -> Any:
        """The first page, or with ``with_raw_response`` an AsyncAPIResponse of it
        (``with_streaming_response``: an AsyncStreamedAPIResponse)."""
        if options.raw:
            response = await self._send(options)
            wrapper = (
                AsyncStreamedAPIResponse if options.raw == STREAM else AsyncAPIResponse
            )
            return wrapper(
                response,
                lambda: self._make_page(
                    response,
                    options,
                    page_model=page_model,
                    item=item,
                    paging=paging,
                    seen=frozenset(),
                ),
            )
        return await self._fetch_page(
            options, page_model=page_model, item=item, paging=paging, seen=frozenset()
        )

    async def _fetch_page(
        self,
        options: RequestOptions,
        *,
        page_model: type[_M],
        item: type[_I],
        paging: Paging,
        seen: frozenset[str],
    ) -> AsyncPage[_M, _I]:
        response = await self._send(options)
        return self._make_page(
            response,
            options,
            page_model=page_model,
            item=item,
            paging=paging,
            seen=seen,
        )

    def _make_page(
        self,
        response: httpx.Response,
        options: RequestOptions,
        *,
        page_model: type[_M],
        item: type[_I],
        paging: Paging,
        seen: frozenset[str],
    ) -> AsyncPage[_M, _I]:
        page = page_classes(paging).async_(
            client=self,
            page=self._parse(response, page_model),
            page_model=page_model,
            item=item,
            paging=paging,
            options=options,
            response=response,
            strict=self._strict_response_validation,
            seen=seen,
        )
        self._set_page_request_id(page)
        return page

    async def _send(self, options: RequestOptions) -> httpx.Response:
        """Async twin of :meth:`SyncAPIClient._send`."""
        stream = options.raw == STREAM
        retries_taken = 0
        while True:
            request = self._build_request(options)
            pacer = self._pacer
            pace = 0.0 if pacer is None else pacer.reserve(self._now())
            try:
                if pace > 0:
                    await self._sleep(pace)
                self._log_request(request)
                started = time.monotonic()
                response, hops = await self._send_following(
                    request, stream, started, options.follow_redirects
                )
            except httpx.TransportError as error:
                wait = self._transport_retry_wait(request, error, retries_taken)
                if wait is None:
                    raise _connection_error(request, error) from error
                self._log_retry(
                    request,
                    f"{type(error).__name__}: {error}",
                    wait,
                    retries_taken,
                    self.max_retries,
                )
                await self._sleep(wait)
                retries_taken += 1
                continue
            finally:
                if pacer is not None:
                    pacer.release()
            self._log_response(response, started)
            if response.status_code < 300 or (
                response.has_redirect_location and not options.follow_redirects
            ):
                return response
            if response.status_code < 400:
                await response.aclose()
                raise _unfollowed_redirect_error(response, hops)
            wait = self._status_retry_wait(response, retries_taken)
            if wait is None:
                if stream:
                    await self._read_error_body(response)
                raise make_status_error(response)
            await response.aclose()
            self._log_retry(
                request,
                f"{response.status_code} {response.reason_phrase}",
                wait,
                retries_taken,
                self.max_retries,
            )
            await self._sleep(wait)
            retries_taken += 1

    async def _send_following(
        self, request: httpx.Request, stream: bool, started: float, follow: bool = True
    ) -> tuple[httpx.Response, int]:
        """Async twin of :meth:`SyncAPIClient._send_following`."""
        response = await self._client.send(
            request, stream=stream, follow_redirects=False
        )
        self._observe(response)
        hops = 0
        while follow and hops < MAX_REDIRECTS:
            next_request = _redirect_request(response)
            if next_request is None:
                break
            self._log_response(response, started)
            await response.aclose()
            self._log_request(next_request)
            history = [*response.history, response]
            response = await self._client.send(
                next_request, stream=stream, follow_redirects=False
            )
            response.history = history
            self._observe(response)
            hops += 1
        return response, hops

    @staticmethod
    async def _read_error_body(response: httpx.Response) -> None:
        try:
            await response.aread()
        except httpx.TransportError as error:
            await response.aclose()
            raise _connection_error(response.request, error) from error
