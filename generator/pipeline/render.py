"""Stage 5: render the templates (which mirror the output tree) into a folder.

`templates/package/` is the package root. A `.jinja` file is rendered, any other
file is copied as is, and a `{module}` in a file name renders it once per
top-level resource. Copied Python files are kept black-clean in the repository
(tests/test_pipeline.py), so only rendered ones go through the format stage.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
import yaml

from .. import paths
from ..release import changelog

from .. import contract, ir
from ..text import intro, wrap

if TYPE_CHECKING:
    from . import models

TEMPLATES = paths.TEMPLATES
PACKAGE = TEMPLATES / "package"
IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass
class Module:
    """One resources/<name>.py file: a top-level resource and everything under it."""

    name: str
    title: str
    resources: list[ir.Resource]
    models: list[str] = field(default_factory=list)
    paged: bool = False
    typing: list[str] = field(default_factory=list)  # names imported from typing


def modules(api: ir.Api) -> list[Module]:
    known = set(api.models)
    out = []
    for root in api.resources:
        resources = root.walk()
        ops = [op for res in resources for op in res.operations]
        types = [op.response_type for op in ops] + [p.type for op in ops for p in op.params]
        types += [op.paging.item_type for op in ops if op.paging]
        words = {name for expr in types for name in IDENT.findall(pytype(expr))}
        values = [op.paging.item_type if op.paging else op.response_type for op in ops]
        casts = {"cast"} if any("cast(" in as_type_value(v) for v in values) else set()
        typing = sorted(words & {"Any", "Dict", "List", "Literal"} | casts | ({"TYPE_CHECKING"} if words & known else set()))
        title = "`client." + root.attr + "`"
        out.append(Module(root.module, title, resources, sorted(words & known), any(op.paging for op in ops), typing))
    return out


def pytype(expr: str) -> str:
    """Resource classes have methods named `list`, which shadow the builtin in annotations."""
    return re.sub(r"\b(list|dict)\[", lambda m: m.group(1).capitalize() + "[", expr)


def return_type(op: ir.Operation, prefix: str) -> str:
    if op.paging:
        page = "AsyncPaginator" if prefix else "SyncPage"
        return pytype(f"{page}[{op.response_model}, {op.paging.item_type}]")
    return pytype(op.response_type)


def as_type_value(expr: str, models: frozenset[str] = frozenset()) -> str:
    """A type expression usable as a runtime value for `cast_to`/`item`; model names are read
    from the lazily loaded `types` module."""
    if expr == "None":
        return "type(None)"
    value = IDENT.sub(lambda m: f"types.{m.group()}" if m.group() in models else m.group(), pytype(expr))
    if "|" not in expr and "Literal[" not in expr:
        return value  # a class or a generic alias: already a `type[...]` to mypy
    return f'cast("type[{pytype(expr)}]", {value})'


def signature_text(op: ir.Operation) -> str:
    """The arguments of a method as one line, for api.md."""
    args = [f"{p.py_name}: {pytype(p.type)}" for p in op.path_params]
    rest = [p for p in op.params if p.location != "path"]
    if rest:
        args.append("*")
    args += [f"{p.py_name}: {pytype(p.type)}" for p in rest if p.required]
    args += [f"{p.py_name}: {pytype(p.type)} = ..." for p in rest if not p.required]
    return ", ".join(args)


def raw_wrapper(op: ir.Operation, prefix: str) -> str:
    if not prefix:
        return "to_raw_response_wrapper"
    return "async_paginator_to_raw_response_wrapper" if op.paging else "async_to_raw_response_wrapper"


def docstring(op: ir.Operation) -> str:
    """Summary line, description and parameters, wrapped for an 8-space indent."""
    width = 80
    parts = [op.summary.rstrip(".") + "." if op.summary else f"{op.http_method} {op.path}."]
    opening = intro(op.description)
    if opening and opening != op.summary:
        parts.append(wrap(opening, width))
    documented = [p for p in op.params if p.description]
    if documented:
        lines = ["Args:"]
        for p in documented:
            text = wrap(f"{p.py_name}: {p.description}", width - 2)
            lines.append(textwrap.indent(text, "  ").replace("\n  ", "\n    ", text.count("\n")))
        parts.append("\n".join(lines))
    parts.append(f"`{op.http_method} {op.path}` (operationId `{op.operation_id}`)")
    body = "\n\n".join(parts).replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    return textwrap.indent(body, " " * 8).lstrip() + "\n        "


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters.update(
        model_value=lambda expr, api: as_type_value(expr, frozenset(api.models)),
        pyrepr=repr,
        return_type=return_type,
        pytype=pytype,
        signature_text=signature_text,
        raw_wrapper=raw_wrapper,
        docstring=docstring,
        **contract.FILTERS,
    )
    return env


def render(api: ir.Api, model_modules: list[models.ModelModule], out: Path) -> list[Path]:
    """Write the package into `out`; return the Python files that were generated (not copied)."""
    env = environment()
    mods = modules(api)
    rendered: list[Path] = []
    for template in sorted(PACKAGE.rglob("*")):
        if template.is_dir() or "__pycache__" in template.parts:
            continue
        rel = template.relative_to(PACKAGE).as_posix()
        if not rel.endswith(".jinja"):
            _write(out / rel, template.read_bytes())
            continue
        name = "package/" + rel
        for target, context in _targets(rel[: -len(".jinja")], mods):
            text = env.get_template(name).render(api=api, model_modules=model_modules, **context)
            _write(out / target, text.encode())
            rendered.append(out / target)
    for module in model_modules:
        rendered.append(out / f"src/intercom_sdk/types/_models/{module.name}.py")
        _write(rendered[-1], module.source.encode())
    _write(out / "CHANGELOG.md", changelog.changelog_markdown(api.api_version).encode())
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    spec_text = yaml.dump(api.spec, Dumper=dumper, sort_keys=False, allow_unicode=True, width=120)
    _write(out / "openapi.yaml", spec_text.encode())
    return [path for path in rendered if path.suffix == ".py"]


def _targets(rel: str, mods: list[Module]) -> list[tuple[str, dict[str, Any]]]:
    if "{module}" in rel:
        return [(rel.replace("{module}", mod.name), {"module": mod}) for mod in mods]
    return [(rel, {})]


def _write(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
