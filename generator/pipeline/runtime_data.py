"""Data the package's runtime reads, computed from the IR at render time and registered as jinja
filters (`templates/package/src/intercom_sdk/testing/_routes.py.jinja`, `_webhook_items.py.jinja`).

- `example_routes`: every operation with its example response, for `intercom_sdk.testing`'s
  `ExampleTransport`: HTTP method, path template, SDK method, success status and body. The body
  is the operation's first example for its success status; an operation whose description has
  none (a few in 2.14 and 2.15) answers a body built from its response schema (every property,
  each from its own example where it has one), and one without content answers none.
- `webhook_items`: spec/webhooks.yaml checked against the version's models, for
  `intercom_sdk.webhooks`: which `data.item.type` parses into which model.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from .. import ir, openapi, specdata

MAX_DEPTH = 5
_SCALARS = {"string": "", "integer": 0, "number": 0, "boolean": False}


@dataclass(frozen=True)
class Route:
    method: str  # GET
    path: str  # /contacts/{id}, as in the description
    name: str  # contacts.retrieve
    status: int
    content_type: str | None  # None: no body
    body: str  # JSON text (compact) for JSON, "" otherwise
    source: str  # where the body comes from: `example <name>`, `schema`, `no content`


def example_routes(api: ir.Api) -> list[Route]:
    return [_route(api, op) for op in api.operations]


def _route(api: ir.Api, op: ir.Operation) -> Route:
    status = int(op.success_status) if op.success_status.isdigit() else 200
    example = next((e for e in op.response_examples if e.status == op.success_status), None)
    if example is not None:
        return Route(
            op.http_method,
            op.path,
            op.dotted_name,
            status,
            "application/json",
            _json(example.value),
            f"example {example.name}",
        )
    content = openapi.as_dict(_response(api.spec, op).get("content"))
    if "application/json" in content:
        body = _sample(api.spec, openapi.as_dict(content["application/json"]).get("schema", {}))
        return Route(
            op.http_method,
            op.path,
            op.dotted_name,
            status,
            "application/json",
            _json(body),
            "schema",
        )
    if content:  # a file or text: an empty one of the first declared media type
        return Route(
            op.http_method,
            op.path,
            op.dotted_name,
            status,
            sorted(content)[0],
            "",
            "empty " + sorted(content)[0],
        )
    return Route(op.http_method, op.path, op.dotted_name, status, None, "", "no content")


def _response(spec: dict[str, Any], op: ir.Operation) -> dict[str, Any]:
    operation = openapi.as_dict(openapi.lookup(spec, op.pointer))
    responses = openapi.as_dict(operation.get("responses"))
    return openapi.as_dict(openapi.deref(spec, responses.get(op.success_status)))


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=False)


def _sample(spec: dict[str, Any], schema: Any, depth: int = 0) -> Any:
    """A value of `schema`: its example, else every property built the same way (to MAX_DEPTH),
    the first member of a union, the first enum value or a plain zero value."""
    schema = openapi.as_dict(openapi.deref(spec, schema))
    if "example" in schema:
        return schema["example"]
    for key in ("oneOf", "anyOf"):
        members = [m for m in openapi.as_list(schema.get(key)) if openapi.as_dict(openapi.deref(spec, m))]
        if members:
            return _sample(spec, members[0], depth + 1)
    if schema.get("enum"):
        return next((v for v in schema["enum"] if v is not None), None)
    kind = schema.get("type") or ("object" if schema.get("properties") or schema.get("allOf") else None)
    if kind == "array":
        return [] if depth >= MAX_DEPTH else [_sample(spec, schema.get("items", {}), depth + 1)]
    if kind == "object":
        if depth >= MAX_DEPTH:
            return {}
        return {name: _sample(spec, prop, depth + 1) for name, prop in openapi.properties(spec, schema).items()}
    return _SCALARS.get(str(kind))


@dataclass(frozen=True)
class WebhookItem:
    type: str  # data.item.type
    module: str  # the package module holding the class: `types` or `_webhook_objects`
    model: str


@dataclass(frozen=True)
class WebhookObjectField:
    name: str
    annotation: str
    description: str
    model: str | None = None  # the model of `types` it holds, if any


@dataclass(frozen=True)
class WebhookObjectModel:
    type: str
    model: str
    description: str
    fields: tuple[WebhookObjectField, ...]

    @property
    def uses(self) -> list[str]:
        """The models of `types` its fields name."""
        return sorted({f.model for f in self.fields if f.model})


@dataclass(frozen=True)
class WebhookItems:
    """spec/webhooks.yaml for one version: the item types whose model it has, the webhook-only
    objects, and the item types left generic because the version lacks their schema."""

    items: tuple[WebhookItem, ...]
    objects: tuple[WebhookObjectModel, ...]
    missing: tuple[tuple[str, str], ...]  # (item type, component schema)

    @property
    def models(self) -> list[str]:
        """The classes of `types` items parse into."""
        return sorted({i.model for i in self.items if i.module == "types"})


_WEBHOOK_TYPES = {
    "string": "str",
    "integer": "int",
    "boolean": "bool",
    "object": "Dict[str, Any]",
}


def webhook_items(api: ir.Api) -> WebhookItems:
    data = specdata.webhooks()
    items, missing = [], []
    for item_type, schema in data.items.items():
        if schema in api.component_models:
            items.append(WebhookItem(item_type, "types", api.component_models[schema]))
        else:
            missing.append((item_type, schema))
    objects = []
    for item_type, obj in data.objects.items():
        fields = []
        for name, prop in obj.properties.items():
            # A schema the version lacks holds a plain object.
            model = api.component_models.get(prop.schema) if prop.schema else None
            python = model or _WEBHOOK_TYPES[prop.type or "object"]
            fields.append(WebhookObjectField(name, f"{python} | None", prop.description, model))
        objects.append(WebhookObjectModel(item_type, obj.model, obj.description, tuple(fields)))
        items.append(WebhookItem(item_type, "_webhook_objects", obj.model))
    return WebhookItems(tuple(sorted(items, key=lambda i: i.type)), tuple(objects), tuple(missing))


FILTERS = {"example_routes": example_routes, "webhook_items": webhook_items}
