"""``repready validate``: check every bank and print every problem."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.bank.catalog import Catalog, load_catalog
from generator.problems import EXIT_OK, InvalidInput, Problem, display_path

DESCRIPTION = (
    "Check every bank and print every problem as path:line:col: error: message, and the "
    "item-writing flaws that make questions guessable as warnings (which do not fail)."
)


def add_bank_arguments(parser: argparse.ArgumentParser, docs_for: str = "to check training links") -> None:
    parser.add_argument("--banks", type=Path, default=Path("assessments"), help="default: assessments")
    parser.add_argument(
        "--docs",
        type=Path,
        default=Path("docs"),
        help=f"docs folder, {docs_for} (default: docs; skipped if missing)",
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
    parser.add_argument(
        "--config",
        type=Path,
        default=Path("mkdocs.yml"),
        help="site config, to check its nav lists every quiz (default: mkdocs.yml; skipped if missing)",
    )


def run(args: argparse.Namespace) -> int:
    catalog = load_catalog(args.banks, docs_folder(args), item_writing=args.item_writing)
    for warning in catalog.warnings:
        print(warning)
    if args.config.is_file():
        _check_nav(catalog, args.config)
    questions = sum(len(bank.module.questions) for bank in catalog.banks)
    found = len(catalog.warnings)
    warnings = f"{found} {'warning' if found == 1 else 'warnings'}" if found else "no problems"
    print(f"{len(catalog.banks)} banks, {questions} questions: {'no errors, ' if found else ''}{warnings}")
    return EXIT_OK


def _check_nav(catalog: Catalog, config_path: Path) -> None:
    """An explicit nav must list every quiz page: the strict build would fail on the one it omits."""
    from generator.render.options import PageOptions
    from generator.site.config import load_site_config
    from generator.site.nav import missing_from_nav, missing_message, quiz_entries

    config = load_site_config(config_path)
    options = PageOptions(quiz_dir=config.plugin_option("quiz_dir", "quizzes"))
    missing = missing_from_nav(config.data.get("nav"), quiz_entries(catalog, options), options.quiz_dir)
    where = display_path(config_path)
    if missing:
        message = [missing_message(entry, options.quiz_dir) for entry in missing]
        raise InvalidInput([Problem(where, config.nav_line, 1, text) for text in message])
