"""``repready validate``: check every bank and print every problem."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.bank.catalog import load_catalog
from generator.problems import EXIT_OK

DESCRIPTION = "Check every bank and print every problem as path:line:col: error: message."


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


def run(args: argparse.Namespace) -> int:
    catalog = load_catalog(args.banks, docs_folder(args))
    questions = sum(len(bank.module.questions) for bank in catalog.banks)
    print(f"{len(catalog.banks)} banks, {questions} questions: no problems")
    return EXIT_OK
