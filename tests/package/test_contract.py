"""The generated contract suite (generated/intercom-2.9/tests/) passes against Prism, covers all
108 operations in under a minute, and fails when a generated method sends a request the
description does not allow. Needs `make contract-deps` (npm ci) for node_modules/.bin/prism.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from tests.conftest import ROOT
from tests.contract import run

GENERATED = ROOT / "generated" / "intercom-2.9"
# Spec defects the generator itself detects (no request can satisfy the schema), by case key.
SPEC_DEFECTS: dict[str, str] = {}  # all repaired in spec/overrides (e.g. createConversation from.id)


def run_contract(tmp_path: Path, *args: str) -> tuple[dict[str, Any], str]:
    if not run.PRISM.exists():
        pytest.fail(f"{run.PRISM} is missing: run `make contract-deps` (npm ci)")
    summary = tmp_path / "summary.json"
    proc = subprocess.run(
        [sys.executable, "-m", "tests.contract.run", "--summary", str(summary), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = proc.stdout + proc.stderr
    assert summary.exists(), f"the runner wrote no summary:\n{output[-3000:]}"
    data = json.loads(summary.read_text())
    assert data["returncode"] == proc.returncode
    return data, output


def test_contract_suite_covers_all_108_operations_in_under_a_minute(
    tmp_path: Path,
) -> None:
    summary, output = run_contract(tmp_path, "--api-version", "2.9")
    print(output.splitlines()[-1])
    assert summary["returncode"] == 0, output[-6000:]
    assert summary["operation_count"] == 108
    states = summary["operations"]
    assert len(states) == 108 and set(states.values()) <= {"passed", "xfailed"}
    known = yaml.safe_load(run.KNOWN_FAILURES.read_text())["2.9"]
    assert summary["expected_failures"] == sorted({**SPEC_DEFECTS, **known})
    assert summary["passed"] == 108 - len([k for k in {**SPEC_DEFECTS, **known} if "-" not in k])
    assert summary["error_statuses_passed"] >= 170  # every declared 4xx, asked of Prism with `Prefer: code=`
    assert summary["seconds"] < 60, f"the contract suite took {summary['seconds']} s"


# operationId: (its contract test, resources module, class, method, text in the method,
# replacement, what the failure must mention)
BREAKS = {
    "createDataAttribute": (  # drops a required body field; the operation declares its own 400,
        "test_create_data_attribute",  # so Prism reports the violation in sl-violations only
        "data_attributes.py",
        "DataAttributesResource",
        "create",
        '"name": name,',
        "",
        "sl-violations",
    ),
    "ShowContact": (  # a wrong path
        "test_show_contact",
        "contacts.py",
        "ContactsResource",
        "retrieve",
        'f"/contacts/{path_param(contact_id)}"',
        'f"/contact/{path_param(contact_id)}"',
        "NO_PATH_MATCHED",
    ),
    "updateDataAttribute": (  # a path parameter of the wrong type (data attribute ids are integers)
        "test_update_data_attribute",
        "data_attributes.py",
        "DataAttributesResource",
        "update",
        "path_param(data_attribute_id)",
        "path_param(str(data_attribute_id) + 'x')",
        "path.id",
    ),
    "listActivityLogs": (  # a required query parameter sent under the wrong name
        "test_list_activity_logs",
        "admins.py",
        "AdminsActivityLogsResource",
        "list",
        '"created_at_after": created_at_after,',
        '"created_after": created_at_after,',
        "created_at_after",
    ),
    "UpdateContact": (  # an optional body field under an undeclared name: Prism accepts it,
        "test_update_contact",  # the conftest's in-process check (DeclaredKeys) does not
        "contacts.py",
        "ContactsResource",
        "update",
        '"email": email,',
        '"emial": email,',
        "'emial' was unexpected",
    ),
}


def break_method(source: str, class_name: str, method: str, old: str, new: str) -> str:
    """`source` with the first `old` inside `class_name.method` replaced by `new`."""
    start = source.index(f"    def {method}(", source.index(f"class {class_name}("))
    end = min(
        i
        for i in (
            source.find("\n    def ", start + 1),
            source.find("\nclass ", start),
            len(source),
        )
        if i >= 0
    )
    at = source.find(old, start, end)
    assert at >= 0, f"{old!r} is not in {class_name}.{method}"
    return source[:at] + new + source[at + len(old) :]


def test_contract_suite_fails_when_a_generated_method_is_broken(tmp_path: Path) -> None:
    package = tmp_path / "intercom-2.9"
    shutil.copytree(GENERATED, package, ignore=shutil.ignore_patterns("__pycache__"))
    resources = package / "src" / "intercom_sdk" / "resources"
    for _, _, class_name, method, old, new, _ in BREAKS.values():
        # found by its class, wherever the layout puts it
        path = next(p for p in sorted(resources.rglob("*.py")) if f"\nclass {class_name}(" in p.read_text())
        path.write_text(break_method(path.read_text(), class_name, method, old, new))

    selected = " or ".join([*(b[0] for b in BREAKS.values()), "test_identify_admin"])
    summary, output = run_contract(tmp_path, "--package", str(package), "-k", selected, "--tb=short")

    assert summary["returncode"] != 0
    assert summary["operations"]["identifyAdmin"] == "passed", output[-3000:]  # the copy itself works
    for operation, (test_name, *_, expected) in BREAKS.items():
        assert summary["operations"].get(operation) == "failed", f"{operation} still passes with a broken method"
        start = output.index(f"_ {test_name} _")
        end = output.find("\n___", start + 1)
        failure = output[start : end if end > 0 else len(output)]
        assert "ContractViolation" in failure and expected in failure, failure[-2000:]


# -- the generated conftest's in-process check: keys Prism lets through -------------------------


def declared_keys(description: Path = GENERATED / "openapi.yaml") -> Any:
    """A `DeclaredKeys` of the generated conftest (loaded under its own module name)."""
    spec = importlib.util.spec_from_file_location("generated_contract_conftest", GENERATED / "tests" / "conftest.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.DeclaredKeys(description), module.ContractViolation


def refusal(
    keys: Any,
    violation: type[Exception],
    method: str,
    path: str,
    body: Any = None,
    **params: Any,
) -> str:
    """What the check says about a request ("" when it lets it through)."""
    try:
        keys.check(httpx.Request(method, "http://127.0.0.1:4010" + path, json=body, params=params or None))
    except violation as exc:
        return str(exc)
    return ""


def test_declared_keys_refuse_undeclared_body_and_query_keys() -> None:
    keys, violation = declared_keys()
    ok = [
        (
            "PUT",
            "/contacts/1",
            {"email": "a@b.c", "name": None, "custom_attributes": {"any": 1}},
        ),
        # contact_reply_email_request: its own properties and those of its allOf member
        (
            "POST",
            "/conversations/1/reply",
            {
                "message_type": "comment",
                "type": "user",
                "email": "e",
                "body": "b",
                "attachment_urls": ["u"],
            },
        ),
        (
            "POST",
            "/conversations/1/reply",
            {"message_type": "note", "type": "admin", "admin_id": "1", "body": "b"},
        ),
        (
            "POST",
            "/conversations/1/customers",
            {"admin_id": "1", "customer": {"email": "e", "customer": {"user_id": "u"}}},
        ),
        # oneOf members refuse keys they do not declare, so this matches untag_company_request only
        ("POST", "/tags", {"name": "n", "companies": [{"id": "1", "untag": True}]}),
        (
            "PUT",
            "/conversations/1",
            {"read": True, "custom_attributes": {"anything": [1]}},
        ),
    ]
    for method, path, body in ok:
        assert refusal(keys, violation, method, path, body) == "", (method, path, body)
    assert refusal(keys, violation, "GET", "/companies/scroll", scroll_param="x") == ""
    assert refusal(keys, violation, "GET", "/no/such/route", {"x": 1}) == ""  # Prism reports it

    refused = [
        (
            "PUT",
            "/contacts/1",
            {"externalid": "x"},
            "(root): Unevaluated properties are not allowed ('externalid' was unexpected)",
        ),
        (
            "POST",
            "/conversations/1/reply",
            {
                "message_type": "comment",
                "type": "user",
                "email": "e",
                "body": "b",
                "bogus": 1,
            },
            "'bogus' was unexpected",
        ),
        (
            "POST",
            "/conversations/1/customers",
            {"customer": {"email": "e", "extra": 1}},
            "customer: Unevaluated properties",
        ),
        (
            "POST",
            "/tags",
            {"name": "n", "companies": [{"id": "1", "untag": True, "x": 2}]},
            "'x'",
        ),
        (
            "GET",
            "/contacts/1",
            {"email": "a"},
            "sent a JSON body, the description declares none",
        ),
    ]
    for method, path, body, expected in refused:
        message = refusal(keys, violation, method, path, body)
        assert expected in message, (method, path, body, message)
        assert "checked in-process" in message or "declares none" in message
    assert "query keys the description does not declare: ['scrol']" in refusal(
        keys, violation, "GET", "/companies/scroll", scrol="x"
    )


def test_declared_keys_compose_unions_with_the_properties_beside_them(
    tmp_path: Path,
) -> None:
    """A oneOf beside properties (2.15's update_data_attribute_request): a member knows the
    properties around it too; allOf members' properties are known; null where nullable.
    """
    description = {
        "openapi": "3.0.1",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/things": {
                "put": {
                    "requestBody": {
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/update"}}}
                    },
                    "responses": {"200": {"description": "ok"}},
                }
            },
        },
        "components": {
            "schemas": {
                "base": {
                    "type": "object",
                    "properties": {"archived": {"type": "boolean"}},
                },
                "update": {
                    "type": "object",
                    "allOf": [{"$ref": "#/components/schemas/base"}],
                    "properties": {
                        "description": {"type": "string"},
                        "owner": {
                            "$ref": "#/components/schemas/base",
                            "nullable": True,
                        },
                    },
                    "oneOf": [
                        {
                            "title": "list",
                            "required": ["options"],
                            "properties": {
                                "options": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "properties": {"value": {"type": "string"}},
                                    },
                                }
                            },
                        },
                        {"title": "other"},
                    ],
                },
            }
        },
    }
    path = tmp_path / "openapi.yaml"
    path.write_text(yaml.safe_dump(description))
    keys, violation = declared_keys(path)
    good = [
        {"archived": True, "description": "d", "owner": None},
        {"archived": True, "options": [{"value": "1"}], "owner": {"archived": False}},
    ]
    for body in good:
        assert refusal(keys, violation, "PUT", "/things", body) == "", body
    bad = [
        (
            {"archived": True, "options": {"value": "1"}},
            "'options' was unexpected",
        ),  # an object: no member declares it
        ({"options": [{"value": "1", "label": "x"}]}, "'label' was unexpected"),
        (
            {"description": "d", "owner": {"archived": True, "name": "n"}},
            "'name' was unexpected",
        ),
        ({"bogus": 1}, "'bogus' was unexpected"),
    ]
    for body, expected in bad:
        assert expected in refusal(keys, violation, "PUT", "/things", body), body


# -- generator/contract/__init__.py: how the generated tests pick their arguments ----------------------


def validator(schema: dict[str, Any]) -> Any:
    from openapi_schema_validator import OAS30Validator

    return OAS30Validator(schema, format_checker=OAS30Validator.FORMAT_CHECKER)


def test_coerce_fixes_scalar_types_the_examples_get_wrong() -> None:
    from generator.contract import coerce

    schema = {
        "type": "object",
        "properties": {
            "admin_id": {"type": "string"},
            "count": {"type": "integer"},
            "when": {"type": "string", "format": "date-time"},
        },
    }
    fixed, changed = coerce({"admin_id": 991267354, "count": "3", "when": "soon"}, validator(schema))
    assert fixed == {
        "admin_id": "991267354",
        "count": 3,
        "when": "2024-05-29T10:00:00Z",
    }
    assert sorted(changed) == ["admin_id", "count", "when"]
    union = {
        "oneOf": [
            {
                "type": "object",
                "required": ["message_type", "admin_id"],
                "additionalProperties": False,
                "properties": {
                    "message_type": {"enum": ["close"]},
                    "admin_id": {"type": "string"},
                },
            },
            {
                "type": "object",
                "required": ["message_type"],
                "additionalProperties": False,
                "properties": {"message_type": {"enum": ["open"]}},
            },
        ]
    }
    assert coerce({"message_type": "close", "admin_id": 7}, validator(union)) == (
        {"message_type": "close", "admin_id": "7"},
        ["admin_id"],
    )
    assert coerce({"message_type": "shut", "admin_id": 7}, validator(union)) == (
        None,
        [],
    )  # not a type slip


def test_sample_satisfies_one_of_these_is_required_hints() -> None:
    from generator.contract import sample

    schema = {
        "type": "object",
        "properties": {
            "email": {"type": "string", "example": "a@b.c"},
            "id": {"type": "string"},
            "user_id": {"type": "string"},
        },
        "anyOf": [{"required": ["id", "email"]}, {"required": ["user_id"]}],
    }
    assert sample({}, schema) == {"user_id": "example"}
    assert validator(schema).is_valid(sample({}, schema))


def test_error_cases_are_4xx_and_5xx_that_prism_can_produce(api29: Any) -> None:
    from generator.contract import errors

    by_id = {op.operation_id: op for op in api29.operations}
    assert errors(by_id["retrieveAdmin"], api29.spec) == (
        ("401", "AuthenticationError"),
        ("404", "NotFoundError"),
    )
    assert [e for e, _ in errors(by_id["createTag"], api29.spec)] == [
        "400",
        "401",
        "404",
    ]
    total = sum(len(errors(op, api29.spec)) for op in api29.operations)
    assert total == 176


def test_error_cases_leave_out_what_the_required_accept_header_excludes() -> None:
    from generator import pipeline
    from generator.contract import errors

    from tests.conftest import MIRROR

    api = pipeline.build_api(pipeline.from_lock("2.15", MIRROR))
    by_id = {op.operation_id: op for op in api.operations}
    # Accept: application/octet-stream is required; the 404 answer is JSON only, so Prism
    # cannot be made to send it (it answers 200 instead).
    assert "404" in dict(by_id["getDownloadReportingData"].errors)
    assert errors(by_id["getDownloadReportingData"], api.spec) == ()
    # 302 is how showCallRecording succeeds, not an error.
    assert errors(by_id["showCallRecording"], api.spec) == (
        ("401", "AuthenticationError"),
        ("404", "NotFoundError"),
    )
