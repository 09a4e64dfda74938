"""Bank text is Markdown; quiz pages need it as HTML (inside the form) and as plain text (xAPI).

Every HTML result has been through :func:`generator.render.sanitize.clean_html`: bank text is
untrusted, and this is the only way it becomes markup.

One converter is reused for every snippet, and plain one-liners skip the
converter entirely: building a 1,000-question site converts thousands of tiny
strings, and ``Markdown()`` is far costlier to set up than to run.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from functools import lru_cache
from html.parser import HTMLParser

import markdown
from markupsafe import Markup

from generator.render.sanitize import clean_html

_SPECIAL = re.compile(r"[\\`*_\[\]<>&!#|~]|^\s*([-+>]|\d+[.)])\s|\n\s*\n|  \n|https?://", re.M)
_converter = markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")


_SPLIT = "<!-- repready:split -->"
_cache: dict[str, Markup] = {}


def to_html(text: str) -> Markup:
    """Block HTML for ``text`` (paragraphs, lists, tables)."""
    found = _cache.get(text)
    if found is None:
        found = _cache[text] = _convert(text)
    return found


def _is_plain_line(text: str) -> bool:
    """One line with nothing Markdown would change: escaping it is all the converter would do."""
    return "\n" not in text and not _SPECIAL.search(text)


def _convert(text: str) -> Markup:
    text = text.strip()
    if _is_plain_line(text):
        return Markup(f"<p>{html.escape(text, quote=False)}</p>")
    _converter.reset()
    return Markup(clean_html(_converter.convert(text)))


def prime(texts: Iterable[str]) -> None:
    """Convert many snippets in one pass of the converter (one call costs about as much as twenty).

    Snippets are joined with a raw-HTML marker and split again; a snippet that swallows
    a marker (an unclosed code fence, say) makes the counts differ, and we fall back
    to converting one at a time.
    """
    pending = list(dict.fromkeys(t for t in texts if t not in _cache and not _is_plain_line(t.strip())))
    if len(pending) < 2:
        return
    _converter.reset()
    parts = _converter.convert(f"\n\n{_SPLIT}\n\n".join(t.strip() for t in pending)).split(_SPLIT)
    if len(parts) != len(pending):
        return
    for text, part in zip(pending, parts, strict=True):
        _cache[text] = Markup(clean_html(part.strip()))


@lru_cache(maxsize=8192)
def to_inline_html(text: str) -> Markup:
    """Inline HTML for a one-paragraph ``text``; block HTML when it has several blocks."""
    block = to_html(text)
    return Markup(block[3:-4]) if _is_one_paragraph(block) else block


def is_inline(text: str) -> bool:
    return _is_one_paragraph(to_html(text))


def _is_one_paragraph(block: str) -> bool:
    return block.startswith("<p>") and block.endswith("</p>") and block.count("<p>") == 1


@lru_cache(maxsize=8192)
def to_plain(text: str) -> str:
    """The text a screen reader or an LRS would show: tags dropped, entities decoded, spaces folded."""
    parser = _TextParser()
    parser.feed(to_html(text))
    parser.close()
    return " ".join("".join(parser.parts).split())


# Every character Python-Markdown (with tables) unescapes after a backslash; '<', '>' and '&' are
# left to Jinja's autoescape, which turns them into entities that Markdown keeps as text.
_MARKDOWN_SYNTAX = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


@lru_cache(maxsize=8192)
def to_markdown_text(text: str) -> str:
    """Plain text (see :func:`to_plain`) for the Markdown source of a page: headings, link texts, cells.

    Titles are written into the Markdown that MkDocs converts, so their plain text must stay
    text there: escaped brackets would otherwise become a ``javascript:`` link, and braces an
    ``attr_list`` with event handlers.
    """
    return _MARKDOWN_SYNTAX.sub(r"\\\1", to_plain(text))


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"p", "li", "br", "tr", "td", "th"}:
            self.parts.append(" ")
