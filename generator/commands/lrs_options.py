"""The options every LRS-reading or -writing command shares: ``--lrs URL`` and ``--credentials FILE``.

Not a command itself (it is in no COMMANDS row); ``score`` and ``push`` import it.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.lrs import credentials
from generator.lrs.client import Client, LrsError


def lrs_arguments(parser: argparse.ArgumentParser, purpose: str, required: bool = False) -> None:
    parser.add_argument(
        "--lrs",
        metavar="URL",
        required=required,
        help=f"{purpose}: the LRS's xAPI address (.../xAPI/ or .../xAPI/statements)",
    )
    parser.add_argument(
        "--credentials",
        type=Path,
        metavar="FILE",
        help="file with the LRS credential, one line 'username:password' (default: "
        f"${credentials.ENVIRONMENT}; never on the command line)",
    )


@contextmanager
def lrs_client(args: argparse.Namespace, command: str) -> Iterator[Client | None]:
    """A client for ``args.lrs``, credential from the file or the environment; ``None`` without --lrs."""
    if not args.lrs:
        if args.credentials:
            raise LrsError(f"{command}: --credentials goes with --lrs URL")
        yield None
        return
    client = Client(args.lrs, credentials.load(args.credentials))
    try:
        yield client
    finally:
        client.close()
