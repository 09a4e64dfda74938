"""Write generated pages and the widget's assets to a folder, all or nothing."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

MARKER = ".repready-pages"
ASSETS = Path("assets") / "repready"


class OutputError(Exception):
    exit_code = 2


def write_tree(out: Path, pages: dict[str, str], theme_dir: Path | None) -> int:
    """Replace ``out`` with ``pages`` plus the widget assets; return the number of files written.

    The tree is written beside ``out`` first and swapped in at the end, so an
    interrupted run leaves the previous output intact. ``out`` must be new or a
    previous output of this command: we never delete a folder we did not write.
    """
    ours = (out / MARKER).is_file()
    if out.exists() and not ours and (not out.is_dir() or any(out.iterdir())):
        raise OutputError(
            f"{out}: exists and was not written by 'repready build-pages'; choose an empty or new folder"
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        count = 0
        for relative, content in pages.items():
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
            count += 1
        source_assets = theme_dir / ASSETS if theme_dir else None
        if source_assets and source_assets.is_dir():
            shutil.copytree(source_assets, staging / ASSETS)
            count += sum(1 for p in (staging / ASSETS).rglob("*") if p.is_file())
        (staging / MARKER).write_text("written by repready build-pages; safe to delete\n")
        if out.exists():
            old = out.with_name(f".{out.name}-old-{os.getpid()}")
            out.rename(old)
            staging.rename(out)
            shutil.rmtree(old)
        else:
            staging.rename(out)
        return count
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
