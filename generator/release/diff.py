"""Semantic diff of two OpenAPI descriptions, at the level the generated SDK sees.

Operations are matched by method and path template with the parameter names blanked
(`/contacts/{id}` and `/contacts/{contact_id}` are one operation, renamed). Component
schemas are compared once each, property by property, and classified with the direction
they are used in (request, response or both), following oasdiff's rules. Every change's
level comes from one table, KINDS, through `classify` (docs/versioning.md prints the table).
Descriptions, summaries and examples are doc-only.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import openapi, specdata
from ..pipeline import repairs, validate
from ..errors import GeneratorError
from ..naming import Naming, operation_key, path_arguments

LEVELS = ("breaking", "non-breaking", "doc-only")
DOC_KEYS = ("description", "summary", "example", "examples", "title", "externalDocs")
NAMING_PATH = specdata.NAMING
SCHEMA_PREFIX = "#/components/schemas/"

B, N, D = "breaking", "non-breaking", "doc-only"
DIRECTIONS = ("request", "response", "both")
RESPONSE_WARNING = " (warning: code that handles every value sees a new case)"


@dataclass(frozen=True)
class Kind:
    """How one kind of change is classified: one `level` wherever it is, or a level for when the
    changed node is read from requests and one for responses (both: breaking if either is)."""

    change: str  # what changed, for the table in docs/versioning.md
    level: str | None = None
    request: str | None = None
    response: str | None = None
    warn_in_responses: bool = False  # oasdiff's "response enum value added": flagged, not breaking
    sdk: str = ""  # why the SDK classifies it differently from oasdiff (marked * in the docs)

    def level_in(self, direction: str | None) -> str:
        if self.level is not None:
            return self.level
        if direction not in DIRECTIONS:
            raise ValueError(f"a change classified by direction needs one of {DIRECTIONS}, got {direction!r}")
        levels = {"request": [self.request], "response": [self.response]}.get(direction, [self.request, self.response])
        return B if B in levels else N

    def levels(self) -> set[str]:
        return {self.level} if self.level is not None else {str(self.request), str(self.response)}


def _one(change: str, level: str, sdk: str = "") -> Kind:
    return Kind(change, level=level, sdk=sdk)


def _by_direction(change: str, request: str, response: str, *, warn_in_responses: bool = False, sdk: str = "") -> Kind:
    return Kind(change, request=request, response=response, warn_in_responses=warn_in_responses, sdk=sdk)


# Every kind of change the diff reports, with its level (following oasdiff; `sdk` marks where the
# SDK differs). A Change is only ever made by `classify`, which looks its level up here.
KINDS: dict[str, Kind] = {
    # -- one level wherever it is: operations, their parameters, bodies and statuses, models
    "operation-removed": _one("operation removed", B),
    "operation-added": _one("operation added", N),
    "path-parameter-renamed-arguments-kept": _one(
        "path placeholder renamed (`/contacts/{id}` → `/contacts/{contact_id}`), the SDK argument names unchanged", N
    ),
    "path-parameter-renamed-arguments-renamed": _one("path placeholder renamed, and with it an SDK argument name", B),
    "operation-id-changed-method-kept": _one("operationId changed or added, the method name unchanged", N),
    "operation-id-changed-method-renamed": _one(
        "operationId changed, and `spec/naming.yaml` maps the old and the new id to different method names", B
    ),
    "deprecated": _one("operation deprecated, or no longer deprecated", N),
    "parameter-removed": _one(
        "query or header parameter removed", B, sdk="the method loses a keyword argument; oasdiff warns"
    ),
    "parameter-added-required": _one("required query or header parameter added", B),
    "parameter-added-optional": _one("optional query or header parameter added", N),
    "parameter-became-required": _one("parameter became required", B),
    "parameter-became-optional": _one("parameter became optional", N),
    "request-body-removed": _one("request body removed", B),
    "request-body-added-required": _one("required request body added", B),
    "request-body-added-optional": _one("optional request body added", N),
    "request-body-became-required": _one("request body became required", B),
    "request-body-became-optional": _one("request body became optional", N),
    "response-added": _one("response status added", N),
    "response-removed-success": _one("success (2xx) response removed", B),
    "response-removed-error": _one("any other response removed (errors become exceptions by status)", N),
    "schema-removed": _one("model (component schema) removed", B),
    "schema-added": _one("model (component schema) added", N),
    "doc": _one("`description`, `summary`, `title`, `example(s)` or `externalDocs` changed", D),
    # -- by direction: content types, and every node of a schema (parameter, body, response, model)
    "content-type-removed": _by_direction("content type of a request body or success response removed", B, B),
    "content-type-added": _by_direction("content type of a request body or success response added", N, N),
    "property-added": _by_direction("optional property added", N, N),
    "required-property-added": _by_direction("required property added", B, N),
    "property-removed": _by_direction(
        "property removed", B, B, sdk="in a request the SDK loses a keyword argument; oasdiff warns"
    ),
    "became-required": _by_direction("property became required", B, N),
    "became-optional": _by_direction("property became optional", N, B),
    "type-narrowed": _by_direction("type narrowed (`integer|string` → `string`)", B, N),
    "type-widened": _by_direction("type widened (`string` → any, `integer` → `number`)", N, B),
    "type-changed": _by_direction("other type change", B, B),
    "ref-changed": _by_direction("`$ref` target changed, or a `$ref` replaced by an inline type or back", B, B),
    "format-added": _by_direction("format added", B, N),
    "format-removed": _by_direction("format removed", N, B),
    "format-changed": _by_direction("format changed", B, B),
    "nullable-added": _by_direction("became nullable", N, B),
    "nullable-removed": _by_direction("no longer nullable", B, N),
    "enum-value-added": _by_direction("enum value added", N, N, warn_in_responses=True),
    "enum-value-removed": _by_direction("enum value removed", B, N),
    "enum-added": _by_direction("restricted to an enum", B, N),
    "enum-removed": _by_direction("no longer restricted to an enum", N, N, warn_in_responses=True),
    "union-member-added": _by_direction("`oneOf`/`anyOf` member added", N, N),
    "union-member-removed": _by_direction("`oneOf`/`anyOf` member removed", B, N),
}


@dataclass(frozen=True)
class Change:
    level: str  # one of LEVELS
    kind: str
    where: str  # "POST /contacts/merge (MergeContact)" or "schema merge_contacts_request"
    detail: str

    def __post_init__(self) -> None:
        """Only what the table allows: a Change made outside `classify` with another level fails."""
        kind = KINDS.get(self.kind)
        if kind is None or self.level not in kind.levels():
            raise ValueError(f"change kind {self.kind!r} at level {self.level!r} is not in diff.KINDS")

    def as_dict(self) -> dict[str, str]:
        return {"level": self.level, "kind": self.kind, "where": self.where, "detail": self.detail}


@dataclass
class Report:
    old: str
    new: str
    api_version: str
    repairs: str  # "applied", "none for this version" or why they were left out
    changes: list[Change] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return {level: sum(c.level == level for c in self.changes) for level in LEVELS}

    @property
    def bump(self) -> str:
        """`breaking` needs a reviewer; any other change is a serial bump."""
        if any(c.level == "breaking" for c in self.changes):
            return "breaking"
        return "serial" if self.changes else "none"

    def as_json(self) -> str:
        data = {
            "old": self.old,
            "new": self.new,
            "api_version": self.api_version,
            "repairs": self.repairs,
            "bump": self.bump,
            "counts": self.counts,
            "changes": [c.as_dict() for c in self.changes],
        }
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"

    def markdown(self, title: str | None = None, level: int = 2) -> str:
        h = "#" * level
        counts = self.counts
        lines = [f"{h} {title or f'Spec changes: {self.old} → {self.new}'}", ""]
        summary = ", ".join(f"{counts[lv]} {lv}" for lv in LEVELS)
        loud = "**BREAKING — review before release**" if self.bump == "breaking" else f"bump: {self.bump}"
        lines += [f"API {self.api_version} · {loud} · {summary}", ""]
        if self.repairs not in ("applied", "none for this version"):
            lines += [f"> Note: {self.repairs}", ""]
        for lv in ("breaking", "non-breaking"):
            items = [c for c in self.changes if c.level == lv]
            if items:
                lines += [f"{h}# {lv.capitalize()} changes", ""]
                lines += [f"- `{c.where}`: {c.detail}" for c in items]
                lines.append("")
        docs = [c for c in self.changes if c.level == "doc-only"]
        if docs:
            lines += [
                f"<details><summary>Doc-only changes ({len(docs)}): examples, descriptions, summaries</summary>",
                "",
            ]
            lines += [f"- `{c.where}`: {c.detail}" for c in docs]
            lines += ["", "</details>", ""]
        if not self.changes:
            lines += ["No changes.", ""]
        return "\n".join(lines)


def classify(kind: str, where: str, detail: str, direction: str | None = None) -> Change:
    """The one way a Change is made: its level comes from KINDS. `direction` (request, response
    or both) is where the changed node is read, for the kinds classified by direction."""
    found = KINDS.get(kind)
    if found is None:
        raise ValueError(f"no classification for change kind {kind!r}")
    if found.warn_in_responses and direction in ("response", "both"):
        detail += RESPONSE_WARNING
    return Change(found.level_in(direction), kind, where, detail)


def classification_table() -> str:
    """KINDS as the Markdown tables of docs/versioning.md (tests/release/test_diff.py checks they match)."""

    def change(kind: Kind) -> str:
        return kind.change.replace("|", "\\|") + (f" (*: {kind.sdk})" if kind.sdk else "")

    def response(kind: Kind) -> str:
        return f"{kind.response}, with a warning" if kind.warn_in_responses else str(kind.response)

    single = [(name, kind) for name, kind in KINDS.items() if kind.level is not None]
    directed = [(name, kind) for name, kind in KINDS.items() if kind.level is None]
    lines = ["| kind | change | level |", "| --- | --- | --- |"]
    lines += [f"| `{name}` | {change(kind)} | {kind.level} |" for name, kind in single]
    lines += ["", "| kind | change | in a request | in a response |", "| --- | --- | --- | --- |"]
    lines += [f"| `{name}` | {change(kind)} | {kind.request} | {response(kind)} |" for name, kind in directed]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- loading


def load(path: Path, label: str | None = None) -> dict[str, Any]:
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise GeneratorError(f"cannot read the description: {exc.strerror}", where=str(path)) from exc
    return validate.load_yaml(content, label or str(path))


def diff_files(old: Path, new: Path) -> Report:
    return diff_docs(load(old), load(new), old_label=old.name, new_label=new.name)


def diff_docs(old: dict[str, Any], new: dict[str, Any], *, old_label: str = "old", new_label: str = "new") -> Report:
    """Diff two parsed descriptions, after our repairs when they apply to both."""
    version = str(new.get("info", {}).get("version") or old.get("info", {}).get("version") or "")
    old, new, repairs = _repaired(old, new, version)
    report = Report(old=old_label, new=new_label, api_version=version or "unknown", repairs=repairs)
    report.changes = sorted(_Differ(old, new).run(), key=lambda c: (LEVELS.index(c.level), c.where, c.kind, c.detail))
    return report


def _repaired(old: dict[str, Any], new: dict[str, Any], version: str) -> tuple[dict[str, Any], dict[str, Any], str]:
    """Both sides through the same repairs (rules apply to any revision)."""
    try:
        return repairs.apply(old, version)[0], repairs.apply(new, version)[0], "applied"
    except GeneratorError as exc:  # a broken per-version file: compare like with like
        return old, new, f"the {version} repairs cannot be applied ({exc}); compared unrepaired"


# ---------------------------------------------------------------- schema flattening


def _ref_name(ref: str) -> str:
    return ref[len(SCHEMA_PREFIX) :] if ref.startswith(SCHEMA_PREFIX) else ref


def _types(schema: dict[str, Any]) -> tuple[str, ...] | None:
    t = schema.get("type")
    if t is None:
        if "properties" in schema or "additionalProperties" in schema:
            return ("object",)
        if "items" in schema:
            return ("array",)
        return None
    return tuple(sorted(t)) if isinstance(t, list) else (str(t),)


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str)


def _label(member: Any, index: int) -> str:
    """A name for a union member that survives reordering."""
    if not isinstance(member, dict):
        return f"#{index}"
    if "$ref" in member:
        return _ref_name(member["$ref"])
    if member.get("title"):
        return str(member["title"])
    for prop in ("type", "message_type", "object"):
        enum = ((member.get("properties") or {}).get(prop) or {}).get("enum")
        if isinstance(enum, list) and len(enum) == 1:
            return f"{prop}={enum[0]}"
    types = _types(member)
    return "|".join(types) if types and types[0] != "object" else f"#{index}"


def flatten(
    schema: Any,
    schemas: dict[str, Any],
    prefix: str = "",
    out: dict[str, dict[str, Any]] | None = None,
    required: bool | None = None,
    inlining: frozenset[str] = frozenset(),
) -> dict[str, dict[str, Any]]:
    """Facts of each node of a schema, keyed by property path.

    A $ref is a leaf (its schema is compared on its own, once), except inside allOf,
    where the referenced properties belong to this model and are inlined; `inlining`
    is the cycle guard for that.
    """
    out = {} if out is None else out
    if not isinstance(schema, dict):
        schema = {}
    facts: dict[str, Any] = {"required": required, "doc": {k: _key(schema[k]) for k in DOC_KEYS if k in schema}}
    facts["nullable"] = bool(schema.get("nullable"))
    ref = schema.get("$ref") or _sole_allof_ref(schema)
    if ref:  # `allOf: [$ref: X]` (often beside nullable) means the same as `$ref: X`
        facts["ref"] = _ref_name(ref)
        out[prefix] = _merge(out.get(prefix), facts)
        return out
    facts["type"] = _types(schema)
    facts["format"] = schema.get("format")
    if isinstance(schema.get("enum"), list):
        facts["enum"] = {_key(v): v for v in schema["enum"]}
    for kind in ("oneOf", "anyOf"):
        members = schema.get(kind)
        if isinstance(members, list):
            labels = [_label(m, i) for i, m in enumerate(members)]
            facts["union"] = (kind, tuple(sorted(labels)))
            for label, member in zip(labels, members):
                if isinstance(member, dict) and "$ref" not in member:
                    flatten(member, schemas, f"{prefix}<{label}>", out, None, inlining)
    for member in schema.get("allOf") or []:
        if isinstance(member, dict) and "$ref" in member:
            name = _ref_name(member["$ref"])
            if name not in inlining:
                flatten(schemas.get(name), schemas, prefix, out, required, inlining | {name})
        else:
            flatten(member, schemas, prefix, out, required, inlining)
    out[prefix] = _merge(out.get(prefix), facts)
    needed = set(schema.get("required") or [])
    for name, prop in (schema.get("properties") or {}).items():
        flatten(prop, schemas, f"{prefix}.{name}" if prefix else str(name), out, name in needed, inlining)
    if isinstance(schema.get("items"), dict):
        flatten(schema["items"], schemas, f"{prefix}[]", out, None, inlining)
    if isinstance(schema.get("additionalProperties"), dict):
        flatten(schema["additionalProperties"], schemas, f"{prefix}{{*}}", out, None, inlining)
    return out


def _sole_allof_ref(schema: dict[str, Any]) -> str | None:
    members = schema.get("allOf")
    structural = ("properties", "items", "oneOf", "anyOf", "additionalProperties", "enum")
    if isinstance(members, list) and len(members) == 1 and isinstance(members[0], dict) and "$ref" in members[0]:
        if not any(k in schema for k in structural):
            return str(members[0]["$ref"])
    return None


def _merge(before: dict[str, Any] | None, facts: dict[str, Any]) -> dict[str, Any]:
    if before is None:
        return facts
    merged = {**before, **{k: v for k, v in facts.items() if v not in (None, {}, ())}}
    merged["required"] = bool(before.get("required")) or bool(facts.get("required"))
    merged["doc"] = {**before.get("doc", {}), **facts.get("doc", {})}
    return merged


def _covers(wide: tuple[str, ...] | None, narrow: tuple[str, ...] | None) -> bool:
    if wide is None:
        return True
    if narrow is None:
        return False
    return all(t in wide or (t == "integer" and "number" in wide) for t in narrow)


def _show(types: tuple[str, ...] | None) -> str:
    return "|".join(types) if types else "any"


def compare_facts(old: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]]) -> list[tuple[str, str, str]]:
    """(kind, node path, detail) for every difference between two flattened schemas."""
    found: list[tuple[str, str, str]] = []
    for path in sorted(set(old) | set(new)):
        name, subj = path or "schema", f"`{path}` " if path else ""
        if path.endswith(">") and (path not in old or path not in new):
            continue  # a whole union variant: reported as union-member-added/removed on its parent
        if path not in new:
            if not _parent_missing(path, new):
                found.append(("property-removed", path, f"property `{name}` removed"))
            continue
        if path not in old:
            if not _parent_missing(path, old):
                kind = "required-property-added" if new[path].get("required") else "property-added"
                found.append(
                    (kind, path, f"{'required' if new[path].get('required') else 'optional'} property `{name}` added")
                )
            continue
        a, b = old[path], new[path]
        if bool(a.get("required")) != bool(b.get("required")):
            kind = "became-required" if b.get("required") else "became-optional"
            found.append((kind, path, f"property `{name}` {kind.replace('-', ' ')}"))
        if a.get("ref") != b.get("ref") or ("ref" in a) != ("ref" in b):
            was, now = a.get("ref") or _show(a.get("type")), b.get("ref") or _show(b.get("type"))
            found.append(("ref-changed", path, f"{subj}is now `{now}` (was `{was}`)"))
        elif "ref" not in a and a.get("type") != b.get("type"):
            ta, tb = a.get("type"), b.get("type")
            kind = "type-widened" if _covers(tb, ta) else "type-narrowed" if _covers(ta, tb) else "type-changed"
            found.append((kind, path, f"{subj}type {_show(ta)} → {_show(tb)}"))
        if a.get("format") != b.get("format"):
            kind = (
                "format-added" if not a.get("format") else "format-removed" if not b.get("format") else "format-changed"
            )
            found.append((kind, path, f"{subj}format {a.get('format') or 'none'} → {b.get('format') or 'none'}"))
        if a["nullable"] != b["nullable"]:
            kind = "nullable-added" if b["nullable"] else "nullable-removed"
            found.append((kind, path, f"{subj}{'became' if b['nullable'] else 'is no longer'} nullable"))
        found += _compare_enums(subj, path, a.get("enum"), b.get("enum"))
        if a.get("union") != b.get("union"):
            ua, ub = set((a.get("union") or ("", ()))[1]), set((b.get("union") or ("", ()))[1])
            if ub - ua:
                found.append(("union-member-added", path, f"{subj}accepts also {', '.join(sorted(ub - ua))}"))
            if ua - ub:
                found.append(("union-member-removed", path, f"{subj}no longer accepts {', '.join(sorted(ua - ub))}"))
        changed_docs = sorted(k for k in set(a["doc"]) | set(b["doc"]) if a["doc"].get(k) != b["doc"].get(k))
        if changed_docs:
            found.append(("doc", path, f"{subj}{', '.join(changed_docs)} changed"))
    return found


def _compare_enums(
    subj: str, path: str, a: dict[str, Any] | None, b: dict[str, Any] | None
) -> list[tuple[str, str, str]]:
    if a == b or (a is not None and b is not None and a.keys() == b.keys()):
        return []
    if a is None:
        return [("enum-added", path, f"{subj}restricted to enum {sorted(map(str, b.values()))}")] if b else []
    if b is None:
        return [("enum-removed", path, f"{subj}no longer restricted to an enum")]
    out = []
    if added := [b[k] for k in b if k not in a]:
        out.append(("enum-value-added", path, f"{subj}enum values added: {', '.join(map(repr, added))}"))
    if removed := [a[k] for k in a if k not in b]:
        out.append(("enum-value-removed", path, f"{subj}enum values removed: {', '.join(map(repr, removed))}"))
    return out


def _parent_missing(path: str, side: dict[str, Any]) -> bool:
    """Report only the top of a removed (or added) subtree."""
    parent = re.sub(r"(\.[^.<>\[\]{}]+|\[\]|\{\*\}|<[^<>]*>)$", "", path)
    return parent != path and parent not in side


# ---------------------------------------------------------------- the differ


def _template(path: str) -> str:
    return re.sub(r"\{[^}]*\}", "{}", path)


def _path_args(path: str, table: dict[str, str]) -> list[str]:
    """The SDK's argument names for the path parameters."""
    return [py for _, py in path_arguments(path, table)]


class _Differ:
    def __init__(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        self.old, self.new = old, new
        naming = Naming.from_data(specdata.naming(NAMING_PATH))
        self.method_names = {key: name for key, name in naming.operations.items()}
        self.singular = naming.singulars
        self.changes: list[Change] = []

    def add(self, kind: str, where: str, detail: str, direction: str | None = None) -> None:
        self.changes.append(classify(kind, where, detail, direction))

    def run(self) -> list[Change]:
        old_ops, new_ops = _operations(self.old), _operations(self.new)
        for key in sorted(set(old_ops) | set(new_ops)):
            if key not in new_ops:
                path, op = old_ops[key]
                self.add("operation-removed", f"{key[0]} {path}", f"operation removed ({_opid(op)})")
            elif key not in old_ops:
                path, op = new_ops[key]
                self.add("operation-added", f"{key[0]} {path}", f"operation added ({_opid(op)})")
            else:
                self.operation(key[0], old_ops[key], new_ops[key])
        self.schemas()
        return self.changes

    # -- operations

    def operation(self, method: str, old: tuple[str, dict[str, Any]], new: tuple[str, dict[str, Any]]) -> None:
        (old_path, a), (new_path, b) = old, new
        where = f"{method} {new_path}"
        if old_path != new_path:
            same = _path_args(old_path, self.singular) == _path_args(new_path, self.singular)
            self.add(
                "path-parameter-renamed-arguments-kept" if same else "path-parameter-renamed-arguments-renamed",
                where,
                f"path was {old_path}; "
                + (
                    "the SDK argument names are unchanged"
                    if same
                    else f"SDK arguments {_path_args(old_path, self.singular)} → {_path_args(new_path, self.singular)}"
                ),
            )
        if a.get("operationId") != b.get("operationId"):
            old_id, new_id = a.get("operationId"), b.get("operationId")
            renamed_method = self.method_names.get(operation_key(str(old_id))) != self.method_names.get(
                operation_key(str(new_id))
            )
            detail = (
                f"operationId {new_id!r} added (was missing)"
                if old_id is None
                else f"operationId {old_id!r} → {new_id!r}"
            )
            if renamed_method:
                before, after = (
                    self.method_names.get(operation_key(str(i))) or "the path rule" for i in (old_id, new_id)
                )
                detail += f"; the method name changes: spec/naming.yaml maps it to {after} (was {before})"
            self.add(
                "operation-id-changed-method-renamed" if renamed_method else "operation-id-changed-method-kept",
                where,
                detail,
            )
        if bool(a.get("deprecated")) != bool(b.get("deprecated")):
            self.add("deprecated", where, "operation deprecated" if b.get("deprecated") else "no longer deprecated")
        docs = [k for k in ("summary", "description", "externalDocs") if _key(a.get(k)) != _key(b.get(k))]
        if docs:
            self.add("doc", where, f"{', '.join(docs)} changed")
        self.parameters(where, (old_path, a), (new_path, b))
        self.request_body(
            where, self._deref(self.old, a.get("requestBody")), self._deref(self.new, b.get("requestBody"))
        )
        self.responses(where, a.get("responses") or {}, b.get("responses") or {})

    def parameters(self, where: str, old_op: tuple[str, dict[str, Any]], new_op: tuple[str, dict[str, Any]]) -> None:
        (old_path, a), (new_path, b) = old_op, new_op

        def params(doc: dict[str, Any], op: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
            found = {}
            for position, p in enumerate(op.get("parameters") or []):
                p = self._deref(doc, p) or {}
                # path parameters are matched by position: their renames are reported with the path
                key = ("path", f"#{position}") if p.get("in") == "path" else (str(p.get("in")), str(p.get("name")))
                found[key] = p
            return found

        old, new = params(self.old, a), params(self.new, b)
        path_old = [p for k, p in old.items() if k[0] == "path"]
        path_new = [p for k, p in new.items() if k[0] == "path"]
        old = {k: v for k, v in old.items() if k[0] != "path"}
        new = {k: v for k, v in new.items() if k[0] != "path"}

        def in_path_order(found: list[dict[str, Any]], path: str) -> list[dict[str, Any]]:
            return sorted(found, key=lambda p: path.find("{" + str(p.get("name")) + "}"))

        for pa, pb in zip(in_path_order(path_old, old_path), in_path_order(path_new, new_path)):
            self.facts(
                where,
                f"path parameter {pb.get('name')}",
                self.flat(self.old, pa.get("schema")),
                self.flat(self.new, pb.get("schema")),
                "request",
            )
        for key in sorted(set(old) | set(new)):
            label = f"{key[0]} parameter `{key[1]}`"
            if key not in new:
                self.add("parameter-removed", where, f"{label} removed")
            elif key not in old:
                req = bool(new[key].get("required"))
                self.add(
                    "parameter-added-required" if req else "parameter-added-optional",
                    where,
                    f"{'required' if req else 'optional'} {label} added",
                )
            else:
                ra, rb = bool(old[key].get("required")), bool(new[key].get("required"))
                if ra != rb:
                    self.add(
                        "parameter-became-required" if rb else "parameter-became-optional",
                        where,
                        f"{label} became {'required' if rb else 'optional'}",
                    )
                if _key(old[key].get("description")) != _key(new[key].get("description")) or _key(
                    old[key].get("example")
                ) != _key(new[key].get("example")):
                    self.add("doc", where, f"{label} description or example changed")
                self.facts(
                    where,
                    label,
                    self.flat(self.old, old[key].get("schema")),
                    self.flat(self.new, new[key].get("schema")),
                    "request",
                )

    def request_body(self, where: str, a: dict[str, Any] | None, b: dict[str, Any] | None) -> None:
        if not a and not b:
            return
        if not b:
            self.add("request-body-removed", where, "request body removed")
            return
        if not a:
            req = bool(b.get("required"))
            self.add(
                "request-body-added-required" if req else "request-body-added-optional",
                where,
                f"{'required' if req else 'optional'} request body added",
            )
            return
        if bool(a.get("required")) != bool(b.get("required")):
            rb = bool(b.get("required"))
            self.add(
                "request-body-became-required" if rb else "request-body-became-optional",
                where,
                "request body became " + ("required" if rb else "optional"),
            )
        self.media(where, "request body", a.get("content") or {}, b.get("content") or {}, "request")

    def responses(self, where: str, a: dict[str, Any], b: dict[str, Any]) -> None:
        for code in sorted(set(a) | set(b), key=str):
            success = str(code).startswith("2")
            if code not in b:
                self.add(
                    "response-removed-success" if success else "response-removed-error",
                    where,
                    f"response {code} removed",
                )
            elif code not in a:
                self.add("response-added", where, f"response {code} added")
            else:
                ra, rb = self._deref(self.old, a[code]) or {}, self._deref(self.new, b[code]) or {}
                if _key(ra.get("description")) != _key(rb.get("description")):
                    self.add("doc", where, f"response {code} description changed")
                if success:  # error bodies become exceptions by status; their shape is not SDK surface
                    self.media(where, f"response {code}", ra.get("content") or {}, rb.get("content") or {}, "response")

    def media(self, where: str, label: str, a: dict[str, Any], b: dict[str, Any], direction: str) -> None:
        for ctype in sorted(set(a) | set(b)):
            if ctype not in b:
                self.add("content-type-removed", where, f"{label}: {ctype} removed", direction)
            elif ctype not in a:
                self.add("content-type-added", where, f"{label}: {ctype} added", direction)
            else:
                ma, mb = a[ctype] or {}, b[ctype] or {}
                if _key(ma.get("example")) != _key(mb.get("example")) or _key(ma.get("examples")) != _key(
                    mb.get("examples")
                ):
                    self.add("doc", where, f"{label} examples changed")
                self.facts(
                    where,
                    label,
                    self.flat(self.old, ma.get("schema")),
                    self.flat(self.new, mb.get("schema")),
                    direction,
                )

    def facts(
        self, where: str, label: str, a: dict[str, dict[str, Any]], b: dict[str, dict[str, Any]], direction: str
    ) -> None:
        for kind, path, detail in compare_facts(a, b):
            self.add(kind, where, f"{label}: {detail}", direction)

    # -- component schemas

    def schemas(self) -> None:
        old = (self.old.get("components") or {}).get("schemas") or {}
        new = (self.new.get("components") or {}).get("schemas") or {}
        old_usage, new_usage = _usage(self.old), _usage(self.new)
        usage = {name: old_usage.get(name, set()) | new_usage.get(name, set()) for name in set(old) | set(new)}
        for name in sorted(set(old) | set(new)):
            where = f"schema {name}"
            used = usage[name]
            direction = "request" if used == {"request"} else "response" if used == {"response"} else "both"
            if name not in new:
                self.add("schema-removed", where, f"model removed (was used in {_used(used)})")
            elif name not in old:
                self.add("schema-added", where, f"model added (used in {_used(used)})")
            else:
                for kind, path, detail in compare_facts(self.flat(self.old, old[name]), self.flat(self.new, new[name])):
                    self.add(kind, where, detail, direction)

    @staticmethod
    def flat(doc: dict[str, Any], schema: Any) -> dict[str, dict[str, Any]]:
        return flatten(schema, (doc.get("components") or {}).get("schemas") or {})

    @staticmethod
    def _deref(doc: dict[str, Any], node: Any) -> Any:
        """Through components/parameters, requestBodies and responses; a schema reference stays."""
        return openapi.deref(doc, node, schemas=False)


def _opid(op: dict[str, Any]) -> str:
    return f"operationId {op['operationId']}" if op.get("operationId") else "no operationId"


def _operations(doc: dict[str, Any]) -> dict[tuple[str, str], tuple[str, dict[str, Any]]]:
    ops = {}
    for path, method, item, operation in openapi.operations(doc):
        op = dict(operation)
        op["parameters"] = [*openapi.as_list(item.get("parameters")), *openapi.as_list(op.get("parameters"))]
        ops[(method.upper(), _template(path))] = (path, op)
    return ops


def _usage(doc: dict[str, Any]) -> dict[str, set[str]]:
    """Where each schema is read: from request parameters/bodies, from success responses, or both."""
    schemas = (doc.get("components") or {}).get("schemas") or {}
    roots: dict[str, list[Any]] = {"request": [], "response": []}
    for _, op in _operations(doc).values():
        roots["request"] += [op.get("parameters"), op.get("requestBody")]
        roots["response"] += [r for code, r in (op.get("responses") or {}).items() if str(code).startswith("2")]
    usage: dict[str, set[str]] = {}
    for direction, nodes in roots.items():
        seen: set[str] = set()
        todo = _refs(nodes, doc)
        while todo:  # the visited set is the cycle guard (multiple_filter_search_request is recursive)
            name = todo.pop()
            if name in seen:
                continue
            seen.add(name)
            usage.setdefault(name, set()).add(direction)
            todo |= _refs(schemas.get(name), doc)
    return usage


def _refs(node: Any, doc: dict[str, Any], depth: int = 0) -> set[str]:
    """The component schemas `node` references, through references to other components."""
    found: set[str] = set()
    for ref in openapi.refs(node):
        if ref.startswith(SCHEMA_PREFIX):
            found.add(_ref_name(ref))
        elif ref.startswith("#/components/") and depth < 10:
            found |= _refs(openapi.lookup(doc, ref), doc, depth + 1)
    return found


def _used(directions: set[str]) -> str:
    return " and ".join(sorted(directions)) + "s" if directions else "no operation"
