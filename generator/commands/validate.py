"""``repready validate``: check every bank and print every problem."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.bank.catalog import load_catalog
from generator.problems import EXIT_OK

DESCRIPTION = (
    "Check every bank and print every problem as path:line:col: error: message, and the "
    "item-writing flaws that make questions guessable as warnings (which do not fail)."
)


def add_bank_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--banks", type=Path, default=Path("assessments"), help="default: assessments")
    parser.add_argument(
        "--docs",
        type=Path,
        default=Path("docs"),
        help="docs folder, to check training links (default: docs; skipped if missing)",
    )


def docs_folder(args: argparse.Namespace) -> Path | None:
    docs: Path = args.docs
    return docs if docs.is_dir() else None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_bank_arguments(parser)
    parser.add_argument(
        "--no-item-writing",
        dest="item_writing",
        action="store_false",
        help="skip the item-writing checks (warnings about guessable questions)",
    )


def run(args: argparse.Namespace) -> int:
    catalog = load_catalog(args.banks, docs_folder(args), item_writing=args.item_writing)
    for warning in catalog.warnings:
        print(warning)
    questions = sum(len(bank.module.questions) for bank in catalog.banks)
    found = len(catalog.warnings)
    warnings = f"{found} {'warning' if found == 1 else 'warnings'}" if found else "no problems"
    print(f"{len(catalog.banks)} banks, {questions} questions: {'no errors, ' if found else ''}{warnings}")
    return EXIT_OK
