"""Untrusted text made safe to show: no control or bidi-override characters, bounded length.

Names come from reps' browsers and from roster files. Escaping (HTML in templates,
Markdown in the Markdown environment, formulas in CSV) is the renderer's job; this
removes what no escaping can: right-to-left overrides that make ``gpj.exe`` read
as ``exe.jpg``, zero-width and control characters, and absurd lengths.
"""

from __future__ import annotations

import unicodedata

from generator.problems import UNSAFE_CHARACTERS as _UNSAFE

MAX_NAME = 120


def clean(text: str, limit: int = MAX_NAME) -> str:
    """``text`` with unsafe characters replaced by U+FFFD, spaces folded, cut to ``limit`` characters."""
    text = unicodedata.normalize("NFC", text)
    text = _UNSAFE.sub("\ufffd", " ".join(text.split()))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def has_unsafe(text: str) -> bool:
    return _UNSAFE.search(text) is not None
