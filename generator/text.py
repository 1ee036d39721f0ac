"""Description text for docstrings, shared by the models and render stages."""

from __future__ import annotations

import re
import textwrap


def intro(text: str, limit: int = 600) -> str:
    """The opening paragraphs of a description, up to its first heading, callout or table."""
    kept: list[str] = []
    for para in re.split(r"\n\s*\n", text.strip()):
        para = para.strip()
        if not para or para.startswith(("#", "{%", ">", "|", "```")) or (kept and sum(map(len, kept)) + len(para) > limit):
            break
        kept.append(para)
    return "\n\n".join(kept)


def wrap(text: str, width: int) -> str:
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text.strip())]
    return "\n\n".join(textwrap.fill(p, width, break_long_words=False, break_on_hyphens=False) for p in paragraphs if p)
