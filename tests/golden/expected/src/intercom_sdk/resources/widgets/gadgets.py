"""`client.widgets.gadgets`."""

from __future__ import annotations

from functools import cached_property

import httpx

from ... import types
from ..._resource import AsyncAPIResource, SyncAPIResource
from ..._response import (
    async_paginator_to_raw_response_wrapper,
    async_paginator_to_streamed_response_wrapper,
    async_to_raw_response_wrapper,
    async_to_streamed_response_wrapper,
    to_raw_response_wrapper,
    to_streamed_response_wrapper,
)
from ..._types import NOT_GIVEN, Body, Headers, NotGiven, Query
from ..._utils import path_param
from ...pagination import AsyncPaginator, Paging, SyncPage

__all__ = [
    "WidgetsGadgetsResource",
    "AsyncWidgetsGadgetsResource",
    "WidgetsGadgetsResourceWithRawResponse",
    "AsyncWidgetsGadgetsResourceWithRawResponse",
    "WidgetsGadgetsResourceWithStreamingResponse",
    "AsyncWidgetsGadgetsResourceWithStreamingResponse",
]


class WidgetsGadgetsResource(SyncAPIResource):
    """`client.widgets.gadgets`"""

    @cached_property
    def with_raw_response(self) -> WidgetsGadgetsResourceWithRawResponse:
        """The same methods, returning the raw response (status, headers) around the parsed result."""
        return WidgetsGadgetsResourceWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> WidgetsGadgetsResourceWithStreamingResponse:
        """The same methods as context managers giving the response with its body unread
        (`iter_bytes()`, `stream_to_file()`, `parse()`); the connection closes on exit.
        """
        return WidgetsGadgetsResourceWithStreamingResponse(self)

    def list(
        self,
        widget_id: str,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> SyncPage[types.ListWidgetGadgetsResponse, types.Gadget]:
        """List the gadgets fitted to a widget.

        The next page is a URL in `pages.next`.

        `GET /widgets/{widget_id}/gadgets` (operationId `listWidgetGadgets`)
        """
        return self._client.request_page(
            "GET",
            f"/widgets/{path_param(widget_id)}/gadgets",
            page_model=types.ListWidgetGadgetsResponse,
            item=types.Gadget,
            paging=Paging("next_url", items="data"),
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )


class WidgetsGadgetsResourceWithRawResponse:
    """`client.widgets.gadgets.with_raw_response`"""

    def __init__(self, resource: WidgetsGadgetsResource) -> None:
        self._resource = resource
        self.list = to_raw_response_wrapper(resource.list)


class WidgetsGadgetsResourceWithStreamingResponse:
    """`client.widgets.gadgets.with_streaming_response`"""

    def __init__(self, resource: WidgetsGadgetsResource) -> None:
        self._resource = resource
        self.list = to_streamed_response_wrapper(resource.list)


class AsyncWidgetsGadgetsResource(AsyncAPIResource):
    """`client.widgets.gadgets`"""

    @cached_property
    def with_raw_response(self) -> AsyncWidgetsGadgetsResourceWithRawResponse:
        """The same methods, returning the raw response (status, headers) around the parsed result."""
        return AsyncWidgetsGadgetsResourceWithRawResponse(self)

    @cached_property
    def with_streaming_response(
        self,
    ) -> AsyncWidgetsGadgetsResourceWithStreamingResponse:
        """The same methods as context managers giving the response with its body unread
        (`iter_bytes()`, `stream_to_file()`, `parse()`); the connection closes on exit.
        """
        return AsyncWidgetsGadgetsResourceWithStreamingResponse(self)

    def list(
        self,
        widget_id: str,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> AsyncPaginator[types.ListWidgetGadgetsResponse, types.Gadget]:
        """List the gadgets fitted to a widget.

        The next page is a URL in `pages.next`.

        `GET /widgets/{widget_id}/gadgets` (operationId `listWidgetGadgets`)
        """
        return self._client.request_page(
            "GET",
            f"/widgets/{path_param(widget_id)}/gadgets",
            page_model=types.ListWidgetGadgetsResponse,
            item=types.Gadget,
            paging=Paging("next_url", items="data"),
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )


class AsyncWidgetsGadgetsResourceWithRawResponse:
    """`client.widgets.gadgets.with_raw_response`"""

    def __init__(self, resource: AsyncWidgetsGadgetsResource) -> None:
        self._resource = resource
        self.list = async_paginator_to_raw_response_wrapper(resource.list)


class AsyncWidgetsGadgetsResourceWithStreamingResponse:
    """`client.widgets.gadgets.with_streaming_response`"""

    def __init__(self, resource: AsyncWidgetsGadgetsResource) -> None:
        self._resource = resource
        self.list = async_paginator_to_streamed_response_wrapper(resource.list)
