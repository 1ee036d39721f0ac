"""What goes over the wire: omitted arguments, nulls, query encoding, headers."""

from __future__ import annotations

from typing import Optional

import pytest
from pydantic import Field

from intercom_sdk import NOT_GIVEN, API_VERSION, AsyncIntercom, Intercom, __version__
from intercom_sdk._models import BaseModel
from intercom_sdk._utils import build_query, path_param, to_jsonable

from .conftest import TOKEN
from .fake_intercom import FakeIntercom, Reply

CONTACT = {"type": "contact", "id": "c1"}


class NewContact(BaseModel):
    role: Optional[str] = None
    email: Optional[str] = None
    name: Optional[str] = None
    from_: Optional[str] = Field(default=None, alias="from")


def test_omitted_arguments_are_absent_and_none_is_null(client: Intercom, server: FakeIntercom) -> None:
    server.reply(Reply(200, {"type": "conversation"}))
    client.request(
        "POST",
        "/conversations/123/reply",
        cast_to=dict,
        body={
            "message_type": "comment",
            "type": "admin",
            "body": "Hello",
            "attachment_urls": NOT_GIVEN,
            "assignee_id": None,
            "custom": {"keep": 1, "drop": NOT_GIVEN, "clear": None},
        },
    )
    request = server.requests[0]
    assert request.headers["content-type"] == "application/json"
    assert request.json() == {
        "message_type": "comment",
        "type": "admin",
        "body": "Hello",
        "assignee_id": None,
        "custom": {"keep": 1, "clear": None},
    }
    assert b'"assignee_id":null' in request.body.replace(b" ", b"")


def test_omitted_query_params_are_absent(client: Intercom, server: FakeIntercom) -> None:
    server.reply(Reply(200, {"type": "list", "data": []}))
    client.contacts.list()
    assert server.requests[0].raw_query == ""
    server.reply(Reply(200, {"type": "list", "data": []}))
    client.contacts.list(per_page=5)
    assert server.requests[1].raw_query == "per_page=5"


def test_query_encoding(client: Intercom, server: FakeIntercom) -> None:
    server.reply(Reply(200, {}))
    client.request(
        "GET",
        "/companies",
        cast_to=dict,
        query={
            "per_page": NOT_GIVEN,
            "name": None,
            "archived": True,
            "hidden": False,
            "ids": ["a", "b"],
            "filter": {"tag_id": "5", "segment_id": 6},
            "q": "a&b=c",
        },
    )
    request = server.requests[0]
    assert request.query == {
        "archived": ["true"],
        "hidden": ["false"],
        "ids": ["a", "b"],
        "tag_id": ["5"],
        "segment_id": ["6"],
        "q": ["a&b=c"],
    }
    assert "ids=a&ids=b" in request.raw_query


def test_no_body_means_no_content(client: Intercom, server: FakeIntercom) -> None:
    server.reply(Reply(200, CONTACT))
    client.contacts.retrieve("c1")
    request = server.requests[0]
    assert request.body == b""
    assert "content-type" not in request.headers


def test_delete_with_json_body(client: Intercom, server: FakeIntercom) -> None:
    server.reply(Reply(200, {"id": "c1", "deleted": True}))
    client.request("DELETE", "/contacts/c1/companies/9", cast_to=dict, body={"id": "9"})
    assert server.requests[0].method == "DELETE"
    assert server.requests[0].json() == {"id": "9"}


def test_models_in_bodies_dump_by_alias_and_only_set_fields(client: Intercom, server: FakeIntercom) -> None:
    server.reply(Reply(200, {}))
    client.request(
        "POST",
        "/contacts",
        cast_to=dict,
        body={"contact": NewContact(role="user", from_="web")},
    )
    assert server.requests[0].json() == {"contact": {"role": "user", "from": "web"}}


def test_extra_query_body_headers_are_merged(client: Intercom, server: FakeIntercom) -> None:
    server.reply(Reply(200, {}))
    client.request(
        "POST",
        "/events",
        cast_to=dict,
        body={"event_name": "x"},
        query={"a": "1"},
        extra_query={"b": "2"},
        extra_body={"metadata": {"k": "v"}},
        extra_headers={"X-Trace": "t-1"},
    )
    request = server.requests[0]
    assert request.query == {"a": ["1"], "b": ["2"]}
    assert request.json() == {"event_name": "x", "metadata": {"k": "v"}}
    assert request.headers["x-trace"] == "t-1"


def test_default_headers(client: Intercom, server: FakeIntercom) -> None:
    server.reply(Reply(200, CONTACT))
    client.contacts.retrieve("c1")
    headers = server.requests[0].headers
    assert headers["authorization"] == f"Bearer {TOKEN}"
    assert headers["accept"] == "application/json"
    assert headers["user-agent"] == f"intercom-sdk-python/{__version__}"
    assert headers["intercom-version"] == API_VERSION


def test_version_and_custom_headers_can_be_overridden(client: Intercom, server: FakeIntercom) -> None:
    server.reply(Reply(200, CONTACT), Reply(200, CONTACT))
    custom = client.with_options(intercom_version="2.11", default_headers={"X-App": "demo"})
    custom.contacts.retrieve("c1")
    client.request(
        "GET",
        "/contacts/c1",
        cast_to=dict,
        headers={"Intercom-Version": "Unstable", "X-Skip": NOT_GIVEN},
    )
    first, second = server.requests
    assert first.headers["intercom-version"] == "2.11"
    assert first.headers["x-app"] == "demo"
    assert second.headers["intercom-version"] == "Unstable"
    assert "x-skip" not in second.headers


def test_path_params_are_percent_encoded(client: Intercom, server: FakeIntercom) -> None:
    server.reply(Reply(200, CONTACT))
    client.contacts.retrieve("a/b c?d")
    assert server.requests[0].path == "/contacts/a%2Fb%20c%3Fd"


def test_path_param_rejects_empty() -> None:
    with pytest.raises(ValueError, match="empty"):
        path_param("")
    assert path_param(42) == "42"


def test_an_id_passed_as_its_resources_ids_is_sent_as_the_wire_type(client: Intercom, server: FakeIntercom) -> None:
    """`help_center_id` is a string like `HelpCenter.id`; the description sends an integer."""
    server.reply(Reply(200, {"type": "collection", "id": "7"}))
    client.help_center.collections.create(name="Billing", help_center_id="123")
    assert server.requests[0].json() == {"name": "Billing", "help_center_id": 123}
    server.reply(Reply(200, {"type": "collection", "id": "7"}))
    client.help_center.collections.create(name="Billing", help_center_id=None)
    assert server.requests[1].json() == {"name": "Billing", "help_center_id": None}
    with pytest.raises(ValueError, match="help_center_id must be a numeric id, not 'hc_1'"):
        client.help_center.collections.create(name="Billing", help_center_id="hc_1")
    assert len(server.requests) == 2  # refused before sending


def test_base_url_path_prefix_is_kept(server: FakeIntercom) -> None:
    server.reply(Reply(200, CONTACT))
    with Intercom(access_token=TOKEN, base_url=server.url + "/proxy/intercom/") as client:
        client.contacts.retrieve("c1")
    assert server.requests[0].path == "/proxy/intercom/contacts/c1"


def test_to_jsonable_and_build_query_units() -> None:
    assert to_jsonable({"a": [1, NOT_GIVEN, {"b": NOT_GIVEN, "c": None}], "d": NOT_GIVEN}) == {"a": [1, {"c": None}]}
    assert build_query({"x": [True, None, 3], "y": NOT_GIVEN}) == [
        ("x", "true"),
        ("x", "3"),
    ]


async def test_async_omitted_and_null(async_client: AsyncIntercom, server: FakeIntercom) -> None:
    server.reply(Reply(200, {}))
    await async_client.request(
        "PUT",
        "/contacts/c1",
        cast_to=dict,
        body={"name": None, "email": NOT_GIVEN},
        query={"x": NOT_GIVEN},
    )
    request = server.requests[0]
    assert request.json() == {"name": None}
    assert request.raw_query == ""
