"""The CHANGELOG.md of each package line, kept in spec/changelog/<api-version>.md.

`update-lock` adds a section (newest first) with the semantic diff of the description
each time the serial is bumped; the pipeline reads the file (specdata.changelog_markdown)
and the render step copies it into the package.
"""

from __future__ import annotations

from pathlib import Path

from .. import paths
from ..specdata import changelog_header as header
from ..specdata import changelog_markdown

__all__ = ["CHANGELOG_DIR", "add_section", "changelog_markdown", "header"]
CHANGELOG_DIR = paths.CHANGELOGS


def add_section(api_version: str, section: str, changelog_dir: Path = CHANGELOG_DIR) -> Path:
    """Insert a `## ...` section above the previous ones."""
    path = changelog_dir / f"{api_version}.md"
    text = path.read_text(encoding="utf-8") if path.is_file() else header(api_version)
    cut = text.find("\n## ")
    head, rest = (text, "") if cut < 0 else (text[: cut + 1], text[cut + 1 :])
    body = section.strip("\n") + "\n"
    text = head.rstrip("\n") + "\n\n" + body + ("\n" + rest if rest else "")
    changelog_dir.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
