"""Every property of every component schema is a declared field of its model, under the name,
alias and type the description gives it, and survives a round trip through JSON.

Expectations come from the repaired description beside the package
(generated/intercom-2.9/openapi.yaml); class and field names from the project's naming rules
(tests/package/naming.py), never from the generator's IR. Models keep unknown fields (Intercom adds
fields without notice), so a property declared under the wrong name would still parse at run
time; only this test sees that `contact.email` no longer type-checks.

The type rule (generator/pipeline/normalize.py and datamodel-code-generator as the generator
configures them):

- string -> str (also with format uri, uuid or email: the API's values break pydantic's
  types); integer -> int (also format date-time or timestamp: Unix seconds); number ->
  float; boolean -> bool; enum -> Literal of its values;
- array -> list[items] (list[Any] without items); object with properties -> a model class
  (an inline object is hoisted into a class of its own, reached through the annotation);
  object with a schema in additionalProperties -> dict[str, that schema]; other objects ->
  dict[str, Any]; `$ref` -> the referenced component's class; oneOf/anyOf -> a union of its
  members (members that only list required properties add nothing); allOf with one member
  -> that member, allOf beside properties -> a class with the members' fields too;
- `| None` when the property is nullable (also `nullable` beside a `$ref`, or `null` among
  its enum values), or optional without a default; an optional property's declared default
  is its field's default.
"""

from __future__ import annotations

import datetime
import json
import types as pytypes
import re
import typing
from typing import Any

import pydantic
import pytest
import yaml

import intercom_sdk.types as types
from intercom_sdk._models import BaseModel
from generator.release import surface
from tests.conftest import ROOT

from . import description
from .description import Sampler
from .naming import (
    class_name,
    field_name,
    request_class_name,
    response_class_name,
)

SPEC = description.load()
SCHEMAS: dict[str, Any] = SPEC["components"]["schemas"]
SCALARS: dict[tuple[str, str | None], Any] = {
    ("string", None): str,
    ("string", "uri"): str,
    ("string", "uuid"): str,
    ("string", "email"): str,
    ("string", "date-time"): datetime.datetime,
    ("string", "date"): datetime.date,
    ("integer", None): int,
    ("integer", "date-time"): int,
    ("integer", "timestamp"): int,
    ("integer", "int32"): int,
    ("integer", "int64"): int,
    ("number", None): float,
    ("number", "float"): float,
    ("number", "double"): float,
    ("boolean", None): bool,
}


def members(annotation: Any) -> list[Any]:
    """The members of a union annotation (the annotation itself otherwise)."""
    if typing.get_origin(annotation) in (typing.Union, pytypes.UnionType):
        return list(typing.get_args(annotation))
    return [annotation]


def shown(annotation: Any) -> str:
    return getattr(annotation, "__name__", None) or repr(annotation).replace("intercom_sdk.types._models.", "")


class Checker:
    """Compares model classes with the schemas they come from; collects every disagreement."""

    def __init__(self, returned: bool = False) -> None:
        self.problems: list[str] = []
        self.seen: set[tuple[type, str]] = set()
        self.returned = returned  # a returned object: spec/typing.yaml's rules apply
        self.lacking: set[str] = set()  # identity fields an example of the current object lacks

    def named(self, name: str, schema: Any, where: str) -> None:
        cls = getattr(types, name, None)
        if cls is None:
            self.problems.append(f"{where}: no class {name} in intercom_sdk.types")
            return
        self.model(cls, schema, where)

    def model(self, cls: Any, schema: Any, where: str) -> None:
        """`cls` is the class for `schema` (a component, or an inline object hoisted out of one)."""
        marker = (cls, json.dumps(schema, sort_keys=True))
        if marker in self.seen:
            return
        self.seen.add(marker)
        properties, required = self.object_fields(schema)
        examples = EXAMPLES.get(id(description.deref(SPEC, schema)), [])
        # spec/typing.yaml: identity fields unless an example of this object lacks one
        outer, self.lacking = self.lacking, {p for p in IDENTITY if any(p not in example for example in examples)}
        try:
            self.fields_of(cls, schema, properties, required, where)
        finally:
            self.lacking = outer

    def fields_of(self, cls: Any, schema: Any, properties: dict[str, Any], required: set[str], where: str) -> None:
        if properties:
            if not (isinstance(cls, type) and issubclass(cls, BaseModel)):
                self.problems.append(f"{where}: {shown(cls)} is not a model class")
                return
            for wire, sub in properties.items():
                self.field(cls, wire, sub, wire in required, f"{where}/properties/{wire}")
            return
        if not (isinstance(cls, type) and issubclass(cls, pydantic.RootModel)):
            self.problems.append(f"{where}: {shown(cls)} is not a RootModel for a schema without properties")
            return
        self.annotation(cls.model_fields["root"].annotation, schema, False, where)

    def object_fields(self, schema: Any) -> tuple[dict[str, Any], set[str]]:
        """Properties of an object schema, its allOf members' included, and the required ones."""
        schema = description.deref(SPEC, schema)
        properties: dict[str, Any] = {}
        required = set(schema.get("required", []))
        for member in schema.get("allOf", []):
            sub, req = self.object_fields(member)
            properties.update(sub)
            required |= req
        properties.update(schema.get("properties") or {})
        return properties, required

    def field(self, cls: type[BaseModel], wire: str, schema: Any, required: bool, where: str) -> None:
        name = field_name(wire)
        info = cls.model_fields.get(name)
        if info is None:
            self.problems.append(f"{where}: {cls.__name__} has no field {name!r}")
            return
        if name != wire and (info.validation_alias, info.serialization_alias) != (
            wire,
            wire,
        ):
            self.problems.append(
                f"{where}: {cls.__name__}.{name} aliases {info.validation_alias!r}/{info.serialization_alias!r}, not {wire!r}"
            )
        if name == wire and {
            info.alias,
            info.validation_alias,
            info.serialization_alias,
        } - {None, wire}:
            self.problems.append(f"{where}: {cls.__name__}.{name} has an alias other than {wire!r}")
        resolved = description.deref(SPEC, schema)
        default = resolved.get("default") if isinstance(resolved, dict) else None
        if self.returned:  # spec/typing.yaml: how the SDK types returned objects
            scalar = isinstance(resolved, dict) and resolved.get("type") in ("string", "integer")
            required = required or (wire in IDENTITY and wire not in self.lacking and scalar)
            if (
                not required
                and isinstance(resolved, dict)
                and resolved.get("type") == "array"
                and not description.nullable(resolved)
            ):
                default = []  # a list, empty when absent
        optional = not required and default is None
        self.annotation(info.annotation, schema, optional, f"{where} ({cls.__name__}.{name})")
        if default is not None and not required and info.get_default(call_default_factory=True) != default:
            self.problems.append(f"{where}: {cls.__name__}.{name} defaults to {info.default!r}, not {default!r}")

    def annotation(self, annotation: Any, schema: Any, optional: bool, where: str) -> None:
        """`annotation` agrees with `schema`: the same members, and None among them iff the
        schema allows null or the field is `optional` (not required, no default)."""
        got = members(annotation)
        expected = self.alternatives(schema)
        optional = optional or any(allows_null(s) for s in [schema, *expected])
        if optional != (type(None) in got):
            self.problems.append(f"{where}: {shown(annotation)} {'lacks' if optional else 'allows'} None")
        got = [g for g in got if g is not type(None)]
        if len(got) != len(expected):
            self.problems.append(f"{where}: {shown(annotation)} has {len(got)} members, the schema {len(expected)}")
            return
        for member, sub in zip(got, expected):
            self.member(member, sub, where)

    def alternatives(self, schema: Any) -> list[Any]:
        """The schemas a union annotation has one member each for (just `schema` if no union)."""
        resolved = description.deref(SPEC, schema) if description.ref_key(schema) is None else schema
        if not isinstance(resolved, dict) or "$ref" in resolved:
            return [resolved]
        allof = resolved.get("allOf", [])
        if len(allof) == 1 and not resolved.get("properties"):
            return self.alternatives(allof[0])
        for word in ("oneOf", "anyOf"):
            shaped = [m for m in resolved.get(word, []) if not description.is_constraint_only(m)]
            if shaped and not resolved.get("properties"):
                return [alt for m in shaped for alt in self.alternatives(m)]
        return [resolved]

    def member(self, annotation: Any, schema: Any, where: str) -> None:
        """One non-union member of an annotation against one alternative of the schema."""
        key = description.ref_key(schema)
        if key is not None:
            cls = getattr(types, class_name(key), None)
            if annotation is not cls:
                self.problems.append(f"{where}: {shown(annotation)}, not {class_name(key)} (the $ref)")
            return
        original = schema  # the node in SPEC, by which its examples are found
        schema = {k: v for k, v in schema.items() if k != "nullable"}
        if "enum" in schema:
            values = {v for v in schema["enum"] if v is not None}
            literal = typing.get_origin(annotation) is typing.Literal
            if not literal or set(typing.get_args(annotation)) != values:
                self.problems.append(f"{where}: {shown(annotation)}, not Literal{sorted(map(repr, values))}")
            return
        properties, _ = self.object_fields(schema)
        kind = schema.get("type")
        if properties:
            self.model(annotation, original, where)
        elif kind == "array":
            if typing.get_origin(annotation) is not list:
                self.problems.append(f"{where}: {shown(annotation)}, not a list")
            elif "items" in schema and schema["items"]:
                (item,) = typing.get_args(annotation)
                self.annotation(item, schema["items"], False, f"{where}[]")
            elif typing.get_args(annotation) != (Any,):
                self.problems.append(f"{where}: {shown(annotation)}, not list[Any] (no items)")
        elif kind == "object" or "additionalProperties" in schema:
            extra = schema.get("additionalProperties")
            if typing.get_origin(annotation) is not dict or typing.get_args(annotation)[0] is not str:
                self.problems.append(f"{where}: {shown(annotation)}, not dict[str, ...]")
            elif isinstance(extra, dict) and extra:
                value = typing.get_args(annotation)[1]
                self.annotation(value, extra, False, f"{where}{{}}")
            elif typing.get_args(annotation)[1] is not Any:
                self.problems.append(f"{where}: {shown(annotation)}, not dict[str, Any] (free-form object)")
        elif kind is None:
            if annotation is not Any:
                self.problems.append(f"{where}: {shown(annotation)}, not Any (no type)")
        else:
            rule = (kind, schema.get("format"))
            if rule not in SCALARS:
                self.problems.append(
                    f"{where}: no rule for type {kind} format {schema.get('format')}: add it to SCALARS"
                )
            elif annotation is not SCALARS[rule]:
                self.problems.append(f"{where}: {shown(annotation)}, not {SCALARS[rule].__name__} ({kind})")


def allows_null(schema: Any) -> bool:
    """The schema, or the component it refers to, allows null."""
    resolved = description.deref(SPEC, schema)
    return description.nullable(schema) or description.nullable(resolved)


def plain(value: Any) -> Any:
    """A parsed value as JSON data, models dumped by their wire names."""
    if isinstance(value, pydantic.BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def attribute_problems(parsed: Any, data: Any, where: str) -> list[str]:
    """Each JSON property landed on its declared attribute (not among the unknown fields kept
    aside), at any depth, with the value it had."""
    if isinstance(parsed, pydantic.RootModel):
        return attribute_problems(parsed.root, data, where)
    if isinstance(parsed, list) and isinstance(data, list):
        return [p for i, (a, b) in enumerate(zip(parsed, data)) for p in attribute_problems(a, b, f"{where}[{i}]")]
    if isinstance(parsed, dict) and isinstance(data, dict):
        return [p for k in data for p in attribute_problems(parsed.get(k), data[k], f"{where}.{k}")]
    if not isinstance(parsed, BaseModel) or not isinstance(data, dict):
        return [] if plain(parsed) == data else [f"{where}: parsed as {plain(parsed)!r}, not {data!r}"]
    out = []
    for wire, value in data.items():
        if wire in (parsed.model_extra or {}):
            out.append(f"{where}.{wire}: kept as an unknown field of {type(parsed).__name__}, not declared")
            continue
        name = field_name(wire)
        if name not in type(parsed).model_fields:
            out.append(f"{where}.{wire}: {type(parsed).__name__} has no field {name!r}")
            continue
        out += attribute_problems(getattr(parsed, name), value, f"{where}.{wire}")
    return out


def model_schemas() -> dict[str, tuple[str, Any, str]]:
    """Test id -> (class name, schema, JSON pointer) for every schema that has a class: each
    component schema but those only sent as a whole request body (whose properties are method
    arguments, tests/package/test_wire.py), and each operation's inline response object (hoisted into
    a class of its own)."""
    body_only = description.body_only_schemas(SPEC)
    out = {
        key: (class_name(key), schema, f"#/components/schemas/{key}")
        for key, schema in SCHEMAS.items()
        if key not in body_only
    }
    for method, path, op, _ in description.operations(SPEC):
        where = f"{method} {path}"
        response = description.response_schema(SPEC, op)
        if isinstance(response, dict) and "$ref" not in response:
            if response.get("properties") or response.get("allOf"):
                name = response_class_name(op["operationId"])
                out[f"{op['operationId']}-response"] = (
                    name,
                    response,
                    f"{where} response",
                )
    return out


def unwrapped(schema: Any) -> Any:
    """A request body schema without a one-member oneOf/anyOf/allOf around a `$ref`."""
    for word in description.COMPOSITION:
        wrapped = schema.get(word) if isinstance(schema, dict) else None
        if wrapped and len(wrapped) == 1 and len(schema) == 1 and "$ref" in wrapped[0]:
            return wrapped[0]
    return schema


MODELS = model_schemas()
# What responses return: these objects are typed by spec/typing.yaml's rules for returned objects.
RETURNED = description.returned_schemas(SPEC) | {k for k in MODELS if k.endswith("-response")}
EXAMPLES = description.example_objects(SPEC)
IDENTITY = set(yaml.safe_load((ROOT / "spec" / "typing.yaml").read_text())["identity"])


@pytest.mark.parametrize("key", list(MODELS))
def test_model_fields_agree_with_the_description(key: str) -> None:
    """Each property is a field under its Python name, aliased to its wire name where they
    differ, with the annotation the type rule (module docstring) gives its schema."""
    checker = Checker(returned=key in RETURNED)
    checker.named(*MODELS[key])
    assert not checker.problems, "\n".join(checker.problems)


def body_objects() -> dict[str, tuple[list[Any], Any, str]]:
    """Test id -> (classes, schema, where) for each object written inline in a body-only schema
    (`tag_company_request.companies` items): a class of its own that methods accept beside its
    `...Param` dict, named after the schema it sits in. The classes are those the reviewed
    surface snapshot names for arguments of that wire name; each is checked like any model."""
    snapshot = surface.parse((ROOT / "tests" / "snapshots" / "surface-2.9.txt").read_text())
    types_by_wire: dict[str, set[str]] = {}
    for method in snapshot.values():
        for argument in method.arguments:
            if argument.location == "body":
                types_by_wire.setdefault(argument.wire, set()).update(re.findall(r"\b([A-Z]\w*)\b", argument.type))
    out: dict[str, tuple[list[Any], Any, str]] = {}
    for key in sorted(description.body_only_schemas(SPEC)):
        for wire, sub in description.deref(SPEC, SCHEMAS[key]).get("properties", {}).items():
            inline = sub.get("items", {}) if sub.get("type") == "array" else sub
            if "$ref" in inline or not inline.get("properties"):
                continue
            named = sorted(
                n for n in types_by_wire.get(wire, ()) if n.startswith(class_name(key)) and not n.endswith("Param")
            )
            out[f"{key}.{wire}"] = (
                [getattr(types, n, None) for n in named],
                inline,
                f"#/components/schemas/{key}/properties/{wire}",
            )
    return out


BODY_OBJECTS = body_objects()


@pytest.mark.parametrize("key", list(BODY_OBJECTS))
def test_objects_inside_request_bodies_agree_with_the_description(key: str) -> None:
    classes, schema, where = BODY_OBJECTS[key]
    assert len(classes) == 1 and classes[0] is not None, f"{where}: the arguments name {classes}, not one class"
    checker = Checker()
    checker.model(classes[0], schema, where)
    assert not checker.problems, "\n".join(checker.problems)


def test_body_objects_are_found() -> None:
    assert "tag_company_request.companies" in BODY_OBJECTS and len(BODY_OBJECTS) >= 5


@pytest.mark.parametrize("key", list(MODELS))
def test_model_round_trips_every_property(key: str) -> None:
    """A JSON value with every property filled (one per union member) parses with each property
    on its attribute, and dumps back by alias to the same JSON."""
    name, schema, _ = MODELS[key]
    cls = getattr(types, name)

    def build(choices: dict[str, int]) -> tuple[Any, dict[str, int]]:
        sampler = Sampler(SPEC, choices)
        return sampler.value(schema, key), sampler.unions

    problems = []
    for data in description.expand(build):
        try:
            parsed = cls.model_validate_json(json.dumps(data))
        except pydantic.ValidationError as exc:
            problems.append(f"{json.dumps(data)[:300]} does not parse: {exc}")
            continue
        problems += attribute_problems(parsed, data, key)
        dumped = parsed.model_dump(mode="json", by_alias=True, exclude_unset=True)
        if dumped != data:
            problems.append(f"dumps as {json.dumps(dumped, sort_keys=True)}\n  not {json.dumps(data, sort_keys=True)}")
    assert not problems, "\n".join(problems)


def test_the_checker_refuses_what_the_models_must_not_do() -> None:
    """The checks above can fail: a field under another name, a wrong alias, a wrong type, a
    missing `| None`, a property kept as an unknown field."""

    class Renamed(BaseModel):
        email_address: str | None = None
        from_: int | None = pydantic.Field(None, validation_alias="from_", serialization_alias="from_")
        count: str | None = None
        name: str

    schema = {
        "type": "object",
        "required": ["name"],
        "properties": {
            "email": {"type": "string"},
            "from": {"type": "integer"},
            "count": {"type": "integer"},
            "name": {"type": "string", "nullable": True},
        },
    }
    checker = Checker()
    checker.model(Renamed, schema, "#/x")
    assert checker.problems == [
        "#/x/properties/email: Renamed has no field 'email'",
        "#/x/properties/from: Renamed.from_ aliases 'from_'/'from_', not 'from'",
        "#/x/properties/count (Renamed.count): str, not int (integer)",
        "#/x/properties/name (Renamed.name): str lacks None",
    ]
    parsed = Renamed.model_validate_json('{"email": "a", "name": "n"}')
    assert parsed.email == "a"  # type: ignore[attr-defined]  # what the reviewer saw: it still "works"
    assert attribute_problems(parsed, {"email": "a", "name": "n"}, "x") == [
        "x.email: kept as an unknown field of Renamed, not declared"
    ]
