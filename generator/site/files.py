"""Write generated pages and the widget's assets: to a folder of their own (all or nothing), or
into an existing docs tree, touching no file they did not write."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from generator.folders import replace_folder
from generator.problems import OutputError

MARKER = ".repready-pages"
ASSETS = Path("assets") / "repready"
#: In a docs tree written into: the files the last run wrote, so the next run may replace them.
MANIFEST = ".repready-pages.json"


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


def write_into(docs: Path, pages: dict[str, str], theme_dir: Path | None) -> int:
    """Add ``pages`` and the widget assets to the existing tree ``docs``; return the files written.

    A file already there is replaced only if the last run wrote it (the manifest says so); files
    the last run wrote and this one does not are removed. Every conflict is found before anything
    is written, and each file is replaced by a rename, so no page is ever seen half-written.
    """
    if not docs.is_dir():
        raise OutputError(f"{docs}: not a folder; --into adds pages to an existing docs tree")
    files = {path: text.encode("utf-8") for path, text in pages.items()}
    source_assets = theme_dir / ASSETS if theme_dir else None
    if source_assets is not None and source_assets.is_dir():
        for path in sorted(source_assets.rglob("*")):
            if path.is_file():
                files[(ASSETS / path.relative_to(source_assets)).as_posix()] = path.read_bytes()
    ours = _manifest(docs)
    theirs = sorted(f for f in files if (docs / f).exists() and f not in ours)
    if theirs:
        raise OutputError(
            f"{docs}: {', '.join(theirs)} exist and were not written by 'repready build-pages'; "
            "move them, or set another quiz folder with --quiz-dir"
        )
    for relative, content in files.items():
        target = docs / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}-")
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        Path(temp).chmod(0o644)
        Path(temp).replace(target)
    for stale in sorted(ours - set(files)):
        (docs / stale).unlink(missing_ok=True)
    (docs / MANIFEST).write_text(json.dumps(sorted(files), indent=1) + "\n", encoding="utf-8")
    return len(files)


def _manifest(docs: Path) -> set[str]:
    try:
        listed = json.loads((docs / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    return {str(p) for p in listed if isinstance(p, str) and ".." not in Path(p).parts}
