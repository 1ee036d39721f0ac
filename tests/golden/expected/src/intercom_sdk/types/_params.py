"""The objects a method takes, as TypedDicts: pass a plain dict that mypy checks, or the model.

Keys are the JSON names; `Required[...]` marks what the description requires. These load only
when imported at run time: the methods name them in annotations only.
"""

from __future__ import annotations

from typing import Literal
from typing_extensions import Required, TypedDict

__all__ = [
    "SearchRequestPaginationParam",
    "SearchRequestQueryParam",
]


class SearchRequestPaginationParam(TypedDict, total=False):
    """`SearchRequestPagination` as a plain dict."""

    per_page: int
    starting_after: str | None


class SearchRequestQueryParam(TypedDict, total=False):
    """`SearchRequestQuery` as a plain dict."""

    field: Required[str]
    operator: Required[Literal["=", "!=", "~"]]
    value: Required[str]
