"""Write generated pages and the widget's assets to a folder, all or nothing."""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

from generator.folders import replace_folder

MARKER = ".repready-pages"
ASSETS = Path("assets") / "repready"


def write_tree(
    out: Path, pages: dict[str, str], theme_dir: Path | None, inputs: Iterable[Path] = ()
) -> int:
    """Replace ``out`` with ``pages`` plus the widget assets; return the number of files written."""
    source_assets = theme_dir / ASSETS if theme_dir else None
    copied: list[Path] = []

    def copy_assets(staging: Path) -> None:
        if source_assets is not None and source_assets.is_dir():
            shutil.copytree(source_assets, staging / ASSETS)
            copied.extend(p for p in (staging / ASSETS).rglob("*") if p.is_file())

    replace_folder(
        out, pages, command="repready build-pages", marker=MARKER, fill=copy_assets, inputs=inputs
    )
    return len(pages) + len(copied)
