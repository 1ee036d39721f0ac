"""Reading an OpenAPI 3.0 document: JSON pointers, `$ref`s and the operations it declares.

The one place that resolves references, so every stage follows them the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
SCHEMAS = "#/components/schemas/"
# Our extension on a parameter's or property's schema: the JSON type a caller passes where the
# wire takes the declared one (an id passed as its resource's ids are, rule one-type-per-resource-id).
ARGUMENT_TYPE = "x-sdk-argument-type"


def escape(part: object) -> str:
    return str(part).replace("~", "~0").replace("/", "~1")


def pointer(*parts: object) -> str:
    """`#/paths/~1contacts/get` for ("paths", "/contacts", "get")."""
    return "#/" + "/".join(escape(p) for p in parts) if parts else "#"


def split(ref: str) -> list[str]:
    """The parts of a local reference (`#/a/b~1c` -> ["a", "b/c"]); [] for anything else."""
    if not ref.startswith("#/"):
        return []
    return [part.replace("~1", "/").replace("~0", "~") for part in ref[2:].split("/")]


def lookup(doc: Any, ref: str) -> Any:
    """The node a local `$ref` points at, or None."""
    parts = split(ref)
    if not parts:
        return None
    node = doc
    for part in parts:
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return None
    return node


def target(doc: Any, ref: str) -> tuple[Any, tuple[str, ...]] | None:
    """The node a local `$ref` points at with its path (mappings only), or None."""
    node, parts = doc, tuple(split(ref))
    if not parts:
        return None
    for part in parts:
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node, parts


def refs(node: Any) -> list[str]:
    """Every `$ref` string below `node` (iteratively: descriptions nest deep)."""
    found: list[str] = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if isinstance(item.get("$ref"), str):
                found.append(item["$ref"])
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def deref(doc: Any, node: Any, *, schemas: bool = True, limit: int = 50) -> Any:
    """Follow `$ref`s until a node without one (None when one points nowhere). With
    schemas=False a reference to a component schema is kept as it is."""
    for _ in range(limit):
        ref = node.get("$ref") if isinstance(node, dict) else None
        if not isinstance(ref, str) or (not schemas and ref.startswith(SCHEMAS)):
            return node
        node = lookup(doc, ref)
    return None  # a chain this long is a cycle


def schema_name(node: Any) -> str | None:
    """`contact` for `{"$ref": "#/components/schemas/contact"}`."""
    ref = node.get("$ref") if isinstance(node, dict) else None
    return ref[len(SCHEMAS) :] if isinstance(ref, str) and ref.startswith(SCHEMAS) else None


def operations(doc: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any], dict[str, Any]]]:
    """(path, method, path item, operation) for every operation, in document order."""
    for path, item in as_dict(doc.get("paths")).items():
        if not isinstance(item, dict):
            continue
        for method in METHODS:
            if isinstance(item.get(method), dict):
                yield path, method, item, item[method]


def parameters(doc: dict[str, Any], item: dict[str, Any], op: dict[str, Any]) -> list[dict[str, Any]]:
    """The operation's parameters, path-item ones first, references followed; an operation's
    own declaration replaces the path item's of the same name and location."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for raw in [*as_list(item.get("parameters")), *as_list(op.get("parameters"))]:
        param = deref(doc, raw)
        if isinstance(param, dict):
            found[(str(param.get("in")), str(param.get("name")))] = param
    return list(found.values())


def properties(doc: dict[str, Any], schema: Any, limit: int = 20) -> dict[str, Any]:
    """The properties of an object schema, including those of its allOf members."""
    schema = deref(doc, schema)
    if not isinstance(schema, dict) or limit <= 0:
        return {}
    out: dict[str, Any] = {}
    for member in as_list(schema.get("allOf")):
        out.update(properties(doc, member, limit - 1))
    out.update(as_dict(schema.get("properties")))
    return out


TYPING_KEYS = {"$ref", "type", "properties", "items", "enum", "allOf", "oneOf", "anyOf", "additionalProperties"}
DOC_KEYS = {"title", "description", "example", "examples", "externalDocs"}


def constraint_only(member: Any) -> bool:
    """A union member that only adds constraints ("one of these is required"), typing nothing; a
    member with no keywords at all ("other type") is not one: it accepts anything."""
    return isinstance(member, dict) and not (TYPING_KEYS & member.keys()) and bool(member.keys() - DOC_KEYS)


def shows_another(declared: Iterable[str], value: dict[str, Any]) -> bool:
    """An example object holding none of its schema's properties (`{"customers": [...]}` given
    as a conversation) shows another object and says nothing about this one; `{}` is an empty one."""
    names = set(declared)
    return bool(value) and bool(names) and not names & set(value)


def as_dict(node: Any) -> dict[str, Any]:
    """`node` if it is a mapping, else an empty one: descriptions are read before validation."""
    return node if isinstance(node, dict) else {}


def as_list(node: Any) -> list[Any]:
    return node if isinstance(node, list) else []


def examples(media: dict[str, Any]) -> list[tuple[str, Any]]:
    """(name, value) of a media type's examples."""
    media = as_dict(media)
    if isinstance(media.get("examples"), dict):
        return [(name, ex["value"]) for name, ex in media["examples"].items() if isinstance(ex, dict) and "value" in ex]
    return [("example", media["example"])] if "example" in media else []
