"""spec/webhooks.yaml: its loader, and what it has to agree with. The envelope it documents is the
one the runtime's Notification declares; every schema it maps an item type to is in a locked
description; each version maps exactly the item types whose schema it has (2.7 and 2.8 have no
`ticket`: those items stay UnknownItem) plus the webhook-only objects."""

from __future__ import annotations

import types as pytypes
import typing
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import lock, specdata
from generator.pipeline import runtime_data
from generator.errors import GeneratorError
from generator.naming import class_name
from generator.pipeline import fetch
from intercom_sdk import webhooks
from intercom_sdk._webhook_items import ITEM_MODELS, WEBHOOK_OBJECTS

from tests.conftest import MIRROR, ROOT

SMALL: dict[str, Any] = {
    "notification": {
        "type": "notification_event",
        "fields": {
            "topic": {"type": "string", "required": True, "description": "The topic."},
            "data": {"type": "data", "required": True, "description": "The payload."},
        },
    },
    "data": {
        "type": "notification_event_data",
        "fields": {"item": {"type": "item", "required": True, "description": "It."}},
    },
    "items": {"contact": "contact"},
    "objects": {
        "contact_tag": {
            "model": "ContactTag",
            "description": "Tagged.",
            "properties": {
                "tag": {"schema": "tag", "description": "The tag."},
                "created_at": {"type": "integer", "description": "When."},
            },
        }
    },
}


def _write(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "webhooks.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def test_the_real_file_loads() -> None:
    data = specdata.webhooks()
    assert data.notification.type == "notification_event" and data.data.type == "notification_event_data"
    assert {"id", "topic", "app_id", "created_at", "delivery_attempts", "first_sent_at", "data"} <= set(
        data.notification.fields
    )
    assert data.items["conversation"] == "conversation" and data.items["user"] == data.items["lead"] == "contact"
    assert data.objects["contact_tag"].model == "ContactTag"


def test_a_small_file_loads(tmp_path: Path) -> None:
    data = specdata.webhooks(_write(tmp_path, SMALL))
    assert data.notification.fields["topic"] == specdata.WebhookField("string", True, "The topic.")
    assert data.objects["contact_tag"].properties["tag"] == specdata.WebhookProperty(None, "tag", "The tag.")
    assert data.objects["contact_tag"].properties["created_at"].type == "integer"


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda d: d["notification"]["fields"]["topic"].update(type="str"),
            "`notification.fields.topic.type`: expected one of string",
        ),
        (
            lambda d: d["notification"]["fields"]["topic"].update(required="yes"),
            "`notification.fields.topic.required`: expected a boolean",
        ),
        (lambda d: d["notification"]["fields"].pop("data"), "`notification.fields`: expected a field of type data"),
        (lambda d: d["data"].pop("type"), "`data`: missing key 'type'"),
        (lambda d: d["items"].update(ticket=3), "`items.ticket`: expected a string"),
        (lambda d: d["items"].update(contact_tag="contact"), "contact_tag also in `items`"),
        (
            lambda d: d["objects"]["contact_tag"]["properties"]["tag"].update(type="string"),
            "needs exactly one of `type` and `schema`",
        ),
        (lambda d: d["objects"]["contact_tag"].update(model="contact tag"), "expected a class name"),
        (
            lambda d: d["objects"]["contact_tag"]["properties"].update(
                {"from": {"type": "string", "description": "x"}}
            ),
            "identifier",
        ),
        (lambda d: d.update(topics={}), "unknown key 'topics'"),
    ],
)
def test_a_broken_file_is_refused(tmp_path: Path, edit: Any, message: str) -> None:
    data = yaml.safe_load(yaml.safe_dump(SMALL))
    edit(data)
    with pytest.raises(GeneratorError) as caught:
        specdata.webhooks(_write(tmp_path, data))
    assert message in caught.value.message and caught.value.message.startswith("webhooks.yaml: ")


def _locked_schemas() -> dict[str, set[str]]:
    out = {}
    for version, entry in lock.read().items():
        doc = yaml.load(fetch.fetch(entry, mirror=MIRROR).read_bytes(), Loader=yaml.CSafeLoader)
        out[version] = set(doc["components"]["schemas"])
    return out


def test_every_schema_is_in_a_locked_description_and_no_object_shadows_a_model() -> None:
    data = specdata.webhooks()
    schemas = _locked_schemas()
    known = set().union(*schemas.values())
    named = [
        *data.items.values(),
        *(p.schema for o in data.objects.values() for p in o.properties.values() if p.schema),
    ]
    assert [s for s in named if s not in known] == [], "spec/webhooks.yaml names schemas no locked description has"
    assert "ticket" not in schemas["2.7"] and "ticket" in schemas["2.9"]
    models = {class_name(s) for s in known}
    assert [o.model for o in data.objects.values() if o.model in models] == []


def test_a_version_without_the_schema_leaves_the_item_generic() -> None:
    api = pytypes.SimpleNamespace(component_models={"contact": "Contact", "tag": "Tag", "conversation": "Conversation"})
    hooks = runtime_data.webhook_items(api)  # type: ignore[arg-type]
    mapped = {i.type: (i.module, i.model) for i in hooks.items}
    assert mapped["user"] == ("types", "Contact") and mapped["contact_tag"] == ("_webhook_objects", "ContactTag")
    assert "ticket" not in mapped and ("ticket", "ticket") in hooks.missing
    assert hooks.models == ["Contact", "Conversation", "Tag"]
    api.component_models.pop("tag")
    fields = {f.name: f.annotation for f in runtime_data.webhook_items(api).objects[0].fields}  # type: ignore[arg-type]
    assert fields["tag"] == "Dict[str, Any] | None" and fields["contact"] == "Contact | None"


def test_the_2_9_package_maps_what_the_spec_says() -> None:
    data = specdata.webhooks()
    expected = {t: ("types", class_name(s)) for t, s in data.items.items()}
    expected.update({t: ("_webhook_objects", o.model) for t, o in data.objects.items()})
    assert ITEM_MODELS == expected
    assert WEBHOOK_OBJECTS == tuple(o.model for o in data.objects.values())
    items_py = (ROOT / "generated" / "intercom-2.9" / "src" / "intercom_sdk" / "_webhook_items.py").read_text()
    assert "NotificationItem = Union[" in items_py and "UnknownItem," in items_py


_PYTHON = {"string": str, "integer": int, "object": dict[str, Any]}


def _annotation(model: Any, name: str) -> Any:
    hints = typing.get_type_hints(model, vars(webhooks))
    return hints[name]


@pytest.mark.parametrize(
    ("envelope", "model"), [("notification", webhooks.Notification), ("data", webhooks.NotificationData)]
)
def test_the_runtime_declares_the_documented_envelope(envelope: str, model: Any) -> None:
    spec = getattr(specdata.webhooks(), envelope)
    declared = {(field.alias or name): (name, field) for name, field in model.model_fields.items()}
    assert sorted(declared) == sorted(spec.fields)
    for wire, documented in spec.fields.items():
        name, field = declared[wire]
        assert field.is_required() == documented.required, wire
        annotation = _annotation(model, name)
        if documented.type == "data":
            assert annotation is webhooks.NotificationData
        elif documented.type == "item":
            assert annotation is Any  # parsed by type at run time; a union for type checkers
        elif documented.required:
            assert annotation is _PYTHON[documented.type], wire
        else:
            assert annotation == _PYTHON[documented.type] | None, wire
    assert model.model_validate  # a pydantic model
    assert spec.type in (model.__doc__ or "")


TYPED_USE = """
import httpx
from typing_extensions import assert_type
from intercom_sdk import Intercom
from intercom_sdk.testing import ExampleTransport
from intercom_sdk.types import Contact, Conversation
from intercom_sdk.webhooks import ContactTag, Notification, NotificationItem, UnknownItem, unwrap


def handle(body: bytes, signature: str) -> str:
    event = unwrap(body, signature, "secret")
    assert_type(event, Notification)
    item = event.data.item
    assert_type(item, NotificationItem)
    if isinstance(item, Conversation):
        return item.id
    if isinstance(item, ContactTag) and item.contact is not None:
        assert_type(item.contact, Contact)
        return item.contact.id
    if isinstance(item, UnknownItem):
        return str(item.model_extra)
    return event.topic


def offline() -> None:
    transport = ExampleTransport()
    client = Intercom(access_token="x", http_client=httpx.Client(transport=transport))
    transport.respond("contacts.retrieve", status=404)
    calls: list[httpx.Request] = transport.calls
    assert_type(transport.operation(calls[0]), "str | None")
"""

WRONG_USE = """
from intercom_sdk.webhooks import unwrap

item = unwrap(b"", "", "secret").data.item
item.no_such_attribute  # an Any would let this through
"""


def test_the_item_is_a_union_for_type_checkers(tmp_path: Path) -> None:
    """mypy --strict sees data.item as the union of the mapped models and UnknownItem: narrowing
    with isinstance works, and an attribute no member has is an error."""
    import subprocess
    import sys

    (tmp_path / "ok.py").write_text(TYPED_USE)
    (tmp_path / "wrong.py").write_text(WRONG_USE)
    env = {"MYPYPATH": str(ROOT / "generated" / "intercom-2.9" / "src"), "PATH": "/usr/bin:/bin"}
    command = [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "cache")]
    ok = subprocess.run([*command, str(tmp_path / "ok.py")], capture_output=True, text=True, env=env)
    assert ok.returncode == 0, ok.stdout
    wrong = subprocess.run([*command, str(tmp_path / "wrong.py")], capture_output=True, text=True, env=env)
    assert (
        wrong.returncode == 1 and 'Item "Conversation" of "Admin | Company | Contact | ContactTag' in wrong.stdout
    ), wrong.stdout


TINY = """
openapi: 3.0.1
info: {title: tiny, version: "9.9"}
servers: [{url: "https://api.intercom.io"}]
paths:
  /things/{id}:
    get:
      operationId: getThing
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/thing"}
components:
  schemas:
    thing:
      type: object
      properties:
        type: {type: string, example: thing}
        id: {type: string, example: t1}
"""


def test_a_description_without_any_mapped_schema(tmp_path: Path) -> None:
    """Every item stays UnknownItem but contact_tag, whose contact and tag are plain objects; the
    transport answers the one operation (its body built from the schema's examples)."""
    import subprocess
    import sys

    from generator import pipeline

    (tmp_path / "tiny.yaml").write_text(TINY)
    out = tmp_path / "out"
    pipeline.generate(pipeline.from_file(tmp_path / "tiny.yaml"), out)
    smoke = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "generator" / "version_smoke.py")],
        env={"PYTHONPATH": str(out / "src")},
        capture_output=True,
        text=True,
    )
    assert smoke.returncode == 0, smoke.stderr[-2000:]
    assert smoke.stdout.splitlines() == ["transport: 1 operations", "webhooks: 1 item types", "version error: ok"]
    routes = (out / "src" / "intercom_sdk" / "testing" / "_routes.py").read_text()
    assert "# schema" in routes and '{"type":"thing","id":"t1"}' in routes
    objects = (out / "src" / "intercom_sdk" / "_webhook_objects.py").read_text()
    assert "contact: Dict[str, Any] | None" in objects and "from .types import" not in objects
