"""Replace an output folder all at once, so that no run ever leaves half its files.

Files are written into a fresh folder beside ``out`` and swapped in at the end: an
interrupted run leaves the previous output as it was. ``out`` must be new, empty, or
an earlier output of the same command (it holds that command's marker file): a folder
we did not write is never deleted.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

from generator.problems import OutputError


def replace_folder(
    out: Path,
    files: Mapping[str, str],
    *,
    command: str,
    marker: str,
    fill: Callable[[Path], None] | None = None,
) -> None:
    """Make ``out`` hold exactly ``files`` (relative path -> text), plus what ``fill`` adds."""
    if out.exists() and not (out / marker).is_file() and (not out.is_dir() or any(out.iterdir())):
        raise OutputError(f"{out}: exists and was not written by '{command}'; choose a new or empty folder")
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        for relative, content in files.items():
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("w", encoding="utf-8", newline="") as handle:
                handle.write(content)
        if fill is not None:
            fill(staging)
        (staging / marker).write_text(f"written by {command}; the whole folder is replaced on each run\n")
        staging.chmod(0o755)  # mkdtemp's 0o700 would hide the output from a web server's user
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
