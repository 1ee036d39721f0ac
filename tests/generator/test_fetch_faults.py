"""Download faults: a loopback server (127.0.0.1, port 0) that stalls, drips, resets the
connection mid-body, answers 404/500, serves another file or an HTML error page.

Every fault ends in bounded time with one GeneratorError naming the URL, after a bounded
number of attempts; the cache folder and spec/lock.yaml are never touched. fetch's
timeouts, deadline, backoff and attempt count are module settings, made small here.
"""

from __future__ import annotations

import hashlib
import socket
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest

from generator.pipeline import fetch

from generator import lock
from generator.errors import GeneratorError

from tests import loopback

from tests.conftest import MIRROR

ENTRY = lock.entry("2.9")
GOOD = (Path(MIRROR) / ENTRY.path).read_bytes()
OTHER = (Path(MIRROR) / lock.entry("2.8").path).read_bytes()
HTML = b"<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"

Handler = loopback.RawHandler  # served raw, so replies can be cut, stalled or reset anywhere


def head(status: int, length: int, content_type: str = "application/yaml") -> bytes:
    return (
        f"HTTP/1.1 {status} X\r\nContent-Type: {content_type}\r\nContent-Length: {length}\r\n"
        "Connection: close\r\n\r\n"
    ).encode()


def reply(status: int, body: bytes, content_type: str = "application/yaml") -> Handler:
    def handler(conn: socket.socket, n: int) -> None:
        conn.sendall(head(status, len(body), content_type) + body)

    return handler


def stall(conn: socket.socket, n: int) -> None:
    """Read the request, never answer (until the test ends)."""
    conn.settimeout(10)
    try:
        conn.recv(1)  # returns when the client closes
    except OSError:
        pass


def reset_mid_body(conn: socket.socket, n: int) -> None:
    """Promise the whole file, send a third of it, then reset the connection (RST)."""
    conn.sendall(head(200, len(GOOD)) + GOOD[: len(GOOD) // 3])
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")


def close_mid_body(conn: socket.socket, n: int) -> None:
    """Content-Length larger than the body sent, then an orderly close."""
    conn.sendall(head(200, len(GOOD)) + GOOD[:1000])


def drip(conn: socket.socket, n: int) -> None:
    """One byte every 20 ms: never a read timeout, but the whole file would take hours
    (cut after 4 s, so that a fetch without a deadline fails the test instead of hanging it)."""
    conn.sendall(head(200, len(GOOD)))
    for byte in GOOD[:200]:
        conn.sendall(bytes([byte]))
        time.sleep(0.02)


def huge(conn: socket.socket, n: int) -> None:
    conn.sendall(head(200, 200_000_000))
    block = b"x" * 65536
    for _ in range(200_000_000 // len(block)):
        conn.sendall(block)


def flaky(conn: socket.socket, n: int) -> None:
    """First attempt: 503; then the file."""
    (reply(503, b"busy") if n == 1 else reply(200, GOOD))(conn, n)


def tree(root: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.iterdir())}


@pytest.fixture(autouse=True)
def fast_fetch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetch, "TIMEOUT", httpx.Timeout(0.5, connect=0.5))
    monkeypatch.setattr(fetch, "DEADLINE", 0.8)
    monkeypatch.setattr(fetch, "BACKOFF", 0.01)
    monkeypatch.setattr(fetch, "ATTEMPTS", 3)


@pytest.fixture()
def cache(tmp_path: Path) -> Iterator[Path]:
    """A cache holding another version's file; it must come out exactly as it went in."""
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / f"{lock.entry('2.8').sha256}.yaml").write_bytes(OTHER)
    pinned = hashlib.sha256(lock.PATH.read_bytes()).hexdigest()
    before = tree(cache)
    yield cache
    assert tree(cache) == before, "the cache changed"
    assert hashlib.sha256(lock.PATH.read_bytes()).hexdigest() == pinned, "the lock changed"


# (fault, expected attempts, text in the message)
RETRIED = [
    (stall, "ReadTimeout"),
    (reset_mid_body, "ReadError"),
    (close_mid_body, "RemoteProtocolError"),
    (drip, "no complete response within 1s"),
    (reply(500, b'{"error": "boom"}'), "server answered 500"),
    (reply(503, HTML, "text/html"), "server answered 503"),
]


@pytest.mark.parametrize(("fault", "message"), RETRIED, ids=[f[0].__name__ for f in RETRIED[:4]] + ["500", "503-html"])
def test_transient_faults_are_retried_a_bounded_number_of_times(cache: Path, fault: Handler, message: str) -> None:
    with loopback.raw(fault) as server:
        started = time.monotonic()
        with pytest.raises(GeneratorError) as err:
            fetch.fetch(ENTRY, mirror=server.url, cache_dir=cache)
        elapsed = time.monotonic() - started
    assert server.connections == fetch.ATTEMPTS
    assert str(err.value).startswith(f"download failed after {fetch.ATTEMPTS} attempts: ")
    assert message in str(err.value), str(err.value)
    assert err.value.where == f"{server.url}/{ENTRY.path}"
    assert str(err.value).count("(at ") == 1, str(err.value)  # one location, not nested messages
    assert elapsed < fetch.ATTEMPTS * 2.5, elapsed  # per-attempt DEADLINE/TIMEOUT + backoff


@pytest.mark.parametrize(
    ("fault", "message"),
    [
        (reply(404, b"Not Found", "text/plain"), "download failed: HTTP 404"),
        (reply(403, HTML, "text/html"), "download failed: HTTP 403"),
        (reply(200, OTHER), "sha256 mismatch for API 2.9"),
        (reply(200, HTML, "text/html"), "(an HTML page, not the description)"),
        (reply(200, b""), "sha256 mismatch"),
        (huge, "larger than 20000000 bytes"),
    ],
    ids=["404", "403-html", "other-file", "html-200", "empty", "huge"],
)
def test_permanent_faults_fail_at_once(cache: Path, fault: Handler, message: str) -> None:
    with loopback.raw(fault) as server:
        started = time.monotonic()
        with pytest.raises(GeneratorError) as err:
            fetch.fetch(ENTRY, mirror=server.url, cache_dir=cache)
    assert server.connections == 1
    assert message in str(err.value), str(err.value)
    assert err.value.where == f"{server.url}/{ENTRY.path}"
    assert time.monotonic() - started < 5


def test_refused_connection(cache: Path) -> None:
    url = loopback.closed_port_url()
    with pytest.raises(GeneratorError, match="after 3 attempts: ConnectError"):
        fetch.fetch(ENTRY, mirror=url, cache_dir=cache)


def test_invalid_mirror_url_is_a_clear_error(cache: Path) -> None:
    with pytest.raises(GeneratorError, match="invalid download URL"):
        fetch.fetch(ENTRY, mirror="http://[::1", cache_dir=cache)


def test_one_transient_fault_then_success_fills_the_cache(tmp_path: Path) -> None:
    with loopback.raw(flaky) as server:
        path = fetch.fetch(ENTRY, mirror=server.url, cache_dir=tmp_path)
    assert server.connections == 2
    assert path.read_bytes() == GOOD
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{ENTRY.sha256}.yaml"]  # no .part left


def test_corrupt_cache_entry_is_replaced_not_trusted(tmp_path: Path) -> None:
    (tmp_path / f"{ENTRY.sha256}.yaml").write_bytes(GOOD[:100])  # e.g. a disk filled up mid-write
    with loopback.raw(reply(200, GOOD)) as server:
        path = fetch.fetch(ENTRY, mirror=server.url, cache_dir=tmp_path)
    assert server.connections == 1 and path.read_bytes() == GOOD


def test_cli_reports_a_download_fault_in_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from generator.__main__ import main

    entry = replace(ENTRY, sha256="1" * 64)  # never cached, so the server is asked
    monkeypatch.setattr(lock, "entry", lambda version, path=lock.PATH: entry)
    with loopback.raw(reply(500, b"boom")) as server:
        code = main(["fetch", "--api-version", "2.9", "--mirror", server.url])
    assert code == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(
        "GeneratorError: download failed after 3 attempts: server answered 500"
    ), err
