"""The generator is clean under mypy --strict (the generated package: tests/package/test_typecheck.py)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_generator_passes_mypy_strict() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "generator"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-5000:]
