"""The wire-level mutation campaign (tests/mutation/, `make mutate`, docs/reliability.md): its
operators find their targets by AST shape on both clients, ids do not depend on the module
layout, and a small fixed-seed sample of mutants is killed by the tests or explained in
tests/mutation/survivors.yaml."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path
from typing import Any

import pytest

from tests.mutation import campaign
from tests.mutation.operators import Module, Mutant, check, discover, find

from tests.conftest import GENERATED

SRC = GENERATED / "src"
SAMPLE = 16  # mutants in the make test sample (one per operator kind)
KINDS = {
    "operation": {
        "verb",
        "path-segment",
        "path-escape",
        "path-swap",
        "query-key",
        "query-drop",
        "query-swap",
        "body-key",
        "body-drop",
        "body-swap",
        "header-param-key",
        "header-param-drop",
        "header-param-value",
        "paging-style",
        "paging-items",
    },
    "status": {"status-drop", "status-class", "status-compare"},
    "retry": {
        "retry-const",
        "retry-set-drop",
        "retry-set-add",
        "retry-errors-drop",
        "retry-compare",
    },
    "header": {"header-name", "header-value", "header-read"},
    "paging": {"paging-field", "paging-dispatch"},
    "model": {"field-name", "alias", "alias-validation", "alias-serialization", "alias-drop"},
}


@pytest.fixture(scope="module")
def mutants() -> list[Mutant]:
    return discover(SRC)


def test_every_operator_finds_targets_and_ids_are_unique(mutants: list[Mutant]) -> None:
    found: dict[str, set[str]] = {}
    for m in mutants:
        found.setdefault(m.group, set()).add(m.operator)
    assert found == KINDS
    ids = [m.id for m in mutants]
    assert len(ids) == len(set(ids))
    assert not [i for i in ids if ".py" in i]  # ids name operations, constants, classes: no files


def test_every_operation_is_a_target_on_both_clients(api29: Any, mutants: list[Mutant]) -> None:
    verbs = {(m.operation, m.client): m.description for m in mutants if m.operator == "verb"}
    assert len(verbs) == 2 * 108
    for op in api29.operations:
        for client in ("sync", "async"):
            assert verbs[(op.operation_id, client)].startswith(op.http_method + " -> "), (op.operation_id, client)
    keys = {m.id for m in mutants if m.operation == "UpdateContact"}
    for client in ("sync", "async"):
        assert {
            f"op:UpdateContact:{client}:body-key:email",
            f"op:UpdateContact:{client}:path-escape:contact_id",
            f"op:UpdateContact:{client}:path-segment:contacts",
        } <= keys


def test_the_campaign_covers_every_operation_with_at_least_300_mutants(
    mutants: list[Mutant],
) -> None:
    plan = campaign.plan_campaign(mutants, campaign.SEED)
    assert len(plan) >= 300
    assert len({m.operation for m in plan if m.operation}) == 108
    assert {m.operator for m in plan} == set().union(*KINDS.values())
    assert plan == campaign.plan_campaign(discover(SRC), campaign.SEED)  # fixed seed, same mutants
    sources = {m.file: (SRC / m.file).read_bytes() for m in plan}
    for m in plan:  # every planned mutant compiles and changes the program
        check(m, sources[m.file])


def test_mutants_edit_only_their_target() -> None:
    source = textwrap.dedent('''
        class AsyncThingsResource:
            async def update(self, thing_id: str, *, name: str, count: int) -> None:
                """Update a thing.

                `PUT /things/{id}` (operationId `updateThing`)
                """
                return await self._client.request(
                    "PUT",
                    f"/things/{path_param(thing_id)}",
                    body={"name": name, "count": count},
                )
        ''').encode()
    by_id = {m.id: m for m in find(Module(source, "x/things.py"))}
    after = {i: m.apply(source).decode() for i, m in by_id.items()}
    assert '"PATCH",' in after["op:updateThing:async:verb:PUT->PATCH"]
    assert "f'/thing/{path_param(thing_id)}'" in after["op:updateThing:async:path-segment:things"]
    assert "f'/things/{thing_id}'" in after["op:updateThing:async:path-escape:thing_id"]
    assert 'body={"nam": name, "count": count}' in after["op:updateThing:async:body-key:name"]
    assert 'body={ "count": count}' in after["op:updateThing:async:body-drop:name"]
    assert 'body={"name": count, "count": name}' in after["op:updateThing:async:body-swap:name,count"]
    for text in after.values():  # one change each: the rest of the file is byte-identical
        assert len(text) - len(source) in range(-30, 30) and text.count("\n") == source.decode().count("\n")


def test_ids_do_not_depend_on_the_module_layout(tmp_path: Path, mutants: list[Mutant]) -> None:
    """Moving nested resources out of their own modules (resources/contacts/tags.py) into one flat
    module, or the status map into another module, keeps every mutant id: survivors stay
    allow-listed across refactors.
    """
    tags = (SRC / "intercom_sdk" / "resources" / "contacts" / "tags.py").read_text()
    tree = ast.parse(tags)
    moved = [n for n in tree.body if isinstance(n, ast.ClassDef) and "ContactsTags" in n.name]
    assert len(moved) == 6  # sync, async and their raw- and streaming-response wrappers
    new = tmp_path / "intercom_sdk" / "resources_flat.py"
    new.parent.mkdir(parents=True)
    new.write_text("\n\n".join(ast.get_source_segment(tags, n) or "" for n in moved) + "\n")
    errors = tmp_path / "intercom_sdk" / "errors" / "status.py"
    errors.parent.mkdir()
    errors.write_text((SRC / "intercom_sdk" / "_exceptions.py").read_text())
    relaid = {m.id: m.file for m in discover(tmp_path)}
    expected = {
        m.id
        for m in mutants
        if m.id.startswith(
            (
                "op:attachTagToContact:",
                "op:detachTagFromContact:",
                "op:listTagsForAContact:",
                "status:map:",
                "status:compare:make_status_error:",
            )
        )
    }
    assert len(expected) > 40
    assert expected <= set(relaid)
    assert {relaid[i] for i in expected} == {
        "intercom_sdk/resources_flat.py",
        "intercom_sdk/errors/status.py",
    }


def test_survivors_are_judged_by_the_allow_list(tmp_path: Path) -> None:
    allow = tmp_path / "survivors.yaml"
    allow.write_text(
        "equivalent:\n  op:a:sync:verb:GET->POST: same on the wire\n  op:b:sync:verb:GET->POST: same\n"
        "gaps:\n  - match: 'op:*:async:*'\n    reason: no async wire test\n  - match: 'model:*'\n    reason: stale\n"
    )

    def result(id: str, status: str) -> campaign.Result:
        return campaign.Result(Mutant(id, "verb", "operation", "f.py", (), "d"), status, 1.0)

    results = [
        result("op:a:sync:verb:GET->POST", "survived"),
        result("op:b:sync:verb:GET->POST", "killed"),
        result("op:c:async:verb:GET->POST", "survived"),
        result("op:d:sync:verb:GET->POST", "survived"),
    ]
    problems = campaign.judge(results, allow, full=True)
    assert [r.verdict for r in results] == [
        "equivalent",
        "contradiction",
        "gap",
        "unexplained",
    ]
    assert len(problems) == 3
    assert "listed as equivalent but was killed" in problems[0]
    assert problems[1].startswith("op:d:sync:verb:GET->POST survived")
    assert "'model:*' matches no survivor" in problems[2]
    assert len(campaign.judge(results, allow, full=False)) == 2  # a sample does not judge gap rules
    s = campaign.summary(results)
    assert (s["killed"], s["equivalent"], s["gaps"], s["unexplained"]) == (1, 1, 1, 1)
    assert s["score"] == pytest.approx(1 / 3)


def test_a_mutant_survives_tests_that_do_not_see_it_and_dies_under_those_that_do(
    mutants: list[Mutant],
) -> None:
    [verb] = [m for m in mutants if m.id == "op:ShowContact:sync:verb:GET->POST"]
    blind = campaign.run([verb], tests=["tests/runtime/test_webhooks.py"], jobs=1, log=lambda _: None)
    seeing = campaign.run([verb], tests=["tests/package/test_wire.py"], jobs=1, log=lambda _: None)
    assert [r.status for r in blind + seeing] == ["survived", "killed"]
    assert "test_operation_sends_what_the_description_says" in seeing[0].killed_by
    # and the package the other tests import was never touched
    assert b'"GET",\n            f"/contacts/{path_param(contact_id)}"' in (SRC / verb.file).read_bytes()


def test_a_fixed_sample_of_mutants_is_killed_or_explained(
    mutants: list[Mutant],
) -> None:
    """`make mutate` runs the full campaign; this is its fixed-seed sample, one mutant per kind."""
    sample = campaign.plan_sample(mutants, campaign.SEED, SAMPLE)
    assert len(sample) == SAMPLE
    # No baseline run: make test runs these tests on the unmutated package itself.
    results = campaign.run(sample, tests=campaign.test_args(), jobs=2, baseline=False, log=lambda _: None)
    problems = campaign.judge(results, full=False)
    print(campaign.report(results, problems, 0.0))
    assert not problems, "\n".join(problems)
    assert sum(r.status == "killed" for r in results) >= SAMPLE // 2
