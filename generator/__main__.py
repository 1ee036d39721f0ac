"""Command line: `python -m generator generate --api-version 2.9 [--out DIR]`."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import commands as release_commands
from . import fetch, pipeline
from .errors import GeneratorError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    gen = commands.add_parser("generate", help="generate the SDK package for one API version")
    source = gen.add_mutually_exclusive_group()
    source.add_argument("--api-version", help="a version from spec/lock.yaml (default 2.9)")
    source.add_argument("--spec", type=Path, help="a local OpenAPI 3.0 description (no lock needed)")
    gen.add_argument("--out", type=Path, help="output folder (default generated/intercom-<version>)")
    gen.add_argument("--mirror", help=f"folder or http:// base replacing upstream (default ${fetch.MIRROR_ENV})")
    fetch_cmd = commands.add_parser("fetch", help="download and verify a pinned description")
    fetch_cmd.add_argument("--api-version", default="2.9")
    fetch_cmd.add_argument("--mirror")
    release_commands.add_parsers(commands)
    args = parser.parse_args(argv)
    if args.command in release_commands.NAMES:
        return release_commands.run(args)
    try:
        if args.command == "fetch":
            print(fetch.fetch(fetch.lock_entry(args.api_version), mirror=args.mirror))
            return 0
        started = time.perf_counter()
        src = pipeline.from_file(args.spec) if args.spec else pipeline.from_lock(args.api_version or "2.9", args.mirror)
        api = pipeline.generate(src, args.out)
    except GeneratorError as exc:
        print(f"GeneratorError: {exc}", file=sys.stderr)
        return 1
    for repair in api.repairs:
        print(f"repaired: {repair}")
    out = args.out or pipeline.GENERATED / f"intercom-{api.api_version}"
    print(
        f"generated {out} (intercom-sdk {api.package_version}): {len(api.operations)} operations, "
        f"{len(api.models)} models in {time.perf_counter() - started:.1f}s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
