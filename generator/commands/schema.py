"""``repready schema``: (re)write the banks' JSON Schemas, or check that they are current."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.bank.schema import schema_texts, write_schemas
from generator.problems import EXIT_INVALID, EXIT_OK, OutputError

DESCRIPTION = "Write the JSON Schemas that editors use to check banks as you type."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, default=Path("assessments"), help="default: assessments")
    parser.add_argument("--check", action="store_true", help="fail if the files are out of date")


def run(args: argparse.Namespace) -> int:
    if args.check:
        stale = [name for name, text in schema_texts().items() if _read(args.out / name) != text]
        if stale:
            print(f"out of date: {', '.join(stale)}; run 'repready schema'", file=sys.stderr)
            return EXIT_INVALID
        print("schemas are up to date")
        return EXIT_OK
    try:
        written = write_schemas(args.out)
    except OSError as error:
        raise OutputError(f"{args.out}: cannot write: {error.strerror or error}") from None
    for path in written:
        print(f"wrote {path}")
    return EXIT_OK


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None  # missing, unreadable or not text: out of date all the same
