"""Find results files and stream their records, one file at a time, within size limits.

Three layouts are accepted, told apart by content rather than by name:

* the portal's export, ``{"statements": [...]}`` (also an LRS page with ``"more"``);
* a plain JSON array of statements (or one statement object);
* JSON Lines, one statement per line, as LRSs dump them (``.jsonl``/``.ndjson``,
  or any file whose first line is a complete JSON object followed by more lines).

A JSON document must be parsed whole, so it is capped (:attr:`Limits.max_document_bytes`);
JSON Lines are streamed line by line and only a single line is capped, so a
200 MB dump costs the memory of one line. Every file or record that cannot be
read becomes a :class:`Rejection` with a reason, and reading goes on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from generator.problems import display_path, printable

RESULT_SUFFIXES = (".json", ".jsonl", ".ndjson")
LINE_SUFFIXES = (".jsonl", ".ndjson")
MiB = 1024 * 1024
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Limits:
    """How much one input may cost. Documented in docs/managers/run-the-scorer.md."""

    max_document_bytes: int = 64 * MiB
    """A single JSON document (export or array) is parsed whole; larger ones are rejected."""
    max_line_bytes: int = 1 * MiB
    """One line of JSON Lines, i.e. one statement."""


@dataclass(frozen=True, order=True)
class Rejection:
    """A file, a line or a record that was skipped, and why. ``line``/``record`` are 1-based, 0 if unknown."""

    path: str
    line: int = 0
    record: int = 0
    reason: str = ""

    def __str__(self) -> str:
        if self.line:
            return printable(f"{self.path}:{self.line}: {self.reason}")
        if self.record:
            return printable(f"{self.path}: record {self.record}: {self.reason}")
        return printable(f"{self.path}: {self.reason}")


class UsageError(Exception):
    """A RESULTS argument that names nothing: the command line is wrong, not the data."""

    exit_code = 2


def discover(paths: Iterable[Path]) -> list[Path]:
    """Every results file named or found (recursively) in ``paths``, each once, in a stable order.

    Folders contribute ``*.json``, ``*.jsonl`` and ``*.ndjson`` files that are not hidden;
    a file named explicitly is read whatever its name.
    """
    found: dict[Path, None] = {}
    for path in paths:
        if path.is_dir():
            for file in sorted(path.rglob("*")):
                relative = file.relative_to(path).parts
                if (
                    file.suffix.lower() in RESULT_SUFFIXES
                    and file.is_file()
                    and not any(part.startswith(".") for part in relative)
                ):
                    found.setdefault(file.resolve(), None)
        elif path.is_file():
            found.setdefault(path.resolve(), None)
        else:
            raise UsageError(f"{path}: no such file or folder")
    return sorted(found)


@dataclass(frozen=True)
class Records:
    """The records of one file: ``(position, value)`` pairs, positions being lines or record numbers."""

    by_line: bool
    items: Iterable[tuple[int, Any]]

    def where(self, path: str, position: int) -> Rejection:
        """A rejection located at ``position`` of this file (its reason still empty)."""
        return Rejection(path, position, 0) if self.by_line else Rejection(path, 0, position)


NOTHING = Records(False, ())


def read_file(path: Path, rejections: list[Rejection], limits: Limits = Limits()) -> Records:
    """The records of ``path``; what cannot be read is appended to ``rejections`` with its reason.

    JSON Lines are numbered by line and streamed; a JSON document's records are numbered from 1.
    Values are whatever the JSON holds: checking that they are statements is the caller's job.
    """
    shown = display_path(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(min(size, 4096) or 1)
            first = _first_byte(head)
            if first is None:
                rejections.append(Rejection(shown, reason="empty file: no statements"))
                return NOTHING
            handle.seek(0)
            lines = path.suffix.lower() in LINE_SUFFIXES or _looks_like_lines(handle, first, limits)
            if not lines and size > limits.max_document_bytes:
                rejections.append(
                    Rejection(
                        shown,
                        reason=f"file is {size / MiB:.1f} MiB; a single JSON document may be at most "
                        f"{limits.max_document_bytes / MiB:.0f} MiB. Export it as JSON Lines (one "
                        "statement per line), which is read line by line, or split it",
                    )
                )
                return NOTHING
            if not lines:
                handle.seek(0)
                data = handle.read()
    except OSError as error:
        rejections.append(Rejection(shown, reason=f"cannot read: {error.strerror or error}"))
        return NOTHING
    if lines:
        return Records(True, _lines(path, shown, rejections, limits))
    return Records(False, enumerate(_document(data, shown, rejections), start=1))


def _first_byte(head: bytes) -> int | None:
    stripped = head.removeprefix(_BOM).lstrip()
    return stripped[0] if stripped else None


def _looks_like_lines(handle: BinaryIO, first: int, limits: Limits) -> bool:
    """A ``.json`` file that is really JSON Lines: its first line alone is a whole object."""
    if first != ord("{"):
        return False
    head = handle.read(64).removeprefix(_BOM).lstrip()
    handle.seek(0)
    if head.startswith(b'{"statements"'):  # the portal's export: a document, however it is laid out
        return False
    line = handle.readline(limits.max_line_bytes).removeprefix(_BOM)
    if not line.endswith(b"\n"):
        return False
    try:
        value = orjson.loads(line)
    except orjson.JSONDecodeError:
        return False
    if not isinstance(value, dict) or "statements" in value:
        return False
    rest = handle.read(4096)
    return bool(rest.strip())


def _document(data: bytes, shown: str, rejections: list[Rejection]) -> list[Any]:
    try:
        value = orjson.loads(data.removeprefix(_BOM))
    except orjson.JSONDecodeError as error:
        rejections.append(Rejection(shown, reason=_json_reason(error)))
        return []
    if isinstance(value, dict):
        statements = value.get("statements")
        if isinstance(statements, list):
            value = statements
        elif "actor" in value and "verb" in value:
            value = [value]
        else:
            keys = ", ".join(sorted(str(k) for k in value)[:5]) or "none"
            rejections.append(
                Rejection(
                    shown,
                    reason='not xAPI results: expected {"statements": [...]}, an array of '
                    f"statements or JSON Lines; found an object with keys: {keys}",
                )
            )
            return []
    if not isinstance(value, list):
        rejections.append(
            Rejection(
                shown,
                reason='not xAPI results: expected {"statements": [...]}, an array of statements '
                f"or JSON Lines; found a JSON {type(value).__name__}",
            )
        )
        return []
    return value


def _lines(path: Path, shown: str, rejections: list[Rejection], limits: Limits) -> Iterator[tuple[int, Any]]:
    limit = limits.max_line_bytes
    number = 0
    loads = orjson.loads
    try:
        handle = path.open("rb")
    except OSError as error:
        rejections.append(Rejection(shown, reason=f"cannot read: {error.strerror or error}"))
        return
    with handle:
        while True:
            line = handle.readline(limit + 1)
            if not line:
                return
            number += 1
            if len(line) > limit and not line.endswith(b"\n"):
                _skip_rest_of_line(handle)
                rejections.append(
                    Rejection(
                        shown, number, 0, f"line longer than {limit / MiB:.0f} MiB; one statement per line"
                    )
                )
                continue
            if number == 1:
                line = line.removeprefix(_BOM)
            if not line.strip():
                continue
            try:
                value = loads(line)
            except orjson.JSONDecodeError as error:
                rejections.append(Rejection(shown, number, 0, _json_reason(error, line_known=True)))
                continue
            yield number, value


def _skip_rest_of_line(handle: BinaryIO) -> None:
    while True:
        chunk = handle.readline(MiB)
        if not chunk or chunk.endswith(b"\n"):
            return


def _json_reason(error: orjson.JSONDecodeError, line_known: bool = False) -> str:
    message = str(error.msg)
    if "recursion limit" in message or "depth limit" in message:
        return "not valid JSON: nested deeper than 1024 levels"
    if "unexpected end of data" in message or "EOF" in message:
        what = "truncated JSON: the data ends in the middle of a value"
    elif "utf-8" in message.lower() or "surrogates" in message:
        what = "not UTF-8 text"
    else:
        what = f"not valid JSON: {message}"
    return what if line_known else f"{what} (line {error.lineno}, column {error.colno})"
