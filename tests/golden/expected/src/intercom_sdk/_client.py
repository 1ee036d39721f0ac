"""The Intercom clients: one property per API area."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from ._base_client import AsyncAPIClient, SyncAPIClient

if TYPE_CHECKING:
    from .resources.gadgets import (
        AsyncGadgetsResource,
        AsyncGadgetsResourceWithRawResponse,
        GadgetsResource,
        GadgetsResourceWithRawResponse,
    )
    from .resources.widgets.widgets import (
        AsyncWidgetsResource,
        AsyncWidgetsResourceWithRawResponse,
        WidgetsResource,
        WidgetsResourceWithRawResponse,
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


class IntercomWithRawResponse:
    def __init__(self, client: Intercom) -> None:
        self._client = client

    @cached_property
    def gadgets(self) -> GadgetsResourceWithRawResponse:
        return self._client.gadgets.with_raw_response

    @cached_property
    def widgets(self) -> WidgetsResourceWithRawResponse:
        return self._client.widgets.with_raw_response


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


class AsyncIntercomWithRawResponse:
    def __init__(self, client: AsyncIntercom) -> None:
        self._client = client

    @cached_property
    def gadgets(self) -> AsyncGadgetsResourceWithRawResponse:
        return self._client.gadgets.with_raw_response

    @cached_property
    def widgets(self) -> AsyncWidgetsResourceWithRawResponse:
        return self._client.widgets.with_raw_response
