"""New releases: check-update finds a release the lock does not pin, add-release makes it a
package line, and that line generates, type-checks and passes its contract tests.

The new release is a temporary mirror's copy of an existing release under an unused number
(2.99, info.version and the Intercom-Version enum changed to match), beside the Unstable API
(folder 0, info.version Preview). Everything runs in a scratch copy of the project, as a
maintainer would run it in a clone, so the real spec/ is never touched."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from generator import lock

from generator.release import releases, surface, update

from tests import loopback

from tests.conftest import MIRROR, ROOT

NEW = "2.99"
COMMIT = "ab" * 20


def _described_as(source: Path, version: str, target: Path) -> None:
    doc = yaml.load(source.read_bytes(), Loader=yaml.CSafeLoader)
    doc["info"]["version"] = version
    header = doc["components"]["schemas"]["intercom_version"]
    header["enum"] = [*header["enum"], version]
    header["default"] = header["example"] = version
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(yaml.dump(doc, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True))


@pytest.fixture(scope="module")
def mirror(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real mirror's releases, plus 2.99 (a copy of 2.7) and the Unstable API (a copy of 2.15)."""
    root = tmp_path_factory.mktemp("mirror")
    for entry in lock.read().values():
        target = root / entry.path
        target.parent.mkdir(parents=True)
        target.symlink_to(Path(MIRROR) / entry.path)
    _described_as(
        Path(MIRROR) / "descriptions/2.7/api.intercom.io.yaml", NEW, root / f"descriptions/{NEW}/api.intercom.io.yaml"
    )
    unstable = yaml.load(
        (Path(MIRROR) / "descriptions/2.15/api.intercom.io.yaml").read_bytes(), Loader=yaml.CSafeLoader
    )
    unstable["info"]["version"] = "Preview"
    (root / "descriptions/0").mkdir()
    (root / "descriptions/0/api.intercom.io.yaml").write_text(
        yaml.dump(unstable, Dumper=yaml.CSafeDumper, sort_keys=False)
    )
    return root


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A scratch copy of the project (what a maintainer's clone holds)."""
    root = tmp_path_factory.mktemp("project")
    ignore = shutil.ignore_patterns("__pycache__", ".mypy_cache")
    for folder in ("generator", "templates", "spec", "tests/contract", "tests/data"):
        shutil.copytree(ROOT / folder, root / folder, ignore=ignore)
    (root / "tests" / "__init__.py").write_text("")
    (root / "node_modules").symlink_to(ROOT / "node_modules")
    return root


def run(project: Path, mirror: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "INTERCOM_SPEC_MIRROR": str(mirror), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run([sys.executable, *args], cwd=project, env=env, capture_output=True, text=True, timeout=600)


def test_check_update_names_the_new_release_and_the_unstable_api(project: Path, mirror: Path) -> None:
    result = run(project, mirror, "-m", "generator", "check-update")
    assert result.returncode == 10, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert (
        f"{NEW}: NEW release at descriptions/{NEW}/api.intercom.io.yaml; add it with `python -m generator add-release {NEW}`"
        in lines
    )
    unstable = next(line for line in lines if line.startswith("0: "))
    assert "Unstable API" in unstable and "Preview" in unstable and "not a package line" in unstable
    assert all(": unchanged" in line for line in lines if line.split(":")[0] in lock.read())


def test_check_update_is_quiet_when_the_lock_pins_every_release(tmp_path: Path) -> None:
    for entry in lock.read().values():
        (tmp_path / entry.path).parent.mkdir(parents=True)
        (tmp_path / entry.path).symlink_to(Path(MIRROR) / entry.path)
    assert releases.unpinned(str(tmp_path)) == []


def test_add_release_makes_a_package_line_that_passes_mypy_and_its_contract(project: Path, mirror: Path) -> None:
    result = run(project, mirror, "-m", "generator", "add-release", NEW, "--commit", COMMIT)
    assert result.returncode == 0, result.stderr
    assert f"{NEW}: added to spec/lock.yaml at {COMMIT}" in result.stdout
    assert "repaired [restore-deleted-schema]" in result.stdout  # 2.7's dangling custom_attributes
    entry = lock.entry(NEW, project / "spec" / "lock.yaml")
    assert (entry.serial, entry.commit, entry.package_version) == (0, COMMIT, f"{NEW}.0")
    assert entry.url == f"{update.RAW_BASE}/{COMMIT}/descriptions/{NEW}/api.intercom.io.yaml"
    assert entry.output_sha256 and len(entry.output_sha256) == 64
    assert list(lock.read(project / "spec" / "lock.yaml"))[-1] == NEW, "release order"
    notes = (project / "spec" / "changelog" / f"{NEW}.md").read_text()
    assert notes.startswith(f"# Changelog: intercom-sdk {NEW}.x")
    assert f"## {NEW}.0 (" in notes and "### Changes from API 2.15, as the SDK sees them" in notes
    assert "operation removed" in notes  # 2.7 lacks operations 2.15 has
    snapshot = surface.parse((project / "tests" / "snapshots" / f"surface-{NEW}.txt").read_text())
    assert len(snapshot) == 98 and snapshot["contacts.retrieve"].positional == ["contact_id"]

    # The drift check passes for the new line, then the package: generate, mypy --strict, Prism.
    assert run(project, mirror, "-m", "generator", "check", "--api-version", NEW).returncode == 0
    generated = run(project, mirror, "-m", "generator", "generate", "--api-version", NEW)
    assert generated.returncode == 0, generated.stderr
    assert f"(intercom-sdk {NEW}.0)" in generated.stdout
    typed = run(project, mirror, "-m", "mypy", "--strict", f"generated/intercom-{NEW}/src")
    assert typed.returncode == 0, typed.stdout[-3000:]
    contract = run(project, mirror, "-m", "tests.contract.run", "--api-version", NEW)
    assert contract.returncode == 0, contract.stdout[-3000:] + contract.stderr[-2000:]
    assert f"contract {NEW}: 98 of 98 operations passed" in contract.stdout


def test_add_release_refuses_what_is_not_a_new_release(project: Path, mirror: Path) -> None:
    for name, message in [
        ("2.15", "already in the lock"),
        ("0", "not a release name"),
        ("2.98", "cannot read the mirrored file"),
    ]:
        result = run(project, mirror, "-m", "generator", "add-release", name, "--commit", COMMIT)
        assert result.returncode == 1 and message in result.stderr, (name, result.stderr)


def test_the_unstable_api_generates_through_spec(project: Path, mirror: Path) -> None:
    result = run(
        project, mirror, "-m", "generator", "generate", "--spec", str(mirror / "descriptions/0/api.intercom.io.yaml")
    )
    assert result.returncode == 0, result.stderr
    out = project / "generated" / "intercom-Preview"
    assert "(intercom-sdk 0.0.dev0+preview)" in result.stdout
    constants = (out / "src" / "intercom_sdk" / "_constants.py").read_text()
    assert 'API_VERSION = "Unstable"' in constants
    assert 'version = "0.0.dev0+preview"' in (out / "pyproject.toml").read_text()


def contents_api(request: loopback.Request) -> loopback.Response | None:
    """GitHub's contents API; anything else is the mirror (directory listings as HTML)."""
    if request.path == "/repos/intercom/Intercom-OpenAPI/contents/descriptions" and request.raw_query.startswith(
        "ref=main"
    ):
        body = json.dumps(
            [{"name": "2.15", "type": "dir"}, {"name": "2.16", "type": "dir"}, {"name": "README.md", "type": "file"}]
        ).encode()
        return loopback.Response(200, body, {"Content-Type": "application/json"})
    return None


@pytest.fixture()
def served(mirror: Path) -> Iterator[str]:
    with loopback.serve_folder(mirror, contents_api) as server:
        yield server.url


def test_published_releases_from_a_folder_an_http_mirror_and_the_contents_api(
    mirror: Path, served: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = sorted([*(Path(e.path).parent.name for e in lock.read().values()), NEW, "0"])
    assert releases.published(str(mirror)) == expected
    assert releases.published(served) == expected
    monkeypatch.setattr(update, "API_BASE", f"{served}/repos/intercom/Intercom-OpenAPI")
    monkeypatch.delenv("INTERCOM_SPEC_MIRROR", raising=False)
    assert releases.published(None, "main") == ["2.15", "2.16"]
    assert [p.folder for p in releases.unpinned(None, "main")] == ["2.16"]
