"""``repready score RESULTS...``: re-grade exported results and write the reports.

Exit codes (also in docs/managers/run-the-scorer.md):

* 0 - reports written (rejected files or records, if any, are listed on stderr and in the report);
* 1 - invalid input: the banks or the roster do not validate, no results file was found,
  or ``--strict`` and something was rejected (then nothing is written);
* 2 - usage: bad options, a RESULTS path that does not exist, an ``--out`` folder
  that ``repready score`` did not write, or an ``--lrs`` that cannot be read (nothing is written).
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

from generator.bank.catalog import load_catalog
from generator.commands.lrs_options import lrs_arguments, lrs_client
from generator.commands.validate import add_bank_arguments
from generator.lrs.client import LrsError
from generator.problems import EXIT_INVALID, EXIT_OK, EXIT_USAGE, OutputError, printable
from generator.report.output import check_reports_folder, write_reports
from generator.report.render import QUALITY_CSV, render_reports
from generator.results.reader import Limits, MiB, UsageError, discover
from generator.score.parallel import collector_paused
from generator.score.roster import read_roster
from generator.score.run import Feed, ScoreOptions, Scoring, score

SHOWN_ON_STDERR = 20
PARALLEL_MIN_REPS = 500  # render the HTML report in a second process above this


DESCRIPTION = (
    "Re-grade xAPI results exported by the portal (or dumped by an LRS) against the banks "
    "and write the manager report, assignments and the trainers' item analysis."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "results",
        nargs="*",
        type=Path,
        metavar="RESULTS",
        help="results files (.json exports or arrays, .jsonl) or folders of them (optional with --lrs)",
    )
    lrs_arguments(parser, "read every statement from this Learning Record Store as well")
    parser.add_argument(
        "--since",
        type=_moment,
        metavar="ISO",
        help="with --lrs: only statements the LRS stored after this date and time",
    )
    add_bank_arguments(parser, "for the titles of training pages")
    parser.add_argument("--roster", type=Path, help="CSV with rep_id,name,team,manager")
    parser.add_argument(
        "--out", type=Path, default=Path("reports"), help="folder to write (default: reports)"
    )
    parser.add_argument("--strict", action="store_true", help="fail (exit 1, write nothing) on any rejection")
    parser.add_argument(
        "--min-evidence",
        type=_positive,
        default=3,
        metavar="N",
        help="answered questions a competency needs before it is called a gap or mastered (default: 3)",
    )
    parser.add_argument(
        "--min-n",
        type=_positive,
        default=20,
        metavar="N",
        help="attempts a question or scale needs for item statistics (default: 20)",
    )
    parser.add_argument(
        "--gap-threshold",
        type=_share,
        metavar="X",
        help="mastery below X (0-1) is a gap, for every competency (default: each module's "
        "own mastery threshold)",
    )
    parser.add_argument(
        "--site-url",
        metavar="URL",
        help="the portal's address, for plan and quiz links (default: the one the statements name)",
    )
    parser.add_argument(
        "--max-document-mb",
        type=_positive,
        default=64,
        metavar="MB",
        help="largest single JSON document read whole (default: 64); JSON Lines have no limit",
    )
    parser.add_argument(
        "--jobs",
        type=_positive,
        default=min(4, os.cpu_count() or 1),
        metavar="N",
        help="processes reading results in parallel (default: the number of cores, at most 4)",
    )
    parser.add_argument(
        "--now",
        type=_moment,
        metavar="ISO",
        help="take this as the current time (timestamps after it are rejected; the reports "
        "show it); for reproducible reports",
    )


def run(args: argparse.Namespace) -> int:
    if not args.results and not args.lrs:
        print("repready score: error: name RESULTS files or folders, or an --lrs to read", file=sys.stderr)
        return EXIT_USAGE
    if args.since and not args.lrs:
        print("repready score: error: --since reads from an LRS: add --lrs URL", file=sys.stderr)
        return EXIT_USAGE
    try:
        files = discover(args.results)
    except UsageError as error:
        print(printable(f"repready score: error: {error}"), file=sys.stderr)
        return EXIT_USAGE
    if not files and not args.lrs:
        print(
            "repready score: error: no results files (*.json, *.jsonl, *.ndjson) found in "
            + ", ".join(str(p) for p in args.results),
            file=sys.stderr,
        )
        return EXIT_INVALID
    inputs = [*files, args.banks, *([args.roster] if args.roster else [])]
    try:
        check_reports_folder(args.out, inputs)
    except OutputError as error:
        print(printable(f"repready score: error: {error}"), file=sys.stderr)
        return error.exit_code
    catalog = load_catalog(args.banks)
    roster = read_roster(args.roster) if args.roster else None
    options = ScoreOptions(
        now=args.now or datetime.now(UTC),
        min_evidence=args.min_evidence,
        min_n=args.min_n,
        gap_threshold=args.gap_threshold,
        site_url=args.site_url,
        docs_dir=args.docs if args.docs.is_dir() else None,
        limits=Limits(max_document_bytes=args.max_document_mb * MiB),
        jobs=args.jobs,
    )
    with collector_paused(), lrs_client(args, "repready score") as client:
        feeds = [Feed(client.url, client.pages(args.since))] if client else []
        try:
            scoring = score(files, catalog, options, roster, feeds)
        except LrsError as error:
            print(f"repready score: error: {error}; no reports written", file=sys.stderr)
            return error.exit_code
        if summarize(scoring, args.out, strict=args.strict):
            return EXIT_INVALID
        try:
            parallel = args.jobs > 1 and len(scoring.reps) >= PARALLEL_MIN_REPS
            write_reports(args.out, render_reports(scoring, parallel=parallel), inputs)
        except OutputError as error:
            print(printable(f"repready score: error: {error}"), file=sys.stderr)
            return error.exit_code
    print(f"repready score: wrote reports for {len(scoring.reps)} reps to {args.out}", file=sys.stderr)
    return EXIT_OK


def summarize(scoring: Scoring, out: Path, strict: bool) -> bool:
    """Print the run's summary and its rejections on stderr; ``True`` if ``strict`` makes them fatal."""
    q = scoring.quality
    problems = len(q.rejections) + len(q.conflicts)
    parts = [
        f"{len(q.files)} files, {q.statements} records: {q.accepted} statements used",
        f"{q.duplicates} duplicates counted once" if q.duplicates else "",
        f"{q.rejected_files} files and {q.rejected_records} records rejected" if q.rejections else "",
        f"{len(q.conflicts)} conflicting statement ids" if q.conflicts else "",
        f"{len(q.changed)} questions changed since answered" if q.changed else "",
        f"{sum(q.ignored.values())} statements ignored (not RepReady's)" if q.ignored else "",
    ]
    print("repready score: " + "; ".join(p for p in parts if p), file=sys.stderr)
    for rejection in q.rejections[:SHOWN_ON_STDERR]:
        print(f"  {rejection}", file=sys.stderr)
    for sid, places in list(q.conflicts.items())[: max(0, SHOWN_ON_STDERR - len(q.rejections))]:
        where = "; ".join(str(p).rstrip(": ") for p in places)
        print(f"  conflict: statement {sid} has different content in {where}", file=sys.stderr)
    if problems > SHOWN_ON_STDERR:
        print(f"  ... and {problems - SHOWN_ON_STDERR} more in {out / QUALITY_CSV}", file=sys.stderr)
    if strict and problems:
        print(f"repready score: --strict: {problems} rejected; no reports written", file=sys.stderr)
        return True
    return False


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, found '{text}'") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected 1 or more, found {value}")
    return value


def _share(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number from 0 to 1, found '{text}'") from None
    if not 0 < value <= 1:
        raise argparse.ArgumentTypeError(f"expected a number above 0 and at most 1, found {value}")
    return value


def _moment(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected an ISO 8601 date and time, found '{text}'") from None
    return value if value.tzinfo else value.replace(tzinfo=UTC)
