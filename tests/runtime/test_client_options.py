"""Client construction: credentials, regions, options, ownership of the HTTP client."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import httpx
import intercom_sdk
import pytest
from intercom_sdk import AsyncIntercom, Intercom, IntercomError

from .conftest import TOKEN
from .fake_intercom import FakeIntercom, Reply


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("INTERCOM_ACCESS_TOKEN", "INTERCOM_REGION", "INTERCOM_BASE_URL"):
        monkeypatch.delenv(name, raising=False)


def test_missing_token_is_a_clear_error() -> None:
    with pytest.raises(IntercomError, match="INTERCOM_ACCESS_TOKEN"):
        Intercom()


def test_token_and_region_from_env(monkeypatch: pytest.MonkeyPatch, server: FakeIntercom) -> None:
    monkeypatch.setenv("INTERCOM_ACCESS_TOKEN", TOKEN)
    monkeypatch.setenv("INTERCOM_REGION", "au")
    assert str(Intercom().base_url) == "https://api.au.intercom.io"
    monkeypatch.setenv("INTERCOM_BASE_URL", server.url)
    server.reply(Reply(200, {"id": "c1"}))
    with Intercom() as client:
        client.contacts.retrieve("c1")
    assert server.requests[0].headers["authorization"] == f"Bearer {TOKEN}"


def test_regions() -> None:
    assert str(Intercom(access_token=TOKEN).base_url) == "https://api.intercom.io"
    assert str(Intercom(access_token=TOKEN, region="eu").base_url) == "https://api.eu.intercom.io"
    eu = Intercom(access_token=TOKEN, region="eu")
    assert str(eu.with_options(region="au").base_url) == "https://api.au.intercom.io"
    assert (
        str(Intercom(access_token=TOKEN, region="eu", base_url="http://localhost:1").base_url) == "http://localhost:1"
    )
    with pytest.raises(IntercomError, match="region"):
        Intercom(access_token=TOKEN, region="mars")  # type: ignore[arg-type]


def test_with_options_shares_the_http_client(client: Intercom) -> None:
    copy = client.with_options(max_retries=5, timeout=1.0)
    assert type(copy) is type(client)
    assert copy._client is client._client
    assert (copy.max_retries, copy.timeout) == (5, 1.0)
    assert client.max_retries == 2
    copy.close()
    assert not client._client.is_closed


def test_injected_http_client_is_not_closed(server: FakeIntercom) -> None:
    http = httpx.Client()
    with Intercom(access_token=TOKEN, base_url=server.url, http_client=http):
        pass
    assert not http.is_closed
    http.close()
    own = Intercom(access_token=TOKEN)
    created = own._client  # our own client is created on first use...
    own.close()
    assert created.is_closed  # ...and closed by close()
    unused = Intercom(access_token=TOKEN)
    unused.close()
    assert unused._http is None  # closing a client that never sent anything creates nothing


async def test_async_client_lifecycle(server: FakeIntercom) -> None:
    http = httpx.AsyncClient()
    async with AsyncIntercom(access_token=TOKEN, base_url=server.url, http_client=http) as client:
        assert client.with_options(max_retries=0)._client is http
    assert not http.is_closed
    await http.aclose()
    own = AsyncIntercom(access_token=TOKEN)
    created = own._client
    await own.aclose()
    assert created.is_closed


def test_import_and_construction_load_nothing_a_request_does_not_need() -> None:
    """Start-up cost (docs/performance.md): pydantic, the models and asyncio load on first use,
    and then only the model modules that the response needs."""
    script = """
import json, sys, httpx
from intercom_sdk import Intercom
client = Intercom(access_token="x", http_client=httpx.Client(transport=httpx.MockTransport(
    lambda request: httpx.Response(200, json={"type": "contact", "id": "c1"}))))
client.contacts
models = "intercom_sdk.types._models."
before = sorted(m for m in sys.modules if m in ("pydantic", "asyncio") or m.startswith(models))
contact = client.contacts.retrieve("c1")
after = sorted(m[len(models):] for m in sys.modules if m.startswith(models))
print(json.dumps([before, "pydantic" in sys.modules, after, type(contact).__name__]))
"""
    src = str(Path(intercom_sdk.__file__).parent.parent)
    result = subprocess.run([sys.executable, "-c", script], env={"PYTHONPATH": src}, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    before, pydantic_loaded, after, name = json.loads(result.stdout)
    assert before == []
    assert pydantic_loaded
    assert name == "Contact"
    # Contact's module and those of the objects it references; none of the other 170-odd.
    assert {"contact", "contact_tags", "contact_location"} <= set(after)
    assert not {"conversation", "ticket", "company"} & set(after)
    assert len(after) < 15
