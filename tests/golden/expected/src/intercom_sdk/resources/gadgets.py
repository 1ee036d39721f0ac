"""`client.gadgets`."""

from __future__ import annotations

from functools import cached_property

import httpx

from .. import types
from .._resource import AsyncAPIResource, SyncAPIResource
from .._response import (
    async_paginator_to_raw_response_wrapper,
    async_paginator_to_streamed_response_wrapper,
    async_to_raw_response_wrapper,
    async_to_streamed_response_wrapper,
    to_raw_response_wrapper,
    to_streamed_response_wrapper,
)
from .._types import NOT_GIVEN, Body, Headers, NotGiven, Query
from .._utils import path_param, sent_as
from ..pagination import AsyncPaginator, Paging, SyncPage

__all__ = [
    "GadgetsResource",
    "AsyncGadgetsResource",
    "GadgetsResourceWithRawResponse",
    "AsyncGadgetsResourceWithRawResponse",
    "GadgetsResourceWithStreamingResponse",
    "AsyncGadgetsResourceWithStreamingResponse",
]


class GadgetsResource(SyncAPIResource):
    """`client.gadgets`"""

    @cached_property
    def with_raw_response(self) -> GadgetsResourceWithRawResponse:
        """The same methods, returning the raw response (status, headers) around the parsed result."""
        return GadgetsResourceWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> GadgetsResourceWithStreamingResponse:
        """The same methods as context managers giving the response with its body unread
        (`iter_bytes()`, `stream_to_file()`, `parse()`); the connection closes on exit.
        """
        return GadgetsResourceWithStreamingResponse(self)

    def list(
        self,
        *,
        page: int | NotGiven = NOT_GIVEN,
        starting_after: str | NotGiven = NOT_GIVEN,
        widget_id: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> SyncPage[types.GadgetList, types.Gadget]:
        """List gadgets.

        Gadgets by page number, or after a cursor when the page gives one.

        Args:
          widget_id: Only the gadgets of this widget (declared an integer; widget ids
            are strings).

        `GET /gadgets` (operationId `listGadgets`)
        """
        return self._client.request_page(
            "GET",
            "/gadgets",
            page_model=types.GadgetList,
            item=types.Gadget,
            paging=Paging("pages", items="data"),
            query={
                "page": page,
                "starting_after": starting_after,
                "widget_id": sent_as(widget_id, int, "widget_id"),
            },
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )

    def scroll(
        self,
        *,
        scroll_param: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> SyncPage[types.GadgetScroll, types.Gadget]:
        """Scroll through every gadget.

        Args:
          scroll_param: The `scroll_param` of the previous page.

        `GET /gadgets/scroll` (operationId `scrollGadgets`)
        """
        return self._client.request_page(
            "GET",
            "/gadgets/scroll",
            page_model=types.GadgetScroll,
            item=types.Gadget,
            paging=Paging("scroll", items="data"),
            query={
                "scroll_param": scroll_param,
            },
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )


class GadgetsResourceWithRawResponse:
    """`client.gadgets.with_raw_response`"""

    def __init__(self, resource: GadgetsResource) -> None:
        self._resource = resource
        self.list = to_raw_response_wrapper(resource.list)
        self.scroll = to_raw_response_wrapper(resource.scroll)


class GadgetsResourceWithStreamingResponse:
    """`client.gadgets.with_streaming_response`"""

    def __init__(self, resource: GadgetsResource) -> None:
        self._resource = resource
        self.list = to_streamed_response_wrapper(resource.list)
        self.scroll = to_streamed_response_wrapper(resource.scroll)


class AsyncGadgetsResource(AsyncAPIResource):
    """`client.gadgets`"""

    @cached_property
    def with_raw_response(self) -> AsyncGadgetsResourceWithRawResponse:
        """The same methods, returning the raw response (status, headers) around the parsed result."""
        return AsyncGadgetsResourceWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> AsyncGadgetsResourceWithStreamingResponse:
        """The same methods as context managers giving the response with its body unread
        (`iter_bytes()`, `stream_to_file()`, `parse()`); the connection closes on exit.
        """
        return AsyncGadgetsResourceWithStreamingResponse(self)

    def list(
        self,
        *,
        page: int | NotGiven = NOT_GIVEN,
        starting_after: str | NotGiven = NOT_GIVEN,
        widget_id: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> AsyncPaginator[types.GadgetList, types.Gadget]:
        """List gadgets.

        Gadgets by page number, or after a cursor when the page gives one.

        Args:
          widget_id: Only the gadgets of this widget (declared an integer; widget ids
            are strings).

        `GET /gadgets` (operationId `listGadgets`)
        """
        return self._client.request_page(
            "GET",
            "/gadgets",
            page_model=types.GadgetList,
            item=types.Gadget,
            paging=Paging("pages", items="data"),
            query={
                "page": page,
                "starting_after": starting_after,
                "widget_id": sent_as(widget_id, int, "widget_id"),
            },
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )

    def scroll(
        self,
        *,
        scroll_param: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> AsyncPaginator[types.GadgetScroll, types.Gadget]:
        """Scroll through every gadget.

        Args:
          scroll_param: The `scroll_param` of the previous page.

        `GET /gadgets/scroll` (operationId `scrollGadgets`)
        """
        return self._client.request_page(
            "GET",
            "/gadgets/scroll",
            page_model=types.GadgetScroll,
            item=types.Gadget,
            paging=Paging("scroll", items="data"),
            query={
                "scroll_param": scroll_param,
            },
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )


class AsyncGadgetsResourceWithRawResponse:
    """`client.gadgets.with_raw_response`"""

    def __init__(self, resource: AsyncGadgetsResource) -> None:
        self._resource = resource
        self.list = async_paginator_to_raw_response_wrapper(resource.list)
        self.scroll = async_paginator_to_raw_response_wrapper(resource.scroll)


class AsyncGadgetsResourceWithStreamingResponse:
    """`client.gadgets.with_streaming_response`"""

    def __init__(self, resource: AsyncGadgetsResource) -> None:
        self._resource = resource
        self.list = async_paginator_to_streamed_response_wrapper(resource.list)
        self.scroll = async_paginator_to_streamed_response_wrapper(resource.scroll)
