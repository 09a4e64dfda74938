"""The optional roster: ``rep_id,name,team,manager``, one row per rep.

Problems are collected with their line and reported together, like the bank validator.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.problems import InvalidInput, Problem, display_path
from generator.results.statement import PERSON_ID
from generator.score.text import clean

COLUMNS = ("rep_id", "name", "team", "manager")
MAX_ROSTER_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class RosterRow:
    rep: str
    name: str
    team: str
    manager: str
    line: int


def read_roster(path: Path) -> dict[str, RosterRow]:
    """Rows by rep id; raises :class:`InvalidInput` with every problem of the file."""
    shown = display_path(path)
    problems: list[Problem] = []
    rows: dict[str, RosterRow] = {}
    for line, cells in read_table(path, COLUMNS, "roster", problems):
        rep = cells["rep_id"].strip()
        if not PERSON_ID.fullmatch(rep):
            problems.append(
                Problem(
                    shown,
                    line,
                    1,
                    f"rep_id must be 1-64 letters, digits or _ . @ -; found '{clean(rep, 40)}'",
                )
            )
            continue
        if rep in rows:
            problems.append(Problem(shown, line, 1, f"rep_id '{rep}' repeats line {rows[rep].line}"))
            continue
        rows[rep] = RosterRow(
            rep=rep,
            name=clean(cells["name"]) or rep,
            team=clean(cells["team"]) or NO_TEAM,
            manager=clean(cells["manager"]),
            line=line,
        )
    if problems:
        raise InvalidInput(problems)
    return rows


def read_table(
    path: Path, columns: Sequence[str], what: str, problems: list[Problem]
) -> Iterator[tuple[int, dict[str, str]]]:
    """The non-empty rows of a small CSV with a header naming ``columns`` (in any order, among others),
    as ``(line, {column: cell})``. A file that cannot be read at all raises :class:`InvalidInput`;
    a short row is added to ``problems`` and skipped. ``what`` names the file in messages."""
    shown = display_path(path)
    try:
        if path.stat().st_size > MAX_ROSTER_BYTES:
            raise InvalidInput([Problem(shown, 0, 0, f"{what} is larger than 16 MiB")])
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidInput([Problem(shown, 0, 0, f"cannot read {what}: {error}")]) from None
    reader = csv.reader(text.splitlines())
    try:
        yield from _rows(reader, shown, columns, what, problems)
    except csv.Error as error:
        # The csv module refuses a field over its limit (128 KiB) and a few malformed quotings.
        raise InvalidInput(
            [Problem(shown, reader.line_num, 1, f"cannot read this row: {error}; a {what} field is one line")]
        ) from None


def _rows(
    reader: Iterator[list[str]], shown: str, columns: Sequence[str], what: str, problems: list[Problem]
) -> Iterator[tuple[int, dict[str, str]]]:
    header = next(reader, None)
    if header is None:
        raise InvalidInput([Problem(shown, 1, 1, f"empty {what}; expected the header {','.join(columns)}")])
    names = [h.strip().lower() for h in header]
    missing = [c for c in columns if c not in names]
    if missing:
        raise InvalidInput(
            [Problem(shown, 1, 1, f"missing column(s) {', '.join(missing)}; expected {','.join(columns)}")]
        )
    index = {c: names.index(c) for c in columns}
    for line, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(names):
            problems.append(Problem(shown, line, 1, f"expected {len(names)} fields, found {len(row)}"))
            continue
        yield line, {c: row[i] for c, i in index.items()}


NO_TEAM = "(no team)"
