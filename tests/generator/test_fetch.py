"""Stage 1: the lock, the mirror, the real HTTP download and the hash check."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from generator.pipeline import fetch

from generator import lock
from generator.errors import GeneratorError

from tests import loopback

from tests.conftest import MIRROR

REQUESTS: list[str] = []  # the paths mirror_server was asked for


@pytest.fixture()
def mirror_server() -> Iterator[str]:
    """The mirror folder served over HTTP on 127.0.0.1."""

    def record(request: loopback.Request) -> None:
        REQUESTS.append(request.path)  # and let the folder answer

    with loopback.serve_folder(MIRROR, record) as server:
        yield server.url


def test_lock_pins_every_version_to_the_upstream_commit() -> None:
    entries = lock.read()
    assert list(entries) == ["2.7", "2.8", "2.9", "2.10", "2.11", "2.12", "2.13", "2.14", "2.15"]
    for version, entry in entries.items():
        assert entry.url == (
            "https://raw.githubusercontent.com/intercom/Intercom-OpenAPI/"
            f"8889625a7b931d8649e18726e7f872ff073520fc/descriptions/{version}/api.intercom.io.yaml"
        )
        assert len(entry.sha256) == 64
        assert entry.package_version == f"{version}.{entry.serial}"


def test_download_over_http_verifies_and_caches(mirror_server: str, tmp_path: Path) -> None:
    entry = lock.entry("2.9")
    REQUESTS.clear()
    path = fetch.fetch(entry, mirror=mirror_server, cache_dir=tmp_path)
    assert path == tmp_path / f"{entry.sha256}.yaml"
    assert fetch.sha256(path.read_bytes()) == entry.sha256
    assert REQUESTS == ["/descriptions/2.9/api.intercom.io.yaml"]
    # A second fetch is served from the cache: no new request.
    assert fetch.fetch(entry, mirror=mirror_server, cache_dir=tmp_path) == path
    assert len(REQUESTS) == 1


def test_mirror_folder(tmp_path: Path) -> None:
    entry = lock.entry("2.12")
    path = fetch.fetch(entry, mirror=MIRROR, cache_dir=tmp_path)
    assert fetch.sha256(path.read_bytes()) == entry.sha256


def test_hash_mismatch_names_both_hashes_and_keeps_the_cache(mirror_server: str, tmp_path: Path) -> None:
    good = lock.entry("2.9")
    fetch.fetch(good, mirror=mirror_server, cache_dir=tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    wrong = replace(good, sha256="0" * 64)
    with pytest.raises(GeneratorError) as err:
        fetch.fetch(wrong, mirror=mirror_server, cache_dir=tmp_path)
    assert "0" * 64 in str(err.value) and good.sha256 in str(err.value)
    assert "descriptions/2.9/api.intercom.io.yaml" in str(err.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_http_404_is_a_clear_error(mirror_server: str, tmp_path: Path) -> None:
    entry = replace(lock.entry("2.9"), path="descriptions/9.9/api.intercom.io.yaml")
    with pytest.raises(GeneratorError, match="HTTP 404") as err:
        fetch.fetch(entry, mirror=mirror_server, cache_dir=tmp_path)
    assert err.value.where == f"{mirror_server}/descriptions/9.9/api.intercom.io.yaml"
    assert not list(tmp_path.iterdir())


def test_unknown_version_lists_the_known_ones() -> None:
    with pytest.raises(GeneratorError, match="'3.0' is not in the lock .*2.9"):
        lock.entry("3.0")
