from __future__ import annotations

from intercom_sdk._models import BaseModel


class PagePages(BaseModel):
    page: int | None = None
    per_page: int | None = None
    total_pages: int | None = None
