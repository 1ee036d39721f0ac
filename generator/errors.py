"""The one error type the pipeline raises for bad input."""

from __future__ import annotations


class GeneratorError(Exception):
    """A problem with the input, named with where it is (a JSON pointer, a URL or a file)."""

    def __init__(self, message: str, *, where: str | None = None) -> None:
        self.message = message
        self.where = where
        super().__init__(f"{message} (at {where})" if where else message)
