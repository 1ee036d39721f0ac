"""Command line: `python -m generator generate --api-version 2.9 [--out DIR]`."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .pipeline import fetch

from . import lock, pipeline
from .errors import GeneratorError

# Commands defined here; the release commands (generator/release/commands.py) import the spec
# validator and the differ, which a no-op `generate` should not wait for.
OWN_COMMANDS = ("generate", "fetch")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    gen = commands.add_parser("generate", help="generate the SDK package for one API version")
    source = gen.add_mutually_exclusive_group()
    source.add_argument("--api-version", help="a version from spec/lock.yaml (default 2.9)")
    source.add_argument("--spec", type=Path, help="a local OpenAPI 3.0 description (no lock needed)")
    gen.add_argument("--out", type=Path, help="output folder (default generated/intercom-<version>)")
    gen.add_argument("--mirror", help=f"folder or http:// base replacing upstream (default ${fetch.MIRROR_ENV})")
    gen.add_argument("--force", action="store_true", help="regenerate even if inputs and output are unchanged")
    fetch_cmd = commands.add_parser("fetch", help="download and verify a pinned description")
    fetch_cmd.add_argument("--api-version", default="2.9")
    fetch_cmd.add_argument("--mirror")
    if not argv or argv[0] not in OWN_COMMANDS:
        from .release import commands as release_commands

        release_commands.add_parsers(commands)
    args = parser.parse_args(argv)
    if args.command not in OWN_COMMANDS:
        return release_commands.run(args)
    try:
        if args.command == "fetch":
            print(fetch.fetch(lock.entry(args.api_version), mirror=args.mirror))
            return 0
        started = time.perf_counter()
        src = pipeline.from_file(args.spec) if args.spec else pipeline.from_lock(args.api_version or "2.9", args.mirror)
        report = pipeline.generate(src, args.out, reuse=not args.force)
    except GeneratorError as exc:
        print(f"GeneratorError: {exc}", file=sys.stderr)
        return 1
    for line in report.repairs:
        print(line)
    for warning in report.warnings:
        print(f"warning: {warning}")
    verb = "unchanged" if report.reused else "generated"
    print(
        f"{verb} {report.out} (intercom-sdk {report.package_version}): {report.operations} operations, "
        f"{report.models} models in {time.perf_counter() - started:.1f}s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
