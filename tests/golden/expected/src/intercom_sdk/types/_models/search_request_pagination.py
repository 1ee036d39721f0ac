from __future__ import annotations

from intercom_sdk._models import BaseModel


class SearchRequestPagination(BaseModel):
    per_page: int | None = None
    starting_after: str | None = None
