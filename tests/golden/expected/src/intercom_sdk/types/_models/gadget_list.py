from __future__ import annotations

from typing import Literal

from pydantic import Field

from intercom_sdk._models import BaseModel

from .cursor_pages import CursorPages
from .gadget import Gadget


class GadgetList(BaseModel):
    type: Literal["list"] = "list"
    data: list[Gadget] = Field(default=[], validate_default=True)
    pages: CursorPages | None = None
