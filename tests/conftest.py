"""Shared fixtures. `make test` generates generated/intercom-2.9 first; the tests import it."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest

TESTS = Path(__file__).resolve().parent  # tests/: the groups, and the data they share
ROOT = TESTS.parent
MIRROR = os.environ.get("INTERCOM_SPEC_MIRROR") or str(ROOT.parent / "shared" / "intercom-openapi")
os.environ.setdefault("INTERCOM_SPEC_MIRROR", MIRROR)
# INTERCOM_SDK_PACKAGE_DIR: test another copy of the 2.9 package (a mutant, tests/mutation/).
PACKAGE_OVERRIDE = os.environ.get("INTERCOM_SDK_PACKAGE_DIR")
GENERATED = Path(PACKAGE_OVERRIDE) if PACKAGE_OVERRIDE else ROOT / "generated" / "intercom-2.9"

if not (GENERATED / "src" / "intercom_sdk" / "_client.py").is_file():
    if PACKAGE_OVERRIDE:
        raise RuntimeError(f"INTERCOM_SDK_PACKAGE_DIR={PACKAGE_OVERRIDE} holds no generated package")
    from generator import pipeline

    pipeline.generate(pipeline.from_lock("2.9", MIRROR), GENERATED)
sys.path.insert(0, str(GENERATED / "src"))


@pytest.fixture(scope="session")
def api29() -> Any:
    """The IR of the 2.9 description, as the generator built it."""
    from generator import pipeline

    return pipeline.build_api(pipeline.from_lock("2.9", MIRROR))


@pytest.fixture(scope="session")
def spec29(api29: Any) -> dict[str, Any]:
    """The repaired 2.9 description (what the package was generated from)."""
    return api29.spec  # type: ignore[no-any-return]
