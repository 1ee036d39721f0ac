"""Response fuzzing: JSON bodies generated from each 2.9 response schema (the repaired spec),
made hostile (unknown fields, unknown enum values, nulls where the spec is silent, wrong
types, huge strings, deep nesting), sent through the generated client over
httpx.MockTransport to each operation's method.

* strict (strict_response_validation=True): the models parse it, or the documented
  APIResponseValidationError is raised, naming the field path;
* lenient (default): a value is returned;
* never an AttributeError / KeyError / RecursionError / TypeError escaping; iterating a
  paginated result only ever raises the SDK's own IntercomError.

The walker is hand-written (hypothesis-jsonschema cannot do the recursive $refs and
`nullable` of OpenAPI 3.0). `make test` runs RESPONSE_FUZZ_EXAMPLES (default 200) with a
fixed seed; `make fuzz` runs 1000.
"""

from __future__ import annotations

import functools
import itertools
import json
import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from generator import ir
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import intercom_sdk
import yaml
from intercom_sdk import APIResponseValidationError, AsyncIntercom, Intercom, IntercomError
from intercom_sdk._models import BaseModel

from tests.package.test_operations import build_call

EXAMPLES = int(os.environ.get("RESPONSE_FUZZ_EXAMPLES", "200"))
STATS: Counter[str] = Counter()
MAX_DEPTH = 6
HUGE = "\u00e9x" * 150_000  # 300k characters, non-ASCII

FUZZ = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)


class Walker:
    """Draws a JSON value for an OpenAPI 3.0 schema; `hostile` makes some nodes wrong."""

    def __init__(self, spec: dict[str, Any], data: st.DataObject, hostile: bool) -> None:
        self.spec = spec
        self.data = data
        self.hostile = hostile

    def draw(self, strategy: st.SearchStrategy[Any], label: str = "") -> Any:
        return self.data.draw(strategy, label=label or None)

    def resolve(self, node: Any) -> Any:
        for _ in range(50):
            if not (isinstance(node, dict) and "$ref" in node):
                break
            target: Any = self.spec
            for part in node["$ref"].lstrip("#/").split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            node = {**target, **({"nullable": True} if node.get("nullable") else {})}
        return node if isinstance(node, dict) else {}

    def junk(self, depth: int) -> Any:
        kind = self.draw(
            st.sampled_from(["null", "int", "str", "bool", "float", "list", "dict", "huge", "deep", "unicode"])
        )
        STATS[f"hostile node: {kind}"] += 1
        if kind == "null":
            return None
        if kind == "int":
            return self.draw(st.integers(-(2**70), 2**70))
        if kind == "str":
            return self.draw(st.text(max_size=8))
        if kind == "bool":
            return self.draw(st.booleans())
        if kind == "float":
            return self.draw(st.floats(allow_nan=False, allow_infinity=False))
        if kind == "list":
            return [None, 1, "x"]
        if kind == "dict":
            return {"fuzz": None, "type": "fuzz_type"}
        if kind == "huge":
            return HUGE
        if kind == "deep":
            value: Any = "bottom"
            for _ in range(self.draw(st.integers(1, 120))):
                value = [value] if self.draw(st.booleans()) else {"n": value}
            return value
        return "\u202e\x00\ud7ff\U0001f600 \\u0000"

    def value(self, schema: Any, depth: int = 0) -> Any:
        schema = self.resolve(schema)
        if self.hostile and self.draw(st.integers(0, 9)) == 0:
            return self.junk(depth)
        # The root is never null: Intercom marks 35 component schemas `nullable` for where they
        # are used as properties, and no endpoint answers 200 with a `null` body.
        if schema.get("nullable") and depth > 0 and self.draw(st.integers(0, 4)) == 0:
            return None
        for key in ("oneOf", "anyOf"):
            if schema.get(key):
                return self.value(self.draw(st.sampled_from(schema[key])), depth + 1)
        if schema.get("allOf"):  # one object: the members' properties, everyone's `required`
            merged: dict[str, Any] = {"type": "object", "properties": {}, "required": list(schema.get("required", []))}
            for member in [*schema["allOf"], {k: v for k, v in schema.items() if k != "allOf"}]:
                member = self.resolve(member)
                merged["properties"].update(member.get("properties") or {})
                merged["required"] += member.get("required", [])
            return self.value(merged, depth)
        if "enum" in schema:
            values = [v for v in schema["enum"] if v is not None] or [None]
            if self.hostile and self.draw(st.integers(0, 3)) == 0:
                STATS["unknown enum value"] += 1
                return "fuzz_new_enum_value"
            return self.draw(st.sampled_from(values))
        kind = schema.get("type") or ("object" if "properties" in schema else None)
        if kind == "string":
            fmt = schema.get("format")
            if fmt == "date-time":
                return self.draw(st.datetimes(timezones=st.just(__import__("datetime").timezone.utc))).isoformat()
            if fmt == "date":
                return self.draw(st.dates()).isoformat()
            return self.draw(st.text(max_size=20))
        if kind == "integer":
            return self.draw(st.integers(-(2**40), 2**40))
        if kind == "number":
            return self.draw(st.floats(allow_nan=False, allow_infinity=False, width=32))
        if kind == "boolean":
            return self.draw(st.booleans())
        if kind == "array":
            if depth >= MAX_DEPTH:
                return []
            count = self.draw(st.integers(0, 3))
            return [self.value(schema.get("items", {}), depth + 1) for _ in range(count)]
        if kind == "object":
            out: dict[str, Any] = {}
            # Returned objects always carry their identity (spec/typing.yaml): a conforming body has it.
            required = set(schema.get("required", [])) | IDENTITY
            for name, prop in (schema.get("properties") or {}).items():
                if name in required or (depth < MAX_DEPTH and self.draw(st.booleans())):
                    out[name] = self.value(prop, depth + 1)
            extra = schema.get("additionalProperties")
            if isinstance(extra, dict) and depth < MAX_DEPTH:
                for i in range(self.draw(st.integers(0, 2))):
                    out[f"key{i}"] = self.value(extra, depth + 1)
            open_ended = not isinstance(extra, dict) or not extra  # else unknown keys must match `extra`
            if open_ended and self.draw(st.integers(0, 3)) == 0:  # a field Intercom added after this SDK
                STATS["unknown field"] += 1
                out["fuzz_unknown_field"] = {"nested": [1, None, "x"], "when": 1700000000}
            return out
        return self.draw(st.sampled_from([None, 1, "x", [], {}]))


IDENTITY = set(yaml.safe_load((Path(__file__).parents[2] / "spec" / "typing.yaml").read_text())["identity"])


def response_schema(spec: dict[str, Any], op: Any) -> Any:
    response = spec["paths"][op.path][op.http_method.lower()]["responses"][op.success_status]
    while "$ref" in response:
        response = spec["components"]["responses"][response["$ref"].rsplit("/", 1)[-1]]
    return response["content"]["application/json"].get("schema", {})


class _Quiet(list):  # type: ignore[type-arg]
    """Hypothesis prints the test's arguments on failure: keep that readable."""

    def __repr__(self) -> str:
        return f"<{len(self)} items>"


class _QuietDict(dict):  # type: ignore[type-arg]
    def __repr__(self) -> str:
        return "<the repaired 2.9 description>"


@pytest.fixture(scope="module")
def json_ops(api29: Any) -> list[Any]:
    return _Quiet(op for op in api29.operations if op.response not in (ir.NONE, ir.BYTES, ir.STR))


@pytest.fixture(scope="module")
def spec(spec29: dict[str, Any]) -> dict[str, Any]:
    return _QuietDict(spec29)


@pytest.fixture(scope="module", autouse=True)
def report() -> Iterator[None]:
    yield
    path = os.environ.get("FUZZ_STATS")
    if path:
        with open(path, "a") as f:
            f.write(json.dumps({"suite": "response", **STATS}) + "\n")


def client_for(body: bytes, strict: bool) -> Intercom:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body, headers={"Content-Type": "application/json"})

    return Intercom(
        access_token="tok_fuzz_SECRET",
        http_client=httpx.Client(transport=httpx.MockTransport(handler)),
        strict_response_validation=strict,
        max_retries=0,
    )


def call(client: Intercom, spec: dict[str, Any], op: Any) -> Any:
    args, kwargs, _, _ = build_call(spec, op)
    return functools.reduce(getattr, [*op.resource, op.name], client)(*args, **kwargs)


def drain(result: Any) -> None:
    """Walk a page's items (bounded: the fake server answers every request with the same page)."""
    if isinstance(result, intercom_sdk.SyncPage):
        for item in itertools.islice(result, 40):
            repr(item)


def check_strict_error(exc: APIResponseValidationError, op: Any) -> None:
    if exc.validation_error is None:  # a page whose items field is not a list
        assert op.paging and f"field {op.paging.items!r}" in str(exc), (op.operation_id, str(exc)[:500])
    else:
        first = exc.validation_error.errors()[0]
        loc = ".".join(str(p) for p in first["loc"]) or "<root>"
        assert loc in str(exc), (op.operation_id, loc, str(exc)[:500])
    assert "tok_fuzz_SECRET" not in str(exc) and "tok_fuzz_SECRET" not in repr(exc)


@FUZZ
@given(data=st.data())
def test_fuzzed_responses_parse_or_raise_the_documented_error(
    json_ops: list[Any], spec: dict[str, Any], data: st.DataObject
) -> None:
    spec29 = spec
    op = json_ops[data.draw(st.sampled_from(range(len(json_ops))), label="operation")]
    data.draw(st.just(op.operation_id), label="operation id")
    hostile = data.draw(st.booleans(), label="hostile")
    body = json.dumps(Walker(spec29, data, hostile).value(response_schema(spec29, op)), ensure_ascii=False).encode()
    if len(body) < 2000:
        data.draw(st.just(body), label="body")
    STATS["bodies" + (" (hostile)" if hostile else " (conforming)")] += 1

    with client_for(body, strict=True) as strict:
        try:
            drain(call(strict, spec29, op))
            STATS["strict: parsed"] += 1
        except APIResponseValidationError as exc:
            STATS["strict: APIResponseValidationError"] += 1
            assert hostile, f"{op.operation_id}: a body that follows the schema was rejected: {exc}"
            check_strict_error(exc, op)
        except IntercomError as exc:  # a pages.next to another host, or not a URL
            STATS[f"strict: {type(exc).__name__}"] += 1
            assert op.paging and hostile and "pages.next" in str(exc), (op.operation_id, exc)

    with client_for(body, strict=False) as lenient:
        try:
            result = call(lenient, spec29, op)  # a value, whatever the body...
        except IntercomError as exc:  # ...except a next page the SDK refuses to follow (token safety)
            assert op.paging and hostile and "pages.next" in str(exc), (op.operation_id, exc)
            STATS["lenient: refused pages.next"] += 1
            return
        STATS["lenient: returned a value"] += 1
        try:
            drain(result)
        except IntercomError as exc:
            STATS[f"lenient paging: {type(exc).__name__}"] += 1
            assert op.paging and hostile, (op.operation_id, exc)
        if isinstance(result, BaseModel):  # a junk root comes back as the raw JSON value
            result.to_dict()  # what callers do next: must not blow up on raw values kept inside
            result.to_json()


# -- fixed hostile bodies --------------------------------------------------------------------------


# body, what strict mode does, what lenient mode does ("error": APIResponseValidationError)
FIXED = {
    # past pydantic-core's JSON nesting limit: "not valid JSON", in both modes
    "deep-list": (b"[" * 100_000 + b"]" * 100_000, "error", "error"),
    "deep-dict": (
        b'{"type": "contact", "id": "1", "custom_attributes": ' + b'{"a": ' * 5000 + b"1" + b"}" * 5000 + b"}",
        "error",
        "error",
    ),
    "huge-int": (b'{"type": "contact", "id": ' + b"9" * 5000 + b"}", "error", "error"),  # past int()'s 4300 digits
    "wrong-type-int": (b'{"type": "contact", "id": ' + b"9" * 4000 + b"}", "error", "Contact"),
    "bad-utf8": (b"\xff\xfe not utf-8", "error", "error"),
    "empty": (b"", "error", "error"),
    "null": (b"null", "error", "NoneType"),
    "string": (b'"just a string"', "error", "str"),
    "huge-string": (b'{"type": "contact", "id": "1", "email": "' + b"a" * 5_000_000 + b'"}', "Contact", "Contact"),
}


@pytest.mark.parametrize("strict", [True, False], ids=["strict", "lenient"])
@pytest.mark.parametrize("case", list(FIXED))
def test_fixed_hostile_bodies(case: str, strict: bool, spec: dict[str, Any], api29: Any) -> None:
    body, strict_outcome, lenient_outcome = FIXED[case]
    op = next(o for o in api29.operations if o.operation_id == "ShowContact")
    with client_for(body, strict=strict) as client:
        try:
            outcome = type(call(client, spec, op)).__name__
        except APIResponseValidationError as exc:
            outcome = "error"
            assert exc.body is not None and "tok_fuzz_SECRET" not in str(exc)
            assert len(str(exc)) < 5000, "the message quotes the whole body"
    assert outcome == (strict_outcome if strict else lenient_outcome)


@pytest.mark.parametrize(
    ("next_url", "outcome"),
    [
        ("http://[::1", "invalid pages.next URL"),
        ("\x00", "invalid pages.next URL"),
        ("https://evil.example/steal", "to a different host"),
        ("//evil.example/x", "to a different host"),
        (" ", "walked"),  # resolves to the same page: the repeated-page guard ends the walk
        ("?page=2", "walked"),  # same host: followed, then the repeated link ends the walk
    ],
)
def test_hostile_next_page_urls(next_url: str, outcome: str, spec: dict[str, Any], api29: Any) -> None:
    """pages.next is followed only to the same host, and a malformed one is an IntercomError."""
    op = next(o for o in api29.operations if o.paging and o.paging.style == "next_url")
    body = json.dumps({"type": "list", op.paging.items: [], "pages": {"next": next_url}}).encode()
    with client_for(body, strict=False) as client:
        try:
            drain(call(client, spec, op))
            got = "walked"
        except IntercomError as exc:
            got = str(exc)
    assert outcome in got


async def test_async_client_on_hostile_body(spec29: dict[str, Any], api29: Any) -> None:
    body = json.dumps({"type": "contact", "id": 5, "email": ["x"], "location": "nowhere", "fuzz": {"a": None}}).encode()
    transport = httpx.MockTransport(lambda request: httpx.Response(200, content=body))
    async with AsyncIntercom(
        access_token="t", http_client=httpx.AsyncClient(transport=transport), strict_response_validation=True
    ) as c:
        with pytest.raises(APIResponseValidationError) as info:
            await c.contacts.retrieve("c1")
        assert "email" in str(info.value)
    async with AsyncIntercom(access_token="t", http_client=httpx.AsyncClient(transport=transport)) as c:
        contact = await c.contacts.retrieve("c1")
        assert contact.to_dict()["email"] == ["x"]
