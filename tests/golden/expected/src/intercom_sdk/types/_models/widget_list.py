from __future__ import annotations

from typing import Literal

from pydantic import Field

from intercom_sdk._models import BaseModel

from .cursor_pages import CursorPages
from .widget import Widget


class WidgetList(BaseModel):
    type: Literal["list"] = "list"
    data: list[Widget] = Field(default=[], validate_default=True)
    total_count: int | None = None
    pages: CursorPages | None = None
