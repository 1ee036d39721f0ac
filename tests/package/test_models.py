"""Models: one class per component schema, named from its key; every response example parses."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pydantic
import pytest
import yaml

import intercom_sdk.types as types
from generator.pipeline import fetch, models
from generator import lock
from generator.errors import GeneratorError
from generator.naming import pascal
from intercom_sdk._models import BaseModel

from tests.conftest import MIRROR

from . import description


def test_every_component_schema_has_a_class_named_from_its_key(spec29: dict[str, Any]) -> None:
    """All but the schemas only ever sent as a whole request body, whose properties are the
    method's keyword arguments (tests/package/description.py says which)."""
    keys = list(spec29["components"]["schemas"])
    assert len(keys) == 169  # 168 published + custom_attributes restored by a repair
    body_only = description.body_only_schemas(spec29)
    assert {"create_contact_request", "reply_conversation_request", "admin_reply_conversation_request"} <= body_only
    assert not body_only & {"contact", "single_filter_search_request", "custom_attributes"}
    for key in keys:
        if key in body_only:
            assert not hasattr(types, pascal(key)), key
        else:
            assert issubclass(getattr(types, pascal(key)), (BaseModel, pydantic.RootModel)), key
    assert types.ContactList.__name__ == "ContactList"
    assert types.Tags.__name__ == "Tags"


def test_no_numbered_or_invented_class_names() -> None:
    sources = Path(types.__file__ or "").parent.joinpath("_models").glob("*.py")
    names = re.findall(r"^class (\w+)\(", "".join(p.read_text() for p in sources), re.M)
    assert names
    assert not [n for n in names if re.search(r"\d+$", n)]
    assert sorted(names) == sorted(n for n in types.__all__ if not n.endswith("Param"))


def test_one_module_per_schema_with_the_objects_nested_in_it() -> None:
    module = {
        name: getattr(types, name).__module__.rsplit(".", 1)[-1] for name in types.__all__ if not name.endswith("Param")
    }
    assert module["Contact"] == "contact"
    assert module["ContactList"] == "contact_list"
    # Objects hoisted out of a schema stay with it; out of a request body (which has no class),
    # they are modules of their own.
    assert module["CreateMessageRequestFrom"] == "create_message_request_from"
    assert module["VisitorTagsTagsItem"] == "visitor"
    assert module["MultipleOrSingleFilterSearchRequest"] == "multiple_filter_search_request"
    assert len(set(module.values())) == 140  # 2 inline responses (response-shown-by-examples)
    files = Path(types.__file__ or "").parent.joinpath("_models").glob("*.py")
    assert sorted(p.stem for p in files) == sorted({*module.values(), "__init__"})


def test_schemas_referencing_each_other_share_a_module() -> None:
    refs = {
        "Ping": {"Pong", "PingMeta", "Ping1"},
        "PingMeta": set(),  # hoisted out of Ping
        "Ping1": set(),  # a name the model generator made up
        "Pong": {"Ping"},
        "User": {"Ping", "User"},
        "Solo": set(),
        "Shared": set(),
        "A": {"Shared"},
    }
    assert models.module_names(refs, {"Ping", "Pong", "User", "Solo", "A"}) == {
        "A": "a",
        "Ping": "ping",
        "Ping1": "ping",
        "PingMeta": "ping",
        "Pong": "ping",
        "Shared": "a",
        "Solo": "solo",
        "User": "user",
    }
    # Referenced from two classes: a module of its own. Referenced by none: the same.
    refs["Solo"] = {"Shared"}
    modules = models.module_names(refs, {"Ping", "Pong", "User", "A"})
    assert (modules["Shared"], modules["Solo"]) == ("shared", "solo")


def test_split_modules_import_only_what_they_use() -> None:
    source = (
        "from __future__ import annotations\n"
        "from intercom_sdk._models import BaseModel\n"
        "from typing import Any, Literal\n"
        "from pydantic import Field, RootModel\n\n\n"
        "class A(BaseModel):\n    b: B | None = None\n    kind: Literal['a'] = 'a'\n\n\n"
        "class B(RootModel[list[Any]]):\n    root: list[Any] = Field(...)\n\n\n"
        "A.model_rebuild()\n"
    )
    a, b = models.split(source, {"A", "B"})
    assert (a.name, a.classes, b.name, b.classes) == ("a", ["A"], "b", ["B"])
    assert a.source.startswith(
        "from __future__ import annotations\n\nfrom typing import Literal\n\n"
        "from intercom_sdk._models import BaseModel\n\nfrom .b import B\n\n\nclass A(BaseModel):"
    )
    assert a.source.rstrip().endswith("A.model_rebuild()")
    assert "from typing import Any\n\nfrom pydantic import Field, RootModel\n\n\nclass B(" in b.source
    # B is nested in A (no schema of its own): one module, B defined first so A is complete.
    (ab,) = models.split(source, {"A"})
    assert (ab.name, ab.classes) == ("a", ["B", "A"])
    assert ab.source.index("class B(") < ab.source.index("class A(") < ab.source.index("A.model_rebuild()")
    with pytest.raises(GeneratorError, match="rebuilds C, which it does not define"):
        models.split(source + "C.model_rebuild()\n", {"A", "B"})
    with pytest.raises(GeneratorError, match="'x = 1', which is not a class"):
        models.split(source + "x = 1\n", {"A", "B"})


def test_a_reference_cycle_between_schemas_generates_an_importable_package(tmp_path: Path) -> None:
    from generator.pipeline import fetch
    from generator import pipeline

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    doc = yaml.load(fetch.fetch(lock.entry("2.9"), mirror=MIRROR).read_bytes(), Loader=loader)
    schemas = doc["components"]["schemas"]
    schemas["ping"] = {"type": "object", "properties": {"pong": {"$ref": "#/components/schemas/pong"}}}
    schemas["pong"] = {
        "type": "object",
        "properties": {"ping": {"$ref": "#/components/schemas/ping"}, "n": {"type": "integer"}},
    }
    schemas["tag"]["properties"]["ping"] = {"$ref": "#/components/schemas/ping"}
    spec = tmp_path / "cycle.yaml"
    spec.write_text(yaml.dump(doc, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), allow_unicode=True))
    out = tmp_path / "pkg"
    pipeline.generate(pipeline.from_file(spec), out)
    script = (
        "import intercom_sdk.types as t\n"
        "tag = t.Tag.model_validate({'type': 'tag', 'id': '1', 'ping': {'pong': {'ping': {'pong': {'n': 2}}}}})\n"
        "print(tag.ping.pong.ping.pong.n, t.Ping.__module__, t.Pong.__module__, t.Tag.__module__)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], env={"PYTHONPATH": str(out / "src")}, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["2", *["intercom_sdk.types._models.ping"] * 2, "intercom_sdk.types._models.tag"]


def test_models_keep_unknown_fields_and_alias_non_identifiers() -> None:
    tag = types.Tag.model_validate({"type": "tag", "id": "1", "name": "x", "brand_new_field": 7})
    assert tag.model_extra == {"brand_new_field": 7}
    article = types.ArticleTranslatedContent.model_fields
    assert article["pt_BR"].validation_alias == article["pt_BR"].serialization_alias == "pt-BR"
    parsed = types.ArticleTranslatedContent.model_validate(
        {"type": "article_translated_content", "pt-BR": {"title": "Olá"}}
    )
    assert parsed.pt_BR is not None and parsed.pt_BR.title == "Olá"
    built = types.ArticleTranslatedContent(pt_BR=types.ArticleContent(title="Olá"))
    assert built.model_dump(mode="json", by_alias=True, exclude_unset=True) == {"pt-BR": {"title": "Olá"}}


def test_nullable_refs_accept_null() -> None:
    part = types.ConversationPart.model_validate({"type": "conversation_part", "id": "1", "assigned_to": None})
    assert part.assigned_to is None


def test_unix_timestamps_and_uris_stay_plain() -> None:
    contact = types.Contact.model_validate(
        {
            "type": "contact",
            "id": "1",
            "created_at": 1571672154,
            "tags": {"type": "list", "url": "/contacts/1/tags", "data": []},
        }
    )
    assert contact.created_at == 1571672154
    assert contact.tags is not None and contact.tags.url == "/contacts/1/tags"


def response_examples(api29: Any) -> list[tuple[str, str, str, Any]]:
    return [(op.operation_id, ex.status, ex.name, ex.value) for op in api29.operations for ex in op.response_examples]


def error_model(spec: dict[str, Any], pointer: str, status: str) -> Any:
    _, _, path, method = pointer.split("/")
    response = spec["paths"][path.replace("~1", "/").replace("~0", "~")][method]["responses"][status]
    schema = response["content"]["application/json"].get("schema")
    return getattr(types, pascal(schema["$ref"].rsplit("/", 1)[-1])) if schema else None


def test_every_response_example_parses_into_its_model(api29: Any, spec29: dict[str, Any]) -> None:
    from intercom_sdk._exceptions import make_status_error  # noqa: F401  (imports resolve)

    checked = 0
    failures: list[str] = []
    unschemed: list[str] = []
    for op in api29.operations:
        for ex in op.response_examples:
            if ex.status.startswith("2"):
                model = getattr(types, op.response_model) if op.response_model else None
                if model is None:
                    unschemed.append(f"{op.operation_id} {ex.status}")
                    continue
                try:
                    parsed = model.model_validate_json(json.dumps(ex.value))
                except pydantic.ValidationError as exc:
                    failures.append(f"{op.operation_id}/{ex.name}: {exc}")
                    continue
                assert isinstance(parsed, model)
            else:
                model = error_model(spec29, op.pointer, ex.status)
                if model is None:  # upstream declares an example but no schema for these
                    unschemed.append(f"{op.operation_id} {ex.status}")
                    continue
                parsed = model.model_validate_json(json.dumps(ex.value))
                assert isinstance(parsed, model)
            checked += 1
    assert not failures, "\n".join(failures)
    assert sorted(set(unschemed)) == ["createPhoneSwitch 400", "createPhoneSwitch 422", "updateTicket 404"]
    total = sum(len(op.response_examples) for op in api29.operations)
    assert total == 304
    assert checked == total - len(unschemed)
