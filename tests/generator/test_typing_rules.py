"""The typing rules for what the descriptions leave loose (spec/typing.yaml and the repairs
one-type-per-resource-id, property-name-typo, required-by-the-api; docs/overrides.md), shown on
2.9 and on another release: each rule's report, and what it means in the generated package,
checked through the package itself over HTTP (a subprocess imports the version's package; the
responses come from an httpx mock transport).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from collections import defaultdict
from pathlib import Path

import pytest

from generator import lock, paths, pipeline
from generator.release import surface
from tests.conftest import GENERATED, MIRROR

VERSIONS = ("2.9", "2.12")
# What each rule must report for these releases (`at` lines name what it changed).
REPORTS = {
    # the typing rules name the first fields they typed (by class) and how many in all
    "identity-fields-required": ("typed", ["at ActivityLog.id, ActivityLogList.type,", "in all)"]),
    "lists-never-none": ("typed", ["at ActivityLogList.activity_logs, Admin.team_ids,", "in all)"]),
    "one-type-per-resource-id": ("repaired", ["GET /conversations/{id}: {id} integer -> string"]),
    "property-name-typo": (
        "repaired",
        ["#/components/schemas/data_export/properties/job_identfier -> job_identifier"],
    ),
    "required-by-the-api": ("repaired", ["single_filter_search_request"]),
}


@pytest.fixture(scope="module", params=VERSIONS)
def version(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """A release and its generated package (2.9 is the one the other tests use)."""
    v = request.param
    if v == "2.9":
        return v, GENERATED
    out = tmp_path_factory.mktemp("typing") / f"intercom-{v}"
    pipeline.generate(pipeline.from_lock(v, MIRROR), out)
    return v, out


@pytest.mark.parametrize("rule", sorted(REPORTS))
def test_each_rule_reports_what_it_did(version: tuple[str, Path], rule: str) -> None:
    v, _ = version
    api = pipeline.build_api(pipeline.from_lock(v, MIRROR))
    found = {re.match(r"[\w ]+ \[([\w-]+)\]", line).group(1): line for line in api.repairs}  # type: ignore[union-attr]
    word, named = REPORTS[rule]
    assert found[rule].startswith(f"{word} [{rule}]:"), found[rule]
    for thing in named:
        assert thing in found[rule], f"{rule} on {v} does not name {thing}:\n{found[rule]}"
    count = re.search(r"\((\d+) in all\)", found[rule])
    assert count is None or int(count.group(1)) > 40, "the typing rules reach every returned model"


PROBE = textwrap.dedent("""
    import json, logging, sys
    import httpx
    from intercom_sdk import Intercom, types
    from intercom_sdk._exceptions import APIResponseValidationError

    ANSWERS = {
        "/export/content/data/job1": {"type": "data_export", "job_identifier": "job1", "status": "pending"},
        "/tags": {"type": "list"},
        "/contacts/lead1": {"type": "contact", "id": "lead1", "role": "lead"},
        "/conversations/c1": {"type": "conversation", "title": "no id"},
    }
    seen = []
    handler = logging.Handler()
    handler.emit = lambda record: seen.append(record.getMessage())
    logging.getLogger("intercom_sdk").addHandler(handler)

    def client(**options):
        reply = lambda request: httpx.Response(200, json=ANSWERS[request.url.path])
        http = httpx.Client(transport=httpx.MockTransport(reply))
        return Intercom(access_token="t", http_client=http, **options)

    lenient = client()
    out = {
        "job_identifier": lenient.data_exports.retrieve("job1").job_identifier,
        "data_export_fields": sorted(types.DataExport.model_fields),
        "tags": lenient.tags.list().data,
        "lead": [lenient.contacts.retrieve("lead1").id, lenient.contacts.retrieve("lead1").email],
        "warnings_before": list(seen),
        "conversation_id": lenient.conversations.retrieve("c1").id,
        "warnings": seen,
        "annotations": {
            f"{name}.{field}": repr(getattr(types, name).model_fields[field].annotation)
            for name, field in [("Contact", "id"), ("Conversation", "id"), ("Tag", "id"), ("TagList", "data")]
        },
        "required": {
            f"{name}.{field}": getattr(types, name).model_fields[field].is_required()
            for name, field in [("Contact", "id"), ("Contact", "type"), ("Conversation", "id")]
        },
    }
    try:
        client(strict_response_validation=True).conversations.retrieve("c1")
        out["strict"] = "no error"
    except APIResponseValidationError as error:
        out["strict"] = str(error)
    print(json.dumps(out))
    """)


def probe(package: Path) -> dict[str, object]:
    """Run PROBE against one generated package (its own process: each version is intercom_sdk)."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        env={"PYTHONPATH": str(package / "src"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_what_the_rules_mean_for_a_user_of_the_package(version: tuple[str, Path]) -> None:
    v, package = version
    out = probe(package)
    # property-name-typo: the value the API sends is on the typed field, the typo is gone
    assert out["job_identifier"] == "job1"
    assert "job_identifier" in out["data_export_fields"] and "job_identfier" not in out["data_export_fields"]
    # lists-never-none: an absent list is an empty list
    assert out["tags"] == []
    # identity-fields-required: identity is required and typed str, the rest stays optional
    assert out["required"] == {"Contact.id": True, "Contact.type": True, "Conversation.id": True}
    assert out["annotations"]["Contact.id"] == "<class 'str'>"  # type: ignore[index]
    assert out["annotations"]["Conversation.id"] == "<class 'str'>"  # type: ignore[index]
    assert out["annotations"]["TagList.data"] == "list[intercom_sdk.types._models.tag.Tag]"  # type: ignore[index]
    assert out["lead"] == ["lead1", None]  # a lead without an email: mypy says `str | None`
    assert out["warnings_before"] == []
    # lenient (default): an object breaking the rule is returned with a warning naming the field
    assert out["conversation_id"] is None
    assert any("Conversation" in w and "id" in w for w in out["warnings"]), out["warnings"]  # type: ignore[union-attr]
    # strict: the same answer is an error
    assert "id" in out["strict"] and out["strict"] != "no error"  # type: ignore[operator]


@pytest.mark.parametrize("v", list(lock.read()))
def test_the_ids_of_one_resource_have_one_type(v: str) -> None:
    """Every path id after one collection segment (/conversations/{id}, /conversations/{id}/reply)
    has one type in the version's public surface (the type of the returned object's `id`), and
    so does every query or body argument named for that resource (`help_center_id`, `admin_id`)."""
    snapshot = surface.parse((paths.ROOT / "tests" / "snapshots" / f"surface-{v}.txt").read_text())
    kinds: dict[str, set[str]] = defaultdict(set)
    named: list[tuple[str, str]] = []  # (argument wire name, its type without None)
    for method in snapshot.values():
        segments = [s for s in method.path.split("/") if s]
        for argument in method.arguments:
            if argument.location == "path":
                kinds[segments[segments.index("{" + argument.wire + "}") - 1]].add(argument.type)
            elif argument.wire.endswith("_id"):
                named.append((argument.wire, argument.type.removesuffix(" | None")))
    assert kinds, f"no path ids in surface-{v}.txt"
    for wire, kind in named:
        for segment in (wire[:-3] + "s", wire[:-4] + "ies"):  # help_center_id: help_centers
            if segment in kinds:
                kinds[segment].add(kind)
    mixed = {segment: sorted(types) for segment, types in kinds.items() if len(types) > 1}
    assert not mixed, f"{v}: {mixed}"
    assert kinds["conversations"] == kinds["contacts"] == kinds["admins"] == kinds["help_centers"] == {"str"}
    assert ("help_center_id", "str") in named, "the check saw no id named for a resource"
