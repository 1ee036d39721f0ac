"""HTTP errors map to typed exceptions carrying Intercom's error list."""

from __future__ import annotations

import pytest

from intercom_sdk import (
    APIResponseValidationError,
    APIStatusError,
    AsyncIntercom,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    ErrorDetail,
    Intercom,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
)

from .fake_intercom import FakeIntercom, Reply


def error_list(code: str, message: str, field: str | None = None) -> dict[str, object]:
    error: dict[str, object] = {"code": code, "message": message}
    if field:
        error["field"] = field
    return {
        "type": "error.list",
        "request_id": "000hl5lsc9lh6mnt3fqg",
        "errors": [error],
    }


@pytest.mark.parametrize(
    ("status", "exc_type", "code"),
    [
        (400, BadRequestError, "parameter_invalid"),
        (401, AuthenticationError, "unauthorized"),
        (403, PermissionDeniedError, "api_plan_restricted"),
        (404, NotFoundError, "not_found"),
        (409, ConflictError, "conflict"),
        (422, UnprocessableEntityError, "parameter_mismatch"),
        (429, RateLimitError, "rate_limit_exceeded"),
        (500, InternalServerError, "server_error"),
        (503, InternalServerError, "service_unavailable"),
        (418, APIStatusError, "teapot"),
    ],
)
def test_status_maps_to_exception(
    client: Intercom,
    server: FakeIntercom,
    status: int,
    exc_type: type[APIStatusError],
    code: str,
) -> None:
    server.reply(Reply(status, error_list(code, "Something is wrong", field="email")))
    with pytest.raises(APIStatusError) as info:
        client.with_options(max_retries=0).contacts.retrieve("c1")
    error = info.value
    assert type(error) is exc_type
    assert error.status_code == status
    assert error.request_id == "000hl5lsc9lh6mnt3fqg"
    assert error.errors == [ErrorDetail(code=code, message="Something is wrong", field="email")]
    assert isinstance(error.body, dict) and error.body["type"] == "error.list"
    assert error.response.status_code == status
    assert str(error).startswith(f"{status} ")
    assert f"[{code}] Something is wrong" in str(error)


def test_message_is_readable(client: Intercom, server: FakeIntercom) -> None:
    server.reply(
        Reply(
            404,
            {
                "type": "error.list",
                "request_id": "req-1",
                "errors": [{"code": "not_found", "message": "User Not Found"}],
            },
        )
    )
    with pytest.raises(NotFoundError) as info:
        client.contacts.retrieve("nope")
    assert str(info.value) == "404 Not Found: [not_found] User Not Found (request_id=req-1)"


def test_several_errors_and_header_request_id(client: Intercom, server: FakeIntercom) -> None:
    body = {
        "type": "error.list",
        "errors": [
            {
                "code": "parameter_not_found",
                "message": "email is required",
                "field": "email",
            },
            {"code": "parameter_invalid", "message": "role is invalid"},
        ],
    }
    server.reply(Reply(400, body, headers={"X-Request-Id": "hdr-42"}))
    with pytest.raises(BadRequestError) as info:
        client.request("POST", "/contacts", cast_to=dict, body={})
    assert info.value.request_id == "hdr-42"
    assert [e.code for e in info.value.errors] == [
        "parameter_not_found",
        "parameter_invalid",
    ]
    assert info.value.errors[0].field == "email"
    assert "[parameter_invalid] role is invalid" in str(info.value)


def test_non_json_error_body(client: Intercom, server: FakeIntercom) -> None:
    server.reply(
        Reply(
            502,
            body=b"<html>Bad Gateway</html>",
            headers={"Content-Type": "text/html", "X-Request-Id": "gw-1"},
        )
    )
    with pytest.raises(InternalServerError) as info:
        client.with_options(max_retries=0).contacts.retrieve("c1")
    assert info.value.body == "<html>Bad Gateway</html>"
    assert info.value.errors == []
    assert info.value.request_id == "gw-1"
    assert "Bad Gateway" in str(info.value)


def test_malformed_json_2xx_raises_with_raw_text(client: Intercom, server: FakeIntercom) -> None:
    server.reply(Reply(200, body=b'{"type": "contact", "id": "c1",'))
    with pytest.raises(APIResponseValidationError) as info:
        client.contacts.retrieve("c1")
    assert info.value.body == '{"type": "contact", "id": "c1",'
    assert info.value.status_code == 200
    assert "not valid JSON" in str(info.value)
    assert "/contacts/c1" in str(info.value)


def test_malformed_json_raises_even_in_lenient_mode_for_dict(client: Intercom, server: FakeIntercom) -> None:
    server.reply(Reply(200, body=b"<html>maintenance</html>"))
    with pytest.raises(APIResponseValidationError) as info:
        client.request("GET", "/me", cast_to=dict)
    assert info.value.body == "<html>maintenance</html>"


async def test_async_status_error(async_client: AsyncIntercom, server: FakeIntercom) -> None:
    server.reply(Reply(401, error_list("unauthorized", "Access Token Invalid")))
    with pytest.raises(AuthenticationError) as info:
        await async_client.contacts.retrieve("c1")
    assert info.value.errors[0].message == "Access Token Invalid"
    assert info.value.request_id == "000hl5lsc9lh6mnt3fqg"


async def test_async_malformed_json(async_client: AsyncIntercom, server: FakeIntercom) -> None:
    server.reply(Reply(200, body=b"not json"))
    with pytest.raises(APIResponseValidationError) as info:
        await async_client.contacts.retrieve("c1")
    assert info.value.body == "not json"


@pytest.mark.parametrize(
    ("status", "exc_type"),
    [
        (400, BadRequestError),
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (409, ConflictError),
        (422, UnprocessableEntityError),
        (429, RateLimitError),
        (500, InternalServerError),
        (418, APIStatusError),
    ],
)
async def test_async_status_maps_to_exception(
    server: FakeIntercom, status: int, exc_type: type[APIStatusError]
) -> None:
    server.reply(Reply(status, error_list("code", "Something is wrong")))
    async with AsyncIntercom(access_token="tok", base_url=server.url, max_retries=0) as client:
        with pytest.raises(APIStatusError) as info:
            await client.contacts.retrieve("c1")
    assert type(info.value) is exc_type
    assert info.value.status_code == status


BOUNDARIES = [
    Reply(299, {"type": "contact", "id": "c1"}),
    Reply(300, {"type": "contact", "id": "c1"}, headers={"X-Request-Id": "req-300"}),
    Reply(399, {"type": "contact", "id": "c1"}),
    Reply(400, {}),
]


def check_boundaries(results: list[object]) -> None:
    """299 is a success; 300 and 399 (without a Location) are redirects not followed: an
    APIStatusError carrying the request id, not a BadRequestError; 400 is a BadRequestError."""
    ok, multiple, redirect, bad = results
    assert isinstance(ok, dict) and ok["id"] == "c1"
    for error, status in ((multiple, 300), (redirect, 399)):
        assert isinstance(error, APIStatusError) and not isinstance(error, BadRequestError)
        assert error.status_code == status and "not a redirect this client follows" in str(error)
    assert isinstance(multiple, APIStatusError) and multiple.request_id == "req-300"
    assert isinstance(bad, BadRequestError)


def test_299_is_a_success_3xx_an_unfollowed_redirect_and_400_an_error(server: FakeIntercom) -> None:
    server.reply(*BOUNDARIES)
    results: list[object] = []
    with Intercom(access_token="tok", base_url=server.url, max_retries=0) as client:
        for _ in BOUNDARIES:
            try:
                results.append(client.request("GET", "/contacts/c1", cast_to=dict))
            except APIStatusError as error:
                results.append(error)
    check_boundaries(results)


async def test_the_async_client_draws_the_same_boundaries(server: FakeIntercom) -> None:
    server.reply(*BOUNDARIES)
    results: list[object] = []
    async with AsyncIntercom(access_token="tok", base_url=server.url, max_retries=0) as client:
        for _ in BOUNDARIES:
            try:
                results.append(await client.request("GET", "/contacts/c1", cast_to=dict))
            except APIStatusError as error:
                results.append(error)
    check_boundaries(results)


@pytest.mark.parametrize("strict", [True, False])
def test_validation_errors_carry_the_request_id_header(server: FakeIntercom, strict: bool) -> None:
    server.reply(Reply(200, body=b"not json", headers={"X-Request-Id": "req-42"}))
    with Intercom(access_token="tok", base_url=server.url, strict_response_validation=strict) as client:
        with pytest.raises(APIResponseValidationError) as info:
            client.contacts.retrieve("c1")
    assert info.value.request_id == "req-42"
