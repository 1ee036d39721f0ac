"""Wire-level mutation operators for a generated package, found by AST shape.

Nothing here knows file names or line numbers: every module under ``src/`` is parsed and each
finder looks for a shape.

* operations: calls ``<x>.request("VERB", path, ...)`` / ``<x>.request_page(...)``; the verb, the
  path's literal segments and escaped parameters, the keys of their ``query=``/``body=``/
  ``headers=`` dicts and the ``paging=Paging(style, items=...)`` argument. The operation is named
  by the ``operationId `X``` of the enclosing method's docstring, the client by the enclosing
  class (``Async...``) or ``async def``;
* status: dict literals mapping HTTP status codes to classes, and comparisons of a ``status``
  expression with a status code;
* retry: module-level constants named ``*RETR*``/``*IDEMPOTENT*``/``*NOT_SENT*``/``*DELAY*``
  (numbers, ``frozenset({...})`` and tuples of exception classes), and comparisons with a
  ``*retries*`` expression;
* header: dict literals given to ``Headers(...)``, ``<x>headers["Name"] = value`` and
  ``<x>.headers.get("name")``;
* paging: in modules that define a ``*Page*`` class, identifier-like string constants used as
  call arguments, dict keys, subscripts (cursor fields) or comparands (style dispatch);
* model: fields of ``BaseModel`` subclasses (their names) and their ``Field(...)`` aliases.

A mutant's id (group:subject:...:operator:detail) names the operation, constant, function or
class it changes, never the file, so ids survive a move of classes between modules.
"""

from __future__ import annotations

import ast
import copy
import json
import keyword
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Sequence

HTTP_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
OTHER_VERB = {
    "GET": "POST",
    "POST": "PUT",
    "PUT": "PATCH",
    "PATCH": "PUT",
    "DELETE": "GET",
}
PAGING_STYLES = ("cursor_query", "cursor_body", "page_number", "scroll", "next_url")
REQUEST_CALLS = ("request", "request_page")
RETRY_NAME = re.compile(r"RETR|IDEMPOTENT|NOT_SENT|DELAY|BACKOFF")
OPERATION_ID = re.compile(r"operationId `([^`]+)`")
IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# Statuses a retry set does not hold; adding one must change which answers are retried.
EXTRA_STATUSES = (404, 400, 422)
EXTRA_METHODS = ("POST", "PATCH")
# Calls whose string arguments are not field names (paging finder).
NOT_FIELD_CALLS = {
    "encode",
    "decode",
    "join",
    "split",
    "format",
    "startswith",
    "endswith",
    "TypeVar",
    "ParamSpec",
    "getLogger",
}
RELATIONAL = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
}
SYMBOL = {
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.Eq: "==",
    ast.NotEq: "!=",
}

Edit = tuple[int, int, str]  # byte offsets [start, end) in the file, replacement text


@dataclass(frozen=True)
class Mutant:
    id: str
    operator: str
    group: str  # operation | status | retry | header | paging | model
    file: str  # posix path relative to the package's src/ folder
    edits: tuple[Edit, ...]
    description: str
    operation: str | None = None  # operationId, for group "operation"
    client: str | None = None  # "sync" or "async", for group "operation"
    optional: bool = False  # an operation mutant of an optional parameter (default NOT_GIVEN)

    def apply(self, source: bytes) -> bytes:
        for start, end, text in sorted(self.edits, reverse=True):
            source = source[:start] + text.encode() + source[end:]
        return source


def lit(text: str) -> str:
    """A string literal as black writes it (double quotes)."""
    return json.dumps(text)


def alter(text: str) -> str:
    """A near miss of a wire name or value: its last character dropped (``x`` added to one char)."""
    return text[:-1] if len(text) > 1 else text + "x"


def rename(name: str, taken: Sequence[str] = ()) -> str:
    """A near miss of a Python identifier that is still a valid, free, non-keyword name."""
    for candidate in (name[:-1], name + "x"):
        if IDENTIFIER.match(candidate) and not keyword.iskeyword(candidate) and candidate not in taken:
            return candidate
    raise AssertionError(f"no rename for {name!r}")  # pragma: no cover (name + "x" always works)


class Module:
    """One parsed source file: its AST, with byte offsets for edits and scopes for names."""

    def __init__(self, source: bytes, rel: str) -> None:
        self.source = source
        self.rel = rel
        self.tree = ast.parse(source)
        self.starts = [0]
        for line in source.splitlines(keepends=True):
            self.starts.append(self.starts[-1] + len(line))

    def span(self, node: ast.AST) -> tuple[int, int]:
        return (
            self.starts[node.lineno - 1] + node.col_offset,  # type: ignore[attr-defined]
            self.starts[node.end_lineno - 1] + node.end_col_offset,  # type: ignore[attr-defined]
        )

    def replace(self, node: ast.AST, text: str) -> Edit:
        return (*self.span(node), text)

    def text(self, node: ast.AST) -> str:
        start, end = self.span(node)
        return self.source[start:end].decode()

    def delete_entry(self, key: ast.AST, value: ast.AST) -> Edit:
        """Delete ``key: value`` (or a keyword) and the comma after it."""
        start, end = self.span(key)[0], self.span(value)[1]
        rest = self.source[end:]
        stripped = rest.lstrip(b" \t")
        if stripped.startswith(b","):
            end += len(rest) - len(stripped) + 1
        return (start, end, "")

    def walk(self) -> Iterator[tuple[ast.AST, tuple[ast.AST, ...]]]:
        """Every node with its enclosing classes and functions, outermost first."""

        def visit(node: ast.AST, scopes: tuple[ast.AST, ...]) -> Iterator[tuple[ast.AST, tuple[ast.AST, ...]]]:
            for child in ast.iter_child_nodes(node):
                yield child, scopes
                inner = (
                    scopes + (child,)
                    if isinstance(child, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                    else scopes
                )
                yield from visit(child, inner)

        yield from visit(self.tree, ())


def qualname(scopes: Sequence[ast.AST]) -> str:
    return ".".join(s.name for s in scopes) or "<module>"  # type: ignore[attr-defined]


def _str(node: ast.AST | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _status(node: ast.AST) -> int | None:
    if isinstance(node, ast.Constant) and type(node.value) is int and 100 <= node.value < 600:
        return node.value
    return None


def _call_name(node: ast.AST) -> str:
    func = node.func if isinstance(node, ast.Call) else node
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _is_docstring(node: ast.AST, parent_body: Sequence[ast.AST]) -> bool:
    return bool(parent_body) and parent_body[0] is node


class Finder:
    """Collects the mutants of one module."""

    def __init__(self, module: Module) -> None:
        self.m = module
        self.found: list[Mutant] = []

    def add(
        self,
        id: str,
        operator: str,
        group: str,
        edits: Sequence[Edit],
        description: str,
        **extra: Any,
    ) -> None:
        id = id.replace(" ", "")  # ids are command-line arguments
        if extra.get("optional"):
            description += " (optional parameter)"
        self.found.append(Mutant(id, operator, group, self.m.rel, tuple(edits), description, **extra))  # type: ignore[arg-type]

    def value_edit(self, node: ast.AST) -> tuple[Edit, str]:
        """Replace a header value: a literal by a near miss, an expression by a wrong literal."""
        if _str(node) is not None:
            new = alter(_str(node) or "")
            return self.m.replace(node, lit(new)), f"{_str(node)!r} -> {new!r}"
        if isinstance(node, ast.JoinedStr) and any(_str(v) for v in node.values):
            changed = copy.deepcopy(node)
            part = next(v for v in changed.values if _str(v))
            part.value = alter(part.value)  # type: ignore[attr-defined]
            return (
                self.m.replace(node, ast.unparse(changed)),
                f"{self.m.text(node)} -> {ast.unparse(changed)}",
            )
        return self.m.replace(node, lit("mutant")), f"{self.m.text(node)} -> 'mutant'"

    # -- operations -------------------------------------------------------------------------

    def operations(self) -> None:
        for node, scopes in self.m.walk():
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in REQUEST_CALLS
                and len(node.args) >= 2
                and _str(node.args[0]) in HTTP_METHODS
            ):
                continue
            funcs = [s for s in scopes if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))]
            found = OPERATION_ID.search(ast.get_docstring(funcs[-1]) or "") if funcs else None
            operation = found.group(1) if found else qualname(scopes)
            is_async = (funcs and isinstance(funcs[-1], ast.AsyncFunctionDef)) or any(
                isinstance(s, ast.ClassDef) and s.name.startswith("Async") for s in scopes
            )
            client = "async" if is_async else "sync"
            extra = {"operation": operation, "client": client}
            prefix = f"op:{operation}:{client}"
            verb = _str(node.args[0]) or ""
            self.add(
                f"{prefix}:verb:{verb}->{OTHER_VERB[verb]}",
                "verb",
                "operation",
                [self.m.replace(node.args[0], lit(OTHER_VERB[verb]))],
                f"{verb} -> {OTHER_VERB[verb]}",
                **extra,
            )
            self.path(node.args[1], funcs[-1] if funcs else None, prefix, extra)
            optional: set[str] = set()
            if funcs and isinstance(funcs[-1], (ast.FunctionDef, ast.AsyncFunctionDef)):
                a = funcs[-1].args
                positional = [*a.posonlyargs, *a.args]
                optional.update(p.arg for p in positional[len(positional) - len(a.defaults) :])
                optional.update(p.arg for p, d in zip(a.kwonlyargs, a.kw_defaults) if d is not None)
            for kw in node.keywords:
                if kw.arg in ("query", "body", "headers") and isinstance(kw.value, ast.Dict):
                    self.wire_dict(kw.arg, kw.value, prefix, extra, optional)
                elif kw.arg == "paging" and isinstance(kw.value, ast.Call):
                    self.paging_arg(kw.value, prefix, extra)

    def path(self, node: ast.AST, func: ast.AST | None, prefix: str, extra: dict[str, str]) -> None:
        if _str(node) is not None:
            template = ast.JoinedStr(values=[ast.Constant(value=_str(node))])
        elif isinstance(node, ast.JoinedStr):
            template = node
        else:
            return

        def render(values: list[ast.AST]) -> str:
            if all(_str(v) is not None for v in values):
                return lit("".join(_str(v) or "" for v in values))
            return ast.unparse(ast.JoinedStr(values=values))

        for i, part in enumerate(template.values):
            words = (_str(part) or "").split("/")
            for j, word in enumerate(words):
                if not word:
                    continue
                values = copy.deepcopy(template.values)
                values[i] = ast.Constant(value="/".join([*words[:j], alter(word), *words[j + 1 :]]))
                self.add(
                    f"{prefix}:path-segment:{word}",
                    "path-segment",
                    "operation",
                    [self.m.replace(node, render(values))],
                    f"path segment {word!r} -> {alter(word)!r}",
                    **extra,
                )
        ints = set()
        if isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for arg in [*func.args.args, *func.args.kwonlyargs]:
                if arg.annotation is not None and ast.unparse(arg.annotation) == "int":
                    ints.add(arg.arg)
        holes = [i for i, v in enumerate(template.values) if isinstance(v, ast.FormattedValue)]
        for i in holes:
            call = template.values[i].value  # type: ignore[attr-defined]
            if not (isinstance(call, ast.Call) and _call_name(call) == "path_param" and len(call.args) == 1):
                continue
            name = ast.unparse(call.args[0])
            if name in ints:
                continue  # str(42) needs no escaping: equivalent on the wire, not generated
            values = copy.deepcopy(template.values)
            values[i].value = call.args[0]  # type: ignore[attr-defined]
            self.add(
                f"{prefix}:path-escape:{name}",
                "path-escape",
                "operation",
                [self.m.replace(node, render(values))],
                f"{name} put in the path unescaped",
                **extra,
            )
        if len(holes) >= 2:
            values = copy.deepcopy(template.values)
            a, b = holes[0], holes[1]
            values[a], values[b] = values[b], values[a]
            self.add(
                f"{prefix}:path-swap",
                "path-swap",
                "operation",
                [self.m.replace(node, render(values))],
                "first two path parameters swapped",
                **extra,
            )

    def wire_dict(
        self,
        location: str,
        node: ast.Dict,
        prefix: str,
        extra: dict[str, str],
        optional: set[str],
    ) -> None:
        """Mutants of the keys of a query=/body=/headers= dict; those of an optional parameter's
        entry say so (`optional`: a test must pass the parameter to see them)."""

        def opt(*values: ast.AST) -> dict[str, Any]:
            names = [v.id for v in values if isinstance(v, ast.Name)]
            return {**extra, "optional": any(n in optional for n in names)}

        kind = {"query": "query", "body": "body", "headers": "header-param"}[location]
        entries = [(k, v) for k, v in zip(node.keys, node.values) if _str(k) is not None]
        for k, v in entries:
            key = _str(k) or ""
            self.add(
                f"{prefix}:{kind}-key:{key}",
                f"{kind}-key",
                "operation",
                [self.m.replace(k, lit(alter(key)))],
                f"{location} key {key!r} -> {alter(key)!r}",
                **opt(v),
            )
            self.add(
                f"{prefix}:{kind}-drop:{key}",
                f"{kind}-drop",
                "operation",
                [self.m.delete_entry(k, v)],
                f"{location} key {key!r} never sent",
                **opt(v),
            )
            if location == "headers":
                edit, description = self.value_edit(v)
                self.add(
                    f"{prefix}:header-param-value:{key}",
                    "header-param-value",
                    "operation",
                    [edit],
                    f"header {key}: {description}",
                    **extra,
                )
        for (k1, v1), (k2, v2) in zip(entries, entries[1:]):
            if self.m.text(v1) != self.m.text(v2):
                self.add(
                    f"{prefix}:{kind}-swap:{_str(k1)},{_str(k2)}",
                    f"{kind}-swap",
                    "operation",
                    [
                        self.m.replace(v1, self.m.text(v2)),
                        self.m.replace(v2, self.m.text(v1)),
                    ],
                    f"{location} values of {_str(k1)!r} and {_str(k2)!r} swapped",
                    **opt(v1, v2),
                )

    def paging_arg(self, node: ast.Call, prefix: str, extra: dict[str, str]) -> None:
        if node.args and _str(node.args[0]) in PAGING_STYLES:
            style = _str(node.args[0]) or ""
            other = PAGING_STYLES[(PAGING_STYLES.index(style) + 1) % len(PAGING_STYLES)]
            self.add(
                f"{prefix}:paging-style:{style}->{other}",
                "paging-style",
                "operation",
                [self.m.replace(node.args[0], lit(other))],
                f"paging style {style} -> {other}",
                **extra,
            )
        for kw in node.keywords:
            if kw.arg == "items" and _str(kw.value) is not None:
                items = _str(kw.value) or ""
                self.add(
                    f"{prefix}:paging-items:{items}",
                    "paging-items",
                    "operation",
                    [self.m.replace(kw.value, lit(alter(items)))],
                    f"page items field {items!r} -> {alter(items)!r}",
                    **extra,
                )

    # -- status codes, retries, headers -------------------------------------------------------

    def runtime(self) -> None:
        for node, scopes in self.m.walk():
            where = qualname(scopes)
            if (
                isinstance(node, ast.Dict)
                and len(node.keys) >= 3
                and all(_status(k) for k in node.keys)
                and all(isinstance(v, (ast.Name, ast.Attribute)) for v in node.values)
            ):
                for i, (k, v) in enumerate(zip(node.keys, node.values)):
                    code = _status(k)
                    other = node.values[(i + 1) % len(node.values)]
                    self.add(
                        f"status:map:{code}:drop",
                        "status-drop",
                        "status",
                        [self.m.delete_entry(k, v)],
                        f"{code} -> {self.m.text(v)} entry removed",
                    )
                    self.add(
                        f"status:map:{code}:class",
                        "status-class",
                        "status",
                        [self.m.replace(v, self.m.text(other))],
                        f"{code} -> {self.m.text(other)} instead of {self.m.text(v)}",
                    )
            elif isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in RELATIONAL:
                sides = ast.unparse(node.left) + " " + ast.unparse(node.comparators[0])
                new = copy.deepcopy(node)
                new.ops = [RELATIONAL[type(node.ops[0])]()]
                description = f"{ast.unparse(node)} -> {ast.unparse(new)}"
                if "status" in sides and (_status(node.left) or _status(node.comparators[0])):
                    self.add(
                        f"status:compare:{where}:{ast.unparse(node)}",
                        "status-compare",
                        "status",
                        [self.m.replace(node, ast.unparse(new))],
                        description,
                    )
                elif "retries" in sides:
                    self.add(
                        f"retry:compare:{where}:{ast.unparse(node)}",
                        "retry-compare",
                        "retry",
                        [self.m.replace(node, ast.unparse(new))],
                        description,
                    )
            elif (
                isinstance(node, ast.Assign)
                and not scopes
                and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name)
            ):
                self.retry_constant(node.targets[0].id, node.value)
            elif (
                isinstance(node, ast.Call)
                and _call_name(node) == "Headers"
                and node.args
                and isinstance(node.args[0], ast.Dict)
            ):
                for k, v in zip(node.args[0].keys, node.args[0].values):
                    if _str(k) is not None:
                        self.header(where, k, v)
            elif (
                isinstance(node, ast.Assign)
                and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Subscript)
                and ast.unparse(node.targets[0].value).endswith("headers")
                and _str(node.targets[0].slice) is not None
            ):
                self.header(where, node.targets[0].slice, node.value)
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "get"
                and ast.unparse(node.func.value).endswith("headers")
                and node.args
                and _str(node.args[0]) is not None
            ):
                name = _str(node.args[0]) or ""
                self.add(
                    f"header:{where}:read:{name}",
                    "header-read",
                    "header",
                    [self.m.replace(node.args[0], lit(alter(name)))],
                    f"reads response header {alter(name)!r} instead of {name!r}",
                )

    def header(self, where: str, key: ast.AST, value: ast.AST) -> None:
        name = _str(key) or ""
        self.add(
            f"header:{where}:name:{name}",
            "header-name",
            "header",
            [self.m.replace(key, lit(alter(name)))],
            f"sends header {alter(name)!r} instead of {name!r}",
        )
        edit, description = self.value_edit(value)
        self.add(
            f"header:{where}:value:{name}",
            "header-value",
            "header",
            [edit],
            f"header {name}: {description}",
        )

    def retry_constant(self, name: str, value: ast.AST) -> None:
        if not RETRY_NAME.search(name):
            return
        if isinstance(value, ast.Constant) and type(value.value) in (int, float):
            new = value.value * 2 if value.value else 1
            self.add(
                f"retry:const:{name}",
                "retry-const",
                "retry",
                [self.m.replace(value, repr(new))],
                f"{name} = {value.value!r} -> {new!r}",
            )
        elif (
            isinstance(value, ast.Call)
            and _call_name(value) == "frozenset"
            and value.args
            and isinstance(value.args[0], ast.Set)
        ):
            elements = value.args[0].elts
            for element in elements:
                rest = [self.m.text(e) for e in elements if e is not element]
                self.add(
                    f"retry:set:{name}:-{self.m.text(element)}",
                    "retry-set-drop",
                    "retry",
                    [self.m.replace(value.args[0], "{" + ", ".join(rest) + "}")],
                    f"{self.m.text(element)} removed from {name}",
                )
            present = {e.value for e in elements if isinstance(e, ast.Constant)}
            pool = EXTRA_STATUSES if all(isinstance(p, int) for p in present) else EXTRA_METHODS
            added = next(p for p in pool if p not in present)
            self.add(
                f"retry:set:{name}:+{added!r}",
                "retry-set-add",
                "retry",
                [
                    self.m.replace(
                        value.args[0],
                        "{"
                        + ", ".join(
                            [
                                *(self.m.text(e) for e in elements),
                                lit(added) if isinstance(added, str) else repr(added),
                            ]
                        )
                        + "}",
                    )
                ],
                f"{added!r} added to {name}",
            )
        elif isinstance(value, ast.Tuple) and all(isinstance(e, (ast.Name, ast.Attribute)) for e in value.elts):
            for element in value.elts:
                rest = [self.m.text(e) for e in value.elts if e is not element]
                self.add(
                    f"retry:errors:{name}:-{ast.unparse(element)}",
                    "retry-errors-drop",
                    "retry",
                    [
                        self.m.replace(
                            value,
                            "(" + ", ".join(rest) + ("," if len(rest) == 1 else "") + ")",
                        )
                    ],
                    f"{ast.unparse(element)} removed from {name}",
                )

    # -- pagination ---------------------------------------------------------------------------

    def paging(self) -> None:
        if not any(isinstance(n, ast.ClassDef) and "Page" in n.name for n in ast.walk(self.m.tree)):
            return
        parents: dict[ast.AST, ast.AST] = {c: p for p in ast.walk(self.m.tree) for c in ast.iter_child_nodes(p)}
        for node, scopes in self.m.walk():
            value = _str(node)
            if value is None or not IDENTIFIER.match(value):
                continue
            parent = parents[node]
            if isinstance(parent, ast.Expr):
                continue  # a docstring
            if isinstance(parent, ast.Call) and node in parent.args:
                func = parent.func
                if _call_name(parent) in NOT_FIELD_CALLS or _call_name(parent).endswith(("Error", "Exception")):
                    continue
                if isinstance(func, ast.Attribute) and ast.unparse(func.value) == "logger":
                    continue
                operator = "paging-field"
            elif isinstance(parent, ast.Dict) and node in parent.keys:
                # a key of the style -> page classes table is dispatch, any other a field
                value_node = parent.values[parent.keys.index(node)]
                dispatch = isinstance(value_node, ast.Call) and _call_name(value_node) == "PageClasses"
                operator = "paging-dispatch" if dispatch else "paging-field"
            elif isinstance(parent, ast.Subscript) and parent.slice is node and ast.unparse(parent.value) != "Literal":
                operator = "paging-field"
            elif isinstance(parent, ast.Compare) or (
                isinstance(parent, ast.Tuple) and isinstance(parents.get(parent), ast.Compare)
            ):
                operator = "paging-dispatch"
            else:
                continue
            self.add(
                f"paging:{qualname(scopes)}:{operator.split('-')[1]}:{value}",
                operator,
                "paging",
                [self.m.replace(node, lit(alter(value)))],
                f"{value!r} -> {alter(value)!r}",
            )

    # -- models -------------------------------------------------------------------------------

    def models(self) -> None:
        for node in ast.walk(self.m.tree):
            if not (isinstance(node, ast.ClassDef) and any(_call_name(b) == "BaseModel" for b in node.bases)):
                continue
            fields = [s for s in node.body if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)]
            names = [f.target.id for f in fields]  # type: ignore[union-attr]
            for field in fields:
                name = field.target.id  # type: ignore[union-attr]
                if name.startswith("model_") or "ClassVar" in ast.unparse(field.annotation):
                    continue
                new = rename(name, names)
                self.add(
                    f"model:{node.name}:field-name:{name}",
                    "field-name",
                    "model",
                    [self.m.replace(field.target, new)],
                    f"{node.name}.{name} -> {new}",
                )
                call = field.value
                if not (isinstance(call, ast.Call) and _call_name(call) == "Field"):
                    continue
                aliases = [
                    kw
                    for kw in call.keywords
                    if kw.arg in ("alias", "validation_alias", "serialization_alias") and _str(kw.value)
                ]
                for kw in aliases:
                    operator = {"alias": "alias", "validation_alias": "alias-validation", "serialization_alias": "alias-serialization"}[kw.arg]  # type: ignore[index]
                    self.add(
                        f"model:{node.name}:{operator}:{name}",
                        operator,
                        "model",
                        [self.m.replace(kw.value, lit(alter(_str(kw.value) or "")))],
                        f"{node.name}.{name} {kw.arg} {_str(kw.value)!r} -> {alter(_str(kw.value) or '')!r}",
                    )
                if aliases:
                    bare = copy.deepcopy(call)
                    bare.keywords = [
                        kw for kw in bare.keywords if kw.arg not in ("alias", "validation_alias", "serialization_alias")
                    ]
                    self.add(
                        f"model:{node.name}:alias-drop:{name}",
                        "alias-drop",
                        "model",
                        [self.m.replace(call, ast.unparse(bare))],
                        f"{node.name}.{name} loses its aliases (wire name {name!r})",
                    )


def find(module: Module) -> list[Mutant]:
    finder = Finder(module)
    finder.operations()
    finder.runtime()
    finder.paging()
    finder.models()
    return finder.found


def discover(src: Path) -> list[Mutant]:
    """Every mutant of the package under ``src`` (the folder holding ``intercom_sdk``), ids unique."""
    mutants: list[Mutant] = []
    for path in sorted(src.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        mutants.extend(find(Module(path.read_bytes(), path.relative_to(src).as_posix())))
    seen: Counter[str] = Counter()
    unique = []
    for mutant in mutants:
        seen[mutant.id] += 1
        if seen[mutant.id] > 1:
            mutant = Mutant(**{**mutant.__dict__, "id": f"{mutant.id}#{seen[mutant.id]}"})
        unique.append(mutant)
    return unique


def check(mutant: Mutant, source: bytes) -> bytes:
    """The mutated source; raises if it does not compile or does not change the program."""
    mutated = mutant.apply(source)
    tree = ast.parse(mutated, mutant.file)
    compile(tree, mutant.file, "exec")
    if ast.dump(tree) == ast.dump(ast.parse(source)):
        raise ValueError(f"{mutant.id} does not change the program")
    return mutated
