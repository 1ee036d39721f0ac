"""New Intercom releases: find the ones upstream publishes, and add one as a package line.

Upstream publishes one folder per release under `descriptions/` (`2.15`, `2.16`, ...) plus the
Unstable API (`0`, spec/releases.yaml). `check-update` lists them (GitHub's contents API, a
mirror folder, or an HTTP mirror's directory listing) and reports every release the lock does
not pin; `add-release` pins one: a lock entry at serial 0, its changelog opened with the
semantic diff against the newest earlier release, its surface snapshot, and any schema it
references that upstream deleted, restored from the newest earlier release that defines it.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import yaml

from .. import paths
from . import changelog, diff, surface, update

from ..pipeline import fetch, validate

from .. import lock, openapi, pipeline, versions
from ..errors import GeneratorError

ROOT = paths.ROOT
SNAPSHOTS = paths.SNAPSHOTS
RESTORED = paths.SPEC / "restored-schemas.yaml"
FILE_NAME = "api.intercom.io.yaml"


@dataclass(frozen=True)
class Published:
    """A folder under upstream's descriptions/ that the lock does not pin."""

    folder: str
    path: str  # descriptions/<folder>/api.intercom.io.yaml

    @property
    def is_release(self) -> bool:
        return versions.is_release(self.folder)

    def line(self) -> str:
        if self.is_release:
            return f"{self.folder}: NEW release at {self.path}; add it with `python -m generator add-release {self.folder}`"
        unstable = versions.unstable()
        if self.folder == unstable.folder:
            return (
                f"{self.folder}: the Unstable API at {self.path} (info.version {unstable.info_version}, sent as "
                f"Intercom-Version: {unstable.intercom_version}); not a package line: "
                f"`python -m generator generate --spec FILE` builds it"
            )
        return f"{self.folder}: not a release folder at descriptions/{self.folder}; ignored"


def published(mirror: str | None = None, ref: str | None = None) -> list[str]:
    """The folders under descriptions/ upstream (or in the mirror) that hold a description."""
    mirror = fetch.choose_mirror(mirror)
    if mirror and not mirror.startswith(("http://", "https://")):
        folder = Path(mirror) / "descriptions"
        if not folder.is_dir():
            raise GeneratorError("the mirror has no descriptions/ folder", where=str(folder))
        return sorted(p.name for p in folder.iterdir() if (p / FILE_NAME).is_file())
    if mirror:
        url = mirror.rstrip("/") + "/descriptions/"
    else:
        url = f"{update.API_BASE}/contents/descriptions?ref={update.ref_from_env(ref)}"
    try:
        response = httpx.get(
            url, headers={"Accept": "application/vnd.github+json"}, timeout=fetch.TIMEOUT, follow_redirects=True
        )
    except httpx.HTTPError as exc:
        raise GeneratorError(f"cannot list the published releases: {type(exc).__name__}: {exc}", where=url) from exc
    if response.status_code != 200:
        raise GeneratorError(f"cannot list the published releases: HTTP {response.status_code}", where=url)
    return sorted(set(_folders(response.text)))


def _folders(listing: str) -> list[str]:
    """Folder names from GitHub's contents API (JSON) or a plain directory listing (HTML)."""
    try:
        data = json.loads(listing)
    except ValueError:
        return [name for name in re.findall(r'href="([^"/?#:]+)/"', listing) if name not in (".", "..")]
    if not isinstance(data, list):
        raise GeneratorError("the contents listing is not a list of entries")
    return [str(e["name"]) for e in data if isinstance(e, dict) and e.get("type") == "dir" and "name" in e]


def unpinned(mirror: str | None = None, ref: str | None = None, lock_path: Path | None = None) -> list[Published]:
    """Published folders the lock does not pin: new releases first (oldest first), then the rest."""
    pinned = {Path(e.path).parent.name for e in lock.read(lock_path).values()}
    found = [
        Published(name, f"descriptions/{name}/{FILE_NAME}") for name in published(mirror, ref) if name not in pinned
    ]
    return sorted(
        found, key=lambda p: (not p.is_release, versions.release_key(p.folder) if p.is_release else (), p.folder)
    )


@dataclass
class Added:
    """What add-release wrote."""

    entry: lock.Entry
    changelog: Path
    snapshot: Path
    restored: list[str] = field(default_factory=list)  # schemas added to spec/restored-schemas.yaml
    repairs: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    note: str = ""


def add_release(
    api_version: str,
    *,
    mirror: str | None = None,
    ref: str | None = None,
    commit: str | None = None,
    today: datetime.date | None = None,
) -> Added:
    """Pin a release published upstream as a new package line. The package is generated once
    before the changelog, snapshot and lock are written, so a failure changes nothing."""
    if not versions.is_release(api_version):
        raise GeneratorError(
            f"{api_version!r} is not a release name (like 2.16); the Unstable API is never a package line"
        )
    entries = lock.read()
    if api_version in entries:
        raise GeneratorError(f"API {api_version} is already in the lock", where=str(lock.PATH))
    mirror = fetch.choose_mirror(mirror)
    path = f"descriptions/{api_version}/{FILE_NAME}"
    source = (
        fetch.source_for(lock.Entry(api_version, "", path, "", "", 0), mirror)
        if mirror
        else f"{update.RAW_BASE}/{update.ref_from_env(ref)}/{path}"
    )
    content = fetch.read_source(source)
    doc = validate.load_yaml(content, source)
    stated = str((doc.get("info") or {}).get("version", ""))
    if stated != api_version:
        raise GeneratorError(
            f"the folder is {api_version} but the description says info.version {stated!r}", where="#/info/version"
        )
    note = ""
    if commit is None and not mirror:
        commit = update.resolve_commit(update.ref_from_env(ref))
    if commit is None:
        commit = update.ref_from_env(ref)
        note = f"commit unknown (read from a mirror): url follows {commit!r}; pass --commit to pin it"
    earlier = sorted(
        (v for v in entries if versions.release_key(v) < versions.release_key(api_version)), key=versions.release_key
    )
    restored = _restorable(doc, [entries[v] for v in reversed(earlier)], mirror)
    cached = update._cache(content, fetch.CACHE_DIR)
    before = RESTORED.read_text() if RESTORED.is_file() else None
    if restored:
        _write_restored(_with_restored(restored))
    try:  # generate once, with the restored schemas; on failure put the file back as it was
        output = update.output_sha256(cached, api_version)
        api = pipeline.build_api(pipeline.Source(cached, source, api_version, f"{api_version}.0"))
        section = _first_section(
            api_version, commit, doc, [entries[v] for v in earlier], mirror, today or datetime.date.today()
        )
    except BaseException:
        if restored and before is not None:
            RESTORED.write_text(before)
        elif restored:
            RESTORED.unlink()
        raise
    changelog_path = changelog.CHANGELOG_DIR / f"{api_version}.md"
    changelog_path.parent.mkdir(parents=True, exist_ok=True)
    changelog_path.write_text(changelog.header(api_version) + "\n" + section, encoding="utf-8")
    snapshot = SNAPSHOTS / f"surface-{api_version}.txt"
    snapshot.parent.mkdir(parents=True, exist_ok=True)
    snapshot.write_text(surface.text(api))
    entries[api_version] = lock.Entry(
        api_version, commit, path, f"{update.RAW_BASE}/{commit}/{path}", fetch.sha256(content), 0, output
    )
    lock.write(dict(sorted(entries.items(), key=lambda kv: versions.release_key(kv[0]))))
    return Added(entries[api_version], changelog_path, snapshot, sorted(restored), api.repairs, api.warnings, note)


def _restorable(doc: dict[str, Any], earlier: list[lock.Entry], mirror: str | None) -> dict[str, dict[str, Any]]:
    """Schemas the description references but does not define, and that spec/restored-schemas.yaml
    lacks: the definition of the newest earlier release that has one (its own references too)."""
    from ..pipeline.repairs import Data

    known = Data.load().restored_schemas
    found: dict[str, dict[str, Any]] = {}
    docs: dict[str, dict[str, Any]] = {}
    todo = _dangling(doc, known)
    while todo:
        name = todo.pop()
        for entry in earlier:
            if entry.api_version not in docs:
                docs[entry.api_version] = validate.load_yaml(fetch.fetch(entry, mirror=mirror).read_bytes(), entry.path)
            schema = ((docs[entry.api_version].get("components") or {}).get("schemas") or {}).get(name)
            if schema is not None:
                found[name] = {"from": entry.api_version, "schema": schema}
                local = {
                    "components": {"schemas": {**((doc.get("components") or {}).get("schemas") or {}), name: schema}}
                }
                todo |= _dangling(local, {**known, **found}) - set(found)
                break
    return found


def _dangling(doc: dict[str, Any], known: dict[str, Any]) -> set[str]:
    defined = (doc.get("components") or {}).get("schemas") or {}
    names = {
        openapi.split(r)[-1] for r in openapi.refs(doc) if r.startswith(openapi.SCHEMAS) and len(openapi.split(r)) == 3
    }
    return {n for n in names if n not in defined and n not in known}


def _with_restored(restored: dict[str, dict[str, Any]]) -> dict[str, Any]:
    data = yaml.safe_load(RESTORED.read_text()) if RESTORED.is_file() else {}
    data = data or {}
    data.setdefault("schemas", {}).update(restored)
    return data


def _write_restored(data: dict[str, Any]) -> None:
    header = (
        "".join(line for line in RESTORED.read_text().splitlines(keepends=True) if line.startswith("#"))
        if RESTORED.is_file()
        else ""
    )
    RESTORED.write_text(header + yaml.safe_dump(data, sort_keys=False, width=100, allow_unicode=True))


def _first_section(
    api_version: str,
    commit: str,
    doc: dict[str, Any],
    earlier: list[lock.Entry],
    mirror: str | None,
    today: datetime.date,
) -> str:
    title = f"## {api_version}.0 ({today.isoformat()})"
    intro = f"First release of this line, generated from the description at {commit}."
    if not earlier:
        return f"{title}\n\n{intro}\n"
    previous = earlier[-1]
    old = validate.load_yaml(fetch.fetch(previous, mirror=mirror).read_bytes(), previous.path)
    report = diff.diff_docs(old, doc, old_label=f"API {previous.api_version}", new_label=f"API {api_version}")
    body = report.markdown(title=f"Changes from API {previous.api_version}, as the SDK sees them", level=3)
    return f"{title}\n\n{intro}\n\n{body}"
