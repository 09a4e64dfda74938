"""The order in which a page shows a question's parts, shared by the renderer and the results format.

Ordering steps and matching targets appear in a stable shuffled order, never the bank's
(which is the answer). In practice modules the order is never the answer either, so that
the rep has something to do. A graded page carries no key, and there any fixed relation
between order and key would give it away (a two-step derangement is always the reverse):
every order is equally likely there, the answer's included.
"""

from __future__ import annotations

import hashlib
import random
from typing import Any

from generator.bank.model import Likert, Matching, Ordering, Question


def display_order(question: Question, *, graded: bool = False) -> list[Any]:
    order = _shuffle if graded else _derange
    if isinstance(question, Ordering):
        return order(list(question.steps), question.id)
    if isinstance(question, Matching):
        return order(list(question.targets), question.id)
    if isinstance(question, Likert):
        return []
    return list(getattr(question, "options", ()))


def _random(seed: str) -> random.Random:
    return random.Random(int(hashlib.sha256(seed.encode()).hexdigest()[:16], 16))


def _shuffle(items: list[Any], seed: str) -> list[Any]:
    shuffled = items[:]
    _random(seed).shuffle(shuffled)
    return shuffled


def _derange(items: list[Any], seed: str) -> list[Any]:
    rng = _random(seed)
    shuffled = items[:]
    for _ in range(10):
        rng.shuffle(shuffled)
        if shuffled != items:
            return shuffled
    return items[1:] + items[:1]
