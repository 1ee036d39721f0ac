from __future__ import annotations

from typing import Literal

from pydantic import Field

from intercom_sdk._models import BaseModel

from .bolt import Bolt
from .page_pages import PagePages


class BoltList(BaseModel):
    type: Literal["list"] = "list"
    data: list[Bolt] = Field(default=[], validate_default=True)
    pages: PagePages | None = None
