"""Serialization of path parameters, query strings and JSON bodies."""

from __future__ import annotations

import datetime
import enum
import sys
from typing import TYPE_CHECKING, Any, Mapping, TypeGuard
from urllib.parse import quote

from ._types import NotGiven

if TYPE_CHECKING:
    import pydantic

__all__ = [
    "path_param",
    "sent_as",
    "to_jsonable",
    "build_query",
    "strip_not_given",
    "is_model",
    "Form",
    "check_forms",
]


def is_model(value: object) -> TypeGuard[pydantic.BaseModel]:
    """Whether ``value`` is a pydantic model, without importing pydantic.

    The SDK imports pydantic on the first response it parses, not on import;
    until something has imported it, no value can be a model.
    """
    module = sys.modules.get("pydantic")
    return module is not None and isinstance(value, module.BaseModel)


def path_param(value: str | int) -> str:
    """Percent-encode one path segment, so an id like ``a/b`` cannot change the route."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise TypeError(
            f"path parameters must be str or int, not {type(value).__name__}"
        )
    text = str(value)
    if not text:
        # An empty id would silently hit the collection endpoint instead (GET /contacts/).
        raise ValueError("path parameter must not be an empty string")
    return quote(text, safe="")


def sent_as(value: object, wire: type[int] | type[str], name: str) -> object:
    """An id argument typed as its resource's ids are (a string), sent as the JSON type
    the description gives the field (an integer): ``"123"`` goes out as ``123``."""
    if value is None or isinstance(value, NotGiven) or type(value) is wire:
        return value
    if wire is str:
        return str(value)
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return int(value)
    raise ValueError(f"{name} must be a numeric id, not {value!r}")


def strip_not_given(mapping: Mapping[str, object] | None) -> dict[str, object]:
    """A shallow copy of ``mapping`` without its NOT_GIVEN values."""
    if mapping is None:
        return {}
    return {
        key: value for key, value in mapping.items() if not isinstance(value, NotGiven)
    }


def to_jsonable(value: object) -> Any:
    """Turn a request body into plain JSON data.

    NOT_GIVEN entries are dropped at any depth; ``None`` stays and is sent as
    ``null`` (Intercom uses it to clear a field). Models are dumped by alias
    with only the fields the caller set.
    """
    if is_model(value):
        return value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    if isinstance(value, Mapping):
        return {
            str(key): to_jsonable(item)
            for key, item in value.items()
            if not isinstance(item, NotGiven)
        }
    if isinstance(value, (list, tuple, set, frozenset)):
        return [to_jsonable(item) for item in value if not isinstance(item, NotGiven)]
    if isinstance(value, enum.Enum):
        return to_jsonable(value.value)
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    return value


def build_query(query: Mapping[str, object]) -> list[tuple[str, str]]:
    """Encode query parameters as ``(key, value)`` pairs for httpx.

    ``None`` and NOT_GIVEN are left out, booleans become ``true``/``false``,
    lists repeat the key (``k=a&k=b``) and dicts (OpenAPI ``form``/``explode``
    objects) contribute their own keys.
    """
    pairs: list[tuple[str, str]] = []
    for key, value in query.items():
        _add_query_value(pairs, key, value)
    return pairs


def _add_query_value(pairs: list[tuple[str, str]], key: str, value: object) -> None:
    if value is None or isinstance(value, NotGiven):
        return
    if is_model(value):
        value = value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    if isinstance(value, Mapping):
        for sub_key, sub_value in value.items():
            _add_query_value(pairs, str(sub_key), sub_value)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            _add_query_value(pairs, key, item)
    else:
        pairs.append((key, _query_scalar(value)))


def _query_scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return _query_scalar(value.value)
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    return str(value)


class Form:
    """One form a union request body takes (one of a method's ``@overload``s): the keyword
    arguments it needs, those it accepts, and the values its Literal-typed ones may take.
    """

    __slots__ = ("name", "required", "accepted", "literals")

    def __init__(
        self,
        name: str,
        required: tuple[str, ...],
        accepted: tuple[str, ...],
        literals: Mapping[str, tuple[object, ...]],
    ) -> None:
        self.name = name
        self.required = frozenset(required)
        self.accepted = frozenset(accepted)
        self.literals = literals

    def fits(self, given: Mapping[str, object]) -> bool:
        return self.required <= given.keys() <= self.accepted and all(
            given[k] in v for k, v in self.literals.items() if k in given
        )

    def describe(self) -> str:
        needs = sorted(self.required - self.literals.keys())
        fixed = [f"{k}={' or '.join(map(repr, v))}" for k, v in self.literals.items()]
        return f"{self.name}: {', '.join([*fixed, *needs]) or 'no arguments'}"


def check_forms(
    method: str, arguments: Mapping[str, object], forms: tuple[Form, ...]
) -> None:
    """Raise TypeError when the given arguments fit none of the method's forms (mypy refuses
    such a call too; this catches it in untyped code before a request is sent)."""
    given = {k: v for k, v in arguments.items() if not isinstance(v, NotGiven)}
    if any(form.fits(given) for form in forms):
        return
    listed = "; ".join(form.describe() for form in forms)
    raise TypeError(
        f"{method}() got {', '.join(sorted(given)) or 'no body arguments'}, "
        f"which fits none of its forms ({listed})"
    )
