from __future__ import annotations

from typing import Literal

from intercom_sdk._models import BaseModel

from .color import Color
from .widget_ref import WidgetRef


class Widget(BaseModel):
    """
    Widget
    """

    type: Literal["widget"] = "widget"
    id: str
    name: str
    color: Color | None = None
    description: str | None = None
    size: int | None = None
    """
    Diameter in millimetres.
    """
    created_at: int | None = None
    """
    Unix seconds.
    """
    replaced_by: WidgetRef | None = None
    labels: dict[str, str] | None = None
