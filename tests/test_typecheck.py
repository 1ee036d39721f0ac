"""The generated package is clean under mypy --strict."""

from __future__ import annotations

import subprocess
import sys

from .conftest import GENERATED


def test_generated_package_passes_mypy_strict() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--python-version", "3.10", str(GENERATED / "src")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-5000:]
    assert result.stdout.startswith("Success: no issues found")
