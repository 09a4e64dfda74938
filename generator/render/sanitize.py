"""The one sanitiser for text that people wrote: bank Markdown, imported questions, anything.

Bank text is Markdown, and Markdown passes raw HTML through. Many hands edit banks and
imports come from elsewhere, so every snippet's HTML goes through :func:`clean_html` before it
reaches a page: an allowlist of tags, attributes and URL schemes enforced by Ammonia (through
``nh3``), a parser built for exactly this, rather than rules of our own.

What stays: the formatting Markdown produces (paragraphs, emphasis, lists, tables, code,
headings, quotes, links and images) and nothing that can run. Links keep ``http``, ``https``,
``mailto`` and relative addresses; every other scheme (``javascript:``, ``data:``, ``vbscript:``)
is dropped with its attribute. Forms, scripts, styles, frames, event handlers and ``id``s (which
could shadow the page's own) are removed; the content of ``script`` and ``style`` is removed too.
"""

from __future__ import annotations

from typing import Final

import nh3

#: Tags that Markdown (with the ``tables`` extension) produces, and a few harmless inline ones.
ALLOWED_TAGS: Final = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "code", "del", "em", "h1", "h2", "h3", "h4", "h5",
        "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small",
        "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u",
        "ul",
    }
)  # fmt: skip

#: Attributes kept per tag; everything else (``on*``, ``style``, ``id``, ``class``) is dropped.
ALLOWED_ATTRIBUTES: Final = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan", "scope"},
}

#: Absolute URL schemes allowed in ``href`` and ``src``; relative addresses are always allowed.
URL_SCHEMES: Final = frozenset({"http", "https", "mailto"})

#: Tags removed together with everything inside them.
DROPPED_WITH_CONTENT: Final = frozenset({"script", "style", "template", "noscript", "iframe", "object"})


def clean_html(fragment: str) -> str:
    """``fragment`` with every tag, attribute and URL outside the allowlist removed.

    Text is kept (a stray ``<form>`` or ``</form>`` is dropped, its text stays), except inside
    :data:`DROPPED_WITH_CONTENT`. The result is balanced HTML: an unclosed tag in bank text
    cannot swallow the rest of the page.
    """
    return nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        strip_comments=True,
        link_rel="noopener noreferrer",
    )
