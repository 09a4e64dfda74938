"""Write a run's reports all at once (see :func:`generator.folders.replace_folder`)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from generator.folders import check_folder, replace_folder

MARKER = ".repready-reports"
COMMAND = "repready score"


def check_reports_folder(out: Path, inputs: Iterable[Path] = ()) -> None:
    """Fail before scoring, not after, when ``out`` may not be replaced."""
    check_folder(out, command=COMMAND, marker=MARKER, inputs=inputs)


def write_reports(out: Path, files: dict[str, str], inputs: Iterable[Path] = ()) -> None:
    replace_folder(out, files, command=COMMAND, marker=MARKER, inputs=inputs)
