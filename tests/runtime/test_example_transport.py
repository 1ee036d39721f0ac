"""intercom_sdk.testing.ExampleTransport, the offline test double for SDK users (issue 17 item 5).

Every SDK method of the 2.9 package (names and arguments from the reviewed surface snapshot),
called on Intercom and AsyncIntercom over the transport, gets the response example of its
operation in the repaired description beside the package (never the generator's IR); a method
or path the API does not have is refused with a 404 `error.list`; `respond()` replaces one
operation's answer; `calls` records the requests.
"""

from __future__ import annotations

import ast
import functools
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

import intercom_sdk
from generator.release import surface
from intercom_sdk import (
    AsyncIntercom,
    Intercom,
    NotFoundError,
    RateLimitError,
)
from intercom_sdk.testing import ExampleTransport
from tests.package import description

SNAPSHOT = Path(__file__).parent.parent / "snapshots" / "surface-2.9.txt"
METHODS = surface.parse(SNAPSHOT.read_text())
SPEC = description.load()
PATH_VALUE = "v a/1"  # needs percent-encoding: one path segment all the same


def expected_body(http: str, path: str) -> tuple[int, Any]:
    """The success status and first example of the operation in the description."""
    op = SPEC["paths"][path][http.lower()]
    status, response = next((s, r) for s, r in op["responses"].items() if s.startswith("2") or s == "302")
    media = description.deref(SPEC, response).get("content", {}).get("application/json", {})
    examples = [description.deref(SPEC, e).get("value") for e in (media.get("examples") or {}).values()]
    examples += [media["example"]] if "example" in media else []
    return int(status), examples[0] if examples else None


def placeholder(type_text: str) -> Any:
    """Any value of the argument's type will do: the transport does not look at requests."""
    head = type_text.split("[")[0].split(" | ")[0]
    return {"str": "x", "int": 1, "float": 1.0, "bool": True, "list": [], "List": [], "dict": {}, "Dict": {}}.get(
        head, {}
    )


def call(client: Any, method: surface.Method) -> Any:
    args = [PATH_VALUE for a in method.arguments if a.location == "path"]
    kwargs = {a.name: placeholder(a.type) for a in method.arguments if a.required and a.location != "path"}
    if method.forms:  # a union body: the first form's arguments ("Name: kind='a' | 'b', other")
        types = {a.name: a.type for a in method.arguments}
        kwargs = {
            a.name: placeholder(a.type) for a in method.arguments if a.required and a.location not in ("path", "body")
        }
        for need in method.forms[0].split(": ", 1)[1].split(", "):
            name, _, values = need.partition("=")
            kwargs[name] = ast.literal_eval(values.split(" | ")[0]) if values else placeholder(types[name])
    return functools.reduce(getattr, method.dotted.split("."), client)(*args, **kwargs)


def sync_client(transport: ExampleTransport) -> Intercom:
    return Intercom(access_token="test", http_client=httpx.Client(transport=transport), max_retries=0)


def async_client(transport: ExampleTransport) -> AsyncIntercom:
    return AsyncIntercom(access_token="test", http_client=httpx.AsyncClient(transport=transport), max_retries=0)


@pytest.mark.parametrize("method", list(METHODS.values()), ids=list(METHODS))
@pytest.mark.parametrize("kind", ["sync", "async"])
async def test_every_operation_answers_its_example(method: surface.Method, kind: str) -> None:
    transport = ExampleTransport()
    if kind == "sync":
        result = call(sync_client(transport), method)
    else:
        result = await call(async_client(transport), method)
    assert len(transport.calls) == 1
    request = transport.calls[0]
    assert request.method == method.http_method
    assert transport.operation(request) == method.dotted
    status, example = expected_body(method.http_method, method.path)
    route = next(r for r in transport.routes if r.name == method.dotted)
    assert route.status == status
    if example is not None:
        assert json.loads(route.body) == example
    if method.returns == "None":
        assert result is None
    elif method.returns.startswith("SyncPage["):
        assert isinstance(result, (intercom_sdk.SyncPage, intercom_sdk.AsyncPage))
    elif method.returns not in ("bytes", "str") and example is not None:
        assert result is not None and type(result).__name__ in method.returns


def test_routes_cover_the_description() -> None:
    transport = ExampleTransport()
    declared = {
        (http.upper(), path) for path, item in SPEC["paths"].items() for http in item if http in description.METHODS
    }
    assert {(r.method, r.path) for r in transport.routes} == declared
    assert len(transport.routes) == len(METHODS) == 108
    assert {r.name for r in transport.routes} == set(METHODS)


def test_the_most_specific_route_wins() -> None:
    transport = ExampleTransport()
    with httpx.Client(transport=transport, base_url="https://api.intercom.io") as http:
        cases = {
            "/companies/scroll": "companies.scroll",
            "/companies/c1": "companies.retrieve",
            "/contacts/search": "contacts.retrieve",  # search is POST only: here it is an id
            "/contacts": "contacts.list",
            "/contacts/c%2F1/tags": "contacts.tags.list",  # an encoded slash stays in its segment
            "/conversations/1/tags/t1?x=/y": None,  # GET of a DELETE-only path
            "/contacts/c1/tags/t1/extra": None,
        }
        for path, name in cases.items():
            response = http.get(path)
            assert transport.operation(transport.calls[-1]) == name, path
            assert (response.status_code == 404) == (name is None), path
        assert transport.operation(http.build_request("POST", "/contacts/search")) == "contacts.search"
        assert (
            transport.operation(http.build_request("DELETE", "/conversations/1/tags/t1")) == "conversations.tags.detach"
        )


def test_unknown_method_or_path_is_a_404_error_list() -> None:
    transport = ExampleTransport()
    client = sync_client(transport)
    with pytest.raises(NotFoundError) as info:
        client.request("GET", "/no/such/thing", cast_to=object)
    assert info.value.errors[0].code == "not_found"
    assert "has no operation GET /no/such/thing" in str(info.value)
    with httpx.Client(transport=transport) as http:
        response = http.patch("https://api.intercom.io/contacts/1")
    assert response.status_code == 404
    body = response.json()
    assert body["type"] == "error.list" and body["errors"][0]["code"] == "not_found"
    assert "PATCH /contacts/1" in body["errors"][0]["message"]


async def test_respond_replaces_one_operation() -> None:
    transport = ExampleTransport()
    client = sync_client(transport)
    transport.respond("contacts.retrieve", json={"type": "contact", "id": "c42", "email": "ada@example.com"})
    contact = client.contacts.retrieve("c42")
    assert contact.id == "c42" and contact.email == "ada@example.com"
    assert client.admins.identify().type == "admin"  # the others keep their examples

    transport.respond("contacts.retrieve", status=404)
    with pytest.raises(NotFoundError) as info:
        await async_client(transport).contacts.retrieve("gone")
    assert info.value.errors[0].code == "not_found"

    transport.respond("tags.list", status=429, headers={"X-RateLimit-Remaining": "0"})
    with pytest.raises(RateLimitError) as limited:
        client.tags.list()
    assert limited.value.response.headers["X-RateLimit-Remaining"] == "0"

    transport.respond(
        "data_exports.download", content=b"a,b\n1,2\n", headers={"Content-Type": "application/octet-stream"}
    )
    assert client.data_exports.download(PATH_VALUE) == b"a,b\n1,2\n"

    transport.reset()
    assert transport.calls == []
    assert client.contacts.retrieve("c1").id != "c42"


def test_respond_refuses_an_unknown_method() -> None:
    transport = ExampleTransport()
    with pytest.raises(ValueError, match="no SDK method 'contacts.retreive'; did you mean contacts.retrieve"):
        transport.respond("contacts.retreive", status=404)
    with pytest.raises(ValueError, match="not both"):
        transport.respond("contacts.retrieve", json={}, content=b"{}")


async def test_calls_records_requests_with_their_bodies() -> None:
    transport = ExampleTransport()
    client = sync_client(transport)
    client.contacts.create(email="ada@example.com")
    await async_client(transport).tags.create(name="vip")
    assert [transport.operation(r) for r in transport.calls] == ["contacts.create", "tags.create"]
    assert json.loads(transport.calls[0].content) == {"email": "ada@example.com"}
    assert json.loads(transport.calls[1].content) == {"name": "vip"}
    assert transport.calls[0].headers["Authorization"] == "Bearer test"


def test_pages_walk_to_the_end() -> None:
    """List examples have no next page (or repeat a token): iterating ends."""
    transport = ExampleTransport()
    client = sync_client(transport)
    notes = list(client.contacts.notes.list("c1"))
    assert len(notes) == 3 and all(n.type == "note" for n in notes)
    assert len(transport.calls) == 1
    # The scroll example has a scroll_param, which comes back the same: the walk stops there.
    assert len(list(client.companies.scroll())) == 2
    assert len(transport.calls) == 3


def test_importing_the_package_does_not_load_the_examples() -> None:
    script = (
        "import sys, intercom_sdk; intercom_sdk.Intercom(access_token='x');"
        "assert 'intercom_sdk.testing' not in sys.modules;"
        "assert 'intercom_sdk.testing._routes' not in sys.modules;"
        "import intercom_sdk.testing; assert 'intercom_sdk.testing._routes' in sys.modules"
    )
    src = str(Path(intercom_sdk.__file__).parent.parent)
    result = subprocess.run([sys.executable, "-c", script], env={"PYTHONPATH": src}, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_the_readme_example_runs() -> None:
    """The generated README's "Testing without Intercom" block, executed (test_docs type-checks it)."""
    readme = (Path(intercom_sdk.__file__).parents[2] / "README.md").read_text()
    blocks = [b for b in re.findall(r"```python\n(.*?)```", readme, re.S) if "ExampleTransport()" in b]
    assert len(blocks) == 1
    exec(compile(blocks[0], "README.md", "exec"), {})


@pytest.mark.parametrize(
    ("status", "error", "code"),
    [(400, "BadRequestError", "parameter_invalid"), (500, "InternalServerError", "server_error")],
)
def test_an_error_status_alone_answers_an_error_list(status: int, error: str, code: str) -> None:
    transport = ExampleTransport()
    transport.respond("contacts.retrieve", status=status)
    with pytest.raises(getattr(intercom_sdk, error)) as caught:
        sync_client(transport).contacts.retrieve("c1")
    assert caught.value.status_code == status and [e.code for e in caught.value.errors] == [code]


def test_a_redirect_answer_points_somewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    """An operation whose answer is a redirect (showCallRecording in 2.14+; 2.9 has none): the
    transport sends a Location, and the SDK returns it without following it."""
    import intercom_sdk.testing as testing

    route = ("GET", "/calls/{call_id}/recording", "calls.recording.retrieve", 302, None, "")
    monkeypatch.setattr(testing, "ROUTES", (*testing.ROUTES, route))
    transport = ExampleTransport()
    signed = f"{testing.REDIRECT_BASE}/calls.recording.retrieve"
    with httpx.Client(transport=transport) as http:
        response = http.get("https://api.intercom.io/calls/1/recording")
    assert response.status_code == 302 and response.headers["location"] == signed
    client = sync_client(transport)
    assert client.request("GET", "/calls/1/recording", cast_to=str, follow_redirects=False) == signed
    assert [transport.operation(r) for r in transport.calls] == ["calls.recording.retrieve"] * 2
