"""Write a run's reports all at once: into a fresh folder beside ``out``, then swapped in.

An interrupted run leaves the previous reports as they were, never a mix. ``out``
must be new, empty, or an earlier output of ``repready score`` (it holds
:data:`MARKER`): a folder we did not write is never deleted.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

MARKER = ".repready-reports"


class OutputError(Exception):
    exit_code = 2


def write_reports(out: Path, files: dict[str, str]) -> None:
    if out.exists() and not (out / MARKER).is_file() and (not out.is_dir() or any(out.iterdir())):
        raise OutputError(
            f"{out}: exists and was not written by 'repready score'; choose a new or empty folder"
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        for relative, content in files.items():
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("w", encoding="utf-8", newline="") as handle:
                handle.write(content)
        (staging / MARKER).write_text("written by repready score; the whole folder is replaced on each run\n")
        staging.chmod(0o755)
        if out.exists():
            old = out.with_name(f".{out.name}-old-{os.getpid()}")
            out.rename(old)
            staging.rename(out)
            shutil.rmtree(old)
        else:
            staging.rename(out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
