"""Natural code a user writes from the README type-checks under mypy --strict, and the wrong
calls the API refuses are refused by mypy on their own line (tests/data/user_programs/)."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import GENERATED, TESTS

PROGRAMS = TESTS / "data" / "user_programs"


def mypy(*files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--python-version", "3.10", *map(str, files)],
        capture_output=True,
        text=True,
        env={"MYPYPATH": str(GENERATED / "src"), "PATH": "/usr/bin:/bin"},
    )


def test_everyday_programs_type_check() -> None:
    programs = sorted(p for p in PROGRAMS.glob("*.py") if p.name != "wrong_calls.py")
    assert [p.stem for p in programs] == ["concurrent", "export", "support", "sync"]
    result = mypy(*programs)
    assert result.returncode == 0, result.stdout
    assert not any(' or ""' in p.read_text() for p in programs)


def test_each_wrong_call_fails_on_its_line() -> None:
    text = (PROGRAMS / "wrong_calls.py").read_text()
    lines = text.splitlines()
    # each statement with an `# error:` comment on any of its lines fails where it starts
    expected = {
        statement.lineno
        for statement in ast.parse(text).body
        if any("  # error: " in line for line in lines[statement.lineno - 1 : statement.end_lineno])
    }
    assert len(expected) == 8
    result = mypy(PROGRAMS / "wrong_calls.py")
    flagged = {int(n) for n in re.findall(r"wrong_calls\.py:(\d+): error", result.stdout)}
    assert flagged == expected, result.stdout


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ("client.conversations.reply('1', message_type='comment', type='admin', body='x')", "fits none of its forms"),
        (
            "client.conversations.manage('1', message_type='close', admin_id='1')",
            "CloseConversationRequest: message_type='close', type='admin'",
        ),
        ("client.contacts.create(name='Ada')", "CreateContactWithEmail: email"),
    ],
)
def test_a_call_that_fits_no_form_is_refused_before_sending(call: str, message: str) -> None:
    """Untyped code gets the same answer at run time, before any request."""
    import httpx

    import intercom_sdk

    sent: list[httpx.Request] = []
    client = intercom_sdk.Intercom(
        access_token="x",
        http_client=httpx.Client(
            transport=httpx.MockTransport(lambda r: sent.append(r) or httpx.Response(200, json={}))
        ),
    )
    with pytest.raises(TypeError, match=re.escape(message)):
        eval(call, {"client": client})
    assert not sent
