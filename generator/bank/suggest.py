"""Did-you-mean suggestions: the nearest of the ids or keys valid at that place."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def nearest(wrong: str, known: Iterable[str], cutoff: float = 0.8) -> str | None:
    """The known value closest to ``wrong``, compared case- and punctuation-blind, if any is close."""
    by_key: dict[str, str] = {}
    for value in sorted(known):
        by_key.setdefault(_key(value), value)
    found = difflib.get_close_matches(_key(wrong), list(by_key), n=1, cutoff=cutoff)
    return by_key[found[0]] if found else None


def did_you_mean(wrong: str, known: Iterable[str]) -> str:
    """`` (did you mean 'X'?)`` or nothing."""
    found = nearest(wrong, known)
    return f" (did you mean '{found}'?)" if found else ""


def _key(value: str) -> str:
    return "".join(ch for ch in value.casefold() if ch.isalnum() or ch == "/")
