"""The CHANGELOG.md of each package line, kept in spec/changelog/<api-version>.md.

`update-lock` adds a section (newest first) with the semantic diff of the description
each time the serial is bumped; the render step copies the file into the package.
"""

from __future__ import annotations

from pathlib import Path

CHANGELOG_DIR = Path(__file__).resolve().parent.parent / "spec" / "changelog"


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


def seed(api_version: str, history: list[tuple[str, Path]], changelog_dir: Path = CHANGELOG_DIR) -> Path:
    """Write the first section from upstream revisions before the first release, oldest first.

    `history` pairs a label (a short commit) with a file; each neighbouring pair is diffed.
    """
    from . import diff  # diff imports the validator; keep `changelog_markdown` light for the render step

    newest = history[-1][0]
    parts = [
        f"## {api_version}.0\n\nFirst release of this line, generated from the description at {newest}. "
        "Upstream changed that description before the release; the SDK has only ever seen the last state:\n"
    ]
    for (old_label, old), (new_label, new) in zip(history, history[1:]):
        report = diff.diff_docs(diff.load(old), diff.load(new), old_label=old_label, new_label=new_label)
        parts.append(report.markdown(title=f"Upstream {old_label} → {new_label}", level=3))
    path = changelog_dir / f"{api_version}.md"
    changelog_dir.mkdir(parents=True, exist_ok=True)
    path.write_text(header(api_version) + "\n" + "\n".join(parts), encoding="utf-8")
    return path
