"""Stage 5: render the templates (which mirror the output tree) into a folder.

`templates/package/` is the package root. A `.jinja` file is rendered, any other file is copied
as is. Two placeholders in file names render a template once per item: `{resource}` once per
resource (its module path: `resources/contacts/tags.py`), `{package}` once per resource that has
sub-resources (`resources/contacts/`). Copied Python files are kept black-clean in the repository
(tests/generator/test_pipeline.py), so only rendered ones go through the format stage.

What it renders comes in as arguments: the IR, the model modules, the contract-test cases and
the extra files (the changelog); this module imports no release or test tooling.
"""

from __future__ import annotations

import keyword
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
import yaml

from .. import ir, paths
from . import runtime_data
from ..text import intro, plain, wrap

if TYPE_CHECKING:
    from . import models

PACKAGE = paths.TEMPLATES / "package"
MODELS = "types."  # models are read from the lazily loaded `types` module of the package


@dataclass(frozen=True)
class ResourceModule:
    """One module of resources/: a resource's sync and async classes and their raw twins."""

    resource: ir.Resource
    parts: tuple[str, ...]  # ("resources", "contacts", "tags")
    children: tuple[tuple[ir.Resource, str], ...]  # each sub-resource with its module, relative to this one

    @property
    def path(self) -> str:
        return "src/intercom_sdk/" + "/".join(self.parts) + ".py"

    @property
    def dotted(self) -> str:
        """Relative to the package root: `resources.contacts.tags`."""
        return ".".join(self.parts)

    @property
    def up(self) -> str:
        """The relative import of the package root from this module (`..`, `...`)."""
        return "." * len(self.parts)

    @property
    def typing(self) -> list[str]:
        ops = [op for op in self.resource.operations]
        refs = [p.type for op in ops for p in op.params] + [op.paging.item if op.paging else op.response for op in ops]
        refs += [p.type for op in ops for form in op.variants for p in form.params]
        names = set().union(*(t.typing_names(runtime=True) for t in refs)) if refs else set()
        if self.children:
            names.add("TYPE_CHECKING")
        if self.forms:
            names.add("overload")
        return sorted(names)

    @property
    def forms(self) -> bool:
        return any(op.variants for op in self.resource.operations)

    @property
    def utils(self) -> list[str]:
        """What the module imports from `_utils`."""
        ops = self.resource.operations
        names = {"path_param"} | ({"Form", "check_forms"} if self.forms else set())
        return sorted(names | ({"sent_as"} if any(p.sent_as for op in ops for p in op.params) else set()))

    @property
    def paged(self) -> bool:
        return any(op.paging for op in self.resource.operations)

    @property
    def deprecated(self) -> bool:
        return any(op.deprecated for op in self.resource.operations)


def module_parts(res: ir.Resource) -> tuple[str, ...]:
    """A resource with sub-resources is a package holding its own module and theirs
    (`resources/contacts/contacts.py`, `resources/contacts/tags.py`); any other is a module
    in its parent's package (`resources/admins.py`)."""
    return ("resources", *res.path, res.attr) if res.children else ("resources", *res.path)


def resource_modules(api: ir.Api) -> list[ResourceModule]:
    out = []
    for root in api.resources:
        for res in root.walk():
            parts = module_parts(res)
            children = tuple((c, "." + ".".join(module_parts(c)[len(parts) - 1 :])) for c in res.children)
            out.append(ResourceModule(res, parts, children))
    return out


def packages(api: ir.Api) -> list[ir.Resource]:
    return [res for root in api.resources for res in root.walk() if res.children]


# -- filters: what the templates need, computed from the IR ---------------------------------


def annotation(ref: ir.TypeRef) -> str:
    """As written in a resource module, where `list` is a method name and models live in `types`."""
    return ref.annotation(MODELS, shadowed=True)


def runtime(ref: ir.TypeRef) -> str:
    return ref.runtime(MODELS)


def return_type(op: ir.Operation, prefix: str, models: str = MODELS) -> str:
    if op.paging:
        page = "AsyncPaginator" if prefix else "SyncPage"
        return f"{page}[{op.response.annotation(models, True)}, {op.paging.item.annotation(models, True)}]"
    return op.response.annotation(models, shadowed=True)


def path_fstring(op: ir.Operation) -> str:
    """The request path as a Python string: an f-string quoting each path parameter."""
    path = op.path
    for p in op.path_params:
        path = path.replace("{" + p.wire_name + "}", "{path_param(" + p.py_name + ")}")
    return f'f"{path}"' if op.path_params else f'"{path}"'


def signature_text(op: ir.Operation, form: ir.Variant | None = None) -> str:
    """The arguments of a method (or of one @overload of it) as one line, for api.md."""
    args = [f"{p.py_name}: {p.type.annotation(MODELS)}" for p in op.path_params]
    rest = op.arguments
    if form is not None:
        rest = [p for p in rest if p.location != "body"] + [p for p in form.params if not p.from_path]
    if rest:
        args.append("*")
    args += [f"{p.py_name}: {p.type.annotation(MODELS, request=True)}" for p in rest if p.required]
    args += [f"{p.py_name}: {p.type.annotation(MODELS, request=True)} = ..." for p in rest if not p.required]
    return ", ".join(args)


def raw_wrapper(op: ir.Operation, prefix: str) -> str:
    if not prefix:
        return "to_raw_response_wrapper"
    return "async_paginator_to_raw_response_wrapper" if op.paging else "async_to_raw_response_wrapper"


def stream_wrapper(op: ir.Operation, prefix: str) -> str:
    if not prefix:
        return "to_streamed_response_wrapper"
    return "async_paginator_to_streamed_response_wrapper" if op.paging else "async_to_streamed_response_wrapper"


def docstring(op: ir.Operation) -> str:
    """Summary line, description and parameters, wrapped for an 8-space indent."""
    width = 80
    parts = [op.summary.rstrip(".") + "." if op.summary else f"{op.http_method} {op.path}."]
    opening = intro(op.description)
    if opening and opening != op.summary:
        parts.append(wrap(opening, width))
    documented = [p for p in op.params if p.description and not p.from_path]
    if documented:
        lines = ["Args:"]
        for p in documented:
            text = wrap(f"{p.py_name}: {plain(p.description)}", width - 2)
            lines.append(textwrap.indent(text, "  ").replace("\n  ", "\n    ", text.count("\n")))
        parts.append("\n".join(lines))
    if op.returns_location:
        parts.append(
            f"Returns the URL the API redirects to (its {op.success_status} `Location`), without following it."
        )
    parts.append(f"`{op.http_method} {op.path}` (operationId `{op.operation_id}`)")
    body = "\n\n".join(parts).replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    return textwrap.indent(body, " " * 8).lstrip() + "\n        "


def request_annotation(ref: ir.TypeRef) -> str:
    """What a caller passes: a model, or the plain dict its `...Param` describes."""
    return ref.annotation(MODELS, shadowed=True, request=True)


def params_typing(api: ir.Api) -> list[str]:
    names = (
        set().union(*(f.type.typing_names() - {"List", "Dict"} for p in api.params for f in p.fields))
        if api.params
        else set()
    )
    return sorted(names)


def params_models(api: ir.Api, model_modules: list[models.ModelModule]) -> list[tuple[str, list[str]]]:
    """(module, classes) of the models the TypedDicts name beside their own `...Param`."""
    wanted = set().union(*(f.type.models() for p in api.params for f in p.fields)) if api.params else set()
    return [(m.name, sorted(wanted & set(m.classes))) for m in model_modules if wanted & set(m.classes)]


def param_is_class(param: ir.ParamModel) -> bool:
    """Class syntax needs every key to be a Python name; otherwise the functional syntax."""
    return all(f.wire_name.isidentifier() and not keyword.iskeyword(f.wire_name) for f in param.fields)


def param_field(field: ir.ParamField) -> str:
    annotation = field.type.annotation(request=True)
    return f"Required[{annotation}]" if field.required else annotation


def sent(param: ir.Param) -> str:
    """The value an argument is sent as: itself, or converted to the type the wire takes."""
    return f"sent_as({param.py_name}, {param.sent_as}, {param.wire_name!r})" if param.sent_as else param.py_name


def deprecation(op: ir.Operation) -> str:
    """The message of `@deprecated(...)` for an operation the description deprecates."""
    return f"{op.http_method} {op.path} is deprecated by Intercom" + (f": {op.summary}" if op.summary else "")


def environment(filters: dict[str, Callable[..., Any]]) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(paths.TEMPLATES)),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters.update(
        pyrepr=repr,
        annotation=annotation,
        runtime=runtime,
        return_type=return_type,
        path_fstring=path_fstring,
        signature_text=signature_text,
        raw_wrapper=raw_wrapper,
        stream_wrapper=stream_wrapper,
        docstring=docstring,
        deprecation=deprecation,
        sent=sent,
        plain=plain,
        module_of=lambda res: ".".join(module_parts(res)),
        request_annotation=request_annotation,
        params_typing=params_typing,
        params_models=params_models,
        param_is_class=param_is_class,
        param_field=param_field,
        **runtime_data.FILTERS,
        **filters,
    )
    return env


def render(
    api: ir.Api,
    model_modules: list[models.ModelModule],
    out: Path,
    *,
    files: dict[str, str],
    filters: dict[str, Callable[..., Any]],
) -> list[Path]:
    """Write the package into `out`; return the Python files that were generated (not copied).
    `files` are written as they are (path -> text); `filters` are extra template filters (the
    contract-test cases)."""
    env = environment(filters)
    targets: dict[str, list[tuple[str, dict[str, Any]]]] = {
        "{resource}": [(m.path, {"module": m}) for m in resource_modules(api)],
        "{package}": [
            (f"src/intercom_sdk/{'/'.join(module_parts(res)[:-1])}/__init__.py", {"package": res})
            for res in packages(api)
        ],
    }
    rendered: list[Path] = []
    for template in sorted(PACKAGE.rglob("*")):
        if template.is_dir() or "__pycache__" in template.parts:
            continue
        rel = template.relative_to(PACKAGE).as_posix()
        if not rel.endswith(".jinja"):
            _write(out / rel, template.read_bytes())
            continue
        placeholder = next((p for p in targets if p in rel), None)
        for target, context in targets[placeholder] if placeholder else [(rel[: -len(".jinja")], {})]:
            text = env.get_template("package/" + rel).render(api=api, model_modules=model_modules, **context)
            _write(out / target, text.encode())
            rendered.append(out / target)
    for module in model_modules:
        rendered.append(out / f"src/intercom_sdk/types/_models/{module.name}.py")
        _write(rendered[-1], module.source.encode())
    for name, text in files.items():
        _write(out / name, text.encode())
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    spec_text = yaml.dump(api.spec, Dumper=dumper, sort_keys=False, allow_unicode=True, width=120)
    _write(out / "openapi.yaml", spec_text.encode())
    return [path for path in rendered if path.suffix in (".py", ".pyi")]


def _write(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
