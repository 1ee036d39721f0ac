"""API releases and package versions: what a description is called and sent as.

A locked release is a package line `<api>.<serial>` (spec/lock.yaml). A description outside
the lock (`generate --spec FILE`) gets a development version that no release pin selects:
`<api>.0.dev0` for a numbered release, `0.0.dev0+<name>` for any other info.version (such as
`Preview`, the Unstable API). docs/versioning.md explains both.
"""

from __future__ import annotations

import re
from pathlib import Path

from . import specdata
from .specdata import Unstable

RELEASES_PATH = specdata.RELEASES
RELEASE = re.compile(r"^\d+\.\d+$")


def unstable(path: Path = RELEASES_PATH) -> Unstable:
    return specdata.releases(path).unstable


def is_release(name: str) -> bool:
    """`2.16` is a release; `0` (Unstable) and anything else is not."""
    return bool(RELEASE.match(name))


def release_key(name: str) -> tuple[int, ...]:
    """Sort key: 2.9 < 2.10."""
    return tuple(int(part) for part in name.split("."))


def intercom_version(api_version: str) -> str:
    """The Intercom-Version header value for a description's info.version."""
    found = unstable()
    return found.intercom_version if api_version == found.info_version else api_version


def unlocked_package_version(api_version: str) -> str:
    if is_release(api_version):
        return f"{api_version}.0.dev0"
    local = re.sub(r"[^a-z0-9]+", ".", api_version.lower()).strip(".") or "unknown"
    return f"0.0.dev0+{local}"
