"""Stage 1: get the pinned OpenAPI description, verify its sha256, cache it.

The lock (`spec/lock.yaml`) pins each API version to an upstream URL and a hash.
`INTERCOM_SPEC_MIRROR` (or `--mirror`) replaces the upstream base with a folder laid
out like the upstream repository or with an `http://` base URL serving it.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import yaml

from .errors import GeneratorError

ROOT = Path(__file__).resolve().parent.parent
LOCK_PATH = ROOT / "spec" / "lock.yaml"
CACHE_DIR = ROOT / ".cache" / "specs"
MIRROR_ENV = "INTERCOM_SPEC_MIRROR"
ATTEMPTS = 3
TIMEOUT = httpx.Timeout(30.0, connect=5.0)


@dataclass(frozen=True)
class LockEntry:
    api_version: str
    commit: str
    path: str
    url: str
    sha256: str
    serial: int
    # sha256 of the generated tree (see generator/update.py); None until update-lock records it
    output_sha256: str | None = None

    @property
    def package_version(self) -> str:
        return f"{self.api_version}.{self.serial}"


def read_lock(path: Path = LOCK_PATH) -> dict[str, LockEntry]:
    try:
        data = yaml.safe_load(path.read_text())
        return {
            str(version): LockEntry(api_version=str(version), **fields)
            for version, fields in data["versions"].items()
        }
    except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
        raise GeneratorError(f"cannot read the lock file: {exc}", where=str(path)) from exc


def lock_entry(api_version: str, path: Path = LOCK_PATH) -> LockEntry:
    entries = read_lock(path)
    if api_version not in entries:
        known = ", ".join(entries)
        raise GeneratorError(f"API version {api_version!r} is not in the lock (known: {known})", where=str(path))
    return entries[api_version]


def source_for(entry: LockEntry, mirror: str | None) -> str:
    """Where to read the file from: the pinned URL, or the same path under the mirror."""
    if not mirror:
        return entry.url
    if mirror.startswith(("http://", "https://")):
        return mirror.rstrip("/") + "/" + entry.path
    return str(Path(mirror) / entry.path)


def download(url: str) -> bytes:
    """GET with bounded retries on transport errors and 5xx; other statuses fail at once."""
    last: Exception | None = None
    for attempt in range(ATTEMPTS):
        try:
            response = httpx.get(url, timeout=TIMEOUT, follow_redirects=True)
        except httpx.HTTPError as exc:
            last = exc
        else:
            if response.status_code < 500:
                break
            last = GeneratorError(f"server answered {response.status_code}", where=url)
        time.sleep(0.2 * 2**attempt)
    else:
        raise GeneratorError(f"download failed after {ATTEMPTS} attempts: {last}", where=url)
    if response.status_code != 200:
        raise GeneratorError(f"download failed: HTTP {response.status_code}", where=url)
    return response.content


def read_source(source: str) -> bytes:
    if source.startswith(("http://", "https://")):
        return download(source)
    try:
        return Path(source).read_bytes()
    except OSError as exc:
        raise GeneratorError(f"cannot read the mirrored file: {exc.strerror}", where=source) from exc


def fetch(entry: LockEntry, *, mirror: str | None = None, cache_dir: Path = CACHE_DIR) -> Path:
    """Return the path of the verified, cached description for a lock entry."""
    cached = cache_dir / f"{entry.sha256}.yaml"
    if cached.is_file() and sha256(cached.read_bytes()) == entry.sha256:
        return cached
    source = source_for(entry, mirror if mirror is not None else os.environ.get(MIRROR_ENV))
    content = read_source(source)
    actual = sha256(content)
    if actual != entry.sha256:
        raise GeneratorError(
            f"sha256 mismatch for API {entry.api_version}: the lock expects {entry.sha256}, "
            f"the downloaded file has {actual}; the cache and the previous output are left as they were",
            where=source,
        )
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = cached.with_suffix(".part")
    tmp.write_bytes(content)
    tmp.replace(cached)
    return cached


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()
