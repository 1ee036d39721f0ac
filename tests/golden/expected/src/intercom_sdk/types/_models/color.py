from __future__ import annotations

from typing import Literal

from pydantic import RootModel


class Color(RootModel[Literal["red", "green", "blue"]]):
    root: Literal["red", "green", "blue"]
    """
    A widget's paint.
    """
