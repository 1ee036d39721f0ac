"""Stage 2: parse the description and validate it (after generator/repairs.py fixed what it can).

Validation runs after the repairs, so the only errors left are new upstream defects;
each is reported with the JSON pointer of the offending node.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import yaml
from jsonschema.exceptions import ValidationError
from jsonschema_path import SchemaPath
from openapi_spec_validator import OpenAPIV30SpecValidator
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

from .. import openapi
from ..errors import GeneratorError

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Intercom's descriptions are under 1 MB and 200k nodes; far bigger means the wrong file
# or YAML aliases expanding exponentially ("billion laughs"), which would hang every stage.
MAX_BYTES = 20_000_000
MAX_NODES = 2_000_000
# They nest 17 deep; every later stage (validator, normalizer, model generator) recurses.
MAX_DEPTH = 100


def load_yaml(content: bytes, where: str) -> dict[str, Any]:
    if len(content) > MAX_BYTES:
        raise GeneratorError(
            f"the description is {len(content) / 1e6:.0f} MB, more than the {MAX_BYTES / 1e6:.0f} MB limit", where=where
        )
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
        at = "#/openapi" if isinstance(doc, dict) else where
        raise GeneratorError("not an OpenAPI 3.0 description (no `openapi: 3.0.x` at the top)", where=at)
    if not isinstance(doc.get("info", {}), dict):  # read (info.version) before validation
        raise GeneratorError("info is not an object", where="#/info")
    _check_size(doc, where)
    return doc


def _check_size(doc: Any, where: str) -> None:
    """Count nodes as later stages will see them (aliases expanded), up to MAX_NODES and MAX_DEPTH."""
    for count, (_, path) in enumerate(_nodes(doc), 1):
        if count > MAX_NODES:
            raise GeneratorError(
                f"the description expands to more than {MAX_NODES} nodes (YAML aliases nested too deeply?)", where=where
            )
        if len(path) > MAX_DEPTH:
            raise GeneratorError(
                f"the description nests more than {MAX_DEPTH} levels deep", where=_pointer(path[:20]) + "/..."
            )


def _nodes(doc: Any) -> Iterator[tuple[Any, tuple[Any, ...]]]:
    """Every node with its path, in document order; iterative, since descriptions may nest deep."""
    stack: list[tuple[Any, tuple[Any, ...]]] = [(doc, ())]
    while stack:
        node, path = stack.pop()
        yield node, path
        if isinstance(node, dict):
            stack.extend((v, path + (k,)) for k, v in reversed(node.items()))
        elif isinstance(node, list):
            stack.extend((node[i], path + (i,)) for i in reversed(range(len(node))))


def _pointer(parts: Any) -> str:
    return openapi.pointer(*parts)


def validate(doc: dict[str, Any], where: str) -> None:
    """Raise GeneratorError naming the first problem and its JSON pointer."""
    cycle = _find_ref_cycle(doc)  # checked first: the validator recurses forever on these
    if cycle:
        raise GeneratorError(f"invalid OpenAPI description: $ref cycle {' -> '.join(cycle[1])}", where=cycle[0])
    errors: list[ValidationError] = []
    try:
        # Collected one by one: the schema errors come first, and a later crash of the
        # validator (it raises on some malformed nodes) must not hide them.
        for error in _Validator(doc).iter_errors():
            errors.append(error)
    except Exception as exc:  # the validator raises on unresolvable $refs instead of yielding them
        if not errors:
            ref = _find_dangling_ref(doc)
            if ref:
                raise GeneratorError(
                    f"invalid OpenAPI description: $ref {ref[1]!r} points nowhere", where=ref[0]
                ) from exc
            raise GeneratorError(f"invalid OpenAPI description: {exc}", where=where) from exc
    if errors:
        first = _deepest(errors[0])
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        located = _through_refs(doc, getattr(first, "located_at", None) or tuple(first.absolute_path))
        raise GeneratorError(f"invalid OpenAPI description: {first.message}{more}", where=_pointer(located))
    ref = _find_dangling_ref(doc)
    if ref:
        raise GeneratorError(f"invalid OpenAPI description: $ref {ref[1]!r} points nowhere", where=ref[0])


def _through_refs(doc: dict[str, Any], parts: tuple[Any, ...]) -> tuple[Any, ...]:
    """The validator walks through `$ref`s: rewrite its path to where the node really is."""
    node: Any = doc
    out: list[Any] = []
    for part in parts:
        ref = node.get("$ref") if isinstance(node, dict) and part not in node else None
        if isinstance(ref, str) and ref.startswith("#/"):
            found = openapi.target(doc, ref)
            if found is None:
                return parts
            node, out = found[0], list(found[1])
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return parts
        out.append(part)
    return tuple(out)


def _locating(cls: type[Any]) -> type[Any]:
    """A keyword validator whose errors carry the JSON pointer of the node it checked.

    openapi-spec-validator's semantic checks (duplicate operationId, unresolved path
    parameter, a default that does not match its type...) yield errors without a path.
    """

    base: Any = cls

    class Locating(base):  # type: ignore[misc]
        def __call__(self, *args: Any, **kwargs: Any) -> Any:
            at = next((tuple(a.parts) for a in args if isinstance(a, SchemaPath)), None)
            for error in super().__call__(*args, **kwargs):
                if not isinstance(error, OpenAPIValidationError):  # as the validator would, keeping our attribute
                    error = OpenAPIValidationError.create_from(error)
                if at is not None and not hasattr(error, "located_at"):
                    setattr(error, "located_at", at + tuple(error.absolute_path))  # innermost validator wins
                yield error

    Locating.__name__ = cls.__name__
    return Locating


_SpecValidator: Any = OpenAPIV30SpecValidator


class _Validator(_SpecValidator):  # type: ignore[misc]
    keyword_validators = {k: _locating(v) for k, v in OpenAPIV30SpecValidator.keyword_validators.items()}


def _find_ref_cycle(doc: dict[str, Any]) -> tuple[str, list[str]] | None:
    """A loop of `$ref`s (through allOf/anyOf/oneOf/not, never through a property or
    items) that never reaches a concrete node: the pointer of the `$ref` closing it."""

    def direct(node: Any, path: tuple[Any, ...]) -> list[tuple[tuple[Any, ...], str]]:
        if not isinstance(node, dict):
            return []
        if isinstance(node.get("$ref"), str):
            return [(path + ("$ref",), node["$ref"])]
        out = direct(node.get("not"), path + ("not",))
        for key in ("allOf", "anyOf", "oneOf"):
            if isinstance(node.get(key), list):
                for i, member in enumerate(node[key]):
                    out += direct(member, path + (key, i))
        return out

    done: set[str] = set()
    for ref in sorted({n["$ref"] for n, _ in _nodes(doc) if isinstance(n, dict) and isinstance(n.get("$ref"), str)}):
        trail: list[str] = []  # depth-first, iterative: a cycle can be long
        stack: list[tuple[str, tuple[Any, ...], int]] = [(ref, (), 0)]
        while stack:
            current, at, depth = stack.pop()
            del trail[depth:]
            if current in trail:
                return _pointer(at), [*trail[trail.index(current) :], current]
            if current in done:
                continue
            found = openapi.target(doc, current)
            trail.append(current)
            if found is None:
                continue
            children = direct(*found)
            if not children:
                done.update(trail)  # everything on this chain reaches a concrete node
            stack.extend((child, child_at, depth + 1) for child_at, child in reversed(children))
        done.add(ref)
    return None


def _deepest(error: ValidationError) -> ValidationError:
    """For oneOf/anyOf failures, the branch error that got furthest names the real spot."""
    while error.context:
        error = max(error.context, key=lambda e: len(e.absolute_path))
    return error


def _find_dangling_ref(doc: dict[str, Any]) -> tuple[str, str] | None:
    for node, path in _nodes(doc):
        ref = node.get("$ref") if isinstance(node, dict) else None
        if isinstance(ref, str) and openapi.target(doc, ref) is None:
            return _pointer(path + ("$ref",)), ref
    return None
