"""Run the package-level tests of generated/intercom-2.9 on several Python versions.

    python -m tests.pythons 3.10 3.11 3.12 3.13        (make test-pythons PYTHONS="...")

The generated package promises Python 3.10+. For each version: find the interpreter (pyenv's
~/.pyenv/versions/<v>.*/bin/python, else python<v> on PATH; each is asked its version), give it
a virtualenv .venvs/py<v> with the project and its dev extras (the tests import the generator
for the description's IR, so the venv needs what the generator needs; requires-python is
>=3.10), reinstalled when pyproject.toml changes, and run TESTS there: the per-operation wire
tests, the runtime tests, the model and example tests and the contract tests against Prism.
The package itself is generated once, by the main .venv (Python 3.11); a version whose
interpreter is the main .venv's uses it. Prints one line per version with the install and
test times; exits 1 when an interpreter is missing or its tests fail.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENVS = ROOT / ".venvs"
MAIN_VENV = ROOT / ".venv"
TESTS = (
    "tests/package/test_operations.py",
    "tests/package/test_request_validation.py",
    "tests/package/test_examples.py",
    "tests/package/test_models.py",
    "tests/runtime",
    "tests/package/test_contract.py",
)


def version_of(python: str) -> str | None:
    try:
        out = subprocess.run(
            [python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True,
            text=True,
            timeout=60,
        )
    except OSError:
        return None
    return out.stdout.strip() if out.returncode == 0 else None


def find_interpreter(version: str) -> str | None:
    """pyenv's newest <version>.* first, then python<version> on PATH; None when neither is it."""
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"

    def patch(path: Path) -> tuple[int, ...]:
        return tuple(int(p) for p in re.findall(r"\d+", path.parent.parent.name))

    candidates = [str(p) for p in sorted(pyenv.glob(f"{version}.*/bin/python"), key=patch, reverse=True)]
    on_path = shutil.which(f"python{version}")
    if on_path:
        candidates.append(on_path)
    return next((c for c in candidates if version_of(c) == version), None)


def venv_for(version: str, interpreter: str) -> tuple[Path, float]:
    """The venv's python for `version`, created or refreshed as needed, and the seconds it took."""
    if (MAIN_VENV / "bin" / "python").exists() and version_of(str(MAIN_VENV / "bin" / "python")) == version:
        return MAIN_VENV / "bin" / "python", 0.0
    venv = VENVS / f"py{version}"
    stamp = venv / ".installed"
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    python = venv / "bin" / "python"
    if stamp.exists() and stamp.read_text() == wanted and python.exists():
        return python, 0.0
    started = time.monotonic()
    shutil.rmtree(venv, ignore_errors=True)
    subprocess.run([interpreter, "-m", "venv", str(venv)], check=True)
    subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "-e",
            ".[dev]",
        ],
        cwd=ROOT,
        check=True,
    )
    stamp.write_text(wanted)
    return python, time.monotonic() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.pythons", description=__doc__.split("\n\n")[0])
    parser.add_argument("versions", nargs="+", metavar="VERSION", help="e.g. 3.10 3.11 3.12 3.13")
    parser.add_argument(
        "--tests",
        default=os.environ.get("PYTHON_TESTS") or shlex.join(TESTS),
        help="pytest arguments (default: %(default)s; or PYTHON_TESTS)",
    )
    args = parser.parse_args(argv)
    for version in args.versions:
        if not re.fullmatch(r"3\.\d+", version):
            parser.error(f"not a Python version: {version!r} (expected e.g. 3.12)")
    interpreters = {v: find_interpreter(v) for v in args.versions}
    missing = [v for v, i in interpreters.items() if i is None]
    if missing:
        print(
            f"no interpreter for Python {', '.join(missing)}: install it with pyenv "
            f"(~/.pyenv/versions/<v>.*/bin/python) or put python<v> on PATH",
            file=sys.stderr,
        )
        return 1
    rows = []
    for version, interpreter in interpreters.items():
        assert interpreter is not None
        python, install = venv_for(version, interpreter)
        print(f"== Python {version}: {python} ({interpreter})", flush=True)
        started = time.monotonic()
        result = subprocess.run(
            [
                str(python),
                "-m",
                "pytest",
                "-p",
                "no:cacheprovider",
                "-q",
                *shlex.split(args.tests),
            ],
            cwd=ROOT,
        )
        rows.append((version, result.returncode, install, time.monotonic() - started))
    print("\nPython  result  install  tests")
    for version, code, install, seconds in rows:
        print(f"{version:7s} {'passed' if code == 0 else f'FAILED ({code})':7s} {install:6.0f} s {seconds:5.0f} s")
    return 0 if all(code == 0 for _, code, _, _ in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
