"""spec/*.yaml through the typed loaders of generator/specdata.py: the real files load, small
broken files are refused with the key and the file named, and what the loaders cannot know (the
descriptions, the runtime) is checked here: every operationId spec/naming.yaml names is in a
locked description, every pagination style is one the runtime knows."""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import lock, specdata, versions
from generator.errors import GeneratorError
from generator.naming import fallback_operation_id, operation_key
from generator.openapi import operations
from generator.pipeline import fetch

from tests.conftest import MIRROR, ROOT

RUNTIME_PAGINATION = ROOT / "templates" / "package" / "src" / "intercom_sdk" / "pagination.py"

NAMING = {
    "actions": {"search": "search"},
    "singular": {"news": "news"},
    "operations": {"attachTagToContact": "contacts.tags.attach"},
}
PAGINATION = {
    "styles": [
        {"style": "next_url", "response": {"schema": "pages_link"}},
        {"style": "scroll", "request": {"in": "query", "names": ["scroll_param"]}},
    ],
    "envelope": {
        "property": "pages",
        "declared": ["page", "per_page"],
        "parameters": [{"name": "page", "if": "page", "description": "The page.", "schema": {"type": "integer"}}],
    },
}
RELEASES = {"unstable": {"folder": "0", "info_version": "Preview", "intercom_version": "Unstable"}}
RESTORED = {"schemas": {"custom_attributes": {"from": "2.12", "schema": {"type": "object"}}}}


def _write(tmp_path: Path, name: str, data: Any) -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def _edited(data: dict[str, Any], edit: Callable[[dict[str, Any]], object]) -> dict[str, Any]:
    copy: dict[str, Any] = yaml.safe_load(yaml.safe_dump(data))
    edit(copy)
    return copy


# ---------------------------------------------------------------- the real files


def test_the_real_files_load() -> None:
    naming = specdata.naming()
    assert naming.operations["attachTagToContact"] == "contacts.tags.attach"
    assert naming.actions["run_assignment_rules"] == "auto_assign" and naming.singular["customers"] == "contact"
    pagination = specdata.pagination()
    assert [rule.style for rule in pagination.styles][:2] == ["next_url", "pages"]
    assert (
        pagination.styles[0].response == specdata.ResponseMatch("pages_link") and pagination.styles[0].request is None
    )
    assert pagination.styles[1].request == specdata.RequestMatch("query", ("page", "starting_after"))
    assert pagination.envelope.property == "pages" and [p.name for p in pagination.envelope.parameters] == [
        "page",
        "per_page",
        "starting_after",
    ]
    assert specdata.releases().unstable == versions.unstable() == specdata.Unstable("0", "Preview", "Unstable")
    assert specdata.restored_schemas()["custom_attributes"].from_ == "2.12"


def test_small_valid_files_load(tmp_path: Path) -> None:
    assert specdata.naming(_write(tmp_path, "naming.yaml", NAMING)) == specdata.NamingData(**NAMING)
    pagination = specdata.pagination(_write(tmp_path, "pagination.yaml", PAGINATION))
    assert pagination.styles == (
        specdata.PagingRule("next_url", None, specdata.ResponseMatch("pages_link")),
        specdata.PagingRule("scroll", specdata.RequestMatch("query", ("scroll_param",)), None),
    )
    assert pagination.envelope == specdata.Envelope(
        "pages", ("page", "per_page"), (specdata.EnvelopeParameter("page", "page", "The page.", {"type": "integer"}),)
    )
    assert specdata.releases(_write(tmp_path, "releases.yaml", RELEASES)).unstable.intercom_version == "Unstable"
    assert specdata.restored_schemas(_write(tmp_path, "restored-schemas.yaml", RESTORED)) == {
        "custom_attributes": specdata.RestoredSchema("2.12", {"type": "object"})
    }
    assert specdata.restored_schemas(tmp_path / "absent.yaml") == {}  # add-release creates the file


# ---------------------------------------------------------------- refusals

LOADERS: dict[str, tuple[Callable[[Path], object], dict[str, Any]]] = {
    "naming.yaml": (specdata.naming, NAMING),
    "pagination.yaml": (specdata.pagination, PAGINATION),
    "releases.yaml": (specdata.releases, RELEASES),
    "restored-schemas.yaml": (specdata.restored_schemas, RESTORED),
}

REFUSALS: list[tuple[str, Callable[[dict[str, Any]], object], str]] = [
    # unknown keys
    (
        "naming.yaml",
        lambda d: d.update(operation={}),
        "unknown key 'operation' (expected: actions, singular, operations)",
    ),
    (
        "pagination.yaml",
        lambda d: d["styles"][1]["request"].update(nmaes=["x"]),
        "`styles[1].request`: unknown key 'nmaes'",
    ),
    (
        "pagination.yaml",
        lambda d: d["envelope"]["parameters"][0].update(when="page"),
        "`envelope.parameters[0]`: unknown key 'when'",
    ),
    ("releases.yaml", lambda d: d["unstable"].update(header="x"), "`unstable`: unknown key 'header'"),
    (
        "restored-schemas.yaml",
        lambda d: d["schemas"]["custom_attributes"].update(since="2.12"),
        "`schemas.custom_attributes`: unknown key 'since'",
    ),
    # missing keys
    ("naming.yaml", lambda d: d.pop("singular"), "missing key 'singular'"),
    ("pagination.yaml", lambda d: d.pop("envelope"), "missing key 'envelope'"),
    ("pagination.yaml", lambda d: d["styles"][0].pop("style"), "`styles[0]`: missing key 'style'"),
    (
        "pagination.yaml",
        lambda d: d["styles"][0].pop("response"),
        "`styles[0]`: needs exactly one of `request` and `response`",
    ),
    (
        "pagination.yaml",
        lambda d: d["styles"][0].update(request={"in": "query", "names": ["page"]}),
        "needs exactly one of",
    ),
    ("releases.yaml", lambda d: d["unstable"].pop("intercom_version"), "`unstable`: missing key 'intercom_version'"),
    (
        "restored-schemas.yaml",
        lambda d: d["schemas"]["custom_attributes"].pop("from"),
        "`schemas.custom_attributes`: missing key 'from'",
    ),
    # wrongly typed values
    (
        "naming.yaml",
        lambda d: d["operations"].update(attachTagToContact=3),
        "`operations.attachTagToContact`: expected a string, found an integer (3)",
    ),
    ("naming.yaml", lambda d: d.update(actions=None), "`actions`: expected a mapping, found nothing (null)"),
    ("naming.yaml", lambda d: d["operations"].update(attachTagToContact="attach"), "expected `resource.verb`"),
    (
        "pagination.yaml",
        lambda d: d["styles"][1]["request"].update(names="scroll_param"),
        "`styles[1].request.names`: expected a list, found a string",
    ),
    ("pagination.yaml", lambda d: d["styles"][1]["request"].update(names=[]), "expected at least one name"),
    (
        "pagination.yaml",
        lambda d: d["styles"][1]["request"].update({"in": "cookie"}),
        "`styles[1].request.in`: expected one of query, body, path, header",
    ),
    (
        "pagination.yaml",
        lambda d: d["envelope"]["parameters"][0].update(schema="integer"),
        "`envelope.parameters[0].schema`: expected a mapping",
    ),
    ("pagination.yaml", lambda d: d.update(styles={"style": "pages"}), "`styles`: expected a list, found a mapping"),
    (
        "releases.yaml",
        lambda d: d["unstable"].update(folder=0),
        "`unstable.folder`: expected a string, found an integer (0)",
    ),
    (
        "restored-schemas.yaml",
        lambda d: d["schemas"]["custom_attributes"].update({"from": 2.12}),
        "`schemas.custom_attributes.from`: expected a string, found a number",
    ),
    ("restored-schemas.yaml", lambda d: d.update(schemas=[]), "`schemas`: expected a mapping, found a list"),
]


@pytest.mark.parametrize(("name", "edit", "message"), REFUSALS, ids=[f"{n}-{m[:40]}" for n, _, m in REFUSALS])
def test_a_broken_file_is_refused_naming_the_key_and_the_file(
    tmp_path: Path, name: str, edit: Callable[[dict[str, Any]], object], message: str
) -> None:
    loader, valid = LOADERS[name]
    loader(_write(tmp_path, name, valid))  # the unedited file loads
    path = _write(tmp_path, name, _edited(valid, edit))
    with pytest.raises(GeneratorError) as caught:
        loader(path)
    assert message in caught.value.message
    assert caught.value.where == str(path) and caught.value.message.startswith(f"{name}: ")


@pytest.mark.parametrize("name", sorted(LOADERS))
def test_unreadable_and_non_mapping_files_are_refused(tmp_path: Path, name: str) -> None:
    loader, _ = LOADERS[name]
    path = tmp_path / name
    path.write_text("- a list\n")
    with pytest.raises(GeneratorError, match="expected a mapping, found a list"):
        loader(path)
    path.write_text("key: [unclosed\n")
    with pytest.raises(GeneratorError, match="is not valid YAML"):
        loader(path)
    if name != "restored-schemas.yaml":
        with pytest.raises(GeneratorError, match="cannot read"):
            loader(tmp_path / "absent" / name)


def test_the_generator_reads_spec_through_the_loaders(tmp_path: Path) -> None:
    """A typo in spec/ stops the normalize stage and the repairs, instead of being ignored."""
    from generator.pipeline import normalize, repairs

    for name in ("naming.yaml", "pagination.yaml", "restored-schemas.yaml", "typing.yaml"):
        (tmp_path / name).write_text((ROOT / "spec" / name).read_text())
    assert normalize.load_data(tmp_path)["pagination"] == specdata.pagination().styles
    assert repairs.Data.load(tmp_path).envelope == specdata.pagination().envelope
    (tmp_path / "pagination.yaml").write_text(
        (ROOT / "spec" / "pagination.yaml").read_text().replace("names: [page]", "name: [page]")
    )
    with pytest.raises(GeneratorError, match="unknown key 'name'"):
        normalize.load_data(tmp_path)
    with pytest.raises(GeneratorError, match="unknown key 'name'"):
        repairs.Data.load(tmp_path)


# ---------------------------------------------------------------- what the loaders cannot see


def _locked_operation_keys() -> set[str]:
    """operation_key of every operationId (or the fallback of an operation without one) in the
    locked descriptions."""
    keys = set()
    for entry in lock.read().values():
        doc = yaml.load(fetch.fetch(entry, mirror=MIRROR).read_bytes(), Loader=yaml.CSafeLoader)
        for path, method, _, op in operations(doc):
            keys.add(operation_key(str(op.get("operationId") or fallback_operation_id(method, path))))
    return keys


def _unknown(operation_ids: Iterable[str], known: set[str]) -> list[str]:
    return [op_id for op_id in operation_ids if operation_key(op_id) not in known]


def test_every_operation_id_in_naming_yaml_is_in_a_locked_description() -> None:
    known = _locked_operation_keys()
    assert (
        _unknown(specdata.naming().operations, known) == []
    ), "spec/naming.yaml names operationIds no locked description has"
    # compared by their words, and able to fail
    assert _unknown(["create data export", "attachTagsToContact"], known) == ["attachTagsToContact"]


def _runtime_paging_styles() -> set[str]:
    """The values of `PagingStyle = Literal[...]` in the runtime's pagination.py."""
    for node in ast.parse(RUNTIME_PAGINATION.read_text()).body:
        if isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] == ["PagingStyle"]:
            assert isinstance(node.value, ast.Subscript)
            return {ast.literal_eval(e) for e in ast.walk(node.value.slice) if isinstance(e, ast.Constant)}
    raise AssertionError(f"no PagingStyle in {RUNTIME_PAGINATION}")


def test_every_pagination_style_is_one_the_runtime_knows() -> None:
    runtime = _runtime_paging_styles()
    assert {"cursor_query", "next_url"} <= runtime
    assert [rule.style for rule in specdata.pagination().styles if rule.style not in runtime] == []


def test_typing_rules_are_refused_with_an_unknown_key(tmp_path: Path) -> None:
    path = tmp_path / "typing.yaml"
    path.write_text("identity: [id]\nrequired: {}\nidentities: [type]\n")
    with pytest.raises(GeneratorError, match="unknown key 'identities'"):
        specdata.typing_rules(path)
    path.write_text("identity: id\nrequired: {}\n")
    with pytest.raises(GeneratorError, match="`identity`: expected a list"):
        specdata.typing_rules(path)
    assert specdata.typing_rules().identity[:2] == ("id", "type")
