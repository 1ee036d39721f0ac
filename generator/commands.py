"""The release subcommands: check-update, update-lock, diff and check (see docs/versioning.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from . import diff, fetch, update, validate
from .errors import GeneratorError

NAMES = ("check-update", "update-lock", "diff", "check")
EXIT_CHANGED = 10  # check-update: some description moved upstream
EXIT_BREAKING = 2  # diff --fail-on-breaking


def add_parsers(commands: Any) -> None:
    mirror_help = f"folder or http:// base replacing upstream (default ${fetch.MIRROR_ENV})"
    ref_help = f"upstream branch or tag holding the newest revision (default ${update.REF_ENV} or {update.DEFAULT_REF})"

    cu = commands.add_parser("check-update", help="compare the newest upstream descriptions with the lock (exit 10 if changed)")
    cu.add_argument("--api-version", action="append", help="only this version (repeatable; default all)")
    cu.add_argument("--mirror", help=mirror_help)
    cu.add_argument("--ref", help=ref_help)

    ul = commands.add_parser("update-lock", help="move lock entries to the newest descriptions, bump serials, write changelogs")
    ul.add_argument("--api-version", action="append", help="only this version (repeatable; default all)")
    ul.add_argument("--mirror", help=mirror_help)
    ul.add_argument("--ref", help=ref_help)
    ul.add_argument("--commit", help="the upstream commit of the new file (resolved from --ref when reading upstream)")
    ul.add_argument("--pinned", action="store_true", help="keep the pinned descriptions; only re-record output_sha256")

    df = commands.add_parser("diff", help="semantic diff of two descriptions")
    df.add_argument("old", nargs="?", type=Path)
    df.add_argument("new", nargs="?", type=Path)
    df.add_argument("--api-version", help="with --against-lock: the version to compare")
    df.add_argument("--against-lock", action="store_true", help="the lock's pinned file against the newest revision")
    df.add_argument("--mirror", help=mirror_help)
    df.add_argument("--ref", help=ref_help)
    df.add_argument("--format", choices=("markdown", "json"), default="markdown")
    df.add_argument("--fail-on-breaking", action="store_true", help=f"exit {EXIT_BREAKING} when a change is breaking")

    ck = commands.add_parser("check", help="drift check: the lock is reproducible and the output matches output_sha256")
    ck.add_argument("--api-version", action="append", help="only this version (repeatable; default all)")
    ck.add_argument("--mirror", help=mirror_help)


def run(args: argparse.Namespace) -> int:
    try:
        return {"check-update": _check_update, "update-lock": _update_lock, "diff": _diff, "check": _check}[args.command](args)
    except GeneratorError as exc:
        print(f"GeneratorError: {exc}", file=sys.stderr)
        return 1


def _versions(args: argparse.Namespace) -> list[str]:
    return args.api_version or list(fetch.read_lock(fetch.LOCK_PATH))


def _check_update(args: argparse.Namespace) -> int:
    statuses = update.check_updates(args.api_version, mirror=args.mirror, ref=args.ref)
    for status in statuses:
        print(status.line())
    return EXIT_CHANGED if any(s.changed for s in statuses) else 0


def _update_lock(args: argparse.Namespace) -> int:
    for version in _versions(args):
        result = update.update_lock(version, mirror=args.mirror, ref=args.ref, commit=args.commit, pinned_only=args.pinned)
        before, after = result.before, result.after
        what = "bumped" if result.bumped else "kept"
        bump = f" [{result.report.bump}]" if result.report else ""
        print(f"{version}: sha256 {before.sha256[:12]} -> {after.sha256[:12]}, serial {what} {before.serial} -> {after.serial}{bump}")
        if result.note:
            print(f"{version}: note: {result.note}")
    return 0


def _diff(args: argparse.Namespace) -> int:
    if args.against_lock:
        if not args.api_version or args.old or args.new:
            raise GeneratorError("--against-lock takes --api-version V and no file arguments")
        entry = fetch.lock_entry(args.api_version, fetch.LOCK_PATH)
        old = fetch.fetch(entry, mirror=args.mirror)
        source = update.newest_source(entry, update.mirror_or_env(args.mirror), args.ref)
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
