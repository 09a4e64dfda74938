"""The portal's own JS + CSS that a quiz page loads, gzipped, per page of the sample content.

Pages load the minified bundles in theme/assets/repready/dist/ (npm run build): quiz.js and
quiz.css on every quiz page, types/<type>.js only where a question of that type is on the page.
Each file is served and compressed on its own, so sizes are summed per file. Target: at most
12 KB (12,288 B) for the types a page uses.

    python benchmarks/widget_weight.py [--banks assessments]
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "theme" / "assets" / "repready"
DIST = ASSETS / "dist"
TARGET = 12 * 1024
# A bundle may still import a file beside it (esbuild leaves relative imports of non-bundled files).
_IMPORT = re.compile(r"""(?:import|from)\s*["'](\.{1,2}/[^"']+)["']""")


def gzipped(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9))


def closure(entry: Path) -> set[Path]:
    """``entry`` and every module it imports statically, transitively."""
    seen: set[Path] = set()
    todo = [entry.resolve()]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        todo.extend(
            (path.parent / found).resolve() for found in _IMPORT.findall(path.read_text(encoding="utf-8"))
        )
    return seen


def page_weight(types: set[str]) -> tuple[int, int]:
    """(number of files, gzipped bytes) of the widget, its CSS and the given types' modules."""
    files = closure(DIST / "quiz.js") | {DIST / "quiz.css"}
    for name in types:
        files |= closure(DIST / "types" / f"{name}.js")
    return len(files), sum(gzipped(f) for f in files)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--banks", type=Path, default=ROOT / "assessments")
    args = parser.parse_args()
    from generator.bank.catalog import load_catalog
    from generator.bank.items import ITEM_TYPES

    catalog = load_catalog(args.banks)
    worst = 0
    print(f"{'quiz page':<28} {'types':<44} {'files':>5} {'gzipped':>9}")
    for bank in catalog.banks:
        types: set[str] = {q.type for q in bank.module.questions}
        count, size = page_weight(types)
        worst = max(worst, size)
        print(f"{bank.module.id:<28} {' '.join(sorted(types)):<44} {count:>5} {size:>7,} B")
    count, size = page_weight(set(ITEM_TYPES))
    every = f"all {len(ITEM_TYPES)} types"
    print(f"{'(one page with every type)':<28} {every:<44} {count:>5} {size:>7,} B")
    print(f"heaviest sample page: {worst:,} B (target <= {TARGET:,} B); a page with every type: {size:,} B")
    print(f"  plus plan.js {gzipped(ASSETS / 'plan.js'):,} B, fetched by the My-plan page only")
    return 0 if worst <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
