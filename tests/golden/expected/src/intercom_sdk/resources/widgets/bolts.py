"""`client.widgets.bolts`."""

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
    "WidgetsBoltsResource",
    "AsyncWidgetsBoltsResource",
    "WidgetsBoltsResourceWithRawResponse",
    "AsyncWidgetsBoltsResourceWithRawResponse",
    "WidgetsBoltsResourceWithStreamingResponse",
    "AsyncWidgetsBoltsResourceWithStreamingResponse",
]


class WidgetsBoltsResource(SyncAPIResource):
    """`client.widgets.bolts`"""

    @cached_property
    def with_raw_response(self) -> WidgetsBoltsResourceWithRawResponse:
        """The same methods, returning the raw response (status, headers) around the parsed result."""
        return WidgetsBoltsResourceWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> WidgetsBoltsResourceWithStreamingResponse:
        """The same methods as context managers giving the response with its body unread
        (`iter_bytes()`, `stream_to_file()`, `parse()`); the connection closes on exit.
        """
        return WidgetsBoltsResourceWithStreamingResponse(self)

    def list(
        self,
        widget_id: str,
        *,
        page: int | NotGiven = NOT_GIVEN,
        per_page: int | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> SyncPage[types.BoltList, types.Bolt]:
        """List a widget's bolts.

        Bolts by page number.

        `GET /widgets/{widget_id}/bolts` (operationId `listBolts`)
        """
        return self._client.request_page(
            "GET",
            f"/widgets/{path_param(widget_id)}/bolts",
            page_model=types.BoltList,
            item=types.Bolt,
            paging=Paging("page_number", items="data"),
            query={
                "page": page,
                "per_page": per_page,
            },
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )

    def create(
        self,
        widget_id: str,
        *,
        label: str,
        weight: float | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> types.Bolt:
        """Add a bolt to a widget.

        Args:
          weight: Grams.

        `POST /widgets/{widget_id}/bolts` (operationId `createBolt`)
        """
        return self._client.request(
            "POST",
            f"/widgets/{path_param(widget_id)}/bolts",
            cast_to=types.Bolt,
            body={
                "widget_id": widget_id,
                "label": label,
                "weight": weight,
            },
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )

    def retrieve(
        self,
        widget_id: str,
        bolt_id: int,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> types.Bolt:
        """Retrieve a bolt.

        `GET /widgets/{widget_id}/bolts/{id}` (operationId `retrieveBolt`)
        """
        return self._client.request(
            "GET",
            f"/widgets/{path_param(widget_id)}/bolts/{path_param(bolt_id)}",
            cast_to=types.Bolt,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )


class WidgetsBoltsResourceWithRawResponse:
    """`client.widgets.bolts.with_raw_response`"""

    def __init__(self, resource: WidgetsBoltsResource) -> None:
        self._resource = resource
        self.list = to_raw_response_wrapper(resource.list)
        self.create = to_raw_response_wrapper(resource.create)
        self.retrieve = to_raw_response_wrapper(resource.retrieve)


class WidgetsBoltsResourceWithStreamingResponse:
    """`client.widgets.bolts.with_streaming_response`"""

    def __init__(self, resource: WidgetsBoltsResource) -> None:
        self._resource = resource
        self.list = to_streamed_response_wrapper(resource.list)
        self.create = to_streamed_response_wrapper(resource.create)
        self.retrieve = to_streamed_response_wrapper(resource.retrieve)


class AsyncWidgetsBoltsResource(AsyncAPIResource):
    """`client.widgets.bolts`"""

    @cached_property
    def with_raw_response(self) -> AsyncWidgetsBoltsResourceWithRawResponse:
        """The same methods, returning the raw response (status, headers) around the parsed result."""
        return AsyncWidgetsBoltsResourceWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> AsyncWidgetsBoltsResourceWithStreamingResponse:
        """The same methods as context managers giving the response with its body unread
        (`iter_bytes()`, `stream_to_file()`, `parse()`); the connection closes on exit.
        """
        return AsyncWidgetsBoltsResourceWithStreamingResponse(self)

    def list(
        self,
        widget_id: str,
        *,
        page: int | NotGiven = NOT_GIVEN,
        per_page: int | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> AsyncPaginator[types.BoltList, types.Bolt]:
        """List a widget's bolts.

        Bolts by page number.

        `GET /widgets/{widget_id}/bolts` (operationId `listBolts`)
        """
        return self._client.request_page(
            "GET",
            f"/widgets/{path_param(widget_id)}/bolts",
            page_model=types.BoltList,
            item=types.Bolt,
            paging=Paging("page_number", items="data"),
            query={
                "page": page,
                "per_page": per_page,
            },
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )

    async def create(
        self,
        widget_id: str,
        *,
        label: str,
        weight: float | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> types.Bolt:
        """Add a bolt to a widget.

        Args:
          weight: Grams.

        `POST /widgets/{widget_id}/bolts` (operationId `createBolt`)
        """
        return await self._client.request(
            "POST",
            f"/widgets/{path_param(widget_id)}/bolts",
            cast_to=types.Bolt,
            body={
                "widget_id": widget_id,
                "label": label,
                "weight": weight,
            },
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )

    async def retrieve(
        self,
        widget_id: str,
        bolt_id: int,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> types.Bolt:
        """Retrieve a bolt.

        `GET /widgets/{widget_id}/bolts/{id}` (operationId `retrieveBolt`)
        """
        return await self._client.request(
            "GET",
            f"/widgets/{path_param(widget_id)}/bolts/{path_param(bolt_id)}",
            cast_to=types.Bolt,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )


class AsyncWidgetsBoltsResourceWithRawResponse:
    """`client.widgets.bolts.with_raw_response`"""

    def __init__(self, resource: AsyncWidgetsBoltsResource) -> None:
        self._resource = resource
        self.list = async_paginator_to_raw_response_wrapper(resource.list)
        self.create = async_to_raw_response_wrapper(resource.create)
        self.retrieve = async_to_raw_response_wrapper(resource.retrieve)


class AsyncWidgetsBoltsResourceWithStreamingResponse:
    """`client.widgets.bolts.with_streaming_response`"""

    def __init__(self, resource: AsyncWidgetsBoltsResource) -> None:
        self._resource = resource
        self.list = async_paginator_to_streamed_response_wrapper(resource.list)
        self.create = async_to_streamed_response_wrapper(resource.create)
        self.retrieve = async_to_streamed_response_wrapper(resource.retrieve)
