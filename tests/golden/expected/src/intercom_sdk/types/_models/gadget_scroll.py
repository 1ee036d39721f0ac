from __future__ import annotations

from typing import Literal

from pydantic import Field

from intercom_sdk._models import BaseModel

from .gadget import Gadget


class GadgetScroll(BaseModel):
    type: Literal["gadget.list"] = "gadget.list"
    data: list[Gadget] = Field(default=[], validate_default=True)
    scroll_param: str | None = None
