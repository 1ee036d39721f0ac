"""The public surface of a generated package as reviewed text: tests/snapshots/surface-<v>.txt.

One block per method, sorted by its dotted name: the call with its positional arguments, the
return type, the HTTP method, the path and the operationId; then one line per argument with its
Python name, where it goes on the wire, its wire name and its type::

    client.contacts.update(contact_id) -> Contact  PUT /contacts/{id}  UpdateContact
        contact_id <- path id (required): str
        email <- body email: str

Arguments take what a caller passes (a model or its `...Param` dict); a union body adds one
`form` line per @overload, with what it needs. Any rename or retyping of the public surface shows
up in review as a diff of this file, and the wire tests read the Python names of the arguments
from it (expectations come from reviewed
files and the description, never from the generator's IR).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import ir

HEADER = "# Public surface of intercom-sdk {version}: one block per method (generator/release/surface.py).\n"
CALL = re.compile(
    r"^client\.(?P<dotted>[\w.]+)\((?P<args>[\w, ]*)\) -> (?P<returns>.+?)  (?P<method>[A-Z]+) (?P<path>\S+)  (?P<operation_id>.+)$"
)
FORM = re.compile(r"^    form (?P<name>.+?): (?P<needs>.*)$")
ARG = re.compile(
    r"^    (?P<name>\w+) <- (?P<location>path|query|header|body) (?P<wire>\S+)(?P<required> \(required\))?: (?P<type>.+)$"
)


@dataclass(frozen=True)
class Argument:
    name: str  # Python keyword (or positional) name
    location: str  # path | query | header | body
    wire: str  # path placeholder, query key, header name or top-level JSON property
    required: bool
    type: str


@dataclass
class Method:
    dotted: str  # "contacts.update"
    positional: list[str]
    returns: str
    http_method: str
    path: str
    operation_id: str
    arguments: list[Argument] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)  # "<name>: <what it needs>", one per @overload


def text(api: ir.Api) -> str:
    """The snapshot of an API."""
    from ..pipeline.render import return_type

    out = [HEADER.format(version=api.api_version)]
    for op in sorted(api.operations, key=lambda o: o.dotted_name):
        positional = ", ".join(p.py_name for p in op.path_params)
        out.append(
            f"client.{op.dotted_name}({positional}) -> {return_type(op, '', models='')}  "
            f"{op.http_method} {op.path}  {op.operation_id}\n"
        )
        for p in op.params:
            required = " (required)" if p.required else ""
            annotation = p.type.annotation(request=p.location != "path")
            out.append(f"    {p.py_name} <- {p.location} {p.wire_name}{required}: {annotation}\n")
        for form in op.variants:  # the method's @overloads
            needs = [
                f"{p.py_name}={_literal(p.type.values)}" if p.type.kind == "literal" else p.py_name
                for p in form.params
                if p.required
            ]
            out.append(f"    form {form.name}: {', '.join(needs)}\n")
    return "".join(out)


def _literal(values: tuple[object, ...]) -> str:
    return " | ".join(map(repr, values))


def parse(snapshot: str) -> dict[str, Method]:
    """The methods of a snapshot, by dotted name."""
    methods: dict[str, Method] = {}
    current: Method | None = None
    for number, line in enumerate(snapshot.splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        call, arg, form = CALL.match(line), ARG.match(line), FORM.match(line)
        if call:
            args = [a.strip() for a in call["args"].split(",") if a.strip()]
            current = Method(call["dotted"], args, call["returns"], call["method"], call["path"], call["operation_id"])
            methods[current.dotted] = current
        elif arg and current is not None:
            current.arguments.append(
                Argument(arg["name"], arg["location"], arg["wire"], bool(arg["required"]), arg["type"])
            )
        elif form and current is not None:
            current.forms.append(f"{form['name']}: {form['needs']}")
        else:
            raise ValueError(f"surface snapshot line {number} is not a call, an argument or a form: {line!r}")
    return methods
