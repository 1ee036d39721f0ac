"""Run against one generated package (PYTHONPATH=generated/intercom-<v>/src) by
tests/generator/test_pipeline.py for every locked version: the issue 17 tools work the same everywhere.

- ExampleTransport answers every operation of that version's description with its success
  status, matched to the right SDK method, and refuses a path the API lacks with a 404;
- webhooks.unwrap parses an item of every mapped type into its model, and any other type into
  UnknownItem;
- a 400 intercom_version_invalid raises IntercomVersionError naming intercom_version=.
Prints one line per part; exits non-zero (an AssertionError) on the first difference.
"""

from __future__ import annotations

import hashlib
import hmac
import json

import httpx

from intercom_sdk import Intercom, IntercomVersionError, NotFoundError
from intercom_sdk._constants import API_VERSION
from intercom_sdk._webhook_items import ITEM_MODELS
from intercom_sdk.testing import ExampleTransport
from intercom_sdk.webhooks import UnknownItem, unwrap


def transport() -> None:
    tr = ExampleTransport()
    with httpx.Client(transport=tr, base_url="https://api.intercom.io") as http:
        for route in tr.routes:
            path = "/".join(part if not part.startswith("{") else "a%2Fb" for part in route.path.split("/"))
            response = http.request(route.method, path)
            assert response.status_code == route.status, (route.name, response.status_code)
            assert tr.operation(tr.calls[-1]) == route.name, (route.name, tr.operation(tr.calls[-1]))
            if route.content_type == "application/json":
                json.loads(response.content)
        assert http.request("PATCH", "/no/such/operation").status_code == 404
    client = Intercom(access_token="x", http_client=httpx.Client(transport=tr), max_retries=0)
    try:
        client.request("GET", "/no/such/operation", cast_to=object)
    except NotFoundError as error:
        assert error.errors[0].code == "not_found"
    else:
        raise AssertionError("no 404")
    print(f"transport: {len(tr.routes)} operations")


def webhooks() -> None:
    for item_type, (_, model) in sorted({**ITEM_MODELS, "ping": ("", "UnknownItem")}.items()):
        body = {
            "type": "notification_event",
            "id": "notif_1",
            "topic": f"{item_type}.created",
            "app_id": "app",
            "data": {"type": "notification_event_data", "item": {"type": item_type, "id": "1"}},
        }
        payload = json.dumps(body).encode()
        signature = "sha1=" + hmac.new(b"secret", payload, hashlib.sha1).hexdigest()
        item = unwrap(payload, signature, "secret").data.item
        assert type(item).__name__ == model, (item_type, type(item).__name__)
        assert isinstance(item, UnknownItem) == (model == "UnknownItem")
    print(f"webhooks: {len(ITEM_MODELS)} item types")


def version_error() -> None:
    tr = ExampleTransport()
    first = tr.routes[0]
    tr.respond(
        first.name,
        status=400,
        json={
            "type": "error.list",
            "errors": [{"code": "intercom_version_invalid", "message": "The requested version could not be found"}],
        },
    )
    client = Intercom(access_token="x", intercom_version="0.1", http_client=httpx.Client(transport=tr), max_retries=0)
    path = "/".join(part if not part.startswith("{") else "x" for part in first.path.split("/"))
    try:
        client.request(first.method, path, cast_to=object)
    except IntercomVersionError as error:
        assert "intercom_version=" in str(error) and "'0.1'" in str(error) and repr(API_VERSION) in str(error)
    else:
        raise AssertionError("no IntercomVersionError")
    print("version error: ok")


if __name__ == "__main__":
    transport()
    webhooks()
    version_error()
