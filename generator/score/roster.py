"""The optional roster: ``rep_id,name,team,manager``, one row per rep.

Problems are collected with their line and reported together, like the bank validator.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from generator.problems import InvalidInput, Problem, display_path
from generator.results.statement import PERSON_ID, person_key
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
    try:
        if path.stat().st_size > MAX_ROSTER_BYTES:
            raise InvalidInput([Problem(shown, 0, 0, "roster is larger than 16 MiB")])
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidInput([Problem(shown, 0, 0, f"cannot read roster: {error}")]) from None
    reader = csv.reader(text.splitlines())
    problems: list[Problem] = []
    rows: dict[str, RosterRow] = {}
    header = next(reader, None)
    if header is None:
        raise InvalidInput([Problem(shown, 1, 1, f"empty roster; expected the header {','.join(COLUMNS)}")])
    names = [h.strip().lower() for h in header]
    missing = [c for c in COLUMNS if c not in names]
    if missing:
        raise InvalidInput(
            [Problem(shown, 1, 1, f"missing column(s) {', '.join(missing)}; expected {','.join(COLUMNS)}")]
        )
    index = {c: names.index(c) for c in COLUMNS}
    for line, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(names):
            problems.append(Problem(shown, line, 1, f"expected {len(names)} fields, found {len(row)}"))
            continue
        rep = row[index["rep_id"]].strip()
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
        rep = person_key(rep)  # as the statements' ids are compared
        if rep in rows:
            problems.append(Problem(shown, line, 1, f"rep_id '{rep}' repeats line {rows[rep].line}"))
            continue
        rows[rep] = RosterRow(
            rep=rep,
            name=clean(row[index["name"]]) or rep,
            team=clean(row[index["team"]]) or NO_TEAM,
            manager=clean(row[index["manager"]]),
            line=line,
        )
    if problems:
        raise InvalidInput(problems)
    return rows


NO_TEAM = "(no team)"
