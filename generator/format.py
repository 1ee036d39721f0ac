"""Stage 6: black on every generated Python file."""

from __future__ import annotations

from pathlib import Path

import black

from .errors import GeneratorError

MODE = black.Mode(target_versions={black.TargetVersion.PY310})


def format_tree(root: Path) -> None:
    for path in sorted(root.rglob("*.py")):
        source = path.read_text()
        try:
            formatted = black.format_str(source, mode=MODE)
        except black.InvalidInput as exc:  # a template produced invalid Python: a generator bug
            raise GeneratorError(f"generated code does not parse: {exc}", where=str(path)) from exc
        if formatted != source:
            path.write_text(formatted)
