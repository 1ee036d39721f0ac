"""Every operation, called with every parameter it has, sends what the description says: on
`Intercom` and on `AsyncIntercom`, over httpx.MockTransport in the client's own transport slot.

Expectations come from the repaired description beside the package
(generated/intercom-2.9/openapi.yaml, read by tests/package/description.py), never from the
generator's IR. Python argument names come from the reviewed surface snapshot
(tests/snapshots/surface-2.9.txt, parsed by generator.surface.parse); its blocks are matched
to the description's operations by method and path.

Each operation is called once per member of every union in its parameters and body (a
oneOf/anyOf body: one call per member, with all of that member's properties; nested objects
are passed as plain dicts), with distinct values everywhere: strings that name their JSON
path, counting integers, declared enum values, alternating booleans, one-item arrays, a
string path parameter that needs percent-encoding. The test compares the method, the
percent-encoded path, the parsed query, the header parameters and the JSON body exactly, and
that the request's Accept header prefers the media type of the success response (a download's
`application/octet-stream`) while still accepting the JSON of Intercom's errors.
"""

from __future__ import annotations

import functools
import json
import re
import urllib.parse
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

import intercom_sdk
from generator.release import surface
from tests.conftest import TESTS

from . import description
from .description import Sampler

SNAPSHOT = TESTS / "snapshots" / "surface-2.9.txt"
TOKEN = "tok_wire_test"
# Header parameters every operation declares but the SDK sets once per client (a public
# client option): lower-cased header name -> keyword argument of Intercom(...).
CLIENT_HEADERS = {"intercom-version": "intercom_version"}
PAGE = re.compile(r"^SyncPage\[(\w+), (.+)\]$")


@dataclass
class Call:
    """One call of a method and the request the description says it must send."""

    args: list[Any] = field(default_factory=list)
    kwargs: dict[str, Any] = field(default_factory=dict)
    client_options: dict[str, Any] = field(default_factory=dict)
    method: str = ""
    path: str = ""
    query: dict[str, list[str]] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    body: Any = None  # None: no body at all
    problems: list[str] = field(default_factory=list)  # parameters the method cannot send

    def shown(self) -> str:
        args = [repr(a) for a in self.args] + [f"{k}={v!r}" for k, v in self.kwargs.items()]
        return f"({', '.join(args)})"


@dataclass
class Case:
    operation_id: str
    http_method: str
    path: str
    method: surface.Method
    calls: list[Call]
    response: httpx.Response
    media: str | None  # the success response's media type (None: no content)


@functools.lru_cache(maxsize=1)
def snapshot() -> dict[str, surface.Method]:
    return surface.parse(SNAPSHOT.read_text())


@functools.lru_cache(maxsize=1)
def cases() -> dict[str, Case]:
    spec = description.load()
    blocks = {(m.http_method, m.path): m for m in snapshot().values()}
    out = {}
    for http_method, path, op, item in description.operations(spec):
        block = blocks.get((http_method, path))
        if block is None:
            continue  # test_the_snapshot_lists_every_operation_of_the_description says so
        calls = description.expand(lambda choices: plan(spec, block, http_method, path, op, item, choices))
        out[op["operationId"]] = Case(
            op["operationId"], http_method, path, block, calls, respond(spec, op), description.success(spec, op)[1]
        )
    return out


def query_text(value: Any) -> list[str]:
    """A query parameter's values as the description's form style sends them."""
    if isinstance(value, bool):
        return ["true" if value else "false"]
    if isinstance(value, list):
        return [text for item in value for text in query_text(item)]
    return [str(value)]


def plan(
    spec: dict[str, Any],
    block: surface.Method,
    http_method: str,
    path: str,
    op: dict[str, Any],
    item: dict[str, Any],
    choices: dict[str, int],
) -> tuple[Call, dict[str, int]]:
    """The call that passes every parameter of the operation (the union members named by
    `choices`), and the unions met on the way."""
    sampler = Sampler(spec, choices)
    call = Call(method=http_method, path=path)
    values: dict[tuple[str, str], Any] = {}
    for param in description.parameters(spec, op, item):
        where, name = param["in"], param["name"]
        value = sampler.value(param.get("schema", {}), f"{where}.{name}")
        if where == "path":
            if isinstance(value, str):  # one that needs percent-encoding: "v path.id/1"
                value = value.replace("-", " ") + "/1"
            call.path = call.path.replace("{" + name + "}", urllib.parse.quote(str(value), safe=""))
        elif where == "query":
            call.query[name] = query_text(value)
        elif where == "header":
            call.headers[name] = str(value)
        values[(where, name)] = value
    schema = description.request_schema(spec, op)
    if schema is not None:
        call.body = sampler.value(schema, "body")
        assert isinstance(call.body, dict), f"{op['operationId']}: a body that is not an object"
        values.update({("body", key): value for key, value in call.body.items()})

    by_wire = {(a.location, a.wire): a for a in block.arguments}
    positional: dict[str, Any] = {}
    for (where, name), value in values.items():
        argument = by_wire.get((where, name))
        if argument is not None:
            value = passed(argument, value)
            if where == "body" and argument.name in positional:
                # A body property repeating a path parameter: the SDK sends the path argument's value.
                call.body[name] = positional[argument.name]
            elif argument.name in block.positional:
                positional[argument.name] = value
            else:
                call.kwargs[argument.name] = value
        elif where == "header" and name.lower() in CLIENT_HEADERS:
            call.client_options[CLIENT_HEADERS[name.lower()]] = value
        else:
            call.problems.append(f"the description's {where} parameter {name!r} has no argument")
    call.args = [positional[name] for name in block.positional if name in positional]
    return call, sampler.unions


def passed(argument: surface.Argument, value: Any) -> Any:
    """What a caller passes for the description's `value`: as a string where the snapshot types
    the argument `str` and the description an integer (an id passed as its resource's ids are);
    the request must still carry the integer."""
    if argument.type.removesuffix(" | None") == "str" and type(value) is int:
        return str(value)
    return value


def respond(spec: dict[str, Any], op: dict[str, Any]) -> httpx.Response:
    """The operation's success answer: its example, or no content when it declares none."""
    status, media, example = description.success(spec, op)
    if media is None:
        return httpx.Response(status)
    if media == "application/json":
        return httpx.Response(status, json=example if example is not None else {})
    return httpx.Response(status, content=b"v-content", headers={"content-type": media})


class Recorder:
    """The mock transport: records each request and answers with the case's response."""

    def __init__(self, response: httpx.Response) -> None:
        self.response = response
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(
            self.response.status_code,
            headers=self.response.headers,
            content=self.response.content,
        )


def differences(case: Case, call: Call, sent: list[httpx.Request]) -> list[str]:
    """What the request sent for `call` gets wrong, as readable lines."""
    if len(sent) != 1:
        return [f"sent {len(sent)} requests, not 1"]
    request = sent[0]
    out = []
    if request.method != call.method:
        out.append(f"method {request.method}, not {call.method}")
    path = request.url.raw_path.decode().split("?", 1)[0]
    if path != call.path:
        out.append(f"path {path}, not {call.path}")
    query = urllib.parse.parse_qs(request.url.query.decode(), keep_blank_values=True)
    if query != call.query:
        out.append(f"query {query}, not {call.query}")
    for name, value in call.headers.items():
        if request.headers.get(name) != value:
            out.append(f"header {name}: {request.headers.get(name)!r}, not {value!r}")
    accept = accepted(request.headers.get("accept"))
    wanted = [case.media] if case.media in (None, "application/json") else [case.media, "application/json"]
    for media in filter(None, wanted):
        if accept.get(media, 0.0) <= 0.0:
            out.append(f"accept {request.headers.get('accept')!r} refuses {media}")
    if case.media and accept and accept.get(case.media, 0.0) < max(accept.values()):
        out.append(f"accept {request.headers.get('accept')!r} prefers another type to {case.media}")
    if request.headers.get("authorization") != f"Bearer {TOKEN}":
        out.append(f"authorization {request.headers.get('authorization')!r}")
    if call.body is None:
        if request.content:
            out.append(f"a body {request.content[:200]!r}, where the description declares none")
    elif request.headers.get("content-type") != "application/json":
        out.append(f"content-type {request.headers.get('content-type')!r}, not 'application/json'")
    else:
        body = json.loads(request.content)
        if body != call.body:
            missing = sorted(call.body.keys() - body.keys())
            unknown = sorted(body.keys() - call.body.keys())
            changed = sorted(k for k in call.body.keys() & body.keys() if body[k] != call.body[k])
            out.append(
                f"body differs: missing keys {missing}, undeclared keys {unknown}, wrong values at {changed}"
                f"\n      sent     {json.dumps(body, sort_keys=True)}\n      expected {json.dumps(call.body, sort_keys=True)}"
            )
    return out


def accepted(header: str | None) -> dict[str, float]:
    """An Accept header as media type -> quality (RFC 9110: `q` defaults to 1)."""
    out = {}
    for part in (header or "").split(","):
        media, *params = [p.strip() for p in part.split(";")]
        quality = [float(p[2:]) for p in params if p.startswith("q=")]
        if media:
            out[media] = quality[0] if quality else 1.0
    return out


def check_result(case: Case, result: Any, asynchronous: bool) -> list[str]:
    """The result has the type the snapshot promises."""
    returns = case.method.returns
    page = PAGE.match(returns)
    if page:
        expected_page = intercom_sdk.AsyncPage if asynchronous else intercom_sdk.SyncPage
        if not isinstance(result, expected_page):
            return [f"returned {type(result).__name__}, not {expected_page.__name__}"]
        model = getattr(intercom_sdk.types, page[1])
        return [] if isinstance(result.page, model) else [f"page {type(result.page).__name__}, not {page[1]}"]
    if returns == "None":
        return [] if result is None else [f"returned {type(result).__name__}, not None"]
    if returns == "bytes":
        return [] if result == case.response.content else [f"returned {result!r}, not the response's bytes"]
    models = tuple(getattr(intercom_sdk.types, name.strip()) for name in returns.split("|"))
    return [] if isinstance(result, models) else [f"returned {type(result).__name__}, not {returns}"]


def run_sync(case: Case, call: Call) -> list[str]:
    recorder = Recorder(case.response)
    http = httpx.Client(transport=httpx.MockTransport(recorder))
    with intercom_sdk.Intercom(access_token=TOKEN, http_client=http, max_retries=0, **call.client_options) as client:
        method = functools.reduce(getattr, case.method.dotted.split("."), client)
        result = method(*call.args, **call.kwargs)
    return differences(case, call, recorder.requests) + check_result(case, result, asynchronous=False)


async def run_async(case: Case, call: Call) -> list[str]:
    recorder = Recorder(case.response)
    http = httpx.AsyncClient(transport=httpx.MockTransport(recorder))
    async with intercom_sdk.AsyncIntercom(
        access_token=TOKEN, http_client=http, max_retries=0, **call.client_options
    ) as client:
        method = functools.reduce(getattr, case.method.dotted.split("."), client)
        result = await method(*call.args, **call.kwargs)  # a paginated method: the first page
    return differences(case, call, recorder.requests) + check_result(case, result, asynchronous=True)


def operation_ids() -> list[str]:
    spec = description.load()
    return [op["operationId"] for _, _, op, _ in description.operations(spec)]


@pytest.mark.parametrize("operation_id", operation_ids())
@pytest.mark.parametrize("client_kind", ["sync", "async"])
async def test_operation_sends_what_the_description_says(client_kind: str, operation_id: str) -> None:
    case = cases().get(operation_id)
    assert case is not None, f"{operation_id} has no method in {SNAPSHOT.name}"
    failures = []
    for call in case.calls:
        where = f"client.{case.method.dotted}{call.shown()}"
        if call.problems:
            failures += [f"{where}: {problem}" for problem in call.problems]
            continue
        found = run_sync(case, call) if client_kind == "sync" else await run_async(case, call)
        failures += [f"{where}: {problem}" for problem in found]
    assert not failures, f"{operation_id} ({case.http_method} {case.path}) on the {client_kind} client:\n" + "\n".join(
        failures
    )


@pytest.mark.parametrize("operation_id", operation_ids())
def test_every_argument_of_the_method_is_passed(operation_id: str) -> None:
    """The calls above pass each argument the snapshot lists for the method (so none is left
    untested), and each one only where the description has the parameter it is named for.
    """
    case = cases()[operation_id]
    passed = {name for call in case.calls for name in call.kwargs}
    passed |= {name for call in case.calls for name in case.method.positional[: len(call.args)]}
    listed = {a.name for a in case.method.arguments}
    assert passed == listed, f"never passed: {sorted(listed - passed)}; not in the snapshot: {sorted(passed - listed)}"


def test_the_snapshot_lists_every_operation_of_the_description() -> None:
    spec = description.load()
    described = sorted((m, p) for m, p, _, _ in description.operations(spec))
    listed = sorted((m.http_method, m.path) for m in snapshot().values())
    assert listed == described
    assert len(described) == 108


def test_the_calls_cover_unions_and_distinct_values() -> None:
    """The planner itself: one call per member of a union body, all of that member's
    properties, nested objects filled, a path value that needs percent-encoding."""
    all_cases = cases()
    manage = all_cases["manageConversation"]
    assert sorted(c.body["message_type"] for c in manage.calls) == [
        "assignment",
        "close",
        "open",
        "snoozed",
    ]
    snooze = next(c for c in manage.calls if c.body["message_type"] == "snoozed")
    assert set(snooze.body) == {"message_type", "admin_id", "snoozed_until"}
    assert len(all_cases["createTag"].calls) == 4
    assert len(all_cases["replyConversation"].calls) == 4
    customers = [c.body["customer"] for c in all_cases["attachContactToConversation"].calls]
    assert {key for customer in customers for key in customer} == {
        "intercom_user_id",
        "user_id",
        "email",
        "customer",
    }
    assert {key for customer in customers for key in customer["customer"]} == {
        "intercom_user_id",
        "user_id",
        "email",
    }
    (update,) = all_cases["UpdateContact"].calls
    assert update.kwargs["external_id"] == "v-body.external_id" and update.path == "/contacts/v%20path.id%2F1"
    (message,) = all_cases["createMessage"].calls  # anyOf members that only differ in `required`
    values = [json.dumps(v) for v in message.body.values()]
    assert len(values) == len(set(values)) == 7
