"""Stage 1: get the pinned OpenAPI description, verify its sha256, cache it.

The lock (`spec/lock.yaml`, generator/lock.py) pins each API version to an upstream URL and a hash.
`INTERCOM_SPEC_MIRROR` (or `--mirror`) replaces the upstream base with a folder laid
out like the upstream repository or with an `http://` base URL serving it.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import httpx
from .. import paths
from .. import lock
from ..errors import GeneratorError

CACHE_DIR = paths.CACHE / "specs"
MIRROR_ENV = "INTERCOM_SPEC_MIRROR"
# Module settings, so that tests (tests/generator/test_fetch_faults.py) can make them small.
ATTEMPTS = 3
TIMEOUT = httpx.Timeout(30.0, connect=5.0)  # per connect / read: a stalled server fails here
DEADLINE = 300.0  # seconds for one whole response: a server dripping bytes never trips TIMEOUT
BACKOFF = 0.2  # seconds before the 2nd attempt, doubling after
MAX_BYTES = 20_000_000  # the descriptions are under 1 MB


def choose_mirror(given: str | None) -> str | None:
    """The mirror to read from: the one given, else $INTERCOM_SPEC_MIRROR, else none (upstream)."""
    return given if given is not None else os.environ.get(MIRROR_ENV) or None


def source_for(entry: lock.Entry, mirror: str | None) -> str:
    """Where to read the file from: the pinned URL, or the same path under the mirror."""
    if not mirror:
        return entry.url
    if mirror.startswith(("http://", "https://")):
        return mirror.rstrip("/") + "/" + entry.path
    return str(Path(mirror) / entry.path)


def download(url: str) -> bytes:
    """GET with bounded retries on transport errors and 5xx; other statuses fail at once."""
    last = ""
    for attempt in range(ATTEMPTS):
        try:
            status, content = _get(url)
        except httpx.InvalidURL as exc:
            raise GeneratorError(f"invalid download URL: {exc}", where=url) from exc
        except httpx.HTTPError as exc:
            last = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        else:
            if status < 500:
                break
            last = f"server answered {status}"
        if attempt + 1 < ATTEMPTS:
            time.sleep(BACKOFF * 2**attempt)
    else:
        raise GeneratorError(f"download failed after {ATTEMPTS} attempts: {last}", where=url)
    if status != 200:
        raise GeneratorError(f"download failed: HTTP {status}", where=url)
    return content


def _get(url: str) -> tuple[int, bytes]:
    """One attempt: the status, and the body of a 200 (bounded in size and total time)."""
    started = time.monotonic()
    with httpx.stream("GET", url, timeout=TIMEOUT, follow_redirects=True) as response:
        if response.status_code != 200:
            return response.status_code, b""
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > MAX_BYTES:  # not retried: the same URL will send the same file
                raise GeneratorError(
                    f"download is larger than {MAX_BYTES} bytes; not an OpenAPI description?", where=url
                )
            if time.monotonic() - started > DEADLINE:
                raise httpx.ReadTimeout(f"no complete response within {DEADLINE:.0f}s", request=response.request)
            chunks.append(chunk)
        return 200, b"".join(chunks)


def read_source(source: str) -> bytes:
    if source.startswith(("http://", "https://")):
        return download(source)
    try:
        return Path(source).read_bytes()
    except OSError as exc:
        raise GeneratorError(f"cannot read the mirrored file: {exc.strerror}", where=source) from exc


def fetch(entry: lock.Entry, *, mirror: str | None = None, cache_dir: Path = CACHE_DIR) -> Path:
    """Return the path of the verified, cached description for a lock entry."""
    cached = cache_dir / f"{entry.sha256}.yaml"
    if cached.is_file() and sha256(cached.read_bytes()) == entry.sha256:
        return cached
    source = source_for(entry, choose_mirror(mirror))
    content = read_source(source)
    actual = sha256(content)
    if actual != entry.sha256:
        html = " (an HTML page, not the description)" if content.lstrip()[:1] == b"<" else ""
        raise GeneratorError(
            f"sha256 mismatch for API {entry.api_version}: the lock expects {entry.sha256}, "
            f"the downloaded file has {actual}{html}; the cache and the previous output are left as they were",
            where=source,
        )
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = cached.with_suffix(".part")
    tmp.write_bytes(content)
    tmp.replace(cached)
    return cached


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()
