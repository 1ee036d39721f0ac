"""Intercom writes descriptions with Markdoc tags (`{% admonition type="info" %} ... {%
/admonition %}`): docstrings, api.md and the README of the generated package hold none (issue 17
item 7). tests/generator/test_pipeline.py checks every other locked version the same way."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import GENERATED, MIRROR
from .test_pipeline import markdoc_in


def test_the_descriptions_use_markdoc() -> None:
    """Else the check below would prove nothing."""
    text = (GENERATED / "openapi.yaml").read_text()
    assert "{% admonition" in text and "{% /admonition %}" in text
    assert "{%" in (Path(MIRROR) / "descriptions" / "2.15" / "api.intercom.io.yaml").read_text()


def test_no_markdoc_in_the_2_9_package() -> None:
    assert markdoc_in(GENERATED) == []
    api_md = (GENERATED / "api.md").read_text()
    assert "admonition" not in api_md
