"""The intermediate representation between the OpenAPI description and the templates.

normalize.py builds it; render.py and the templates only read it. Everything a
template needs is precomputed here (Python names, type expressions, paths).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Location = Literal["path", "query", "header", "body"]


@dataclass(frozen=True)
class Param:
    wire_name: str  # as sent: path placeholder, query key, header name or JSON property
    py_name: str  # keyword argument name in the generated method
    location: Location
    type: str  # Python type expression, e.g. "str", "list[Tag]", "ContactLocation | None"
    required: bool
    description: str = ""


@dataclass(frozen=True)
class Paging:
    style: str  # cursor_query | cursor_body | page_number | scroll | next_url
    items: str  # response field holding the list
    item_type: str  # Python type of one item


@dataclass(frozen=True)
class Example:
    name: str
    status: str  # HTTP status of a response example, "request" for a request example
    value: Any


@dataclass
class Operation:
    operation_id: str
    http_method: str  # upper case
    path: str  # as in the spec, e.g. /contacts/{id}
    pointer: str  # JSON pointer of the operation in the spec
    resource: tuple[str, ...]  # e.g. ("contacts", "tags")
    name: str  # method name, e.g. "retrieve"
    summary: str
    description: str
    deprecated: bool
    params: list[Param]
    has_body: bool  # sends a JSON body (possibly empty)
    body_model: str | None  # model class of the request body, if any
    response_type: str  # "None", "bytes" or a type expression
    response_model: str | None  # model class parsed from the success response
    success_status: str
    accept: str | None  # Accept header for operations that do not answer JSON
    paging: Paging | None
    errors: list[tuple[str, str]]  # (status, description)
    tags: list[str]
    request_examples: list[Example] = field(default_factory=list)
    response_examples: list[Example] = field(default_factory=list)

    @property
    def path_params(self) -> list[Param]:
        return [p for p in self.params if p.location == "path"]

    @property
    def query_params(self) -> list[Param]:
        return [p for p in self.params if p.location == "query"]

    @property
    def header_params(self) -> list[Param]:
        return [p for p in self.params if p.location == "header"]

    @property
    def body_params(self) -> list[Param]:
        return [p for p in self.params if p.location == "body"]

    @property
    def path_expr(self) -> str:
        """The request path as a Python expression, e.g. f"/contacts/{path_param(contact_id)}"."""
        path = self.path
        for p in self.path_params:
            path = path.replace("{" + p.wire_name + "}", "{path_param(" + p.py_name + ")}")
        return f'f"{path}"' if self.path_params else f'"{path}"'

    @property
    def dotted_name(self) -> str:
        return ".".join((*self.resource, self.name))


@dataclass
class Resource:
    path: tuple[str, ...]  # ("contacts", "tags")
    class_name: str  # "ContactsTags" (templates add Resource/Async prefixes)
    module: str  # "contacts" for top-level resources; children share their root's module
    operations: list[Operation] = field(default_factory=list)
    children: list[Resource] = field(default_factory=list)

    @property
    def attr(self) -> str:
        return self.path[-1]

    def walk(self) -> list[Resource]:
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out


@dataclass
class Api:
    api_version: str  # the release: info.version, or the lock's key
    intercom_version: str  # what the client sends as Intercom-Version (spec/releases.yaml maps Preview -> Unstable)
    package_version: str
    title: str
    description: str
    regions: dict[str, str]
    resources: list[Resource]  # top-level resources, sorted
    operations: list[Operation]  # all, in spec order
    models: list[str]  # every model class name, sorted
    component_models: dict[str, str]  # component schema key -> model class name
    schemas: dict[str, Any]  # normalized JSON schemas for the model generator, keyed by class name
    repairs: list[str]  # one line per rule and per-version entry: what it repaired, or why it was not needed
    warnings: list[str]  # e.g. name collisions resolved by rule
    spec: dict[str, Any]  # the repaired description (written beside the package)
