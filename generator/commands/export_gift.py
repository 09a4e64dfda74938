"""``repready export-gift``: banks -> Moodle GIFT files, one per module, all or nothing."""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

from generator.commands.validate import add_bank_arguments, docs_folder
from generator.problems import EXIT_OK, InvalidInput, OutputError, Problem

DESCRIPTION = (
    "Write banks as Moodle GIFT files into --out (replaced whole), one per module. What GIFT cannot "
    "hold (ordering, Likert, shared scenario text, all-or-nothing scoring) is reported as a warning "
    "and, where Moodle has a close form, written that way with a comment."
)
MARKER = ".repready-export-gift"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("modules", nargs="*", metavar="MODULE", help="module ids (default: every bank)")
    add_bank_arguments(parser)
    parser.add_argument("--out", type=Path, required=True, help="folder for the .gift files (replaced whole)")


def run(args: argparse.Namespace) -> int:
    from generator.bank.catalog import load_catalog
    from generator.folders import replace_folder
    from generator.interop.gift.writer import write_module

    catalog = load_catalog(args.banks, docs_folder(args))
    unknown = [m for m in args.modules if m not in catalog.modules]
    if unknown:
        hints = [difflib.get_close_matches(m, list(catalog.modules), n=1) for m in unknown]
        named = ", ".join(
            f"'{m}'" + (f" (did you mean '{h[0]}'?)" if h else "")
            for m, h in zip(unknown, hints, strict=True)
        )
        raise OutputError(f"no such module: {named}; expected one of: {', '.join(sorted(catalog.modules))}")
    chosen = [catalog.modules[m] for m in args.modules] if args.modules else catalog.banks
    files: dict[str, str] = {}
    problems: list[Problem] = []
    questions = 0
    for bank in chosen:
        topic = catalog.topics.get(bank.module.topic)
        exported = write_module(bank.module, bank.path, topic.title if topic else None)
        problems.extend(exported.problems)
        if exported.questions:
            files[f"{bank.module.id}.gift"] = exported.text
            questions += exported.questions
        else:
            problems.append(
                Problem(
                    bank.path,
                    1,
                    1,
                    f"module '{bank.module.id}' has no question GIFT can hold: no file",
                    "warning",
                )
            )
    if not files:
        raise InvalidInput([*problems, Problem(str(args.banks), 0, 0, "nothing to export")])
    replace_folder(args.out, files, command="repready export-gift", marker=MARKER)
    for problem in sorted(problems):
        print(problem, file=sys.stderr)
    print(f"wrote {questions} questions in {len(files)} GIFT files to {args.out}")
    return EXIT_OK
