"""Untrusted text made safe to show: no control or bidi-override characters, bounded length.

Names come from reps' browsers and from roster files. Escaping (HTML in templates,
Markdown in the Markdown environment, formulas in CSV) is the renderer's job; this
removes what no escaping can: right-to-left overrides that make ``gpj.exe`` read
as ``exe.jpg``, zero-width and control characters, and absurd lengths.
"""

from __future__ import annotations

import re
import unicodedata

MAX_NAME = 120
# C0/C1 controls (tab and newline included: names are one line), bidi embeddings, overrides and
# isolates, directional marks, zero-width characters and the byte-order mark.
_UNSAFE = re.compile("[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def clean(text: str, limit: int = MAX_NAME) -> str:
    """``text`` with unsafe characters replaced by U+FFFD, spaces folded, cut to ``limit`` characters."""
    text = unicodedata.normalize("NFC", text)
    text = _UNSAFE.sub("\ufffd", " ".join(text.split()))
    return text if len(text) <= limit else text[: limit - 1] + "…"
