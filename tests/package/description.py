"""The repaired description beside the generated package, and values built from its schemas.

`generated/intercom-2.9/openapi.yaml` is what the package was generated from; the wire and
model tests take every expectation from it (never from the generator's IR).

`Sampler` builds a JSON value for a schema in which every property is filled, every value is
distinct (strings name their own JSON path, integers count up), enums take a declared value,
arrays hold one item and recursion stops at the first repeat of a schema. Where the schema
is a union (oneOf/anyOf, at any depth), `expand` builds one value per member.
"""

from __future__ import annotations

import functools
import itertools
import json
from pathlib import Path
from typing import Any, Callable, Iterator

import yaml

from tests.conftest import GENERATED

DESCRIPTION = GENERATED / "openapi.yaml"
METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
COMPOSITION = ("allOf", "oneOf", "anyOf")
MAX_DEPTH = 12
# The keywords a sampled value depends on.
VALUE_KEYWORDS = (
    "type",
    "properties",
    "items",
    "additionalProperties",
    "enum",
    "default",
)


@functools.lru_cache(maxsize=None)
def _text(path: Path) -> str:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    # Kept as JSON text: json.loads is a fast deep copy for each caller.
    return json.dumps(yaml.load(path.read_bytes(), Loader=loader))


def load(path: Path = DESCRIPTION) -> dict[str, Any]:
    """The description as a dict (a fresh copy for each call)."""
    return json.loads(_text(path))  # type: ignore[no-any-return]


def ref_key(node: Any) -> str | None:
    """The component key of a `$ref` node (`#/components/schemas/contact` -> `contact`)."""
    if isinstance(node, dict) and isinstance(node.get("$ref"), str):
        return node["$ref"].rsplit("/", 1)[-1]
    return None


def deref(spec: dict[str, Any], node: Any) -> Any:
    """Follow `$ref`s anywhere in the description (parameters, schemas, ...)."""
    for _ in range(50):
        if not (isinstance(node, dict) and isinstance(node.get("$ref"), str)):
            return node
        target: Any = spec
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    raise AssertionError(f"$ref chain too long at {node}")


def operations(
    spec: dict[str, Any],
) -> Iterator[tuple[str, str, dict[str, Any], dict[str, Any]]]:
    """(HTTP method, path, operation, path item) for every operation."""
    for path, item in spec["paths"].items():
        for method in METHODS:
            if method in item:
                yield method.upper(), path, item[method], item


def parameters(spec: dict[str, Any], op: dict[str, Any], item: dict[str, Any]) -> list[dict[str, Any]]:
    """The operation's parameters (path-item ones overridden by the operation's own)."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for raw in [*item.get("parameters", []), *op.get("parameters", [])]:
        param = deref(spec, raw)
        found[(param["in"], param["name"])] = param
    return list(found.values())


def request_schema(spec: dict[str, Any], op: dict[str, Any]) -> Any:
    """The JSON request body schema, or None when the operation takes no JSON body."""
    body = deref(spec, op.get("requestBody"))
    if not body:
        return None
    content = body.get("content", {})
    assert set(content) <= {"application/json"}, f"{op['operationId']}: request media types {list(content)}"
    return content.get("application/json", {}).get("schema", {})


def success(spec: dict[str, Any], op: dict[str, Any]) -> tuple[int, str | None, Any]:
    """The first 2xx response: status, media type and an example body (None without one)."""
    status = next(s for s in op["responses"] if str(s).startswith("2"))
    response = deref(spec, op["responses"][status])
    content = response.get("content") or {}
    if not content:
        return int(status), None, None
    media, body = next(iter(content.items()))
    examples = [deref(spec, ex).get("value") for ex in (body.get("examples") or {}).values()]
    example = examples[0] if examples else body.get("example")
    return int(status), media, example


def response_schema(spec: dict[str, Any], op: dict[str, Any]) -> Any:
    """The JSON schema of the first 2xx response, or None when it has no JSON content."""
    status = next(s for s in op["responses"] if str(s).startswith("2"))
    content = deref(spec, op["responses"][status]).get("content") or {}
    return content.get("application/json", {}).get("schema")


def refs_below(node: Any) -> set[str]:
    """The component schemas named anywhere below `node`."""
    found: set[str] = set()
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if isinstance(item.get("$ref"), str) and item["$ref"].startswith("#/components/schemas/"):
                found.add(item["$ref"].rsplit("/", 1)[-1])
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def closure(spec: dict[str, Any], keys: set[str]) -> set[str]:
    """`keys` and every component schema they reference, directly or not."""
    schemas = spec["components"]["schemas"]
    found: set[str] = set()
    todo = list(keys)
    while todo:
        key = todo.pop()
        if key not in found and key in schemas:
            found.add(key)
            todo += refs_below(schemas[key])
    return found


def example_objects(spec: dict[str, Any]) -> dict[int, list[dict[str, Any]]]:
    """The objects of the success response examples, by the id() of the schema node (in `spec`)
    that describes them: a component, an inline object, an allOf member."""
    found: dict[int, list[dict[str, Any]]] = {}

    def walk(schema: Any, value: Any, depth: int) -> None:
        schema = deref(spec, schema)
        if depth > 40 or not isinstance(schema, dict):
            return
        if isinstance(value, dict):
            props = schema.get("properties") or {}
            if value and props and not set(value) & set(props):
                return  # none of the schema's properties: an example of another object
            found.setdefault(id(schema), []).append(value)
            for member in schema.get("allOf", []):
                walk(member, value, depth + 1)
            for prop, sub in (schema.get("properties") or {}).items():
                if prop in value:
                    walk(sub, value[prop], depth + 1)
        elif isinstance(value, list) and isinstance(schema.get("items"), dict):
            for item in value:
                walk(schema["items"], item, depth + 1)

    for _, _, op, _ in operations(spec):
        status = next(s for s in op["responses"] if str(s).startswith("2"))
        media = (deref(spec, op["responses"][status]).get("content") or {}).get("application/json") or {}
        values = [deref(spec, e).get("value") for e in (media.get("examples") or {}).values()]
        values += [media["example"]] if "example" in media else []
        for value in values:
            walk(media.get("schema"), value, 0)
    return found


def returned_schemas(spec: dict[str, Any]) -> set[str]:
    """Component schemas a success response holds, directly or not."""
    return closure(spec, set().union(*(refs_below(response_schema(spec, op)) for _, _, op, _ in operations(spec))))


def body_only_schemas(spec: dict[str, Any]) -> set[str]:
    """Component schemas only ever sent as a whole request body (or as a member of one): the SDK
    has no class for them, their properties are the method's keyword arguments. A schema a
    response, a parameter or a body property names, or that no operation uses, has a class."""
    bodies: set[str] = set()
    used: set[str] = set()
    for method, path, op, item in operations(spec):
        used |= refs_below(response_schema(spec, op))
        used |= refs_below([p.get("schema") for p in parameters(spec, op, item)])
        body = request_schema(spec, op)
        stack = [body]
        while stack:  # the body and its composition members: their properties are arguments
            node = stack.pop()
            key = ref_key(node)
            if key is not None:
                bodies.add(key)
                node = spec["components"]["schemas"].get(key, {})
            if isinstance(node, dict):
                used |= refs_below(node.get("properties", {}))
                used |= refs_below(node.get("additionalProperties"))
                stack += [m for word in COMPOSITION for m in node.get(word, [])]
    everything = set(spec["components"]["schemas"])
    unused = everything - closure(spec, used | bodies)
    return everything - closure(spec, used | unused)


def is_constraint_only(member: Any) -> bool:
    """A oneOf/anyOf member that only says which properties are required (no shape of its own)."""
    shape = {
        "$ref",
        "type",
        "properties",
        "items",
        "enum",
        "allOf",
        "oneOf",
        "anyOf",
        "additionalProperties",
    }
    documentation = {"title", "description", "example", "examples", "externalDocs"}
    # A member with no keywords at all ("other type") accepts anything: it is no constraint.
    return isinstance(member, dict) and not (shape & member.keys()) and bool(member.keys() - documentation)


def nullable(schema: Any) -> bool:
    return isinstance(schema, dict) and (bool(schema.get("nullable")) or None in schema.get("enum", []))


class Sampler:
    """One value for a schema; `choices` picks the member of each union (by JSON path)."""

    def __init__(self, spec: dict[str, Any], choices: dict[str, int] | None = None) -> None:
        self.spec = spec
        self.choices = choices or {}
        self.unions: dict[str, int] = {}  # union points met: JSON path -> number of members
        self.numbers = itertools.count(1)

    def alternatives(self, schema: Any, stack: tuple[str, ...] = ()) -> list[dict[str, Any]]:
        """The shapes a value of `schema` can take, each without $ref, oneOf, anyOf or allOf: a
        union gives one shape per member (with the schema's own keywords merged in), allOf
        merges its members. A member that would recurse into a schema already being built
        (`stack`, the component keys on the way here) is left out. Each shape records in
        `STACK` the component keys it went through."""
        key = ref_key(schema)
        if key is not None:
            if key in stack:
                return []
            return self.alternatives(self.spec["components"]["schemas"][key], (*stack, key))
        if not isinstance(schema, dict):
            return [{STACK: stack}]
        shapes = [{**{k: v for k, v in schema.items() if k not in COMPOSITION}, STACK: stack}]
        for member in schema.get("allOf", []):
            shapes = [merge(a, b) for a in shapes for b in self.alternatives(member, stack)]
        for word in ("oneOf", "anyOf"):
            if schema.get(word):
                members = [b for m in schema[word] for b in self.alternatives(m, stack)]
                shapes = [merge(a, b) for a in shapes for b in members]
        unique: dict[str, dict[str, Any]] = {}
        for shape in shapes:
            # Members that differ only in what they require (or in their titles) give the
            # same value: every property is filled.
            same = {k: v for k, v in shape.items() if k in VALUE_KEYWORDS}
            unique.setdefault(json.dumps(same, sort_keys=True), shape)
        return list(unique.values())

    def value(self, schema: Any, path: str, stack: tuple[str, ...] = ()) -> Any:
        """A value for `schema` at JSON path `path` (strings name it: `v-body.customer.email`)."""
        shapes = self.alternatives(schema, stack)
        assert shapes, f"{path}: every shape recurses"
        if len(shapes) > 1:
            self.unions[path] = len(shapes)
        return self.fill(shapes[self.choices.get(path, 0)], path)

    def fill(self, shape: dict[str, Any], path: str) -> Any:
        n, stack = next(self.numbers), shape[STACK]
        if "enum" in shape:
            values = [v for v in shape["enum"] if v is not None]
            preferred = [v for v in values if v != shape.get("default")] or values
            return preferred[n % len(preferred)]
        kind = shape.get("type")
        if kind is None and ("properties" in shape or "additionalProperties" in shape):
            kind = "object"
        if kind == "string":
            text = f"v-{path}"
            if len(text) > shape.get("maxLength", len(text)):
                text = f"v{n}-{path}"[: shape["maxLength"]]
            return text.ljust(shape.get("minLength", 0), "x")
        if kind in ("integer", "number"):
            low, high = shape.get("minimum", 1), shape.get("maximum")
            if high is None or 1000 + n <= high:
                number = 1000 + n
            else:  # a bounded parameter such as per_page (at most 150)
                number = low + n % (high - low + 1)
            if kind == "number":
                return number + (0.25 if high is None or number < high else 0.0)
            return number
        if kind == "boolean":
            return n % 2 == 0  # alternating: two flags of one call never hold the same value
        if kind == "array":
            items = shape.get("items")
            if not items:
                return [f"v-{path}[0]"]
            if len(stack) > MAX_DEPTH or not self.alternatives(items, stack):
                return []  # only recursion could fill it
            return [self.value(items, f"{path}[0]", stack)]
        if kind == "object":
            properties = shape.get("properties") or {}
            out = {name: self.value(sub, f"{path}.{name}", stack) for name, sub in properties.items()}
            extra = shape.get("additionalProperties")
            if not properties and extra is not False:
                free = isinstance(extra, dict) and extra
                out[f"k-{path}"] = self.value(extra, f"{path}.*", stack) if free else f"v-{path}.*"
            return out
        return f"v-{path}"  # a schema without a type: any JSON value


STACK = "x-sampler-stack"


def merge(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """Two flattened shapes of one value as one: properties and required lists combine; a
    member's type wins over a bare `type: object` around it."""
    out = {
        **a,
        **{k: v for k, v in b.items() if k not in ("properties", "required", STACK)},
    }
    if "properties" in a or "properties" in b:
        out["properties"] = {
            **(a.get("properties") or {}),
            **(b.get("properties") or {}),
        }
    if "required" in a or "required" in b:
        out["required"] = sorted({*a.get("required", []), *b.get("required", [])})
    if a.get("properties") and "type" in b and b["type"] != "object":
        out["type"] = a.get("type", "object")
    out[STACK] = tuple(dict.fromkeys((*a.get(STACK, ()), *b.get(STACK, ()))))
    return out


def expand(build: Callable[[dict[str, int]], tuple[Any, dict[str, int]]]) -> list[Any]:
    """`build(choices) -> (result, unions met)` once per member of every union it meets:
    first with the first member everywhere, then once more for each other member of each union
    (unions met only inside such a member are expanded in turn)."""
    results: list[Any] = []
    todo: list[dict[str, int]] = [{}]
    expanded: set[str] = set()
    while todo:
        choices = todo.pop(0)
        result, unions = build(choices)
        results.append(result)
        for path, count in unions.items():
            if path not in expanded:
                expanded.add(path)
                todo += [{**choices, path: i} for i in range(1, count)]
    return results
