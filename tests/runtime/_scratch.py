"""FALLBACK ONLY: a stand-in ``intercom_sdk`` package for when none is importable.

The real package is generated (``make generate``) and put on ``sys.path`` by the
top-level ``tests/conftest.py``. Until the generator exists, this copies the
static runtime files from ``templates/package/src/intercom_sdk/`` and adds a tiny
``_constants.py`` and a hand-written ``_client.py`` in the shape the generator
produces (``contacts.retrieve`` / ``contacts.list`` and ``with_raw_response``).

Run directly to build one for mypy:
``python tests/runtime/_scratch.py /tmp/scratch && mypy --strict /tmp/scratch/intercom_sdk``
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

RUNTIME_DIR = (
    Path(__file__).resolve().parents[2]
    / "templates"
    / "package"
    / "src"
    / "intercom_sdk"
)

CONSTANTS = """\
API_VERSION: str = "2.9"
PACKAGE_VERSION: str = "2.9.0"
REGIONS: dict[str, str] = {
    "us": "https://api.intercom.io",
    "eu": "https://api.eu.intercom.io",
    "au": "https://api.au.intercom.io",
}
DEFAULT_REGION = "us"
"""

CLIENT = '''\
from __future__ import annotations

from functools import cached_property
from typing import List, Optional

import httpx

from ._base_client import AsyncAPIClient, SyncAPIClient
from ._models import BaseModel
from ._resource import AsyncAPIResource, SyncAPIResource
from ._response import (
    APIResponse,
    AsyncAPIResponse,
    async_paginator_to_raw_response_wrapper,
    async_to_raw_response_wrapper,
    to_raw_response_wrapper,
)
from ._types import NOT_GIVEN, Body, Headers, NotGiven, Query
from ._utils import path_param
from .pagination import AsyncPaginator, Paging, SyncPage


class Contact(BaseModel):
    type: Optional[str] = None
    id: Optional[str] = None
    email: Optional[str] = None
    role: Optional[str] = None


class StartingAfterPaging(BaseModel):
    per_page: Optional[int] = None
    starting_after: Optional[str] = None


class CursorPages(BaseModel):
    type: Optional[str] = None
    page: Optional[int] = None
    next: Optional[StartingAfterPaging] = None
    per_page: Optional[int] = None
    total_pages: Optional[int] = None


class ContactList(BaseModel):
    type: Optional[str] = None
    data: Optional[List[Contact]] = None
    total_count: Optional[int] = None
    pages: Optional[CursorPages] = None


class ContactsResource(SyncAPIResource):
    def retrieve(
        self,
        contact_id: str,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> Contact:
        return self._client.request(
            "GET",
            f"/contacts/{path_param(contact_id)}",
            cast_to=Contact,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )

    def list(
        self,
        *,
        per_page: int | NotGiven = NOT_GIVEN,
        starting_after: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> SyncPage[ContactList, Contact]:
        return self._client.request_page(
            "GET",
            "/contacts",
            page_model=ContactList,
            item=Contact,
            paging=Paging("cursor_query", items="data"),
            query={"per_page": per_page, "starting_after": starting_after},
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )


class AsyncContactsResource(AsyncAPIResource):
    async def retrieve(
        self,
        contact_id: str,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> Contact:
        return await self._client.request(
            "GET",
            f"/contacts/{path_param(contact_id)}",
            cast_to=Contact,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )

    def list(
        self,
        *,
        per_page: int | NotGiven = NOT_GIVEN,
        starting_after: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> AsyncPaginator[ContactList, Contact]:
        return self._client.request_page(
            "GET",
            "/contacts",
            page_model=ContactList,
            item=Contact,
            paging=Paging("cursor_query", items="data"),
            query={"per_page": per_page, "starting_after": starting_after},
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )


class ContactsResourceWithRawResponse:
    def __init__(self, resource: ContactsResource) -> None:
        self.retrieve = to_raw_response_wrapper(resource.retrieve)
        self.list = to_raw_response_wrapper(resource.list)


class AsyncContactsResourceWithRawResponse:
    def __init__(self, resource: AsyncContactsResource) -> None:
        self.retrieve = async_to_raw_response_wrapper(resource.retrieve)
        self.list = async_paginator_to_raw_response_wrapper(resource.list)


class IntercomWithRawResponse:
    def __init__(self, client: Intercom) -> None:
        self.contacts = ContactsResourceWithRawResponse(client.contacts)


class AsyncIntercomWithRawResponse:
    def __init__(self, client: AsyncIntercom) -> None:
        self.contacts = AsyncContactsResourceWithRawResponse(client.contacts)


class Intercom(SyncAPIClient):
    @cached_property
    def contacts(self) -> ContactsResource:
        return ContactsResource(self)

    @cached_property
    def with_raw_response(self) -> IntercomWithRawResponse:
        return IntercomWithRawResponse(self)


class AsyncIntercom(AsyncAPIClient):
    @cached_property
    def contacts(self) -> AsyncContactsResource:
        return AsyncContactsResource(self)

    @cached_property
    def with_raw_response(self) -> AsyncIntercomWithRawResponse:
        return AsyncIntercomWithRawResponse(self)


def _type_checks(client: Intercom, aclient: AsyncIntercom) -> None:
    """Never called: mypy checks that the wrappers keep the methods' types."""
    raw: APIResponse[Contact] = client.with_raw_response.contacts.retrieve("1")
    raw_page: APIResponse[SyncPage[ContactList, Contact]] = client.with_raw_response.contacts.list()
    del raw, raw_page


async def _async_type_checks(aclient: AsyncIntercom) -> None:
    """Never called: mypy checks that the async wrappers keep the methods' types."""
    from .pagination import AsyncPage

    raw: AsyncAPIResponse[Contact] = await aclient.with_raw_response.contacts.retrieve("1")
    raw_page: AsyncAPIResponse[AsyncPage[ContactList, Contact]] = await aclient.with_raw_response.contacts.list()
    page: AsyncPage[ContactList, Contact] = await aclient.contacts.list()
    async for contact in aclient.contacts.list():
        email: Optional[str] = contact.email
        del email
    # The generic async wrapper also accepts paginated methods (AsyncPaginator is awaitable).
    generic = async_to_raw_response_wrapper(aclient.contacts.list)
    raw_generic: AsyncAPIResponse[AsyncPage[ContactList, Contact]] = await generic()
    del raw, raw_page, page, raw_generic
'''


def build(dest: Path) -> Path:
    """Write the stand-in package to ``dest/intercom_sdk``; returns ``dest``."""
    package = dest / "intercom_sdk"
    shutil.copytree(
        RUNTIME_DIR, package, ignore=shutil.ignore_patterns("*.jinja", "__pycache__")
    )
    (package / "_constants.py").write_text(CONSTANTS)
    (package / "_client.py").write_text(CLIENT)
    (package / "py.typed").write_text("")
    return dest


if __name__ == "__main__":
    build(Path(sys.argv[1]))
