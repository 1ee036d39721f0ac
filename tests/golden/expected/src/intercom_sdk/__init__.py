"""Typed Python client for the Intercom REST API."""

from ._client import AsyncIntercom, Intercom
from ._constants import API_VERSION, PACKAGE_VERSION
from ._exceptions import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    ErrorDetail,
    IntercomError,
    IntercomVersionError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
    WebhookVerificationError,
)
from ._logs import setup_logging as _setup_logging
from ._rate_limit import RateLimit
from ._response import (
    APIResponse,
    AsyncAPIResponse,
    AsyncStreamedAPIResponse,
    StreamedAPIResponse,
)
from ._types import NOT_GIVEN, NotGiven
from .pagination import AsyncPage, AsyncPaginator, SyncPage

__version__ = PACKAGE_VERSION

__all__ = [
    "Intercom",
    "AsyncIntercom",
    "__version__",
    "API_VERSION",
    "NOT_GIVEN",
    "NotGiven",
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
    "SyncPage",
    "AsyncPage",
    "AsyncPaginator",
    "APIResponse",
    "AsyncAPIResponse",
    "StreamedAPIResponse",
    "AsyncStreamedAPIResponse",
    "RateLimit",
]

_setup_logging()
