"""The titles of the portal's training pages, so reports link "Value selling", not ``training/x.md``.

A page's title is what MkDocs shows for it without a ``nav`` entry: the ``title`` of its
front matter, else its first level-one heading. A page we cannot read (no docs folder
given, a missing file) gets a title made from its file name.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from generator.bank.anchors import headings
from generator.render.markdown import to_plain

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*\n", re.DOTALL)
_HEADING = re.compile(r"^#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
_ATTRIBUTES = re.compile(r"\s*\{[^}]*\}\s*$")  # attr_list: "# Title { #anchor }"
MAX_READ = 256 * 1024


def training_titles(pages: set[str], docs_dir: Path | None) -> dict[str, str]:
    """Page (or ``page#section``) -> its title (or the page title, then the section heading)."""
    return {page: _title(page, docs_dir) for page in sorted(pages)}


def _title(link: str, docs_dir: Path | None) -> str:
    page, _, anchor = link.partition("#")
    title = page_title(page, docs_dir)
    if not anchor:
        return title
    text = _read(docs_dir / page) if docs_dir is not None else None
    heading = headings(text).get(anchor) if text is not None else None
    return f"{title} \u203a {heading or anchor}"


def page_title(page: str, docs_dir: Path | None) -> str:
    text = _read(docs_dir / page) if docs_dir is not None else None
    if text is not None:
        found = _front_matter_title(text) or _first_heading(text)
        if found:
            return found
    stem = page.removesuffix(".md").rsplit("/", 1)[-1]
    if stem == "index":
        stem = page.removesuffix(".md").rsplit("/", 2)[-2] if "/" in page else "Home"
    return stem.replace("-", " ").replace("_", " ").strip().capitalize() or page


def _read(path: Path) -> str | None:
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            return handle.read(MAX_READ)
    except OSError:
        return None


def _front_matter_title(text: str) -> str | None:
    match = _FRONT_MATTER.match(text)
    if not match:
        return None
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return None
    title = meta.get("title") if isinstance(meta, dict) else None
    if not isinstance(title, str):
        return None
    return " ".join(title.split()) or None


def _first_heading(text: str) -> str | None:
    body = _FRONT_MATTER.sub("", text, count=1)
    in_fence = False
    for line in body.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        match = _HEADING.match(line)
        if match:
            return to_plain(_ATTRIBUTES.sub("", match.group(1))).strip() or None
    return None
