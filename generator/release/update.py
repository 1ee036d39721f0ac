"""Follow upstream: check-update, update-lock and the drift check (`make check`).

The serial of a package line (`<api>.<serial>`) is recorded in spec/lock.yaml next to
`output_sha256`, the hash of the tree the generator builds from the pinned description.
update-lock bumps the serial exactly when that hash changes (a new description, or a
generator change that alters the output); docs/versioning.md explains the rules.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

import httpx

from . import changelog, diff

from ..pipeline import fetch, validate

from .. import lock, paths, pipeline
from ..errors import GeneratorError

RAW_BASE = "https://raw.githubusercontent.com/intercom/Intercom-OpenAPI"
API_BASE = "https://api.github.com/repos/intercom/Intercom-OpenAPI"
REF_ENV = "INTERCOM_SPEC_REF"
DEFAULT_REF = "main"
# Files left out of output_sha256: the changelog is written from the lock, not from the description.
UNHASHED = {"CHANGELOG.md"}
SHA_RE = re.compile(r"^[0-9a-f]{40}$")


@dataclass(frozen=True)
class Status:
    api_version: str
    pinned: str  # sha256 in the lock
    newest: str  # sha256 of the newest revision
    source: str

    @property
    def changed(self) -> bool:
        return self.pinned != self.newest

    def line(self) -> str:
        if not self.changed:
            return f"{self.api_version}: unchanged (sha256 {self.pinned[:12]})"
        return f"{self.api_version}: CHANGED sha256 {self.pinned[:12]} -> {self.newest[:12]} at {self.source}"


@dataclass(frozen=True)
class Update:
    before: lock.Entry
    after: lock.Entry
    report: diff.Report | None  # None when the description did not change
    note: str = ""

    @property
    def bumped(self) -> bool:
        return self.after.serial != self.before.serial


def ref_from_env(ref: str | None) -> str:
    return ref or os.environ.get(REF_ENV) or DEFAULT_REF


def newest_source(entry: lock.Entry, mirror: str | None, ref: str | None = None) -> str:
    """Where the newest revision lives: the branch head upstream, or the same path in the mirror."""
    if mirror:
        return fetch.source_for(entry, mirror)
    return f"{RAW_BASE}/{ref_from_env(ref)}/{entry.path}"


def check_updates(
    versions: list[str] | None = None,
    *,
    mirror: str | None = None,
    ref: str | None = None,
    lock_path: Path | None = None,
) -> list[Status]:
    lock_path = lock_path or lock.PATH
    entries = lock.read(lock_path)
    out = []
    for version in versions or list(entries):
        entry = _entry(entries, version, lock_path)
        source = newest_source(entry, fetch.choose_mirror(mirror), ref)
        out.append(Status(version, entry.sha256, fetch.sha256(fetch.read_source(source)), source))
    return out


def resolve_commit(ref: str, api_base: str = API_BASE) -> str:
    """The commit a branch points at (GitHub answers with the bare sha for this media type)."""
    url = f"{api_base}/commits/{ref}"
    try:
        response = httpx.get(url, headers={"Accept": "application/vnd.github.sha"}, timeout=fetch.TIMEOUT)
    except httpx.HTTPError as exc:
        raise GeneratorError(f"cannot resolve {ref!r} to a commit: {exc}", where=url) from exc
    sha = response.text.strip()
    if response.status_code != 200 or not SHA_RE.match(sha):
        raise GeneratorError(f"cannot resolve {ref!r} to a commit: HTTP {response.status_code}", where=url)
    return sha


def update_lock(
    api_version: str,
    *,
    mirror: str | None = None,
    ref: str | None = None,
    commit: str | None = None,
    pinned_only: bool = False,
    lock_path: Path | None = None,
    cache_dir: Path | None = None,
    changelog_dir: Path | None = None,
    today: datetime.date | None = None,
    note: str = "",
) -> Update:
    """Move one lock entry to the newest description (or, with pinned_only, re-hash the output)."""
    lock_path, cache_dir = lock_path or lock.PATH, cache_dir or fetch.CACHE_DIR
    changelog_dir = changelog_dir or changelog.CHANGELOG_DIR
    entries = lock.read(lock_path)
    before = _entry(entries, api_version, lock_path)
    mirror = fetch.choose_mirror(mirror)
    explanation, note = note, ""
    if pinned_only:
        new_path, after = fetch.fetch(before, mirror=mirror, cache_dir=cache_dir), before
    else:
        content = fetch.read_source(newest_source(before, mirror, ref))
        validate.load_yaml(
            content, newest_source(before, mirror, ref)
        )  # refuse a non-description before touching anything
        new_sha = fetch.sha256(content)
        if new_sha == before.sha256:
            after = before
        else:
            if commit is None and not mirror:
                commit = resolve_commit(ref_from_env(ref))
            if commit is None:
                commit = ref_from_env(ref)
                note = f"commit unknown (read from a mirror): url follows {commit!r}; pass --commit to pin it"
            after = replace(before, commit=commit, url=f"{RAW_BASE}/{commit}/{before.path}", sha256=new_sha)
        new_path = _cache(content, cache_dir)
    output = output_sha256(new_path, api_version)
    # A first recording keeps the serial unless the description moved too.
    changed = output != before.output_sha256 if before.output_sha256 else after.sha256 != before.sha256
    after = replace(after, output_sha256=output, serial=before.serial + 1 if changed else before.serial)
    report = None
    if after.sha256 != before.sha256:
        report = _report(before, new_path, mirror, cache_dir)
    if changed:
        section = _section(before, after, report, today or datetime.date.today(), explanation)
        changelog.add_section(api_version, section, changelog_dir)
    entries[api_version] = after
    lock.write(entries, lock_path)
    return Update(before, after, report, note)


def _report(before: lock.Entry, new_path: Path, mirror: str | None, cache_dir: Path) -> diff.Report | None:
    try:
        old_path = fetch.fetch(before, mirror=mirror, cache_dir=cache_dir)
    except GeneratorError:
        return None  # the pinned file is gone from the mirror and the cache: nothing to diff against
    return diff.diff_docs(
        diff.load(old_path),
        diff.load(new_path),
        old_label=before.commit[:7],
        new_label=f"sha256 {fetch.sha256(new_path.read_bytes())[:12]}",
    )


def _section(
    before: lock.Entry, after: lock.Entry, report: diff.Report | None, today: datetime.date, explanation: str = ""
) -> str:
    title = f"## {after.package_version} ({today.isoformat()})"
    if explanation:
        title += f"\n\n{explanation.strip()}"
    if after.sha256 == before.sha256:
        return f"{title}\n\nRegenerated from the same description ({after.commit[:7]}): generator changes only.\n"
    if report is None:
        return f"{title}\n\nDescription {before.sha256[:12]} → {after.sha256[:12]} ({after.commit}); the previous file was not available to diff.\n"
    body = report.markdown(title=f"Description {before.commit[:7]} → {after.commit[:7]}", level=3)
    return f"{title}\n\n{body}"


def _cache(content: bytes, cache_dir: Path) -> Path:
    cache_dir.mkdir(parents=True, exist_ok=True)
    path = cache_dir / f"{fetch.sha256(content)}.yaml"
    if not path.is_file():
        tmp = path.with_suffix(".part")
        tmp.write_bytes(content)
        tmp.replace(path)
    return path


def _entry(entries: dict[str, lock.Entry], version: str, lock_path: Path) -> lock.Entry:
    if version not in entries:
        raise GeneratorError(
            f"API version {version!r} is not in the lock (known: {', '.join(entries)})", where=str(lock_path)
        )
    return entries[version]


# ---------------------------------------------------------------- output hash and drift check


def output_sha256(spec_path: Path, api_version: str) -> str:
    """Hash of the package generated from spec_path, built with the fixed version `<api>.0`.

    Building with a fixed version keeps the serial out of its own input, so a bump does not
    change the hash that decided it.
    """
    scratch = Path(tempfile.mkdtemp(prefix="intercom-output-"))
    try:
        source = pipeline.Source(spec_path, str(spec_path), api_version, f"{api_version}.0")
        pipeline.generate(source, scratch / "out")
        return paths.tree_sha256(scratch / "out", leave_out=UNHASHED)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def check(
    api_version: str, *, mirror: str | None = None, lock_path: Path | None = None, cache_dir: Path | None = None
) -> list[str]:
    """Problems with one lock entry: not reproducible, or output that drifted from the recorded hash."""
    lock_path, cache_dir = lock_path or lock.PATH, cache_dir or fetch.CACHE_DIR
    entry = _entry(lock.read(lock_path), api_version, lock_path)
    problems = []
    if not SHA_RE.match(entry.commit):
        problems.append(f"{api_version}: pinned to {entry.commit!r}, not a commit; run update-lock --commit SHA")
    if entry.url != f"{RAW_BASE}/{entry.commit}/{entry.path}":
        problems.append(f"{api_version}: url {entry.url} does not match commit and path")
    try:
        path = fetch.fetch(entry, mirror=fetch.choose_mirror(mirror), cache_dir=cache_dir)
    except GeneratorError as exc:
        return problems + [f"{api_version}: {exc}"]
    actual = output_sha256(path, api_version)
    if entry.output_sha256 is None:
        problems.append(
            f"{api_version}: no output_sha256 recorded; run `python -m generator update-lock --pinned --api-version {api_version}`"
        )
    elif actual != entry.output_sha256:
        problems.append(
            f"{api_version}: the generated output drifted (lock output_sha256 {entry.output_sha256[:12]}, fresh {actual[:12]}); "
            f"run `python -m generator update-lock --pinned --api-version {api_version}` to record it and bump the serial"
        )
    return problems
