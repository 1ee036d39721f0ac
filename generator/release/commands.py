"""The release subcommands: check-update, update-lock, diff and check (see docs/versioning.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from . import diff, releases, update

from ..pipeline import fetch, validate

from .. import lock
from ..errors import GeneratorError

EXIT_CHANGED = 10  # check-update: some description moved upstream
EXIT_BREAKING = 2  # diff --fail-on-breaking


def add_parsers(commands: Any) -> None:
    mirror_help = f"folder or http:// base replacing upstream (default ${fetch.MIRROR_ENV})"
    ref_help = f"upstream branch or tag holding the newest revision (default ${update.REF_ENV} or {update.DEFAULT_REF})"

    cu = commands.add_parser(
        "check-update",
        help="compare the newest upstream descriptions with the lock, list new releases (exit 10 if any)",
    )
    cu.add_argument("--api-version", action="append", help="only this version (repeatable; default all)")
    cu.add_argument("--mirror", help=mirror_help)
    cu.add_argument("--ref", help=ref_help)

    ul = commands.add_parser(
        "update-lock", help="move lock entries to the newest descriptions, bump serials, write changelogs"
    )
    ul.add_argument("--api-version", action="append", help="only this version (repeatable; default all)")
    ul.add_argument("--mirror", help=mirror_help)
    ul.add_argument("--ref", help=ref_help)
    ul.add_argument("--commit", help="the upstream commit of the new file (resolved from --ref when reading upstream)")
    ul.add_argument("--pinned", action="store_true", help="keep the pinned descriptions; only re-record output_sha256")
    ul.add_argument("--note", default="", help="what changed, for the changelog section of a bumped serial (Markdown)")

    df = commands.add_parser("diff", help="semantic diff of two descriptions")
    df.add_argument("old", nargs="?", type=Path)
    df.add_argument("new", nargs="?", type=Path)
    df.add_argument("--api-version", help="with --against-lock: the version to compare")
    df.add_argument("--against-lock", action="store_true", help="the lock's pinned file against the newest revision")
    df.add_argument("--mirror", help=mirror_help)
    df.add_argument("--ref", help=ref_help)
    df.add_argument("--format", choices=("markdown", "json"), default="markdown")
    df.add_argument("--fail-on-breaking", action="store_true", help=f"exit {EXIT_BREAKING} when a change is breaking")

    ar = commands.add_parser("add-release", help="pin a release upstream publishes as a new package line (serial 0)")
    ar.add_argument("api_version", help="the release folder under descriptions/, e.g. 2.16")
    ar.add_argument("--mirror", help=mirror_help)
    ar.add_argument("--ref", help=ref_help)
    ar.add_argument("--commit", help="the upstream commit of the file (resolved from --ref when reading upstream)")

    ck = commands.add_parser("check", help="drift check: the lock is reproducible and the output matches output_sha256")
    ck.add_argument("--api-version", action="append", help="only this version (repeatable; default all)")
    ck.add_argument("--mirror", help=mirror_help)


def run(args: argparse.Namespace) -> int:
    try:
        handlers = {
            "check-update": _check_update,
            "update-lock": _update_lock,
            "add-release": _add_release,
            "diff": _diff,
            "check": _check,
        }
        return handlers[args.command](args)
    except GeneratorError as exc:
        print(f"GeneratorError: {exc}", file=sys.stderr)
        return 1


def _versions(args: argparse.Namespace) -> list[str]:
    return args.api_version or list(lock.read(lock.PATH))


def _check_update(args: argparse.Namespace) -> int:
    statuses = update.check_updates(args.api_version, mirror=args.mirror, ref=args.ref)
    for status in statuses:
        print(status.line())
    found = [] if args.api_version else releases.unpinned(args.mirror, args.ref)
    for folder in found:
        print(folder.line())
    new = [f for f in found if f.is_release]
    return EXIT_CHANGED if any(s.changed for s in statuses) or new else 0


def _add_release(args: argparse.Namespace) -> int:
    added = releases.add_release(args.api_version, mirror=args.mirror, ref=args.ref, commit=args.commit)
    entry = added.entry
    print(
        f"{entry.api_version}: added to spec/lock.yaml at {entry.commit} (sha256 {entry.sha256[:12]}, package {entry.package_version})"
    )
    print(
        f"{entry.api_version}: changelog {added.changelog.relative_to(releases.ROOT)}, surface {added.snapshot.relative_to(releases.ROOT)}"
    )
    for name in added.restored:
        print(f"{entry.api_version}: restored schema {name} into spec/restored-schemas.yaml")
    for line in added.repairs:
        print(line)
    for warning in added.warnings:
        print(f"warning: {warning}")
    if added.note:
        print(f"{entry.api_version}: note: {added.note}")
    return 0


def _update_lock(args: argparse.Namespace) -> int:
    for version in _versions(args):
        result = update.update_lock(
            version, mirror=args.mirror, ref=args.ref, commit=args.commit, pinned_only=args.pinned, note=args.note
        )
        before, after = result.before, result.after
        what = "bumped" if result.bumped else "kept"
        bump = f" [{result.report.bump}]" if result.report else ""
        print(
            f"{version}: sha256 {before.sha256[:12]} -> {after.sha256[:12]}, serial {what} {before.serial} -> {after.serial}{bump}"
        )
        if result.note:
            print(f"{version}: note: {result.note}")
    return 0


def _diff(args: argparse.Namespace) -> int:
    if args.against_lock:
        if not args.api_version or args.old or args.new:
            raise GeneratorError("--against-lock takes --api-version V and no file arguments")
        entry = lock.entry(args.api_version, lock.PATH)
        old = fetch.fetch(entry, mirror=args.mirror)
        source = update.newest_source(entry, fetch.choose_mirror(args.mirror), args.ref)
        new_doc = validate.load_yaml(fetch.read_source(source), source)
        report = diff.diff_docs(diff.load(old), new_doc, old_label=f"lock {entry.commit[:7]}", new_label=source)
    else:
        if not (args.old and args.new):
            raise GeneratorError("give OLD.yaml and NEW.yaml, or --api-version V --against-lock")
        report = diff.diff_files(args.old, args.new)
    sys.stdout.write(report.as_json() if args.format == "json" else report.markdown())
    if args.fail_on_breaking and report.bump == "breaking":
        print(f"breaking changes: {report.counts['breaking']}", file=sys.stderr)
        return EXIT_BREAKING
    return 0


def _check(args: argparse.Namespace) -> int:
    problems = []
    for version in _versions(args):
        found = update.check(version, mirror=args.mirror)
        problems += found
        print(f"{version}: {'ok' if not found else 'DRIFT'}")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0
