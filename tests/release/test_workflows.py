"""The GitHub workflows pass the linters (schema, shellcheck, expressions) and do what docs/versioning.md says."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import GENERATED, ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
BIN = Path(sys.executable).parent


CONTEXTS = {
    "github",
    "env",
    "vars",
    "job",
    "jobs",
    "steps",
    "runner",
    "secrets",
    "strategy",
    "matrix",
    "needs",
    "inputs",
}
FUNCTIONS = {
    "contains",
    "startsWith",
    "endsWith",
    "format",
    "join",
    "toJSON",
    "fromJSON",
    "hashFiles",
    "success",
    "always",
    "cancelled",
    "failure",
    "true",
    "false",
    "null",
}
EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}", re.S)


def lint(*files: Path) -> subprocess.CompletedProcess[str]:
    """Workflow linting from well-kept packages: check-jsonschema's vendored GitHub workflow
    schema for structure, shellcheck on every `run:` script, and a check that expressions use
    known contexts and step ids of their own job."""
    problems: list[str] = []
    schema = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    if schema.returncode:
        problems.append(schema.stdout + schema.stderr)
    for file in files:
        data = yaml.safe_load(file.read_text()) or {}
        for job_name, job in (data.get("jobs") or {}).items():
            ids = {step.get("id") for step in job.get("steps") or [] if isinstance(step, dict)}
            for text in EXPRESSION.findall(yaml.safe_dump(job)):
                for word in re.findall(r"(?<![\w.'-])([A-Za-z_][\w-]*)((?:\.[\w-]+)*)", re.sub(r"'[^']*'", "", text)):
                    root, rest = word
                    if root not in CONTEXTS | FUNCTIONS:
                        problems.append(f"{file.name}: job {job_name}: unknown context {root!r} in ${{{{{text}}}}}")
                    elif root == "steps" and rest.split(".")[1:2] and rest.split(".")[1] not in ids:
                        problems.append(f"{file.name}: job {job_name}: no step with id {rest.split('.')[1]!r}")
            for i, step in enumerate(job.get("steps") or []):
                if isinstance(step, dict) and "run" in step:
                    script = EXPRESSION.sub("placeholder", step["run"])
                    check = subprocess.run(
                        [str(BIN / "shellcheck"), "--shell=bash", "-"],
                        input=script,
                        capture_output=True,
                        text=True,
                        timeout=60,
                    )
                    if check.returncode:
                        problems.append(f"{file.name}: job {job_name} step {i}: shellcheck\n{check.stdout}")
    return subprocess.CompletedProcess(["lint"], 1 if problems else 0, "\n".join(problems), "")


def load(name: str) -> dict[Any, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text())
    assert isinstance(data, dict)
    return data


def steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return list(job["steps"])


def test_every_workflow_passes_the_linters() -> None:
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert [f.name for f in files] == ["ci.yml", "publish.yml", "regenerate.yml"]
    result = lint(*files)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("snippet", "complaint"),
    [
        ('steps:\n      - run: echo "${{ stepz.x }}"\n', "unknown context 'stepz'"),
        ('steps:\n      - run: echo "${{ steps.nope.outputs.x }}"\n', "no step with id 'nope'"),
        ("steps:\n      - run: echo $UNQUOTED_VAR $1\n", "shellcheck"),
        ("stepz:\n      - run: echo hi\n", "Additional properties are not allowed ('stepz'"),
    ],
)
def test_linters_reject_broken_workflows(tmp_path: Path, snippet: str, complaint: str) -> None:
    """The linter really runs: a broken workflow fails it."""
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    " + snippet)
    result = lint(bad)
    assert result.returncode == 1 and complaint in result.stdout, result.stdout


def test_regenerate_runs_on_schedule_and_opens_a_labelled_pull_request() -> None:
    wf = load("regenerate.yml")
    on = wf[True]  # YAML 1.1 reads the key `on` as a boolean
    assert "schedule" in on and "workflow_dispatch" in on
    assert wf["permissions"] == {"contents": "write", "pull-requests": "write"}
    job = wf["jobs"]["regenerate"]
    scripts = "\n".join(s.get("run", "") for s in steps(job))
    for command in (
        "generator check-update",
        "--against-lock --fail-on-breaking",
        "generator update-lock",
        "generator add-release",
        "make typecheck",
        "make test",
        "make contract",
        "make check",
    ):
        assert command in scripts, command
    # New releases found by check-update become package lines; the body lists repairs and warnings.
    assert "': NEW release'" in scripts and "^(repaired|not needed|warning|    at )" in scripts
    [pr] = [s for s in steps(job) if str(s.get("uses", "")).startswith("peter-evans/create-pull-request@")]
    assert pr["uses"].split("@")[1].startswith("v")  # a pinned major, not a branch
    assert "'breaking'" in pr["with"]["labels"] and "steps.diff.outputs.breaking" in pr["with"]["labels"]
    assert pr["with"]["body-path"] == "pr-body.trimmed.md"
    for path in ("spec/lock.yaml", "spec/changelog/*.md", "spec/restored-schemas.yaml", "tests/snapshots/*.txt"):
        assert path in pr["with"]["add-paths"], path


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


def test_ci_runs_the_package_tests_on_every_supported_python() -> None:
    """The generated package says requires-python >=3.10: CI's matrix runs `make test-pythons` on
    each supported version, the same list as the Makefile's default."""
    job = load("ci.yml")["jobs"]["pythons"]
    versions = job["strategy"]["matrix"]["python"]
    assert versions == ["3.10", "3.11", "3.12", "3.13"]
    assert 'requires-python = ">=3.10"' in (GENERATED / "pyproject.toml").read_text()
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^PYTHONS \?= (.*)$", makefile, re.M).group(1).split() == versions  # type: ignore[union-attr]
    [setup] = [s for s in steps(job) if str(s.get("uses", "")).startswith("actions/setup-python@")]
    assert setup["with"]["python-version"].split() == ["${{", "matrix.python", "}}", "3.11"]
    assert any('make test-pythons PYTHONS="${{ matrix.python }}"' in s.get("run", "") for s in steps(job))
