from __future__ import annotations

from typing import Literal

from intercom_sdk._models import BaseModel


class Bolt(BaseModel):
    type: Literal["bolt"] = "bolt"
    id: int
    widget_id: str | None = None
    label: str | None = None
    weight: float | None = None
