from __future__ import annotations

from typing import Literal

from intercom_sdk._models import BaseModel


class SearchRequestQuery(BaseModel):
    field: str
    operator: Literal["=", "!=", "~"]
    value: str
