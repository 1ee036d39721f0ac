"""Stage 3: turn a validated, repaired description into the IR (generator/ir.py).

Intercom-specific facts come from data in spec/ (naming.yaml, pagination.yaml); the
rules here are general: class names from component keys, inline objects hoisted to
named models, Python-safe names, one method per operation.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from .. import paths
from .. import ir, openapi, specdata
from ..errors import GeneratorError
from ..naming import (  # noqa: F401  (words, snake, singular: re-exported for the other stages)
    Collision,
    Naming,
    class_name,
    fallback_operation_id,
    identifier,
    pascal,
    path_arguments,
    resolve_collisions,
    singular,
    snake,
    words,
)

SPEC_DIR = paths.SPEC
# Formats whose pydantic types would reject what Intercom really sends (Unix seconds in
# integer date-time, relative paths in uri, Mongo ids in uuid): keep the plain JSON type.
PLAIN_FORMATS = {
    ("integer", "date-time"),
    ("integer", "timestamp"),
    ("string", "uri"),
    ("string", "uuid"),
    ("string", "email"),
}
SCALARS = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}
CLIENT_HEADERS = {"intercom-version"}  # set once on the client (Intercom(intercom_version=...))


def load_data(spec_dir: Path = SPEC_DIR) -> dict[str, Any]:
    return {
        "naming": specdata.naming(spec_dir / "naming.yaml"),
        "pagination": specdata.pagination(spec_dir / "pagination.yaml").styles,
        "typing": specdata.typing_rules(spec_dir / "typing.yaml"),
    }


class Schemas:
    """Component schemas cleaned for the model generator, keyed by class name."""

    def __init__(self, spec: dict[str, Any]) -> None:
        raw = spec.get("components", {}).get("schemas", {})
        self.names: dict[str, str] = {}
        for key in raw:
            name = class_name(key)
            if name in self.names.values():
                other = next(k for k, v in self.names.items() if v == name)
                raise GeneratorError(
                    f"schemas {other!r} and {key!r} both map to class {name}",
                    where=f"#/components/schemas/{openapi.escape(key)}",
                )
            self.names[key] = name
        self.out: dict[str, Any] = {}
        for key, schema in raw.items():
            self.out[self.names[key]] = {}  # reserve the name before hoisting nested objects
        for key, schema in raw.items():
            self.out[self.names[key]] = self.clean(
                schema, self.names[key], f"#/components/schemas/{openapi.escape(key)}", top=True
            )

    def ref(self, ref: str, where: str) -> str:
        key = ref.rsplit("/", 1)[-1]
        if not ref.startswith("#/components/schemas/") or key not in self.names:
            raise GeneratorError(f"unsupported or dangling $ref {ref!r}", where=where)
        return self.names[key]

    def hoist(self, schema: dict[str, Any], name: str, where: str) -> dict[str, Any]:
        if name in self.out:
            raise GeneratorError(f"inline schema would be named {name}, which is taken", where=where)
        self.out[name] = schema
        return {"$ref": f"#/components/schemas/{name}"}

    def clean(self, node: Any, hint: str, where: str, top: bool = False) -> Any:
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            ref = {"$ref": f"#/components/schemas/{self.ref(node['$ref'], where)}"}
            # OAS 3.0 ignores siblings of $ref, but Intercom's examples rely on `nullable` there.
            return {"allOf": [ref], "nullable": True} if node.get("nullable") else ref
        node = dict(node)
        if node.get("nullable") is False:  # the default; the model generator misreads it as optional-with-None
            del node["nullable"]
        title = node.pop("title", None)
        if top and title and not node.get("description"):
            node["description"] = title
        if (node.get("type"), node.get("format")) in PLAIN_FORMATS:
            del node["format"]
        if "enum" in node and None in node["enum"]:
            node["enum"] = [v for v in node["enum"] if v is not None]
            node["nullable"] = True
        for key in ("oneOf", "anyOf"):
            if key in node:
                members = [m for m in node[key] if not openapi.constraint_only(m)]
                if not members:
                    # Only "one of these is required" hints: no type of their own, but the forms
                    # of a request body (kept for its overloads; the model generator never sees them).
                    # named like the forms of `$ref` members: `MessageTypeEmail` for "message_type: `email`."
                    hints = [
                        (class_name(m.get("title") or "with " + " and ".join(m["required"])), list(m["required"]))
                        for m in node[key]
                        if m.get("required")
                    ]
                    if hints:
                        node[ALTERNATIVES] = hints
                    del node[key]
                    continue
                node[key] = [self.clean(m, hint + _member_name(m), f"{where}/{key}/{i}") for i, m in enumerate(members)]
        if "allOf" in node:
            # allOf members merge into this class, so their own fields stay inline.
            node["allOf"] = [self.clean(m, hint, f"{where}/allOf/{i}", top=True) for i, m in enumerate(node["allOf"])]
        if isinstance(node.get("properties"), dict):
            node["properties"] = {
                prop: self.clean(value, hint + pascal(prop), f"{where}/properties/{openapi.escape(prop)}")
                for prop, value in node["properties"].items()
            }
        if isinstance(node.get("items"), dict):
            node["items"] = self.clean(node["items"], hint + "Item", f"{where}/items")
        if isinstance(node.get("additionalProperties"), dict):
            node["additionalProperties"] = self.clean(
                node["additionalProperties"], hint + "Value", f"{where}/additionalProperties"
            )
        if not top and node.get("properties") and node.get("type", "object") == "object":
            nullable = node.pop("nullable", False)
            ref = self.hoist(node, hint, where)
            return {"allOf": [ref], "nullable": True} if nullable else ref
        return node

    def resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            node = self.out[node["$ref"].rsplit("/", 1)[-1]]
        return node

    def is_model(self, name: str) -> bool:
        schema = self.out[name]
        return bool(schema.get("properties") or schema.get("allOf")) and schema.get("type", "object") == "object"

    def type_expr(self, node: Any) -> ir.TypeRef:
        """The Python type a caller passes (or gets) for a cleaned schema."""
        if not isinstance(node, dict):
            return ir.ANY
        base = self._base_type(node)
        return base.nullable() if node.get("nullable") else base

    def _base_type(self, node: dict[str, Any]) -> ir.TypeRef:
        if "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            return ir.TypeRef("model", name) if self.is_model(name) else self.type_expr(self.out[name])
        if len(node.get("allOf", [])) == 1 and not node.get("properties"):
            return self.type_expr(node["allOf"][0])
        for key in ("oneOf", "anyOf"):
            if key in node:
                return ir.TypeRef.union([self.type_expr(m) for m in node[key]])
        if "enum" in node:
            return ir.TypeRef("literal", values=tuple(node["enum"]))
        kind = node.get("type")
        if kind in SCALARS:
            return ir.TypeRef("builtin", SCALARS[kind])
        if kind == "array":
            return ir.TypeRef("list", args=(self.type_expr(node.get("items")) if node.get("items") else ir.ANY,))
        if isinstance(node.get("additionalProperties"), dict) and node["additionalProperties"]:
            return ir.TypeRef("dict", args=(self.type_expr(node["additionalProperties"]),))
        if kind == "object" or "properties" in node:
            return ir.TypeRef("dict", args=(ir.ANY,))
        return ir.ANY

    def closure(self, names: set[str]) -> set[str]:
        """The schemas `names` are made of (themselves included)."""
        found: set[str] = set()
        todo = list(names)
        while todo:
            name = todo.pop()
            if name not in found and name in self.out:
                found.add(name)
                todo += [ref.rsplit("/", 1)[-1] for ref in openapi.refs(self.out[name])]
        return found

    def param_models(self, requested: set[str]) -> list[ir.ParamModel]:
        """A TypedDict for every model an argument may hold, with the description's required keys
        (computed before the returned objects' typing rules change the models)."""
        out = []
        for name in sorted(self.closure(requested)):
            if self.is_model(name):
                props, required = self.fields({"$ref": f"#/components/schemas/{name}"})
                fields = (ir.ParamField(wire, self.type_expr(prop), wire in required) for wire, prop in props.items())
                out.append(ir.ParamModel(name, tuple(fields)))
        return out

    def instances(self, schema: Any, value: Any, found: dict[str, list[dict[str, Any]]], depth: int = 0) -> None:
        """The example objects of each class, found by walking an example with its schema."""
        if depth > 40 or not isinstance(schema, dict):
            return
        if "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            schema = self.out.get(name, {})
            if isinstance(value, dict) and not openapi.shows_another(schema.get("properties") or {}, value):
                found.setdefault(name, []).append(value)
        for member in schema.get("allOf", []):
            self.instances(member, value, found, depth + 1)
        if isinstance(value, dict):
            for prop, sub in (schema.get("properties") or {}).items():
                if prop in value:
                    self.instances(sub, value[prop], found, depth + 1)
        elif isinstance(value, list) and isinstance(schema.get("items"), dict):
            for item in value:
                self.instances(schema["items"], item, found, depth + 1)

    def type_returned(
        self, returned: set[str], identity: tuple[str, ...], examples: dict[str, list[dict[str, Any]]]
    ) -> list[str]:
        """The models of returned objects, typed as the API answers: identity properties (strings or
        integers, spec/typing.yaml) required unless an example of the object lacks one
        (`company.plan` is `{}` when there is none), lists that are not nullable default to an
        empty list, never None. One report line per rule, like the repairs'."""
        required: list[str] = []
        lists: list[str] = []
        for name in sorted(self.closure(returned)):
            schema = self.out[name]
            props = schema.get("properties") or {}
            for prop in identity:
                if any(prop not in example for example in examples.get(name, [])):
                    continue
                scalar = prop in props and props[prop].get("type") in ("string", "integer")  # not `id`, Indonesian
                if scalar and prop not in schema.get("required", []):
                    schema["required"] = [*schema.get("required", []), prop]
                    required.append(f"{name}.{prop}")
            for prop, node in props.items():
                if node.get("type") == "array" and not node.get("nullable") and prop not in schema.get("required", []):
                    node["default"] = []
                    lists.append(f"{name}.{prop}")
        return [
            _typed(
                "identity-fields-required", "returned objects always carry their identity (spec/typing.yaml)", required
            ),
            _typed("lists-never-none", "a list field of a returned object is a list, empty when absent", lists),
        ]

    def models_kept(self, used: set[str], bodies: set[str]) -> set[str]:
        """Every schema a method's arguments or result name, or that no operation uses (a payload
        users may parse themselves, such as a webhook's); not those only ever sent as a whole
        request body, whose properties are the method's arguments."""
        unused = set(self.out) - self.closure(used | bodies)
        return self.closure(used | unused)

    def forms(self, node: dict[str, Any], name: str = "") -> list[tuple[str, dict[str, Any], set[str]]]:
        """(name, properties, required) of each form a body of this schema takes: one per leaf
        of its oneOf/anyOf (members that are unions themselves count by their own members), or
        one per "one of these is required" alternative; a single form for a plain object."""
        node = self.resolve(node)
        name = name or node.get("description", "")
        members = node.get("oneOf") or node.get("anyOf") or []
        around = {k: v for k, v in node.items() if k not in ("oneOf", "anyOf", ALTERNATIVES)}
        props, required = self.fields(around)
        required |= set(node.get("required", []))  # may name properties only the members declare
        if members:
            out = []
            for member in members:
                label = member["$ref"].rsplit("/", 1)[-1] if "$ref" in member else name
                for sub, sub_props, sub_required in self.forms(member, label):
                    merged = {**props, **sub_props}
                    out.append((sub, merged, (required | sub_required) & set(merged)))
            return out
        if node.get(ALTERNATIVES):
            return [(title, props, (required | set(needed)) & set(props)) for title, needed in node[ALTERNATIVES]]
        return [(name, props, required & set(props))]

    def fields(self, node: dict[str, Any]) -> tuple[dict[str, Any], set[str]]:
        """Properties of an object or of every branch of a union, and the names always required."""
        node = self.resolve(node)
        props: dict[str, list[Any]] = {}
        required = set(node.get("required", []))
        for member in node.get("allOf", []):
            sub, req = self.fields(member)
            for k, v in sub.items():
                props.setdefault(k, []).append(v)
            required |= req
        for k, v in (node.get("properties") or {}).items():
            props.setdefault(k, []).append(v)
        for key in ("oneOf", "anyOf"):
            branches = [self.fields(m) for m in node.get(key, [])]
            if branches:
                required |= set.intersection(*(req for _, req in branches))
                for sub, _ in branches:
                    for k, v in sub.items():
                        props.setdefault(k, []).append(v)
        merged = {k: vs[0] if len(vs) == 1 else {"anyOf": vs} for k, vs in props.items()}
        return merged, required & set(merged)


ALTERNATIVES = "x-required-alternatives"  # (title, required names) of "one of these is required" hints


def _member_name(member: dict[str, Any]) -> str:
    if member.get("title"):
        return pascal(member["title"])
    required = member.get("required") or list(member.get("properties") or {})
    return "With" + pascal("_".join(required[:2])) if required else pascal(str(member.get("type", "value")))


class Normalizer:
    def __init__(self, spec: dict[str, Any], data: dict[str, Any]) -> None:
        self.spec = spec
        self.naming = Naming.from_data(data["naming"])
        self.paging_rules: tuple[specdata.PagingRule, ...] = data["pagination"]
        self.typing: specdata.Typing = data["typing"]
        self.schemas = Schemas(spec)
        self.collisions: list[Collision] = []
        self.bodies: set[str] = set()  # schemas sent as a whole request body
        self.used: set[str] = set()  # schemas a method's arguments or result name
        self.returned: set[str] = set()  # schemas a method's result names
        self.requested: set[str] = set()  # schemas a method's arguments name
        self.examples: dict[str, list[dict[str, Any]]] = {}  # class -> its objects in response examples

    def deref(self, node: Any) -> Any:
        """Follow a `$ref` into components/parameters, responses or requestBodies (validation
        has found every reference resolvable)."""
        return openapi.deref(self.spec, node, schemas=False)

    def operations(self) -> list[ir.Operation]:
        return [self.operation(path, method, item) for path, method, item, _ in openapi.operations(self.spec)]

    def operation(self, path: str, method: str, item: dict[str, Any]) -> ir.Operation:
        op = item[method]
        where = f"#/paths/{openapi.escape(path)}/{method}"
        http = method.upper()
        op_id = op.get("operationId") or fallback_operation_id(method, path)
        resource, verb = self.naming.method(http, path, op_id)

        params = self.parameters(path, item, op, where, op_id)
        variants: list[ir.Variant] = []
        has_body = False
        content = self.deref(op.get("requestBody") or {}).get("content", {})
        if content:
            if "application/json" not in content:
                raise GeneratorError(
                    f"unsupported request content types {sorted(content)}", where=f"{where}/requestBody"
                )
            has_body = True
            body_schema = self.body_schema(content["application/json"].get("schema", {}), op_id, where)
            body = self.body_params(body_schema, {p.py_name: p.location for p in params}, resource, where)
            params += body
            variants = self.variants(body_schema, body)
        response, status = self.response(op, op_id, where)
        media = sorted((self.deref(op["responses"].get(status) or {}).get("content") or {}))
        accept = None
        if media and "application/json" not in media and not any(p.wire_name.lower() == "accept" for p in params):
            accept = ", ".join(media) + ", application/json;q=0.9"  # errors still come as JSON
        return ir.Operation(
            operation_id=op_id,
            http_method=http,
            path=path,
            pointer=where,
            resource=resource,
            name=verb,
            summary=(op.get("summary") or "").strip(),
            description=(op.get("description") or "").strip(),
            deprecated=bool(op.get("deprecated")),
            params=params,
            has_body=has_body,
            response=response,
            success_status=status,
            accept=accept,
            paging=self.paging(params, response),
            errors=[
                (code, self.deref(r or {}).get("description", ""))
                for code, r in op.get("responses", {}).items()
                if not code.startswith("2")
            ],
            request_examples=[ir.Example(n, "request", v) for n, v in _examples(content.get("application/json", {}))],
            response_examples=[
                ir.Example(n, code, v)
                for code, r in op.get("responses", {}).items()
                for n, v in _examples((self.deref(r or {}).get("content") or {}).get("application/json", {}))
            ],
            variants=variants,
        )

    def variants(self, schema: dict[str, Any], body: list[ir.Param]) -> list[ir.Variant]:
        """The forms of a union body, each with its own parameters (one @overload each)."""
        forms = self.schemas.forms(schema)
        if len(forms) < 2:
            return []
        merged = {p.wire_name: p for p in body}
        out = []
        for name, props, required in forms:
            params = []
            for wire, prop in props.items():
                self.requested |= _schema_refs(prop)
                base = merged[wire]
                params.append(dataclasses.replace(base, type=self.schemas.type_expr(prop), required=wire in required))
            out.append(ir.Variant(name, tuple(sorted(params, key=lambda p: not p.required))))
        return out

    def parameters(self, path: str, item: dict[str, Any], op: dict[str, Any], where: str, op_id: str) -> list[ir.Param]:
        found = [self.deref(p) for p in [*item.get("parameters", []), *op.get("parameters", [])]]
        declared = {(p["in"], p["name"]): p for p in found}
        out = []
        for name, py in path_arguments(path, self.naming.singulars):
            spec_param = declared.pop(("path", name), None)
            if spec_param is None:
                raise GeneratorError(f"path parameter {{{name}}} is not declared", where=where)
            out.append(self.param(spec_param, py, "path", True, f"{where}/parameters", class_name(op_id)))
        for (location, name), spec_param in declared.items():
            if location == "path":
                raise GeneratorError(f"path parameter {name!r} is not in the path {path}", where=where)
            if location == "header" and name.lower() in CLIENT_HEADERS:
                continue
            if location not in ("query", "header"):
                raise GeneratorError(f"unsupported parameter location {location!r}", where=where)
            out.append(
                self.param(
                    spec_param,
                    identifier(name),
                    location,
                    bool(spec_param.get("required")),
                    f"{where}/parameters",
                    class_name(op_id),
                )
            )
        _check_unique(out, where)
        return out

    def param(
        self, spec_param: dict[str, Any], py: str, location: ir.Location, required: bool, where: str, hint: str
    ) -> ir.Param:
        schema = self.schemas.clean(spec_param.get("schema", {}), hint + pascal(py), where)
        self.used |= _schema_refs(schema)
        self.requested |= _schema_refs(schema)
        passed, sent_as = self.argument_type(schema)
        description = (spec_param.get("description") or "").strip()
        return ir.Param(spec_param["name"], py, location, passed, required, description, sent_as=sent_as)

    def argument_type(self, schema: Any) -> tuple[ir.TypeRef, str]:
        """The type a caller passes and, where the wire takes another (openapi.ARGUMENT_TYPE: an id
        passed as its resource's ids are), the builtin it is sent as."""
        passed = schema.get(openapi.ARGUMENT_TYPE) if isinstance(schema, dict) else None
        if passed not in SCALARS:
            return self.schemas.type_expr(schema), ""
        return self.schemas.type_expr({**schema, "type": passed}), SCALARS[schema["type"]]

    def body_schema(self, schema: dict[str, Any], op_id: str, where: str) -> dict[str, Any]:
        for key in ("oneOf", "anyOf", "allOf"):
            members = schema.get(key)
            if members and len(members) == 1 and "$ref" in members[0] and len(schema) == 1:
                schema = members[0]  # a one-member wrapper around a named schema
        if "$ref" in schema:
            cleaned = self.schemas.clean(schema, "", where)
            self.bodies.add(cleaned["$ref"].rsplit("/", 1)[-1])
            return cleaned  # type: ignore[no-any-return]
        name = class_name(op_id) + "Request"
        if name in self.schemas.out:
            name = class_name(op_id) + "Body"
        cleaned = self.schemas.clean(schema, name, f"{where}/requestBody", top=True)
        self.schemas.hoist(cleaned, name, where)
        self.bodies.add(name)
        return cleaned  # type: ignore[no-any-return]

    def body_params(
        self, schema: dict[str, Any], taken: dict[str, ir.Location], resource: tuple[str, ...], where: str
    ) -> list[ir.Param]:
        props, required = self.schemas.fields(schema)
        path_args = {name for name, location in taken.items() if location == "path"}
        out = []
        for wire, prop in props.items():
            py = identifier(wire)
            if wire == "id" and len(resource) > 1:  # contacts.tags.attach(contact_id, tag_id=...)
                named = identifier(singular(resource[-1], self.naming.singulars) + "_id")
                py = named if named not in taken and named not in props else py
            if py in taken and py not in path_args:  # a query or header parameter of that name
                py = "body_" + py
            desc = (self.schemas.resolve(prop).get("description") or "") if isinstance(prop, dict) else ""
            self.used |= _schema_refs(prop)
            self.requested |= _schema_refs(prop)
            # A property repeating a path parameter (POST /contacts/{id}/notes sends contact_id):
            # sent with the path argument's value, no second argument.
            passed, sent_as = self.argument_type(prop)
            out.append(ir.Param(wire, py, "body", passed, wire in required, desc.strip(), py in path_args, sent_as))
        # Required first so they can be plain keyword arguments.
        return sorted(out, key=lambda p: not p.required)

    def response(self, op: dict[str, Any], op_id: str, where: str) -> tuple[ir.TypeRef, str]:
        codes = sorted(op.get("responses", {}))
        success = [c for c in codes if c.startswith("2")] or [c for c in codes if c.startswith("3")]
        if not success:
            raise GeneratorError("operation has no 2xx or 3xx response", where=f"{where}/responses")
        status = success[0]
        if status.startswith("3"):
            return ir.STR, status  # a redirect: the method returns its Location (ir.Operation.returns_location)
        content = self.deref(op["responses"][status] or {}).get("content") or {}
        if not content:
            return ir.NONE, status
        if "application/json" not in content:
            return (ir.STR if all(t.startswith("text/") for t in content) else ir.BYTES), status
        schema = content["application/json"].get("schema") or {}
        if "$ref" not in schema and (schema.get("properties") or schema.get("allOf")):
            name = class_name(op_id) + "Response"
            schema = self.schemas.hoist(
                self.schemas.clean(schema, name, f"{where}/responses/{status}", top=True), name, where
            )
        else:
            schema = self.schemas.clean(schema, class_name(op_id) + "Response", where)
        self.used |= _schema_refs(schema)
        self.returned |= _schema_refs(schema)
        for _, value in _examples(content["application/json"]):
            self.schemas.instances(schema, value, self.examples)
        return self.schemas.type_expr(schema), status

    def paging(self, params: list[ir.Param], response: ir.TypeRef) -> ir.Paging | None:
        if response.kind != "model":
            return None
        props = self.schemas.out[response.name].get("properties", {})
        lists = [(k, v) for k, v in props.items() if self.schemas.resolve(v).get("type") == "array" and k != "errors"]
        if len(lists) != 1:
            return None
        items, prop = lists[0]
        have = {(p.location, p.wire_name) for p in params}
        for rule in self.paging_rules:
            request, marker = rule.request, rule.response
            if (
                request
                and {(request.in_, name) for name in request.names} <= have
                or (marker and _refers_to(props.get("pages"), class_name(marker.schema)))
            ):
                return ir.Paging(rule.style, items, self.schemas.type_expr(self.schemas.resolve(prop).get("items")))
        return None

    def resources(self, ops: list[ir.Operation]) -> list[ir.Resource]:
        by_path: dict[tuple[str, ...], ir.Resource] = {}

        def get(path: tuple[str, ...]) -> ir.Resource:
            if path not in by_path:
                res = ir.Resource(path, "".join(pascal(p) for p in path))
                by_path[path] = res
                if len(path) > 1:
                    get(path[:-1]).children.append(res)
            return by_path[path]

        for op in ops:
            if not op.resource:
                raise GeneratorError(f"operation {op.operation_id} maps to no resource", where=op.pointer)
        try:
            renames, self.collisions = resolve_collisions(ops, lambda o: o.dotted_name, lambda o: o.operation_id)
        except ValueError as exc:
            raise GeneratorError(f"{exc}; name them in spec/naming.yaml") from exc
        for index, verb in renames.items():
            ops[index].name = verb
        seen: dict[str, ir.Operation] = {}
        for op in ops:
            if op.dotted_name in seen:  # a collision's new name taken by a third operation
                raise GeneratorError(
                    f"operations {seen[op.dotted_name].operation_id} and {op.operation_id} both map to "
                    f"client.{op.dotted_name}; name one of them in spec/naming.yaml",
                    where=op.pointer,
                )
            seen[op.dotted_name] = op
            get(op.resource).operations.append(op)
        for res in by_path.values():
            clash = {c.attr for c in res.children} & {o.name for o in res.operations}
            if clash:
                op = next(o for o in res.operations if o.name in clash)
                raise GeneratorError(
                    f"client.{'.'.join(res.path)} has a method and a sub-resource named {sorted(clash)}",
                    where=op.pointer,
                )
            res.children.sort(key=lambda r: r.path)
        return sorted((r for p, r in by_path.items() if len(p) == 1), key=lambda r: r.path)


def _typed(name: str, reason: str, fields: list[str]) -> str:
    """A report line in the repairs' format; the fields are many, so counted and sampled."""
    if not fields:
        return f"not needed [{name}]: no such field"
    shown = ", ".join(fields[:6]) + (f", ... ({len(fields)} in all)" if len(fields) > 6 else "")
    return f"typed [{name}]: {reason}.\n    at {shown}"


def _schema_refs(node: Any) -> set[str]:
    return {ref.rsplit("/", 1)[-1] for ref in openapi.refs(node)}


def _refers_to(node: Any, name: str) -> bool:
    return isinstance(node, dict) and (
        node.get("$ref", "").endswith("/" + name) or any(_refers_to(m, name) for m in node.get("allOf", []))
    )


def _check_unique(params: list[ir.Param], where: str) -> None:
    names = [p.py_name for p in params]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise GeneratorError(f"parameters map to the same Python name: {dupes}", where=where)


def _examples(media: dict[str, Any]) -> list[tuple[str, Any]]:
    if "examples" in media:
        return [
            (name, ex.get("value")) for name, ex in media["examples"].items() if isinstance(ex, dict) and "value" in ex
        ]
    return [("example", media["example"])] if "example" in media else []


def normalize(
    spec: dict[str, Any],
    *,
    api_version: str,
    package_version: str,
    repairs: list[str],
    data: dict[str, Any] | None = None,
) -> ir.Api:
    from ..versions import intercom_version

    norm = Normalizer(spec, data or load_data())
    ops = norm.operations()
    resources = norm.resources(ops)
    servers = [s["url"] for s in spec.get("servers", [])]
    regions = {"us": "https://api.intercom.io", "eu": "https://api.eu.intercom.io", "au": "https://api.au.intercom.io"}
    regions = {region: url for region, url in regions.items() if url in servers} or {
        "us": servers[0] if servers else regions["us"]
    }
    info = spec.get("info", {})
    kept = norm.schemas.models_kept(norm.used, norm.bodies)
    params = norm.schemas.param_models(norm.requested)
    typed = norm.schemas.type_returned(norm.returned, norm.typing.identity, norm.examples)
    return ir.Api(
        api_version=api_version,
        intercom_version=intercom_version(api_version),
        package_version=package_version,
        title=info.get("title", "Intercom API"),
        regions=regions,
        resources=resources,
        operations=ops,
        models=sorted(kept),
        component_models={key: name for key, name in norm.schemas.names.items() if name in kept},
        schemas={name: schema for name, schema in norm.schemas.out.items() if name in kept},
        params=params,
        repairs=[*repairs, *typed],
        warnings=[c.warning() for c in norm.collisions],
        spec=spec,
    )
