"""`client.widgets` (sub-resources in their own modules)."""

from __future__ import annotations

from functools import cached_property
from typing import Literal, TYPE_CHECKING, cast, overload

import httpx
from typing_extensions import deprecated

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
from ..._utils import Form, check_forms, path_param
from ...pagination import AsyncPaginator, Paging, SyncPage

if TYPE_CHECKING:
    from .bolts import (
        AsyncWidgetsBoltsResource,
        AsyncWidgetsBoltsResourceWithRawResponse,
        AsyncWidgetsBoltsResourceWithStreamingResponse,
        WidgetsBoltsResource,
        WidgetsBoltsResourceWithRawResponse,
        WidgetsBoltsResourceWithStreamingResponse,
    )
    from .gadgets import (
        AsyncWidgetsGadgetsResource,
        AsyncWidgetsGadgetsResourceWithRawResponse,
        AsyncWidgetsGadgetsResourceWithStreamingResponse,
        WidgetsGadgetsResource,
        WidgetsGadgetsResourceWithRawResponse,
        WidgetsGadgetsResourceWithStreamingResponse,
    )
    from .manual import (
        AsyncWidgetsManualResource,
        AsyncWidgetsManualResourceWithRawResponse,
        AsyncWidgetsManualResourceWithStreamingResponse,
        WidgetsManualResource,
        WidgetsManualResourceWithRawResponse,
        WidgetsManualResourceWithStreamingResponse,
    )
    from .photo import (
        AsyncWidgetsPhotoResource,
        AsyncWidgetsPhotoResourceWithRawResponse,
        AsyncWidgetsPhotoResourceWithStreamingResponse,
        WidgetsPhotoResource,
        WidgetsPhotoResourceWithRawResponse,
        WidgetsPhotoResourceWithStreamingResponse,
    )

__all__ = [
    "WidgetsResource",
    "AsyncWidgetsResource",
    "WidgetsResourceWithRawResponse",
    "AsyncWidgetsResourceWithRawResponse",
    "WidgetsResourceWithStreamingResponse",
    "AsyncWidgetsResourceWithStreamingResponse",
]

# The forms of the create body (its @overloads), checked before a request is sent.
_CREATE_FORMS = (
    Form(
        "NewWidget",
        required=("name",),
        accepted=(
            "name",
            "color",
            "description",
        ),
        literals={"color": ("red", "green", "blue")},
    ),
    Form(
        "WidgetFromTemplate",
        required=("template_id",),
        accepted=(
            "template_id",
            "name",
        ),
        literals={},
    ),
)


class WidgetsResource(SyncAPIResource):
    """`client.widgets`"""

    @cached_property
    def bolts(self) -> WidgetsBoltsResource:
        from .bolts import WidgetsBoltsResource

        return WidgetsBoltsResource(self._client)

    @cached_property
    def gadgets(self) -> WidgetsGadgetsResource:
        from .gadgets import WidgetsGadgetsResource

        return WidgetsGadgetsResource(self._client)

    @cached_property
    def manual(self) -> WidgetsManualResource:
        from .manual import WidgetsManualResource

        return WidgetsManualResource(self._client)

    @cached_property
    def photo(self) -> WidgetsPhotoResource:
        from .photo import WidgetsPhotoResource

        return WidgetsPhotoResource(self._client)

    @cached_property
    def with_raw_response(self) -> WidgetsResourceWithRawResponse:
        """The same methods, returning the raw response (status, headers) around the parsed result."""
        return WidgetsResourceWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> WidgetsResourceWithStreamingResponse:
        """The same methods as context managers giving the response with its body unread
        (`iter_bytes()`, `stream_to_file()`, `parse()`); the connection closes on exit.
        """
        return WidgetsResourceWithStreamingResponse(self)

    def list(
        self,
        *,
        starting_after: str | NotGiven = NOT_GIVEN,
        per_page: int | NotGiven = NOT_GIVEN,
        color: Literal["red", "green", "blue"] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> SyncPage[types.WidgetList, types.Widget]:
        """List widgets.

        Widgets, newest first, one page at a time (cursor in the query).

        Args:
          starting_after: The cursor from `pages.next.starting_after` of the previous
            page.
          per_page: How many widgets per page.
          color: Only widgets of this color.

        `GET /widgets` (operationId `listWidgets`)
        """
        return self._client.request_page(
            "GET",
            "/widgets",
            page_model=types.WidgetList,
            item=types.Widget,
            paging=Paging("cursor_query", items="data"),
            query={
                "starting_after": starting_after,
                "per_page": per_page,
                "color": color,
            },
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )

    @overload
    def create(
        self,
        *,
        name: str,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        color: Literal["red", "green", "blue"] | NotGiven = NOT_GIVEN,
        description: str | None | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> types.Widget: ...

    @overload
    def create(
        self,
        *,
        template_id: str,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        name: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> types.Widget: ...

    def create(
        self,
        *,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        name: str | NotGiven = NOT_GIVEN,
        color: Literal["red", "green", "blue"] | NotGiven = NOT_GIVEN,
        description: str | None | NotGiven = NOT_GIVEN,
        template_id: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> types.Widget:
        """Create a widget.

        Creates a widget from scratch or from a template.

        Unique names: Two widgets of one workshop cannot share a name; the second one is
        refused with a 409.

        Args:
          idempotency_key: Sending the same key twice creates one widget.
          color: A widget's paint.

        `POST /widgets` (operationId `createWidget`)
        """
        check_forms(
            "widgets.create",
            {
                "name": name,
                "color": color,
                "description": description,
                "template_id": template_id,
            },
            _CREATE_FORMS,
        )
        return self._client.request(
            "POST",
            "/widgets",
            cast_to=types.Widget,
            body={
                "name": name,
                "color": color,
                "description": description,
                "template_id": template_id,
            },
            headers={
                "Idempotency-Key": idempotency_key,
            },
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )

    def search(
        self,
        *,
        query: types.SearchRequestQueryParam | types.SearchRequestQuery,
        pagination: (
            types.SearchRequestPaginationParam
            | types.SearchRequestPagination
            | None
            | NotGiven
        ) = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> SyncPage[types.WidgetList, types.Widget]:
        """Search widgets.

        Widgets matching a filter; the cursor travels in the body.

        `POST /widgets/search` (operationId `searchWidgets`)
        """
        return self._client.request_page(
            "POST",
            "/widgets/search",
            page_model=types.WidgetList,
            item=types.Widget,
            paging=Paging("cursor_body", items="data"),
            body={
                "query": query,
                "pagination": pagination,
            },
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )

    def retrieve(
        self,
        widget_id: str,
        *,
        accept_language: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> types.Widget:
        """Retrieve a widget.

        Args:
          widget_id: The widget's id.
          accept_language: The language of the widget's description.

        `GET /widgets/{id}` (operationId `retrieveWidget`)
        """
        return self._client.request(
            "GET",
            f"/widgets/{path_param(widget_id)}",
            cast_to=types.Widget,
            headers={
                "Accept-Language": accept_language,
            },
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )

    def update(
        self,
        widget_id: str,
        *,
        name: str | NotGiven = NOT_GIVEN,
        color: Literal["red", "green", "blue"] | NotGiven = NOT_GIVEN,
        description: str | None | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> types.Widget:
        """Update a widget.

        Args:
          widget_id: The widget's id.
          color: A widget's paint.
          description: null removes the description.

        `PUT /widgets/{id}` (operationId `updateWidget`)
        """
        return self._client.request(
            "PUT",
            f"/widgets/{path_param(widget_id)}",
            cast_to=types.Widget,
            body={
                "name": name,
                "color": color,
                "description": description,
            },
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )

    @deprecated("DELETE /widgets/{id} is deprecated by Intercom: Delete a widget")
    def delete(
        self,
        widget_id: str,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> types.DeletedObject:
        """Delete a widget.

        Deleting loses the widget's bolts; archive it instead.

        Args:
          widget_id: The widget's id.

        `DELETE /widgets/{id}` (operationId `deleteWidget`)
        """
        return self._client.request(
            "DELETE",
            f"/widgets/{path_param(widget_id)}",
            cast_to=types.DeletedObject,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )

    def archive(
        self,
        widget_id: str,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> types.Widget:
        """Archive a widget.

        `POST /widgets/{id}/archive` (operationId `archiveWidget`)
        """
        return self._client.request(
            "POST",
            f"/widgets/{path_param(widget_id)}/archive",
            cast_to=types.Widget,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )


class WidgetsResourceWithRawResponse:
    """`client.widgets.with_raw_response`"""

    def __init__(self, resource: WidgetsResource) -> None:
        self._resource = resource
        self.list = to_raw_response_wrapper(resource.list)
        self.create = to_raw_response_wrapper(resource.create)
        self.search = to_raw_response_wrapper(resource.search)
        self.retrieve = to_raw_response_wrapper(resource.retrieve)
        self.update = to_raw_response_wrapper(resource.update)
        self.delete = to_raw_response_wrapper(resource.delete)
        self.archive = to_raw_response_wrapper(resource.archive)

    @cached_property
    def bolts(self) -> WidgetsBoltsResourceWithRawResponse:
        return self._resource.bolts.with_raw_response

    @cached_property
    def gadgets(self) -> WidgetsGadgetsResourceWithRawResponse:
        return self._resource.gadgets.with_raw_response

    @cached_property
    def manual(self) -> WidgetsManualResourceWithRawResponse:
        return self._resource.manual.with_raw_response

    @cached_property
    def photo(self) -> WidgetsPhotoResourceWithRawResponse:
        return self._resource.photo.with_raw_response


class WidgetsResourceWithStreamingResponse:
    """`client.widgets.with_streaming_response`"""

    def __init__(self, resource: WidgetsResource) -> None:
        self._resource = resource
        self.list = to_streamed_response_wrapper(resource.list)
        self.create = to_streamed_response_wrapper(resource.create)
        self.search = to_streamed_response_wrapper(resource.search)
        self.retrieve = to_streamed_response_wrapper(resource.retrieve)
        self.update = to_streamed_response_wrapper(resource.update)
        self.delete = to_streamed_response_wrapper(resource.delete)
        self.archive = to_streamed_response_wrapper(resource.archive)

    @cached_property
    def bolts(self) -> WidgetsBoltsResourceWithStreamingResponse:
        return self._resource.bolts.with_streaming_response

    @cached_property
    def gadgets(self) -> WidgetsGadgetsResourceWithStreamingResponse:
        return self._resource.gadgets.with_streaming_response

    @cached_property
    def manual(self) -> WidgetsManualResourceWithStreamingResponse:
        return self._resource.manual.with_streaming_response

    @cached_property
    def photo(self) -> WidgetsPhotoResourceWithStreamingResponse:
        return self._resource.photo.with_streaming_response


class AsyncWidgetsResource(AsyncAPIResource):
    """`client.widgets`"""

    @cached_property
    def bolts(self) -> AsyncWidgetsBoltsResource:
        from .bolts import AsyncWidgetsBoltsResource

        return AsyncWidgetsBoltsResource(self._client)

    @cached_property
    def gadgets(self) -> AsyncWidgetsGadgetsResource:
        from .gadgets import AsyncWidgetsGadgetsResource

        return AsyncWidgetsGadgetsResource(self._client)

    @cached_property
    def manual(self) -> AsyncWidgetsManualResource:
        from .manual import AsyncWidgetsManualResource

        return AsyncWidgetsManualResource(self._client)

    @cached_property
    def photo(self) -> AsyncWidgetsPhotoResource:
        from .photo import AsyncWidgetsPhotoResource

        return AsyncWidgetsPhotoResource(self._client)

    @cached_property
    def with_raw_response(self) -> AsyncWidgetsResourceWithRawResponse:
        """The same methods, returning the raw response (status, headers) around the parsed result."""
        return AsyncWidgetsResourceWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> AsyncWidgetsResourceWithStreamingResponse:
        """The same methods as context managers giving the response with its body unread
        (`iter_bytes()`, `stream_to_file()`, `parse()`); the connection closes on exit.
        """
        return AsyncWidgetsResourceWithStreamingResponse(self)

    def list(
        self,
        *,
        starting_after: str | NotGiven = NOT_GIVEN,
        per_page: int | NotGiven = NOT_GIVEN,
        color: Literal["red", "green", "blue"] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> AsyncPaginator[types.WidgetList, types.Widget]:
        """List widgets.

        Widgets, newest first, one page at a time (cursor in the query).

        Args:
          starting_after: The cursor from `pages.next.starting_after` of the previous
            page.
          per_page: How many widgets per page.
          color: Only widgets of this color.

        `GET /widgets` (operationId `listWidgets`)
        """
        return self._client.request_page(
            "GET",
            "/widgets",
            page_model=types.WidgetList,
            item=types.Widget,
            paging=Paging("cursor_query", items="data"),
            query={
                "starting_after": starting_after,
                "per_page": per_page,
                "color": color,
            },
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )

    @overload
    async def create(
        self,
        *,
        name: str,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        color: Literal["red", "green", "blue"] | NotGiven = NOT_GIVEN,
        description: str | None | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> types.Widget: ...

    @overload
    async def create(
        self,
        *,
        template_id: str,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        name: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> types.Widget: ...

    async def create(
        self,
        *,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        name: str | NotGiven = NOT_GIVEN,
        color: Literal["red", "green", "blue"] | NotGiven = NOT_GIVEN,
        description: str | None | NotGiven = NOT_GIVEN,
        template_id: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> types.Widget:
        """Create a widget.

        Creates a widget from scratch or from a template.

        Unique names: Two widgets of one workshop cannot share a name; the second one is
        refused with a 409.

        Args:
          idempotency_key: Sending the same key twice creates one widget.
          color: A widget's paint.

        `POST /widgets` (operationId `createWidget`)
        """
        check_forms(
            "widgets.create",
            {
                "name": name,
                "color": color,
                "description": description,
                "template_id": template_id,
            },
            _CREATE_FORMS,
        )
        return await self._client.request(
            "POST",
            "/widgets",
            cast_to=types.Widget,
            body={
                "name": name,
                "color": color,
                "description": description,
                "template_id": template_id,
            },
            headers={
                "Idempotency-Key": idempotency_key,
            },
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )

    def search(
        self,
        *,
        query: types.SearchRequestQueryParam | types.SearchRequestQuery,
        pagination: (
            types.SearchRequestPaginationParam
            | types.SearchRequestPagination
            | None
            | NotGiven
        ) = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> AsyncPaginator[types.WidgetList, types.Widget]:
        """Search widgets.

        Widgets matching a filter; the cursor travels in the body.

        `POST /widgets/search` (operationId `searchWidgets`)
        """
        return self._client.request_page(
            "POST",
            "/widgets/search",
            page_model=types.WidgetList,
            item=types.Widget,
            paging=Paging("cursor_body", items="data"),
            body={
                "query": query,
                "pagination": pagination,
            },
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )

    async def retrieve(
        self,
        widget_id: str,
        *,
        accept_language: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> types.Widget:
        """Retrieve a widget.

        Args:
          widget_id: The widget's id.
          accept_language: The language of the widget's description.

        `GET /widgets/{id}` (operationId `retrieveWidget`)
        """
        return await self._client.request(
            "GET",
            f"/widgets/{path_param(widget_id)}",
            cast_to=types.Widget,
            headers={
                "Accept-Language": accept_language,
            },
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )

    async def update(
        self,
        widget_id: str,
        *,
        name: str | NotGiven = NOT_GIVEN,
        color: Literal["red", "green", "blue"] | NotGiven = NOT_GIVEN,
        description: str | None | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> types.Widget:
        """Update a widget.

        Args:
          widget_id: The widget's id.
          color: A widget's paint.
          description: null removes the description.

        `PUT /widgets/{id}` (operationId `updateWidget`)
        """
        return await self._client.request(
            "PUT",
            f"/widgets/{path_param(widget_id)}",
            cast_to=types.Widget,
            body={
                "name": name,
                "color": color,
                "description": description,
            },
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )

    @deprecated("DELETE /widgets/{id} is deprecated by Intercom: Delete a widget")
    async def delete(
        self,
        widget_id: str,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> types.DeletedObject:
        """Delete a widget.

        Deleting loses the widget's bolts; archive it instead.

        Args:
          widget_id: The widget's id.

        `DELETE /widgets/{id}` (operationId `deleteWidget`)
        """
        return await self._client.request(
            "DELETE",
            f"/widgets/{path_param(widget_id)}",
            cast_to=types.DeletedObject,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )

    async def archive(
        self,
        widget_id: str,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> types.Widget:
        """Archive a widget.

        `POST /widgets/{id}/archive` (operationId `archiveWidget`)
        """
        return await self._client.request(
            "POST",
            f"/widgets/{path_param(widget_id)}/archive",
            cast_to=types.Widget,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )


class AsyncWidgetsResourceWithRawResponse:
    """`client.widgets.with_raw_response`"""

    def __init__(self, resource: AsyncWidgetsResource) -> None:
        self._resource = resource
        self.list = async_paginator_to_raw_response_wrapper(resource.list)
        self.create = async_to_raw_response_wrapper(resource.create)
        self.search = async_paginator_to_raw_response_wrapper(resource.search)
        self.retrieve = async_to_raw_response_wrapper(resource.retrieve)
        self.update = async_to_raw_response_wrapper(resource.update)
        self.delete = async_to_raw_response_wrapper(resource.delete)
        self.archive = async_to_raw_response_wrapper(resource.archive)

    @cached_property
    def bolts(self) -> AsyncWidgetsBoltsResourceWithRawResponse:
        return self._resource.bolts.with_raw_response

    @cached_property
    def gadgets(self) -> AsyncWidgetsGadgetsResourceWithRawResponse:
        return self._resource.gadgets.with_raw_response

    @cached_property
    def manual(self) -> AsyncWidgetsManualResourceWithRawResponse:
        return self._resource.manual.with_raw_response

    @cached_property
    def photo(self) -> AsyncWidgetsPhotoResourceWithRawResponse:
        return self._resource.photo.with_raw_response


class AsyncWidgetsResourceWithStreamingResponse:
    """`client.widgets.with_streaming_response`"""

    def __init__(self, resource: AsyncWidgetsResource) -> None:
        self._resource = resource
        self.list = async_paginator_to_streamed_response_wrapper(resource.list)
        self.create = async_to_streamed_response_wrapper(resource.create)
        self.search = async_paginator_to_streamed_response_wrapper(resource.search)
        self.retrieve = async_to_streamed_response_wrapper(resource.retrieve)
        self.update = async_to_streamed_response_wrapper(resource.update)
        self.delete = async_to_streamed_response_wrapper(resource.delete)
        self.archive = async_to_streamed_response_wrapper(resource.archive)

    @cached_property
    def bolts(self) -> AsyncWidgetsBoltsResourceWithStreamingResponse:
        return self._resource.bolts.with_streaming_response

    @cached_property
    def gadgets(self) -> AsyncWidgetsGadgetsResourceWithStreamingResponse:
        return self._resource.gadgets.with_streaming_response

    @cached_property
    def manual(self) -> AsyncWidgetsManualResourceWithStreamingResponse:
        return self._resource.manual.with_streaming_response

    @cached_property
    def photo(self) -> AsyncWidgetsPhotoResourceWithStreamingResponse:
        return self._resource.photo.with_streaming_response
