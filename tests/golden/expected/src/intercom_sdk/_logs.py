"""Logging for the ``intercom_sdk`` logger.

``INTERCOM_LOG=info`` logs each request (method, URL, status, time) and each
retry; ``INTERCOM_LOG=debug`` adds request and response headers. The
``Authorization`` header is always redacted, so the token never reaches a log.
"""

from __future__ import annotations

import logging
import os
from typing import Mapping

__all__ = ["logger", "setup_logging", "redact_headers"]

logger = logging.getLogger("intercom_sdk")

_SENSITIVE_HEADERS = frozenset(
    {"authorization", "cookie", "set-cookie", "proxy-authorization"}
)
_LEVELS = {"info": logging.INFO, "debug": logging.DEBUG}


def setup_logging() -> None:
    """Configure the logger from ``INTERCOM_LOG``; a no-op when it is unset."""
    level = _LEVELS.get(os.environ.get("INTERCOM_LOG", "").strip().lower())
    if level is None:
        return
    logger.setLevel(level)
    # Only add our own handler once, and not if the application already set one.
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(
            logging.Formatter("[%(asctime)s - %(name)s - %(levelname)s] %(message)s")
        )
        logger.addHandler(handler)


def redact_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """A copy of ``headers`` that is safe to log."""
    return {
        name: ("<redacted>" if name.lower() in _SENSITIVE_HEADERS else value)
        for name, value in headers.items()
    }
