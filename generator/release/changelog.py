"""The CHANGELOG.md of each package line, kept in spec/changelog/<api-version>.md.

`update-lock` adds a section (newest first) with the semantic diff of the description
each time the serial is bumped; the render step copies the file into the package.
"""

from __future__ import annotations

from pathlib import Path

from .. import paths

CHANGELOG_DIR = paths.CHANGELOGS


def header(api_version: str) -> str:
    return (
        f"# Changelog: intercom-sdk {api_version}.x\n\n"
        f"Package versions are `{api_version}.<serial>`: every release of this line talks to Intercom API "
        f"{api_version}. Each section lists what changed in Intercom's published {api_version} description "
        "as the SDK sees it, classified breaking / non-breaking / doc-only (see docs/versioning.md in intercom-sdkgen).\n"
    )


def changelog_markdown(api_version: str, changelog_dir: Path = CHANGELOG_DIR) -> str:
    """The CHANGELOG.md text for a package line (a header alone when nothing was recorded)."""
    path = changelog_dir / f"{api_version}.md"
    if path.is_file():
        return path.read_text(encoding="utf-8")
    return header(api_version) + f"\n## {api_version}.0\n\nFirst release of this line.\n"


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
