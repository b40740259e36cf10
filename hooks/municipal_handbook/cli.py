"""Command line for contributors and CI: `python -m hooks.municipal_handbook check`."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .handbook import load_handbook


def check(root: Path, language: str) -> int:
    result = load_handbook(root)
    for problem in result.problems:
        print(problem.format(language), file=sys.stderr)
    if result.problems:
        files = len({p.path for p in result.problems})
        print(f"{len(result.problems)} problem(s) in {files} file(s).", file=sys.stderr)
        return 1
    handbook = result.handbook
    print(f"OK: {len(handbook.cases)} cases, {len(handbook.methods)} methods, taxonomy fine.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hooks.municipal_handbook",
                                     description="Tools for the methods handbook's content.")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: current)")
    parser.add_argument("--lang", choices=("en", "de"), default=None,
                        help="language of messages (default: HANDBOOK_LANG or English)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="check every method and case against the content contract")
    arguments = parser.parse_args(argv)
    language = arguments.lang or ("de" if os.environ.get("HANDBOOK_LANG", "").startswith("de") else "en")
    if arguments.command == "check":
        return check(arguments.root, language)
    return 2
