"""Write a run's reports all at once (see :func:`generator.folders.replace_folder`)."""

from __future__ import annotations

from pathlib import Path

from generator.folders import replace_folder

MARKER = ".repready-reports"


def write_reports(out: Path, files: dict[str, str]) -> None:
    replace_folder(out, files, command="repready score", marker=MARKER)
