from __future__ import annotations

from typing import Literal

from intercom_sdk._models import BaseModel


class PagesLink(BaseModel):
    type: Literal["pages"] = "pages"
    next: str | None = None
    """
    The URL of the next page.
    """
