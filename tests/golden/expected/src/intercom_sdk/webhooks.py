"""Intercom webhook notifications: signature verification and typed parsing.

Intercom signs each notification with HMAC-SHA1 of the raw request body, keyed
with your app's client secret, and sends it as ``X-Hub-Signature: sha1=<hex>``.
Verify against the exact bytes you received: re-serialized JSON will not match.

:func:`unwrap` verifies and returns a :class:`Notification`, whose ``data.item``
is parsed into the model its ``type`` names (``conversation`` ->
``Conversation``, ``contact``/``user``/``lead`` -> ``Contact``, ``contact_tag``
-> :class:`ContactTag`, ...); an item of any other type is an
:class:`UnknownItem` keeping every field. Only the model an item needs is
imported. The envelope is not in Intercom's OpenAPI description: its fields
follow Intercom's webhook documentation (``spec/webhooks.yaml`` of
intercom-sdkgen names the pages).
"""

from __future__ import annotations

import hashlib
import hmac
import importlib
import json
from typing import TYPE_CHECKING, Any

import pydantic
from pydantic import Field, field_validator

from ._exceptions import WebhookVerificationError
from ._logs import logger
from ._models import BaseModel, construct_lenient
from ._webhook_items import ITEM_MODELS, WEBHOOK_OBJECTS

if TYPE_CHECKING:
    from ._webhook_items import NotificationItem as NotificationItem
    from ._webhook_objects import *  # noqa: F403  (the models only webhooks send)
else:
    NotificationItem = Any  # checked by type checkers only; the validator parses items

__all__ = [
    "SIGNATURE_HEADER",
    "verify_signature",
    "unwrap",
    "Notification",
    "NotificationData",
    "NotificationItem",
    "UnknownItem",
    *WEBHOOK_OBJECTS,
]

SIGNATURE_HEADER = "X-Hub-Signature"
_PREFIX = "sha1="


def _as_bytes(value: bytes | str) -> bytes:
    return value.encode("utf-8") if isinstance(value, str) else value


def verify_signature(
    payload: bytes | str, header: str | None, client_secret: str
) -> bool:
    """Whether ``header`` (the ``X-Hub-Signature`` value) signs ``payload``.

    A missing or malformed header is simply not a valid signature.
    """
    if not client_secret:
        raise ValueError("client_secret must not be empty")
    if not header:
        return False
    header = header.strip()
    if not header.lower().startswith(_PREFIX):
        return False
    received = header[len(_PREFIX) :].lower()
    expected = hmac.new(
        _as_bytes(client_secret), _as_bytes(payload), hashlib.sha1
    ).hexdigest()
    # compare_digest keeps the comparison time independent of where they differ.
    return hmac.compare_digest(_as_bytes(expected), _as_bytes(received))


class UnknownItem(BaseModel):
    """An item of a type this SDK has no model for: every field is kept (``model_extra``)."""

    type: str | None = None
    id: str | None = None


class NotificationData(BaseModel):
    """The payload of a notification (``type: notification_event_data``)."""

    type: str
    """Always ``notification_event_data``."""
    item: NotificationItem
    """The Intercom object the event is about, as the model its ``type`` names."""

    @field_validator("item", mode="before")
    @classmethod
    def _parse_item(cls, value: object) -> object:
        if isinstance(value, pydantic.BaseModel):
            return value
        if not isinstance(value, dict):
            raise ValueError("the item must be a JSON object")
        return parse_item(value)


class Notification(BaseModel):
    """A webhook notification (``type: notification_event``).

    ``id`` is the same on every delivery attempt of one notification: use it to
    recognise a retried delivery.
    """

    type: str
    """Always ``notification_event``."""
    id: str | None = None
    """The notification's id, the same on every delivery attempt."""
    topic: str
    """The topic subscribed to (``conversation.user.created``, ...)."""
    app_id: str
    """The workspace (app) the event happened in."""
    data: NotificationData
    """The payload: ``data.item`` is the Intercom object the event is about."""
    created_at: int | None = None
    """When the notification was created (Unix seconds)."""
    delivery_status: str | None = None
    """The delivery status of this notification."""
    delivery_attempts: int | None = None
    """How many times Intercom has tried to deliver this notification."""
    delivered_at: int | None = None
    """When delivery was confirmed (Unix seconds; 0 before)."""
    first_sent_at: int | None = None
    """When the first delivery was attempted (Unix seconds)."""
    links: dict[str, Any] | None = None
    """Links related to the notification."""
    self_: str | None = Field(default=None, alias="self")
    """The URL of this notification (JSON ``self``), when there is one."""

    @property
    def item(self) -> NotificationItem:
        """``data.item``."""
        return self.data.item


def _item_model(item_type: object) -> type[pydantic.BaseModel]:
    found = ITEM_MODELS.get(item_type) if isinstance(item_type, str) else None
    if found is None:
        return UnknownItem
    module, name = found
    model: type[pydantic.BaseModel] = getattr(
        importlib.import_module(f".{module}", __package__), name
    )
    return model


def parse_item(value: dict[str, Any]) -> pydantic.BaseModel:
    """``value`` (a notification's ``data.item``) as the model its ``type`` names.

    An item that does not match its model is kept as far as it goes, with a
    warning (the same lenient rule as responses): a webhook must not fail
    because Intercom added a value.
    """
    model = _item_model(value.get("type"))
    try:
        return model.model_validate(value)
    except pydantic.ValidationError as error:
        logger.warning(
            "webhook item of type %r does not match %s; keeping it partly unvalidated (%s)",
            value.get("type"),
            model.__name__,
            "; ".join(
                ".".join(str(p) for p in e["loc"]) + ": " + e["msg"]
                for e in error.errors(include_url=False, include_input=False)[:3]
            ),
        )
        item: pydantic.BaseModel = construct_lenient(model, value)
        return item


def unwrap(
    payload: bytes | str, header: str | None, client_secret: str
) -> Notification:
    """Verify ``payload`` and return it as a :class:`Notification`.

    Raises :class:`WebhookVerificationError` if the signature does not match,
    or the body is not a JSON object with the notification's fields (``type``,
    ``topic``, ``app_id``, ``data.type``, ``data.item``).
    """
    if not verify_signature(payload, header, client_secret):
        raise WebhookVerificationError(
            f"invalid or missing {SIGNATURE_HEADER} signature"
        )
    try:
        event = json.loads(payload)
    except ValueError as error:
        raise WebhookVerificationError(
            f"webhook body is not valid JSON: {error}"
        ) from None
    if not isinstance(event, dict):
        raise WebhookVerificationError("webhook body is not a JSON object")
    try:
        return Notification.model_validate(event)
    except pydantic.ValidationError as error:
        problems = "; ".join(
            ".".join(str(p) for p in e["loc"]) + ": " + e["msg"]
            for e in error.errors(include_url=False, include_input=False)[:3]
        )
        raise WebhookVerificationError(
            f"webhook body is not an Intercom notification: {problems}"
        ) from None


def __getattr__(name: str) -> Any:
    # The models only webhooks send import the models they hold: load them on first use.
    if name in WEBHOOK_OBJECTS:
        from . import _webhook_objects

        value = globals()[name] = getattr(_webhook_objects, name)
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
