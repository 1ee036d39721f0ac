"""The Intercom clients: one property per API area."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from ._base_client import AsyncAPIClient, SyncAPIClient

if TYPE_CHECKING:
    from .resources.gadgets import (
        AsyncGadgetsResource,
        AsyncGadgetsResourceWithRawResponse,
        AsyncGadgetsResourceWithStreamingResponse,
        GadgetsResource,
        GadgetsResourceWithRawResponse,
        GadgetsResourceWithStreamingResponse,
    )
    from .resources.widgets.widgets import (
        AsyncWidgetsResource,
        AsyncWidgetsResourceWithRawResponse,
        AsyncWidgetsResourceWithStreamingResponse,
        WidgetsResource,
        WidgetsResourceWithRawResponse,
        WidgetsResourceWithStreamingResponse,
    )

__all__ = ["Intercom", "AsyncIntercom"]


class Intercom(SyncAPIClient):
    """Client for the Intercom API 1.0.

    Resources are created on first use, so constructing a client imports nothing else.
    """

    @cached_property
    def gadgets(self) -> GadgetsResource:
        from .resources.gadgets import GadgetsResource

        return GadgetsResource(self)

    @cached_property
    def widgets(self) -> WidgetsResource:
        from .resources.widgets.widgets import WidgetsResource

        return WidgetsResource(self)

    @cached_property
    def with_raw_response(self) -> IntercomWithRawResponse:
        """Every resource, returning the raw response (status, headers) around the parsed result;
        the same as `client.<resource>.with_raw_response`."""
        return IntercomWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> IntercomWithStreamingResponse:
        """Every resource, as context managers giving the response with its body unread;
        the same as `client.<resource>.with_streaming_response`."""
        return IntercomWithStreamingResponse(self)


class IntercomWithRawResponse:
    def __init__(self, client: Intercom) -> None:
        self._client = client

    @cached_property
    def gadgets(self) -> GadgetsResourceWithRawResponse:
        return self._client.gadgets.with_raw_response

    @cached_property
    def widgets(self) -> WidgetsResourceWithRawResponse:
        return self._client.widgets.with_raw_response


class IntercomWithStreamingResponse:
    def __init__(self, client: Intercom) -> None:
        self._client = client

    @cached_property
    def gadgets(self) -> GadgetsResourceWithStreamingResponse:
        return self._client.gadgets.with_streaming_response

    @cached_property
    def widgets(self) -> WidgetsResourceWithStreamingResponse:
        return self._client.widgets.with_streaming_response


class AsyncIntercom(AsyncAPIClient):
    """Asynchronous client for the Intercom API 1.0.

    Resources are created on first use, so constructing a client imports nothing else.
    """

    @cached_property
    def gadgets(self) -> AsyncGadgetsResource:
        from .resources.gadgets import AsyncGadgetsResource

        return AsyncGadgetsResource(self)

    @cached_property
    def widgets(self) -> AsyncWidgetsResource:
        from .resources.widgets.widgets import AsyncWidgetsResource

        return AsyncWidgetsResource(self)

    @cached_property
    def with_raw_response(self) -> AsyncIntercomWithRawResponse:
        """Every resource, returning the raw response (status, headers) around the parsed result;
        the same as `client.<resource>.with_raw_response`."""
        return AsyncIntercomWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> AsyncIntercomWithStreamingResponse:
        """Every resource, as context managers giving the response with its body unread;
        the same as `client.<resource>.with_streaming_response`."""
        return AsyncIntercomWithStreamingResponse(self)


class AsyncIntercomWithRawResponse:
    def __init__(self, client: AsyncIntercom) -> None:
        self._client = client

    @cached_property
    def gadgets(self) -> AsyncGadgetsResourceWithRawResponse:
        return self._client.gadgets.with_raw_response

    @cached_property
    def widgets(self) -> AsyncWidgetsResourceWithRawResponse:
        return self._client.widgets.with_raw_response


class AsyncIntercomWithStreamingResponse:
    def __init__(self, client: AsyncIntercom) -> None:
        self._client = client

    @cached_property
    def gadgets(self) -> AsyncGadgetsResourceWithStreamingResponse:
        return self._client.gadgets.with_streaming_response

    @cached_property
    def widgets(self) -> AsyncWidgetsResourceWithStreamingResponse:
        return self._client.widgets.with_streaming_response
