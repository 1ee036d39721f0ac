from __future__ import annotations

import hashlib
import hmac

import pytest

from intercom_sdk import WebhookVerificationError
from intercom_sdk.webhooks import unwrap, verify_signature

SECRET = "client-secret-123"
PAYLOAD = b'{"type":"notification_event","topic":"conversation.user.created","data":{"item":{"id":"1"}}}'
GOOD = "sha1=" + hmac.new(SECRET.encode(), PAYLOAD, hashlib.sha1).hexdigest()


def test_good_signature() -> None:
    assert verify_signature(PAYLOAD, GOOD, SECRET)
    assert verify_signature(
        PAYLOAD.decode(), GOOD.upper().replace("SHA1=", "sha1="), SECRET
    )
    assert unwrap(PAYLOAD, GOOD, SECRET)["topic"] == "conversation.user.created"


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
