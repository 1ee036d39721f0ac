"""`make bench`: medians over repeated runs, each row with its ratio to a baseline measured in
the same run (docs/performance.md). Baselines run in a separate venv (.cache/bench-venv) holding
openapi-python-client and the official python-intercom SDK, installed on first use."""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
VENV = ROOT / ".cache" / "bench-venv"
VPY = VENV / "bin" / "python"
BASELINE_PACKAGES = ["openapi-python-client==0.29.1", "python-intercom==5.0.1"]
SRC = ROOT / "generated" / "intercom-2.9" / "src"
SPEC = ROOT / "generated" / "intercom-2.9" / "openapi.yaml"
ROWS: list[tuple[str, float, str, float, str]] = []
# Installed packages run from compiled bytecode (pip writes it), so every side may cache it here
# too: a PYTHONDONTWRITEBYTECODE inherited from the machine would make only our freshly generated
# package compile its source on every start.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
STAGE_ROWS: list[tuple[str, float]] = []
PACING_ROWS: list[tuple[str, str, int, int, float, float]] = []


def median_of(fn: Callable[[], float], runs: int) -> float:
    return statistics.median(fn() for _ in range(runs))


def wall(cmd: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, env={**ENV, **(env or {})}, cwd=cwd)
    return time.perf_counter() - started


def row(name: str, value: float, baseline_name: str, baseline: float, unit: str = "s") -> None:
    ROWS.append((name, value, baseline_name, baseline, unit))
    print(
        f"  {name}: {fmt(value, unit)} vs {baseline_name}: {fmt(baseline, unit)} -> {value / baseline:.2f}x", flush=True
    )


def fmt(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value * 1000:.0f} ms" if value < 10 else f"{value:.1f} s"
    if unit == "us":
        return f"{value * 1e6:.0f} µs"
    return f"{value:.0f} {unit}"


def setup_baselines() -> None:
    if not VPY.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    have = subprocess.run([str(VPY), "-m", "pip", "freeze"], capture_output=True, text=True).stdout
    missing = [p for p in BASELINE_PACKAGES if p.replace("==", "==").lower() not in have.lower()]
    if missing:
        print(f"installing baselines into {VENV}: {' '.join(missing)}", flush=True)
        subprocess.run([str(VPY), "-m", "pip", "install", "--quiet", *missing], check=True)


def bench_generation(runs: int) -> None:
    print("generation (2.9, spec already cached):", flush=True)
    tmp = Path(tempfile.mkdtemp(prefix="bench-gen-"))
    try:

        def ours_cold() -> float:
            shutil.rmtree(ROOT / ".cache" / "format", ignore_errors=True)
            shutil.rmtree(tmp / "ours", ignore_errors=True)
            return wall(
                [PY, "-m", "generator", "generate", "--api-version", "2.9", "--out", str(tmp / "ours"), "--force"],
                cwd=ROOT,
            )

        def ours_noop() -> float:
            return wall(
                [PY, "-m", "generator", "generate", "--api-version", "2.9", "--out", str(tmp / "ours")], cwd=ROOT
            )

        def opc() -> float:
            return wall(
                [
                    str(VENV / "bin" / "openapi-python-client"),
                    "generate",
                    "--path",
                    str(SPEC),
                    "--output-path",
                    str(tmp / "opc"),
                    "--overwrite",
                ],
                cwd=tmp,
            )

        def dmcg() -> float:
            return wall(
                [
                    str(Path(PY).parent / "datamodel-codegen"),
                    "--input",
                    str(SPEC),
                    "--input-file-type",
                    "openapi",
                    "--output",
                    str(tmp / "dmcg.py"),
                    "--output-model-type",
                    "pydantic_v2.BaseModel",
                ],
                cwd=tmp,
            )

        base = median_of(opc, runs)
        cold = median_of(ours_cold, runs)
        ours_cold()  # leaves a stamp and a warm format cache for the no-op runs
        noop = median_of(ours_noop, runs)
        row("intercom-sdkgen cold", cold, "openapi-python-client", base)
        row("intercom-sdkgen no-op", noop, "openapi-python-client", base)
        row("datamodel-code-generator alone", median_of(dmcg, runs), "openapi-python-client", base)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# One cold generation, stage by stage, in one process; black runs serially here so that its
# row is its CPU cost (the pipeline spreads it over the cores).
STAGES = r"""
import json, sys, tempfile, time
from pathlib import Path
t0 = time.perf_counter()
from generator import pipeline
from generator.pipeline import format, models, normalize, render, repairs, validate
out, source, t = {"imports": time.perf_counter() - t0}, pipeline.from_lock("2.9"), time.perf_counter()
def lap(name):
    global t
    now = time.perf_counter(); out[name] = now - t; t = now
doc = validate.load_yaml(source.path.read_bytes(), source.where); lap("load YAML")
doc, outcomes = repairs.apply(doc, "2.9"); lap("repairs (rules)")
validate.validate(doc, source.where); lap("validate (openapi-spec-validator)")
api = normalize.normalize(doc, api_version="2.9", package_version="2.9.0", repairs=[o.line() for o in outcomes]); lap("normalize")
source_code = models.render_models(api); lap("models (datamodel-code-generator)")
from generator import contract
files = render.render(api, source_code, Path(tempfile.mkdtemp()), files={}, filters=contract.FILTERS); lap("render (jinja)")
for path in files: format._format((path.read_text(), path.suffix == ".pyi"))
lap("black, serial CPU")
print(json.dumps(out))
"""


def bench_stages() -> None:
    print("cold generation by stage (one process, black serial):", flush=True)
    stages = json.loads(subprocess.run([PY, "-c", STAGES], check=True, capture_output=True, text=True, cwd=ROOT).stdout)
    for name, seconds in stages.items():
        print(f"  {name}: {seconds * 1000:.0f} ms", flush=True)
    STAGE_ROWS.extend(stages.items())


def bench_import(runs: int) -> None:
    print("import + client construction (fresh interpreter):", flush=True)
    env = {"PYTHONPATH": str(SRC)}
    ours = "from intercom_sdk import Intercom; Intercom(access_token='x').contacts"
    base = "import httpx, pydantic"
    official = "from intercom import Intercom; Intercom(token='x').contacts"
    for _ in range(2):  # warm the bytecode caches
        wall([PY, "-c", ours], env), wall([PY, "-c", base]), wall([str(VPY), "-c", official])
    b = median_of(lambda: wall([PY, "-c", base]), runs * 3)
    row(
        "import intercom_sdk + Intercom()",
        median_of(lambda: wall([PY, "-c", ours], env), runs * 3),
        "import httpx, pydantic",
        b,
    )
    bo = median_of(lambda: wall([str(VPY), "-c", "import httpx, pydantic"]), runs * 3)
    row(
        "official python-intercom import",
        median_of(lambda: wall([str(VPY), "-c", official]), runs * 3),
        "import httpx, pydantic (its venv)",
        bo,
    )


# Runs in a subprocess (ours: this venv; official: the bench venv) and prints JSON timings.
INPROCESS = r"""
import json, sys, time, statistics, httpx
page, one, which, runs = open(sys.argv[1], "rb").read(), open(sys.argv[2], "rb").read(), sys.argv[3], int(sys.argv[4])
def timed(fn, n):
    t = time.perf_counter()
    for _ in range(n): fn()
    return (time.perf_counter() - t) / n
def pair(base, fn, n):
    # Interleaved, so that drift (CPU frequency, neighbours) hits both sides alike.
    base(), fn()
    b, f = [], []
    for _ in range(runs):
        b.append(timed(base, n)); f.append(timed(fn, n))
    return statistics.median(b), statistics.median(f)
def handler(request):
    body = page if request.url.path == "/contacts" else one
    return httpx.Response(200, content=body, headers={"content-type": "application/json"})
res = {}
raw = httpx.Client(transport=httpx.MockTransport(handler), base_url="https://api.intercom.io")
raw_get = lambda: json.loads(raw.get("/contacts/6329bd9ffe4e0d2a1cd6c1e9").content)
if which == "ours":
    from intercom_sdk import Intercom, types
    client = Intercom(access_token="x", http_client=httpx.Client(transport=httpx.MockTransport(handler)))
    res["json_page"], res["parse_page"] = pair(lambda: json.loads(page), lambda: types.ContactList.model_validate_json(page), 20)
    res["raw_get"], res["retrieve"] = pair(raw_get, lambda: client.contacts.retrieve("6329bd9ffe4e0d2a1cd6c1e9"), 300)
    res["raw_list"], res["list_page"] = pair(lambda: json.loads(raw.get("/contacts").content), lambda: client.contacts.list(), 20)
else:
    from intercom import Intercom
    from intercom.core.unchecked_base_model import construct_type
    from intercom.types import ContactList
    client = Intercom(token="x", httpx_client=httpx.Client(transport=httpx.MockTransport(handler)))
    res["json_page"], res["parse_page"] = pair(lambda: json.loads(page), lambda: construct_type(type_=ContactList, object_=json.loads(page)), 3)
    res["raw_get"], res["retrieve"] = pair(raw_get, lambda: client.contacts.find("6329bd9ffe4e0d2a1cd6c1e9"), 100)
print(json.dumps(res))
"""


def bench_calls(runs: int) -> None:
    sys.path.insert(0, str(ROOT))
    from generator import pipeline

    api = pipeline.build_api(pipeline.from_lock("2.9"))
    contact = next(op for op in api.operations if op.operation_id == "ShowContact").response_examples[0].value
    page = {
        "type": "list",
        "data": [dict(contact, id=f"{i:024x}") for i in range(150)],
        "total_count": 150,
        "pages": {"type": "pages", "page": 1, "per_page": 150, "total_pages": 1},
    }
    tmp = Path(tempfile.mkdtemp(prefix="bench-calls-"))
    try:
        (tmp / "page.json").write_text(json.dumps(page))
        (tmp / "one.json").write_text(json.dumps(contact))
        (tmp / "bench.py").write_text(INPROCESS)
        args = [str(tmp / "bench.py"), str(tmp / "page.json"), str(tmp / "one.json")]
        ours = json.loads(
            subprocess.run(
                [PY, *args, "ours", str(runs * 3)],
                check=True,
                capture_output=True,
                text=True,
                env={**ENV, "PYTHONPATH": str(SRC)},
            ).stdout
        )
        official = json.loads(
            subprocess.run([str(VPY), *args, "official", str(runs)], check=True, capture_output=True, text=True).stdout
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"parse one 150-contact page ({len(json.dumps(page)) // 1024} KiB):", flush=True)
    row("ContactList.model_validate_json", ours["parse_page"], "json.loads", ours["json_page"])
    row("python-intercom construct_type", official["parse_page"], "json.loads", official["json_page"])
    print("call overhead over httpx.MockTransport:", flush=True)
    row("client.contacts.retrieve", ours["retrieve"], "httpx get + json.loads", ours["raw_get"], "us")
    row("client.contacts.list (one page)", ours["list_page"], "httpx get + json.loads", ours["raw_list"], "us")
    row("python-intercom contacts.find", official["retrieve"], "httpx get + json.loads", official["raw_get"], "us")


def bench_memory() -> None:
    print("peak RSS:", flush=True)
    probe = "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, capture_output=True); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    tmp = Path(tempfile.mkdtemp(prefix="bench-mem-"))
    try:

        def rss(cmd: list[str], env: dict[str, str] | None = None) -> float:
            out = subprocess.run(
                [PY, "-c", probe, *cmd],
                check=True,
                capture_output=True,
                text=True,
                cwd=ROOT,
                env={**ENV, **(env or {})},
            ).stdout
            return float(out) / 1024  # KiB -> MiB

        base = rss([PY, "-c", "import httpx, pydantic"])
        row(
            "generate 2.9 (full run)",
            rss([PY, "-m", "generator", "generate", "--force", "--out", str(tmp / "o")]),
            "import httpx, pydantic",
            base,
            "MiB",
        )
        row(
            "import intercom_sdk + parse a page",
            rss([PY, "-c", "import intercom_sdk.types as t; t.ContactList"], {"PYTHONPATH": str(SRC)}),
            "import httpx, pydantic",
            base,
            "MiB",
        )
        row(
            "openapi-python-client generate",
            rss(
                [
                    str(VENV / "bin" / "openapi-python-client"),
                    "generate",
                    "--path",
                    str(SPEC),
                    "--output-path",
                    str(tmp / "opc"),
                    "--overwrite",
                ]
            ),
            "import httpx, pydantic",
            base,
            "MiB",
        )
        with loopback(_DownloadHandler) as api, loopback(_DownloadHandler) as files:
            api.files_url = files.url  # type: ignore[attr-defined]
            script = (
                "import sys; from intercom_sdk import Intercom; client = Intercom(access_token='x', base_url=sys.argv[1])\n"
                "with client.data_exports.with_streaming_response.download('job') as r: r.stream_to_file('/dev/null')"
            )
            row(
                f"stream a {DOWNLOAD_MB} MB export download (redirect, stream_to_file)",
                rss([PY, "-c", script, api.url], {"PYTHONPATH": str(SRC)}),
                "import httpx, pydantic",
                base,
                "MiB",
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# -- loopback servers for the streaming and pacing rows -----------------------------------

DOWNLOAD_MB = 200


@contextmanager
def loopback(handler: type[BaseHTTPRequestHandler]) -> Iterator[Any]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    server.url = f"http://127.0.0.1:{server.server_port}"  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


class _Quiet(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def reply(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        for name, value in {"Content-Type": "application/json", **headers}.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _DownloadHandler(_Quiet):
    """Intercom's download endpoint redirects to the file host (the same class on another
    port), which sends DOWNLOAD_MB of gzip-like bytes, produced as they are sent."""

    def do_GET(self) -> None:
        if self.path.startswith("/download/"):
            self.reply(302, b"", {"Location": self.server.files_url + "/export.csv.gz"})  # type: ignore[attr-defined]
            return
        chunk = b"\x1f\x8b" + os.urandom(65534)
        count = DOWNLOAD_MB * 1000 * 1000 // len(chunk)
        self.send_response(200)
        self.send_header("Content-Type", "application/gzip")
        self.send_header("Content-Length", str(count * len(chunk)))
        self.end_headers()
        for _ in range(count):
            self.wfile.write(chunk)


# The bulk job: walk every contact (pages of 50) and update each, from THREADS threads (sync)
# or tasks (async) of one client, against a server allowing LIMIT calls per WINDOW seconds.
CONTACTS, PER_PAGE, LIMIT, WINDOW, THREADS = 200, 50, 50, 1, 4


class _WindowHandler(_Quiet):
    """Windows aligned on whole seconds of Unix time, with Intercom's X-RateLimit-* headers
    (X-RateLimit-Reset in whole seconds, as Intercom sends it); 429 over the limit."""

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        state = self.server.state  # type: ignore[attr-defined]
        index = math.floor(time.time() / WINDOW)
        with state["lock"]:
            used = state["counts"].get(index, 0) + 1
            state["counts"][index] = used
            state["calls"] += 1
            state["throttled"] += used > LIMIT
        headers = {
            "X-RateLimit-Limit": str(LIMIT),
            "X-RateLimit-Remaining": str(max(LIMIT - used, 0)),
            "X-RateLimit-Reset": str((index + 1) * WINDOW),
        }
        if used > LIMIT:
            self.reply(429, b'{"type": "error.list", "errors": [{"code": "rate_limit_exceeded"}]}', headers)
            return
        path, _, query = self.path.partition("?")
        if path == "/contacts":
            start = int(query.split("starting_after=")[1].split("&")[0]) if "starting_after=" in query else 0
            ids = range(start, min(start + PER_PAGE, CONTACTS))
            following = start + PER_PAGE if start + PER_PAGE < CONTACTS else None
            body = {
                "type": "list",
                "data": [{"type": "contact", "id": str(i)} for i in ids],
                "pages": {"type": "pages", "next": {"starting_after": str(following)} if following else None},
            }
        else:
            body = {"type": "contact", "id": path.rsplit("/", 1)[-1], "name": "updated"}
        self.reply(200, json.dumps(body).encode(), headers)

    do_GET = do_PUT = _handle


BULK_JOB = r"""
import asyncio, json, sys, time
from concurrent.futures import ThreadPoolExecutor
from intercom_sdk import AsyncIntercom, Intercom
url, mode, throttle, workers, per_page = sys.argv[1], sys.argv[2], sys.argv[3] == "1", int(sys.argv[4]), int(sys.argv[5])
def start_on_a_window_boundary():
    time.sleep(1 - time.time() % 1 + 0.005)
if mode == "sync":
    with Intercom(access_token="x", base_url=url, throttle=throttle, max_retries=20) as client:
        start_on_a_window_boundary()
        started = time.monotonic()
        with ThreadPoolExecutor(workers) as pool:
            updated = list(pool.map(lambda c: client.contacts.update(c.id, name="updated").id, client.contacts.list(per_page=per_page)))
        elapsed = time.monotonic() - started
else:
    async def main():
        async with AsyncIntercom(access_token="x", base_url=url, throttle=throttle, max_retries=20) as client:
            gate = asyncio.Semaphore(workers)
            async def update(contact_id):
                async with gate:
                    return (await client.contacts.update(contact_id, name="updated")).id
            start_on_a_window_boundary()
            started = time.monotonic()
            tasks = [asyncio.create_task(update(c.id)) async for c in client.contacts.list(per_page=per_page)]
            return await asyncio.gather(*tasks), time.monotonic() - started
    updated, elapsed = asyncio.run(main())
print(json.dumps({"updated": len(updated), "elapsed": elapsed}))
"""


def bench_pacing() -> None:
    calls = CONTACTS + math.ceil(CONTACTS / PER_PAGE)
    # Starting on a window boundary: every full window sends LIMIT calls, and the last ones
    # can start as soon as the last window opens.
    minimum = (math.ceil(calls / LIMIT) - 1) * WINDOW
    print(
        f"bulk job: walk {CONTACTS} contacts and update each ({calls} calls), {LIMIT} calls per {WINDOW} s window:",
        flush=True,
    )
    for mode, who in (("sync", f"{THREADS} threads"), ("async", f"{THREADS} tasks")):
        for throttle in (False, True):
            with loopback(_WindowHandler) as server:
                server.state = {"lock": threading.Lock(), "counts": {}, "calls": 0, "throttled": 0}
                out = json.loads(
                    subprocess.run(
                        [PY, "-c", BULK_JOB, server.url, mode, "1" if throttle else "0", str(THREADS), str(PER_PAGE)],
                        check=True,
                        capture_output=True,
                        text=True,
                        env={**ENV, "PYTHONPATH": str(SRC)},
                    ).stdout
                )
                state = server.state
            assert out["updated"] == CONTACTS, out
            pacing = "throttle=True" if throttle else "no pacing"
            PACING_ROWS.append((f"{mode}, {who}", pacing, state["throttled"], state["calls"], out["elapsed"], minimum))
            print(
                f"  {mode}, {who}, {pacing}: {state['throttled']} x 429 ({state['calls']} calls), {out['elapsed']:.2f} s"
                f" vs theoretical minimum {minimum:.2f} s -> {out['elapsed'] / minimum:.2f}x",
                flush=True,
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="repetitions per measurement (median reported)")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON")
    sections = {
        "generation": lambda: bench_generation(args.runs),
        "stages": bench_stages,
        "import": lambda: bench_import(args.runs),
        "calls": lambda: bench_calls(args.runs),
        "memory": bench_memory,
        "pacing": bench_pacing,
    }
    parser.add_argument(
        "--only", action="append", choices=sorted(sections), help="run only these sections (repeatable)"
    )
    args = parser.parse_args()
    started = time.perf_counter()
    setup_baselines()
    print(
        f"{platform.node()} · {os.cpu_count()} cores · Python {platform.python_version()} · {time.strftime('%Y-%m-%d')}"
    )
    for name, section in sections.items():
        if not args.only or name in args.only:
            section()
    print("\n| measurement | value | baseline | baseline value | ratio |\n| --- | --- | --- | --- | --- |")
    for name, value, bname, bvalue, unit in ROWS:
        print(f"| {name} | {fmt(value, unit)} | {bname} | {fmt(bvalue, unit)} | {value / bvalue:.2f}x |")
    print(
        "\n| bulk job | pacing | 429s | calls sent | time | theoretical minimum | ratio |\n| --- | --- | --- | --- | --- | --- | --- |"
    )
    for job, pacing, throttled, sent, elapsed, minimum in PACING_ROWS:
        print(
            f"| {job} | {pacing} | {throttled} | {sent} | {elapsed:.2f} s | {minimum:.2f} s | {elapsed / minimum:.2f}x |"
        )
    print("\n| cold generation stage | time |\n| --- | --- |")
    for name, seconds in STAGE_ROWS:
        print(f"| {name} | {seconds * 1000:.0f} ms |")
    print(f"\n(total {time.perf_counter() - started:.0f} s)")
    if args.json:
        args.json.write_text(
            json.dumps([dict(zip(("name", "value", "baseline", "baseline_value", "unit"), r)) for r in ROWS], indent=1)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
