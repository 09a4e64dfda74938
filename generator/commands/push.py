"""``repready push FILES --lrs URL``: upload exported results to a Learning Record Store, idempotently.

For reps who worked offline, or results collected by e-mail before the LRS existed. Every
statement keeps its id, so pushing the same file twice stores nothing twice: the LRS answers
an identical statement with 204 (already there). A statement whose id the LRS holds with other
content is a conflict (409): it is reported with its file and record, the others are still sent.

Exit codes: 0 every statement stored or already there; 1 some files, records or statements were
rejected or conflicted (the rest was sent); 2 usage, or the LRS cannot be reached or refuses the
credential (what was sent before that stays sent; sending again is safe).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.commands.lrs_options import lrs_arguments, lrs_client
from generator.lrs.client import Client
from generator.problems import EXIT_INVALID, EXIT_OK, EXIT_USAGE, display_path
from generator.results.reader import Limits, Rejection, UsageError, discover, read_file

DESCRIPTION = (
    "Upload results files exported by the portal to a Learning Record Store. Safe to repeat: "
    "statements already stored are not stored again; a statement stored with other content is "
    "reported as a conflict."
)
BATCH = 100  # statements per POST: one page's worth, well under any LRS's request size limit
SHOWN = 20


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files",
        nargs="+",
        type=Path,
        metavar="FILES",
        help="results files (.json, .jsonl) or folders of them",
    )
    lrs_arguments(parser, "send to this Learning Record Store", required=True)


@dataclass
class Tally:
    statements: int = 0
    stored: int = 0
    present: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    conflicts: list[Rejection] = field(default_factory=list)


def run(args: argparse.Namespace) -> int:
    try:
        files = discover(args.files)
    except UsageError as error:
        print(f"repready push: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    if not files:
        print("repready push: error: no results files (*.json, *.jsonl, *.ndjson) found", file=sys.stderr)
        return EXIT_INVALID
    tally = Tally()
    with lrs_client(args, "repready push") as client:
        assert client is not None  # --lrs is required
        for path in files:
            for batch in _batches(path, tally.rejections):
                _send(client, batch, tally)
        where = client.url
    print(
        f"repready push: {len(files)} files, {tally.statements} statements sent to {where}: "
        f"{tally.stored} stored, {tally.present} already there"
        + (f", {len(tally.conflicts)} conflicts" if tally.conflicts else "")
        + (f", {len(tally.rejections)} files or records rejected" if tally.rejections else ""),
        file=sys.stderr,
    )
    problems = sorted(tally.rejections) + tally.conflicts
    for problem in problems[:SHOWN]:
        print(f"  {problem}", file=sys.stderr)
    if len(problems) > SHOWN:
        print(f"  ... and {len(problems) - SHOWN} more", file=sys.stderr)
    return EXIT_INVALID if problems else EXIT_OK


Located = tuple[Rejection, dict[str, Any]]  # where the statement is, and the statement


def _batches(path: Path, rejections: list[Rejection]) -> Iterator[list[Located]]:
    shown = display_path(path)
    records = read_file(path, rejections, Limits())
    batch: list[Located] = []
    for position, value in records.items:
        place = records.where(shown, position)
        if not isinstance(value, dict) or not isinstance(value.get("id"), str) or not value["id"]:
            # Without an id the LRS would give it a new one on every push: it would be stored twice.
            rejections.append(
                Rejection(place.path, place.line, place.record, "not a statement with an 'id'; not sent")
            )
            continue
        batch.append((place, value))
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _send(client: Client, batch: list[Located], tally: Tally) -> None:
    """POST the batch; on a conflict (the LRS then stores none of it) send one by one to find it."""
    posted = client.post([statement for _, statement in batch])
    if posted.status != 409:
        tally.statements += len(batch)
        tally.stored += len(posted.stored)
        tally.present += len(batch) - len(posted.stored)
        return
    if len(batch) > 1:
        for one in batch:
            _send(client, [one], tally)
        return
    place, statement = batch[0]
    tally.statements += 1
    tally.conflicts.append(
        Rejection(
            place.path,
            place.line,
            place.record,
            f"conflict: the LRS holds statement {statement['id']} with other content ({posted.conflict}); "
            "not sent",
        )
    )
