"""client.<resource>.with_streaming_response over real HTTP: the export download streamed in
constant memory, its redirect to a file host on another origin (without the token), errors,
the connection closed on exit, and streamed JSON and list responses."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import httpx
import intercom_sdk
import pytest
from intercom_sdk import (
    APIStatusError,
    AsyncIntercom,
    AsyncStreamedAPIResponse,
    Intercom,
    NotFoundError,
    PermissionDeniedError,
    StreamedAPIResponse,
    SyncPage,
)
from intercom_sdk._response import RAW_RESPONSE_HEADER

from .conftest import TOKEN
from .fake_intercom import FakeIntercom, Recorded, Reply

CSV = b"message_id,user_id,received_at\n" + b"".join(b"m%d,u%d,1700000000\n" % (i, i) for i in range(20000))
EXPORT = gzip.compress(CSV)
RATE = {
    "X-RateLimit-Limit": "10000",
    "X-RateLimit-Remaining": "9990",
    "X-RateLimit-Reset": "1900000000",
    "X-Request-Id": "req-download-1",
}


def chunked(data: bytes, size: int = 16384) -> list[bytes]:
    return [data[i : i + size] for i in range(0, len(data), size)]


@pytest.fixture
def files() -> Iterator[FakeIntercom]:
    """A second loopback server on another port: the file host downloads redirect to."""
    with FakeIntercom() as fake:
        yield fake


def redirect_to(url: str) -> Reply:
    return Reply(302, headers={"Location": url, **RATE})


def test_download_follows_redirect_to_another_host_without_the_token(
    client: Intercom, server: FakeIntercom, files: FakeIntercom
) -> None:
    server.reply(redirect_to(files.url + "/exports/job1.csv.gz?sig=abc"))
    files.reply(Reply(200, chunks=chunked(EXPORT), headers={"Content-Type": "application/gzip"}))
    with client.data_exports.with_streaming_response.download("job1") as response:
        assert isinstance(response, StreamedAPIResponse)
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/gzip"
        assert str(response.url) == files.url + "/exports/job1.csv.gz?sig=abc"
        # Intercom's redirect response carried these; the file host sends none.
        assert response.request_id == "req-download-1"
        assert response.rate_limit is not None and response.rate_limit.remaining == 9990
        chunks = list(response.iter_bytes())
    assert len(chunks) > 1  # it came in pieces, not as one read
    assert gzip.decompress(b"".join(chunks)) == CSV
    assert response.http_response.is_closed

    (to_intercom,) = server.requests
    (to_files,) = files.requests
    assert to_intercom.path == "/download/content/data/job1"
    assert to_intercom.headers["authorization"] == f"Bearer {TOKEN}"
    assert to_files.path == "/exports/job1.csv.gz" and to_files.raw_query == "sig=abc"
    # Another origin gets none of our headers but Accept, Accept-Encoding and User-Agent.
    assert "authorization" not in to_files.headers
    assert "intercom-version" not in to_files.headers
    assert to_files.headers["accept"].startswith("application/octet-stream")
    assert RAW_RESPONSE_HEADER.lower() not in to_intercom.headers


def test_cross_origin_redirect_drops_default_headers_too(server: FakeIntercom, files: FakeIntercom) -> None:
    server.reply(redirect_to(files.url + "/f"))
    files.reply(Reply(200, body=b"x", headers={"Content-Type": "application/gzip"}))
    with Intercom(access_token=TOKEN, base_url=server.url, default_headers={"X-Proxy-Key": "secret"}) as client:
        with client.data_exports.with_streaming_response.download("job1") as response:
            assert response.read() == b"x"
    assert server.requests[0].headers["x-proxy-key"] == "secret"
    assert "x-proxy-key" not in files.requests[0].headers


def test_same_origin_redirect_keeps_the_token(client: Intercom, server: FakeIntercom) -> None:
    server.reply(
        redirect_to("/files/job1.csv.gz"),
        Reply(200, chunks=chunked(EXPORT), headers={"Content-Type": "application/gzip"}),
    )
    with client.data_exports.with_streaming_response.download("job1") as response:
        body = b"".join(response.iter_bytes())
    assert body == EXPORT
    assert [r.path for r in server.requests] == ["/download/content/data/job1", "/files/job1.csv.gz"]
    assert server.requests[1].headers["authorization"] == f"Bearer {TOKEN}"
    assert server.requests[1].headers["intercom-version"] == client.intercom_version


def test_stream_to_file(client: Intercom, server: FakeIntercom, files: FakeIntercom, tmp_path: Path) -> None:
    server.reply(redirect_to(files.url + "/exports/job1.csv.gz"))
    files.reply(Reply(200, chunks=chunked(EXPORT)))
    target = tmp_path / "export.csv.gz"
    with client.with_streaming_response.data_exports.download("job1") as response:
        response.stream_to_file(target)
    assert gzip.decompress(target.read_bytes()) == CSV


def test_error_status_fails_clearly(client: Intercom, server: FakeIntercom, files: FakeIntercom) -> None:
    server.reply(
        Reply(
            404,
            {
                "type": "error.list",
                "request_id": "req-404",
                "errors": [{"code": "not_found", "message": "Export job not found"}],
            },
        )
    )
    with pytest.raises(NotFoundError, match="Export job not found") as caught:
        with client.data_exports.with_streaming_response.download("nope"):
            pytest.fail("the body of the with statement must not run")
    assert caught.value.request_id == "req-404"

    # The file host refusing (an expired link): the error names the file URL.
    server.reply(redirect_to(files.url + "/exports/job1.csv.gz"))
    files.reply(Reply(403, body=b"<Error>AccessDenied</Error>", headers={"Content-Type": "application/xml"}))
    with pytest.raises(PermissionDeniedError, match="AccessDenied") as denied:
        with client.data_exports.with_streaming_response.download("job1"):
            pass
    assert str(denied.value.response.url).startswith(files.url)


def test_a_5xx_from_the_file_host_is_retried_from_the_start(
    client: Intercom, server: FakeIntercom, files: FakeIntercom
) -> None:
    server.reply(redirect_to(files.url + "/a"), redirect_to(files.url + "/b"))
    files.reply(Reply(503, body=b"busy"), Reply(200, chunks=chunked(EXPORT)))
    with client.data_exports.with_streaming_response.download("job1") as response:
        assert b"".join(response.iter_bytes()) == EXPORT
    assert [r.path for r in files.requests] == ["/a", "/b"]  # a fresh link each time


def test_redirects_that_are_not_followed_are_errors(client: Intercom, server: FakeIntercom) -> None:
    server.reply(Reply(302, headers={}))  # no Location
    with pytest.raises(APIStatusError, match="302 Found for GET .*not a redirect this client follows"):
        with client.data_exports.with_streaming_response.download("job1"):
            pass
    server.handler = lambda request: Reply(302, headers={"Location": f"/loop{len(server.requests)}"})
    with pytest.raises(APIStatusError, match="more than 5 redirects"):
        client.data_exports.download("job1")
    assert len(server.requests) == 1 + 6


def test_non_streaming_download_follows_the_redirect_too(
    client: Intercom, server: FakeIntercom, files: FakeIntercom
) -> None:
    server.reply(redirect_to(files.url + "/f"))
    files.reply(Reply(200, body=EXPORT, headers={"Content-Type": "application/gzip"}))
    assert client.data_exports.download("job1") == EXPORT
    assert "authorization" not in files.requests[0].headers


def test_exit_closes_the_connection_midway(client: Intercom, server: FakeIntercom) -> None:
    big = (b"x" * 65536 for _ in range(1600))  # 100 MiB, produced as it is sent
    server.reply(Reply(200, chunks=big))
    with client.data_exports.with_streaming_response.download("job1") as response:
        first = next(response.iter_bytes())
        assert first
    assert response.http_response.is_closed
    deadline = time.monotonic() + 10
    while server.aborted == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert server.aborted == 1  # the server saw the client hang up, not a finished body
    server.reply(Reply(200, {"type": "contact", "id": "c1"}))
    assert client.contacts.retrieve("c1").id == "c1"  # the pool is still usable


def test_exception_inside_the_block_still_closes(client: Intercom, server: FakeIntercom) -> None:
    server.reply(Reply(200, chunks=chunked(EXPORT)))
    with pytest.raises(RuntimeError):
        with client.data_exports.with_streaming_response.download("job1") as response:
            raise RuntimeError("caller failed")
    assert response.http_response.is_closed


STREAM_SCRIPT = r"""
import resource, sys
from intercom_sdk import Intercom
client = Intercom(access_token="x", base_url=sys.argv[1])
client.admins.identify()  # warm up: imports, pydantic, the connection
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
with client.data_exports.with_streaming_response.download("big") as response:
    response.stream_to_file("/dev/null")
print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024)
"""


def test_download_runs_in_constant_memory(server: FakeIntercom) -> None:
    """128 MiB streamed through stream_to_file: the process's peak RSS grows by a few MiB."""
    size = 128 * 1024 * 1024
    chunk = b"\x1f\x8b" + b"z" * 65534
    server.reply(
        Reply(200, {"type": "admin", "id": "a1"}),
        Reply(200, chunks=(chunk for _ in range(size // len(chunk)))),
    )
    src = str(Path(intercom_sdk.__file__).parent.parent)
    result = subprocess.run(
        [sys.executable, "-c", STREAM_SCRIPT, server.url],
        env={"PYTHONPATH": src},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    grew_mib = int(result.stdout)
    assert grew_mib < 16, f"peak RSS grew by {grew_mib} MiB while streaming 128 MiB"


def page_handler(request: Recorded) -> Reply:
    cursor = request.query.get("starting_after", [None])[0]
    following = {None: "p2", "p2": None}[cursor]
    return Reply(
        200,
        {
            "type": "list",
            "data": [{"type": "contact", "id": f"{cursor}-{i}"} for i in range(2)],
            "pages": {"next": {"starting_after": following} if following else None},
        },
        headers={"X-Request-Id": f"req-{cursor}"},
    )


def test_streamed_json_and_list_responses_parse(client: Intercom, server: FakeIntercom) -> None:
    server.reply(Reply(200, {"type": "contact", "id": "c1"}, headers={"X-Request-Id": "req-c1"}))
    with client.contacts.with_streaming_response.retrieve("c1") as response:
        assert json.loads(b"".join(response.iter_bytes()))["id"] == "c1"
    server.reply(Reply(200, {"type": "contact", "id": "c1"}, headers={"X-Request-Id": "req-c1"}))
    with client.contacts.with_streaming_response.retrieve("c1") as response:
        contact = response.parse()
        assert response.parse() is contact
    assert contact.id == "c1" and contact._request_id == "req-c1"

    # A list: the first page is the streamed response; the walk fetches the rest as usual.
    server.handler = page_handler
    with client.contacts.with_streaming_response.list() as page_response:
        page = page_response.parse()
    assert isinstance(page, SyncPage)
    assert [c.id for c in page] == ["None-0", "None-1", "p2-0", "p2-1"]


async def test_async_download(
    async_client: AsyncIntercom, server: FakeIntercom, files: FakeIntercom, tmp_path: Path
) -> None:
    server.reply(redirect_to(files.url + "/exports/job1.csv.gz"))
    files.reply(Reply(200, chunks=chunked(EXPORT)))
    async with async_client.data_exports.with_streaming_response.download("job1") as response:
        assert isinstance(response, AsyncStreamedAPIResponse)
        assert response.request_id == "req-download-1"
        body = b"".join([chunk async for chunk in response.iter_bytes()])
    assert body == EXPORT and response.http_response.is_closed
    assert "authorization" not in files.requests[0].headers

    server.reply(redirect_to(files.url + "/again"))
    files.reply(Reply(200, chunks=chunked(EXPORT)))
    target = tmp_path / "export.csv.gz"
    async with async_client.with_streaming_response.data_exports.download("job1") as response:
        await response.stream_to_file(target)
    assert gzip.decompress(target.read_bytes()) == CSV

    server.reply(Reply(404, {"type": "error.list", "errors": [{"code": "not_found", "message": "gone"}]}))
    with pytest.raises(NotFoundError, match="gone"):
        async with async_client.data_exports.with_streaming_response.download("job1"):
            pass


async def test_async_streamed_json_and_list(async_client: AsyncIntercom, server: FakeIntercom) -> None:
    server.reply(Reply(200, {"type": "contact", "id": "c1"}, headers={"X-Request-Id": "req-c1"}))
    async with async_client.contacts.with_streaming_response.retrieve("c1") as response:
        contact = await response.parse()
    assert contact._request_id == "req-c1"
    server.handler = page_handler
    async with async_client.contacts.with_streaming_response.list() as page_response:
        assert page_response.status_code == 200
        page = await page_response.parse()
    assert [c.id async for c in page] == ["None-0", "None-1", "p2-0", "p2-1"]


def test_redirect_rules() -> None:
    """Which redirect is followed, with which method, body and headers (no network)."""
    from intercom_sdk._base_client import _redirect_request

    def follow(status: int, location: str | None, method: str = "GET") -> httpx.Request | None:
        request = httpx.Request(
            method,
            "https://api.intercom.io/x",
            headers={"Authorization": "Bearer t", "Intercom-Version": "2.9", "Accept": "*/*"},
            content=b'{"a": 1}' if method == "POST" else None,
        )
        headers = {"Location": location} if location is not None else {}
        return _redirect_request(httpx.Response(status, headers=headers, request=request))

    same = follow(307, "/y", "POST")
    assert same is not None and same.method == "POST" and same.content == b'{"a": 1}'
    assert same.headers["authorization"] == "Bearer t"
    changed = follow(302, "/y", "POST")
    assert changed is not None and changed.method == "GET" and changed.content == b""
    assert "content-type" not in changed.headers
    see_other = follow(303, "https://files.example.com/z")
    assert see_other is not None and see_other.method == "GET"
    assert set(see_other.headers) == {"accept", "host"}
    # http on the same host is another origin: no token either.
    downgrade = follow(301, "http://api.intercom.io/x")
    assert downgrade is not None and "authorization" not in downgrade.headers
    assert follow(302, None) is None
    assert follow(304, "/y") is None
    assert follow(302, "ftp://files.example.com/z") is None


# -- a redirect that is the answer (showCallRecording in 2.15: 302 to a signed URL) ---------


def test_a_redirect_that_is_the_answer_returns_its_location_unfollowed(
    client: Intercom, server: FakeIntercom, files: FakeIntercom
) -> None:
    signed = files.url + "/recordings/1.mp3?signature=abc"
    server.reply(redirect_to(signed), redirect_to(signed))
    url = client.request("GET", "/calls/1/recording", cast_to=str, follow_redirects=False)
    assert url == signed and files.requests == []  # returned, never fetched
    # with_raw_response (the marker header its wrappers send): the 302 itself, parsed to the URL
    raw = client.request(
        "GET",
        "/calls/1/recording",
        cast_to=str,
        follow_redirects=False,
        extra_headers={RAW_RESPONSE_HEADER: "true"},
    )
    assert raw.status_code == 302 and raw.parse() == signed  # type: ignore[attr-defined]
    # a redirect without a Location is still an error, not an answer
    server.reply(Reply(302, headers={}))
    with pytest.raises(APIStatusError, match="302 Found"):
        client.request("GET", "/calls/1/recording", cast_to=str, follow_redirects=False)


async def test_async_redirect_that_is_the_answer(
    async_client: AsyncIntercom, server: FakeIntercom, files: FakeIntercom
) -> None:
    server.reply(redirect_to(files.url + "/r.mp3"))
    url = await async_client.request("GET", "/calls/1/recording", cast_to=str, follow_redirects=False)
    assert url == files.url + "/r.mp3" and files.requests == []
