"""`client.widgets.photo`."""

from __future__ import annotations

from functools import cached_property

import httpx

from ... import types
from ..._resource import AsyncAPIResource, SyncAPIResource
from ..._response import (
    async_to_raw_response_wrapper,
    async_to_streamed_response_wrapper,
    to_raw_response_wrapper,
    to_streamed_response_wrapper,
)
from ..._types import NOT_GIVEN, Body, Headers, NotGiven, Query
from ..._utils import path_param

__all__ = [
    "WidgetsPhotoResource",
    "AsyncWidgetsPhotoResource",
    "WidgetsPhotoResourceWithRawResponse",
    "AsyncWidgetsPhotoResourceWithRawResponse",
    "WidgetsPhotoResourceWithStreamingResponse",
    "AsyncWidgetsPhotoResourceWithStreamingResponse",
]


class WidgetsPhotoResource(SyncAPIResource):
    """`client.widgets.photo`"""

    @cached_property
    def with_raw_response(self) -> WidgetsPhotoResourceWithRawResponse:
        """The same methods, returning the raw response (status, headers) around the parsed result."""
        return WidgetsPhotoResourceWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> WidgetsPhotoResourceWithStreamingResponse:
        """The same methods as context managers giving the response with its body unread
        (`iter_bytes()`, `stream_to_file()`, `parse()`); the connection closes on exit.
        """
        return WidgetsPhotoResourceWithStreamingResponse(self)

    def retrieve(
        self,
        widget_id: str,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> bytes:
        """Download a widget's photo.

        `GET /widgets/{id}/photo` (operationId `downloadWidgetPhoto`)
        """
        return self._client.request(
            "GET",
            f"/widgets/{path_param(widget_id)}/photo",
            cast_to=bytes,
            headers={
                "Accept": "application/octet-stream, application/json;q=0.9",
            },
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )


class WidgetsPhotoResourceWithRawResponse:
    """`client.widgets.photo.with_raw_response`"""

    def __init__(self, resource: WidgetsPhotoResource) -> None:
        self._resource = resource
        self.retrieve = to_raw_response_wrapper(resource.retrieve)


class WidgetsPhotoResourceWithStreamingResponse:
    """`client.widgets.photo.with_streaming_response`"""

    def __init__(self, resource: WidgetsPhotoResource) -> None:
        self._resource = resource
        self.retrieve = to_streamed_response_wrapper(resource.retrieve)


class AsyncWidgetsPhotoResource(AsyncAPIResource):
    """`client.widgets.photo`"""

    @cached_property
    def with_raw_response(self) -> AsyncWidgetsPhotoResourceWithRawResponse:
        """The same methods, returning the raw response (status, headers) around the parsed result."""
        return AsyncWidgetsPhotoResourceWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> AsyncWidgetsPhotoResourceWithStreamingResponse:
        """The same methods as context managers giving the response with its body unread
        (`iter_bytes()`, `stream_to_file()`, `parse()`); the connection closes on exit.
        """
        return AsyncWidgetsPhotoResourceWithStreamingResponse(self)

    async def retrieve(
        self,
        widget_id: str,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> bytes:
        """Download a widget's photo.

        `GET /widgets/{id}/photo` (operationId `downloadWidgetPhoto`)
        """
        return await self._client.request(
            "GET",
            f"/widgets/{path_param(widget_id)}/photo",
            cast_to=bytes,
            headers={
                "Accept": "application/octet-stream, application/json;q=0.9",
            },
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )


class AsyncWidgetsPhotoResourceWithRawResponse:
    """`client.widgets.photo.with_raw_response`"""

    def __init__(self, resource: AsyncWidgetsPhotoResource) -> None:
        self._resource = resource
        self.retrieve = async_to_raw_response_wrapper(resource.retrieve)


class AsyncWidgetsPhotoResourceWithStreamingResponse:
    """`client.widgets.photo.with_streaming_response`"""

    def __init__(self, resource: AsyncWidgetsPhotoResource) -> None:
        self._resource = resource
        self.retrieve = async_to_streamed_response_wrapper(resource.retrieve)
