"""Every operation of the 2.9 description is reachable exactly once on the generated clients, and
the public surface matches the reviewed snapshot (tests/snapshots/surface-2.9.txt).

What each method sends on the wire is tested by tests/package/test_wire.py (every parameter, both
clients, expectations from the description). `build_call` here gives the runtime tests a
simple valid call per operation (required arguments only)."""

from __future__ import annotations

import functools
import urllib.parse
from typing import Any

import pytest

import intercom_sdk
from generator import contract
from intercom_sdk import Intercom

from tests.conftest import TESTS

SNAPSHOT = TESTS / "snapshots" / "surface-2.9.txt"


def resolve(spec: dict[str, Any], node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        node = spec["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def sample(spec: dict[str, Any], schema: Any, depth: int = 0) -> Any:
    """A value that satisfies `schema`, required properties only."""
    schema = resolve(spec, schema) or {}
    for key in ("oneOf", "anyOf"):
        if schema.get(key):
            return sample(spec, schema[key][0], depth + 1)
    if schema.get("allOf"):
        merged: dict[str, Any] = {}
        for member in schema["allOf"]:
            merged.update(sample(spec, member, depth + 1) or {})
        return merged
    if "enum" in schema:
        return next(v for v in schema["enum"] if v is not None)
    kind = schema.get("type", "object")
    if kind == "string":
        return "text"
    if kind == "integer":
        return 7
    if kind == "number":
        return 1.5
    if kind == "boolean":
        return True
    if kind == "array":
        return [sample(spec, schema.get("items", {}), depth + 1)] if depth < 4 else []
    props = schema.get("properties", {})
    return {k: sample(spec, props[k], depth + 1) for k in schema.get("required", []) if k in props}


def query_text(value: Any) -> list[str]:
    if isinstance(value, bool):
        return ["true" if value else "false"]
    if isinstance(value, list):
        return [t for v in value for t in query_text(v)]
    return [str(value)]


def build_call(spec: dict[str, Any], op: Any) -> tuple[list[Any], dict[str, Any], dict[str, list[str]], Any]:
    """Arguments for the method, plus the query and JSON body the spec says they become. The body
    is the one the contract tests send (an example that fits the schema, or built from it), so
    that a union body fits one of the method's forms."""
    item = spec["paths"][op.path]
    declared = [
        *item.get("parameters", []),
        *item[op.http_method.lower()].get("parameters", []),
    ]
    args, kwargs, query = [], {}, {}
    path_values = {}
    for p in op.path_params:
        schema = next(d["schema"] for d in declared if d["in"] == "path" and d["name"] == p.wire_name)
        value = 42 if schema.get("type") == "integer" else "a b/1"
        path_values[p.wire_name] = value
        args.append(value)
    for p in op.query_params + op.header_params:
        decl = next(d for d in declared if d["in"] == p.location and d["name"] == p.wire_name)
        value = sample(spec, decl["schema"])
        kwargs[p.py_name] = value
        if p.location == "query":
            query[p.wire_name] = query_text(value)
    body: Any = None
    if op.has_body:
        body = contract.request_body(op, spec)[0]
        names = {p.wire_name: p.py_name for p in op.body_params if not p.from_path}
        mirrors = {p.wire_name for p in op.body_params if p.from_path}  # sent with the path value
        extra = {k: v for k, v in body.items() if k not in names and k not in mirrors}
        kwargs.update({names[k]: v for k, v in body.items() if k in names})
        if extra:
            kwargs["extra_body"] = extra
    path = op.path
    for name, value in path_values.items():
        path = path.replace("{" + name + "}", urllib.parse.quote(str(value), safe=""))
    return args, kwargs, query, (path, body)


def public_surface(client: Any) -> list[str]:
    """Every public method reachable from the client, by walking its resource properties."""
    found = []

    def walk(obj: Any, prefix: str) -> None:
        for name in sorted(dir(type(obj))):
            if name.startswith("_") or name == "with_raw_response":
                continue
            attr = getattr(type(obj), name)
            if isinstance(attr, functools.cached_property) and type(attr.func).__name__ == "function":
                walk(getattr(obj, name), f"{prefix}.{name}")
            elif callable(attr) and type(obj).__name__.endswith("Resource"):
                found.append(f"{prefix}.{name}")

    walk(client, "client")
    return found


def test_each_operation_is_reachable_exactly_once(api29: Any) -> None:
    client = Intercom(access_token="x")
    surface = public_surface(client)
    expected = sorted(f"client.{op.dotted_name}" for op in api29.operations)
    assert len(expected) == 108 and len(set(expected)) == 108
    assert sorted(surface) == expected


def test_public_surface_matches_the_reviewed_snapshot(api29: Any) -> None:
    """Renaming or retyping a public method or argument is a breaking change: it must show up here
    and be reviewed. Regenerate the snapshot with UPDATE_SNAPSHOTS=1 after deciding a change is right.
    """
    from generator.release import surface

    text = surface.text(api29)
    import os

    if os.environ.get("UPDATE_SNAPSHOTS"):
        SNAPSHOT.write_text(text)
    assert SNAPSHOT.read_text() == text
    assert len(surface.parse(text)) == 108


@pytest.mark.parametrize("prefix", ["sync", "async"])
def test_async_client_has_the_same_surface(prefix: str, api29: Any) -> None:
    sync = public_surface(Intercom(access_token="x"))
    other = public_surface(intercom_sdk.AsyncIntercom(access_token="x")) if prefix == "async" else sync
    assert other == sync
