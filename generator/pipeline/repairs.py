"""Repairs of upstream defects, applied before validation: rules first, then per-version entries.

A rule describes a defect by its shape and fixes it wherever the shape occurs, in any
description (a new release, an older revision, the Unstable one). Each has a one-line reason
and reports where it applied, or that it was not needed. What no rule can express goes in
spec/overrides/<version>.yaml, addressed by names (path, method, parameter, schema, property),
never by array index; an entry whose target is gone or already fixed is reported as
`not needed`, not an error. docs/overrides.md lists the rules.
"""

from __future__ import annotations

import copy
import dataclasses
import difflib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .. import paths
from .. import openapi, specdata
from ..openapi import as_dict, as_list
from ..errors import GeneratorError

SPEC_DIR = paths.SPEC
UUID_LENGTH = 36
TYPO_SIMILARITY = 0.85  # difflib ratio: job_identfier / job_identifier is 0.96
PAGING_STYLES = ("page", "per_page", "starting_after", "scroll_param")


@dataclass(frozen=True)
class Outcome:
    """What one rule or per-version entry did to a description."""

    name: str  # the rule's name, or "spec/overrides/2.9.yaml #1"
    reason: str
    applied: tuple[str, ...] = ()  # where it changed the description
    not_needed: str = ""  # why it changed nothing
    failed: bool = False  # the rule raised on this description (and was undone)

    def line(self) -> str:
        """`repaired [name]: reason`, then one indented line per place; or `not needed [name]: why`."""
        if self.applied:
            return "\n".join([f"repaired [{self.name}]: {self.reason}", *(f"    at {where}" for where in self.applied)])
        return f"{'skipped' if self.failed else 'not needed'} [{self.name}]: {self.not_needed}"


@dataclass(frozen=True)
class Data:
    """The repairs' data in spec/."""

    restored_schemas: dict[str, specdata.RestoredSchema]  # spec/restored-schemas.yaml
    envelope: specdata.Envelope | None  # spec/pagination.yaml `envelope`
    overrides_dir: Path
    required: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)  # spec/typing.yaml `required`

    @classmethod
    def load(cls, spec_dir: Path = SPEC_DIR) -> Data:
        restored = specdata.restored_schemas(spec_dir / "restored-schemas.yaml")
        envelope = specdata.pagination(spec_dir / "pagination.yaml").envelope
        required = specdata.typing_rules(spec_dir / "typing.yaml").required
        return cls(restored, envelope, spec_dir / "overrides", required)


def _read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text()) if path.is_file() else {}
    except (OSError, yaml.YAMLError) as exc:
        raise GeneratorError(f"cannot read {path.name}: {exc}", where=str(path)) from exc
    if not isinstance(data, dict):
        raise GeneratorError(f"{path.name} is not a mapping", where=str(path))
    return data


def apply(doc: dict[str, Any], api_version: str, data: Data | None = None) -> tuple[dict[str, Any], list[Outcome]]:
    """A repaired copy of `doc`, with what every rule and per-version entry did."""
    data = data or Data.load()
    doc = copy.deepcopy(doc)
    outcomes = []
    for rule in RULES:
        before = copy.deepcopy(doc)
        try:
            applied = rule.fix(doc, data)
        except (AttributeError, TypeError, KeyError, IndexError, ValueError) as exc:
            # Rules run before validation: on a malformed node, undo the rule and let validation
            # name the problem; on a valid description the pipeline refuses this outcome.
            doc.clear()
            doc.update(before)
            outcomes.append(
                Outcome(
                    rule.name, rule.reason, (), f"skipped, malformed input ({type(exc).__name__}: {exc})", failed=True
                )
            )
            continue
        outcomes.append(Outcome(rule.name, rule.reason, tuple(applied), "" if applied else rule.absent))
    for index, entry in enumerate(load_entries(api_version, data.overrides_dir), 1):
        outcomes.append(entry.apply(doc, f"spec/overrides/{api_version}.yaml #{index}"))
    return doc, outcomes


# ---------------------------------------------------------------- the rules


@dataclass(frozen=True)
class Rule:
    name: str
    reason: str
    absent: str  # the `not needed` text
    fix: Callable[[dict[str, Any], Data], list[str]]


def _where(path: str, method: str) -> str:
    return f"{method.upper()} {path}"


def restore_deleted_schemas(doc: dict[str, Any], data: Data) -> list[str]:
    schemas = as_dict(as_dict(doc.get("components")).get("schemas"))
    if not isinstance(doc.get("components"), dict) or doc["components"].get("schemas") is not schemas:
        return []  # no components/schemas mapping to restore into: validation reports it
    out: list[str] = []
    while True:
        missing = sorted(
            {ref for ref in openapi.refs(doc) if ref.startswith(openapi.SCHEMAS) and openapi.lookup(doc, ref) is None}
        )
        restorable = [
            ref for ref in missing if openapi.split(ref)[-1] in data.restored_schemas and len(openapi.split(ref)) == 3
        ]
        if not restorable:
            return out
        for ref in restorable:
            name = openapi.split(ref)[-1]
            entry = data.restored_schemas[name]
            schemas[name] = copy.deepcopy(entry.schema)
            out.append(f"#/components/schemas/{openapi.escape(name)} (as published in {entry.from_})")


def templated_path_parameters(doc: dict[str, Any], data: Data) -> list[str]:
    out = []
    for path, method, item, op in openapi.operations(doc):
        declared = {p.get("name") for p in openapi.parameters(doc, item, op) if p.get("in") == "path"}
        for name in [s[1:-1] for s in path.split("/") if s.startswith("{") and s.endswith("}")]:
            if name in declared:
                continue
            params = op.setdefault("parameters", [])
            if not isinstance(params, list):
                continue
            elsewhere = next(
                (i for i, p in enumerate(params) if as_dict(openapi.deref(doc, p)).get("name") == name), None
            )
            if elsewhere is None:
                params.append({"name": name, "in": "path", "required": True, "schema": {"type": "string"}})
                out.append(f"{_where(path, method)}: {{{name}}} (not declared)")
            else:
                param = params[elsewhere] = copy.deepcopy(openapi.deref(doc, params[elsewhere]))
                out.append(f"{_where(path, method)}: {{{name}}} (declared in: {param.get('in')})")
                param.update({"in": "path", "required": True})
    return out


def form_object_query_parameters(doc: dict[str, Any], data: Data) -> list[str]:
    out = []
    for path, method, item, op in openapi.operations(doc):
        for owner in (item, op):
            params = as_list(owner.get("parameters"))
            for index in reversed(range(len(params))):
                param = as_dict(openapi.deref(doc, params[index]))
                expanded = _expand_form_object(doc, param)
                if expanded is None:
                    continue
                taken = {p.get("name") for p in openapi.parameters(doc, item, op)} - {param.get("name")}
                if taken & {p["name"] for p in expanded}:
                    continue  # would clash with a declared parameter: left for validation to report
                params[index : index + 1] = expanded
                out.append(f"{_where(path, method)}: {param.get('name')} -> {', '.join(p['name'] for p in expanded)}")
    return out


def _expand_form_object(doc: dict[str, Any], param: dict[str, Any]) -> list[dict[str, Any]] | None:
    """One query parameter per property, as OpenAPI serializes a form-exploded object."""
    if param.get("in") != "query" or param.get("style", "form") != "form" or param.get("explode", True) is False:
        return None
    schema = as_dict(openapi.deref(doc, param.get("schema")))
    if schema.get("type", "object") != "object":
        return None
    members = [as_dict(openapi.deref(doc, m)) for m in as_list(schema.get("oneOf") or schema.get("anyOf"))]
    if members and all(openapi.properties(doc, m) for m in members):
        choices = [(m, openapi.properties(doc, m)) for m in members]
        names = list(dict.fromkeys(name for _, props in choices for name in props))
        hint = f" Give one of {', '.join(names)}." if len(names) > 1 else ""
        out: list[dict[str, Any]] = []
        for member, props in choices:
            for name, prop in props.items():
                if name in {p["name"] for p in out}:
                    continue
                text = str(as_dict(prop).get("description") or member.get("description") or member.get("title") or "")
                out.append(_query_param(name, False, as_dict(prop), (text.rstrip(".") + "." if text else "") + hint))
        return out
    props = openapi.properties(doc, schema)
    if not props:
        return None
    required = set(as_list(schema.get("required"))) if param.get("required") else set()
    return [
        _query_param(name, name in required, as_dict(p), str(as_dict(p).get("description") or ""))
        for name, p in props.items()
    ]


def _query_param(name: str, required: bool, schema: dict[str, Any], description: str) -> dict[str, Any]:
    schema = {k: v for k, v in schema.items() if k != "description"}
    param: dict[str, Any] = {"name": name, "in": "query", "required": required, "schema": schema}
    if description.strip():
        param["description"] = description.strip()
    return param


def uuid_format_on_short_ids(doc: dict[str, Any], data: Data) -> list[str]:
    out = []
    for node, path in _schema_nodes(doc):
        if node.get("format") != "uuid":
            continue
        longest, shortest = node.get("maxLength"), node.get("minLength")
        if (isinstance(longest, int) and longest < UUID_LENGTH) or (
            isinstance(shortest, int) and shortest > UUID_LENGTH
        ):
            del node["format"]
            out.append(f"{openapi.pointer(*path)} (length {shortest}..{longest})")
    return out


def _schema_nodes(doc: Any) -> list[tuple[dict[str, Any], tuple[Any, ...]]]:
    """Every mapping with a `type` or `format`, with its path (schemas, inline or not)."""
    found: list[tuple[dict[str, Any], tuple[Any, ...]]] = []
    stack: list[tuple[Any, tuple[Any, ...]]] = [(doc, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, dict):
            if "format" in node and isinstance(node.get("type"), str):
                found.append((node, path))
            stack.extend((v, (*path, k)) for k, v in node.items() if k not in ("example", "examples"))
        elif isinstance(node, list):
            stack.extend((v, (*path, i)) for i, v in enumerate(node))
    return sorted(found, key=lambda f: openapi.pointer(*f[1]))


def one_type_per_resource_id(doc: dict[str, Any], data: Data) -> list[str]:
    """The placeholders after one collection segment (`/contacts/{id}`) name one kind of id: the
    type of the `id` of the object those operations return, else a string where they disagree."""
    by_segment: dict[str, list[tuple[str, str, dict[str, Any], str]]] = defaultdict(list)
    returned: dict[str, dict[str, str]] = defaultdict(dict)  # segment -> id type -> an operation returning it
    for path, method, item, op in openapi.operations(doc):
        parts = [s for s in path.split("/") if s]
        declared = {p.get("name"): p for p in openapi.parameters(doc, item, op) if p.get("in") == "path"}
        for before, segment in zip(parts, parts[1:]):
            param = declared.get(segment[1:-1]) if segment.startswith("{") and not before.startswith("{") else None
            if param is not None:
                kind = as_dict(openapi.deref(doc, param.get("schema"))).get("type")
                by_segment[before].append((path, method, param, str(kind)))
        own = len(parts) > 1 and parts[-1] in ("{id}", f"{{{_singular(parts[-2])}_id}}")
        if own:  # the path names the object the operation returns
            kind = as_dict(openapi.deref(doc, openapi.properties(doc, _success_schema(doc, op)).get("id"))).get("type")
            if kind in ("string", "integer"):
                returned[parts[-2]].setdefault(kind, _where(path, method))
    out = []
    ids: dict[str, tuple[str, str]] = {}  # `help_center_id` -> (the type of help centers' ids, why)
    for segment, uses in sorted(by_segment.items()):
        kinds = {kind for *_, kind in uses} & {"string", "integer"}
        evidence = returned[segment]
        if len(evidence) == 1:
            [(target, where)] = evidence.items()
            because = f"{where} returns an object whose id is {'a string' if target == 'string' else 'an integer'}"
        elif len(kinds) > 1:
            target, because = "string", "the operations disagree"
        elif len(kinds) == 1:
            [target], because = kinds, f"the ids of /{segment}/{{id}}"
        else:
            continue
        ids.setdefault(_singular(segment) + "_id", (target, because))
        for path, method, param, kind in uses:
            if kind in ("string", "integer") and kind != target:
                _own_parameter(doc, path, method, param)["schema"] = {"type": target}
                out.append(f"{_where(path, method)}: {{{param.get('name')}}} {kind} -> {target} ({because})")
    return out + _ids_named_by_resource(doc, ids)


def _ids_named_by_resource(doc: dict[str, Any], ids: dict[str, tuple[str, str]]) -> list[str]:
    """Query parameters and top-level body properties named `<resource>_id` take the type of that
    resource's ids as arguments (`obj.id` can be passed); the wire keeps the declared type, which
    the SDK converts to (`"123"` is sent as 123 where the description says integer)."""
    out = []
    seen: set[int] = set()  # a component body shared by operations is marked once

    def mark(node: Any, where: str, name: str) -> None:
        kind = node.get("type") if isinstance(node, dict) else None
        target, because = ids[name]
        if kind in ("string", "integer") and kind != target and id(node) not in seen:
            seen.add(id(node))
            node[openapi.ARGUMENT_TYPE] = target
            out.append(f"{where}: {name} sent as {kind}, passed as {target} ({because})")

    for path, method, item, op in openapi.operations(doc):
        for param in openapi.parameters(doc, item, op):
            if param.get("in") == "query" and param.get("name") in ids:
                own = _own_parameter(doc, path, method, param)
                if isinstance(own.get("schema"), dict):
                    own["schema"] = dict(own["schema"])  # a shared schema object stays as it was
                    mark(own["schema"], f"{_where(path, method)} query", str(param.get("name")))
        body = as_dict(openapi.deref(doc, op.get("requestBody")))
        schema = openapi.deref(doc, as_dict(as_dict(body.get("content")).get("application/json")).get("schema"))
        forms = [openapi.deref(doc, m) for key in ("oneOf", "anyOf") for m in as_list(as_dict(schema).get(key))]
        for form in [schema, *forms]:
            for name, prop in openapi.properties(doc, form).items():
                if name in ids and not (isinstance(prop, dict) and "$ref" in prop):  # not a shared component
                    mark(prop, f"{_where(path, method)} body", name)
    return out


def _singular(segment: str) -> str:
    return segment[:-3] + "y" if segment.endswith("ies") else segment[:-1] if segment.endswith("s") else segment


def _success_schema(doc: dict[str, Any], op: dict[str, Any]) -> Any:
    responses: dict[Any, Any] = as_dict(op.get("responses"))  # YAML may key statuses by int
    code = next((c for c in sorted(responses, key=str) if str(c).startswith("2")), None)
    response = as_dict(openapi.deref(doc, responses.get(code)))
    return as_dict(as_dict(response.get("content")).get("application/json")).get("schema")


def _own_parameter(doc: dict[str, Any], path: str, method: str, param: dict[str, Any]) -> dict[str, Any]:
    """The declaration of `param` inside the operation or its path item, inlined if it was a $ref."""
    item = doc["paths"][path]
    for owner in (item[method], item):
        params = as_list(owner.get("parameters"))
        for index, raw in enumerate(params):
            if openapi.deref(doc, raw) is param:
                if raw is not param:
                    params[index] = copy.deepcopy(param)
                return params[index]  # type: ignore[no-any-return]
    raise AssertionError("parameter not found")  # it came from openapi.parameters of this operation


def missing_success_response(doc: dict[str, Any], data: Data) -> list[str]:
    out = []
    for path, method, _, op in openapi.operations(doc):
        responses = op.setdefault("responses", {})
        if not isinstance(responses, dict):
            continue
        if not any(str(code)[:1] in "23" for code in responses):
            responses["200"] = {
                "description": "Success (the description declares no success response)",
                "content": {"application/json": {"schema": {"type": "object"}}},
            }
            out.append(_where(path, method))
    return out


def download_without_content(doc: dict[str, Any], data: Data) -> list[str]:
    out = []
    for path, method, item, op in openapi.operations(doc):
        responses: dict[Any, Any] = as_dict(op.get("responses"))  # YAML may key statuses by int
        if method != "get" or not isinstance(responses.get("200", responses.get(200)), dict):
            continue
        key = "200" if "200" in responses else 200
        response = as_dict(openapi.deref(doc, responses[key]))
        if response.get("content"):
            continue
        media = "application/octet-stream"
        for param in openapi.parameters(doc, item, op):
            if param.get("in") == "header" and str(param.get("name")).lower() == "accept" and param.get("required"):
                schema = as_dict(openapi.deref(doc, param.get("schema")))
                named = [
                    m for m in [*as_list(schema.get("enum")), schema.get("example")] if isinstance(m, str) and "/" in m
                ]
                media = named[0] if named else media
        responses[key] = {**response, "content": {media: {"schema": {"type": "string", "format": "binary"}}}}
        out.append(f"{_where(path, method)} 200: {media}")
    return out


def response_schema_named_by_type(doc: dict[str, Any], data: Data) -> list[str]:
    """Intercom objects carry their `type`: examples of one component under another's name."""
    by_type: dict[str, list[str]] = defaultdict(list)
    for name in as_dict(as_dict(doc.get("components")).get("schemas")):
        values = _type_enum(doc, {"$ref": openapi.SCHEMAS + openapi.escape(name)})
        if len(values) == 1:
            by_type[values[0]].append(name)
    out = []
    for path, method, _, op in openapi.operations(doc):
        for code, raw in as_dict(op.get("responses")).items():
            media = as_dict(as_dict(as_dict(openapi.deref(doc, raw)).get("content")).get("application/json"))
            declared = openapi.schema_name(media.get("schema"))
            if declared is not None and openapi.lookup(doc, media["schema"]["$ref"]) is None:
                continue  # a dangling reference is another defect: validation names it
            values = [v for _, v in openapi.examples(media)]
            if (
                not str(code).startswith("2")
                or declared is None
                or not values
                or not all(isinstance(v, dict) for v in values)
            ):
                continue
            types = {v.get("type") for v in values}
            kind = types.pop() if len(types) == 1 else None
            candidates = [c for c in by_type.get(str(kind), []) if c != declared]
            if kind is None or len(candidates) != 1 or _type_enum(doc, media["schema"]) == [kind]:
                continue
            target = candidates[0]
            ours, theirs = openapi.properties(doc, media["schema"]), openapi.properties(
                doc, {"$ref": openapi.SCHEMAS + target}
            )
            lists = {k for v in values for k, x in v.items() if isinstance(x, list)}
            if any(k in theirs and k not in ours for k in lists):
                media["schema"] = {"$ref": openapi.SCHEMAS + openapi.escape(target)}
                out.append(f"{_where(path, method)} {code}: {declared} -> {target} (its examples are `{kind}` objects)")
    return out


def response_shown_by_examples(doc: dict[str, Any], data: Data) -> list[str]:
    """Every example of a success response holds none of its schema's properties: they show
    what the API answers and the schema describes another object; describe the examples."""
    out = []
    for path, method, _, op in openapi.operations(doc):
        for code, raw in as_dict(op.get("responses")).items():
            media = as_dict(as_dict(as_dict(openapi.deref(doc, raw)).get("content")).get("application/json"))
            values = [v for _, v in openapi.examples(media)]
            declared = openapi.properties(doc, media.get("schema"))
            if not str(code).startswith("2") or not values or not declared:
                continue
            if all(isinstance(v, dict) and openapi.shows_another(declared, v) for v in values):
                named = openapi.schema_name(media.get("schema")) or "an inline object"
                media["schema"] = _merged([_shape(v) for v in values])
                keys = ", ".join(sorted(media["schema"]["properties"]))
                shown = f"{len(values)} example{'s' if len(values) > 1 else ''}"
                out.append(f"{_where(path, method)} {code}: {named} -> an object with {keys} (its {shown})")
    return out


def _shape(value: Any) -> dict[str, Any]:
    """The schema of one example value (what `response_shown_by_examples` declares)."""
    if isinstance(value, bool):
        return {"type": "boolean"}
    if isinstance(value, int):
        return {"type": "integer"}
    if isinstance(value, float):
        return {"type": "number"}
    if isinstance(value, str):
        return {"type": "string"}
    if isinstance(value, list):
        return {"type": "array", "items": _merged([_shape(v) for v in value]) if value else {}}
    if isinstance(value, dict):
        return {"type": "object", "properties": {k: _shape(v) for k, v in value.items()}}
    return {"nullable": True}  # null: any type


def _merged(shapes: list[dict[str, Any]]) -> dict[str, Any]:
    """One schema for several values: objects merge their properties, other disagreements any type."""
    if not shapes:
        return {}
    kinds = {s.get("type") for s in shapes}
    if kinds == {"object"}:
        keys = list(dict.fromkeys(k for s in shapes for k in s["properties"]))
        return {
            "type": "object",
            "properties": {k: _merged([s["properties"][k] for s in shapes if k in s["properties"]]) for k in keys},
        }
    if kinds == {"array"}:
        return {"type": "array", "items": _merged([s["items"] for s in shapes if s["items"]])}
    return shapes[0] if all(s == shapes[0] for s in shapes) else {}


def _type_enum(doc: dict[str, Any], schema: Any) -> list[Any]:
    prop = as_dict(openapi.deref(doc, openapi.properties(doc, schema).get("type")))
    return list(as_list(prop.get("enum")))


def property_name_typos(doc: dict[str, Any], data: Data) -> list[str]:
    """A property no example of its schema has, where every example has one undeclared key
    spelled almost the same: the description misspells the name the API uses."""
    instances: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for _, _, _, op in openapi.operations(doc):
        for raw in as_dict(op.get("responses")).values():
            media = as_dict(as_dict(as_dict(openapi.deref(doc, raw)).get("content")).get("application/json"))
            for _, value in openapi.examples(media):
                _collect(doc, media.get("schema"), value, instances, 0)
    schemas = as_dict(as_dict(doc.get("components")).get("schemas"))
    out = []
    for name, values in sorted(instances.items()):
        props = as_dict(as_dict(schemas.get(name)).get("properties"))
        for prop in list(props):
            if any(prop in v for v in values):
                continue
            spelled = set.intersection(*(set(v) - set(props) for v in values))
            close = [k for k in spelled if difflib.SequenceMatcher(None, prop, k).ratio() >= TYPO_SIMILARITY]
            if len(close) == 1:
                props[close[0]] = props.pop(prop)
                required = as_list(as_dict(schemas[name]).get("required"))
                schemas[name]["required"] = [close[0] if r == prop else r for r in required] if required else required
                if not required:
                    schemas[name].pop("required", None)
                out.append(
                    f"{openapi.pointer('components', 'schemas', name, 'properties', prop)} -> {close[0]} ({len(values)} examples)"
                )
    return out


def _collect(doc: dict[str, Any], schema: Any, value: Any, found: dict[str, list[dict[str, Any]]], depth: int) -> None:
    """The example objects of each component schema, found by walking a value with its schema."""
    name = openapi.schema_name(schema)
    schema = as_dict(openapi.deref(doc, schema))
    if depth > 30 or not schema:
        return
    if isinstance(value, dict):
        declared = openapi.properties(doc, schema)
        if name is not None and not openapi.shows_another(declared, value):
            found[name].append(value)
        for prop, sub in declared.items():
            if prop in value:
                _collect(doc, sub, value[prop], found, depth + 1)
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        for item in value:
            _collect(doc, schema["items"], item, found, depth + 1)


def required_by_the_api(doc: dict[str, Any], data: Data) -> list[str]:
    schemas = as_dict(as_dict(doc.get("components")).get("schemas"))
    out = []
    for name, needed in sorted(data.required.items()):
        schema = as_dict(schemas.get(name))
        declared = openapi.properties(doc, schema)
        missing = [p for p in needed if p in declared and p not in as_list(schema.get("required"))]
        if missing:
            schema["required"] = [*as_list(schema.get("required")), *missing]
            out.append(f"{openapi.pointer('components', 'schemas', name)}: {', '.join(missing)}")
    return out


def list_without_paging_parameters(doc: dict[str, Any], data: Data) -> list[str]:
    envelope = data.envelope
    if not envelope:
        return []
    out = []
    for path, method, item, op in openapi.operations(doc):
        if method != "get":
            continue
        declared = {p.get("name") for p in openapi.parameters(doc, item, op) if p.get("in") == "query"}
        if declared & set(envelope.declared or PAGING_STYLES):
            continue
        response = as_dict(openapi.deref(doc, as_dict(op.get("responses")).get("200")))
        schema = as_dict(as_dict(response.get("content")).get("application/json")).get("schema")
        props = openapi.properties(doc, schema)
        arrays = [k for k, v in props.items() if as_dict(openapi.deref(doc, v)).get("type") == "array"]
        pages = props.get(envelope.property)
        if pages is None or len(arrays) != 1:
            continue
        added: list[dict[str, Any]] = [
            {"name": p.name, "in": "query", "required": False, "description": p.description, "schema": dict(p.schema)}
            for p in envelope.parameters
            if _has_path(doc, pages, p.if_.split("."))
        ]
        if added and isinstance(op.setdefault("parameters", []), list):
            op["parameters"].extend(added)
            out.append(f"{_where(path, method)}: {', '.join(p['name'] for p in added)}")
    return out


def _has_path(doc: dict[str, Any], schema: Any, names: list[str]) -> bool:
    for name in names:
        props = openapi.properties(doc, schema)
        if name not in props:
            return False
        schema = props[name]
    return True


RULES = (
    Rule(
        "restore-deleted-schema",
        "A $ref names a component schema that upstream deleted; restore the definition kept in spec/restored-schemas.yaml.",
        "no $ref to a deleted schema",
        restore_deleted_schemas,
    ),
    Rule(
        "templated-path-parameter",
        "A name templated in the path is declared in: query or header, or not at all; it is a required path parameter.",
        "every templated name is declared in: path",
        templated_path_parameters,
    ),
    Rule(
        "form-object-query-parameter",
        "A form-exploded object query parameter (often a oneOf) is sent as one query key per property; "
        "declare those keys, which tools and Prism can validate.",
        "no object-valued query parameter",
        form_object_query_parameters,
    ),
    Rule(
        "uuid-format-on-short-id",
        "format: uuid on a string whose length bounds exclude a 36-character UUID: it holds a 24-hex id; drop the format.",
        "no uuid format with contradicting length bounds",
        uuid_format_on_short_ids,
    ),
    Rule(
        "one-type-per-resource-id",
        "The ids after one path segment (/contacts/{id}) are one kind of id: the type of the `id` of the "
        "object those operations return (so obj.id can be passed back), else a string where they disagree; "
        "query and body arguments named <resource>_id take that type and are sent as the description declares.",
        "the ids of each resource have one type",
        one_type_per_resource_id,
    ),
    Rule(
        "missing-success-response",
        "An operation declares no success response; declare a 200 JSON object so that the SDK returns what comes back.",
        "every operation declares a success response",
        missing_success_response,
    ),
    Rule(
        "download-without-content",
        "A GET whose 200 response declares no content returns a file; declare it binary "
        "(the media type a required Accept header names, else application/octet-stream).",
        "every GET 200 response declares its content",
        download_without_content,
    ),
    Rule(
        "response-schema-named-by-type",
        "A success response's examples are objects of another component (their `type` is that component's only "
        "type and they hold its list); reference that component.",
        "every success response's examples match its schema's type",
        response_schema_named_by_type,
    ),
    Rule(
        "response-shown-by-examples",
        "Every example of a success response holds none of its schema's properties: the schema describes "
        "another object; describe the object the examples (and the API) answer.",
        "every success response's examples hold properties of its schema",
        response_shown_by_examples,
    ),
    Rule(
        "property-name-typo",
        "A property no example of its schema has, where every example has one undeclared key spelled almost "
        "the same, is misspelled: rename it to the key the examples and the API use.",
        "no property name its examples contradict",
        property_name_typos,
    ),
    Rule(
        "required-by-the-api",
        "Properties the API requires though the description does not mark them (spec/typing.yaml `required`).",
        "every property the API requires is marked required",
        required_by_the_api,
    ),
    Rule(
        "list-without-paging-parameters",
        "A list operation whose response carries the `pages` envelope declares no paging parameters; "
        "add the ones the envelope describes (spec/pagination.yaml).",
        "every list operation with a `pages` envelope declares its paging parameters",
        list_without_paging_parameters,
    ),
)


# ---------------------------------------------------------------- per-version entries


@dataclass(frozen=True)
class Entry:
    """One entry of spec/overrides/<version>.yaml: a target addressed by names, the value it must
    have (its defect), and what to set or remove there."""

    reason: str
    at: dict[str, str]
    expect: dict[str, Any] | None
    set: dict[str, Any]
    remove: tuple[str, ...]

    def apply(self, doc: dict[str, Any], name: str) -> Outcome:
        where, target = self.locate(doc)
        if target is None:
            return Outcome(name, self.reason, (), f"{where} is not in this description (upstream moved or removed it)")
        wanted = {**{k: v for k, v in target.items() if k not in self.remove}, **copy.deepcopy(self.set)}
        if wanted == target:
            return Outcome(name, self.reason, (), f"{where} is already as wanted (upstream fixed it)")
        if self.expect is not None and any(target.get(k) != v for k, v in self.expect.items()):
            return Outcome(name, self.reason, (), f"{where} no longer has {self.expect} (upstream changed it)")
        target.clear()
        target.update(wanted)
        return Outcome(name, self.reason, (where,))

    def locate(self, doc: dict[str, Any]) -> tuple[str, dict[str, Any] | None]:
        at = self.at
        if "schema" in at:
            parts: list[Any] = ["components", "schemas", at["schema"]]
            for prop in filter(None, at.get("property", "").split(".")):
                parts += ["properties", prop]
            node = openapi.lookup(doc, openapi.pointer(*parts))
            return openapi.pointer(*parts), node if isinstance(node, dict) else None
        op_where = f"{at['method'].upper()} {at['path']}"
        op = openapi.lookup(doc, openapi.pointer("paths", at["path"], at["method"].lower()))
        if not isinstance(op, dict):
            return op_where, None
        if "parameter" in at:
            for raw in op.get("parameters") or []:
                param = openapi.deref(doc, raw)
                if (
                    isinstance(param, dict)
                    and param.get("name") == at["parameter"]
                    and param.get("in", at.get("in")) == at.get("in", param.get("in"))
                ):
                    return f"{op_where} parameter {at['parameter']}", param
            return f"{op_where} parameter {at['parameter']}", None
        if "response" in at:
            response = openapi.deref(doc, (op.get("responses") or {}).get(str(at["response"])))
            return f"{op_where} response {at['response']}", response if isinstance(response, dict) else None
        return op_where, op


ENTRY_KEYS = {"reason", "at", "expect", "set", "remove"}
AT_KEYS = ({"schema"}, {"schema", "property"}, {"path", "method"}, {"path", "method", "parameter"},
           {"path", "method", "parameter", "in"}, {"path", "method", "response"})  # fmt: skip


def load_entries(api_version: str, overrides_dir: Path) -> list[Entry]:
    path = overrides_dir / f"{api_version}.yaml"
    if not path.is_file():
        return []
    data = _read(path)
    unknown = set(data) - {"repairs"}
    entries = data.get("repairs") or []
    if unknown or not isinstance(entries, list):
        raise GeneratorError(
            f"an overrides file holds `repairs:`, a list (found {sorted(unknown) or entries!r})", where=str(path)
        )
    out = []
    for index, raw in enumerate(entries, 1):
        at = raw.get("at") if isinstance(raw, dict) else None
        if (
            not isinstance(raw, dict)
            or set(raw) - ENTRY_KEYS
            or not raw.get("reason")
            or not isinstance(at, dict)
            or set(at) not in AT_KEYS
        ):
            raise GeneratorError(
                f"entry #{index} needs `reason`, `at` ({' | '.join('+'.join(sorted(k)) for k in AT_KEYS)}) "
                f"and `set`/`remove`/`expect`, nothing else",
                where=str(path),
            )
        out.append(Entry(" ".join(str(raw["reason"]).split()), {k: str(v) for k, v in at.items()},
                         raw.get("expect"), dict(raw.get("set") or {}), tuple(raw.get("remove") or ())))  # fmt: skip
    return out
