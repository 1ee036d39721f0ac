from __future__ import annotations

from typing import Literal

from pydantic import Field

from intercom_sdk._models import BaseModel

from .gadget import Gadget
from .pages_link import PagesLink


class ListWidgetGadgetsResponse(BaseModel):
    type: Literal["list"] = "list"
    data: list[Gadget] = Field(default=[], validate_default=True)
    pages: PagesLink | None = None
