"""The pipeline end to end: determinism, failures that leave the output intact, every version."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from generator import fetch, pipeline
from generator.errors import GeneratorError

from .conftest import MIRROR, ROOT

SPEC_29 = Path(MIRROR) / "descriptions" / "2.9" / "api.intercom.io.yaml"


def tree_digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def first_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("gen") / "intercom-2.9"
    pipeline.generate(pipeline.from_lock("2.9", MIRROR), out)
    return out


def test_generating_twice_is_byte_identical(first_output: Path, tmp_path: Path) -> None:
    second = tmp_path / "again"
    pipeline.generate(pipeline.from_lock("2.9", MIRROR), second)
    first, again = tree_digest(first_output), tree_digest(second)
    assert len(first) > 30
    assert first == again


def test_output_tree(first_output: Path) -> None:
    files = tree_digest(first_output)
    for name in ("pyproject.toml", "README.md", "api.md", "CHANGELOG.md", "openapi.yaml", "src/intercom_sdk/py.typed",
                 "src/intercom_sdk/_client.py", "src/intercom_sdk/types/_models/contact.py",
                 "src/intercom_sdk/resources/contacts.py"):
        assert name in files
    pyproject = (first_output / "pyproject.toml").read_text()
    assert 'name = "intercom-sdk"' in pyproject
    assert f'version = "{fetch.lock_entry("2.9").package_version}"' in pyproject
    assert "hatchling" in pyproject
    assert (first_output / "CHANGELOG.md").read_text().startswith("# Changelog: intercom-sdk 2.9.x")
    # The repaired description sits beside the package (Prism and the contract tests read it).
    repaired = yaml.safe_load((first_output / "openapi.yaml").read_text())
    assert "custom_attributes" in repaired["components"]["schemas"]


def test_every_python_file_is_black_formatted(first_output: Path) -> None:
    """Rendered files go through black; copied runtime files must already be black-clean."""
    import black

    from generator import format

    files = sorted(first_output.rglob("*.py"))
    assert len(files) > 30
    for path in files:
        source = path.read_text()
        assert black.format_str(source, mode=format.MODE) == source, f"{path.relative_to(first_output)} is not black-clean"

def test_wrong_sha256_fails_clearly_and_keeps_previous_output(first_output: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = tree_digest(first_output)
    entry = replace(fetch.lock_entry("2.9"), sha256="ab" * 32)
    monkeypatch.setattr(fetch, "lock_entry", lambda version: entry)
    with pytest.raises(GeneratorError) as err:
        pipeline.generate(pipeline.from_lock("2.9", MIRROR), first_output)
    assert "sha256 mismatch" in str(err.value) and "ab" * 32 in str(err.value)
    assert tree_digest(first_output) == before
    assert not [p for p in first_output.parent.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize(
    ("mutate", "message", "pointer"),
    [
        (lambda d: d["components"]["schemas"]["contact"]["properties"]["location"].update({"$ref": "#/components/schemas/nowhere"}),
         "$ref '#/components/schemas/nowhere' points nowhere", "#/components/schemas/contact/properties/location/$ref"),
        (lambda d: d["components"]["schemas"]["tag"].update({"type": "thing"}),
         "invalid OpenAPI description", "#/components/schemas/tag/type"),
    ],
)
def test_invalid_spec_names_the_pointer_and_keeps_previous_output(first_output: Path, tmp_path: Path, mutate, message: str, pointer: str) -> None:  # type: ignore[no-untyped-def]
    doc = yaml.load(SPEC_29.read_text(), Loader=yaml.CSafeLoader)
    mutate(doc)
    broken = tmp_path / "broken.yaml"
    broken.write_text(yaml.dump(doc, Dumper=yaml.CSafeDumper))
    before = tree_digest(first_output)
    with pytest.raises(GeneratorError) as err:
        pipeline.generate(pipeline.from_file(broken), first_output)
    assert message in str(err.value)
    assert err.value.where == pointer
    assert tree_digest(first_output) == before


def test_cli_reports_errors_in_one_line_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("openapi: 3.0.1\ninfo: {title: x, version: '2.9'\n")
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "generator", "generate", "--spec", str(bad), "--out", str(out)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.startswith("GeneratorError: the description is not valid YAML at line 3")
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_cli_generates_from_a_local_file(tmp_path: Path) -> None:
    out = tmp_path / "pkg"
    result = subprocess.run([sys.executable, "-m", "generator", "generate", "--spec", str(SPEC_29), "--out", str(out)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "108 operations" in result.stdout
    assert "repaired: custom_attributes" in result.stdout
    assert 'version = "2.9.0"' in (out / "pyproject.toml").read_text()


@pytest.mark.parametrize("version", ["2.7", "2.8", "2.10", "2.11", "2.12", "2.13", "2.14", "2.15"])
def test_every_locked_version_generates_and_imports(version: str, tmp_path: Path) -> None:
    out = tmp_path / f"intercom-{version}"
    source = pipeline.from_lock(version, MIRROR)
    report = pipeline.generate(source, out)
    assert report.api_version == version and not report.reused
    api = pipeline.build_api(source)
    code = (
        "import intercom_sdk, intercom_sdk.types as t; from intercom_sdk._constants import API_VERSION;"
        f"assert API_VERSION == {version!r};"
        "c = intercom_sdk.Intercom(access_token='x');"
        + ";".join(f"c.{r.attr}" for r in api.resources)
    )
    result = subprocess.run([sys.executable, "-c", code], env={"PYTHONPATH": str(out / "src")}, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]


def test_unchanged_inputs_and_output_skip_the_work(first_output: Path) -> None:
    source = pipeline.from_lock("2.9", MIRROR)
    before = tree_digest(first_output)
    report = pipeline.generate(source, first_output)
    assert report.reused and report.operations == 108 and report.package_version == fetch.lock_entry("2.9").package_version
    assert tree_digest(first_output) == before
    # An edited output is not trusted: the next run rebuilds it.
    models = first_output / "src" / "intercom_sdk" / "types" / "_models" / "contact.py"
    models.write_text(models.read_text() + "# edited\n")
    report = pipeline.generate(source, first_output)
    assert not report.reused
    assert tree_digest(first_output) == before
    # So is a changed input (here: asking for a full run).
    assert not pipeline.generate(source, first_output, reuse=False).reused
