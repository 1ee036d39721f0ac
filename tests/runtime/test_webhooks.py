"""Webhook notifications: the X-Hub-Signature check, and `unwrap` returning a typed Notification
whose data.item is the model its type names (issue 17 item 4), delivered over real HTTP to a
loopback receiver (FakeIntercom with a handler that calls `unwrap`)."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

import intercom_sdk
from intercom_sdk import WebhookVerificationError
from intercom_sdk._webhook_items import ITEM_MODELS
from intercom_sdk.testing import ExampleTransport
from intercom_sdk.types import Contact, Conversation, Tag
from intercom_sdk.webhooks import (
    ContactTag,
    Notification,
    UnknownItem,
    unwrap,
    verify_signature,
)

from .fake_intercom import FakeIntercom, Recorded, Reply

SECRET = "client-secret-123"
# As Intercom's webhook documentation shows a notification (spec/webhooks.yaml names the pages).
ENVELOPE: dict[str, Any] = {
    "type": "notification_event",
    "app_id": "x1y2z3",
    "id": "notif_ccd8a4d0-f965-11e3-a367-c779cae3e1b3",
    "topic": "conversation.user.created",
    "delivery_status": "pending",
    "delivery_attempts": 1,
    "delivered_at": 0,
    "first_sent_at": 1718000000,
    "created_at": 1718000000,
    "links": {},
    "self": None,
}


def notification(item: dict[str, Any], topic: str = "conversation.user.created") -> bytes:
    body = {
        **ENVELOPE,
        "topic": topic,
        "data": {"type": "notification_event_data", "item": item},
    }
    return json.dumps(body).encode()


def sign(payload: bytes, secret: str = SECRET) -> str:
    return "sha1=" + hmac.new(secret.encode(), payload, hashlib.sha1).hexdigest()


PAYLOAD = notification({"type": "conversation", "id": "1"})
GOOD = sign(PAYLOAD)


def example_object(item_type: str) -> dict[str, Any]:
    """An object of `item_type` from the description's examples (those ExampleTransport serves):
    the first JSON object anywhere in them whose type is the REST type of the item."""
    rest = {"user": "contact", "lead": "contact"}.get(item_type, item_type)

    def find(value: Any) -> dict[str, Any] | None:
        if isinstance(value, dict):
            if value.get("type") == rest and len(value) > 3:
                return value
            value = list(value.values())
        if isinstance(value, list):
            for inner in value:
                if (found := find(inner)) is not None:
                    return found
        return None

    for route in ExampleTransport().routes:
        if route.body and (found := find(json.loads(route.body))) is not None:
            return {**found, "type": item_type}
    return {"type": item_type, "id": "1"}


# -- the signature ------------------------------------------------------------------------------


def test_good_signature() -> None:
    assert verify_signature(PAYLOAD, GOOD, SECRET)
    assert verify_signature(PAYLOAD.decode(), GOOD.upper().replace("SHA1=", "sha1="), SECRET)
    assert unwrap(PAYLOAD, GOOD, SECRET).topic == "conversation.user.created"


def test_bad_signature() -> None:
    assert not verify_signature(PAYLOAD + b" ", GOOD, SECRET)
    assert not verify_signature(PAYLOAD, GOOD, "other-secret")
    with pytest.raises(WebhookVerificationError):
        unwrap(PAYLOAD, GOOD, "other-secret")


@pytest.mark.parametrize(
    "header",
    [
        "",
        None,
        "sha256=" + "0" * 64,
        GOOD[len("sha1=") :],
        "sha1=",
        "sha1=zz",
        "sha1=é",
    ],
)
def test_malformed_header(header: str | None) -> None:
    assert not verify_signature(PAYLOAD, header, SECRET)


def test_empty_secret_is_an_error() -> None:
    with pytest.raises(ValueError):
        verify_signature(PAYLOAD, GOOD, "")


# -- the typed notification ---------------------------------------------------------------------


def test_the_envelope_is_typed() -> None:
    item = example_object("conversation")
    payload = notification(item)
    event = unwrap(payload, sign(payload), SECRET)
    assert isinstance(event, Notification)
    assert (event.type, event.id, event.topic, event.app_id) == (
        "notification_event",
        ENVELOPE["id"],
        "conversation.user.created",
        "x1y2z3",
    )
    assert (event.created_at, event.delivery_attempts, event.first_sent_at) == (
        1718000000,
        1,
        1718000000,
    )
    assert event.delivery_status == "pending" and event.links == {}
    assert event.self_ is None and event.to_dict()["self"] is None
    assert event.data.type == "notification_event_data"
    assert isinstance(event.data.item, Conversation) and event.item is event.data.item
    assert event.data.item.id == item["id"]


@pytest.mark.parametrize("item_type", sorted(ITEM_MODELS))
def test_each_item_type_parses_into_its_model(item_type: str) -> None:
    module, name = ITEM_MODELS[item_type]
    item = example_object(item_type)
    payload = notification(item)
    parsed = unwrap(payload, sign(payload), SECRET).data.item
    assert type(parsed).__name__ == name
    assert type(parsed).__module__.startswith(f"intercom_sdk.{module}")
    assert parsed.to_dict()["type"] == item_type


def test_user_and_lead_are_contacts() -> None:
    for role in ("user", "lead"):
        payload = notification({"type": role, "id": "c1", "role": role}, f"{role}.created")
        item = unwrap(payload, sign(payload), SECRET).data.item
        assert isinstance(item, Contact) and item.id == "c1"


def test_a_contact_tag_holds_its_contact_and_tag() -> None:
    item = {
        "type": "contact_tag",
        "created_at": 1718000001,
        "contact": example_object("contact"),
        "tag": {"type": "tag", "id": "t1", "name": "vip"},
    }
    payload = notification(item, "contact.user.tag.created")
    parsed = unwrap(payload, sign(payload), SECRET).data.item
    assert isinstance(parsed, ContactTag)
    assert isinstance(parsed.contact, Contact) and isinstance(parsed.tag, Tag)
    assert parsed.tag.name == "vip" and parsed.created_at == 1718000001
    # declared fields, not extras kept by name: a misnamed field would still read the same
    assert {"type", "created_at", "contact", "tag"} <= set(ContactTag.model_fields)
    assert not parsed.model_extra


def test_the_envelope_keeps_self_under_its_wire_name() -> None:
    link = "https://api.intercom.io/notifications/n1"
    payload = json.dumps({**json.loads(notification(example_object("conversation"))), "self": link}).encode()
    event = unwrap(payload, sign(payload), SECRET)
    assert event.self_ == link and not event.model_extra
    assert event.to_dict()["self"] == link and "self_" not in event.to_dict()


def test_an_unknown_type_keeps_its_fields() -> None:
    payload = notification({"type": "ping", "message": "hello", "nested": {"a": [1]}}, "ping")
    item = unwrap(payload, sign(payload), SECRET).data.item
    assert isinstance(item, UnknownItem) and item.type == "ping"
    assert item.model_extra == {"message": "hello", "nested": {"a": [1]}}
    assert item.to_dict() == {"type": "ping", "message": "hello", "nested": {"a": [1]}}


def test_an_item_that_does_not_match_its_model_is_kept(caplog: pytest.LogCaptureFixture) -> None:
    """Lenient as responses are: a webhook must not fail on a value Intercom added."""
    payload = notification({"type": "tag", "id": "t1", "name": {"not": "a string"}})
    with caplog.at_level(logging.WARNING, logger="intercom_sdk"):
        item = unwrap(payload, sign(payload), SECRET).data.item
    assert isinstance(item, Tag) and item.id == "t1" and item.name == {"not": "a string"}
    assert "webhook item of type 'tag' does not match Tag" in caplog.text


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ({**ENVELOPE, "topic": None, "data": {"type": "notification_event_data", "item": {}}}, "topic"),
        ({**ENVELOPE, "data": {"type": "notification_event_data"}}, "data.item"),
        ({**ENVELOPE, "data": {"type": "notification_event_data", "item": [1]}}, "data.item"),
        ([ENVELOPE], "not a JSON object"),
    ],
)
def test_a_body_that_is_not_a_notification_is_refused(body: Any, problem: str) -> None:
    payload = json.dumps(body).encode()
    with pytest.raises(WebhookVerificationError, match="not an Intercom notification|not a JSON object") as info:
        unwrap(payload, sign(payload), SECRET)
    assert problem in str(info.value)


# -- over HTTP -------------------------------------------------------------------------------------


def receiver(recorded: Recorded) -> Reply:
    """A webhook endpoint: verify and parse, answer what was understood."""
    try:
        event = unwrap(recorded.body, recorded.headers.get("x-hub-signature"), SECRET)
    except WebhookVerificationError as error:
        return Reply(401, {"error": str(error)})
    return Reply(200, {"topic": event.topic, "item": type(event.data.item).__name__, "id": event.id})


@pytest.mark.parametrize(
    ("item_type", "model"),
    [("conversation", "Conversation"), ("contact", "Contact"), ("contact_tag", "ContactTag"), ("ping", "UnknownItem")],
)
def test_notifications_delivered_over_http(server: FakeIntercom, item_type: str, model: str) -> None:
    server.handler = receiver
    payload = notification(example_object(item_type), topic=f"{item_type}.created")
    with httpx.Client(base_url=server.url) as http:
        answer = http.post(
            "/hooks/intercom",
            content=payload,
            headers={"X-Hub-Signature": sign(payload), "Content-Type": "application/json"},
        )
        assert answer.status_code == 200, answer.text
        assert answer.json() == {"topic": f"{item_type}.created", "item": model, "id": ENVELOPE["id"]}
        forged = http.post(
            "/hooks/intercom", content=payload, headers={"X-Hub-Signature": sign(payload, "not-the-secret")}
        )
        assert forged.status_code == 401 and "signature" in forged.json()["error"]
    assert len(server.requests) == 2


def test_unwrap_loads_only_the_models_an_item_needs() -> None:
    payload = notification({"type": "tag", "id": "t1", "name": "vip"})
    script = f"""
import json, sys
from intercom_sdk.webhooks import unwrap
models = "intercom_sdk.types._models."
before = sorted(m for m in sys.modules if m.startswith(models) or m == "intercom_sdk._webhook_objects")
item = unwrap({payload!r}, {sign(payload)!r}, {SECRET!r}).data.item
after = sorted(m[len(models):] for m in sys.modules if m.startswith(models))
print(json.dumps([before, after, type(item).__name__, "intercom_sdk._webhook_objects" in sys.modules]))
"""
    src = str(Path(intercom_sdk.__file__).parent.parent)
    result = subprocess.run([sys.executable, "-c", script], env={"PYTHONPATH": src}, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    before, after, name, objects_loaded = json.loads(result.stdout)
    assert before == [] and name == "Tag" and not objects_loaded
    assert "tag" in after and not {"conversation", "contact", "company", "ticket"} & set(after)
