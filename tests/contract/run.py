"""Run a generated package's contract tests against a Prism mock of its description.

    python -m tests.contract.run --api-version 2.9 [--package DIR] [-k EXPR] [--summary FILE]

Starts `node_modules/.bin/prism mock` (static mode, request validation on) on a free
loopback port with the package's openapi.yaml, waits until it answers, runs pytest on the
package's tests/ folder and stops Prism by its process id whatever happens. Failures that
tests/data/contract-known-failures.yaml lists for the version are expected (strict xfail:
a listed case that passes fails the run). Prints one summary line and exits non-zero when
a test failed, when a known failure did not occur, or (without -k) when an operation of
the description has no passing or expected-failing test.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
PRISM = ROOT / "node_modules" / ".bin" / "prism"
KNOWN_FAILURES = ROOT / "tests" / "data" / "contract-known-failures.yaml"
METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
READY_TIMEOUT = 60.0  # Prism needs ~2.5 s on this machine for the 2.9 description
PYTEST_TIMEOUT = 600.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def prism(spec: Path, log: Path, prism_bin: Path = PRISM) -> Iterator[str]:
    """A Prism mock of `spec` on 127.0.0.1; yields its base URL and stops it on exit."""
    if not prism_bin.exists():
        raise SystemExit(f"{prism_bin} is missing: run `npm ci` in {ROOT} (make contract-deps)")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [str(prism_bin), "mock", "-h", "127.0.0.1", "-p", str(port), str(spec)],
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # its own process group, so stopping it reaches any child
        )
    try:
        _wait_ready(proc, url, log)
        yield url
    finally:
        _stop(proc)


def _wait_ready(proc: subprocess.Popen[bytes], url: str, log: Path) -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"Prism exited with {proc.returncode} before answering:\n{_tail(log)}")
        try:
            urllib.request.urlopen(f"{url}/me", timeout=2).close()
            return
        except urllib.error.HTTPError as exc:  # GET /me without a token: 401 means ready
            if exc.code == 401:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise SystemExit(f"Prism did not answer GET /me within {READY_TIMEOUT:.0f} s:\n{_tail(log)}")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    except ProcessLookupError:
        pass


def _tail(log: Path, lines: int = 20) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def operation_count(spec: Path) -> int:
    doc = yaml.load(spec.read_text(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return sum(m in METHODS for item in doc["paths"].values() for m in item)


def known_failures(api_version: str) -> dict[str, str]:
    data = yaml.safe_load(KNOWN_FAILURES.read_text()) or {} if KNOWN_FAILURES.exists() else {}
    return {str(k): " ".join(str(v).split()) for k, v in (data.get(api_version) or {}).items()}


def run(
    api_version: str, package: Path | None = None, select: str | None = None, extra: list[str] | None = None
) -> dict[str, Any]:
    """Run the contract tests; returns the summary (also printed)."""
    package = (package or ROOT / "generated" / f"intercom-{api_version}").resolve()
    spec = package / "openapi.yaml"
    if not (package / "tests" / "test_contract.py").is_file():
        raise SystemExit(f"{package} has no tests/test_contract.py: run `make generate API_VERSION={api_version}`")
    known = known_failures(api_version)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="contract-") as tmp:
        report, listed, log = Path(tmp, "report.json"), Path(tmp, "known.json"), Path(tmp, "prism.log")
        listed.write_text(json.dumps(known))
        with prism(spec, log) as url:
            ready = time.monotonic() - started
            env = {
                **os.environ,
                "INTERCOM_MOCK_URL": url,
                "CONTRACT_REPORT": str(report),
                "CONTRACT_KNOWN_FAILURES": str(listed),
            }
            cmd = [
                sys.executable,
                "-m",
                "pytest",
                "tests",
                "-p",
                "no:cacheprovider",
                "--rootdir",
                str(package),
                "-q",
                "-rfEX",
            ]
            cmd += ["-k", select] if select else []
            proc = subprocess.run([*cmd, *(extra or [])], cwd=package, env=env, timeout=PYTEST_TIMEOUT)
        empty: dict[str, Any] = {"operation_ids": [], "operations": {}, "errors": {}}
        outcomes: dict[str, Any] = json.loads(report.read_text()) if report.exists() else empty
        prism_log = log.read_text(errors="replace")
    seconds = time.monotonic() - started
    ops: dict[str, str] = outcomes["operations"]
    errs: dict[str, str] = outcomes["errors"]
    problems = []
    if proc.returncode != 0:
        problems.append(f"pytest exited with {proc.returncode}")
    count = operation_count(spec)
    if not select:
        if len(outcomes["operation_ids"]) != count:
            problems.append(f"the tests know {len(outcomes['operation_ids'])} operations, the description has {count}")
        missing = [op for op in outcomes["operation_ids"] if ops.get(op) not in ("passed", "xfailed")]
        if missing:
            problems.append(f"operations without a passing test: {', '.join(missing)}")
        stale = sorted(k for k in known if {**ops, **errs}.get(k) != "xfailed")
        if stale:
            problems.append(f"known failures that did not fail: {', '.join(stale)}")
    summary = {
        "api_version": api_version,
        "operations": ops,
        "errors": errs,
        "operation_count": count,
        "passed": sum(v == "passed" for v in ops.values()),
        "expected_failures": sorted(k for k, v in {**ops, **errs}.items() if v == "xfailed"),
        "error_statuses_passed": sum(v == "passed" for v in errs.values()),
        "requests": len(re.findall(r"Request received", prism_log)) or None,
        "prism_ready_seconds": round(ready, 2),
        "seconds": round(seconds, 2),
        "problems": problems,
        "returncode": 1 if problems else 0,
    }
    print(
        f"contract {api_version}: {summary['passed']} of {summary['operation_count']} operations passed against Prism"
        f" ({len([k for k, v in ops.items() if v == 'xfailed'])} expected failures),"
        f" {summary['error_statuses_passed']} of {len(errs)} declared error statuses;"
        f" {summary['requests']} requests,"
        f" {seconds:.1f} s (Prism ready in {ready:.1f} s)" + ("".join(f"\nFAILED: {p}" for p in problems))
    )
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--api-version", default="2.9")
    parser.add_argument("--package", type=Path, help="generated package folder (default generated/intercom-<version>)")
    parser.add_argument("-k", dest="select", help="pytest -k expression: run only some tests")
    parser.add_argument("--summary", type=Path, help="write the summary as JSON here")
    args, extra = parser.parse_known_args(argv)
    summary = run(args.api_version, args.package, args.select, extra)
    if args.summary:
        args.summary.write_text(json.dumps(summary, indent=1, sort_keys=True))
    return int(summary["returncode"])


if __name__ == "__main__":
    sys.exit(main())
