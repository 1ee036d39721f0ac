"""Description text for docstrings and api.md, shared by the models and render stages.

Intercom writes descriptions in Markdown with Markdoc tags (`{% admonition type="info"
name="Merged contacts" %} ... {% /admonition %}`); docstrings get plain text.
"""

from __future__ import annotations

import re
import textwrap

MARKDOC_BLOCK = re.compile(r"\{%\s*(\w+)([^%]*?)%\}(.*?)\{%\s*/\1\s*%\}", re.S)
MARKDOC_TAG = re.compile(r"\{%.*?%\}", re.S)


def plain(text: str) -> str:
    """Markdoc reduced to plain text: a tag's content becomes a paragraph of its own, labelled
    with the tag's `name` (`Merged contacts: ...`); any other tag is dropped."""

    def block(match: re.Match[str]) -> str:
        label = re.search(r'name="([^"]*)"', match.group(2))
        body = " ".join(plain(match.group(3)).split())
        return f"\n\n{label.group(1)}: {body}\n\n" if label else f"\n\n{body}\n\n"

    return MARKDOC_TAG.sub("", MARKDOC_BLOCK.sub(block, text))


def intro(text: str, limit: int = 600) -> str:
    """The opening paragraphs of a description, up to its first heading, callout or table."""
    kept: list[str] = []
    for para in re.split(r"\n\s*\n", plain(text).strip()):
        para = para.strip()
        if (
            not para
            or para.startswith(("#", "{%", ">", "|", "```"))
            or (kept and sum(map(len, kept)) + len(para) > limit)
        ):
            break
        kept.append(para)
    return "\n\n".join(kept)


def wrap(text: str, width: int) -> str:
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text.strip())]
    return "\n\n".join(textwrap.fill(p, width, break_long_words=False, break_on_hyphens=False) for p in paragraphs if p)
