"""The generated package is clean under mypy --strict (the generator itself: tests/generator/test_typecheck.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import GENERATED


def test_generated_package_passes_mypy_strict() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--python-version",
            "3.10",
            str(GENERATED / "src"),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-5000:]
    assert result.stdout.startswith("Success: no issues found")


def test_python_names_for_json_names_under_mypy(tmp_path: Path) -> None:
    """`from` and `pt-BR` are JSON names; callers write `from_=` and `pt_BR=` and mypy agrees,
    and a value outside an enum is refused."""
    snippet = tmp_path / "snippet.py"
    snippet.write_text(
        "from intercom_sdk import Intercom\n"
        "from intercom_sdk.types import ArticleTranslatedContent, CreateMessageRequestFrom\n"
        "client = Intercom(access_token='x')\n"
        "client.messages.create(message_type='in_app', body='Hi', from_=CreateMessageRequestFrom(type='admin', id=1), to={'type': 'user', 'id': '7'})\n"
        "a = ArticleTranslatedContent(pt_BR=None)\n"
        "client.messages.create(message_type='sms', body='Hi', from_={'type': 'admin', 'id': 1}, to={'type': 'user', 'id': '7'})\n"
    )
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(snippet)],
        capture_output=True,
        text=True,
        env={"MYPYPATH": str(GENERATED / "src"), "PATH": "/usr/bin:/bin"},
    )
    # Exactly one error: the invalid literal on the last line.
    assert result.stdout.count("error:") == 1, result.stdout
    assert "snippet.py:6: error" in result.stdout and "message_type" in result.stdout
