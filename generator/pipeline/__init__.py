"""The whole pipeline: fetch -> validate -> normalize -> models -> render -> format.

Output is built in a temporary folder beside the target and swapped in only when
every stage succeeded, so a failed run leaves the previous output untouched.
A run whose inputs (description, generator code, templates, spec data, tool versions)
and output are unchanged since the last run is skipped: see `fingerprint`.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from .. import paths
from . import fetch

from .. import lock
from ..errors import GeneratorError

if TYPE_CHECKING:
    from .. import ir

ROOT = paths.ROOT
GENERATED = paths.GENERATED
STAMPS = paths.CACHE / "stamps"
# Everything besides the description that decides the output.
INPUT_DIRS = (ROOT / "generator", ROOT / "templates", ROOT / "spec")
TOOLS = ("black", "datamodel-code-generator", "jinja2", "pyyaml", "openapi-spec-validator")


@dataclass(frozen=True)
class Source:
    path: Path  # the description on disk
    where: str  # how to name it in messages
    api_version: str | None  # from the lock; None means "take info.version"
    package_version: str | None


def from_lock(api_version: str, mirror: str | None = None) -> Source:
    entry = lock.entry(api_version)
    path = fetch.fetch(entry, mirror=mirror)
    return Source(path, entry.url, entry.api_version, entry.package_version)


def from_file(path: Path) -> Source:
    return Source(path, str(path), None, None)


@dataclass(frozen=True)
class Report:
    """What a generation produced (or found already produced)."""

    out: str
    api_version: str
    package_version: str
    operations: int
    models: int
    repairs: list[str] = field(default_factory=list)  # one line per rule and per-version entry
    warnings: list[str] = field(default_factory=list)
    reused: bool = False


def build_api(source: Source) -> ir.Api:
    # Imported here so that a skipped (no-op) run does not pay for them.
    from . import normalize, repairs, validate
    from .. import versions

    try:
        content = source.path.read_bytes()
    except OSError as exc:
        raise GeneratorError(f"cannot read the description: {exc.strerror}", where=str(source.path)) from exc
    doc = validate.load_yaml(content, source.where)
    api_version = source.api_version or str(doc.get("info", {}).get("version", "")).strip()
    if not api_version:
        raise GeneratorError("the description has no info.version", where="#/info/version")
    doc, outcomes = repairs.apply(doc, api_version)
    validate.validate(doc, source.where)
    for failed in (o for o in outcomes if o.failed):  # a valid description: the rule has a bug
        raise GeneratorError(f"repair rule {failed.name} failed on a valid description: {failed.not_needed}")
    return normalize.normalize(
        doc,
        api_version=api_version,
        package_version=source.package_version or versions.unlocked_package_version(api_version),
        repairs=[o.line() for o in outcomes],
    )


def generate(source: Source, out: Path | None = None, *, reuse: bool = True) -> Report:
    if out is None and source.api_version:
        out = GENERATED / f"intercom-{source.api_version}"
    key = fingerprint(source)
    if reuse and out is not None:
        previous = _reusable(out, key)
        if previous:
            return previous
    from .. import contract, specdata
    from . import format, models, render

    api = build_api(source)
    out = out or GENERATED / f"intercom-{api.api_version}"
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        files = {"CHANGELOG.md": specdata.changelog_markdown(api.api_version)}
        rendered = render.render(api, models.render_models(api), tmp, files=files, filters=contract.FILTERS)
        format.format_files(rendered)
        _swap(tmp, out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    report = Report(
        str(out), api.api_version, api.package_version, len(api.operations), len(api.models), api.repairs, api.warnings
    )
    _stamp(out).parent.mkdir(parents=True, exist_ok=True)
    _stamp(out).write_text(json.dumps({"inputs": key, "output": paths.tree_sha256(out), "report": asdict(report)}))
    return report


def fingerprint(source: Source) -> str:
    """Hash of everything that decides the output of `generate` for this source."""
    digest = hashlib.sha256()
    digest.update(repr((source.api_version, source.package_version)).encode())
    try:
        digest.update(source.path.read_bytes())
    except OSError:
        digest.update(b"unreadable")  # build_api will report it
    for folder in INPUT_DIRS:
        digest.update(f"{folder.relative_to(ROOT)}={paths.tree_sha256(folder)}".encode())
    for tool in TOOLS:
        digest.update(f"{tool}={metadata.version(tool)}".encode())
    return digest.hexdigest()


def _stamp(out: Path) -> Path:
    return STAMPS / (hashlib.sha256(str(out.resolve()).encode()).hexdigest() + ".json")


def _reusable(out: Path, key: str) -> Report | None:
    try:
        stamp = json.loads(_stamp(out).read_text())
    except (OSError, ValueError):
        return None
    if stamp.get("inputs") != key or not out.is_dir() or stamp.get("output") != paths.tree_sha256(out):
        return None
    return Report(**{**stamp["report"], "reused": True})


def _swap(new: Path, out: Path) -> None:
    old = out.with_name(f".{out.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    new.rename(out)
    shutil.rmtree(old, ignore_errors=True)
