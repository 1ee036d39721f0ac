"""The generated package's docs: api.md lists every operation; README code blocks type-check."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.conftest import GENERATED


def test_api_md_lists_all_108_operations(api29: Any) -> None:
    text = (GENERATED / "api.md").read_text()
    listed = re.findall(r"^client\.([\w.]+)\(.*\) -> .+$", text, re.M)
    assert len(set(listed)) == 108
    # one line per method, or per overload of a method whose body takes several forms
    assert sorted(listed) == sorted(op.dotted_name for op in api29.operations for _ in op.variants or [None])
    assert len(listed) > 108
    for op in api29.operations:
        assert f"`{op.http_method} {op.path}` · operationId `{op.operation_id}`" in text


def test_every_readme_code_block_type_checks(tmp_path: Path) -> None:
    readme = (GENERATED / "README.md").read_text()
    blocks = re.findall(r"```python\n(.*?)```", readme, re.S)
    assert len(blocks) >= 8
    for i, block in enumerate(blocks):
        (tmp_path / f"block_{i}.py").write_text(block)
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", *sorted(map(str, tmp_path.glob("*.py")))],
        capture_output=True,
        text=True,
        env={"MYPYPATH": str(GENERATED / "src"), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stdout


def test_readme_documents_every_feature() -> None:
    readme = (GENERATED / "README.md").read_text()
    for heading in (
        "Install and pin",
        "Authenticate and choose a region",
        "Pagination",
        "Errors",
        "Retries and timeouts",
        "Raw responses",
        "Streaming responses",
        "Request ids and rate limits",
        "Rate-limit pacing",
        "Async",
        "Webhooks",
        "Testing without Intercom",
        "Logging",
    ):
        assert f"## {heading}" in readme
