"""What the generated contract tests (templates/package/tests/) call, computed from the IR.

Pure functions, registered as jinja filters. For every operation a realistic call:
path and query parameters from their spec examples (or built from their schema), and
the JSON body from the first request example that satisfies the request schema, after
coercing type mismatches the spec's own examples make (``admin_id: 991267354`` where a
string is declared). When no example can be used, the body is built from the schema
(required properties, preferring schema-level examples). Prism validates every request
against the same description, so whatever is chosen here must be valid there.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Any

from jsonschema.exceptions import ValidationError
from openapi_schema_validator import OAS30Validator

from .. import ir, openapi
from ..naming import identifier

# The exception the SDK raises for each status (see _exceptions.py), for error-path tests.
STATUS_ERRORS = {
    400: "BadRequestError",
    401: "AuthenticationError",
    403: "PermissionDeniedError",
    404: "NotFoundError",
    409: "ConflictError",
    422: "UnprocessableEntityError",
    429: "RateLimitError",
}
MAX_DEPTH = 6


@dataclass(frozen=True)
class Case:
    """One operation's contract test."""

    op: ir.Operation
    test_name: str  # test_retrieve_contact
    call: str  # Python source of the call on `client`
    note: str  # where the arguments come from, for the docstring
    check: str  # Python source of the assertion on `result`
    errors: tuple[tuple[str, str], ...]  # (declared error status, SDK exception class)
    spec_defect: str = ""  # why no valid request can be built; the test is then a strict xfail

    @property
    def docstring(self) -> str:
        """The test's docstring body, indented for a function body."""
        op = self.op
        text = f"{op.summary.rstrip('.') or op.operation_id}: `{op.http_method} {op.path}` ({op.operation_id})."
        if self.note:
            text += f"\n\n    {self.note}\n    "
        return text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')


@dataclass(frozen=True)
class Arguments:
    """The values of one realistic call: positional path parameters, keyword arguments (body
    fields by their Python names; example fields the schema does not declare are left out)."""

    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    body: dict[str, Any] | None  # the JSON body these send
    note: str  # where the body comes from
    spec_defect: str  # why no valid request can be built ("" when it can)


def arguments(op: ir.Operation, api: ir.Api) -> Arguments:
    spec = api.spec
    declared = _declared_params(spec, op)
    args = tuple(_param_value(spec, declared[("path", p.wire_name)]) for p in op.path_params)
    kwargs: dict[str, Any] = {}
    for p in op.query_params + op.header_params:
        decl = declared[(p.location, p.wire_name)]
        if p.required or _param_example(decl) is not _MISSING:
            kwargs[p.py_name] = _param_value(spec, decl)
    body, note, defect = None, "", ""
    if op.has_body:
        body, note, defect = request_body(op, api.spec)
        names = {p.wire_name: p.py_name for p in op.body_params}
        mirrors = {p.wire_name for p in op.body_params if p.from_path}  # sent with the path argument's value
        kwargs.update({names[k]: v for k, v in body.items() if k in names and k not in mirrors})
        # Example fields the request schema does not declare are left out: the contract
        # suite refuses undeclared keys (the generated conftest's DeclaredKeys).
        undeclared = [k for k in body if k not in names]
        if undeclared:
            body = {k: v for k, v in body.items() if k in names}
            note += f" Left out: {', '.join(undeclared)} (not in the request schema)."
    return Arguments(args, kwargs, body, note, defect)


def case(op: ir.Operation, api: ir.Api) -> Case:
    a = arguments(op, api)
    source = [repr(v) for v in a.args] + [f"{k}={v!r}" for k, v in a.kwargs.items()]
    call = f"client.{op.dotted_name}({', '.join(source)})"
    name = identifier("test_" + identifier(op.operation_id))
    return Case(op, name, call, a.note, check(op), errors(op, api.spec), a.spec_defect)


def check(op: ir.Operation) -> str:
    if op.paging:
        return f"expect.page(result, types.{op.response_model})"
    if op.response_model:
        return f"expect.model(result, types.{op.response_model})"
    if op.returns_location:
        return "expect.location(result)"
    if op.response == ir.BYTES:
        return "expect.content(result)"
    if op.response == ir.NONE:
        return "assert result is None"
    if op.response == ir.STR:
        return "expect.text(result)"
    return "expect.json(result)"


def errors(op: ir.Operation, spec: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """The 4xx/5xx statuses the operation declares that Prism can be asked for, with the SDK
    exception each should raise. Left out: statuses whose only media types the request's
    required Accept header excludes (Prism then answers the success response instead)."""
    responses = openapi.lookup(spec, op.pointer).get("responses", {})
    accept = _required_accept(spec, op)
    out = []
    for status, _ in op.errors:
        if not (status.isdigit() and status[0] in "45"):
            continue
        media = set((_resolve(spec, responses.get(status) or {}).get("content") or {}))
        if accept is not None and media and not media & accept:
            continue
        code = int(status)
        out.append((status, STATUS_ERRORS.get(code, "InternalServerError" if code >= 500 else "APIStatusError")))
    return tuple(sorted(out))


def _required_accept(spec: dict[str, Any], op: ir.Operation) -> set[str] | None:
    for (location, name), decl in _declared_params(spec, op).items():
        if location == "header" and name.lower() == "accept" and decl.get("required"):
            schema = _resolve(spec, decl.get("schema", {}))
            return set(schema.get("enum") or [schema.get("example", "")])
    return None


# -- request bodies -------------------------------------------------------------------


def request_body(op: ir.Operation, spec: dict[str, Any]) -> tuple[dict[str, Any], str, str]:
    """The body to send, a note saying where it comes from, and why no valid body could be
    built ("" when it could: then Prism must accept it)."""
    validator = _validator(spec, op)
    schema = _body_schema(spec, op)
    for ex in op.request_examples:
        if not isinstance(ex.value, dict) or not _properties_typed(spec, schema, ex.value):
            continue
        if validator.is_valid(ex.value):
            return ex.value, f'Body: request example "{ex.name}".', ""
        fixed, changed = coerce(ex.value, validator)
        if fixed is not None:
            where = ", ".join(changed)
            return fixed, f'Body: request example "{ex.name}", with {where} coerced to the declared schema.', ""
    built = [sample(spec, s) for s in _alternatives(spec, schema)]
    valid = [b for b in built if isinstance(b, dict) and validator.is_valid(b) and _properties_typed(spec, schema, b)]
    body = valid[0] if valid else built[0] if isinstance(built[0], dict) else {}
    why = "whose request examples all contradict it" if op.request_examples else "which has no request example"
    note = f"Body: built from the request schema, {why}."
    examples = [ex.value for ex in op.request_examples if isinstance(ex.value, dict)]
    found: list[str] = []
    for candidate in [body, *examples]:
        fixed, _ = coerce(candidate, validator, partial=True)
        problems = sorted({_describe(e) for e in validator.iter_errors(fixed)})
        if not problems:
            return fixed, note, ""
        if candidate is not body:
            problems = sorted({_describe(e) for e in validator.iter_errors(candidate)}) + problems
        found += [p for p in problems if p not in found]
    return body, note, "no request body satisfies the schema: " + "; ".join(found[:4])


def _alternatives(spec: dict[str, Any], schema: Any) -> list[Any]:
    """The schema, then each of its oneOf/anyOf members merged with what surrounds it: a body
    built from the first member may match several members (refused by oneOf), another may not."""
    schema = _resolve(spec, schema) or {}
    around = {k: v for k, v in schema.items() if k not in ("oneOf", "anyOf")}
    members = schema.get("oneOf") or schema.get("anyOf") or []
    merged = []
    for member in members:
        member = _resolve(spec, member) or {}
        props = {**around.get("properties", {}), **member.get("properties", {})}
        required = [*around.get("required", []), *member.get("required", [])]
        merged.append(
            {
                **around,
                **{k: v for k, v in member.items() if k not in ("properties", "required")},
                "properties": props,
                "required": required,
            }
        )
    return [schema, *merged]


def _properties_typed(spec: dict[str, Any], schema: Any, body: dict[str, Any]) -> bool:
    """Every property of the body has a type one of its declarations gives it (the SDK's
    signature merges a union's members; a catch-all member that declares nothing must not
    make a wrongly typed property acceptable)."""
    declared: dict[str, list[Any]] = {}
    stack = [schema]
    while stack:
        node = _resolve(spec, stack.pop()) or {}
        for name, prop in (node.get("properties") or {}).items():
            declared.setdefault(name, []).append(prop)
        stack += [*node.get("allOf", []), *node.get("oneOf", []), *node.get("anyOf", [])]
    return all(
        any(_valid(spec, _resolve(spec, d) or {}, value) for d in declared[name])
        for name, value in body.items()
        if name in declared
    )


def _describe(error: ValidationError) -> str:
    path = ".".join(str(k) for k in error.absolute_path) or "(body)"
    return f"{path}: {error.message}"


def coerce(value: Any, validator: Any, limit: int = 20, partial: bool = False) -> tuple[Any, list[str]]:
    """`value` with scalars of the wrong type converted (991267354 <-> "991267354") and strings
    that break their declared format replaced by a conforming one, until it validates;
    (None, []) when other violations remain (with `partial`, what was fixed so far). Returns
    the JSON paths changed."""
    value = copy.deepcopy(value)
    changed: list[str] = []
    for _ in range(limit):
        error = _first_type_error(list(validator.iter_errors(value)))
        if error is None:
            break
        path, expected = error
        parent = value
        for key in path[:-1]:
            parent = parent[key]
        old = parent[path[-1]]
        new = _convert(old, expected)
        if new is _MISSING or new == old:
            break
        parent[path[-1]] = new
        changed.append(".".join(str(k) for k in path))
    if partial or (changed and validator.is_valid(value)):
        return value, changed
    return None, []


def _first_type_error(errs: list[ValidationError]) -> tuple[list[Any], str] | None:
    """The path and declared type of the first scalar type mismatch, looking inside oneOf/anyOf
    at the branch that comes closest."""
    for err in errs:
        if err.validator == "type" and err.path and isinstance(err.validator_value, str):
            return list(err.absolute_path), err.validator_value
        if err.validator == "format" and err.path and err.validator_value in _STRING_FORMATS:
            return list(err.absolute_path), "format:" + err.validator_value
    for err in errs:
        if err.validator in ("oneOf", "anyOf") and err.context:
            branches: dict[Any, list[ValidationError]] = {}
            for sub in err.context:
                branches.setdefault(sub.schema_path[0], []).append(sub)
            for branch in sorted(branches.values(), key=len):
                found = _first_type_error(branch)
                if found is not None:
                    return list(err.absolute_path) + found[0][len(err.absolute_path) :], found[1]
    return None


def _convert(value: Any, expected: str) -> Any:
    if expected.startswith("format:") and isinstance(value, str):
        return _STRING_FORMATS[expected[len("format:") :]]
    if expected == "string" and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if expected == "integer" and isinstance(value, str) and re.fullmatch(r"-?\d+", value):
        return int(value)
    return _MISSING


# -- parameters -----------------------------------------------------------------------


class _Missing:
    pass


_MISSING: Any = _Missing()


def _declared_params(spec: dict[str, Any], op: ir.Operation) -> dict[tuple[str, str], dict[str, Any]]:
    item = spec["paths"][op.path]
    found = [*item.get("parameters", []), *item[op.http_method.lower()].get("parameters", [])]
    out = {}
    for p in found:
        while "$ref" in p:
            p = openapi.lookup(spec, p["$ref"])
        out[(p["in"], p["name"])] = p
    return out


def _param_example(decl: dict[str, Any]) -> Any:
    if "example" in decl:
        return decl["example"]
    for ex in (decl.get("examples") or {}).values():
        if isinstance(ex, dict) and "value" in ex:
            return ex["value"]
    return decl.get("schema", {}).get("example", _MISSING)


def _param_value(spec: dict[str, Any], decl: dict[str, Any]) -> Any:
    schema = decl.get("schema", {})
    example = _param_example(decl)
    validator = OAS30Validator(
        {**schema, "components": spec.get("components", {})}, format_checker=OAS30Validator.FORMAT_CHECKER
    )
    if example is not _MISSING:
        if validator.is_valid(example):
            return example
        converted = _convert(example, _resolve(spec, schema).get("type", ""))
        if converted is not _MISSING and validator.is_valid(converted):
            return converted
    value = sample(spec, schema)
    if decl["in"] == "path" and isinstance(value, str):
        return "123" if decl["name"].endswith("id") else value
    return value


# -- values built from schemas --------------------------------------------------------

_STRING_FORMATS = {
    "email": "jane.doe@example.com",
    "date-time": "2024-05-29T10:00:00Z",
    "date": "2024-05-29",
    "uri": "https://example.com/",
    "url": "https://example.com/",
    "uuid": "00000000-0000-4000-8000-000000000000",
}


def sample(spec: dict[str, Any], schema: Any, depth: int = 0) -> Any:
    """A value that satisfies `schema`: its example when it has a valid one, otherwise built
    from required properties, first union members and first enum values."""
    schema = _resolve(spec, schema) or {}
    if "example" in schema and _valid(spec, schema, schema["example"]):
        return schema["example"]
    for key in ("oneOf", "anyOf"):
        members = schema.get(key)
        if members and all(openapi.constraint_only(m) for m in members):
            # "give one of these" hints beside the properties: satisfy the shortest one
            hint = min((m.get("required", []) for m in members), key=len)
            schema = {k: v for k, v in schema.items() if k != key}
            schema["required"] = [*schema.get("required", []), *hint]
        elif members:
            return sample(spec, members[0], depth + 1)
    if schema.get("allOf"):
        merged: dict[str, Any] = {}
        for member in schema["allOf"]:
            value = sample(spec, member, depth + 1)
            if isinstance(value, dict):
                merged.update(value)
        return merged
    if schema.get("enum"):
        return next(v for v in schema["enum"] if v is not None)
    if "default" in schema:
        return schema["default"]
    kind = schema.get("type", "object")
    if kind == "string":
        text = _STRING_FORMATS.get(schema.get("format", ""), "example")
        return text.ljust(schema.get("minLength", 0), "x")
    if kind == "integer":
        return max(int(schema.get("minimum", 1)), 1)
    if kind == "number":
        return float(max(schema.get("minimum", 1), 1))
    if kind == "boolean":
        return True
    if kind == "array":
        if depth >= MAX_DEPTH:
            return []
        return [sample(spec, schema.get("items", {}), depth + 1) for _ in range(max(schema.get("minItems", 1), 1))]
    props = schema.get("properties", {})
    if depth >= MAX_DEPTH:
        return {}
    return {k: sample(spec, props[k], depth + 1) for k in schema.get("required", []) if k in props}


def _valid(spec: dict[str, Any], schema: dict[str, Any], value: Any) -> bool:
    checker = OAS30Validator.FORMAT_CHECKER
    return bool(
        OAS30Validator({**schema, "components": spec.get("components", {})}, format_checker=checker).is_valid(value)
    )


def _resolve(spec: dict[str, Any], node: Any) -> Any:
    return openapi.deref(spec, node)


def _body_schema(spec: dict[str, Any], op: ir.Operation) -> dict[str, Any]:
    operation = openapi.lookup(spec, op.pointer)
    body = _resolve(spec, operation["requestBody"])
    return body["content"]["application/json"].get("schema", {})  # type: ignore[no-any-return]


def _validator(spec: dict[str, Any], op: ir.Operation) -> Any:
    schema = _body_schema(spec, op)
    return OAS30Validator(
        {**schema, "components": spec.get("components", {})}, format_checker=OAS30Validator.FORMAT_CHECKER
    )


FILTERS = {"contract_case": case}
