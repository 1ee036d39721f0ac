"""Every request example of the 2.9 description, passed to its method as keyword arguments, is
sent as exactly that JSON body, on the sync and the async client.

The example's top-level keys become the method's keyword arguments by the reviewed surface
snapshot (tests/snapshots/surface-2.9.txt); keys the method does not declare travel in
`extra_body`. Nested objects are passed as plain dicts. Path parameters come from the path
(values that need percent-encoding). The SDK neither drops nor renames a key nor changes a
value on the way: the realistic counterpart of tests/package/test_wire.py's synthetic values. An example
that fits none of the method's forms (an example of a refused request, or one that contradicts
its schema) is refused by the SDK with a TypeError before anything is sent; the test checks that
the description's schema refuses it too.
"""

from __future__ import annotations

import functools
import json
from typing import Any

import httpx
import pytest
from openapi_schema_validator import OAS30Validator

import intercom_sdk
from generator.release import surface
from tests.conftest import TESTS

from . import description

SPEC = description.load()
METHODS = surface.parse((TESTS / "snapshots" / "surface-2.9.txt").read_text())


def examples() -> list[tuple[str, str, surface.Method, Any]]:
    """(test id, operationId, method, example body) for every request example."""
    by_route = {(m.http_method, m.path): m for m in METHODS.values()}
    out = []
    for http, path, op, _ in description.operations(SPEC):
        body = description.deref(SPEC, op.get("requestBody"))
        media = (body or {}).get("content", {}).get("application/json", {})
        found = [(n, description.deref(SPEC, e).get("value")) for n, e in (media.get("examples") or {}).items()]
        found += [("example", media["example"])] if "example" in media else []
        for name, value in found:
            if isinstance(value, dict):
                out.append((f"{op['operationId']}-{name}", op["operationId"], by_route[(http, path)], value))
    return out


EXAMPLES = examples()


def _validator(operation_id: str) -> Any:
    op = next(op for _, _, op, _ in description.operations(SPEC) if op["operationId"] == operation_id)
    schema = description.request_schema(SPEC, op)
    return OAS30Validator({**schema, "components": SPEC["components"]})


VALIDATORS = {operation_id: _validator(operation_id) for _, operation_id, _, _ in EXAMPLES}


def call(method: surface.Method, example: dict[str, Any]) -> tuple[list[Any], dict[str, Any]]:
    # A body property repeating a path parameter has no argument of its own (the path's value is sent).
    names = {a.wire: a.name for a in method.arguments if a.location == "body" and a.name not in method.positional}
    args = [f"v {a.name}/1" for a in method.arguments if a.location == "path"]
    mirrored = {a.wire for a in method.arguments if a.location == "body" and a.name in method.positional}
    kwargs = {names[k]: v for k, v in example.items() if k in names}
    extra = {k: v for k, v in example.items() if k not in names and k not in mirrored}
    return args, {**kwargs, **({"extra_body": extra} if extra else {})}


def answer(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json={"type": "list", "data": []})


@pytest.mark.parametrize(("operation_id", "method", "example"), [e[1:] for e in EXAMPLES], ids=[e[0] for e in EXAMPLES])
@pytest.mark.parametrize("client_kind", ["sync", "async"])
async def test_request_example_is_sent_unchanged(
    client_kind: str, operation_id: str, method: surface.Method, example: Any
) -> None:
    sent: list[httpx.Request] = []

    def transport(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return answer(request)

    args, kwargs = call(method, example)
    mirrored = {
        a.wire: args[method.positional.index(a.name)]
        for a in method.arguments
        if a.location == "body" and a.name in method.positional
    }
    example = {**example, **{k: v for k, v in mirrored.items() if k in example}}
    refused = None
    try:
        if client_kind == "sync":
            client = intercom_sdk.Intercom(
                access_token="x", http_client=httpx.Client(transport=httpx.MockTransport(transport)), max_retries=0
            )
            functools.reduce(getattr, method.dotted.split("."), client)(*args, **kwargs)
        else:
            client = intercom_sdk.AsyncIntercom(
                access_token="x", http_client=httpx.AsyncClient(transport=httpx.MockTransport(transport)), max_retries=0
            )
            await functools.reduce(getattr, method.dotted.split("."), client)(*args, **kwargs)
    except TypeError as exc:
        refused = exc
    if refused is not None:
        # Refused before sending: only an example the description's own schema refuses.
        assert not sent, operation_id
        problems = list(VALIDATORS[operation_id].iter_errors(example))
        assert problems, f"{operation_id}: a valid example was refused: {refused}"
        return
    assert len(sent) == 1, operation_id
    assert json.loads(sent[0].content) == example, operation_id


def test_the_description_has_the_request_examples_we_expect() -> None:
    assert len(EXAMPLES) == 98  # request examples that are JSON objects (spec-facts-2.9.md counts 99 in all)
    invalid = [e for e in EXAMPLES if list(VALIDATORS[e[1]].iter_errors(e[3]))]
    assert 4 <= len(invalid) < len(EXAMPLES) / 2  # the error examples, and the ones spec-facts lists as contradicting
    assert len({operation_id for _, operation_id, _, _ in EXAMPLES}) > 40
