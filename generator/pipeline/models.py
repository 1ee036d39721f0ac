"""Stage 4: pydantic v2 models from the normalized schemas, via datamodel-code-generator.

Every schema reaching this stage already has its final class name (normalize.py hoists
inline objects), so the model generator rarely invents one (it still does for a few
`oneOf` members from 2.13 on, such as `ReplyTicketRequest1`).

Its single module is then split into one module per schema, with the objects nested in
that schema beside it (openai-python's layout), so that using `types.Contact` imports
only the classes `Contact` needs: fewer objects to import and for the garbage collector
to traverse. Schemas that reference each other in a cycle share a module.
"""

from __future__ import annotations

import ast
import json
import re
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from datamodel_code_generator import (  # type: ignore[attr-defined]  # re-exported, but not in __all__
    DataModelType,
    InputFileType,
    LiteralType,
    PythonVersion,
    generate,
)

from .. import ir
from ..errors import GeneratorError
from ..naming import identifier, words
from .normalize import ALTERNATIVES
from ..text import intro, wrap

BASE_CLASS = "intercom_sdk._models.BaseModel"
# `alias=` would make type checkers (dataclass_transform) expect the JSON name, which
# cannot be written when it is `from` or `pt-BR`; split aliases keep `from_=` typed.
ALIAS = re.compile(r"\balias=(['\"])(.+?)\1")


@dataclass(frozen=True)
class ModelModule:
    """One module of `types/_models/`."""

    name: str
    classes: list[str]  # in definition order
    source: str


def render_models(api: ir.Api) -> list[ModelModule]:
    return split(generate_models(api), set(api.component_models.values()))


def generate_models(api: ir.Api) -> str:
    """All models in one module, as datamodel-code-generator writes them."""
    document = {
        "openapi": "3.0.1",
        "info": {"title": api.title, "version": api.api_version},
        "paths": {},
        "components": {"schemas": _for_models(api.schemas)},
    }
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "schemas.json"
        target = Path(tmp) / "models.py"
        source.write_text(json.dumps(document, sort_keys=False))
        try:
            generate(
                source,
                input_file_type=InputFileType.OpenAPI,
                output=target,
                output_model_type=DataModelType.PydanticV2BaseModel,
                base_class=BASE_CLASS,
                target_python_version=PythonVersion.PY_310,
                enum_field_as_literal=LiteralType.All,
                use_one_literal_as_default=True,
                use_default_kwarg=True,
                use_standard_collections=True,
                use_union_operator=True,
                use_schema_description=True,
                use_field_description=True,
                use_double_quotes=True,
                disable_timestamp=True,
                keep_model_order=True,
                field_constraints=True,
                strict_nullable=True,
                capitalise_enum_members=True,
                allow_population_by_field_name=False,
                formatters=[],
            )
        except Exception as exc:  # the model generator raises many types; report them as one
            raise GeneratorError(f"model generation failed: {exc}") from exc
        return ALIAS.sub(r'validation_alias="\2", serialization_alias="\2"', target.read_text())


def _for_models(node: Any, names: bool = False) -> Any:
    """Schemas as the model generator should see them: no examples (they belong in the docs,
    not in every Field()), descriptions trimmed to their opening and wrapped for docstrings."""
    if isinstance(node, dict):
        # Under `properties` (names=True) the keys are field names, never keywords.
        return {
            k: (
                _describe(v)
                if k == "description" and not names and isinstance(v, str)
                else _for_models(v, names=(k == "properties" and not names))
            )
            for k, v in node.items()
            if names or k not in ("example", "examples", ALTERNATIVES)
        }
    if isinstance(node, list):
        return [_for_models(v) for v in node]
    return node


def module_names(refs: dict[str, set[str]], components: set[str]) -> dict[str, str]:
    """Class name -> module name, given the classes each class references. A class that is not a
    component schema and is referenced by exactly one class (an object hoisted out of a schema,
    or a name the model generator made up, such as `ReplyTicketRequest1`) lives with that class;
    modules whose classes reference each other in a cycle are merged, so they import as a tree."""
    referrers: dict[str, set[str]] = defaultdict(set)
    for name, targets in refs.items():
        for target in targets - {name}:
            referrers[target].add(name)
    roots = (components & refs.keys()) | {n for n in refs if len(referrers[n]) != 1}
    owner: dict[str, str] = {}
    for name in sorted(refs):
        chain, node = [name], name
        while node not in roots and node not in owner:
            (node,) = referrers[node]
            if node in chain:  # a cycle of hoisted objects: its first member owns it
                break
            chain.append(node)
        top = owner.get(node, node)
        owner.update(dict.fromkeys(chain, top))
    edges: dict[str, set[str]] = defaultdict(set)
    for name, targets in refs.items():
        edges[owner[name]].update(owner[t] for t in targets if owner[t] != owner[name])
    merged = {member: min(group) for group in _cycles(sorted(set(owner.values())), edges) for member in group}
    modules = {top: identifier("_".join(words(top))) for top in set(merged.values())}
    if len(set(modules.values())) < len(modules):
        clash = sorted(t for t in modules if list(modules.values()).count(modules[t]) > 1)
        raise GeneratorError(f"schemas {clash} would share the module name {modules[clash[0]]!r}")
    return {name: modules[merged[owner[name]]] for name in sorted(refs)}


def split(source: str, components: set[str]) -> list[ModelModule]:
    """Cut the model generator's module into one module per schema (see `module_names`), each
    importing what it uses."""
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    imported = {a.asname or a.name: n.module or "" for n in tree.body if isinstance(n, ast.ImportFrom) for a in n.names}
    statements: list[tuple[str, ast.stmt, set[str]]] = []  # (the class it belongs to, statement, names used)
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            continue
        name = node.name if isinstance(node, ast.ClassDef) else _rebuilt_class(node)
        if not name:
            raise GeneratorError(f"the model generator wrote {ast.unparse(node)[:60]!r}, which is not a class")
        statements.append((name, node, {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}))
    refs: dict[str, set[str]] = {name: set() for name, node, _ in statements if isinstance(node, ast.ClassDef)}
    for name, _, names in statements:
        if name not in refs:
            raise GeneratorError(f"the model generator rebuilds {name}, which it does not define")
        refs[name] |= names & refs.keys()
    module_of = module_names(refs, components)
    order = {name: i for i, name in enumerate(_dependencies_first(refs, module_of))}
    statements.sort(key=lambda s: order[s[0]] if isinstance(s[1], ast.ClassDef) else len(order))
    bodies: dict[str, list[str]] = defaultdict(list)
    classes: dict[str, list[str]] = defaultdict(list)
    used: dict[str, set[str]] = defaultdict(set)
    for name, node, names in statements:
        module = module_of[name]
        bodies[module].append("".join(lines[node.lineno - 1 : node.end_lineno]))
        if isinstance(node, ast.ClassDef):
            classes[module].append(name)
        used[module] |= names
    out = []
    for module in sorted(bodies):
        names = used[module] - set(classes[module])
        by_source: dict[str, set[str]] = defaultdict(set)
        for name in names & imported.keys():
            by_source[imported[name]].add(name)
        for name in names & refs.keys():
            by_source["." + module_of[name]].add(name)
        header = ["from __future__ import annotations"]
        for group in _import_groups(by_source):
            header.append("")
            header.extend(f"from {src} import {', '.join(sorted(by_source[src]))}" for src in group)
        text = "\n".join(header) + "\n\n\n" + "\n\n".join(bodies[module])
        out.append(ModelModule(module, classes[module], text))
    return out


def _dependencies_first(refs: dict[str, set[str]], module_of: dict[str, str]) -> list[str]:
    """Classes (in the model generator's order) moved after the classes of their own module that
    they reference, unless a cycle prevents it. pydantic then completes each model as it is
    defined, so a subclass in another module inherits fields whose types are resolved."""
    needs = {c: {r for r in refs[c] if module_of[r] == module_of[c]} - {c} for c in refs}
    done: set[str] = set()
    pending = list(refs)
    out = []
    while pending:
        ready = next((c for c in pending if needs[c] <= done), pending[0])
        pending.remove(ready)
        done.add(ready)
        out.append(ready)
    return out


def _rebuilt_class(node: ast.stmt) -> str:
    """`X` for the statement `X.model_rebuild()` (the only other thing the model generator writes)."""
    if (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Call)
        and isinstance(node.value.func, ast.Attribute)
        and isinstance(node.value.func.value, ast.Name)
    ):
        return node.value.func.value.id
    return ""


def _import_groups(by_source: dict[str, set[str]]) -> list[list[str]]:
    """Import sources in isort's sections: standard library, third party, this package, local."""
    sections: list[list[str]] = [[], [], [], []]
    for src in sorted(by_source):
        if src == "__future__":
            continue
        top = src.split(".")[0]
        section = (
            3 if src.startswith(".") else 0 if top in sys.stdlib_module_names else 2 if top == "intercom_sdk" else 1
        )
        sections[section].append(src)
    return [s for s in sections if s]


def _cycles(nodes: list[str], edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components (Tarjan), iteratively: schema graphs can be deep."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    for start in nodes:
        if start in index:
            continue
        work = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                out.append(sorted(group))
    return out


def _describe(text: str) -> str:
    return wrap(intro(text), 84)
