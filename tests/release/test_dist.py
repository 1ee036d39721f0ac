"""`make package` (the build half of `make dist`): wheel + sdist pass twine and install in a fresh venv."""

from __future__ import annotations

import subprocess
import tarfile
import venv
import zipfile
from pathlib import Path

from generator.pipeline import fetch

from generator import lock, pipeline

from tests.conftest import MIRROR, ROOT


def test_wheel_and_sdist_build_check_and_install(tmp_path: Path) -> None:
    package = tmp_path / "intercom-2.9"
    pipeline.generate(pipeline.from_lock("2.9", MIRROR), package)  # not generated/: other tests import it
    dist = tmp_path / "dist"
    version = lock.entry("2.9").package_version
    built = subprocess.run(
        ["make", "-s", "package", "API_VERSION=2.9", f"PACKAGE_DIR={package}", f"DIST_DIR={dist}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    assert built.stdout.count("PASSED") == 2, built.stdout  # twine check --strict, wheel and sdist
    wheel, sdist = dist / f"intercom_sdk-{version}-py3-none-any.whl", dist / f"intercom_sdk-{version}.tar.gz"
    assert sorted(p.name for p in dist.iterdir()) == sorted([sdist.name, wheel.name])
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
    assert "intercom_sdk/_client.py" in names and "intercom_sdk/py.typed" in names
    with tarfile.open(sdist) as tf:
        assert f"intercom_sdk-{version}/pyproject.toml" in tf.getnames()

    env = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env)
    python = env / "bin" / "python"
    # dependencies (httpx, pydantic) come from the package index, through pip's cache
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(wheel)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert install.returncode == 0, install.stderr
    probe = (
        "import importlib.metadata as m, intercom_sdk, sys; "
        "print(m.version('intercom-sdk')); print(intercom_sdk.__file__); print(intercom_sdk.Intercom.__name__)"
    )
    ran = subprocess.run([str(python), "-c", probe], capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert ran.returncode == 0, ran.stderr
    installed_version, location, client = ran.stdout.split()
    assert installed_version == version and client == "Intercom"
    assert location.startswith(str(env)), location  # the venv's copy, not the source tree
