"""Models: one class per component schema, named from its key; every response example parses."""

from __future__ import annotations

import json
import re
from typing import Any

import pydantic
import pytest

import intercom_sdk.types as types
from generator.normalize import pascal
from intercom_sdk._models import BaseModel


def test_every_component_schema_has_a_class_named_from_its_key(spec29: dict[str, Any]) -> None:
    keys = list(spec29["components"]["schemas"])
    assert len(keys) == 169  # 168 published + custom_attributes restored by a repair
    for key in keys:
        cls = getattr(types, pascal(key))
        assert issubclass(cls, (BaseModel, pydantic.RootModel)), key
    assert types.ContactList.__name__ == "ContactList"
    assert types.Tags.__name__ == "Tags"


def test_no_numbered_or_invented_class_names() -> None:
    source = (types.__file__ or "").replace("__init__.py", "_models.py")
    names = re.findall(r"^class (\w+)\(", open(source).read(), re.M)
    assert names
    assert not [n for n in names if re.search(r"\d+$", n)]
    assert sorted(names) == sorted(types.__all__ if hasattr(types, "__all__") else names)


def test_models_keep_unknown_fields_and_alias_non_identifiers() -> None:
    tag = types.Tag.model_validate({"type": "tag", "id": "1", "name": "x", "brand_new_field": 7})
    assert tag.model_extra == {"brand_new_field": 7}
    fields = types.CreateMessageRequest.model_fields
    assert fields["from_"].validation_alias == fields["from_"].serialization_alias == "from"
    article = types.ArticleTranslatedContent.model_fields
    assert article["pt_BR"].validation_alias == "pt-BR"
    parsed = types.CreateMessageRequest.model_validate({"message_type": "email", "from": {"type": "admin", "id": 2}})
    assert parsed.from_ is not None and parsed.from_.id == 2
    built = types.CreateMessageRequest(message_type="email", from_=types.CreateMessageRequestFrom(type="admin", id=1))
    assert built.model_dump(mode="json", by_alias=True, exclude_unset=True) == {"message_type": "email", "from": {"type": "admin", "id": 1}}


def test_nullable_refs_accept_null() -> None:
    part = types.ConversationPart.model_validate({"type": "conversation_part", "id": "1", "assigned_to": None})
    assert part.assigned_to is None


def test_unix_timestamps_and_uris_stay_plain() -> None:
    contact = types.Contact.model_validate({"type": "contact", "id": "1", "created_at": 1571672154, "tags": {"type": "list", "url": "/contacts/1/tags", "data": []}})
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
