"""``repready``: validate banks, write quiz pages, publish the schema, score results.

``main(argv) -> int`` never calls ``sys.exit`` itself, so tests run it in-process.
Exit codes: 0 success, 1 invalid input (every problem printed first), 2 usage or
output errors.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from generator import __version__
from generator.bank.catalog import load_catalog
from generator.bank.schema import schema_texts, write_schemas
from generator.folders import OutputError
from generator.problems import EXIT_OK, EXIT_USAGE, InvalidInput
from generator.render.options import QUIZ_DIR, PageOptions
from generator.render.pages import environment, render_site_pages
from generator.site.files import write_tree


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        code: int = args.run(args)
        return code
    except InvalidInput as error:
        print(error.report(), file=sys.stderr)
        return error.exit_code
    except OutputError as error:
        print(f"repready: error: {error}", file=sys.stderr)
        return error.exit_code


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="repready", description="Sales-readiness quizzes from YAML banks, and reports from results."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    validate = commands.add_parser("validate", help="check every bank and print every problem")
    _bank_options(validate)
    validate.set_defaults(run=_validate)

    pages = commands.add_parser(
        "build-pages", help="write quiz pages as plain Markdown + assets (for engines without plugins)"
    )
    _bank_options(pages)
    pages.add_argument("--out", type=Path, required=True, help="folder to write (replaced whole)")
    pages.add_argument("--theme", type=Path, default=Path("theme"), help="theme folder (default: theme)")
    pages.add_argument("--site-url", default="", help="the portal's address, for xAPI ids")
    pages.add_argument("--quiz-dir", default=QUIZ_DIR, help="folder of quiz pages inside --out")
    pages.set_defaults(run=_build_pages)

    schema = commands.add_parser("schema", help="write the banks' JSON Schemas")
    schema.add_argument("--out", type=Path, default=Path("assessments"), help="default: assessments")
    schema.add_argument("--check", action="store_true", help="fail if the files are out of date")
    schema.set_defaults(run=_schema)

    from generator.score.cli import add_score_command

    add_score_command(commands)
    return parser


def _bank_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--banks", type=Path, default=Path("assessments"), help="default: assessments")
    parser.add_argument(
        "--docs",
        type=Path,
        default=Path("docs"),
        help="docs folder, to check training links (default: docs; skipped if missing)",
    )


def _docs(args: argparse.Namespace) -> Path | None:
    docs: Path = args.docs
    return docs if docs.is_dir() else None


def _validate(args: argparse.Namespace) -> int:
    catalog = load_catalog(args.banks, _docs(args))
    questions = sum(len(bank.module.questions) for bank in catalog.banks)
    print(f"{len(catalog.banks)} banks, {questions} questions: no problems")
    return EXIT_OK


def _build_pages(args: argparse.Namespace) -> int:
    catalog = load_catalog(args.banks, _docs(args))
    theme: Path | None = args.theme if args.theme.is_dir() else None
    env = environment([theme] if theme else [])
    pages = render_site_pages(catalog, env, PageOptions(home=args.site_url, quiz_dir=args.quiz_dir))
    count = write_tree(args.out, pages, theme)
    print(f"wrote {count} files to {args.out}")
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    if args.check:
        stale = [
            name
            for name, text in schema_texts().items()
            if not (args.out / name).is_file() or (args.out / name).read_text(encoding="utf-8") != text
        ]
        if stale:
            print(f"out of date: {', '.join(stale)}; run 'repready schema'", file=sys.stderr)
            return 1
        print("schemas are up to date")
        return EXIT_OK
    for path in write_schemas(args.out):
        print(f"wrote {path}")
    return EXIT_OK
