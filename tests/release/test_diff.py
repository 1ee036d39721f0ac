"""The semantic spec diff, on the real 2.9 history and on small edited copies."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.release import diff
from generator.__main__ import main
from generator.release.diff import Change, Report

from tests.conftest import MIRROR

HISTORY = Path(MIRROR) / "history" / "2.9"
CURRENT = Path(MIRROR) / "descriptions" / "2.9" / "api.intercom.io.yaml"
OLDEST = HISTORY / "62108ba7d1d03349bb2a183ea594213e552f45f7.yaml"
# oldest -> newest, worked out by which revisions differ least (see test_history_order)
ORDER = ["62108ba", "604027d", "184e88b", "4583350"]


def _file(short: str) -> Path:
    return CURRENT if short == "8889625" else next(HISTORY.glob(f"{short}*.yaml"))


@pytest.fixture(scope="module")
def docs() -> dict[str, dict[str, Any]]:
    return {short: diff.load(_file(short)) for short in [*ORDER, "8889625"]}


@pytest.fixture(scope="module")
def oldest_to_newest(docs: dict[str, dict[str, Any]]) -> Report:
    return diff.diff_docs(docs["62108ba"], docs["8889625"], old_label="62108ba", new_label="8889625")


def _find(report: Report, level: str, where: str, fragment: str) -> Change:
    hits = [c for c in report.changes if c.level == level and c.where == where and fragment in c.detail]
    assert hits, f"no {level} change at {where!r} containing {fragment!r}; got: " + "; ".join(
        f"{c.level} {c.where}: {c.detail}" for c in report.changes if c.where == where
    )
    return hits[0]


def _semantic(report: Report) -> int:
    return sum(c.level != "doc-only" for c in report.changes)


def test_history_order(docs: dict[str, dict[str, Any]]) -> None:
    """Each revision in ORDER is closer to its successor than to anything further along."""
    chain = [*ORDER, "8889625"]
    for i in range(len(chain) - 2):
        near = _semantic(diff.diff_docs(docs[chain[i]], docs[chain[i + 1]]))
        far = _semantic(diff.diff_docs(docs[chain[i]], docs[chain[-1]]))
        assert near < far, (chain[i], near, far)


def test_removed_operations_are_breaking(oldest_to_newest: Report) -> None:
    removed = {c.where for c in oldest_to_newest.changes if c.kind == "operation-removed"}
    assert removed == {"DELETE /visitors/{id}", "GET /visitors/{id}", "POST /tickets/{ticket_id}/notes"}
    assert _find(oldest_to_newest, "breaking", "DELETE /visitors/{id}", "deleteVisitor")
    added = {c.where for c in oldest_to_newest.changes if c.kind == "operation-added"}
    assert added == {"GET /help_center/help_centers", "GET /help_center/help_centers/{id}", "POST /tickets/{id}/reply"}
    assert all(c.level == "non-breaking" for c in oldest_to_newest.changes if c.kind == "operation-added")


def test_operation_ids_renamed_and_added(oldest_to_newest: Report) -> None:
    renamed = [c for c in oldest_to_newest.changes if c.kind.startswith("operation-id-changed")]
    assert len(renamed) == 12  # 4 ids with spaces, 1 typo fix, 7 operations that had no id
    # the typo fix now matches spec/naming.yaml's entry, which names the method differently from the path rule
    assert [c.where for c in renamed if c.kind == "operation-id-changed-method-renamed"] == [
        "DELETE /contacts/{contact_id}/companies/{id}"
    ]
    assert all(c.level == "breaking" if c.kind.endswith("renamed") else c.level == "non-breaking" for c in renamed)
    # operationIds are compared by their words (generator/naming.py): the method stays data_exports.create.
    spaced = _find(
        oldest_to_newest, "non-breaking", "POST /export/content/data", "'create data export' → 'createDataExport'"
    )
    assert "method name changes" not in spaced.detail
    assert _find(oldest_to_newest, "non-breaking", "GET /tickets/{id}", "operationId 'getTicket' added")


def test_merge_contacts_request_gained_required_fields(oldest_to_newest: Report) -> None:
    for field in ("from", "into"):
        change = _find(
            oldest_to_newest, "breaking", "schema merge_contacts_request", f"property `{field}` became required"
        )
        assert change.kind == "became-required"


def test_schemas_added_and_removed(oldest_to_newest: Report) -> None:
    removed = {c.where for c in oldest_to_newest.changes if c.kind == "schema-removed"}
    # custom_attributes also disappeared upstream, but our repair restores it on both sides
    assert removed == {"schema create_ticket_note_request", "schema custom_object_instance"}
    added = {c.where for c in oldest_to_newest.changes if c.kind == "schema-added"}
    assert len(added) == 21
    assert {"schema contact_reference", "schema help_center", "schema tag_basic"} <= added
    assert all(c.level == "breaking" for c in oldest_to_newest.changes if c.kind == "schema-removed")


def test_enum_values_inserted_and_removed_follow_the_direction(oldest_to_newest: Report) -> None:
    # a new operator in a request enum widens what callers may send
    _find(oldest_to_newest, "non-breaking", "schema single_filter_search_request", "enum values added: '<=', '>='")
    # a new value in a response enum is non-breaking but flagged
    change = _find(oldest_to_newest, "non-breaking", "schema activity_log", "'admin_avatar_change'")
    assert "warning" in change.detail
    # removing a value callers could send breaks them; in a response it does not
    _find(oldest_to_newest, "breaking", "schema create_data_attribute_request", "enum values removed: 'conversation'")
    _find(oldest_to_newest, "non-breaking", "schema data_attribute", "enum values removed: 'conversation'")


def test_response_and_parameter_changes(oldest_to_newest: Report) -> None:
    _find(oldest_to_newest, "breaking", "schema contact", "property `formatted_phone` removed")
    _find(oldest_to_newest, "non-breaking", "schema contact", "optional property `external_id` added")
    _find(
        oldest_to_newest, "breaking", "DELETE /contacts/{id}", "response 200: is now `contact_deleted` (was `contact`)"
    )
    _find(oldest_to_newest, "non-breaking", "GET /admins", "optional query parameter `display_avatar` added")
    _find(oldest_to_newest, "breaking", "POST /companies/list", "query parameter `page`: type string → integer")
    _find(oldest_to_newest, "breaking", "schema conversation_part_author", "`name` became nullable")


def test_allof_refactoring_is_not_reported_as_removal(oldest_to_newest: Report) -> None:
    # `article` became `allOf: [article_list_item]` plus its own fields: same properties for the SDK
    assert not [c for c in oldest_to_newest.changes if c.where == "schema article" and c.kind == "property-removed"]


def test_latest_pair_adds_the_merge_requirement_and_churns_docs(docs: dict[str, dict[str, Any]]) -> None:
    report = diff.diff_docs(docs["4583350"], docs["8889625"])
    assert {(c.where, c.detail) for c in report.changes if c.level == "breaking"} == {
        ("schema merge_contacts_request", "property `from` became required"),
        ("schema merge_contacts_request", "property `into` became required"),
    }
    _find(report, "doc-only", "schema data_export_csv", "`first_click` description changed")
    assert report.counts["doc-only"] > _semantic(report)


def test_revisions_churn_examples_as_doc_only(docs: dict[str, dict[str, Any]]) -> None:
    report = diff.diff_docs(docs["604027d"], docs["184e88b"])
    churn = [c for c in report.changes if c.kind == "doc" and "examples changed" in c.detail]
    assert len(churn) > 20 and all(c.level == "doc-only" for c in churn)


def _write(path: Path, doc: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True))
    return path


def test_example_only_change_is_doc_only(tmp_path: Path, docs: dict[str, dict[str, Any]]) -> None:
    new = copy.deepcopy(docs["8889625"])
    media = new["paths"]["/contacts/{id}"]["get"]["responses"]["200"]["content"]["application/json"]
    next(iter(media["examples"].values()))["value"]["id"] = "0123456789abcdef01234567"
    new["components"]["schemas"]["contact"]["properties"]["email"]["example"] = "someone@example.org"
    report = diff.diff_files(_write(tmp_path / "old.yaml", docs["8889625"]), _write(tmp_path / "new.yaml", new))
    assert report.bump == "serial"
    assert [(c.level, c.where, c.detail) for c in report.changes] == [
        ("doc-only", "GET /contacts/{id}", "response 200 examples changed"),
        ("doc-only", "schema contact", "`email` example changed"),
    ]


def test_identical_files_have_no_changes(docs: dict[str, dict[str, Any]]) -> None:
    report = diff.diff_docs(docs["8889625"], copy.deepcopy(docs["8889625"]))
    assert report.changes == [] and report.bump == "none"


def test_path_parameter_rename_is_a_rename(tmp_path: Path, docs: dict[str, dict[str, Any]]) -> None:
    new = copy.deepcopy(docs["8889625"])
    item = new["paths"].pop("/contacts/{id}")
    for op in item.values():
        for param in op.get("parameters", []):
            if param.get("in") == "path":
                param["name"] = "contact_id"
    new["paths"]["/contacts/{contact_id}"] = item
    report = diff.diff_docs(docs["8889625"], new)
    renames = [c for c in report.changes if c.kind == "path-parameter-renamed-arguments-kept"]
    assert {c.where for c in renames} == {f"{m} /contacts/{{contact_id}}" for m in ("GET", "PUT", "DELETE")}
    assert all(c.level == "non-breaking" and "argument names are unchanged" in c.detail for c in renames)
    assert not [c for c in report.changes if c.kind in ("operation-added", "operation-removed")]
    assert not [c for c in report.changes if c.level != "non-breaking"]


def test_new_required_request_field_and_narrowed_type(docs: dict[str, dict[str, Any]]) -> None:
    new = copy.deepcopy(docs["8889625"])
    body = new["components"]["schemas"]["merge_contacts_request"]
    body["properties"]["reason"] = {"type": "string"}
    body["required"] = [*body.get("required", []), "reason"]
    body["properties"]["from"]["type"] = "integer"
    report = diff.diff_docs(docs["8889625"], new)
    _find(report, "breaking", "schema merge_contacts_request", "required property `reason` added")
    _find(report, "breaking", "schema merge_contacts_request", "`from` type string → integer")
    assert report.bump == "breaking"


def test_both_sides_are_repaired_by_the_same_rules(docs: dict[str, dict[str, Any]]) -> None:
    """A revision where upstream fixed a defect is compared with one that still has it, both
    repaired: the rule's fix is no change at all."""
    fixed = copy.deepcopy(docs["8889625"])
    conversation = fixed["components"]["schemas"]["create_conversation_request"]
    del conversation["properties"]["from"]["properties"]["id"]["format"]  # what rule uuid-format-on-short-id does
    report = diff.diff_docs(docs["8889625"], fixed)
    assert report.repairs == "applied"
    assert not [c for c in report.changes if "from" in c.detail and "format" in c.detail]


def test_cli_markdown_json_and_fail_on_breaking(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(OLDEST), str(CURRENT)]) == 0
    markdown = capsys.readouterr().out
    assert "**BREAKING" in markdown and "### Breaking changes" in markdown and "<details>" in markdown
    assert main(["diff", str(OLDEST), str(CURRENT), "--format", "json", "--fail-on-breaking"]) == 2
    data = json.loads(capsys.readouterr().out)
    assert data["bump"] == "breaking" and data["api_version"] == "2.9"
    assert data["counts"]["breaking"] == sum(c["level"] == "breaking" for c in data["changes"]) > 0
    assert main(["diff", str(CURRENT), str(CURRENT), "--fail-on-breaking"]) == 0


def test_cli_against_lock_with_unchanged_mirror(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "--api-version", "2.9", "--against-lock", "--mirror", MIRROR, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["bump"] == "none"


def test_cli_names_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(tmp_path / "nope.yaml"), str(CURRENT)]) == 1
    assert "nope.yaml" in capsys.readouterr().err


# ---------------------------------------------------------------- one table for every classification


def test_every_change_on_the_real_history_is_classified_by_the_table(docs: dict[str, dict[str, Any]]) -> None:
    chain = [*ORDER, "8889625"]
    reports = [diff.diff_docs(docs[a], docs[b]) for a, b in [*zip(chain, chain[1:]), (chain[0], chain[-1])]]
    seen = {c.kind for r in reports for c in r.changes}
    assert seen <= set(diff.KINDS), seen - set(diff.KINDS)
    assert len(seen) >= 25  # the history exercises most of the table
    for change in (c for r in reports for c in r.changes):
        kind = diff.KINDS[change.kind]
        assert change.level in kind.levels(), change
        if kind.level is not None:
            assert change.level == kind.level, change


def test_an_unknown_kind_or_a_level_the_table_does_not_give_is_refused() -> None:
    with pytest.raises(ValueError, match="no classification for change kind 'parameter-added'"):
        diff.classify("parameter-added", "GET /admins", "optional query parameter `x` added")
    with pytest.raises(ValueError, match="not in diff.KINDS"):
        Change("non-breaking", "no-such-kind", "GET /admins", "?")
    with pytest.raises(ValueError, match="not in diff.KINDS"):
        Change("non-breaking", "operation-removed", "GET /admins", "operation removed")  # the table says breaking
    with pytest.raises(ValueError, match="needs one of"):
        diff.classify("type-narrowed", "schema contact", "type integer|string → string")  # no direction


def test_levels_follow_the_direction_and_the_response_enum_warning() -> None:
    for name, kind in diff.KINDS.items():  # one level, or one per direction; nothing else
        assert (kind.level is None) == (kind.request is not None) == (kind.response is not None), name
        assert kind.levels() <= set(diff.LEVELS) and kind.change, name

    def level(kind: str, direction: str | None = None) -> str:
        return diff.classify(kind, "schema x", "detail", direction).level

    assert [level("type-narrowed", d) for d in ("request", "response", "both")] == [
        "breaking",
        "non-breaking",
        "breaking",
    ]
    assert [level("became-optional", d) for d in ("request", "response", "both")] == [
        "non-breaking",
        "breaking",
        "breaking",
    ]
    assert level("parameter-added-required") == "breaking" and level("parameter-added-optional") == "non-breaking"
    assert level("doc", "response") == "doc-only"  # one level wherever it is
    assert "warning" not in diff.classify("enum-value-added", "schema x", "enum values added: 'a'", "request").detail
    for direction in ("response", "both"):
        change = diff.classify("enum-value-added", "schema x", "enum values added: 'a'", direction)
        assert change.level == "non-breaking" and change.detail.endswith(diff.RESPONSE_WARNING)


def test_changes_are_only_made_by_classify() -> None:
    """No `Change(...)` in diff.py outside `classify`: a level is never picked inline."""
    import ast

    tree = ast.parse(Path(diff.__file__).read_text())
    callers = []
    for func in ast.walk(tree):
        if isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for node in ast.walk(func):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Change":
                    callers.append(func.name)
    calls = [
        n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "Change"
    ]
    assert callers == ["classify"] and len(calls) == 1


def test_the_docs_list_every_kind_with_its_level() -> None:
    text = (Path(diff.__file__).resolve().parents[2] / "docs" / "versioning.md").read_text()
    start, end = "<!-- kinds: generated -->\n", "<!-- /kinds -->"
    assert start in text and end in text, "docs/versioning.md lost the markers around the classification table"
    listed = text[text.index(start) + len(start) : text.index(end)].strip("\n") + "\n"
    for name, kind in diff.KINDS.items():
        rows = [row for row in listed.splitlines() if row.startswith(f"| `{name}` |")]
        assert len(rows) == 1, f"docs/versioning.md does not list `{name}` once"
        assert all(level in rows[0] for level in kind.levels()), rows[0]
    assert listed == diff.classification_table(), (
        "docs/versioning.md's table differs from diff.KINDS; paste the output of "
        "`python -c 'from generator.release import diff; print(diff.classification_table(), end=\"\")'`"
    )


def test_conditional_cases_are_kinds_of_their_own(docs: dict[str, dict[str, Any]]) -> None:
    """The cases that used to pick a level inline, each edited into the 2.9 description."""
    old = docs["8889625"]
    new = copy.deepcopy(old)
    paths = new["paths"]
    paths["/admins"]["get"].setdefault("parameters", []).append(
        {"name": "team", "in": "query", "required": True, "schema": {"type": "string"}}
    )
    # attachTagToContact is contacts.tags.attach in spec/naming.yaml; the new id falls back to the path rule
    paths["/contacts/{contact_id}/tags"]["post"]["operationId"] = "addTagToContact"
    responses = paths["/tags/{id}"]["delete"]["responses"]
    responses["202"] = responses.pop("200")  # with no 2xx left, rule missing-success-response would add a 200
    del responses["404"]
    item = paths.pop("/companies/{id}")
    for op in item.values():
        for param in op.get("parameters", []):
            if param.get("in") == "path":
                param["name"] = "company"
    paths["/companies/{company}"] = item
    report = diff.diff_docs(old, new)
    kinds = {(c.kind, c.level) for c in report.changes}
    assert ("parameter-added-required", "breaking") in kinds
    assert ("operation-id-changed-method-renamed", "breaking") in kinds
    assert ("response-removed-success", "breaking") in kinds
    assert ("path-parameter-renamed-arguments-renamed", "breaking") in kinds
    assert ("response-removed-error", "non-breaking") in kinds
    change = _find(report, "breaking", "POST /contacts/{contact_id}/tags", "'attachTagToContact' → 'addTagToContact'")
    assert "maps it to the path rule (was contacts.tags.attach)" in change.detail
    _find(report, "breaking", "GET /companies/{company}", "SDK arguments ['company_id'] → ['company']")
