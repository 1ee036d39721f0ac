"""Exceptions raised by the SDK.

Every exception derives from :class:`IntercomError`. Messages are built only from
the response status, Intercom's error list and the request URL, never from
request headers, so the access token cannot leak into tracebacks or logs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from http import HTTPStatus
from typing import TYPE_CHECKING

import httpx

from ._constants import API_VERSION

if TYPE_CHECKING:
    import pydantic

__all__ = [
    "IntercomError",
    "APIConnectionError",
    "APITimeoutError",
    "APIStatusError",
    "BadRequestError",
    "IntercomVersionError",
    "AuthenticationError",
    "PermissionDeniedError",
    "NotFoundError",
    "ConflictError",
    "UnprocessableEntityError",
    "RateLimitError",
    "InternalServerError",
    "APIResponseValidationError",
    "WebhookVerificationError",
    "ErrorDetail",
]

# How much of a non-JSON error body goes into a message.
_BODY_PREVIEW_CHARS = 200


class IntercomError(Exception):
    """Base class for every error raised by this SDK."""


class APIConnectionError(IntercomError):
    """The request did not get an HTTP response (DNS, refused connection, reset...)."""

    request: httpx.Request

    def __init__(self, *, request: httpx.Request, message: str | None = None) -> None:
        self.request = request
        super().__init__(
            message or f"Connection error calling {request.method} {request.url}"
        )


class APITimeoutError(APIConnectionError):
    """The request timed out (connect, read, write or connection-pool timeout)."""

    def __init__(self, *, request: httpx.Request) -> None:
        super().__init__(
            request=request,
            message=f"Request timed out: {request.method} {request.url}",
        )


@dataclass(frozen=True)
class ErrorDetail:
    """One entry of Intercom's ``error.list`` body."""

    code: str | None
    message: str | None
    field: str | None = None


class APIStatusError(IntercomError):
    """Intercom answered with a 4xx or 5xx status.

    ``errors`` holds the parsed ``error.list`` entries, ``body`` the decoded JSON
    body (or the raw text when it is not JSON).
    """

    response: httpx.Response
    status_code: int
    request_id: str | None
    errors: list[ErrorDetail]
    body: object

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        body: object,
        errors: list[ErrorDetail],
        request_id: str | None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.response = response
        self.status_code = response.status_code
        self.body = body
        self.errors = errors
        self.request_id = request_id


class BadRequestError(APIStatusError):
    """400"""


class IntercomVersionError(BadRequestError):
    """400 ``intercom_version_invalid``: Intercom does not know the ``Intercom-Version`` sent,
    or the endpoint is not available in that version.

    ``intercom_version`` is the value the request sent (the client's ``intercom_version=``
    option; this package's API version when not set).
    """

    intercom_version: str | None

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        body: object,
        errors: list[ErrorDetail],
        request_id: str | None,
    ) -> None:
        super().__init__(
            message, response=response, body=body, errors=errors, request_id=request_id
        )
        self.intercom_version = _sent_version(response)


class AuthenticationError(APIStatusError):
    """401: the access token is missing, invalid or revoked."""


class PermissionDeniedError(APIStatusError):
    """403: the token lacks the scope needed for this endpoint."""


class NotFoundError(APIStatusError):
    """404"""


class ConflictError(APIStatusError):
    """409"""


class UnprocessableEntityError(APIStatusError):
    """422"""


class RateLimitError(APIStatusError):
    """429: see the ``X-RateLimit-*`` headers on ``response``."""


class InternalServerError(APIStatusError):
    """5xx"""


class APIResponseValidationError(IntercomError):
    """A 2xx response body could not be turned into the expected type.

    Raised for bodies that are not JSON at all, and, with
    ``strict_response_validation=True``, for JSON that does not match the model.
    ``body`` is the raw response text; ``validation_error`` the pydantic error
    (with field paths), when there is one.
    """

    response: httpx.Response
    status_code: int
    body: str
    validation_error: pydantic.ValidationError | None

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        body: str,
        validation_error: pydantic.ValidationError | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.response = response
        self.status_code = response.status_code
        self.body = body
        self.validation_error = validation_error
        self.request_id = response.headers.get("x-request-id")


class WebhookVerificationError(IntercomError):
    """A webhook payload's ``X-Hub-Signature`` did not match."""


# Intercom's error code for an Intercom-Version it does not know (or that lacks the endpoint).
_VERSION_INVALID = "intercom_version_invalid"

_STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def _parse_errors(body: object) -> list[ErrorDetail]:
    if not isinstance(body, dict):
        return []
    raw_errors = body.get("errors")
    if not isinstance(raw_errors, list):
        return []
    details = []
    for entry in raw_errors:
        if isinstance(entry, dict):
            details.append(
                ErrorDetail(
                    code=_str_or_none(entry.get("code")),
                    message=_str_or_none(entry.get("message")),
                    field=_str_or_none(entry.get("field")),
                )
            )
    return details


def _sent_version(response: httpx.Response) -> str | None:
    # The one request header a message may quote: the version, never the token.
    try:
        sent = response.request.headers.get("Intercom-Version")
    except RuntimeError:  # a response built without a request
        return None
    return None if sent is None else str(sent)


def _version_hint(response: httpx.Response) -> str:
    sent = _sent_version(response)
    value = (
        "no Intercom-Version header" if sent is None else f"Intercom-Version {sent!r}"
    )
    return (
        f" (sent {value}: the client's intercom_version= option;"
        f" this SDK is built for {API_VERSION!r})"
    )


def _str_or_none(value: object) -> str | None:
    return None if value is None else str(value)


def make_status_error(response: httpx.Response) -> APIStatusError:
    """Build the exception for a 4xx/5xx response whose body has been read."""
    text = response.text
    body: object
    try:
        body = json.loads(text) if text else None
    except ValueError:
        body = text
    errors = _parse_errors(body)

    request_id = None
    if isinstance(body, dict) and isinstance(body.get("request_id"), str):
        request_id = body["request_id"]
    request_id = request_id or response.headers.get("x-request-id")

    status = response.status_code
    reason = response.reason_phrase
    if not reason:
        try:
            reason = HTTPStatus(status).phrase
        except ValueError:
            reason = "Error"
    message = f"{status} {reason}"
    if errors:
        message += ": " + "; ".join(_describe(e) for e in errors)
    elif isinstance(body, dict) and isinstance(body.get("message"), str):
        message += f": {body['message']}"
    elif isinstance(body, str) and body.strip():
        preview = body.strip()
        if len(preview) > _BODY_PREVIEW_CHARS:
            preview = preview[:_BODY_PREVIEW_CHARS] + "..."
        message += f": {preview}"
    cls = _STATUS_ERRORS.get(status)
    if cls is None:
        cls = InternalServerError if status >= 500 else APIStatusError
    if status == 400 and any(e.code == _VERSION_INVALID for e in errors):
        cls = IntercomVersionError
        message += _version_hint(response)
    if request_id:
        message += f" (request_id={request_id})"

    return cls(
        message, response=response, body=body, errors=errors, request_id=request_id
    )


def _describe(error: ErrorDetail) -> str:
    parts = []
    if error.code:
        parts.append(f"[{error.code}]")
    if error.message:
        parts.append(error.message)
    if error.field:
        parts.append(f"(field: {error.field})")
    return " ".join(parts) or "unknown error"
