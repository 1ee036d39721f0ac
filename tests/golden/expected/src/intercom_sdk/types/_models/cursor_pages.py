from __future__ import annotations

from typing import Literal

from intercom_sdk._models import BaseModel


class CursorPagesNext(BaseModel):
    starting_after: str | None = None


class CursorPages(BaseModel):
    type: Literal["pages"] = "pages"
    page: int | None = None
    next: CursorPagesNext | None = None
    per_page: int | None = None
    total_pages: int | None = None
