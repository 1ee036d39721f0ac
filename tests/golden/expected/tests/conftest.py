"""Fixtures for the contract tests: the SDK against a Prism mock of this package's description.

Start Prism on ``openapi.yaml`` (beside this folder; static mode, request validation on),
point ``INTERCOM_MOCK_URL`` at it and run pytest on this folder::

    prism mock -h 127.0.0.1 -p 4010 openapi.yaml
    INTERCOM_MOCK_URL=http://127.0.0.1:4010 python -m pytest tests

Prism checks every request against the description. It answers a request that breaks it
with a 422 problem, or, on operations that declare their own 400/422, lists the
violations in the ``sl-violations`` response header; both fail the test that sent it.
Prism accepts keys the description does not declare, so each request is also checked here,
in-process: its JSON body against the operation's schema with unknown properties refused,
and its query keys against the declared parameters (``DeclaredKeys``; needs jsonschema).
"""

from __future__ import annotations

import datetime
import json
import os
import re
import sys
from pathlib import Path
from typing import Any, Iterable, Iterator

import httpx
import jsonschema
import pydantic
import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from intercom_sdk import Intercom, SyncPage  # noqa: E402

API_VERSION = "1.0"
OPERATION_IDS = [
    "listWidgets",
    "createWidget",
    "searchWidgets",
    "retrieveWidget",
    "updateWidget",
    "deleteWidget",
    "archiveWidget",
    "downloadWidgetPhoto",
    "showWidgetManual",
    "listBolts",
    "createBolt",
    "retrieveBolt",
    "listWidgetGadgets",
    "listGadgets",
    "scrollGadgets",
]
DESCRIPTION = Path(__file__).resolve().parent.parent / "openapi.yaml"
# OpenAPI 3.0 keywords without a JSON Schema 2020-12 meaning here (its boolean exclusive bounds
# included); Prism checks what they say.
SKIPPED_KEYWORDS = {
    "nullable",
    "example",
    "examples",
    "discriminator",
    "readOnly",
    "writeOnly",
    "xml",
    "exclusiveMinimum",
    "exclusiveMaximum",
}
MOCK_URL_VARIABLE = "INTERCOM_MOCK_URL"
PRISM_PROBLEM = "https://stoplight.io/prism/errors#"
TIMEOUT = 10.0  # Prism never answers some malformed requests: don't wait for ever


class ContractViolation(AssertionError):
    """Prism says the SDK sent a request the description does not allow."""


def _describe(violation: dict[str, Any]) -> str:
    where = ".".join(str(part) for part in violation.get("location", []))
    return f"{where}: {violation.get('message', violation)}"


class DeclaredKeys:
    """Checks a request against the description in-process, refusing what Prism lets through:
    body properties and query keys the operation does not declare.

    Each request body schema becomes a JSON Schema (2020-12) in which every object value whose
    schema declares ``properties`` (and no ``additionalProperties``) refuses other keys, with
    ``unevaluatedProperties: false``. That keyword sees through composition: a property
    declared in any ``allOf`` member, or in the ``oneOf``/``anyOf`` member the value matches,
    is known. Each ``oneOf``/``anyOf`` member also refuses keys neither it nor the schema
    around it declares, so a value matches only the members it fits. OpenAPI's ``nullable``
    becomes ``null`` as an alternative.
    """

    def __init__(self, description: Path = DESCRIPTION) -> None:
        self.spec = yaml.load(
            description.read_bytes(),
            Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader),
        )
        self.schemas = self.spec.get("components", {}).get("schemas", {})
        self.defs = {
            key: self.json_schema(schema, value=False)
            for key, schema in self.schemas.items()
        }
        self.validators: dict[int, jsonschema.Draft202012Validator] = {}  # by operation
        # (path regex, method, operation, path item, parameter count): /companies/scroll
        # before /companies/{id}
        self.routes = []
        for path, item in self.spec["paths"].items():
            pattern = "^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(path)) + "$"
            for method, op in item.items():
                if isinstance(op, dict) and "responses" in op:
                    self.routes.append(
                        (re.compile(pattern), method.upper(), op, item, path.count("{"))
                    )
        self.routes.sort(key=lambda route: route[-1])

    def check(self, request: httpx.Request) -> None:
        """Raise ContractViolation for undeclared body properties or query keys (a request no
        operation matches is left to Prism, which reports it)."""
        path = request.url.raw_path.decode().split("?", 1)[0]
        route = next(
            (r for r in self.routes if r[1] == request.method and r[0].match(path)),
            None,
        )
        if route is None:
            return
        _, _, op, item, _ = route
        what = f"{request.method} {request.url.path} ({op.get('operationId')})"
        params = [
            self.deref(p)
            for p in [*item.get("parameters", []), *op.get("parameters", [])]
        ]
        allowed = set()
        for param in (p for p in params if p["in"] == "query"):
            allowed |= self.query_keys(param)
        unknown = sorted({key for key, _ in request.url.params.multi_items()} - allowed)
        if None not in allowed and unknown:
            raise ContractViolation(
                f"{what}: query keys the description does not declare: {unknown}"
            )
        if not request.content:
            return
        body = (
            self.deref(op.get("requestBody") or {})
            .get("content", {})
            .get("application/json")
        )
        if body is None:
            raise ContractViolation(
                f"{what}: sent a JSON body, the description declares none"
            )
        if id(op) not in self.validators:
            schema = {**self.json_schema(body.get("schema", {})), "$defs": self.defs}
            self.validators[id(op)] = jsonschema.Draft202012Validator(schema)
        reasons = _reasons(
            self.validators[id(op)].iter_errors(json.loads(request.content))
        )
        if reasons:
            raise ContractViolation(
                f"{what}: the body breaks the description (checked in-process, undeclared keys refused): "
                + "; ".join(reasons)
            )

    def deref(self, node: Any) -> Any:
        while isinstance(node, dict) and "$ref" in node:
            target: Any = self.spec
            for part in node["$ref"].lstrip("#/").split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            node = target
        return node

    def query_keys(self, param: dict[str, Any]) -> set[Any]:
        """The query keys a parameter may send: its name, or the properties of a form-exploded
        object (None: any key, for a free-form object)."""
        schema = param.get("schema", {})
        shape = self.declares(schema)
        if shape is None:  # a scalar or an array: sent under its own name
            return {param["name"]}
        if shape is False:
            return {None}
        keys: set[Any] = set()
        pending = [schema]
        while pending:
            node = self.deref(pending.pop())
            keys |= set(node.get("properties", {}))
            pending += [
                m for word in ("allOf", "oneOf", "anyOf") for m in node.get(word, [])
            ]
        return keys

    def declares(self, node: Any, seen: frozenset[str] = frozenset()) -> bool | None:
        """True: an object with declared properties only; False: an object open to any key
        (free-form, or additionalProperties); None: not an object schema."""
        if isinstance(node, dict) and "$ref" in node:
            if node["$ref"] in seen:
                return None
            return self.declares(self.deref(node), seen | {node["$ref"]})
        if not isinstance(node, dict):
            return None
        if node.get("additionalProperties", False) is not False:
            return False
        found = [
            self.declares(m, seen)
            for word in ("allOf", "oneOf", "anyOf")
            for m in node.get(word, [])
        ]
        if "properties" in node:
            found.append(True)
        if False in found or (node.get("type") == "object" and not found):
            return False
        return True if True in found else None

    def json_schema(self, node: Any, value: bool = True) -> Any:
        """An OpenAPI 3.0 schema as JSON Schema 2020-12; `value`: it describes a whole value
        (not an allOf member), so an object with declared properties refuses other keys.
        """
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            out: dict[str, Any] = {"$ref": "#/$defs/" + node["$ref"].rsplit("/", 1)[-1]}
        else:
            out = {}
            for key, sub in node.items():
                if key in SKIPPED_KEYWORDS:
                    continue
                if key == "properties":
                    out[key] = {name: self.json_schema(s) for name, s in sub.items()}
                elif key in ("items", "additionalProperties", "not"):
                    out[key] = self.json_schema(sub)
                elif (
                    key == "allOf"
                ):  # members: the value they make up refuses other keys
                    out[key] = [self.json_schema(s, value=False) for s in sub]
                elif key in ("oneOf", "anyOf"):
                    out[key] = [self.member(s, self.property_names(node)) for s in sub]
                else:
                    out[key] = sub
        if value and self.declares(node):
            out["unevaluatedProperties"] = False
        if node.get("nullable"):
            out = {"anyOf": [{"type": "null"}, out]}
        return out

    def member(self, node: Any, beside: set[str]) -> Any:
        """A oneOf/anyOf member that refuses keys neither it nor the schema around it (`beside`)
        declares, so a value matches only the members it fits."""
        out = self.json_schema(node, value=False)
        shape = self.declares(node)
        if shape is False or (shape is None and not beside):
            return out  # open to any key, or not an object
        return {
            "allOf": [out],
            "properties": dict.fromkeys(beside, True),
            "unevaluatedProperties": False,
        }

    def property_names(self, node: Any) -> set[str]:
        """The properties a schema declares itself or through allOf (not through its unions)."""
        node = self.deref(node)
        names = set(node.get("properties", {}))
        for sub in node.get("allOf", []):
            names |= self.property_names(sub)
        return names


def _reasons(errors: Iterable[jsonschema.ValidationError]) -> list[str]:
    """Schema errors at their JSON paths; for a union, what the member the value came closest
    to objects to."""
    out = []
    for error in _relevant(list(errors)):
        if error.context:
            members: dict[Any, list[jsonschema.ValidationError]] = {}
            for sub in error.context:
                members.setdefault(sub.relative_schema_path[0], []).append(sub)
            # Fewest errors; then one of the value's own type; then the one that got deepest.
            closest = min(
                (_relevant(errs) for errs in members.values()),
                key=lambda errs: (
                    len(errs),
                    all(e.validator == "type" for e in errs),
                    -max(len(e.absolute_path) for e in errs),
                ),
            )
            out += _reasons(closest)
        else:
            out.append(
                f"{'.'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}"
            )
    return sorted(set(out))


def _relevant(
    errors: list[jsonschema.ValidationError],
) -> list[jsonschema.ValidationError]:
    """The errors without the keys left unevaluated only because a union or a nested value
    failed there (an object's keys count as evaluated only where their schemas pass)."""

    def consequence(error: jsonschema.ValidationError) -> bool:
        at = list(error.absolute_path)
        return error.validator == "unevaluatedProperties" and any(
            other is not error
            and list(other.absolute_path)[: len(at)] == at
            and (
                len(other.absolute_path) > len(at)
                or other.validator in ("oneOf", "anyOf")
            )
            for other in errors
        )

    return [e for e in errors if not consequence(e)] or errors


class Exchanges:
    """httpx response hook: fails on any request violation, keeps the last answer."""

    def __init__(self) -> None:
        self.keys = DeclaredKeys()
        self.last: httpx.Response | None = None
        self.response_violations: list[tuple[str, ...]] = []  # body paths Prism flagged

    def __call__(self, response: httpx.Response) -> None:
        response.read()
        self.last = response
        what = f"{response.request.method} {response.request.url.path}"
        header = response.headers.get("sl-violations")
        violations = json.loads(header) if header else []
        broken = [v for v in violations if v.get("location", [""])[0] == "request"]
        if broken:
            raise ContractViolation(
                f"{what}: the request violates the description (sl-violations): "
                + "; ".join(_describe(v) for v in broken)
            )
        self.response_violations = [
            tuple(str(part) for part in v["location"][2:])
            for v in violations
            if v.get("location", [])[:2] == ["response", "body"]
            and len(v["location"]) > 2
        ]
        if response.headers.get("content-type", "").startswith(
            "application/problem+json"
        ):
            problem = response.json()
            if str(problem.get("type", "")).startswith(PRISM_PROBLEM):
                details = [_describe(v) for v in problem.get("validation", [])]
                raise ContractViolation(
                    f"{what}: Prism answered {response.status_code} {problem['type'].split('#')[-1]}"
                    f" {problem.get('title')}: "
                    + ("; ".join(details) or str(problem.get("detail")))
                )
        self.keys.check(response.request)  # what Prism lets through: undeclared keys

    def last_json(self) -> Any:
        assert self.last is not None, "no response was received"
        return self.last.json()


class Expect:
    """Checks on what a method returned, against the JSON Prism answered."""

    def __init__(self, exchanges: Exchanges) -> None:
        self.exchanges = exchanges

    def model(self, result: Any, model: type[Any]) -> None:
        assert isinstance(
            result, model
        ), f"expected {model.__name__}, got {type(result).__name__}"
        self._round_trips(result)

    def page(self, result: Any, model: type[Any]) -> None:
        assert isinstance(
            result, SyncPage
        ), f"expected a SyncPage, got {type(result).__name__}"
        self.model(result.page, model)
        assert isinstance(result.data, list)

    def content(self, result: Any) -> None:
        assert self.exchanges.last is not None
        assert isinstance(result, bytes) and result == self.exchanges.last.content

    def text(self, result: Any) -> None:
        assert self.exchanges.last is not None
        assert isinstance(result, str) and result == self.exchanges.last.text

    def location(self, result: Any) -> None:
        """A redirect that is the answer: the method returns where it points. The last answer
        received is the redirect itself, so the client did not follow it."""
        last = self.exchanges.last
        assert (
            last is not None and last.has_redirect_location
        ), "the last answer is not a redirect"
        assert isinstance(result, str) and result == last.headers["location"]

    def json(self, result: Any) -> None:
        self._round_trips(result)

    def _round_trips(self, result: Any) -> None:
        """The result keeps everything Prism sent: dumping it gives the same JSON back, except
        where the answer itself breaks the description (Prism flags those paths)."""
        differences = [
            path
            for path in _differences(_dump(result), self.exchanges.last_json())
            if not any(
                path[: len(bad)] == bad for bad in self.exchanges.response_violations
            )
        ]
        assert (
            not differences
        ), f"{type(result).__name__} does not round-trip the response at " + ", ".join(
            ".".join(path) or "(root)" for path in differences
        )


def _dump(value: Any) -> Any:
    if isinstance(value, pydantic.BaseModel):
        # warnings=False: a leniently parsed response keeps values that contradict the schema
        # (the spec's own examples do); the round trip compares them, it need not warn.
        return value.model_dump(
            mode="json", by_alias=True, exclude_unset=True, warnings=False
        )
    if isinstance(value, list):
        return [_dump(item) for item in value]
    if isinstance(value, dict):
        return {key: _dump(item) for key, item in value.items()}
    return value


def _differences(
    kept: Any, sent: Any, path: tuple[str, ...] = ()
) -> list[tuple[str, ...]]:
    """JSON paths where `kept` differs from `sent` (numbers by value, timestamps by instant)."""
    if isinstance(kept, dict) and isinstance(sent, dict):
        out = [(*path, str(key)) for key in kept.keys() ^ sent.keys()]
        for key in kept.keys() & sent.keys():
            out += _differences(kept[key], sent[key], (*path, str(key)))
        return out
    if isinstance(kept, list) and isinstance(sent, list) and len(kept) == len(sent):
        return [
            d
            for i, pair in enumerate(zip(kept, sent))
            for d in _differences(*pair, (*path, str(i)))
        ]
    if kept == sent and isinstance(kept, bool) == isinstance(sent, bool):
        return []
    if (
        isinstance(kept, str)
        and isinstance(sent, str)
        and _instant(kept) is not None
        and _instant(kept) == _instant(sent)
    ):
        return []
    return [path]


def _instant(text: str) -> datetime.datetime | None:
    try:
        return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "operation(operation_id): the operation a contract test calls"
    )


@pytest.fixture(scope="session")
def mock_url() -> str:
    url = os.environ.get(MOCK_URL_VARIABLE)
    if not url:
        pytest.fail(
            f"set {MOCK_URL_VARIABLE} to the URL of a Prism mock of openapi.yaml",
            pytrace=False,
        )
    return url


@pytest.fixture(scope="session")
def exchanges() -> Exchanges:
    return Exchanges()


@pytest.fixture(scope="session")
def client(mock_url: str, exchanges: Exchanges) -> Iterator[Intercom]:
    with httpx.Client(event_hooks={"response": [exchanges]}) as http:
        yield Intercom(
            access_token="contract-test-token",
            base_url=mock_url,
            max_retries=0,
            timeout=TIMEOUT,
            http_client=http,
        )


@pytest.fixture
def expect(exchanges: Exchanges) -> Expect:
    return Expect(exchanges)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the failures listed in $CONTRACT_KNOWN_FAILURES (a JSON object: operationId, or
    operationId-status for an error case, to the reason) as strict xfails."""
    listed = os.environ.get("CONTRACT_KNOWN_FAILURES")
    known = json.loads(Path(listed).read_text()) if listed else {}
    for item in items:
        reason = known.get(_case_key(item))
        if reason:
            item.add_marker(
                pytest.mark.xfail(strict=True, reason=f"known failure: {reason}")
            )


def _case_key(item: pytest.Item) -> str | None:
    marker = item.get_closest_marker("operation")
    if marker is None:
        return None
    callspec = getattr(item, "callspec", None)
    return callspec.id if callspec is not None else str(marker.args[0])


_OUTCOMES: dict[str, dict[str, str]] = {"operations": {}, "errors": {}}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    key = _case_key(item)
    if key is None or (report.when != "call" and report.passed):
        return
    state = (
        "xfailed" if hasattr(report, "wasxfail") and report.skipped else report.outcome
    )
    kind = "errors" if getattr(item, "callspec", None) is not None else "operations"
    if _OUTCOMES[kind].get(key) in (
        None,
        "passed",
    ):  # a teardown error overrides a pass
        _OUTCOMES[kind][key] = state


def pytest_terminal_summary(terminalreporter: Any) -> None:
    ops, errors = _OUTCOMES["operations"], _OUTCOMES["errors"]
    xfailed = sorted(k for k, v in [*ops.items(), *errors.items()] if v == "xfailed")
    terminalreporter.write_line(
        f"contract {API_VERSION}: {sum(v == 'passed' for v in ops.values())} of {len(OPERATION_IDS)} operations"
        f" and {sum(v == 'passed' for v in errors.values())} of {len(errors)} declared error statuses"
        " passed against Prism"
        + (f"; expected failures: {', '.join(xfailed)}" if xfailed else "")
    )
    report = os.environ.get("CONTRACT_REPORT")
    if report:
        Path(report).write_text(
            json.dumps(
                {
                    "api_version": API_VERSION,
                    "operation_ids": OPERATION_IDS,
                    **_OUTCOMES,
                },
                indent=1,
                sort_keys=True,
            )
        )
