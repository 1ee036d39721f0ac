"""check-update, update-lock and the drift check, against a loopback HTTP mirror."""

from __future__ import annotations

import datetime
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from generator.release import changelog, update

from generator.pipeline import fetch

from generator import lock, paths
from generator.__main__ import main
from generator.errors import GeneratorError

from tests import loopback

from tests.conftest import MIRROR, ROOT

CURRENT = Path(MIRROR) / "descriptions" / "2.9" / "api.intercom.io.yaml"
SPEC_PATH = "descriptions/2.9/api.intercom.io.yaml"
COMMIT = "1f" * 20


def github_api(request: loopback.Request) -> loopback.Response | None:
    """GitHub's commit lookup; anything else is a file of the served folder."""
    if request.path == "/repos/intercom/Intercom-OpenAPI/commits/main" and not request.raw_query:
        return loopback.Response(200, COMMIT.encode())
    return None


@pytest.fixture()
def upstream(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """(base URL, served folder) of a loopback mirror holding the current 2.9 description."""
    folder = tmp_path / "upstream"
    (folder / SPEC_PATH).parent.mkdir(parents=True)
    shutil.copyfile(CURRENT, folder / SPEC_PATH)
    with loopback.serve_folder(folder, github_api) as server:
        yield server.url, folder


@pytest.fixture()
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """A private lock, cache and changelog folder; the defaults point at them too."""
    lock_file = tmp_path / "lock.yaml"
    shutil.copyfile(ROOT / "spec" / "lock.yaml", lock_file)
    cache = tmp_path / "cache"
    fetch.fetch(lock.entry("2.9", lock_file), mirror=MIRROR, cache_dir=cache)  # the pinned file, to diff against
    notes = tmp_path / "changelog"
    monkeypatch.setattr(lock, "PATH", lock_file)
    monkeypatch.setattr(fetch, "CACHE_DIR", cache)
    monkeypatch.setattr(changelog, "CHANGELOG_DIR", notes)
    return {"lock": lock_file, "cache": cache, "changelog": notes}


def _edit_upstream(folder: Path) -> None:
    """An upstream revision with one non-breaking and one breaking change."""
    doc = yaml.load((folder / SPEC_PATH).read_bytes(), Loader=yaml.CSafeLoader)
    doc["components"]["schemas"]["contact"]["properties"]["nickname"] = {"type": "string", "nullable": True}
    del doc["paths"]["/visitors/convert"]
    (folder / SPEC_PATH).write_text(yaml.dump(doc, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True))


def test_check_update_unchanged(
    upstream: tuple[str, Path], workspace: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    url, _ = upstream
    [status] = update.check_updates(["2.9"], mirror=url, lock_path=workspace["lock"])
    assert not status.changed and status.source == f"{url}/{SPEC_PATH}"
    assert main(["check-update", "--api-version", "2.9", "--mirror", url]) == 0
    assert capsys.readouterr().out == f"2.9: unchanged (sha256 {status.pinned[:12]})\n"


def test_check_update_changed(
    upstream: tuple[str, Path], workspace: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    url, folder = upstream
    _edit_upstream(folder)
    new_sha = fetch.sha256((folder / SPEC_PATH).read_bytes())
    assert main(["check-update", "--api-version", "2.9", "--mirror", url]) == 10
    assert capsys.readouterr().out == f"2.9: CHANGED sha256 f879783494d9 -> {new_sha[:12]} at {url}/{SPEC_PATH}\n"
    # a version the mirror does not serve is an error naming the URL, never "unchanged"
    assert main(["check-update", "--api-version", "2.12", "--mirror", url]) == 1
    assert f"HTTP 404 (at {url}/descriptions/2.12/api.intercom.io.yaml)" in capsys.readouterr().err


def test_upstream_url_follows_the_ref() -> None:
    entry = lock.entry("2.9")
    assert update.newest_source(entry, None, "develop") == (
        "https://raw.githubusercontent.com/intercom/Intercom-OpenAPI/develop/descriptions/2.9/api.intercom.io.yaml"
    )
    assert update.newest_source(entry, "/m", None) == "/m/descriptions/2.9/api.intercom.io.yaml"


def test_resolve_commit(upstream: tuple[str, Path]) -> None:
    url, _ = upstream
    assert update.resolve_commit("main", api_base=f"{url}/repos/intercom/Intercom-OpenAPI") == COMMIT
    with pytest.raises(GeneratorError, match="cannot resolve 'nope'.*HTTP 404"):
        update.resolve_commit("nope", api_base=f"{url}/repos/intercom/Intercom-OpenAPI")


def test_update_lock_moves_the_entry_bumps_the_serial_and_writes_the_changelog(
    upstream: tuple[str, Path], workspace: dict[str, Path]
) -> None:
    url, folder = upstream
    header = workspace["lock"].read_text().split("versions:")[0]
    before = lock.read(workspace["lock"])
    before["2.9"] = replace(before["2.9"], output_sha256=None)
    lock.write(before, workspace["lock"])
    update.update_lock("2.9", mirror=url, pinned_only=True)  # a first recording keeps the serial
    recorded = lock.entry("2.9", workspace["lock"])
    assert recorded.serial == before["2.9"].serial and recorded.output_sha256

    _edit_upstream(folder)
    result = update.update_lock("2.9", mirror=url, today=datetime.date(2025, 1, 2))
    after = lock.read(workspace["lock"])
    new_sha = fetch.sha256((folder / SPEC_PATH).read_bytes())
    assert after["2.9"].sha256 == new_sha and result.bumped
    assert after["2.9"].serial == recorded.serial + 1
    assert after["2.9"].package_version == f"2.9.{recorded.serial + 1}"
    assert after["2.9"].output_sha256 not in (None, recorded.output_sha256)
    # no commit is known from a mirror: the url follows the branch, said loudly, and `check` refuses it
    assert after["2.9"].commit == "main" and "pass --commit" in result.note
    assert {v: e for v, e in after.items() if v != "2.9"} == {v: e for v, e in before.items() if v != "2.9"}
    assert workspace["lock"].read_text().startswith(header)

    assert result.report is not None and result.report.bump == "breaking"
    text = changelog.changelog_markdown("2.9", workspace["changelog"])
    assert text.startswith("# Changelog: intercom-sdk 2.9.x")
    assert f"## 2.9.{recorded.serial + 1} (2025-01-02)" in text
    assert "- `POST /visitors/convert`: operation removed" in text
    assert "- `schema contact`: optional property `nickname` added" in text

    # Nothing new upstream: the entry and the changelog stay as they are.
    again = update.update_lock("2.9", mirror=url)
    assert not again.bumped and again.report is None
    assert changelog.changelog_markdown("2.9", workspace["changelog"]) == text
    problems = update.check("2.9", mirror=url)
    assert problems == ["2.9: pinned to 'main', not a commit; run update-lock --commit SHA"]


def test_update_lock_cli_with_commit(
    upstream: tuple[str, Path], workspace: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    url, folder = upstream
    _edit_upstream(folder)
    assert main(["update-lock", "--api-version", "2.9", "--mirror", url, "--commit", COMMIT]) == 0
    serial = lock.read(ROOT / "spec" / "lock.yaml")["2.9"].serial
    assert f"serial bumped {serial} -> {serial + 1} [breaking]" in capsys.readouterr().out
    entry = lock.entry("2.9", workspace["lock"])
    assert entry.url == f"https://raw.githubusercontent.com/intercom/Intercom-OpenAPI/{COMMIT}/{SPEC_PATH}"
    assert update.check("2.9", mirror=url) == []  # reproducible and the recorded output matches


def test_drift_check(workspace: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    update.update_lock("2.9", mirror=MIRROR, pinned_only=True)
    assert main(["check", "--api-version", "2.9", "--mirror", MIRROR]) == 0
    entries = lock.read(workspace["lock"])
    entries["2.9"] = replace(entries["2.9"], output_sha256="0" * 64)
    lock.write(entries, workspace["lock"])
    assert main(["check", "--api-version", "2.9", "--mirror", MIRROR]) == 1
    err = capsys.readouterr().err
    assert "2.9: the generated output drifted (lock output_sha256 000000000000" in err
    entries["2.9"] = replace(entries["2.9"], output_sha256=None)
    lock.write(entries, workspace["lock"])
    assert any("no output_sha256 recorded" in p for p in update.check("2.9", mirror=MIRROR))


def test_tree_sha256(tmp_path: Path) -> None:
    (tmp_path / "src" / "__pycache__").mkdir(parents=True)
    (tmp_path / "src" / "a.py").write_text("a = 1\n")

    def tree_sha256(root: Path) -> str:  # as output_sha256 hashes a generated package
        return paths.tree_sha256(root, leave_out=update.UNHASHED)

    first = tree_sha256(tmp_path)
    (tmp_path / "src" / "__pycache__" / "a.pyc").write_bytes(b"x")
    (tmp_path / "CHANGELOG.md").write_text("# anything\n")
    assert tree_sha256(tmp_path) == first
    assert paths.tree_sha256(tmp_path) != first, "the changelog counts unless left out"
    (tmp_path / "src" / "a.py").write_text("a = 2\n")
    assert tree_sha256(tmp_path) != first
    (tmp_path / "src" / "a.py").write_text("a = 1\n")
    (tmp_path / "src" / "a.py").rename(tmp_path / "src" / "b.py")
    assert tree_sha256(tmp_path) != first


def test_write_lock_round_trips_awkward_values(tmp_path: Path) -> None:
    path = tmp_path / "lock.yaml"
    path.write_text("# my header\n# second line\nversions: {}\n")
    entry = lock.Entry(
        "2.9", "1234567" + "0" * 33, "descriptions/2.9/a b.yaml", "https://x/y", "1e5" + "0" * 61, 3, None
    )
    lock.write({"2.9": entry}, path)
    assert path.read_text().startswith("# my header\n# second line\nversions:\n")
    assert lock.read(path) == {"2.9": entry}


def test_changelog_sections_are_newest_first(tmp_path: Path) -> None:
    assert "## 2.12.0" in changelog.changelog_markdown("2.12", tmp_path)
    changelog.add_section("2.12", "## 2.12.1 (2025-01-01)\n\nfirst\n", tmp_path)
    changelog.add_section("2.12", "## 2.12.2 (2025-02-01)\n\nsecond\n", tmp_path)
    text = changelog.changelog_markdown("2.12", tmp_path)
    assert text.startswith(changelog.header("2.12"))
    assert text.index("## 2.12.2") < text.index("## 2.12.1")


def test_seeded_changelog_for_2_9() -> None:
    text = changelog.changelog_markdown("2.9")
    pairs = ["62108ba → 604027d", "604027d → 184e88b", "184e88b → 4583350", "4583350 → 8889625"]
    positions = [text.index(f"### Upstream {pair}") for pair in pairs]
    assert positions == sorted(positions)
    assert "- `DELETE /visitors/{id}`: operation removed (operationId deleteVisitor)" in text
    last = text[positions[-1] :]
    assert "- `schema merge_contacts_request`: property `from` became required" in last
