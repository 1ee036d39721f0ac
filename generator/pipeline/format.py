"""Stage 6: black on every rendered Python file.

black is the slowest stage, so results are cached by the hash of the unformatted
source: regenerating an unchanged file costs a file read.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

import black
from black.mode import Mode, TargetVersion
from black.parsing import InvalidInput

from .. import paths
from ..errors import GeneratorError

MODE = Mode(target_versions={TargetVersion.PY310})
CACHE_DIR = paths.CACHE / "format"


def format_files(paths: list[Path], cache_dir: Path = CACHE_DIR) -> None:
    key = hashlib.sha256(f"{importlib.metadata.version('black')}|{MODE}".encode())
    pending: list[tuple[Path, str, Path]] = []
    for path in sorted(paths):
        source = path.read_text()
        digest = key.copy()
        digest.update(path.suffix.encode() + source.encode())
        cached = cache_dir / f"{digest.hexdigest()}.py"
        if cached.is_file():
            path.write_text(cached.read_text())
        else:
            pending.append((path, source, cached))
    if not pending:
        return
    pending.sort(key=lambda item: -len(item[1]))  # biggest first: balances the workers
    sources = [(source, path.suffix == ".pyi") for path, source, _ in pending]
    workers = min(len(pending), os.cpu_count() or 1)
    if workers > 1 and sum(len(source) for source, _ in sources) > 200_000:
        with ProcessPoolExecutor(workers) as pool:
            results = list(pool.map(_format, sources, chunksize=1))
    else:
        results = [_format(item) for item in sources]
    cache_dir.mkdir(parents=True, exist_ok=True)
    for (path, _, cached), (formatted, error) in zip(pending, results):
        if error:  # a template produced invalid Python: a generator bug, not bad input
            raise GeneratorError(f"generated code does not parse: {error}", where=str(path))
        path.write_text(formatted)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(formatted)
        tmp.replace(cached)


def _format(item: tuple[str, bool]) -> tuple[str, str]:
    source, stub = item
    try:
        return black.format_str(source, mode=replace(MODE, is_pyi=stub)), ""
    except InvalidInput as exc:
        return "", str(exc)
