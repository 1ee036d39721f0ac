"""Response parsing: lenient by default, strict on request; cast_to variants."""

from __future__ import annotations

import gzip
import logging
from typing import Any, List, Literal, Optional, Union, cast

import pytest
from pydantic import Field

from intercom_sdk import APIResponseValidationError, AsyncIntercom, Intercom
from intercom_sdk._models import BaseModel

from .fake_intercom import FakeIntercom, Reply


class Team(BaseModel):
    id: str
    kind: Literal["support", "sales"]


class Admin(BaseModel):
    type: Literal["admin"]
    id: str
    created_at: int
    away: bool = False
    team: Team
    teams: List[Team] = []


class Message(BaseModel):
    from_: Optional[str] = Field(default=None, alias="from")
    body: Optional[str] = None


ADMIN = {
    "type": "admin",
    "id": "7",
    "created_at": "1700000000",
    "team": {"id": "t1", "kind": "support"},
}


def test_valid_body_is_validated_and_extras_kept(client: Intercom, server: FakeIntercom) -> None:
    server.reply(Reply(200, {**ADMIN, "brand_new_field": {"x": 1}}))
    admin = client.request("GET", "/admins/7", cast_to=Admin)
    assert admin.created_at == 1700000000  # coerced, so it was validated
    assert isinstance(admin.team, Team)
    assert admin.model_extra == {"brand_new_field": {"x": 1}}


def test_lenient_mismatch_warns_and_keeps_the_rest_validated(
    client: Intercom, server: FakeIntercom, caplog: pytest.LogCaptureFixture
) -> None:
    body = {
        **ADMIN,
        "team": {"id": "t1", "kind": "partnerships"},
        "teams": [{"id": "t2", "kind": "sales"}, {"id": "t3", "kind": "new"}],
    }
    server.reply(Reply(200, body))
    with caplog.at_level(logging.WARNING, logger="intercom_sdk"):
        admin = client.request("GET", "/admins/7", cast_to=Admin)
    assert isinstance(admin, Admin)
    assert admin.created_at == 1700000000
    assert isinstance(admin.team, Team) and cast(str, admin.team.kind) == "partnerships"
    assert [t.kind for t in admin.teams] == ["sales", "new"]
    assert all(isinstance(t, Team) for t in admin.teams)
    assert "team.kind" in caplog.text
    assert admin.to_dict()["team"] == {"id": "t1", "kind": "partnerships"}


def test_strict_mismatch_raises_with_field_path(client: Intercom, server: FakeIntercom) -> None:
    server.reply(Reply(200, {**ADMIN, "team": {"id": "t1", "kind": "partnerships"}}))
    strict = client.with_options(strict_response_validation=True)
    with pytest.raises(APIResponseValidationError) as info:
        strict.request("GET", "/admins/7", cast_to=Admin)
    error = info.value
    assert error.validation_error is not None
    assert error.validation_error.errors()[0]["loc"] == ("team", "kind")
    assert "team.kind" in str(error)
    assert "partnerships" in error.body
    assert error.response.status_code == 200


def test_missing_required_field_lenient(client: Intercom, server: FakeIntercom) -> None:
    server.reply(Reply(200, {"type": "admin", "id": "7"}))
    admin = client.request("GET", "/admins/7", cast_to=Admin)
    assert admin.id == "7"
    assert admin.model_fields_set == {"type", "id"}


def test_cast_to_variants(client: Intercom, server: FakeIntercom) -> None:
    csv = gzip.compress(b"id,email\n1,a@example.com\n")
    server.reply(
        Reply(200, body=csv, headers={"Content-Type": "application/octet-stream"}),
        Reply(200, body=b"plain text", headers={"Content-Type": "text/plain"}),
        Reply(200, [{"id": "t1", "kind": "sales"}]),
        Reply(200, {"from": "web", "body": "hi"}),
        Reply(204, body=b""),
    )
    assert client.request("GET", "/export/content/data/1", cast_to=bytes) == csv
    assert client.request("GET", "/text", cast_to=str) == "plain text"
    teams = client.request("GET", "/teams", cast_to=cast(Any, List[Team]))
    assert [t.id for t in teams] == ["t1"] and isinstance(teams[0], Team)
    either = client.request("GET", "/thing", cast_to=cast(Any, Union[Team, Message]))
    assert isinstance(either, Message) and either.from_ == "web"
    assert client.request("DELETE", "/tags/1", cast_to=type(None)) is None


def test_base_model_names_aliases_and_dumps() -> None:
    by_name = Message(from_="web")
    by_alias = Message.model_validate({"from": "web", "extra_key": 1})
    assert by_name.from_ == by_alias.from_ == "web"
    assert by_name.to_dict() == {"from": "web"}  # unset fields left out, JSON names used
    assert by_alias.to_json() == '{"from":"web","extra_key":1}'


async def test_async_lenient_and_strict(async_client: AsyncIntercom, server: FakeIntercom) -> None:
    bad = {**ADMIN, "team": {"id": "t1", "kind": "x"}}
    server.reply(Reply(200, bad), Reply(200, bad))
    admin = await async_client.request("GET", "/admins/7", cast_to=Admin)
    assert cast(str, admin.team.kind) == "x"  # raw value kept
    with pytest.raises(APIResponseValidationError):
        await async_client.with_options(strict_response_validation=True).request("GET", "/admins/7", cast_to=Admin)


class Holder(BaseModel):
    owner: Optional[Union[int, Team]] = None
    by_key: dict[str, Team] = {}


def test_lenient_unions_and_dicts(client: Intercom, server: FakeIntercom) -> None:
    body = {
        "owner": {"id": "t1", "kind": "new"},
        "by_key": {"a": {"id": "t2", "kind": "nope"}},
    }
    server.reply(Reply(200, body))
    holder = client.request("GET", "/holder", cast_to=Holder)
    assert isinstance(holder.owner, Team)
    assert isinstance(holder.by_key["a"], Team)
    assert holder.to_dict() == body


class _Outer(BaseModel):
    # Refers to a class defined below, as datamodel-code-generator's alphabetical output does.
    inner: Optional[_Later] = None
    count: Optional[int] = None


class _Later(BaseModel):
    tags: Optional[_Tagged] = None
    name: Optional[str] = None


class _Tagged(BaseModel):
    value: Optional[int] = None


def test_lenient_construction_resolves_forward_references() -> None:
    """A nested model that was never validated on its own may still hold forward references;
    the lenient fallback must resolve them instead of crashing (seen on 2.15 responses)."""
    from intercom_sdk._models import construct_lenient

    value = {"inner": {"tags": {"value": "not a number"}, "name": "x"}, "count": 1, "extra": True}
    built = construct_lenient(_Outer, value)
    assert isinstance(built, _Outer) and isinstance(built.inner, _Later)
    assert isinstance(built.inner.tags, _Tagged) and built.inner.tags.value == "not a number"
    assert built.inner.name == "x" and built.count == 1
