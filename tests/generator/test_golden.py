"""The golden record: the package generated from a small hand-written description
(tests/golden/description.yaml), committed in tests/golden/expected/, so that every change to
a template or to the generator shows up in review as a diff of the code it generates
(openapi-python-client's end_to_end_tests/golden-record does the same).

    UPDATE_GOLDEN=1 make test PYTEST_ARGS=tests/generator/test_golden.py

rewrites the record instead of comparing with it (and passes); review `git diff
tests/golden/expected` and commit it with the change that caused it. The record holds nothing
machine- or time-dependent (no paths, dates or hashes), so it is byte-stable across machines;
it does depend on the versions of black and datamodel-code-generator, whose upgrades show up
here like a template change.
"""

from __future__ import annotations

import difflib
import os
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

from generator import pipeline
from tests.conftest import ROOT

GOLDEN = ROOT / "tests" / "golden"
DESCRIPTION = GOLDEN / "description.yaml"
EXPECTED = GOLDEN / "expected"
SHOWN = 3  # differing files whose diff the failure message shows
UPDATE = bool(os.environ.get("UPDATE_GOLDEN"))


def tree(root: Path) -> dict[str, bytes]:
    """Every file under root by its relative path, leaving out Python's caches."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def difference(expected: dict[str, bytes], actual: dict[str, bytes]) -> str:
    """What differs, for the assertion message: the file sets, then unified diffs."""
    lines = [f"no longer generated: {name}" for name in sorted(expected.keys() - actual.keys())]
    lines += [f"new: {name}" for name in sorted(actual.keys() - expected.keys())]
    changed = [n for n in sorted(expected.keys() & actual.keys()) if expected[n] != actual[n]]
    lines += [f"changed: {name}" for name in changed]
    for name in changed[:SHOWN]:
        before = expected[name].decode(errors="replace").splitlines(keepends=True)
        after = actual[name].decode(errors="replace").splitlines(keepends=True)
        lines.append("".join(difflib.unified_diff(before, after, f"expected/{name}", f"generated/{name}")))
    tools = ", ".join(f"{t} {metadata.version(t)}" for t in ("black", "datamodel-code-generator"))
    lines.append(
        f"(generated with {tools}.) If the change is intended: UPDATE_GOLDEN=1 make test "
        "PYTEST_ARGS=tests/generator/test_golden.py, then review git diff tests/golden/expected."
    )
    return "\n".join(lines)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("golden") / "widget-works"
    report = pipeline.generate(pipeline.from_file(DESCRIPTION), out, reuse=False)
    assert (report.api_version, report.operations) == ("1.0", 15)
    return out


def test_the_fixture_generates_the_committed_package(generated: Path) -> None:
    actual = tree(generated)
    if UPDATE:
        shutil.rmtree(EXPECTED, ignore_errors=True)
        shutil.copytree(generated, EXPECTED, ignore=shutil.ignore_patterns("__pycache__"))
    expected = tree(EXPECTED)
    assert len(actual) > 40 and "src/intercom_sdk/resources/widgets/bolts.py" in actual
    if expected != actual:
        pytest.fail(difference(expected, actual), pytrace=False)


def test_the_golden_package_type_checks_and_imports(generated: Path, tmp_path: Path) -> None:
    """mypy --strict, as for the 2.9 package (tests/package/test_typecheck.py); then the
    client reaches every resource, every model is complete, a nullable field takes null.
    """
    src = generated / "src"
    typed = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--python-version",
            "3.10",
            "--cache-dir",
            str(tmp_path / "mypy"),
            str(src),
        ],
        capture_output=True,
        text=True,
    )
    assert typed.returncode == 0, typed.stdout[-5000:]
    assert typed.stdout.startswith("Success: no issues found")
    code = (
        "import intercom_sdk, intercom_sdk.types as t\n"
        "c = intercom_sdk.Intercom(access_token='x')\n"
        "print(*(type(r).__name__ for r in (c.widgets, c.widgets.bolts, c.widgets.gadgets, c.widgets.photo, c.gadgets)))\n"
        "incomplete = [n for n in t.__all__ if not n.endswith('Param') and not getattr(t, n).__pydantic_complete__]\n"
        "assert not incomplete, incomplete\n"
        "print(t.Widget.model_validate({'type': 'widget', 'id': 'w', 'name': 'n', 'description': None}).description)\n"
        # a 302 answer: the method returns its Location, unfollowed (ExampleTransport points it nowhere)
        "import httpx\n"
        "from intercom_sdk.testing import ExampleTransport\n"
        "tr = ExampleTransport()\n"
        "offline = intercom_sdk.Intercom(access_token='x', http_client=httpx.Client(transport=tr))\n"
        "print(offline.widgets.manual.retrieve('w1'), len(tr.calls))\n"
    )
    imported = subprocess.run(
        [sys.executable, "-B", "-c", code],
        env={"PYTHONPATH": str(src)},
        capture_output=True,
        text=True,
    )
    assert imported.returncode == 0, imported.stderr[-3000:]
    assert imported.stdout.split() == [
        "WidgetsResource",
        "WidgetsBoltsResource",
        "WidgetsGadgetsResource",
        "WidgetsPhotoResource",
        "GadgetsResource",
        "None",
        "https://files.example.invalid/widgets.manual.retrieve",
        "1",
    ]


def test_typed_dicts_of_scalars_only_import_no_model(generated: Path) -> None:
    """The fixture's TypedDicts hold scalars only, so `_params.py` has no `if TYPE_CHECKING:`
    block of model imports (an empty one, which does not parse, used to fail the generation).
    """
    source = (generated / "src" / "intercom_sdk" / "types" / "_params.py").read_text()
    compile(source, "_params.py", "exec")
    assert "class SearchRequestQueryParam(TypedDict, total=False):" in source
    assert "TYPE_CHECKING" not in source and "_models" not in source
