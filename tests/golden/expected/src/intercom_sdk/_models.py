"""Base model for generated types, and response-body parsing.

Validation policy for 2xx bodies that do not match their model:

* default (lenient): log a warning on the ``intercom_sdk`` logger and return the
  data anyway. Everything that validates is validated; only the parts that do
  not (say, an enum value Intercom added after this SDK was generated) are kept
  as the raw JSON values. A new value on Intercom's side must not take down a
  production integration.
* ``strict_response_validation=True``: raise :class:`APIResponseValidationError`.

A body that is not JSON at all always raises, in both modes.
"""

from __future__ import annotations

import collections.abc
import functools
import json
import types
import typing
from typing import TYPE_CHECKING, Any, Literal, Union

import httpx
import pydantic
from pydantic import ConfigDict, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo

from ._exceptions import APIResponseValidationError
from ._logs import logger

__all__ = ["BaseModel", "parse_json", "validate_python", "set_request_id"]

# How many field errors a message or log line lists before "... and N more".
_MAX_LISTED_ERRORS = 3
_BODY_PREVIEW_CHARS = 500


class BaseModel(pydantic.BaseModel):
    """Base class of every generated model.

    Unknown fields are kept (Intercom adds fields without a version bump) and
    models can be built with Python field names (``from_``) as well as with
    their JSON names (``from``).
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
        protected_namespaces=(),
        arbitrary_types_allowed=True,
    )

    if TYPE_CHECKING:
        # Declared for type checkers only, as a read-only property: an annotation would
        # make it a field (an __init__ argument) to them. At run time it is a plain class
        # attribute, None, shadowed on returned models by set_request_id.
        @property
        def _request_id(self) -> str | None:
            """The ``X-Request-Id`` of the response this model came from: set on the
            model a method returns and on the items of a page; None on nested objects
            and on models you build. Quote it when reporting a problem to Intercom."""

    def to_dict(
        self, *, mode: Literal["json", "python"] = "json", exclude_none: bool = False
    ) -> dict[str, Any]:
        """The model as a dict keyed by JSON names, with only the fields that were set."""
        # warnings=False: leniently built models may hold raw values that do not
        # fit their annotation; dumping them as they are is the point.
        return self.model_dump(
            mode=mode,
            by_alias=True,
            exclude_unset=True,
            exclude_none=exclude_none,
            warnings=False,
        )

    def to_json(self, *, indent: int | None = None, exclude_none: bool = False) -> str:
        """The model as JSON keyed by JSON names, with only the fields that were set."""
        return self.model_dump_json(
            indent=indent,
            by_alias=True,
            exclude_unset=True,
            exclude_none=exclude_none,
            warnings=False,
        )


# Not a pydantic private attribute: declaring one makes pydantic run a Python hook for
# every model instance it validates, nested ones included (docs/performance.md). A plain
# class attribute costs nothing; set_request_id shadows it on the one instance returned.
setattr(BaseModel, "_request_id", None)


def set_request_id(value: object, request_id: str | None) -> None:
    """Give a returned model its ``_request_id`` (anything else is left alone).

    Stored in the instance ``__dict__`` beside the fields, where pydantic's
    serialization, equality and ``repr`` only look at declared fields, so
    ``model_dump``, ``==`` and ``repr`` ignore it (``model_copy`` keeps it).
    """
    if request_id is not None and isinstance(value, BaseModel):
        value.__dict__["_request_id"] = request_id


@functools.lru_cache(maxsize=None)
def _cached_adapter(tp: Any) -> TypeAdapter[Any]:
    return TypeAdapter(tp)


def _adapter(tp: Any) -> TypeAdapter[Any]:
    # Building a TypeAdapter compiles a validator; do it once per type. The set of
    # types is bounded by the generated code, so the cache needs no limit.
    try:
        return _cached_adapter(tp)
    except TypeError:  # an unhashable annotation
        return TypeAdapter(tp)


def _type_name(tp: Any) -> str:
    return getattr(tp, "__name__", None) or repr(tp)


def _summarize(error: ValidationError) -> str:
    items = error.errors(include_url=False, include_input=False)
    parts = []
    for item in items[:_MAX_LISTED_ERRORS]:
        loc = ".".join(str(part) for part in item["loc"]) or "<root>"
        parts.append(f"{loc}: {item['msg']}")
    if len(items) > _MAX_LISTED_ERRORS:
        parts.append(f"... and {len(items) - _MAX_LISTED_ERRORS} more")
    return "; ".join(parts)


def _describe_request(response: httpx.Response) -> str:
    request = response.request
    return f"{response.status_code} response to {request.method} {request.url.path}"


def parse_json(
    content: bytes, tp: Any, *, strict: bool, response: httpx.Response
) -> Any:
    """Parse a JSON body into ``tp`` using pydantic-core's JSON validator."""
    try:
        return _adapter(tp).validate_json(content)
    except ValidationError as error:
        if any(item["type"] == "json_invalid" for item in error.errors()):
            text = content.decode("utf-8", errors="replace")
            preview = (
                text
                if len(text) <= _BODY_PREVIEW_CHARS
                else text[:_BODY_PREVIEW_CHARS] + "..."
            )
            raise APIResponseValidationError(
                f"{_describe_request(response)} is not valid JSON "
                f"(expected {_type_name(tp)}); body: {preview!r}",
                response=response,
                body=text,
                validation_error=error,
            ) from None
        return _mismatch(
            tp, json.loads(content), error, strict=strict, response=response
        )


def validate_python(
    tp: Any, value: object, *, strict: bool, response: httpx.Response
) -> Any:
    """Like :func:`parse_json` for already-decoded data (e.g. page items)."""
    try:
        return _adapter(tp).validate_python(value)
    except ValidationError as error:
        return _mismatch(tp, value, error, strict=strict, response=response)


def _mismatch(
    tp: Any,
    data: object,
    error: ValidationError,
    *,
    strict: bool,
    response: httpx.Response,
) -> Any:
    summary = _summarize(error)
    if strict:
        raise APIResponseValidationError(
            f"{_describe_request(response)} does not match {_type_name(tp)}: {summary}",
            response=response,
            body=response.text,
            validation_error=error,
        ) from None
    logger.warning(
        "%s does not match %s; returning it partly unvalidated (%s)",
        _describe_request(response),
        _type_name(tp),
        summary,
    )
    return construct_lenient(tp, data)


def construct_lenient(tp: Any, value: object) -> Any:
    """Validate ``value`` as ``tp`` as far as it goes; keep raw values where it fails.

    Only used on the error path, so walking the type in Python here is fine.
    """
    try:
        return _adapter(tp).validate_python(value)
    except ValidationError:
        pass

    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Annotated:
        return construct_lenient(args[0], value)
    if origin is Union or origin is types.UnionType:
        return (
            construct_lenient(_pick_union_member(args, value), value) if args else value
        )
    if isinstance(tp, type) and issubclass(tp, pydantic.RootModel):
        root_type = _fields(tp)["root"].annotation
        return tp.model_construct(construct_lenient(root_type, value))
    if (
        isinstance(tp, type)
        and issubclass(tp, pydantic.BaseModel)
        and isinstance(value, dict)
    ):
        return _construct_model(tp, value)
    if origin in (list, collections.abc.Sequence) and isinstance(value, list) and args:
        return [construct_lenient(args[0], item) for item in value]
    if (
        origin in (dict, collections.abc.Mapping)
        and isinstance(value, dict)
        and len(args) == 2
    ):
        return {key: construct_lenient(args[1], item) for key, item in value.items()}
    return value


def _construct_model(
    model: type[pydantic.BaseModel], data: dict[str, Any]
) -> pydantic.BaseModel:
    remaining = dict(data)
    values: dict[str, Any] = {}
    for name, field in _fields(model).items():
        key = (
            field.alias
            if field.alias is not None and field.alias in remaining
            else name
        )
        if key in remaining:
            values[name] = construct_lenient(field.annotation, remaining.pop(key))
    fields_set = set(values)
    for name, field in _fields(model).items():
        # A field the response left out that the model requires (an object without its id):
        # None, so reading it does not raise; the warning already named the field.
        if name not in values and field.is_required():
            values[name] = None
    if model.model_config.get("extra") == "allow":
        values.update(remaining)  # model_construct stores these as extras
    return model.model_construct(_fields_set=fields_set, **values)


def _fields(model: type[pydantic.BaseModel]) -> dict[str, FieldInfo]:
    """``model_fields`` with forward references resolved.

    Classes that refer to later ones keep forward references in their fields until rebuilt,
    and validating through a TypeAdapter does not rebuild them.
    """
    if not model.__pydantic_complete__:
        model.model_rebuild(raise_errors=False)
    return model.model_fields


def _pick_union_member(members: tuple[Any, ...], value: object) -> Any:
    """The union member that ``value`` most plausibly is, for lenient construction."""
    if value is None and type(None) in members:
        return type(None)
    if isinstance(value, dict):
        best: Any = None
        best_overlap = -1
        for member in members:
            inner = _strip_annotated(member)
            if isinstance(inner, type) and issubclass(inner, pydantic.BaseModel):
                fields = _fields(inner)
                keys = {f.alias or n for n, f in fields.items()} | set(fields)
                overlap = len(keys & value.keys())
                if overlap > best_overlap:
                    best, best_overlap = member, overlap
        if best is not None:
            return best
    if isinstance(value, list):
        for member in members:
            if typing.get_origin(_strip_annotated(member)) in (
                list,
                collections.abc.Sequence,
            ):
                return member
    return Any


def _strip_annotated(tp: Any) -> Any:
    while typing.get_origin(tp) is typing.Annotated:
        tp = typing.get_args(tp)[0]
    return tp
