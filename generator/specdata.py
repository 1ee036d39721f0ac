"""Our data in spec/*.yaml, read through typed loaders: one frozen dataclass per file.

Each loader refuses a file with an unknown key, a missing key or a wrongly typed value with a
`GeneratorError` naming the key (`styles[2].request: unknown key 'nmaes'`) and the file, so a
typo in spec/ fails the run instead of silently changing what it generates. The loaders do not
see descriptions: that every operationId spec/naming.yaml names exists in a locked description
is checked by tests/generator/test_specdata.py. spec/lock.yaml has its own reader (generator/lock.py),
spec/overrides/<v>.yaml its own in generator/pipeline/repairs.py.
"""

from __future__ import annotations

import keyword
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import yaml

from . import paths
from .errors import GeneratorError

NAMING = paths.SPEC / "naming.yaml"
PAGINATION = paths.SPEC / "pagination.yaml"
RELEASES = paths.SPEC / "releases.yaml"
RESTORED_SCHEMAS = paths.SPEC / "restored-schemas.yaml"
TYPING = paths.SPEC / "typing.yaml"
WEBHOOKS = paths.SPEC / "webhooks.yaml"

PARAMETER_LOCATIONS = ("query", "body", "path", "header")  # where a paging style's request names are
METHOD = re.compile(r"[A-Za-z_]\w*(\.[A-Za-z_]\w*)+")  # "contacts.tags.attach"


# ---------------------------------------------------------------- the data


@dataclass(frozen=True)
class NamingData:
    """spec/naming.yaml: the exceptions to the naming rule (generator/naming.py)."""

    actions: dict[str, str]  # trailing path segment -> verb
    singular: dict[str, str]  # resource segment -> its singular
    operations: dict[str, str]  # operationId -> "resource.sub.verb"


@dataclass(frozen=True)
class RequestMatch:
    """A paging style recognised by request parameters: all of `names`, located `in_`."""

    in_: str  # one of PARAMETER_LOCATIONS
    names: tuple[str, ...]


@dataclass(frozen=True)
class ResponseMatch:
    """A paging style recognised by the component schema of the response's `pages`."""

    schema: str


@dataclass(frozen=True)
class PagingRule:
    """One of spec/pagination.yaml `styles`: exactly one of `request` and `response` is set."""

    style: str  # a PagingStyle of the runtime (templates/package/src/intercom_sdk/pagination.py)
    request: RequestMatch | None
    response: ResponseMatch | None


@dataclass(frozen=True)
class EnvelopeParameter:
    name: str
    if_: str  # `if`: the dotted path the envelope schema must have for the parameter to be added
    description: str
    schema: dict[str, Any]


@dataclass(frozen=True)
class Envelope:
    """spec/pagination.yaml `envelope` (rule list-without-paging-parameters)."""

    property: str
    declared: tuple[str, ...]
    parameters: tuple[EnvelopeParameter, ...]


@dataclass(frozen=True)
class Pagination:
    """spec/pagination.yaml."""

    styles: tuple[PagingRule, ...]
    envelope: Envelope


@dataclass(frozen=True)
class Unstable:
    folder: str
    info_version: str
    intercom_version: str


@dataclass(frozen=True)
class Releases:
    """spec/releases.yaml."""

    unstable: Unstable


@dataclass(frozen=True)
class RestoredSchema:
    """One entry of spec/restored-schemas.yaml `schemas` (rule restore-deleted-schema)."""

    from_: str  # `from`: the release it was published in
    schema: dict[str, Any]


# ---------------------------------------------------------------- the loaders


def naming(path: Path = NAMING) -> NamingData:
    r = _Reader(path)
    top = r.mapping(r.load(), "", required=("actions", "singular", "operations"))
    operations = r.strings(top["operations"], "operations")
    for key, method in operations.items():
        if not METHOD.fullmatch(method):
            r.fail(f"operations.{key}", f"expected `resource.verb` (like contacts.tags.attach), found {method!r}")
    return NamingData(r.strings(top["actions"], "actions"), r.strings(top["singular"], "singular"), operations)


def pagination(path: Path = PAGINATION) -> Pagination:
    r = _Reader(path)
    top = r.mapping(r.load(), "", required=("styles", "envelope"))
    styles = []
    for i, raw in enumerate(r.list(top["styles"], "styles")):
        at = f"styles[{i}]"
        style = r.mapping(raw, at, required=("style",), optional=("request", "response"))
        if ("request" in style) == ("response" in style):
            r.fail(at, "needs exactly one of `request` and `response`")
        request = response = None
        if "request" in style:
            req = r.mapping(style["request"], f"{at}.request", required=("in", "names"))
            location = r.string(req["in"], f"{at}.request.in")
            if location not in PARAMETER_LOCATIONS:
                r.fail(f"{at}.request.in", f"expected one of {', '.join(PARAMETER_LOCATIONS)}, found {location!r}")
            names = r.string_list(req["names"], f"{at}.request.names")
            if not names:
                r.fail(f"{at}.request.names", "expected at least one name")
            request = RequestMatch(location, names)
        else:
            resp = r.mapping(style["response"], f"{at}.response", required=("schema",))
            response = ResponseMatch(r.string(resp["schema"], f"{at}.response.schema"))
        styles.append(PagingRule(r.string(style["style"], f"{at}.style"), request, response))
    env = r.mapping(top["envelope"], "envelope", required=("property", "declared", "parameters"))
    parameters = []
    for i, raw in enumerate(r.list(env["parameters"], "envelope.parameters")):
        at = f"envelope.parameters[{i}]"
        p = r.mapping(raw, at, required=("name", "if", "description", "schema"))
        parameters.append(EnvelopeParameter(
            r.string(p["name"], f"{at}.name"), r.string(p["if"], f"{at}.if"),
            r.string(p["description"], f"{at}.description"), r.mapping(p["schema"], f"{at}.schema"),
        ))  # fmt: skip
    envelope = Envelope(
        r.string(env["property"], "envelope.property"),
        r.string_list(env["declared"], "envelope.declared"),
        tuple(parameters),
    )
    return Pagination(tuple(styles), envelope)


def releases(path: Path = RELEASES) -> Releases:
    r = _Reader(path)
    top = r.mapping(r.load(), "", required=("unstable",))
    fields = ("folder", "info_version", "intercom_version")
    raw = r.mapping(top["unstable"], "unstable", required=fields)
    folder, info_version, intercom_version = (r.string(raw[k], f"unstable.{k}") for k in fields)
    return Releases(Unstable(folder, info_version, intercom_version))


def restored_schemas(path: Path = RESTORED_SCHEMAS) -> dict[str, RestoredSchema]:
    """name -> the schema as published in `from`; no file is no schemas (add-release creates it)."""
    if not path.exists():
        return {}
    r = _Reader(path)
    top = r.mapping(r.load(), "", required=("schemas",))
    out = {}
    for name, raw in r.mapping(top["schemas"], "schemas").items():
        at = f"schemas.{name}"
        entry = r.mapping(raw, at, required=("from", "schema"))
        out[str(name)] = RestoredSchema(
            r.string(entry["from"], f"{at}.from"), r.mapping(entry["schema"], f"{at}.schema")
        )
    return out


@dataclass(frozen=True)
class Typing:
    """spec/typing.yaml: what the SDK types more strictly than the descriptions."""

    identity: tuple[str, ...]  # required in every returned object that declares them
    required: dict[str, tuple[str, ...]]  # component schema -> properties the API requires


def typing_rules(path: Path = TYPING) -> Typing:
    r = _Reader(path)
    top = r.mapping(r.load(), "", required=("identity", "required"))
    required = {
        str(name): r.string_list(props, f"required.{name}")
        for name, props in r.mapping(top["required"], "required").items()
    }
    return Typing(r.string_list(top["identity"], "identity"), required)


@dataclass(frozen=True)
class WebhookField:
    """A field of the notification envelope: `type` is string, integer, boolean, object, or
    `data` / `item` (the nested data object and its item)."""

    type: str
    required: bool
    description: str


@dataclass(frozen=True)
class WebhookEnvelope:
    type: str  # the JSON `type` of the object (notification_event)
    fields: dict[str, WebhookField]


@dataclass(frozen=True)
class WebhookProperty:
    """A property of a webhook-only item: a JSON type, or a component schema (`schema`)."""

    type: str | None
    schema: str | None
    description: str


@dataclass(frozen=True)
class WebhookObject:
    model: str  # the class name
    description: str
    properties: dict[str, WebhookProperty]


@dataclass(frozen=True)
class Webhooks:
    """spec/webhooks.yaml: the notification envelope and what each item type parses into."""

    notification: WebhookEnvelope
    data: WebhookEnvelope
    items: dict[str, str]  # data.item.type -> component schema
    objects: dict[str, WebhookObject]  # webhook-only data.item.type -> its model


WEBHOOK_FIELD_TYPES = ("string", "integer", "boolean", "object")
IDENTIFIER = re.compile(r"[A-Za-z_]\w*")


def webhooks(path: Path = WEBHOOKS) -> Webhooks:
    r = _Reader(path)
    top = r.mapping(r.load(), "", required=("notification", "data", "items", "objects"))

    def envelope(at: str, nested: str) -> WebhookEnvelope:
        raw = r.mapping(top[at], at, required=("type", "fields"))
        fields = {}
        for name, spec in r.mapping(raw["fields"], f"{at}.fields").items():
            where = f"{at}.fields.{name}"
            field = r.mapping(spec, where, required=("type", "required", "description"))
            kind = r.string(field["type"], f"{where}.type")
            if kind not in (*WEBHOOK_FIELD_TYPES, nested):
                r.fail(
                    f"{where}.type",
                    f"expected one of {', '.join((*WEBHOOK_FIELD_TYPES, nested))}, found {kind!r}",
                )
            if not isinstance(field["required"], bool):
                r.fail(
                    f"{where}.required",
                    f"expected a boolean, found {_kind(field['required'])}",
                )
            fields[str(name)] = WebhookField(
                kind,
                field["required"],
                r.string(field["description"], f"{where}.description"),
            )
        if nested not in [f.type for f in fields.values()]:
            r.fail(f"{at}.fields", f"expected a field of type {nested}")
        return WebhookEnvelope(r.string(raw["type"], f"{at}.type"), fields)

    objects = {}
    for item_type, raw in r.mapping(top["objects"], "objects").items():
        at = f"objects.{item_type}"
        obj = r.mapping(raw, at, required=("model", "description", "properties"))
        model = r.string(obj["model"], f"{at}.model")
        if not IDENTIFIER.fullmatch(model):
            r.fail(f"{at}.model", f"expected a class name, found {model!r}")
        properties = {}
        for name, spec in r.mapping(obj["properties"], f"{at}.properties").items():
            where = f"{at}.properties.{name}"
            if not IDENTIFIER.fullmatch(str(name)) or keyword.iskeyword(str(name)):
                r.fail(where, "expected a Python identifier (not a keyword) as the property name")
            prop = r.mapping(spec, where, required=("description",), optional=("type", "schema"))
            if ("type" in prop) == ("schema" in prop):
                r.fail(where, "needs exactly one of `type` and `schema`")
            kind = r.string(prop["type"], f"{where}.type") if "type" in prop else None
            if kind is not None and kind not in WEBHOOK_FIELD_TYPES:
                r.fail(
                    f"{where}.type",
                    f"expected one of {', '.join(WEBHOOK_FIELD_TYPES)}, found {kind!r}",
                )
            schema = r.string(prop["schema"], f"{where}.schema") if "schema" in prop else None
            properties[str(name)] = WebhookProperty(kind, schema, r.string(prop["description"], f"{where}.description"))
        objects[str(item_type)] = WebhookObject(model, r.string(obj["description"], f"{at}.description"), properties)
    items = r.strings(top["items"], "items")
    if both := sorted(set(items) & set(objects)):
        r.fail(
            "objects",
            f"{', '.join(both)} also in `items`: an item type parses into one model",
        )
    return Webhooks(envelope("notification", "data"), envelope("data", "item"), items, objects)


# ---------------------------------------------------------------- checking


class _Reader:
    """Type checks with errors that name the key (`at`, a dotted path) and the file."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, at: str, problem: str) -> NoReturn:
        raise GeneratorError(f"{self.path.name}: {f'`{at}`: ' if at else ''}{problem}", where=str(self.path))

    def load(self) -> Any:
        try:
            return yaml.safe_load(self.path.read_text())
        except OSError as exc:
            raise GeneratorError(f"cannot read {self.path.name}: {exc.strerror}", where=str(self.path)) from exc
        except yaml.YAMLError as exc:
            raise GeneratorError(f"{self.path.name} is not valid YAML: {exc}", where=str(self.path)) from exc

    def mapping(
        self, value: Any, at: str, required: tuple[str, ...] = (), optional: tuple[str, ...] = ()
    ) -> dict[str, Any]:
        """A mapping; with `required`, exactly those keys (and any of `optional`)."""
        if not isinstance(value, dict):
            self.fail(at, f"expected a mapping, found {_kind(value)}")
        if required or optional:
            expected = ", ".join((*required, *optional))
            if unknown := [str(k) for k in value if k not in required and k not in optional]:
                self.fail(
                    at, f"unknown key{'s' * (len(unknown) > 1)} {', '.join(map(repr, unknown))} (expected: {expected})"
                )
            if missing := [k for k in required if k not in value]:
                self.fail(
                    at, f"missing key{'s' * (len(missing) > 1)} {', '.join(map(repr, missing))} (expected: {expected})"
                )
        return value

    def list(self, value: Any, at: str) -> list[Any]:
        if not isinstance(value, list):
            self.fail(at, f"expected a list, found {_kind(value)}")
        return value

    def string(self, value: Any, at: str) -> str:
        if not isinstance(value, str):
            self.fail(at, f"expected a string, found {_kind(value)}")
        return value

    def string_list(self, value: Any, at: str) -> tuple[str, ...]:
        return tuple(self.string(item, f"{at}[{i}]") for i, item in enumerate(self.list(value, at)))

    def strings(self, value: Any, at: str) -> dict[str, str]:
        """A mapping of strings to strings."""
        out = {}
        for key, item in self.mapping(value, at).items():
            if not isinstance(key, str):
                self.fail(at, f"expected string keys, found {_kind(key)}")
            out[key] = self.string(item, f"{at}.{key}")
        return out


def _kind(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    return {
        dict: "a mapping",
        list: "a list",
        str: "a string",
        bool: "a boolean",
        int: "an integer",
        float: "a number",
    }.get(type(value), type(value).__name__) + ("" if isinstance(value, (dict, list)) else f" ({value!r})")


def changelog_header(api_version: str) -> str:
    """The opening of spec/changelog/<api_version>.md."""
    return (
        f"# Changelog: intercom-sdk {api_version}.x\n\n"
        f"Package versions are `{api_version}.<serial>`: every release of this line talks to Intercom API "
        f"{api_version}. Each section lists what changed in Intercom's published {api_version} description "
        "as the SDK sees it, classified breaking / non-breaking / doc-only (see docs/versioning.md in intercom-sdkgen).\n"
    )


def changelog_markdown(api_version: str, changelog_dir: Path = paths.CHANGELOGS) -> str:
    """The CHANGELOG.md text of a package line (a first-release section when nothing was recorded)."""
    path = changelog_dir / f"{api_version}.md"
    if path.is_file():
        return path.read_text(encoding="utf-8")
    return changelog_header(api_version) + f"\n## {api_version}.0\n\nFirst release of this line.\n"
