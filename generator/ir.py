"""The intermediate representation between the OpenAPI description and the templates.

The normalize stage builds it; the render stage and the templates only read it. It holds data,
never Python source: a type is a `TypeRef` that renders its own annotation, its value at run
time and the names it needs, as openapi-python-client's property protocol does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Location = Literal["path", "query", "header", "body"]
Kind = Literal["builtin", "model", "list", "dict", "union", "literal", "any", "none"]
# Resource classes have methods named `list`, which shadow the builtin inside the class body.
SHADOWED = {"list": "List", "dict": "Dict"}


@dataclass(frozen=True)
class TypeRef:
    """A Python type an argument takes or a method returns."""

    kind: Kind
    name: str = ""  # builtin: str, int, float, bool, bytes; model: the class name
    args: tuple[TypeRef, ...] = ()  # list: (item,); dict: (value,); union: its members
    values: tuple[Any, ...] = ()  # literal: the allowed values

    @classmethod
    def union(cls, members: list[TypeRef]) -> TypeRef:
        """Members flattened and deduplicated; Any absorbs the rest, one member is itself."""
        flat: list[TypeRef] = []
        for member in members:
            for inner in member.args if member.kind == "union" else (member,):
                if inner not in flat:
                    flat.append(inner)
        if any(m.kind == "any" for m in flat):
            return ANY
        return flat[0] if len(flat) == 1 else cls("union", args=tuple(flat))

    def nullable(self) -> TypeRef:
        return self if self.kind == "any" else TypeRef.union([self, NONE])

    def annotation(self, models: str = "", shadowed: bool = False, request: bool = False) -> str:
        """`list[Contact] | None`; `models` prefixes class names (`types.`), `shadowed` writes
        `List`/`Dict` for use inside resource classes, `request` types what a caller passes: a
        model or a plain dict its `...Param` TypedDict describes."""
        if self.kind == "builtin":
            return self.name
        if self.kind == "model":
            return f"{models}{self.name}Param | {models}{self.name}" if request else models + self.name
        if self.kind in ("list", "dict"):
            outer = SHADOWED[self.kind] if shadowed else self.kind
            inner = [a.annotation(models, shadowed, request) for a in self.args]
            return f"{outer}[{', '.join(['str', *inner] if self.kind == 'dict' else inner)}]"
        if self.kind == "union":
            return " | ".join(a.annotation(models, shadowed, request) for a in self.args)
        if self.kind == "literal":
            return "Literal[" + ", ".join(repr(v) for v in self.values) + "]"
        return "Any" if self.kind == "any" else "None"

    def runtime(self, models: str = "") -> str:
        """The type as a value, for `cast_to=`/`item=`. A class or a generic alias is a `type[...]`
        to mypy as it is; a union or a Literal is cast to one."""
        if self.kind == "none":
            return "type(None)"
        value = self.annotation(models, shadowed=True)
        return f'cast("type[{value}]", {value})' if self.needs_cast else value

    @property
    def needs_cast(self) -> bool:
        return self.contains("union") or self.contains("literal")

    def contains(self, kind: Kind) -> bool:
        return self.kind == kind or any(a.contains(kind) for a in self.args)

    def models(self) -> set[str]:
        """The model classes the type names."""
        return ({self.name} if self.kind == "model" else set()).union(*(a.models() for a in self.args))

    def typing_names(self, runtime: bool = False) -> set[str]:
        """What the annotation (and, with `runtime`, the value) needs from `typing`."""
        names = {"Any"} if self.kind == "any" else {"Literal"} if self.kind == "literal" else set()
        if self.kind in SHADOWED:
            names.add(SHADOWED[self.kind])
        if runtime and self.needs_cast:
            names.add("cast")
        return names.union(*(a.typing_names() for a in self.args))


ANY = TypeRef("any")
NONE = TypeRef("none")
BYTES = TypeRef("builtin", "bytes")
STR = TypeRef("builtin", "str")


@dataclass(frozen=True)
class Param:
    wire_name: str  # as sent: path placeholder, query key, header name or JSON property
    py_name: str  # keyword argument name in the generated method
    location: Location
    type: TypeRef
    required: bool
    description: str = ""
    from_path: bool = False  # a body property repeating a path parameter: sent with its value, no argument of its own
    sent_as: str = ""  # the builtin the wire takes where it differs from `type` (an id passed as its resource's)


@dataclass(frozen=True)
class Variant:
    """One form of a request body that is a union (`oneOf`/`anyOf`): its name and the body
    parameters it takes, with its own required ones and types (`message_type: Literal["close"]`)."""

    name: str
    params: tuple[Param, ...]

    @property
    def literals(self) -> dict[str, tuple[Any, ...]]:
        """Python name -> the values a parameter fixed to a Literal may take in this form."""
        return {p.py_name: p.type.values for p in self.params if p.type.kind == "literal"}


@dataclass(frozen=True)
class ParamField:
    wire_name: str
    type: TypeRef
    required: bool


@dataclass(frozen=True)
class ParamModel:
    """The `...Param` TypedDict of a model a caller may pass: the same object as a plain dict."""

    model: str  # the model class; the TypedDict is `<model>Param`
    fields: tuple[ParamField, ...]

    @property
    def name(self) -> str:
        return self.model + "Param"


@dataclass(frozen=True)
class Paging:
    style: str  # cursor_query | cursor_body | page_number | pages | scroll | next_url
    items: str  # response field holding the list
    item: TypeRef  # one item


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
    response: TypeRef  # what the success response parses into (NONE: no content)
    success_status: str
    accept: str | None  # Accept header for operations that do not answer JSON
    paging: Paging | None
    errors: list[tuple[str, str]]  # (status, description)
    request_examples: list[Example] = field(default_factory=list)
    response_examples: list[Example] = field(default_factory=list)
    variants: list[Variant] = field(default_factory=list)  # the forms of a union body (its @overloads)

    @property
    def response_model(self) -> str | None:
        """The model class the response parses into, if it is one."""
        return self.response.name if self.response.kind == "model" else None

    @property
    def returns_location(self) -> bool:
        """The success answer is a redirect (`302` + `Location`): the method returns where it
        points, without following it (`showCallRecording`'s signed recording URL)."""
        return self.success_status.startswith("3")

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
    def arguments(self) -> list[Param]:
        """The method's keyword arguments: every parameter but the path ones and mirrors of them."""
        return [p for p in self.params if p.location != "path" and not p.from_path]

    @property
    def dotted_name(self) -> str:
        return ".".join((*self.resource, self.name))


@dataclass
class Resource:
    path: tuple[str, ...]  # ("contacts", "tags")
    class_name: str  # "ContactsTags" (templates add Resource/Async prefixes)
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
    regions: dict[str, str]
    resources: list[Resource]  # top-level resources, sorted
    operations: list[Operation]  # all, in spec order
    models: list[str]  # every model class name, sorted
    component_models: dict[str, str]  # component schema key -> model class name
    schemas: dict[str, Any]  # normalized JSON schemas for the model generator, keyed by class name
    params: list[ParamModel]  # a TypedDict for every model a caller may pass, sorted
    repairs: list[str]  # one line per rule and per-version entry: what it repaired, or why it was not needed
    warnings: list[str]  # e.g. name collisions resolved by rule
    spec: dict[str, Any]  # the repaired description (written beside the package)
