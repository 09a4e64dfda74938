"""``repready``: validate banks, write quiz pages, publish the schema, score results.

``main(argv) -> int`` never calls ``sys.exit`` itself, so tests run it in-process.
Exit codes (:mod:`generator.problems`): 0 success, 1 invalid input (every problem printed
first), 2 usage or output errors.

Each command lives in its own module of :mod:`generator.commands`; :data:`COMMANDS` names
them, and only the one that runs is imported, so ``repready --help`` stays instant.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import Protocol

from generator import __version__
from generator.problems import EXIT_USAGE, InvalidInput, OutputError, printable

#: command name -> (module in generator.commands, one-line help). Add a command here and nowhere else.
COMMANDS: dict[str, tuple[str, str]] = {
    "validate": ("validate", "check every bank and print every problem"),
    "build-pages": (
        "build_pages",
        "write quiz pages as plain Markdown + assets (for engines without plugins)",
    ),
    "schema": ("schema", "write the banks' JSON Schemas"),
    "score": ("score", "re-grade exported results; write gap, assignment and item-analysis reports"),
    "push": ("push", "upload exported results files to a Learning Record Store (safe to repeat)"),
    "links": ("links", "write each rep's personal start link from the roster"),
}


class Command(Protocol):
    DESCRIPTION: str

    def add_arguments(self, parser: argparse.ArgumentParser) -> None: ...

    def run(self, args: argparse.Namespace) -> int: ...


def load(name: str) -> Command:
    module: Command = importlib.import_module(f"generator.commands.{COMMANDS[name][0]}")
    return module


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    chosen = next((a for a in argv if not a.startswith("-")), None)
    parser = _parser(chosen if chosen in COMMANDS else None)
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
        print(printable(f"repready: error: {error}"), file=sys.stderr)
        return error.exit_code


def _parser(chosen: str | None) -> argparse.ArgumentParser:
    """Every command is listed; only ``chosen`` is imported to add its options."""
    parser = argparse.ArgumentParser(
        prog="repready", description="Sales-readiness quizzes from YAML banks, and reports from results."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    for name, (_, summary) in COMMANDS.items():
        if name != chosen:
            commands.add_parser(name, help=summary)
            continue
        command = load(name)
        sub = commands.add_parser(name, help=summary, description=command.DESCRIPTION)
        command.add_arguments(sub)
        sub.set_defaults(run=command.run)
    return parser
