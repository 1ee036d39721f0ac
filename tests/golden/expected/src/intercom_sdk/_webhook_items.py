"""What each webhook item type parses into, for the Intercom API 1.0 (spec/webhooks.yaml).

`ITEM_MODELS` maps a notification's `data.item.type` to the module of this package and the
class its item parses into; `intercom_sdk.webhooks` imports the class when an item of that type
arrives. Any other type stays an `UnknownItem` with every field kept.

Items of type `admin`, `company`, `contact`, `user`, `lead`, `conversation`, `event`, `tag`, `ticket`, `visitor` stay `UnknownItem` too: this version's description has
no `admin`, `company`, `contact`, `contact`, `contact`, `conversation`, `data_event`, `tag`, `ticket`, `visitor` schema.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Union

__all__ = ["ITEM_MODELS", "WEBHOOK_OBJECTS"]

ITEM_MODELS: dict[str, tuple[str, str]] = {
    "contact_tag": ("_webhook_objects", "ContactTag"),
}
# The models only webhooks send (in _webhook_objects.py), exported by intercom_sdk.webhooks.
WEBHOOK_OBJECTS: tuple[str, ...] = ("ContactTag",)

if TYPE_CHECKING:
    from ._webhook_objects import ContactTag
    from .webhooks import UnknownItem

    NotificationItem = Union[
        ContactTag,
        UnknownItem,
    ]
