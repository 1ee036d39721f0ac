"""Verification of Intercom webhook notifications.

Intercom signs each notification with HMAC-SHA1 of the raw request body, keyed
with your app's client secret, and sends it as ``X-Hub-Signature: sha1=<hex>``.
Verify against the exact bytes you received: re-serialized JSON will not match.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

from ._exceptions import WebhookVerificationError

__all__ = ["SIGNATURE_HEADER", "verify_signature", "unwrap"]

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


def unwrap(
    payload: bytes | str, header: str | None, client_secret: str
) -> dict[str, Any]:
    """Verify ``payload`` and return the decoded notification.

    Raises :class:`WebhookVerificationError` if the signature does not match or
    the body is not a JSON object.
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
    return event
