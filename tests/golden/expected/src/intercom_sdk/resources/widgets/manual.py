"""`client.widgets.manual`."""

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
    "WidgetsManualResource",
    "AsyncWidgetsManualResource",
    "WidgetsManualResourceWithRawResponse",
    "AsyncWidgetsManualResourceWithRawResponse",
    "WidgetsManualResourceWithStreamingResponse",
    "AsyncWidgetsManualResourceWithStreamingResponse",
]


class WidgetsManualResource(SyncAPIResource):
    """`client.widgets.manual`"""

    @cached_property
    def with_raw_response(self) -> WidgetsManualResourceWithRawResponse:
        """The same methods, returning the raw response (status, headers) around the parsed result."""
        return WidgetsManualResourceWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> WidgetsManualResourceWithStreamingResponse:
        """The same methods as context managers giving the response with its body unread
        (`iter_bytes()`, `stream_to_file()`, `parse()`); the connection closes on exit.
        """
        return WidgetsManualResourceWithStreamingResponse(self)

    def retrieve(
        self,
        widget_id: str,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> str:
        """Get the link to a widget's manual.

        Redirects to a signed, short-lived URL of the manual.

        Returns the URL the API redirects to (its 302 `Location`), without following it.

        `GET /widgets/{id}/manual` (operationId `showWidgetManual`)
        """
        return self._client.request(
            "GET",
            f"/widgets/{path_param(widget_id)}/manual",
            cast_to=str,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            follow_redirects=False,
        )


class WidgetsManualResourceWithRawResponse:
    """`client.widgets.manual.with_raw_response`"""

    def __init__(self, resource: WidgetsManualResource) -> None:
        self._resource = resource
        self.retrieve = to_raw_response_wrapper(resource.retrieve)


class WidgetsManualResourceWithStreamingResponse:
    """`client.widgets.manual.with_streaming_response`"""

    def __init__(self, resource: WidgetsManualResource) -> None:
        self._resource = resource
        self.retrieve = to_streamed_response_wrapper(resource.retrieve)


class AsyncWidgetsManualResource(AsyncAPIResource):
    """`client.widgets.manual`"""

    @cached_property
    def with_raw_response(self) -> AsyncWidgetsManualResourceWithRawResponse:
        """The same methods, returning the raw response (status, headers) around the parsed result."""
        return AsyncWidgetsManualResourceWithRawResponse(self)

    @cached_property
    def with_streaming_response(
        self,
    ) -> AsyncWidgetsManualResourceWithStreamingResponse:
        """The same methods as context managers giving the response with its body unread
        (`iter_bytes()`, `stream_to_file()`, `parse()`); the connection closes on exit.
        """
        return AsyncWidgetsManualResourceWithStreamingResponse(self)

    async def retrieve(
        self,
        widget_id: str,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> str:
        """Get the link to a widget's manual.

        Redirects to a signed, short-lived URL of the manual.

        Returns the URL the API redirects to (its 302 `Location`), without following it.

        `GET /widgets/{id}/manual` (operationId `showWidgetManual`)
        """
        return await self._client.request(
            "GET",
            f"/widgets/{path_param(widget_id)}/manual",
            cast_to=str,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            follow_redirects=False,
        )


class AsyncWidgetsManualResourceWithRawResponse:
    """`client.widgets.manual.with_raw_response`"""

    def __init__(self, resource: AsyncWidgetsManualResource) -> None:
        self._resource = resource
        self.retrieve = async_to_raw_response_wrapper(resource.retrieve)


class AsyncWidgetsManualResourceWithStreamingResponse:
    """`client.widgets.manual.with_streaming_response`"""

    def __init__(self, resource: AsyncWidgetsManualResource) -> None:
        self._resource = resource
        self.retrieve = async_to_streamed_response_wrapper(resource.retrieve)
