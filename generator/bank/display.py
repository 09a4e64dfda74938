"""The order in which a page shows a question's parts, shared by the renderer and the results format.

Ordering steps and matching targets appear in a stable shuffled order that is never
the answer, so that a page without an answer key (graded mode) does not give the
answer away by listing steps in the bank's order.
"""

from __future__ import annotations

import hashlib
import random
from typing import Any

from generator.bank.model import Likert, Matching, Ordering, Question


def display_order(question: Question) -> list[Any]:
    if isinstance(question, Ordering):
        return _derange(list(question.steps), question.id)
    if isinstance(question, Matching):
        return _derange(list(question.targets), question.id)
    if isinstance(question, Likert):
        return []
    return list(getattr(question, "options", ()))


def _derange(items: list[Any], seed: str) -> list[Any]:
    rng = random.Random(int(hashlib.sha256(seed.encode()).hexdigest()[:16], 16))
    shuffled = items[:]
    for _ in range(10):
        rng.shuffle(shuffled)
        if shuffled != items:
            return shuffled
    return items[1:] + items[:1]
