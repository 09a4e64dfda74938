"""GIFT text in any of Moodle's four formats -> Markdown a bank can hold, and back.

Imported text is untrusted. HTML (``[html]``, and ``[moodle]`` text that holds tags) goes through
the one sanitiser, :func:`generator.render.sanitize.clean_html`, before anything reads it; what
the allowlist keeps is then written as Markdown, and the few inline tags Markdown has no syntax
for stay as (already clean) HTML. Plain and Moodle text is escaped so that nothing in it is read
as Markdown or HTML. Markdown is kept as written: it becomes HTML only through the site's
renderer, which sanitises it like any bank text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from generator.interop.gift.reader import Text
from generator.render.sanitize import clean_html

_TAG = re.compile(r"</?[A-Za-z][^>]*>|&(#\d+|#x[0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]])")
# Python-Markdown reads these at the start of a line even without a space after them.
_BLOCK_MARK = re.compile(r"^(\s*)([#>+\-])", re.M)
_NUMBERED = re.compile(r"^(\s*\d+)\.", re.M)
_SETEXT = re.compile(r"^(\s*)=", re.M)
_ANY_SPECIAL = re.compile(r"[\\`*_\[\]<&]|^\s*(?:[#>+\-=]|\d+\.)", re.M)
_ENTITY_LIKE = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
#: Inline tags with no Markdown syntax, kept as (sanitised) HTML.
_KEPT_INLINE = frozenset({"sub", "sup", "u", "mark", "del", "ins", "s", "kbd", "small", "abbr", "q"})
_EMPHASIS = {"b": "**", "strong": "**", "i": "*", "em": "*"}


@dataclass
class Converted:
    markdown: str
    dropped_images: list[str] = field(default_factory=list)


def to_markdown(text: Text) -> Converted:
    """``text`` as Markdown that shows what Moodle would show, with nothing that can run."""
    if text.format == "markdown":
        return Converted(text.text.strip())
    if text.format == "html" or (text.format == "moodle" and _TAG.search(text.text)):
        return _from_html(text.text)
    return Converted(escape(" ".join(text.text.split())))


def escape(plain: str) -> str:
    """Markdown that renders as exactly ``plain``."""
    if not _ANY_SPECIAL.search(plain):
        return plain  # most text: one search instead of five substitutions
    out = _INLINE_SPECIAL.sub(r"\\\1", plain)
    out = _ENTITY_LIKE.sub("&amp;", out).replace("<", "&lt;")
    out = _BLOCK_MARK.sub(r"\1\\\2", out)
    out = _NUMBERED.sub(r"\1\\.", out)
    return _SETEXT.sub(r"\1&#61;", out)  # '=' has no backslash escape in Python-Markdown


def _from_html(fragment: str) -> Converted:
    writer = _MarkdownWriter()
    writer.feed(clean_html(fragment))
    writer.close()
    return Converted(writer.result(), writer.dropped)


class _MarkdownWriter(HTMLParser):
    """Sanitised HTML -> Markdown: blocks become paragraphs, lists, quotes and code blocks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.line: list[str] = []
        self.lists: list[tuple[str, int]] = []
        self.links: list[str | None] = []
        self.pre = 0
        self.quote = 0
        self.dropped: list[str] = []

    def result(self) -> str:
        self._end_block()
        return "\n\n".join(b for b in self.blocks if b.strip()).strip()

    def _end_block(self) -> None:
        text = "".join(self.line)
        self.line = []
        if self.pre:
            return
        lines = [" ".join(part.split()) for part in text.split("\n")]
        body = "  \n".join(line for line in lines if line)
        if not body:
            return
        if self.quote:
            body = "\n".join("> " + line for line in body.split("\n"))
        self.blocks.append(body)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if self.pre:
            return
        if tag in ("p", "div", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "hr"):
            self._end_block()
            if tag.startswith("h") and tag[1:].isdigit():
                self.line.append("#" * int(tag[1:]) + " ")
            if tag == "blockquote":
                self.quote += 1
            if tag == "hr":
                self.blocks.append("---")
        elif tag == "br":
            self.line.append("\n")
        elif tag in _EMPHASIS:
            self.line.append(_EMPHASIS[tag])
        elif tag == "code":
            self.line.append("`")
        elif tag == "pre":
            self._end_block()
            self.pre += 1
            self.line = []
        elif tag in ("ul", "ol"):
            self._end_block()
            self.lists.append((tag, 0))
        elif tag == "li":
            self._end_block()
            kind, count = self.lists[-1] if self.lists else ("ul", 0)
            if self.lists:
                self.lists[-1] = (kind, count + 1)
            indent = "    " * max(0, len(self.lists) - 1)
            self.line.append(indent + (f"{count + 1}. " if kind == "ol" else "- "))
        elif tag == "a":
            href = values.get("href")
            self.links.append(href)
            if href:
                self.line.append("[")
        elif tag == "img":
            self._image(values)
        elif tag in _KEPT_INLINE:
            self.line.append(f"<{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre":
            code = "".join(self.line).strip("\n")
            self.line = []
            self.pre = max(0, self.pre - 1)
            fence = "~~~" if "```" in code else "```"
            self.blocks.append(f"{fence}\n{code}\n{fence}")
            return
        if self.pre:
            return
        if tag in ("p", "div", "table", "li", "h1", "h2", "h3", "h4", "h5", "h6"):
            self._end_block()
        elif tag == "blockquote":
            self._end_block()
            self.quote = max(0, self.quote - 1)
        elif tag in ("ul", "ol"):
            self._end_block()
            if self.lists:
                self.lists.pop()
            if not self.lists:
                self._join_list()
        elif tag in _EMPHASIS:
            self._close_marker(_EMPHASIS[tag])
        elif tag == "code":
            self._close_marker("`")
        elif tag == "a":
            href = self.links.pop() if self.links else None
            if href:
                self.line.append(f"](<{href}>)")
        elif tag in _KEPT_INLINE:
            self.line.append(f"</{tag}>")

    def _close_marker(self, marker: str) -> None:
        """Close emphasis, or drop the opening marker when nothing was emphasised."""
        if self.line and self.line[-1] == marker:
            self.line.pop()
            return
        # Markdown emphasis cannot end on a space: move trailing spaces outside it.
        trailing = ""
        while self.line and self.line[-1].endswith(" ") and self.line[-1] != marker:
            last = self.line.pop()
            trailing = last[len(last.rstrip(" ")) :] + trailing
            if last.rstrip(" "):
                self.line.append(last.rstrip(" "))
                break
        self.line.append(marker + trailing)

    def _join_list(self) -> None:
        """Items of one list are one Markdown block, one line each."""
        items: list[str] = []
        while self.blocks and re.match(r"^\s*(- |\d+\. )", self.blocks[-1]):
            items.insert(0, self.blocks.pop())
        if items:
            self.blocks.append("\n".join(items))

    def _image(self, values: dict[str, str | None]) -> None:
        """Images are dropped, their alt text kept: a GIFT file holds none (Moodle keeps them in
        its file store), and one from another server would be a third-party request."""
        self.dropped.append(values.get("src") or "(no address)")
        if values.get("alt"):
            self.line.append(escape(values["alt"] or ""))

    def handle_data(self, data: str) -> None:
        if self.pre:
            self.line.append(data)
            return
        # In HTML a line break in the text is a space; only <br> breaks a line.
        words = " ".join(data.split())
        lead = " " if data[:1].isspace() and words else ""
        tail = " " if data[-1:].isspace() else ""
        self.line.append(lead + escape(words) + tail if words else tail)


def plain_text(markdown_text: str) -> str:
    """What a reader sees of ``markdown_text``: for GIFT fields Moodle shows as plain text."""
    from generator.render.markdown import to_plain

    return to_plain(markdown_text)


def html_text(markdown_text: str) -> str:
    """``markdown_text`` as the site renders it (sanitised HTML)."""
    from generator.render.markdown import to_html

    return str(to_html(markdown_text))
