"""spec/lock.yaml: the pinned description of each API release, read and written here only.

Each entry pins an upstream commit, the file's path and URL, its sha256, the package serial
(`<api>.<serial>`) and the sha256 of the generated output (`make check` verifies it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import paths
from .errors import GeneratorError

PATH = paths.LOCK
DEFAULT_HEADER = """\
# Pinned Intercom OpenAPI descriptions, one entry per API release.
# `python -m generator generate` downloads `url` (or the same `path` from INTERCOM_SPEC_MIRROR)
# and refuses a file whose sha256 differs. `serial` is the last part of the package version
# (<api-version>.<serial>); it is bumped when a regeneration changes the output.
# `output_sha256` is the hash of that output (docs/versioning.md); `make check` verifies it.
# Rewritten by `python -m generator update-lock`.
"""


@dataclass(frozen=True)
class Entry:
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


def read(path: Path | None = None) -> dict[str, Entry]:
    path = path or PATH
    try:
        data = yaml.safe_load(path.read_text())
        return {str(version): Entry(api_version=str(version), **fields) for version, fields in data["versions"].items()}
    except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
        raise GeneratorError(f"cannot read the lock file: {exc}", where=str(path)) from exc


def entry(api_version: str, path: Path | None = None) -> Entry:
    path = path or PATH
    entries = read(path)
    if api_version not in entries:
        known = ", ".join(entries)
        raise GeneratorError(f"API version {api_version!r} is not in the lock (known: {known})", where=str(path))
    return entries[api_version]


def write(entries: dict[str, Entry], path: Path | None = None) -> None:
    """Rewrite the lock, keeping its leading comment block."""
    path = path or PATH
    header = DEFAULT_HEADER
    if path.is_file():
        lines = path.read_text().splitlines(keepends=True)
        kept = "".join(line for line in _leading_comments(lines))
        header = kept or DEFAULT_HEADER
    out = [header, "versions:\n"]
    for version, e in entries.items():
        out.append(f'  "{version}":\n')
        fields = {"commit": e.commit, "path": e.path, "url": e.url, "sha256": e.sha256, "serial": e.serial}
        if e.output_sha256:
            fields["output_sha256"] = e.output_sha256
        for key, value in fields.items():
            out.append(f"    {key}: {_scalar(value)}\n")
    text = "".join(out)
    tmp = path.with_suffix(".part")
    tmp.write_text(text)
    if read(tmp) != entries:  # the round trip must give back what we meant to write
        tmp.unlink()
        raise GeneratorError("the rewritten lock does not read back the same; left unchanged", where=str(path))
    tmp.replace(path)


def _leading_comments(lines: list[str]) -> list[str]:
    kept = []
    for line in lines:
        if not line.startswith("#"):
            break
        kept.append(line)
    return kept


def _scalar(value: object) -> str:
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._/:+-]*", text) and not re.fullmatch(
        r"[0-9.eE+-]+|true|false|null|yes|no|on|off", text, re.I
    ):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
