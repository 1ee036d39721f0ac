"""Every request the SDK sends for the 108 operations of 2.9 is valid against the repaired
description, checked in-process with openapi-core (tests/package/spec_validation.py) over
httpx.MockTransport. Arguments are the realistic ones the contract tests use
(generator/contract/__init__.py: the spec's examples, coerced to the schema where they contradict it,
or built from the schema)."""

from __future__ import annotations

import copy
import functools
import json
from typing import Any

import httpx
import pytest

from generator import contract, ir
from intercom_sdk import Intercom
from .spec_validation import RequestViolation, openapi_for, validate_request

# Operations whose schema no request can satisfy (the generated contract tests mark them as
# spec-defect xfails too): operationId -> the violation openapi-core must report.
UNSATISFIABLE: dict[str, str] = {}  # createConversation from.id is repaired by rule uuid-format-on-short-id


def respond(op: Any) -> httpx.Response:
    if op.response == ir.BYTES:
        return httpx.Response(200, content=b"\x1f\x8b csv")
    example = next((ex.value for ex in op.response_examples if ex.status == op.success_status), None)
    if op.response == ir.NONE or example is None:
        return (
            httpx.Response(int(op.success_status), json=example)
            if example is not None
            else httpx.Response(int(op.success_status))
        )
    return httpx.Response(int(op.success_status), json=example)


def call(api: Any, op: Any, handler: Any) -> httpx.Request:
    """Call the operation's method with its realistic arguments; returns the request sent."""
    sent: list[httpx.Request] = []

    def transport(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return handler(request)

    client = Intercom(
        access_token="tok", http_client=httpx.Client(transport=httpx.MockTransport(transport)), max_retries=0
    )
    a = contract.arguments(op, api)
    functools.reduce(getattr, [*op.resource, op.name], client)(*a.args, **copy.deepcopy(a.kwargs))
    assert len(sent) == 1, f"{op.operation_id} sent {len(sent)} requests"
    return sent[0]


def test_every_request_the_sdk_sends_is_valid_against_the_description(api29: Any, spec29: dict[str, Any]) -> None:
    openapi = openapi_for(spec29)
    failures: list[str] = []
    defects: list[str] = []
    validated = set()
    for op in api29.operations:
        request = call(api29, op, lambda _request, op=op: respond(op))
        try:
            validate_request(request, openapi)
        except RequestViolation as exc:
            (defects if op.operation_id in UNSATISFIABLE else failures).append(f"{op.operation_id}: {exc}")
            continue
        validated.add((op.http_method, op.path))
    assert not failures, "\n".join(failures)
    assert len(validated) == 108 - len(UNSATISFIABLE)
    for op_id, where in UNSATISFIABLE.items():
        found = [d for d in defects if d.startswith(op_id + ":")]
        assert found and where in found[0], f"{op_id} should break the schema at {where}: {found}"


def test_the_spec_defects_are_the_ones_the_generator_marks(api29: Any) -> None:
    marked = {op.operation_id for op in api29.operations if contract.arguments(op, api29).spec_defect}
    assert marked == set(UNSATISFIABLE)


@pytest.mark.parametrize(
    ("operation", "break_request", "expected"),
    [
        ("createDataAttribute", lambda body: body.pop("name"), "name"),
        ("createDataAttribute", lambda body: body.update(data_type="mithril"), "mithril"),
        ("attachTagToContact", lambda body: body.update(id=84), "84"),
    ],
)
def test_the_validator_reports_a_broken_body(
    api29: Any, spec29: dict[str, Any], operation: str, break_request: Any, expected: str
) -> None:
    op = next(o for o in api29.operations if o.operation_id == operation)
    request = call(api29, op, lambda _request: respond(op))
    body = json.loads(request.content)
    break_request(body)
    broken = httpx.Request(request.method, request.url, headers={**request.headers, "content-length": ""}, json=body)
    with pytest.raises(RequestViolation, match=expected) as raised:
        validate_request(broken, spec29)
    assert op.path.split("{")[0] in str(raised.value)


def test_the_validator_reports_bad_parameters(spec29: dict[str, Any]) -> None:
    base = "https://api.intercom.io"
    headers = {"Authorization": "Bearer tok", "Intercom-Version": "2.9"}
    validate_request(httpx.Request("PUT", f"{base}/data_attributes/7", headers=headers, json={}), spec29)
    with pytest.raises(RequestViolation, match="id"):  # data attribute ids are integers
        validate_request(httpx.Request("PUT", f"{base}/data_attributes/seven", headers=headers, json={}), spec29)
    with pytest.raises(RequestViolation, match="created_at_after"):
        validate_request(httpx.Request("GET", f"{base}/admins/activity_logs", headers=headers), spec29)
    with pytest.raises(RequestViolation, match="Intercom-Version"):
        validate_request(httpx.Request("GET", f"{base}/me", headers={**headers, "Intercom-Version": "9.99"}), spec29)
    with pytest.raises(RequestViolation):
        validate_request(httpx.Request("GET", f"{base}/no/such/path", headers=headers), spec29)
