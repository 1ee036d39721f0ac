"""Intercom answers an Intercom-Version it does not know (or an endpoint the version lacks) with
400 `intercom_version_invalid`: the SDK raises IntercomVersionError, a BadRequestError whose
message names the client's `intercom_version=` option and the value the request sent."""

from __future__ import annotations

import pytest

from intercom_sdk import (
    API_VERSION,
    AsyncIntercom,
    BadRequestError,
    Intercom,
    IntercomVersionError,
)

from .conftest import TOKEN
from .fake_intercom import FakeIntercom, Reply

# The bodies Intercom sends (as quoted in Intercom's own SDKs and users' reports).
UNKNOWN_VERSION = {
    "type": "error.list",
    "request_id": "000hjqhpf95ef3b8f8v0",
    "errors": [
        {
            "code": "intercom_version_invalid",
            "message": "The requested version could not be found",
        }
    ],
}
NOT_IN_VERSION = {
    "type": "error.list",
    "request_id": "7a80b950-b392-499f-85db-ea7c6c424d37",
    "errors": [
        {
            "code": "intercom_version_invalid",
            "message": "Requested resource is not available in current API version.",
        }
    ],
}


def test_unknown_version_names_the_option_and_the_value(server: FakeIntercom) -> None:
    server.reply(Reply(400, UNKNOWN_VERSION))
    with Intercom(access_token=TOKEN, base_url=server.url, intercom_version="2.99", max_retries=0) as client:
        with pytest.raises(IntercomVersionError) as info:
            client.admins.identify()
    err = info.value
    assert isinstance(err, BadRequestError) and err.status_code == 400
    assert server.requests[0].headers["intercom-version"] == "2.99"
    assert err.intercom_version == "2.99"
    message = str(err)
    assert "intercom_version=" in message and "'2.99'" in message
    assert "The requested version could not be found" in message
    assert f"built for {API_VERSION!r}" in message
    assert "request_id=000hjqhpf95ef3b8f8v0" in message
    assert TOKEN not in message
    assert [e.code for e in err.errors] == ["intercom_version_invalid"]


def test_the_value_comes_from_the_request_sent(server: FakeIntercom) -> None:
    """with_options(intercom_version=...) and a per-call header both show as what was sent."""
    server.reply(Reply(400, NOT_IN_VERSION), Reply(400, NOT_IN_VERSION))
    with Intercom(access_token=TOKEN, base_url=server.url, max_retries=0) as client:
        with pytest.raises(IntercomVersionError) as info:
            client.with_options(intercom_version="1.4").admins.identify()
        assert "'1.4'" in str(info.value)
        assert "not available in current API version" in str(info.value)
        with pytest.raises(IntercomVersionError) as info:
            client.admins.identify(extra_headers={"Intercom-Version": "Unstable"})
        assert info.value.intercom_version == "Unstable"
        assert "'Unstable'" in str(info.value)


async def test_async_client_raises_the_same(server: FakeIntercom) -> None:
    server.reply(Reply(400, UNKNOWN_VERSION))
    async with AsyncIntercom(access_token=TOKEN, base_url=server.url, intercom_version="3.0", max_retries=0) as client:
        with pytest.raises(IntercomVersionError) as info:
            await client.admins.identify()
    assert "intercom_version=" in str(info.value) and "'3.0'" in str(info.value)


def test_other_bad_requests_stay_plain(server: FakeIntercom) -> None:
    body = {
        "type": "error.list",
        "errors": [{"code": "parameter_invalid", "message": "Invalid email"}],
    }
    server.reply(Reply(400, body), Reply(404, UNKNOWN_VERSION))
    with Intercom(access_token=TOKEN, base_url=server.url, max_retries=0) as client:
        with pytest.raises(BadRequestError) as info:
            client.admins.identify()
        assert type(info.value) is BadRequestError
        assert "intercom_version=" not in str(info.value)
        # The code only means a version problem on a 400.
        with pytest.raises(Exception) as other:
            client.admins.identify()
        assert not isinstance(other.value, IntercomVersionError)
