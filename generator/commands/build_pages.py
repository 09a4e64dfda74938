"""``repready build-pages``: quiz pages as plain Markdown + assets, for engines without plugins."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.bank.catalog import load_catalog
from generator.commands.validate import add_bank_arguments, docs_folder
from generator.lrs.client import statements_url
from generator.problems import EXIT_OK
from generator.render.options import LRS_SCRIPT, QUIZ_DIR, PageOptions
from generator.render.pages import environment, render_site_pages
from generator.site.files import write_tree

DESCRIPTION = "Write quiz pages as plain Markdown + assets, for engines without MkDocs plugins."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_bank_arguments(parser)
    parser.add_argument("--out", type=Path, required=True, help="folder to write (replaced whole)")
    parser.add_argument("--theme", type=Path, default=Path("theme"), help="theme folder (default: theme)")
    parser.add_argument("--site-url", default="", help="the portal's address, for xAPI ids")
    parser.add_argument("--quiz-dir", default=QUIZ_DIR, help="folder of quiz pages inside --out")
    parser.add_argument(
        "--lrs-endpoint",
        default="",
        metavar="URL",
        help=f"the LRS's xAPI address: quiz pages send each attempt there (list {LRS_SCRIPT} "
        "before quiz.js in the engine's extra_javascript)",
    )


def run(args: argparse.Namespace) -> int:
    catalog = load_catalog(args.banks, docs_folder(args))
    theme: Path | None = args.theme if args.theme.is_dir() else None
    env = environment([theme] if theme else [])
    lrs = statements_url(args.lrs_endpoint) if args.lrs_endpoint else ""
    options = PageOptions(home=args.site_url, quiz_dir=args.quiz_dir, lrs=lrs)
    pages = render_site_pages(catalog, env, options)
    docs = docs_folder(args)
    inputs = [args.banks, *([docs] if docs else []), *([theme] if theme else [])]
    count = write_tree(args.out, pages, theme, inputs)
    print(f"wrote {count} files to {args.out}")
    if lrs:
        print(f"quiz pages send to {lrs}: load {LRS_SCRIPT} before quiz.js on every page")
    return EXIT_OK
