"""Where the generator reads and writes, relative to the repository root: the one place that
knows the layout of the checkout."""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "spec"  # our data: the lock, naming, pagination, restored schemas, changelogs
LOCK = SPEC / "lock.yaml"
CHANGELOGS = SPEC / "changelog"
OVERRIDES = SPEC / "overrides"
TEMPLATES = ROOT / "templates"
GENERATED = ROOT / "generated"
SNAPSHOTS = ROOT / "tests" / "snapshots"
CACHE = ROOT / ".cache"
# Never part of a tree's content: caches of the tools that run on it.
SKIPPED_DIRS = {"__pycache__", ".mypy_cache", ".pytest_cache"}


def tree_sha256(root: Path, leave_out: Collection[str] = ()) -> str:
    """sha256 over the sorted relative paths and bytes of the files under `root`, caches and the
    relative paths in `leave_out` left out."""
    digest = hashlib.sha256()
    files = sorted(
        p
        for p in root.rglob("*")
        if p.is_file()
        and not SKIPPED_DIRS & set(p.relative_to(root).parts)
        and p.relative_to(root).as_posix() not in leave_out
    )
    for path in files:
        rel = path.relative_to(root).as_posix().encode()
        data = path.read_bytes()
        digest.update(b"%d:%s\0%d:" % (len(rel), rel, len(data)))
        digest.update(data)
    return digest.hexdigest()
