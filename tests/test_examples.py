"""Request examples round-trip through the SDK's request-body models.

Every request example of the 2.9 description either passes through its operation's body
model unchanged (`model_validate`, then `model_dump(mode="json", by_alias=True,
exclude_unset=True)` gives the same JSON), or is listed in
tests/data/contradicting-examples-2.9.yaml with the JSON path where it contradicts the
schema and why. Exactly the listed (operation, example, path, error) entries must fail:
a model that accepts a listed contradiction, rejects anything else, or changes a value
fails this test. Response examples are checked in test_models.py.

Regenerate the list with UPDATE_SNAPSHOTS=1 after reviewing a change (reasons are kept).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pydantic
import yaml

import intercom_sdk.types as types

DATA = Path(__file__).parent / "data" / "contradicting-examples-2.9.yaml"
Key = tuple[str, str, str, str]  # operationId, example name, JSON path, error kind


def json_path(value: Any, loc: tuple[Any, ...], error: str) -> tuple[str, list[str]]:
    """The JSON path that a pydantic error location points at, and the union branches
    (model names, which are not keys of the data) it went through."""
    parts: list[str] = []
    branches: list[str] = []
    for i, item in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(value, dict) and item in value:
            value = value[item]
            parts.append(str(item))
        elif isinstance(value, list) and isinstance(item, int) and item < len(value):
            value = value[item]
            parts.append(str(item))
        elif last and error == "missing":
            parts.append(str(item))
        else:
            branches.append(str(item))
    return ".".join(parts) or "(body)", branches


def _kind(error: dict[str, Any]) -> str:
    return str(error["type"])


def validation_failures(value: Any, exc: pydantic.ValidationError) -> list[tuple[str, str]]:
    """(path, error kind) of the union branch that came closest: the one whose literal
    (discriminating) fields matched, then the one with the fewest errors."""
    by_branch: dict[tuple[str, ...], list[tuple[str, str]]] = {}
    for error in exc.errors():
        path, branches = json_path(value, tuple(error["loc"]), _kind(error))
        by_branch.setdefault(tuple(branches), []).append((path, _kind(error)))
    return sorted(min(by_branch.values(), key=lambda errs: (sum(k == "literal_error" for _, k in errs), len(errs))))


def differences(sent: Any, kept: Any, path: str = "") -> list[str]:
    if isinstance(sent, dict) and isinstance(kept, dict):
        out = [f"{path}.{k}".lstrip(".") for k in sent.keys() ^ kept.keys()]
        for k in sent.keys() & kept.keys():
            out += differences(sent[k], kept[k], f"{path}.{k}")
        return out
    if isinstance(sent, list) and isinstance(kept, list) and len(sent) == len(kept):
        return [d for i, pair in enumerate(zip(sent, kept)) for d in differences(*pair, f"{path}.{i}")]
    same = sent == kept and type(sent) is type(kept)
    return [] if same else [path.lstrip(".") or "(body)"]


def round_trip(op: Any, value: Any) -> list[tuple[str, str, Any]]:
    """How the example fails to round-trip: (path, error kind, offending value)."""
    model = getattr(types, op.body_model)
    try:
        parsed = model.model_validate(value)
    except pydantic.ValidationError as exc:
        return [(path, kind, _at(value, path)) for path, kind in validation_failures(value, exc)]
    kept = parsed.model_dump(mode="json", by_alias=True, exclude_unset=True)
    return [(path, "changed", _at(value, path)) for path in sorted(differences(value, kept))]


def _at(value: Any, path: str) -> Any:
    if path == "(body)":
        return value
    for part in path.split("."):
        if isinstance(value, dict):
            value = value.get(part)
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return None
    return value


def test_request_examples_round_trip_except_the_listed_contradictions(api29: Any) -> None:
    listed = yaml.safe_load(DATA.read_text())
    expected = {(e["operation"], e["example"], e["path"], e["error"]): e["reason"] for e in listed["contradictions"]}
    actual: dict[Key, Any] = {}
    checked = 0
    for op in api29.operations:
        if not op.has_body:
            continue
        assert op.body_model, f"{op.operation_id} sends a body but has no request model"
        for ex in op.request_examples:
            checked += 1
            for path, kind, offending in round_trip(op, ex.value):
                actual[(op.operation_id, ex.name, path, kind)] = offending

    if os.environ.get("UPDATE_SNAPSHOTS"):
        rows = [
            {"operation": o, "example": e, "path": p, "error": k, "reason": expected.get((o, e, p, k)) or f"TODO: {v!r}"}
            for (o, e, p, k), v in sorted(actual.items())
        ]
        header = "".join(line for line in DATA.read_text().splitlines(keepends=True) if line.startswith("#"))
        body = {"request_examples": checked, "contradictions": rows}
        DATA.write_text(header + yaml.safe_dump(body, sort_keys=False, width=110, allow_unicode=True))

    assert checked == listed["request_examples"], f"the description has {checked} request examples now"
    unexpected = sorted(set(actual) - set(expected))
    fixed = sorted(set(expected) - set(actual))
    assert not unexpected, "request examples that fail the SDK models but are not listed:\n" + "\n".join(
        f"  {o} / {e}: {p} ({k}): {actual[(o, e, p, k)]!r}" for o, e, p, k in unexpected
    )
    assert not fixed, "listed contradictions that no longer fail (remove them from the list):\n" + "\n".join(
        f"  {o} / {e}: {p} ({k})" for o, e, p, k in fixed
    )
    assert all(reason and not reason.startswith("TODO") for reason in expected.values())


def test_examples_without_a_listed_contradiction_serialize_to_the_same_json(api29: Any) -> None:
    """The positive half, spelled out: a clean example goes through the model byte for byte."""
    listed = {(e["operation"], e["example"]) for e in yaml.safe_load(DATA.read_text())["contradictions"]}
    clean = [(op, ex) for op in api29.operations for ex in op.request_examples if (op.operation_id, ex.name) not in listed]
    assert len(clean) >= 50
    for op, ex in clean:
        model = getattr(types, op.body_model)
        dumped = model.model_validate(ex.value).model_dump(mode="json", by_alias=True, exclude_unset=True)
        assert dumped == ex.value, f"{op.operation_id} / {ex.name}"


def test_the_path_finder_skips_union_branch_names() -> None:
    value = {"admin_id": 1, "from": {"id": "x"}, "items": [{"a": 1}]}
    assert json_path(value, ("CloseConversationRequest", "admin_id"), "string_type") == ("admin_id", ["CloseConversationRequest"])
    assert json_path(value, ("from", "id"), "int_parsing") == ("from.id", [])
    assert json_path(value, ("items", 0, "b"), "missing") == ("items.0.b", [])
    assert json_path(value, (), "model_type") == ("(body)", [])
    assert differences({"a": "1", "b": [1]}, {"a": 1, "b": [1]}) == ["a"]
