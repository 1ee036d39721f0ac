from __future__ import annotations

from typing import Literal

from intercom_sdk._models import BaseModel


class ErrorErrorsItem(BaseModel):
    code: str
    message: str | None = None


class Error(BaseModel):
    type: Literal["error.list"] = "error.list"
    request_id: str | None = None
    errors: list[ErrorErrorsItem]
