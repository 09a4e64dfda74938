"""The heading anchors of a training page, as MkDocs will name them.

A question links to the section that teaches it (``training/qualification.md#budget``); the
validator checks that the section exists, so a renamed heading is a located error instead of a
link that silently lands at the top of the page. Ids are the ones Python-Markdown's ``toc``
extension gives (its own ``slugify``, the MkDocs default), or an explicit ``{ #id }`` from
``attr_list``. The core reads the page itself and needs no MkDocs.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from markdown.extensions.toc import slugify

_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_ATTRS = re.compile(r"\s*\{\s*:?([^}]*)\}\s*$")
_EXPLICIT = re.compile(r"(?:^|\s)#([A-Za-z][\w-]*)")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_INLINE = re.compile(r"[`*_]|!?\[([^\]]*)\]\([^)]*\)")


def heading_ids(text: str) -> set[str]:
    """Every heading id of a Markdown page; duplicates get ``_1``, ``_2`` as the toc extension does."""
    ids: set[str] = set()
    fenced = False
    for line in text.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
            continue
        found = None if fenced else _HEADING.match(line)
        if found is None:
            continue
        title = found.group(2)
        attrs = _ATTRS.search(title)
        explicit = _EXPLICIT.search(attrs.group(1)) if attrs else None
        if explicit:
            ids.add(explicit.group(1))
            continue
        if attrs:
            title = title[: attrs.start()]
        base = slugify(_INLINE.sub(lambda m: m.group(1) or "", title), "-")
        anchor, n = base, 0
        while anchor in ids:
            n += 1
            anchor = f"{base}_{n}"
        ids.add(anchor)
    return ids


@lru_cache(maxsize=256)
def _page_ids(path: Path, stamp: float) -> frozenset[str]:
    return frozenset(heading_ids(path.read_text(encoding="utf-8", errors="replace")))


def page_anchors(path: Path) -> frozenset[str]:
    """The heading ids of the page at ``path`` (cached while the file is unchanged)."""
    return _page_ids(path, path.stat().st_mtime)
