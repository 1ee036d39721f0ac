from __future__ import annotations

from typing import Literal

from intercom_sdk._models import BaseModel


class Gadget(BaseModel):
    type: Literal["gadget"] = "gadget"
    id: str
    kind: Literal["lever", "spring", "dial"] | None = None
