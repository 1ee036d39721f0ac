"""The mutation campaign: sample wire-level mutants of the generated package, run tests on each.

    python -m tests.mutation.campaign                 # the full campaign (make mutate)
    python -m tests.mutation.campaign --sample 24     # one mutant per operator kind (make test)
    python -m tests.mutation.campaign --list          # how many targets each operator has
    python -m tests.mutation.campaign --show ID       # the diff of one mutant
    python -m tests.mutation.campaign --only ID ...   # run these mutants

Each worker copies the package (generated/intercom-2.9) to a temporary folder once; for each
mutant it writes the mutated file, runs pytest in a subprocess with INTERCOM_SDK_PACKAGE_DIR
pointing at the copy (tests/conftest.py puts its src/ first on sys.path) and restores the file.
A failing test run (or a timeout) kills the mutant. Survivors are matched against
tests/mutation/survivors.yaml: `equivalent` (no observable difference on the wire or in types,
by id, with the reason) and `gaps` (known missing tests, by id pattern, with the reason).
Exit status 1 when a survivor is neither, when a mutant listed as equivalent was killed, or
(full campaign) when a gap rule no longer matches any survivor; --strict also fails on gaps.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import dataclasses
import difflib
import fnmatch
import json
import os
import random
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Callable, Sequence

import yaml

from .operators import Mutant, check, discover

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "generated" / "intercom-2.9"
SURVIVORS = Path(__file__).with_name("survivors.yaml")
SEED = 2029
# The tests run against every mutant, in this order (pytest stops at the first failure, so the
# fast tests that kill most mutants go first). One list of pytest arguments: paths, node ids,
# -m/-k expressions, --deselect/--ignore. Override with MUTATE_TESTS="...". New wire tests are
# picked up by adding their path here.
TESTS = (
    "tests/package/test_wire.py",
    "tests/package/test_model_fields.py",
    "tests/package/test_operations.py",
    "tests/package/test_request_validation.py",
    "tests/package/test_examples.py",
    "tests/package/test_models.py",
    "tests/runtime",
    # generator tests, and fuzz suites that `make fuzz` runs: they cannot see a mutant, or repeat
    # what the runtime tests check at ten times the cost
    "--deselect=tests/package/test_models.py::test_a_reference_cycle_between_schemas_generates_an_importable_package",
    "--deselect=tests/package/test_operations.py::test_public_surface_matches_the_reviewed_snapshot",
    "--ignore=tests/runtime/test_response_fuzz.py",
    "--ignore=tests/runtime/test_network_faults.py",
)
PER_CLIENT = 1  # operation mutants per operation and client (sync, async)
MODELS = 60  # model mutants: every alias mutant, then field renames
RUNTIME_GROUPS = ("status", "retry", "header", "paging")


@dataclasses.dataclass
class Result:
    mutant: Mutant
    status: str  # killed | survived | timeout
    seconds: float
    killed_by: str = ""
    verdict: str = ""  # for survivors: equivalent | gap | unexplained; for killed: contradiction
    reason: str = ""


def test_args() -> list[str]:
    text = os.environ.get("MUTATE_TESTS")
    return shlex.split(text) if text else list(TESTS)


# -- choosing mutants ---------------------------------------------------------------------------


def plan_campaign(
    mutants: Sequence[Mutant],
    seed: int,
    per_client: int = PER_CLIENT,
    models: int = MODELS,
) -> list[Mutant]:
    """Every operation x client gets `per_client` mutants (operator kind drawn first, so rare kinds
    get their share), plus one of each operation kind no draw hit; every status/retry/header/
    paging mutant; `models` model mutants (every alias mutant, then field renames)."""
    rng = random.Random(seed)
    chosen: list[Mutant] = []
    by_operation: dict[tuple[str, str], list[Mutant]] = defaultdict(list)
    for m in mutants:
        if m.group == "operation":
            by_operation[(m.operation or "", m.client or "")].append(m)
    for key in sorted(by_operation):
        pool = list(by_operation[key])
        for _ in range(min(per_client, len(pool))):
            kind = rng.choice(sorted({m.operator for m in pool}))
            pick = rng.choice([m for m in pool if m.operator == kind])
            pool.remove(pick)
            chosen.append(pick)
    operation = [m for m in mutants if m.group == "operation"]
    for kind in sorted({m.operator for m in operation} - {m.operator for m in chosen}):
        chosen.append(rng.choice([m for m in operation if m.operator == kind]))
    chosen.extend(m for m in mutants if m.group in RUNTIME_GROUPS)
    model = [m for m in mutants if m.group == "model"]
    aliases = [m for m in model if m.operator != "field-name"]
    names = [m for m in model if m.operator == "field-name"]
    chosen.extend(aliases[:models])
    chosen.extend(rng.sample(names, max(0, min(len(names), models - len(aliases)))))
    return chosen


def plan_sample(mutants: Sequence[Mutant], seed: int, size: int) -> list[Mutant]:
    """One mutant of each operator kind (kinds drawn at random when there are more than `size`)."""
    rng = random.Random(seed)
    by_kind: dict[str, list[Mutant]] = defaultdict(list)
    for m in mutants:
        by_kind[m.operator].append(m)
    kinds = sorted(by_kind)
    if len(kinds) > size:
        kinds = sorted(rng.sample(kinds, size))
    return [rng.choice(by_kind[kind]) for kind in kinds]


# -- running ------------------------------------------------------------------------------------


def _drop_bytecode(path: Path) -> None:
    for pyc in (path.parent / "__pycache__").glob(f"{path.stem}.*.pyc"):
        pyc.unlink()


def run_tests(package: Path, tests: Sequence[str], timeout: float) -> tuple[str, float, str]:
    """(killed | survived | timeout, seconds, first failing test or the reason) for one run."""
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-x",
        "-q",
        "-p",
        "no:cacheprovider",
        "--tb=no",
        "-rfE",
        *tests,
    ]
    env = {**os.environ, "INTERCOM_SDK_PACKAGE_DIR": str(package)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # each copy keeps the bytecode of unmutated modules
    started = time.monotonic()
    proc = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        output, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # the test run and anything it started
        proc.communicate()
        return "timeout", time.monotonic() - started, f"no result after {timeout:.0f} s"
    seconds = time.monotonic() - started
    text = output.decode(errors="replace")
    if proc.returncode == 0:
        return "survived", seconds, ""
    failed = next(
        (line for line in text.splitlines() if line.startswith(("FAILED ", "ERROR "))),
        "",
    )
    if proc.returncode in (1, 2, 3) or (proc.returncode == 4 and "while loading conftest" in text):
        return "killed", seconds, failed[:300] or text.strip().splitlines()[-1][:300]
    raise RuntimeError(f"pytest exited {proc.returncode} (not a test failure):\n{text[-3000:]}")


def run(
    mutants: Sequence[Mutant],
    *,
    package: Path = PACKAGE,
    tests: Sequence[str] = TESTS,
    jobs: int = 2,
    timeout: float | None = None,
    baseline: bool = True,
    log: Callable[[str], None] = print,
) -> list[Result]:
    """Run `tests` on each mutant, `jobs` at a time, each worker on its own copy of `package`.

    `baseline`: first check that the tests pass on the unmutated copy (else every mutant would
    look killed); the timeout per mutant defaults to 10 x that run, at least 120 s (300 s
    without a baseline)."""
    with tempfile.TemporaryDirectory(prefix="mutate-") as tmp:
        copies: list[Path] = []
        for i in range(max(1, min(jobs, len(mutants)))):
            copy = Path(tmp) / f"worker{i}" / package.name
            shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__", "tests"))
            copies.append(copy)
        limit = timeout or 300.0
        if baseline:
            status, seconds, detail = run_tests(copies[0], tests, timeout=600)
            if status != "survived":
                raise RuntimeError(f"the tests fail on the unmutated package ({detail}); fix them before mutating")
            limit = timeout or max(120.0, 10 * seconds)
            log(
                f"baseline: the tests pass on the unmutated package in {seconds:.1f} s; timeout per mutant {limit:.0f} s"
            )
        free = list(copies)
        lock = threading.Lock()
        done: list[Result] = []

        def one(mutant: Mutant) -> Result:
            with lock:
                copy = free.pop()
            path = copy / "src" / mutant.file
            original = path.read_bytes()
            try:
                with lock:  # CPython 3.11's AST constructor is not thread-safe (python/cpython#106905)
                    mutated = check(mutant, original)
                path.write_bytes(mutated)
                _drop_bytecode(path)
                status, seconds, detail = run_tests(copy, tests, limit)
            finally:
                path.write_bytes(original)
                _drop_bytecode(path)
                with lock:
                    free.append(copy)
            result = Result(mutant, status, seconds, killed_by=detail)
            with lock:
                done.append(result)
                log(f"[{len(done):4d}/{len(mutants)}] {status:8s} {seconds:5.1f}s {mutant.id}")
            return result

        with concurrent.futures.ThreadPoolExecutor(max_workers=len(copies)) as pool:
            return list(pool.map(one, mutants))


# -- judging and reporting ----------------------------------------------------------------------


def load_survivors(
    path: Path = SURVIVORS,
) -> tuple[dict[str, str], list[dict[str, str]]]:
    data = yaml.safe_load(path.read_text()) or {}
    return dict(data.get("equivalent") or {}), list(data.get("gaps") or [])


def matches(rule: dict[str, Any], mutant: Mutant) -> bool:
    """A gap rule: `match` (fnmatch on the id) and, when given, `optional` (true: only mutants of
    optional parameters; false: only the others)."""
    if "optional" in rule and rule["optional"] != mutant.optional:
        return False
    return fnmatch.fnmatchcase(mutant.id, rule["match"])


def judge(results: Sequence[Result], path: Path = SURVIVORS, *, full: bool) -> list[str]:
    """Sets each result's verdict; returns the problems (unexplained survivors, stale entries)."""
    equivalent, gaps = load_survivors(path)
    problems = []
    used: Counter[str] = Counter()
    for r in results:
        rule = next((g for g in gaps if matches(g, r.mutant)), None)
        if r.status != "survived":
            if r.mutant.id in equivalent:
                r.verdict = "contradiction"
                problems.append(f"{r.mutant.id} is listed as equivalent but was killed ({r.killed_by})")
            continue
        if r.mutant.id in equivalent:
            r.verdict, r.reason = "equivalent", equivalent[r.mutant.id]
        elif rule is not None:
            r.verdict, r.reason = "gap", rule["reason"]
            used[rule["match"]] += 1
        else:
            r.verdict = "unexplained"
            problems.append(f"{r.mutant.id} survived: {r.mutant.description}")
    if full:
        problems.extend(
            f"gap rule {g['match']!r} matches no survivor any more: remove it" for g in gaps if not used[g["match"]]
        )
    return problems


def summary(results: Sequence[Result]) -> dict[str, Any]:
    killed = sum(r.status != "survived" for r in results)
    equivalent = sum(r.verdict == "equivalent" for r in results)
    return {
        "mutants": len(results),
        "killed": killed,
        "timeouts": sum(r.status == "timeout" for r in results),
        "equivalent": equivalent,
        "gaps": sum(r.verdict == "gap" for r in results),
        "unexplained": sum(r.verdict == "unexplained" for r in results),
        "score": killed / max(1, len(results) - equivalent),
        "operations": len({r.mutant.operation for r in results if r.mutant.operation}),
        "seconds": round(sum(r.seconds for r in results), 1),
    }


def report(results: Sequence[Result], problems: Sequence[str], wall: float) -> str:
    s = summary(results)
    lines = [
        f"mutants: {s['mutants']} ({s['operations']} operations); killed {s['killed']} ({s['timeouts']} by timeout); "
        f"survived {s['mutants'] - s['killed']}: {s['equivalent']} equivalent, {s['gaps']} known gaps, {s['unexplained']} unexplained",
        f"score: {s['killed']}/{s['mutants'] - s['equivalent']} = {100 * s['score']:.1f}% (killed / not equivalent); "
        f"{wall:.0f} s wall, {s['seconds']:.0f} s of test runs",
        "",
        f"{'operator':22s} {'mutants':>7s} {'killed':>6s} {'survived':>8s}  (sync/async survivors)",
    ]
    by_kind: dict[str, list[Result]] = defaultdict(list)
    for r in results:
        by_kind[r.mutant.operator].append(r)
    for kind in sorted(by_kind):
        rs = by_kind[kind]
        alive = [r for r in rs if r.status == "survived"]
        clients = Counter(r.mutant.client for r in alive if r.mutant.client)
        split = f"  ({clients['sync']}/{clients['async']})" if clients else ""
        lines.append(f"{kind:22s} {len(rs):7d} {len(rs) - len(alive):6d} {len(alive):8d}{split}")
    alive = sorted(
        (r for r in results if r.status == "survived"),
        key=lambda r: (r.verdict, r.mutant.operator, r.mutant.id),
    )
    if alive:
        lines += ["", "survivors:"]
        reason = None
        for r in alive:
            if r.reason != reason and r.reason:
                lines.append(f"  -- {r.verdict}: {r.reason}")
                reason = r.reason
            lines.append(f"  [{r.verdict}] {r.mutant.id}: {r.mutant.description}")
    if problems:
        lines += ["", "problems:", *(f"  {p}" for p in problems)]
    return "\n".join(lines)


def write_json(results: Sequence[Result], problems: Sequence[str], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = [
        {
            "id": r.mutant.id,
            "operator": r.mutant.operator,
            "group": r.mutant.group,
            "file": r.mutant.file,
            "description": r.mutant.description,
            "optional": r.mutant.optional,
            "status": r.status,
            "seconds": round(r.seconds, 2),
            "killed_by": r.killed_by,
            "verdict": r.verdict,
            "reason": r.reason,
        }
        for r in results
    ]
    path.write_text(
        json.dumps(
            {"summary": summary(results), "problems": list(problems), "mutants": rows},
            indent=1,
        )
    )


def show(mutant: Mutant, package: Path) -> str:
    source = (package / "src" / mutant.file).read_bytes()
    before = source.decode().splitlines(keepends=True)
    after = check(mutant, source).decode().splitlines(keepends=True)
    return "".join(difflib.unified_diff(before, after, f"a/{mutant.file}", f"b/{mutant.file}", n=2))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.mutation.campaign", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--package",
        type=Path,
        default=PACKAGE,
        help="the generated package (default: generated/intercom-2.9)",
    )
    parser.add_argument("--seed", type=int, default=int(os.environ.get("MUTATE_SEED") or SEED))
    parser.add_argument("--jobs", type=int, default=int(os.environ.get("MUTATE_JOBS") or 2))
    parser.add_argument(
        "--sample",
        type=int,
        help="a small sample: one mutant per operator kind, at most this many",
    )
    parser.add_argument(
        "--per-client",
        type=int,
        default=PER_CLIENT,
        help="operation mutants per operation and client",
    )
    parser.add_argument("--models", type=int, default=MODELS, help="model mutants (aliases first)")
    parser.add_argument(
        "--timeout",
        type=float,
        help="seconds per mutant (default: 10 x the baseline run, at least 120)",
    )
    parser.add_argument("--only", nargs="+", metavar="ID", help="run only these mutants")
    parser.add_argument("--list", action="store_true", help="print the targets per operator and exit")
    parser.add_argument("--show", metavar="ID", help="print the diff of one mutant and exit")
    parser.add_argument("--strict", action="store_true", help="known gaps fail the run too")
    parser.add_argument("--report", type=Path, default=ROOT / ".cache" / "mutate" / "report.json")
    args = parser.parse_args(argv)

    mutants = discover(args.package / "src")
    by_id = {m.id: m for m in mutants}
    if args.list:
        counts = Counter((m.group, m.operator) for m in mutants)
        for (group, kind), n in sorted(counts.items()):
            print(f"{group:10s} {kind:22s} {n:5d}")
        print(f"{len(mutants)} mutants over {len({m.operation for m in mutants if m.operation})} operations")
        return 0
    if args.show:
        print(show(by_id[args.show], args.package))
        return 0
    if args.only:
        unknown = [i for i in args.only if i not in by_id]
        if unknown:
            parser.error(f"no such mutant: {', '.join(unknown)}")
        chosen = [by_id[i] for i in args.only]
    elif args.sample:
        chosen = plan_sample(mutants, args.seed, args.sample)
    else:
        chosen = plan_campaign(mutants, args.seed, args.per_client, args.models)
    tests = test_args()
    print(
        f"{len(chosen)} of {len(mutants)} mutants (seed {args.seed}), {args.jobs} jobs; tests: {shlex.join(tests)}",
        flush=True,
    )
    started = time.monotonic()
    results = run(
        chosen,
        package=args.package,
        tests=tests,
        jobs=args.jobs,
        timeout=args.timeout,
        log=lambda line: print(line, flush=True),
    )
    full = not (args.only or args.sample)
    problems = judge(results, full=full)
    if args.strict:
        problems += [f"{r.mutant.id}: known gap ({r.reason})" for r in results if r.verdict == "gap"]
    print()
    print(report(results, problems, time.monotonic() - started))
    write_json(results, problems, args.report)
    print(f"\n(details: {args.report.relative_to(ROOT) if args.report.is_relative_to(ROOT) else args.report})")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
