"""Small shared types: the NOT_GIVEN sentinel and request-shape aliases."""

from __future__ import annotations

from typing import Literal, Mapping, Union

import httpx
from typing_extensions import TypeAlias

__all__ = ["NotGiven", "NOT_GIVEN", "Headers", "Query", "Body", "Timeout"]


class NotGiven:
    """Marks an argument the caller did not pass.

    ``None`` cannot play this role: for Intercom, sending ``null`` (e.g. to clear
    a field) is different from leaving the field out of the request.
    """

    _instance: NotGiven | None = None

    def __new__(cls) -> NotGiven:
        # One instance, so identity checks and pickling round-trips stay simple.
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"

    def __reduce__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN = NotGiven()

Headers: TypeAlias = Mapping[str, str]
Query: TypeAlias = Mapping[str, object]
Body: TypeAlias = Mapping[str, object]
# Union[...] rather than `|` because this alias is evaluated at runtime.
Timeout: TypeAlias = Union[float, httpx.Timeout, None]
