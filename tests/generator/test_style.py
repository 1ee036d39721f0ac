"""The generator, the tests and the bench are formatted with black, as the code they generate is
(pyproject.toml [tool.black]; the generated package and runtime templates: black's defaults)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_the_repository_code_is_black_clean() -> None:
    checked = subprocess.run(
        [sys.executable, "-m", "black", "--check", "generator", "tests", "bench"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, (
        checked.stderr[-3000:] + "\nrun `.venv/bin/black generator tests bench` to format them"
    )
    assert "would be left unchanged" in checked.stderr
