from __future__ import annotations

from typing import Literal

from intercom_sdk._models import BaseModel


class DeletedObject(BaseModel):
    type: Literal["widget"] = "widget"
    id: str
    deleted: bool | None = None
