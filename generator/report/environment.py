"""The two template environments: HTML with autoescape, Markdown with an escaping finalizer.

Every value a template prints is escaped unless a Python function marked it safe:
in HTML by Jinja's autoescape, in Markdown by :func:`escape_markdown`, applied by
the environment's ``finalize`` to every ``{{ ... }}`` so no template can forget it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import jinja2

from generator.render.markdown import to_plain
from generator.score.gaps import STATUS_SYMBOL, STATUS_TEXT

TEMPLATE_SUBDIR = "report"
TYPE_NAMES = {
    "single": "single choice",
    "multiple": "multiple select",
    "true-false": "true/false statement",
    "matching": "matching",
    "ordering": "ordering",
    "likert": "rating",
}
_MD_SPECIAL = re.compile(r"([\\`*_\[\]!|~])")
_MD_ANY = re.compile(r"[\\`*_\[\]!|~&<>\n\r\t]|^\s|\s$|\s\s|^[-+#>]|^\d+[.)]")
_MD_LINE_START = re.compile(r"^(\s*)([#>+-])(?=\s|$)")
_MD_ORDERED = re.compile(r"^(\s*\d+)([.)])(?=\s|$)")


class MarkdownSafe(str):
    """Markdown built by us (links, emphasis) that the finalizer must not escape again."""


def escape_markdown(value: Any) -> str:
    """Text that renders literally in Markdown: HTML is entity-escaped, Markdown syntax backslashed."""
    if type(value) is str:
        text = value
        if not _MD_ANY.search(text):
            return text
    elif isinstance(value, MarkdownSafe):
        return value
    elif type(value) is int:
        return str(value)
    else:
        text = "" if value is None else str(value)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))  # one line: a newline would end a table row
    if text[:1] in "-+#>" or text[:1].isdigit():
        text = _MD_ORDERED.sub(r"\1\\\2", text)  # "2. x" would start a list: "2\. x"
        text = _MD_LINE_START.sub(r"\1\\\2", text)
    return text


# Numbers and dates hold nothing to escape: marked safe so Markdown's finalizer passes them through.
def pct(value: float | None, digits: int = 0) -> str:
    if value is None:
        return MarkdownSafe("—")
    return MarkdownSafe(f"{100 * value:.{digits}f}%")


def number(value: float | None, digits: int = 1) -> str:
    return MarkdownSafe("—" if value is None else f"{value:.{digits}f}")


def day(value: datetime | None) -> str:
    return MarkdownSafe("—" if value is None else value.date().isoformat())


def shorten(text: str, width: int = 90) -> str:
    """Plain text cut at a word to at most ``width`` characters, with an ellipsis when cut."""
    plain = to_plain(text)
    if len(plain) <= width:
        return plain
    cut = plain[: width - 1].rsplit(" ", 1)[0] if " " in plain[: width - 1] else plain[: width - 1]
    return cut.rstrip(" ,;:.-—") + "…"


def moment(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC")


def _loaders(template_dirs: Sequence[Path]) -> jinja2.BaseLoader:
    loaders: list[jinja2.BaseLoader] = [
        jinja2.FileSystemLoader(str(d / TEMPLATE_SUBDIR))
        for d in template_dirs
        if (d / TEMPLATE_SUBDIR).is_dir()
    ]
    loaders.append(jinja2.PackageLoader("generator.report", "templates"))
    return jinja2.ChoiceLoader(loaders)


def _common(env: jinja2.Environment) -> jinja2.Environment:
    env.filters.update(pct=pct, number=number, day=day, moment=moment, shorten=shorten, plain=to_plain)
    env.globals.update(STATUS_SYMBOL=STATUS_SYMBOL, STATUS_TEXT=STATUS_TEXT, TYPE_NAMES=TYPE_NAMES)
    return env


def html_environment(template_dirs: Sequence[Path] = ()) -> jinja2.Environment:
    return _common(
        jinja2.Environment(
            loader=_loaders(template_dirs),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
        )
    )


def markdown_environment(template_dirs: Sequence[Path] = ()) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=_loaders(template_dirs),
        autoescape=False,  # escaping is Markdown's, done by finalize below for every value
        finalize=escape_markdown,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["link"] = lambda text, url: MarkdownSafe(f"[{escape_markdown(text)}](<{_url(url)}>)")
    return _common(env)


def _url(url: str) -> str:
    """A URL we built, safe inside Markdown's ``<...>`` link destination."""
    return url.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")
