"""Spec fuzzing: the real 2.7-2.15 descriptions, mutated at random, through the generator.

For every mutant the generator either writes a package that imports (a sample also passes
mypy --strict) or raises ONE GeneratorError naming the problem and its JSON pointer; never
another exception (a traceback on the command line), never a half-written output folder,
and the previous output stays byte-identical.

Budget: `make test` runs 4 mutants of each breaking kind and 2 of each legitimate kind with
a fixed seed (about two minutes in all); `make fuzz` sets FUZZ_EXAMPLES=200 and a bigger mypy sample.
Mutants that pass validation are generated for real (models + black, ~3 s each); black
results go to a per-session cache seeded from .cache/format, so fuzzing does not grow it.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import json
import keyword
import os
import shutil
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.pipeline import format as fmt
from generator.pipeline import normalize, repairs, validate
from generator import openapi, pipeline
from generator.errors import GeneratorError

from tests.conftest import MIRROR, ROOT

VERSIONS = ["2.7", "2.8", "2.9", "2.10", "2.11", "2.12", "2.13", "2.14", "2.15"]
# `make fuzz` sets FUZZ_EXAMPLES (spread over the breaking kinds) and FUZZ_LEGIT_EXAMPLES (a
# legitimate mutant is generated for real, ~7 s); `make test`: 4 per breaking kind, 2 per legit kind.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "32"))
MYPY_SAMPLE = int(os.environ.get("FUZZ_MYPY_SAMPLE", "0"))  # test_cli_hostile_identifiers always runs mypy once
STATS: Counter[str] = Counter()

FUZZ = settings(
    derandomize=True,  # fixed seed: `make test` runs the same mutants every time
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)

# Wire names that are not Python identifiers as they stand: the generator must sanitize them.
HOSTILE_NAMES = sorted(
    {
        *keyword.kwlist,
        "self",
        "from",
        "None",
        "True",
        "async",
        "await",
        "match",
        "type",
        "list",
        "1st",
        "2fa_enabled",
        "9",
        "0day",
        "extra_headers",
        "timeout",
        "pt-BR",
        "x.y",
        "with space",
    }
)


def spec_path(version: str) -> Path:
    return Path(MIRROR) / "descriptions" / version / "api.intercom.io.yaml"


@functools.lru_cache(maxsize=None)
def _raw(version: str) -> bytes:
    return spec_path(version).read_bytes()


@functools.lru_cache(maxsize=None)
def _parsed(version: str) -> str:
    # Kept as JSON text: json.loads is a fast deep copy (10x faster than re-parsing YAML).
    return json.dumps(validate.load_yaml(_raw(version), version), ensure_ascii=False)


def load(version: str) -> dict[str, Any]:
    return json.loads(_parsed(version))  # type: ignore[no-any-return]


def pointer(parts: tuple[Any, ...]) -> str:
    return "#/" + "/".join(openapi.escape(str(p)) for p in parts)


def walk(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """Every node with its path; skips examples (free-form data, not description)."""
    yield path, node
    if isinstance(node, dict):
        for k, v in node.items():
            if k not in ("example", "examples"):
                yield from walk(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from walk(v, path + (i,))


def get(doc: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        doc = doc[part]
    return doc


@functools.lru_cache(maxsize=None)
def targets(version: str) -> dict[str, list[Any]]:
    """Candidate places for each mutation, computed once per version (sorted: deterministic)."""
    doc = load(version)
    nodes = list(walk(doc))
    refs = [p for p, n in nodes if isinstance(n, dict) and isinstance(n.get("$ref"), str)]
    schemas = doc["components"]["schemas"]
    referenced = sorted({get(doc, p)["$ref"].rsplit("/", 1)[-1] for p in refs} & set(schemas))
    typed = [
        p
        for p, n in nodes
        if isinstance(n, dict)
        and isinstance(n.get("type"), str)
        and n["type"] in {*normalize.SCALARS, "array", "object"}
    ]
    ops = [(path, m) for path, item in doc["paths"].items() for m in openapi.METHODS if m in item]
    objects = [("components", "schemas", k) for k, s in schemas.items() if isinstance(s.get("properties"), dict)]
    scalars = [p for p in typed if get(doc, p)["type"] in ("string", "integer", "number")]
    return {
        "refs": refs,
        "referenced": referenced,
        "typed": typed,
        "ops": ops,
        "objects": objects,
        "scalars": scalars,
        "all": [p for p, _ in nodes if p],
    }


@dataclass
class Mutant:
    version: str
    label: str
    expect: str  # "ok": must generate; "error": must raise GeneratorError; "either"
    doc: dict[str, Any] | None = None  # structural mutants (written as JSON, which is YAML)
    raw: bytes | None = None  # byte-level mutants
    mentions: tuple[str, ...] = ("",)  # the error message must contain one of these
    checks: list[Callable[[Any], None]] = field(default_factory=list)  # run on the Api of an "ok" mutant
    kind: str = ""  # the mutation's name, for the statistics


# -- mutations -----------------------------------------------------------------------------------


def delete_referenced_schema(version: str, data: st.DataObject) -> Mutant:
    doc = load(version)
    # A schema spec/restored-schemas.yaml holds is restored by rule: deleting it is no defect.
    restorable = set(repairs.Data.load().restored_schemas)
    key = data.draw(st.sampled_from([k for k in targets(version)["referenced"] if k not in restorable]), label="schema")
    del doc["components"]["schemas"][key]
    return Mutant(version, f"delete schema {key}", "error", doc, mentions=("points nowhere",))


def change_type(version: str, data: st.DataObject) -> Mutant:
    doc = load(version)
    path = data.draw(st.sampled_from(targets(version)["typed"]), label="node")
    new = data.draw(
        st.sampled_from(["string", "integer", "number", "boolean", "array", "object", "strin", "null", 7]), label="type"
    )
    get(doc, path)["type"] = new
    valid = new in ("string", "integer", "number", "boolean", "array", "object")
    return Mutant(version, f"type {new!r} at {pointer(path)}", "either" if valid else "error", doc)


def break_ref(version: str, data: st.DataObject) -> Mutant:
    doc = load(version)
    path = data.draw(st.sampled_from(targets(version)["refs"]), label="ref")
    new = data.draw(
        st.sampled_from(
            [
                "#/components/schemas/__missing__",
                "#/nowhere/at/all",
                "not a pointer",
                "other.yaml#/components/schemas/x",
                "#/components/schemas/",
            ]
        ),
        label="target",
    )
    get(doc, path)["$ref"] = new
    return Mutant(version, f"$ref {new!r} at {pointer(path)}", "error", doc, mentions=("points nowhere", "$ref"))


def insert_cycle(version: str, data: st.DataObject) -> Mutant:
    doc = load(version)
    schemas = doc["components"]["schemas"]
    a, b = data.draw(
        st.lists(st.sampled_from(targets(version)["referenced"]), min_size=2, max_size=2, unique=True), label="pair"
    )
    how = data.draw(st.sampled_from(["ref", "allOf", "self"]), label="how")
    if how == "self":
        schemas[a] = {"allOf": [{"$ref": f"#/components/schemas/{a}"}]}
    else:
        schemas[a] = {"$ref": f"#/components/schemas/{b}"}
        schemas[b] = (
            {how: [{"$ref": f"#/components/schemas/{a}"}]} if how == "allOf" else {"$ref": f"#/components/schemas/{a}"}
        )
    return Mutant(version, f"cycle {a} <-> {b} ({how})", "error", doc, mentions=("$ref cycle", "points nowhere"))


def recursive_property(version: str, data: st.DataObject) -> Mutant:
    """A schema that contains itself through a property is legitimate (a tree)."""
    doc = load(version)
    path = data.draw(st.sampled_from(targets(version)["objects"]), label="schema")
    key = path[-1]
    get(doc, path)["properties"]["fuzz_parent"] = {"$ref": f"#/components/schemas/{key}", "nullable": True}
    get(doc, path)["properties"]["fuzz_children"] = {"type": "array", "items": {"$ref": f"#/components/schemas/{key}"}}
    return Mutant(version, f"recursive property on {key}", "ok", doc)


def duplicate_operation_id(version: str, data: st.DataObject) -> Mutant:
    doc = load(version)
    ops = [o for o in targets(version)["ops"] if doc["paths"][o[0]][o[1]].get("operationId")]
    (p1, m1), (p2, m2) = data.draw(st.lists(st.sampled_from(ops), min_size=2, max_size=2, unique=True), label="ops")
    doc["paths"][p2][m2]["operationId"] = doc["paths"][p1][m1]["operationId"]
    return Mutant(version, f"duplicate operationId {m1} {p1} / {m2} {p2}", "error", doc, mentions=("not unique",))


def hostile_identifier(version: str, data: st.DataObject) -> Mutant:
    """Keywords, leading digits, builtins and punctuation as wire names: sanitized, generates."""
    doc = load(version)
    name = data.draw(st.sampled_from(HOSTILE_NAMES), label="name")
    where = data.draw(st.sampled_from(["property", "query", "schema", "enum"]), label="where")
    checks: list[Callable[[Any], None]] = []
    if where == "property":
        path = data.draw(st.sampled_from(targets(version)["objects"]), label="schema")
        properties = get(doc, path)["properties"]
        if name in properties:  # keep the mutant additive: replacing a property is another mutation
            name += "_x"
        properties[name] = {"type": "string", "nullable": True}
    elif where == "query":
        path, method = data.draw(st.sampled_from(targets(version)["ops"]), label="op")
        params = doc["paths"][path][method].setdefault("parameters", [])
        if any(isinstance(p, dict) and p.get("name") == name and p.get("in") == "query" for p in params):
            name += "_x"
        params.append({"name": name, "in": "query", "required": False, "schema": {"type": "string"}})

        def check_param(api: Any, path: str = path, method: str = method, name: str = name) -> None:
            op = next(o for o in api.operations if o.path == path and o.http_method == method.upper())
            param = next(p for p in op.params if p.wire_name == name and p.location == "query")
            assert param.py_name.isidentifier() and not keyword.iskeyword(param.py_name), param

        checks.append(check_param)
    elif where == "schema":
        schemas = doc["components"]["schemas"]
        if normalize.class_name(name) in {normalize.class_name(k) for k in schemas}:
            name = "fuzz_" + name
        schemas[name] = {"type": "object", "properties": {name: {"type": "integer"}}}
        host = data.draw(st.sampled_from(targets(version)["objects"]), label="host")
        get(doc, host)["properties"]["fuzz_ref"] = {"$ref": f"#/components/schemas/{name}"}

        def check_class(api: Any, name: str = name) -> None:
            cls = api.component_models[name]
            assert cls.isidentifier() and not keyword.iskeyword(cls), cls

        checks.append(check_class)
    else:
        path = data.draw(st.sampled_from(targets(version)["objects"]), label="schema")
        get(doc, path)["properties"]["fuzz_kind"] = {"type": "string", "enum": sorted({name, "a-b", "1", "class"})}
    return Mutant(version, f"identifier {name!r} as {where}", "ok", doc, checks=checks)


def unknown_format(version: str, data: st.DataObject) -> Mutant:
    doc = load(version)
    path = data.draw(st.sampled_from(targets(version)["scalars"]), label="node")
    fmt_name = data.draw(
        st.sampled_from(["wibble", "int128", "date-time", "uuid", "binary", "byte", "decimal", ""]), label="format"
    )
    get(doc, path)["format"] = fmt_name
    return Mutant(version, f"format {fmt_name!r} at {pointer(path)}", "ok", doc)


def chaos(version: str, data: st.DataObject) -> Mutant:
    """Any node replaced by junk: the generator may accept it, but must say clearly if not."""
    doc = load(version)
    path = data.draw(st.sampled_from(targets(version)["all"]), label="node")
    junk = data.draw(
        st.sampled_from([None, 0, -1, 1.5, True, "", "x", [], {}, ["x"], {"x": 1}, {"$ref": "#/"}]), label="junk"
    )
    parent = get(doc, path[:-1])
    if data.draw(st.booleans(), label="delete") and isinstance(parent, dict):
        del parent[path[-1]]
        label = f"delete {pointer(path)}"
    else:
        parent[path[-1]] = copy.deepcopy(junk)
        label = f"{pointer(path)} = {junk!r}"
    return Mutant(version, label, "either", doc)


def truncate(version: str, data: st.DataObject) -> Mutant:
    raw = _raw(version)
    cut = data.draw(st.integers(1, len(raw) - 1), label="cut")
    return Mutant(version, f"truncated at byte {cut}", "either", raw=raw[:cut])


def invalid_utf8(version: str, data: st.DataObject) -> Mutant:
    raw = _raw(version)
    at = data.draw(st.integers(0, len(raw)), label="at")
    junk = data.draw(st.sampled_from([b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\xe2\x82", b"\x80\x80"]), label="bytes")
    return Mutant(
        version, f"invalid UTF-8 at byte {at}", "error", raw=raw[:at] + junk + raw[at:], mentions=("not valid UTF-8",)
    )


BREAKING = [
    delete_referenced_schema,
    change_type,
    break_ref,
    insert_cycle,
    duplicate_operation_id,
    chaos,
    truncate,
    invalid_utf8,
]
LEGIT = [hostile_identifier, unknown_format, recursive_property]


# -- running a mutant -----------------------------------------------------------------------------


def tree_digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


IMPORT_ALL = """
import importlib, pkgutil, intercom_sdk, intercom_sdk.types as t
for info in pkgutil.walk_packages(intercom_sdk.__path__, "intercom_sdk."):
    importlib.import_module(info.name)
c = intercom_sdk.Intercom(access_token="x")
for name in dir(c):
    if not name.startswith("_"):
        getattr(c, name)
not_classes = [name for name in t.__all__ if not isinstance(getattr(t, name), type)]
assert not not_classes, not_classes
"""


@dataclass
class Runner:
    root: Path
    mypy_left: int = MYPY_SAMPLE

    @property
    def previous(self) -> Path:
        return self.root / "out" / "intercom-prev"

    def reset_previous(self) -> None:
        shutil.rmtree(self.previous, ignore_errors=True)
        (self.previous / "src").mkdir(parents=True)
        (self.previous / "src" / "marker.py").write_text("# the previous output\n")
        (self.previous / "README.md").write_text("previous\n")

    def write(self, mutant: Mutant) -> Path:
        path = self.root / "mutant.yaml"
        path.write_bytes(mutant.raw if mutant.raw is not None else json.dumps(mutant.doc, ensure_ascii=False).encode())
        return path

    def run(self, mutant: Mutant) -> None:
        path = self.write(mutant)
        out = self.previous if mutant.expect != "ok" else self.root / "out" / "intercom-fresh"
        shutil.rmtree(self.root / "out" / "intercom-fresh", ignore_errors=True)
        before = tree_digest(self.previous)
        try:
            pipeline.generate(pipeline.from_file(path), out, reuse=False)
        except GeneratorError as exc:
            STATS[f"{mutant.kind}: GeneratorError"] += 1
            self.check_error(mutant, exc, path)
            assert tree_digest(self.previous) == before, "the previous output changed"
            leftovers = [p.name for p in (self.root / "out").iterdir() if p.name.startswith(".")]
            assert not leftovers, f"partial output left behind: {leftovers}"
            return
        STATS[f"{mutant.kind}: generated"] += 1
        assert mutant.expect != "error", f"{mutant.label}: expected a GeneratorError, the generator accepted it"
        if mutant.checks:
            api = pipeline.build_api(pipeline.from_file(path))
            for check in mutant.checks:
                check(api)
        self.check_package(out, mutant)
        if out == self.previous:
            self.reset_previous()

    @staticmethod
    def check_error(mutant: Mutant, exc: GeneratorError, path: Path) -> None:
        assert mutant.expect != "ok", f"{mutant.label}: must generate, got GeneratorError: {exc}"
        line = f"GeneratorError: {exc}"
        assert "\n" not in line.strip() or mutant.raw is not None, line  # one line (YAML errors quote a line)
        assert any(m in str(exc) for m in mutant.mentions), (mutant.label, str(exc))
        assert exc.where, f"{mutant.label}: no location in {exc}"
        pointer_ok = exc.where.startswith("#/")  # a JSON pointer into the description
        if mutant.raw is None:  # a structural mutant: the error names a JSON pointer
            assert pointer_ok, f"{mutant.label}: {exc} (where={exc.where!r})"
        else:  # bytes: a pointer, or the file with the line/byte in the message
            assert pointer_ok or (
                exc.where == str(path) and ("line" in str(exc) or "byte" in str(exc) or "OpenAPI 3.0" in str(exc))
            ), str(exc)

    def check_package(self, out: Path, mutant: Mutant) -> None:
        result = subprocess.run(
            [sys.executable, "-c", IMPORT_ALL],
            env={"PYTHONPATH": str(out / "src"), "PATH": os.environ.get("PATH", "")},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, f"{mutant.label}: the package does not import:\n{result.stderr[-3000:]}"
        if self.mypy_left > 0 and mutant.expect == "ok":
            self.mypy_left -= 1
            STATS["mypy --strict runs"] += 1
            result = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "mypy",
                    "--strict",
                    "--python-version",
                    "3.10",
                    "--cache-dir",
                    str(self.root / "mypy-cache"),
                    str(out / "src"),
                ],
                capture_output=True,
                text=True,
                timeout=600,
            )
            assert result.returncode == 0, f"{mutant.label}: mypy --strict:\n{result.stdout[-3000:]}"


@pytest.fixture(scope="module")
def runner(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runner]:
    root = tmp_path_factory.mktemp("fuzz")
    cache = root / "format-cache"
    if fmt.CACHE_DIR.is_dir():
        shutil.copytree(fmt.CACHE_DIR, cache)
    orig = fmt.format_files
    fmt.format_files = functools.partial(orig, cache_dir=cache)  # type: ignore[assignment]
    r = Runner(root)
    r.reset_previous()
    try:
        yield r
    finally:
        fmt.format_files = orig  # type: ignore[assignment]
        report = os.environ.get("FUZZ_STATS")
        if report:
            with open(report, "a") as f:
                f.write(json.dumps({"suite": "spec", **STATS}) + "\n")


# Each mutation kind is its own test, so that every kind runs in `make test` (4 mutants per
# breaking kind, 2 per legitimate kind) and a failure names its kind.
BREAKING_EACH = max(2, EXAMPLES // len(BREAKING))
LEGIT_EACH = max(1, int(os.environ.get("FUZZ_LEGIT_EXAMPLES", "6")) // len(LEGIT))


@pytest.mark.parametrize("mutate", BREAKING, ids=[m.__name__ for m in BREAKING])
@settings(FUZZ, max_examples=BREAKING_EACH)
@given(data=st.data())
def test_breaking_mutations_fail_cleanly(runner: Runner, mutate: Callable[..., Mutant], data: st.DataObject) -> None:
    version = data.draw(st.sampled_from(VERSIONS), label="version")
    mutant = mutate(version, data)
    mutant.kind = mutate.__name__
    runner.run(mutant)


@pytest.mark.parametrize("mutate", LEGIT, ids=[m.__name__ for m in LEGIT])
@settings(FUZZ, max_examples=LEGIT_EACH)
@given(data=st.data())
def test_legitimate_mutations_generate(runner: Runner, mutate: Callable[..., Mutant], data: st.DataObject) -> None:
    version = data.draw(st.sampled_from(VERSIONS), label="version")
    mutant = mutate(version, data)
    mutant.kind = mutate.__name__
    runner.run(mutant)


# -- fixed hostile files, through the command line ------------------------------------------------


def cli(spec: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "generate", "--spec", str(spec), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert result.returncode == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("GeneratorError: "), result.stderr[-2000:]
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


@pytest.fixture()
def previous(tmp_path: Path) -> Path:
    out = tmp_path / "intercom-prev"
    (out / "src").mkdir(parents=True)
    (out / "src" / "marker.py").write_text("# previous\n")
    return out


def test_cli_huge_file_is_refused_quickly(tmp_path: Path, previous: Path) -> None:
    spec = tmp_path / "huge.yaml"
    with spec.open("wb") as f:  # a real description followed by 50 MB of padding
        f.write(_raw("2.9"))
        f.write(b"x-padding: '" + b"x" * 50_000_000 + b"'\n")
    before = tree_digest(previous)
    started = time.perf_counter()
    result = cli(spec, previous)
    assert_one_line_error(result, "MB limit", str(spec))
    assert time.perf_counter() - started < 20
    assert tree_digest(previous) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["huge.yaml", "intercom-prev"]


def test_cli_yaml_alias_bomb_is_refused(tmp_path: Path, previous: Path) -> None:
    lines = [
        "openapi: 3.0.1",
        "info: {title: bomb, version: '2.9'}",
        "paths: {}",
        "x-a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]",
    ]
    lines += [f"x-a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    spec = tmp_path / "bomb.yaml"
    spec.write_text("\n".join(lines) + "\n")
    started = time.perf_counter()
    result = cli(spec, previous)
    assert_one_line_error(result, "nodes")
    assert time.perf_counter() - started < 20


@pytest.mark.parametrize("version", ["2.9", "2.15"])
def test_cli_truncated_and_binary_files(tmp_path: Path, previous: Path, version: str) -> None:
    raw = _raw(version)
    cases = {
        "half.yaml": raw[: len(raw) // 2 + 7],
        "latin1.yaml": raw[:1000] + "café".encode("latin-1") + raw[1000:],
        "empty.yaml": b"",
        "binary.yaml": bytes(range(256)) * 4,
        "html.yaml": b"<!DOCTYPE html><html><body>502 Bad Gateway</body></html>",
    }
    before = tree_digest(previous)
    for name, content in cases.items():
        spec = tmp_path / name
        spec.write_bytes(content)
        result = cli(spec, previous)
        assert_one_line_error(result)
        assert tree_digest(previous) == before, name


def test_cli_hostile_identifiers_generate_and_type_check(tmp_path: Path) -> None:
    """Keywords and digit-leading names everywhere at once: a package that imports and passes mypy."""
    doc = load("2.9")
    schemas = doc["components"]["schemas"]
    for i, name in enumerate(["class", "None", "1st", "import", "9lives", "self"]):
        schemas[name] = {"type": "object", "properties": {name: {"type": "string"}, "from": {"type": "integer"}}}
        schemas["tag"]["properties"][f"fuzz_{i}"] = {"$ref": f"#/components/schemas/{name}"}
        schemas["tag"]["properties"][name] = {"type": "string", "enum": sorted({name, "1", "class"})}
    params = doc["paths"]["/tags"]["get"].setdefault("parameters", [])
    params += [
        {"name": n, "in": "query", "schema": {"type": "string"}} for n in ("class", "1st", "self", "timeout", "from")
    ]
    doc["paths"]["/tags"]["get"]["operationId"] = "9listTags"
    spec = tmp_path / "hostile.yaml"
    spec.write_text(yaml.dump(doc, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), allow_unicode=True))
    out = tmp_path / "pkg"
    result = cli(spec, out)
    assert result.returncode == 0, result.stderr[-3000:]
    check = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL], env={"PYTHONPATH": str(out / "src")}, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr[-3000:]
    models = "".join(p.read_text() for p in (out / "src" / "intercom_sdk" / "types" / "_models").glob("*.py"))
    for cls in ("class N1St(", "class NoneModel(", "class N9Lives(", "class Class(", "class Import("):
        assert cls in models
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--python-version",
            "3.10",
            "--cache-dir",
            str(tmp_path / "mypy-cache"),
            str(out / "src"),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:]


@pytest.mark.parametrize(
    ("depth", "message"),
    [(500, "levels deep (at #/components/schemas/tag/properties/deep/items"), (5000, "exceeded maximum nesting depth")],
)
def test_cli_deep_nesting_is_refused(tmp_path: Path, previous: Path, depth: int, message: str) -> None:
    """Every stage recurses: deeply nested arrays are a clear error, not a RecursionError."""
    doc = load("2.9")
    doc["components"]["schemas"]["tag"]["properties"]["deep"] = "DEEP"
    deep = '{"type": "array", "items": ' * depth + '{"type": "string"}' + "}" * depth
    spec = tmp_path / "deep.json"
    spec.write_text(json.dumps(doc, ensure_ascii=False).replace('"DEEP"', deep))
    result = cli(spec, previous)
    assert_one_line_error(result, message)
