"""The naming contract between the description and the generated package, in one place.

The wire and model tests (tests/package/test_wire.py, tests/package/test_model_fields.py) take their
expectations from the description; only the names Python code uses come from here. These
are the project's naming rules, not the generator's IR: when the naming code moves, point
these imports at its new home and the tests follow.
"""

from __future__ import annotations

import re

from generator.naming import class_name, identifier

__all__ = ["class_name", "field_name", "request_class_name", "response_class_name"]


def field_name(wire: str) -> str:
    """The Python name of a model field for the JSON property `wire`.

    `identifier(wire)` (snake case, keywords get a trailing `_`: `from` -> `from_`), except
    that model fields keep the case of a wire name that is only made of letters and digits
    between separators: `pt-BR` -> `pt_BR`, not `pt_br`. That is how the published models
    spell them (tests/package/test_typecheck.py pins `ArticleTranslatedContent(pt_BR=...)`); request
    arguments, named by the surface snapshot, follow `identifier` as it is.
    """
    name = identifier(wire)
    separated = re.sub(r"[^0-9A-Za-z]", "_", wire)
    if name == separated.lower() and name != separated:
        return separated
    return name


def request_class_name(operation_id: str, taken: set[str]) -> str:
    """The class of an operation's inline request body object (one that is not a `$ref`):
    `createNote` -> `CreateNoteRequest`, or `...Body` when a component class has that name.
    """
    name = class_name(operation_id) + "Request"
    return class_name(operation_id) + "Body" if name in taken else name


def response_class_name(operation_id: str) -> str:
    """The class of an operation's inline response object: `createConversation` ->
    `CreateConversationResponse`."""
    return class_name(operation_id) + "Response"
