"""The item types only webhooks send, for the Intercom API 1.0 (spec/webhooks.yaml).

Imported by `intercom_sdk.webhooks` when a notification holds one of them (with the models
their fields name); exported there (`from intercom_sdk.webhooks import ContactTag`).
"""

from __future__ import annotations

from typing import Any, Dict

from ._models import BaseModel

__all__ = [
    "ContactTag",
]


class ContactTag(BaseModel):
    """A contact tagged or untagged (topics contact.user.tag.created,
    contact.lead.tag.created and their .deleted twins). Item type `contact_tag`.
    """

    type: str | None = None
    """Always `contact_tag`."""
    created_at: int | None = None
    """When the tag was applied (Unix seconds)."""
    contact: Dict[str, Any] | None = None
    """The contact."""
    tag: Dict[str, Any] | None = None
    """The tag."""
