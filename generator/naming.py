"""How the description's names become Python names: classes, identifiers, methods.

Shared by the normalize stage and the release tooling (diff), so that both name an operation
or an argument the same way. The rule's exceptions are data in spec/naming.yaml.

Methods: the resource is the chain of static path segments (`/contacts/{id}/tags/{id}` ->
`client.contacts.tags`); the verb comes from the HTTP method (GET on an item -> retrieve, on a
collection -> list, POST -> create, PUT/PATCH -> update, DELETE -> delete), unless the last
static segment is an action (`POST /contacts/{id}/archive` -> `client.contacts.archive`).
Operations that still map to the same method are told apart by `resolve_collisions`.
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from .specdata import NamingData

# Keyword arguments every generated method already has.
RESERVED = {"extra_headers", "extra_query", "extra_body", "timeout", "self"}
# Names the generated modules import next to the models (typing, pydantic, the runtime): a
# schema called `list` must not become `class List` and shadow typing.List.
RESERVED_CLASSES = {
    "Any", "Dict", "List", "Literal", "Optional", "Union", "Annotated", "Body", "Headers", "NotGiven", "Query",
    "Paging", "SyncPage", "AsyncPage", "AsyncPaginator", "SyncAPIResource", "AsyncAPIResource", "APIResponse",
    "AsyncAPIResponse", "BaseModel", "Field", "RootModel", "ConfigDict",
}  # fmt: skip
DEFAULT_VERBS = {"GET": ("retrieve", "list"), "POST": ("create", "create"), "PUT": ("update", "update"),
                 "PATCH": ("update", "update"), "DELETE": ("delete", "delete")}  # fmt: skip
# Words that join an operationId's distinguishing words to its verb: `retrieveVisitorWithUserId`
# differs from `retrieveVisitor` by "with user id", which names a method `retrieve_by_user_id`.
JOINERS = {"with", "by", "using", "via", "from"}


def words(name: str) -> list[str]:
    """`createAContact_v2` -> create, A, Contact, v, 2 (acronyms kept whole: `URLPath` -> URL, Path)."""
    return re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+", re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", name))


def pascal(name: str) -> str:
    return "".join(w[:1].upper() + w[1:] for w in words(name)) or "Model"


def class_name(name: str) -> str:
    """`pascal`, made a valid class name: `9lives` -> `N9Lives`, `none` -> `NoneModel`, `list` -> `ListModel`."""
    out = pascal(name)
    if out[0].isdigit():
        out = "N" + out
    return out + "Model" if keyword.iskeyword(out) or out in RESERVED_CLASSES else out


def snake(name: str) -> str:
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    return re.sub(r"[^0-9a-zA-Z]+", "_", name).strip("_").lower()


def identifier(name: str) -> str:
    """A Python identifier for a wire name: snake case, no keywords or builtins clash."""
    out = snake(name) or "value"
    if out[0].isdigit():
        out = "n" + out
    if keyword.iskeyword(out) or out in RESERVED:
        out += "_"
    return out


def operation_key(operation_id: str) -> str:
    """An operationId compared by its words: `createDataExport` and `create data export` are one."""
    return "_".join(w.lower() for w in words(operation_id))


def singular(word: str, table: dict[str, str]) -> str:
    if word in table:
        return table[word]
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def segments(path: str) -> list[str]:
    return [s for s in path.strip("/").split("/") if s]


def path_arguments(path: str, singulars: dict[str, str]) -> list[tuple[str, str]]:
    """(placeholder, Python name) of each path parameter: a bare `{id}` is named after the
    segment before it (`/contacts/{id}` -> contact_id), so names stay stable when Intercom
    renames placeholders."""
    parts = segments(path)
    out = []
    for i, segment in enumerate(parts):
        if segment.startswith("{"):
            placeholder = segment[1:-1]
            py = identifier(placeholder)
            if py == "id" and i > 0 and not parts[i - 1].startswith("{"):
                py = identifier(singular(parts[i - 1], singulars) + "_id")
            out.append((placeholder, py))
    return out


def fallback_operation_id(method: str, path: str) -> str:
    """The operationId of an operation that declares none: `getTicketTypes` for GET /ticket_types."""
    return method.lower() + pascal("_".join(s for s in segments(path) if not s.startswith("{")))


@dataclass(frozen=True)
class Naming:
    """spec/naming.yaml."""

    actions: dict[str, str]
    singulars: dict[str, str]
    operations: dict[str, str]  # operation_key(operationId) -> "resource.sub.verb"

    @classmethod
    def from_data(cls, data: NamingData) -> Naming:
        operations = {operation_key(k): v for k, v in data.operations.items()}
        return cls(dict(data.actions), dict(data.singular), operations)

    def method(self, http_method: str, path: str, operation_id: str) -> tuple[tuple[str, ...], str]:
        """(resource path, verb) of an operation, by the rule or by spec/naming.yaml."""
        override = self.operations.get(operation_key(operation_id))
        if override:
            *resource, verb = override.split(".")
            return tuple(resource), verb
        http = http_method.upper()
        parts = segments(path)
        static = [s for s in parts if not s.startswith("{")]
        if static and static[-1] in self.actions and parts[-1] == static[-1] and (len(static) > 1 or http == "POST"):
            resource, verb = static[:-1], self.actions[static[-1]]
        else:
            on_item = not parts or parts[-1].startswith("{") or singular(parts[-1], self.singulars) == parts[-1]
            item_verb, collection_verb = DEFAULT_VERBS.get(http, (http.lower(), http.lower()))
            resource, verb = static, item_verb if on_item else collection_verb
        return tuple(identifier(r) for r in resource), identifier(verb)


T = TypeVar("T")


@dataclass(frozen=True)
class Collision:
    """Operations that the rule mapped to one method, and the names they got instead."""

    method: str  # "visitors.retrieve"
    renamed: tuple[tuple[str, str], ...]  # (operationId, new method name)

    def warning(self) -> str:
        names = ", ".join(f"{op_id} -> {name}" for op_id, name in self.renamed)
        return (
            f"name collision: operations {', '.join(op for op, _ in self.renamed)} all map to client.{self.method}; "
            f"named by the words that tell their operationIds apart: {names} (override in spec/naming.yaml)"
        )


def resolve_collisions(
    items: Sequence[T], method_of: Callable[[T], str], operation_id_of: Callable[[T], str]
) -> tuple[dict[int, str], list[Collision]]:
    """New verbs for operations that share a method name: each one's verb plus the words of its
    operationId that the others lack (`retrieveVisitorWithUserId` vs `retrieveVisitor`:
    `retrieve_by_user_id` and `retrieve`). Returns {index in items: new verb} and the collisions.
    Raises ValueError when the words do not tell the operations apart."""
    groups: dict[str, list[int]] = {}
    for index, item in enumerate(items):
        groups.setdefault(method_of(item), []).append(index)
    renames: dict[int, str] = {}
    collisions = []
    for method, members in sorted(groups.items()):
        if len(members) < 2:
            continue
        *_, verb = method.split(".")
        found = [[w.lower() for w in words(operation_id_of(items[i]))] for i in members]
        shared = set.intersection(*(set(ws) for ws in found))
        names = []
        for ws in found:
            extra = [w for w in ws if w not in shared]
            if extra and extra[0] in JOINERS:
                extra = ["by", *extra[1:]]
            names.append(identifier("_".join([verb, *extra])) if extra else verb)
        if len(set(names)) < len(names):
            ids = ", ".join(operation_id_of(items[i]) for i in members)
            raise ValueError(
                f"operations {ids} all map to client.{method} and their operationIds do not tell them apart"
            )
        collisions.append(Collision(method, tuple((operation_id_of(items[i]), n) for i, n in zip(members, names))))
        renames.update(zip(members, names))
    return renames, collisions
