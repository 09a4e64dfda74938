"""Problems reported like a compiler: ``path:line:col: message``, all of them, then one failure.

The shared vocabulary of failure: the exit codes every command returns and the two error
classes :mod:`generator.cli` turns into them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2

#: C0/C1 controls (tab and newline included), bidi embeddings, overrides and isolates, directional
#: marks, zero-width characters and the byte-order mark: what can rewrite a terminal line, hide
#: text or make ``gpj.exe`` read as ``exe.jpg``.
UNSAFE_CHARACTERS = re.compile(
    "[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]"
)


def printable(text: str) -> str:
    """``text`` with every unsafe character written as its escape (``\\x1b``, ``\\u202e``), for
    terminals and CSV files: an id or a file name from outside can neither move the cursor nor
    hide itself, and still shows what it was."""
    return UNSAFE_CHARACTERS.sub(_escape, text)


def _escape(found: re.Match[str]) -> str:
    code = ord(found.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one input, located as precisely as we know."""

    path: str
    line: int = 0
    col: int = 0
    message: str = ""
    severity: str = "error"

    def __str__(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}:{self.col or 1}"
        return printable(f"{where}: {self.severity}: {self.message}")


class OutputError(Exception):
    """An output place that cannot or must not be written (a file in the way, no permission, a
    folder we did not write)."""

    exit_code = EXIT_USAGE


class InvalidInput(Exception):
    """Raised once, after every problem of a run has been collected."""

    exit_code = EXIT_INVALID

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(summarize(self.problems))

    def report(self) -> str:
        return "\n".join([*(str(p) for p in self.problems), summarize(self.problems)])


def summarize(problems: list[Problem]) -> str:
    errors = [p for p in problems if p.severity == "error"]
    files = {p.path for p in errors}
    noun = "error" if len(errors) == 1 else "errors"
    where = "file" if len(files) == 1 else "files"
    return f"{len(errors)} {noun} in {len(files)} {where}"


def display_path(path: Path, root: Path | None = None) -> str:
    """A path as the user would type it: relative to the working directory when possible."""
    for base in (Path.cwd(), root):
        if base is None:
            continue
        try:
            return path.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            continue
    return path.as_posix()
