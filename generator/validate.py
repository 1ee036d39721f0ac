"""Stage 2: parse the description, apply our repairs (data in spec/overrides/), validate.

Validation runs after the repairs, so the only errors left are new upstream defects;
each is reported with the JSON pointer of the offending node.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from jsonschema.exceptions import ValidationError
from openapi_spec_validator import OpenAPIV30SpecValidator

from .errors import GeneratorError

OVERRIDES_DIR = Path(__file__).resolve().parent.parent / "spec" / "overrides"
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Repair:
    reason: str
    patch: list[dict[str, Any]]


def load_yaml(content: bytes, where: str) -> dict[str, Any]:
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise GeneratorError(f"the description is not valid UTF-8 (byte {exc.start})", where=where) from exc
    try:
        doc = yaml.load(text, Loader=Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise GeneratorError(f"the description is not valid YAML{line}: {problem}", where=where) from exc
    if not isinstance(doc, dict) or not str(doc.get("openapi", "")).startswith("3.0"):
        raise GeneratorError("not an OpenAPI 3.0 description (no `openapi: 3.0.x` at the top)", where=where)
    return doc


def load_repairs(api_version: str, overrides_dir: Path = OVERRIDES_DIR) -> list[Repair]:
    path = overrides_dir / f"{api_version}.yaml"
    if not path.is_file():
        return []
    try:
        data = yaml.safe_load(path.read_text()) or {}
        return [Repair(reason=" ".join(r["reason"].split()), patch=r["patch"]) for r in data.get("repairs") or []]
    except (yaml.YAMLError, KeyError, TypeError, AttributeError) as exc:
        raise GeneratorError(f"cannot read the overrides file: {exc}", where=str(path)) from exc


def apply_repairs(doc: dict[str, Any], repairs: list[Repair]) -> dict[str, Any]:
    doc = copy.deepcopy(doc)
    for repair in repairs:
        for op in repair.patch:
            _apply(doc, op, repair.reason)
    return doc


def _split(pointer: str) -> list[str]:
    if not pointer.startswith("/"):
        raise GeneratorError(f"bad JSON pointer {pointer!r} in overrides")
    return [part.replace("~1", "/").replace("~0", "~") for part in pointer[1:].split("/")]


def _apply(doc: Any, op: dict[str, Any], reason: str) -> None:
    *parents, last = _split(op["path"])
    node = doc
    try:
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
    except (KeyError, IndexError, ValueError) as exc:
        raise GeneratorError(f"repair no longer applies ({reason}): missing parent", where=op["path"]) from exc
    kind = op["op"]
    if kind == "test":
        actual = node[int(last)] if isinstance(node, list) else node.get(last)
        if actual != op["value"]:
            raise GeneratorError(
                f"repair no longer applies ({reason}): expected {op['value']!r}, found {actual!r}", where=op["path"]
            )
    elif kind == "remove":
        del node[int(last) if isinstance(node, list) else last]
    elif kind == "add" and isinstance(node, list):
        node.insert(len(node) if last == "-" else int(last), copy.deepcopy(op["value"]))
    elif kind in ("add", "replace"):
        if isinstance(node, list):
            node[int(last)] = copy.deepcopy(op["value"])
        else:
            node[last] = copy.deepcopy(op["value"])
    else:
        raise GeneratorError(f"unknown patch op {kind!r} in overrides", where=op["path"])


def _pointer(parts: Any) -> str:
    return "#/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def validate(doc: dict[str, Any], where: str) -> None:
    """Raise GeneratorError naming the first problem and its JSON pointer."""
    try:
        errors = list(OpenAPIV30SpecValidator(doc).iter_errors())
    except Exception as exc:  # the validator raises on unresolvable $refs instead of yielding them
        ref = _find_dangling_ref(doc)
        if ref:
            raise GeneratorError(f"invalid OpenAPI description: $ref {ref[1]!r} points nowhere", where=ref[0]) from exc
        raise GeneratorError(f"invalid OpenAPI description: {exc}", where=where) from exc
    if errors:
        first = _deepest(errors[0])
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise GeneratorError(f"invalid OpenAPI description: {first.message}{more}", where=_pointer(first.absolute_path))
    ref = _find_dangling_ref(doc)
    if ref:
        raise GeneratorError(f"invalid OpenAPI description: $ref {ref[1]!r} points nowhere", where=ref[0])


def _deepest(error: ValidationError) -> ValidationError:
    """For oneOf/anyOf failures, the branch error that got furthest names the real spot."""
    while error.context:
        error = max(error.context, key=lambda e: len(e.absolute_path))
    return error


def _find_dangling_ref(doc: dict[str, Any]) -> tuple[str, str] | None:
    def resolves(ref: str) -> bool:
        if not ref.startswith("#/"):
            return False
        node: Any = doc
        for part in _split(ref[1:]):
            if not isinstance(node, dict) or part not in node:
                return False
            node = node[part]
        return True

    stack: list[tuple[Any, tuple[Any, ...]]] = [(doc, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and not resolves(ref):
                return _pointer(path + ("$ref",)), ref
            stack.extend((v, path + (k,)) for k, v in reversed(list(node.items())))
        elif isinstance(node, list):
            stack.extend((v, path + (i,)) for i, v in reversed(list(enumerate(node))))
    return None
