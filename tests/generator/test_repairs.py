"""Repairs are rules: each fixes a defect by its shape, wherever it occurs, and says where; a
rule or per-version entry whose defect is absent is `not needed`, never an error.

The leave-one-out tests run every locked version, and every older revision of 2.9 in the
mirror (files the rules were not written against), through the rules alone."""

from __future__ import annotations

import copy
import dataclasses
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import lock, openapi, pipeline

from generator.pipeline import repairs, validate
from generator.errors import GeneratorError

from tests.conftest import MIRROR

DATA = repairs.Data.load()
HISTORY = sorted((Path(MIRROR) / "history" / "2.9").glob("*.yaml"))
# Per-version entries no rule can express: "<version> #<n>" -> why. Empty: rules carry every repair.
STILL_NEEDED: dict[str, str] = {}


def spec(paths: dict[str, Any], schemas: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "openapi": "3.0.1",
        "info": {"title": "t", "version": "9.9"},
        "paths": paths,
        "components": {"schemas": schemas or {}},
    }


def ok(description: str = "ok", schema: Any = None, example: Any = None) -> dict[str, Any]:
    media: dict[str, Any] = {"schema": schema or {"type": "object"}}
    if example is not None:
        media["example"] = example
    return {"200": {"description": description, "content": {"application/json": media}}}


def run(doc: dict[str, Any], data: repairs.Data = DATA) -> tuple[dict[str, Any], dict[str, repairs.Outcome]]:
    repaired, outcomes = repairs.apply(doc, "9.9", data)
    return repaired, {o.name: o for o in outcomes}


def test_every_rule_is_reported_on_every_run() -> None:
    _, outcomes = run(spec({}))
    assert list(outcomes) == [r.name for r in repairs.RULES]
    for rule in repairs.RULES:
        assert outcomes[rule.name].line() == f"not needed [{rule.name}]: {rule.absent}"


def test_templated_path_parameter_declared_in_query() -> None:
    param = {"name": "job_identifier", "in": "query", "required": True, "schema": {"type": "string"}}
    doc = spec({"/export/{job_identifier}": {"get": {"parameters": [param], "responses": ok()}}})
    fixed, outcomes = run(doc)
    [declared] = fixed["paths"]["/export/{job_identifier}"]["get"]["parameters"]
    assert declared == {**param, "in": "path", "required": True}
    assert outcomes["templated-path-parameter"].applied == (
        "GET /export/{job_identifier}: {job_identifier} (declared in: query)",
    )
    assert (
        doc["paths"]["/export/{job_identifier}"]["get"]["parameters"][0]["in"] == "query"
    ), "the input is not modified"
    validate.validate(fixed, "test")


def test_templated_path_parameter_not_declared_at_all() -> None:
    fixed, outcomes = run(spec({"/things/{thing_id}": {"get": {"responses": ok()}}}))
    assert fixed["paths"]["/things/{thing_id}"]["get"]["parameters"] == [
        {"name": "thing_id", "in": "path", "required": True, "schema": {"type": "string"}}
    ]
    assert "not declared" in outcomes["templated-path-parameter"].applied[0]


def test_form_exploded_union_query_parameter_becomes_one_key_per_property() -> None:
    union = {
        "name": "filter",
        "in": "query",
        "required": True,
        "style": "form",
        "explode": True,
        "schema": {
            "type": "object",
            "oneOf": [
                {
                    "title": "by user_id",
                    "properties": {"user_id": {"type": "string"}},
                    "required": ["user_id"],
                    "additionalProperties": False,
                },
                {"properties": {"email": {"type": "string", "description": "The email."}}, "required": ["email"]},
            ],
        },
    }
    keep = {"name": "type", "in": "query", "required": True, "schema": {"type": "string"}}
    fixed, outcomes = run(spec({"/events": {"get": {"parameters": [union, keep], "responses": ok()}}}))
    params = fixed["paths"]["/events"]["get"]["parameters"]
    assert [(p["name"], p["required"]) for p in params] == [("user_id", False), ("email", False), ("type", True)]
    assert params[0]["description"] == "by user_id. Give one of user_id, email."
    assert params[1]["description"] == "The email. Give one of user_id, email."
    assert params[1]["schema"] == {"type": "string"}
    assert outcomes["form-object-query-parameter"].applied == ("GET /events: filter -> user_id, email",)


def test_form_object_parameter_keeps_its_required_properties() -> None:
    param = {
        "name": "page",
        "in": "query",
        "required": True,
        "schema": {
            "type": "object",
            "required": ["n"],
            "properties": {"n": {"type": "integer"}, "size": {"type": "integer"}},
        },
    }
    fixed, _ = run(spec({"/x": {"get": {"parameters": [param], "responses": ok()}}}))
    assert [(p["name"], p["required"]) for p in fixed["paths"]["/x"]["get"]["parameters"]] == [
        ("n", True),
        ("size", False),
    ]


@pytest.mark.parametrize(
    "param",
    [
        {
            "name": "filter",
            "in": "query",
            "explode": False,
            "schema": {"type": "object", "properties": {"a": {"type": "string"}}},
        },
        {
            "name": "filter",
            "in": "query",
            "style": "deepObject",
            "schema": {"type": "object", "properties": {"a": {"type": "string"}}},
        },
        {
            "name": "external_id",
            "in": "query",
            "schema": {"type": "string", "properties": {"external_id": {"type": "string"}}},
        },
    ],
    ids=["not-exploded", "deep-object", "a-string"],
)
def test_other_query_parameters_are_left_alone(param: dict[str, Any]) -> None:
    doc = spec({"/x": {"get": {"parameters": [param], "responses": ok()}}})
    fixed, outcomes = run(doc)
    assert fixed == doc and not outcomes["form-object-query-parameter"].applied


def test_uuid_format_on_a_24_character_id() -> None:
    schemas = {
        "req": {
            "type": "object",
            "properties": {"id": {"type": "string", "format": "uuid", "minLength": 24, "maxLength": 24}},
        },
        "err": {"type": "object", "properties": {"request_id": {"type": "string", "format": "uuid"}}},
    }
    fixed, outcomes = run(spec({}, schemas))
    assert "format" not in fixed["components"]["schemas"]["req"]["properties"]["id"]
    assert fixed["components"]["schemas"]["err"] == schemas["err"]
    assert outcomes["uuid-format-on-short-id"].applied == ("#/components/schemas/req/properties/id (length 24..24)",)


def _id_param(name: str, kind: str) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "schema": {"type": kind}}


def test_ids_of_one_resource_get_one_type() -> None:
    doc = spec(
        {
            "/contacts/{id}": {"get": {"parameters": [_id_param("id", "string")], "responses": ok()}},
            "/contacts/{id}/notes": {
                "parameters": [_id_param("id", "integer")],
                "get": {"responses": ok()},
                "post": {"responses": ok()},
            },
            "/articles/{id}": {"get": {"parameters": [_id_param("id", "integer")], "responses": ok()}},
        }
    )
    fixed, outcomes = run(doc)
    assert fixed["paths"]["/contacts/{id}/notes"]["parameters"][0]["schema"] == {"type": "string"}
    assert fixed["paths"]["/articles/{id}"]["get"]["parameters"][0]["schema"] == {
        "type": "integer"
    }, "integer everywhere: kept"
    assert outcomes["one-type-per-resource-id"].applied == (
        "GET /contacts/{id}/notes: {id} integer -> string (the operations disagree)",
        "POST /contacts/{id}/notes: {id} integer -> string (the operations disagree)",
    )


def test_ids_take_the_type_of_the_id_of_the_object_returned() -> None:
    """So that `client.admins.retrieve(admin.id)` type-checks: Admin.id is a string."""
    admin = {"type": "object", "properties": {"id": {"type": "string"}, "type": {"type": "string"}}}
    attribute = {"type": "object", "properties": {"id": {"type": "integer"}}}
    doc = spec(
        {
            "/admins/{id}": {
                "get": {
                    "parameters": [_id_param("id", "integer")],
                    "responses": ok(schema={"$ref": "#/components/schemas/admin"}),
                }
            },
            "/admins/{id}/away": {
                "put": {
                    "parameters": [_id_param("id", "integer")],
                    "responses": ok(schema={"$ref": "#/components/schemas/admin"}),
                }
            },
            "/data_attributes/{data_attribute_id}": {
                "put": {
                    "parameters": [_id_param("data_attribute_id", "string")],
                    "responses": ok(schema={"$ref": "#/components/schemas/data_attribute"}),
                }
            },
        },
        {"admin": admin, "data_attribute": attribute},
    )
    fixed, outcomes = run(doc)
    assert fixed["paths"]["/admins/{id}/away"]["put"]["parameters"][0]["schema"] == {"type": "string"}
    assert fixed["paths"]["/data_attributes/{data_attribute_id}"]["put"]["parameters"][0]["schema"] == {
        "type": "integer"
    }
    assert (
        "PUT /admins/{id}/away: {id} integer -> string (GET /admins/{id} returns an object whose id is a string)"
        in outcomes["one-type-per-resource-id"].applied
    )


def test_ids_named_for_a_resource_are_passed_as_its_ids_and_sent_as_declared() -> None:
    """`collections.create(help_center_id=hc.id)` type-checks: query and body arguments named
    `<resource>_id` take the type of that resource's ids; the wire keeps the declared type."""
    center = {"type": "object", "properties": {"id": {"type": "string"}}}
    ref = {"$ref": "#/components/schemas/center_id"}
    body = {
        "type": "object",
        "properties": {"help_center_id": {"type": "integer", "nullable": True}, "other_center": ref},
    }
    doc = spec(
        {
            "/help_centers/{id}": {
                "get": {
                    "parameters": [_id_param("id", "integer")],
                    "responses": ok(schema={"$ref": "#/components/schemas/help_center"}),
                }
            },
            "/collections": {
                "post": {"requestBody": {"content": {"application/json": {"schema": body}}}, "responses": ok()},
                "get": {
                    "parameters": [
                        {"name": "help_center_id", "in": "query", "schema": {"type": "integer"}},
                        {"name": "tag_id", "in": "query", "schema": {"type": "integer"}},  # no /tags/{id} here
                    ],
                    "responses": ok(),
                },
            },
        },
        {"help_center": center, "center_id": {"type": "integer"}},
    )
    fixed, outcomes = run(doc)
    sent = fixed["paths"]["/collections"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert sent["properties"]["help_center_id"] == {
        "type": "integer",
        "nullable": True,
        openapi.ARGUMENT_TYPE: "string",
    }
    query = fixed["paths"]["/collections"]["get"]["parameters"]
    assert query[0]["schema"] == {"type": "integer", openapi.ARGUMENT_TYPE: "string"}
    assert query[1]["schema"] == {"type": "integer"}
    assert fixed["components"]["schemas"]["center_id"] == {"type": "integer"}, "a shared component stays as it is"
    because = "GET /help_centers/{id} returns an object whose id is a string"
    assert outcomes["one-type-per-resource-id"].applied[-2:] == (
        f"GET /collections query: help_center_id sent as integer, passed as string ({because})",
        f"POST /collections body: help_center_id sent as integer, passed as string ({because})",
    )
    validate.validate(fixed, "test")  # the extension is a valid schema keyword


def test_operation_without_a_success_response() -> None:
    fixed, outcomes = run(spec({"/calls/{id}": {"get": {"responses": {"404": {"description": "no"}}}}}))
    assert fixed["paths"]["/calls/{id}"]["get"]["responses"]["200"]["content"] == {
        "application/json": {"schema": {"type": "object"}}
    }
    assert outcomes["missing-success-response"].applied == ("GET /calls/{id}",)


def test_redirect_is_a_success_response() -> None:
    doc = spec({"/recording": {"get": {"responses": {"302": {"description": "to the file"}}}}})
    fixed, outcomes = run(doc)
    assert fixed == doc and not outcomes["missing-success-response"].applied


def test_download_without_content_takes_the_media_type_of_its_accept_header() -> None:
    accept = {"name": "Accept", "in": "header", "required": True, "schema": {"type": "string", "enum": ["text/csv"]}}
    doc = spec(
        {
            "/download/{id}": {
                "get": {"parameters": [_id_param("id", "string")], "responses": {"200": {"description": "file"}}}
            },
            "/report": {"get": {"parameters": [accept], "responses": {"200": {"description": "file"}}}},
            "/tags/{id}": {
                "delete": {"parameters": [_id_param("id", "string")], "responses": {"200": {"description": "gone"}}}
            },
        }
    )
    fixed, outcomes = run(doc)
    assert list(fixed["paths"]["/download/{id}"]["get"]["responses"]["200"]["content"]) == ["application/octet-stream"]
    assert list(fixed["paths"]["/report"]["get"]["responses"]["200"]["content"]) == ["text/csv"]
    assert (
        "content" not in fixed["paths"]["/tags/{id}"]["delete"]["responses"]["200"]
    ), "a DELETE with no content stays so"
    assert len(outcomes["download-without-content"].applied) == 2


def _list_schema(kind: str, key: str, pages: dict[str, Any] | None = None) -> dict[str, Any]:
    props: dict[str, Any] = {
        "type": {"type": "string", "enum": [kind]},
        key: {"type": "array", "items": {"type": "object"}},
    }
    if pages:
        props["pages"] = pages
    return {"type": "object", "properties": props}


def test_response_schema_named_by_the_type_of_its_examples() -> None:
    schemas = {
        "paginated_response": {
            "type": "object",
            "properties": {
                "type": {"type": "string", "enum": ["list", "conversation.list"]},
                "data": {"type": "array", "items": {"type": "object"}},
            },
        },
        "conversation_list": _list_schema("conversation.list", "conversations"),
    }
    example = {"type": "conversation.list", "conversations": [{"id": "1"}]}
    doc = spec(
        {
            "/conversations": {
                "get": {"responses": ok(schema={"$ref": "#/components/schemas/paginated_response"}, example=example)}
            }
        },
        schemas,
    )
    fixed, outcomes = run(doc)
    assert fixed["paths"]["/conversations"]["get"]["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/conversation_list"
    }
    assert "paginated_response -> conversation_list" in outcomes["response-schema-named-by-type"].applied[0]


def test_examples_of_an_ambiguous_type_change_nothing() -> None:
    schemas = {"a": _list_schema("list", "data"), "b": _list_schema("list", "tags"), "c": _list_schema("list", "items")}
    doc = spec(
        {
            "/tags": {
                "get": {
                    "responses": ok(schema={"$ref": "#/components/schemas/a"}, example={"type": "list", "tags": []})
                }
            }
        },
        schemas,
    )
    fixed, _ = run(doc)
    assert fixed == doc


CURSOR_PAGES = {
    "type": "object",
    "properties": {
        "page": {"type": "integer"},
        "per_page": {"type": "integer"},
        "total_pages": {"type": "integer"},
        "next": {
            "type": "object",
            "properties": {"per_page": {"type": "integer"}, "starting_after": {"type": "string"}},
        },
    },
}


def test_list_with_a_pages_envelope_gets_the_parameters_it_describes() -> None:
    schemas = {
        "cursor_pages": CURSOR_PAGES,
        "article_list": _list_schema("list", "data", {"$ref": "#/components/schemas/cursor_pages"}),
    }
    paged = {"name": "page", "in": "query", "schema": {"type": "integer"}}
    doc = spec(
        {
            "/articles": {"get": {"responses": ok(schema={"$ref": "#/components/schemas/article_list"})}},
            "/companies": {
                "get": {"parameters": [paged], "responses": ok(schema={"$ref": "#/components/schemas/article_list"})}
            },
        },
        schemas,
    )
    fixed, outcomes = run(doc)
    added = fixed["paths"]["/articles"]["get"]["parameters"]
    assert [(p["name"], p["in"], p["required"]) for p in added] == [
        ("page", "query", False),
        ("per_page", "query", False),
        ("starting_after", "query", False),
    ]
    assert fixed["paths"]["/companies"] == doc["paths"]["/companies"], "declared paging parameters: left as declared"
    assert outcomes["list-without-paging-parameters"].applied == ("GET /articles: page, per_page, starting_after",)


def test_a_restorable_deleted_schema_is_restored_and_others_stay_dangling() -> None:
    doc = spec(
        {}, {"req": {"type": "object", "properties": {"attrs": {"$ref": "#/components/schemas/custom_attributes"}}}}
    )
    fixed, outcomes = run(doc)
    assert fixed["components"]["schemas"]["custom_attributes"] == DATA.restored_schemas["custom_attributes"].schema
    assert outcomes["restore-deleted-schema"].applied == (
        "#/components/schemas/custom_attributes (as published in 2.12)",
    )
    doc["components"]["schemas"]["req"]["properties"]["other"] = {"$ref": "#/components/schemas/never_published"}
    fixed, _ = run(doc)
    with pytest.raises(GeneratorError) as err:
        validate.validate(fixed, "test")
    assert err.value.where == "#/components/schemas/req/properties/other/$ref"


# ---------------------------------------------------------------- per-version entries


def write_overrides(folder: Path, version: str, entries: list[dict[str, Any]]) -> repairs.Data:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{version}.yaml").write_text(yaml.safe_dump({"repairs": entries}))
    return dataclasses.replace(DATA, overrides_dir=folder)


def test_per_version_entries_are_addressed_by_name(tmp_path: Path) -> None:
    doc = spec(
        {"/calls/{id}": {"get": {"parameters": [_id_param("id", "string")], "responses": ok("the call")}}},
        {"call": {"type": "object", "properties": {"state": {"type": "string", "format": "date"}}}},
    )
    data = write_overrides(
        tmp_path,
        "9.9",
        [
            {
                "reason": "state holds words, not dates",
                "at": {"schema": "call", "property": "state"},
                "expect": {"format": "date"},
                "remove": ["format"],
            },
            {
                "reason": "ids are numbers",
                "at": {"path": "/calls/{id}", "method": "get", "parameter": "id"},
                "set": {"schema": {"type": "integer"}},
            },
            {
                "reason": "say what it is",
                "at": {"path": "/calls/{id}", "method": "get", "response": "200"},
                "set": {"description": "One call"},
            },
        ],
    )
    fixed, outcomes = repairs.apply(doc, "9.9", data)
    entries = [o for o in outcomes if o.name.startswith("spec/overrides/")]
    assert [o.applied for o in entries] == [
        ("#/components/schemas/call/properties/state",),
        ("GET /calls/{id} parameter id",),
        ("GET /calls/{id} response 200",),
    ]
    assert fixed["components"]["schemas"]["call"]["properties"]["state"] == {"type": "string"}
    assert fixed["paths"]["/calls/{id}"]["get"]["parameters"][0]["schema"] == {"type": "integer"}
    assert fixed["paths"]["/calls/{id}"]["get"]["responses"]["200"]["description"] == "One call"
    assert entries[0].line().startswith("repaired [spec/overrides/9.9.yaml #1]: state holds words, not dates")


def test_an_entry_whose_defect_is_gone_is_not_needed(tmp_path: Path) -> None:
    doc = spec({}, {"call": {"type": "object", "properties": {"state": {"type": "string"}}}})
    data = write_overrides(
        tmp_path,
        "9.9",
        [
            {"reason": "fixed upstream", "at": {"schema": "call", "property": "state"}, "remove": ["format"]},
            {"reason": "moved upstream", "at": {"schema": "call", "property": "status"}, "remove": ["format"]},
            {
                "reason": "changed upstream",
                "at": {"schema": "call", "property": "state"},
                "expect": {"type": "integer"},
                "set": {"type": "number"},
            },
        ],
    )
    fixed, outcomes = repairs.apply(doc, "9.9", data)
    lines = [o.line() for o in outcomes if o.name.startswith("spec/overrides/")]
    assert fixed == doc
    assert lines == [
        "not needed [spec/overrides/9.9.yaml #1]: #/components/schemas/call/properties/state is already as wanted (upstream fixed it)",
        "not needed [spec/overrides/9.9.yaml #2]: #/components/schemas/call/properties/status is not in this description (upstream moved or removed it)",
        "not needed [spec/overrides/9.9.yaml #3]: #/components/schemas/call/properties/state no longer has {'type': 'integer'} (upstream changed it)",
    ]


@pytest.mark.parametrize(
    "entry",
    [
        {
            "reason": "by index",
            "at": {"path": "/x", "method": "get", "parameter": 1},
            "patch": [{"op": "remove", "path": "/paths/~1x/get/parameters/1"}],
        },
        {"reason": "json patch", "patch": [{"op": "remove", "path": "/paths/~1x"}]},
        {"at": {"schema": "call"}, "set": {}},
        {"reason": "where?", "at": {"pointer": "/paths/~1x/get/parameters/1"}, "set": {}},
    ],
    ids=["extra-key", "no-at", "no-reason", "pointer"],
)
def test_entries_must_be_addressed_by_name(tmp_path: Path, entry: dict[str, Any]) -> None:
    data = write_overrides(tmp_path, "9.9", [entry])
    with pytest.raises(GeneratorError) as err:
        repairs.apply(spec({}), "9.9", data)
    assert "entry #1" in str(err.value) and err.value.where == str(tmp_path / "9.9.yaml")


# ---------------------------------------------------------------- leave one out: the real files


def _description(version: str) -> dict[str, Any]:
    path = Path(MIRROR) / lock.entry(version).path
    return validate.load_yaml(path.read_bytes(), str(path))


@pytest.mark.parametrize("version", list(lock.read()))
def test_rules_alone_repair_every_locked_version(version: str, tmp_path: Path) -> None:
    """Each version with its own per-version file removed repairs to the same description (so
    the same package), and that description is valid: rules, not patches, carry the repairs.
    Entries still needed are listed in STILL_NEEDED with why."""
    doc = _description(version)
    with_file, outcomes = repairs.apply(doc, version, DATA)
    without, _ = repairs.apply(doc, version, dataclasses.replace(DATA, overrides_dir=tmp_path))
    entries = [o.name for o in outcomes if o.name.startswith("spec/overrides/")]
    unexplained = [e for e in entries if f"{version} #{e.rsplit('#', 1)[1]}" not in STILL_NEEDED]
    assert not unexplained, f"per-version entries no test explains: {unexplained}"
    if not entries:
        assert with_file == without
    validate.validate(without, version)


def test_no_per_version_file_holds_an_entry_any_more() -> None:
    """Today every repair is a rule; an entry added later must be justified in STILL_NEEDED."""
    for path in sorted(DATA.overrides_dir.glob("*.yaml")):
        count = len(repairs.load_entries(path.stem, DATA.overrides_dir))
        assert count == sum(key.startswith(f"{path.stem} #") for key in STILL_NEEDED), path


def test_a_repair_upstream_made_unneeded_is_skipped(tmp_path: Path) -> None:
    """A copy of 2.15 with job_identifier fixed by hand, as upstream would fix it."""
    doc = _description("2.15")
    fixed_by_hand = copy.deepcopy(doc)
    for path in ("/export/reporting_data/{job_identifier}", "/download/reporting_data/{job_identifier}"):
        for param in fixed_by_hand["paths"][path]["get"]["parameters"]:
            if param.get("name") == "job_identifier":
                param["in"] = "path"
    spec_file = tmp_path / "2.15-fixed.yaml"
    spec_file.write_text(yaml.dump(fixed_by_hand, Dumper=yaml.CSafeDumper, sort_keys=False))
    api = pipeline.build_api(pipeline.from_file(spec_file))
    assert "not needed [templated-path-parameter]: every templated name is declared in: path" in api.repairs
    [download] = [op for op in api.operations if op.path == "/download/reporting_data/{job_identifier}"]
    assert [p.location for p in download.params if p.wire_name == "job_identifier"] == ["path"]
    # The unfixed file gets the same package: the rule does what upstream did.
    assert repairs.apply(doc, "2.15")[0] == repairs.apply(fixed_by_hand, "2.15")[0]


@pytest.mark.parametrize("revision", HISTORY, ids=[p.stem[:7] for p in HISTORY])
def test_rules_repair_every_older_revision_of_2_9(revision: Path) -> None:
    """Revisions the rules were not written against: after the rules, each is a valid description."""
    doc = validate.load_yaml(revision.read_bytes(), str(revision))
    fixed, outcomes = repairs.apply(doc, "2.9", DATA)
    validate.validate(fixed, str(revision))
    assert any(o.applied for o in outcomes)
    assert openapi.lookup(fixed, "#/components/schemas/custom_attributes") is not None


def export_doc(*examples: Any, props: dict[str, Any] | None = None) -> dict[str, Any]:
    """GET /exports/{id} returning `export`, with one response example per value."""
    media = {
        "schema": {"$ref": "#/components/schemas/export"},
        "examples": {f"e{i}": {"value": v} for i, v in enumerate(examples)},
    }
    params = [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}]
    op = {"parameters": params, "responses": {"200": {"description": "ok", "content": {"application/json": media}}}}
    schema = {
        "type": "object",
        "properties": props or {"type": {"type": "string"}, "job_identfier": {"type": "string"}},
    }
    return spec({"/exports/{id}": {"get": op}}, {"export": schema})


def test_property_name_typo_renamed_to_the_key_every_example_uses() -> None:
    doc = export_doc(
        {"type": "export", "job_identifier": "a"},
        {"type": "export", "job_identifier": "b", "status": "done"},
        {"customers": [{"id": "1"}]},  # none of the schema's properties: another object, not counted
    )
    fixed, outcomes = run(doc)
    assert outcomes["property-name-typo"].applied == (
        "#/components/schemas/export/properties/job_identfier -> job_identifier (2 examples)",
    )
    assert list(fixed["components"]["schemas"]["export"]["properties"]) == ["type", "job_identifier"]


@pytest.mark.parametrize(
    "examples",
    [
        # one example holds the declared name: the description may be right
        ({"type": "export", "job_identifier": "a"}, {"type": "export", "job_identfier": "b"}),
        # not every example holds the look-alike
        ({"type": "export", "job_identifier": "a"}, {"type": "export"}),
        # two look-alikes: which one is meant is a guess
        ({"type": "export", "job_identifier": "a", "job_identifiers": "x"},),
        # nothing spelled close
        ({"type": "export", "status": "a"},),
        # no examples
        (),
    ],
)
def test_property_name_typo_leaves_look_alikes_alone(examples: tuple[dict[str, Any], ...]) -> None:
    fixed, outcomes = run(export_doc(*examples))
    assert outcomes["property-name-typo"].applied == ()
    assert "job_identfier" in fixed["components"]["schemas"]["export"]["properties"]


def test_required_by_the_api_marks_declared_properties_only() -> None:
    data = dataclasses.replace(DATA, required={"export": ("type", "job_identfier", "not_declared")})
    fixed, outcomes = run(export_doc(), data)
    assert outcomes["required-by-the-api"].applied == ("#/components/schemas/export: type, job_identfier",)
    assert fixed["components"]["schemas"]["export"]["required"] == ["type", "job_identfier"]
    _, again = run(fixed, data)
    assert again["required-by-the-api"].applied == ()


def customers_doc(*examples: Any, schema: Any = None) -> dict[str, Any]:
    """POST /conversations/{id}/customers declared to return a conversation, with examples."""
    media = {
        "schema": schema or {"$ref": "#/components/schemas/conversation"},
        "examples": {f"e{i}": {"value": v} for i, v in enumerate(examples)},
    }
    params = [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}]
    op = {"parameters": params, "responses": {"200": {"description": "ok", "content": {"application/json": media}}}}
    conversation = {"type": "object", "properties": {"type": {"type": "string"}, "id": {"type": "string"}}}
    return spec({"/conversations/{id}/customers": {"post": op}}, {"conversation": conversation})


def test_response_shown_by_examples_describes_what_they_hold() -> None:
    doc = customers_doc(
        {"customers": [{"type": "user", "id": "1"}], "total": 1},
        {"customers": [{"type": "lead", "id": "2", "email": None}], "total": 2, "more": True},
    )
    fixed, outcomes = run(doc)
    assert outcomes["response-shown-by-examples"].applied == (
        "POST /conversations/{id}/customers 200: conversation -> an object with customers, more, total (its 2 examples)",
    )
    media = fixed["paths"]["/conversations/{id}/customers"]["post"]["responses"]["200"]["content"]["application/json"]
    assert media["schema"] == {
        "type": "object",
        "properties": {
            "customers": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"type": {"type": "string"}, "id": {"type": "string"}, "email": {"nullable": True}},
                },
            },
            "total": {"type": "integer"},
            "more": {"type": "boolean"},
        },
    }
    validate.validate(fixed, "test")


@pytest.mark.parametrize(
    "examples",
    [
        ({"type": "conversation", "id": "1"},),  # an example of the schema
        ({"customers": []}, {"id": "1"}),  # one example holds a declared property
        ({},),  # an empty object says nothing
        (["a list"],),  # not an object
        (),  # no examples
    ],
)
def test_response_shown_by_examples_leaves_matching_examples_alone(examples: tuple[Any, ...]) -> None:
    fixed, outcomes = run(customers_doc(*examples))
    assert outcomes["response-shown-by-examples"].applied == ()
    media = fixed["paths"]["/conversations/{id}/customers"]["post"]["responses"]["200"]["content"]["application/json"]
    assert media["schema"] == {"$ref": "#/components/schemas/conversation"}
