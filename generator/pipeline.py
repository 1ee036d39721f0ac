"""The whole pipeline: fetch -> validate -> normalize -> models -> render -> format.

Output is built in a temporary folder beside the target and swapped in only when
every stage succeeded, so a failed run leaves the previous output untouched.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import fetch, format, ir, models, normalize, render, validate
from .errors import GeneratorError

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ROOT / "generated"


@dataclass(frozen=True)
class Source:
    path: Path  # the description on disk
    where: str  # how to name it in messages
    api_version: str | None  # from the lock; None means "take info.version"
    package_version: str | None


def from_lock(api_version: str, mirror: str | None = None) -> Source:
    entry = fetch.lock_entry(api_version)
    path = fetch.fetch(entry, mirror=mirror)
    return Source(path, entry.url, entry.api_version, entry.package_version)


def from_file(path: Path) -> Source:
    return Source(path, str(path), None, None)


def build_api(source: Source) -> ir.Api:
    try:
        content = source.path.read_bytes()
    except OSError as exc:
        raise GeneratorError(f"cannot read the description: {exc.strerror}", where=str(source.path)) from exc
    doc = validate.load_yaml(content, source.where)
    api_version = source.api_version or str(doc.get("info", {}).get("version", ""))
    if not api_version:
        raise GeneratorError("the description has no info.version", where="#/info/version")
    repairs = validate.load_repairs(api_version)
    doc = validate.apply_repairs(doc, repairs)
    validate.validate(doc, source.where)
    return normalize.normalize(
        doc,
        package_version=source.package_version or f"{api_version}.0",
        repairs=[r.reason for r in repairs],
    )


def generate(source: Source, out: Path | None = None) -> ir.Api:
    api = build_api(source)
    out = out or GENERATED / f"intercom-{api.api_version}"
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        render.render(api, models.render_models(api), tmp)
        format.format_tree(tmp)
        _swap(tmp, out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return api


def _swap(new: Path, out: Path) -> None:
    old = out.with_name(f".{out.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    new.rename(out)
    shutil.rmtree(old, ignore_errors=True)
