"""Grade one response against the bank: the single source of truth for scores.

The widget grades too, for practice feedback, but the scorer trusts only this.
Responses use the shapes of :mod:`generator.xapi.responses`:
choice -> list of option ids, true-false -> bool, matching -> list of
(item, target) pairs, ordering -> list of step ids, likert -> int rating.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.bank.model import (
    Likert,
    Matching,
    Module,
    MultipleSelect,
    Ordering,
    Question,
    SingleChoice,
    TrueFalse,
)


@dataclass(frozen=True)
class Grade:
    score: float  # in [0, 1]
    success: bool


def grade(question: Question, response: Any) -> Grade:
    """The share of the question's point earned by ``response`` (a question is worth 1)."""
    if isinstance(question, SingleChoice):
        right = next(o.id for o in question.options if o.correct)
        return _all_or_nothing(list(response) == [right])
    if isinstance(question, MultipleSelect):
        chosen = set(response)
        correct = {o.id for o in question.options if o.correct}
        if question.scoring == "partial":
            earned = (len(chosen & correct) - len(chosen - correct)) / len(correct)
            score = max(0.0, earned)
            return Grade(score, chosen == correct)
        return _all_or_nothing(chosen == correct)
    if isinstance(question, TrueFalse):
        return _all_or_nothing(response is question.answer)
    if isinstance(question, Matching):
        given = dict(response)
        right = sum(given.get(p.id) == p.match for p in question.pairs)
        exact = right == len(question.pairs) and len(given) == len(question.pairs)
        if question.scoring == "partial":
            return Grade(right / len(question.pairs), exact)
        return _all_or_nothing(exact)
    if isinstance(question, Ordering):
        order = [s.id for s in question.steps]
        given_order = list(response)
        right = sum(a == b for a, b in zip(order, given_order, strict=False))
        exact = given_order == order
        if question.scoring == "partial":
            return Grade(right / len(order), exact)
        return _all_or_nothing(exact)
    raise TypeError(f"{question.type} questions have no right answer")


NOT_OBSERVED = "not-observed"
"""The response of a review item the manager has not seen: missing, never a rating."""


def likert_value(module: Module, question: Likert, rating: int) -> float:
    """The rating on the scale's direction: reverse-keyed items count ``points + 1 - rating``."""
    points = module.rating.points if module.rating else 5
    return float(points + 1 - rating if question.reverse else rating)


def _all_or_nothing(right: bool) -> Grade:
    return Grade(1.0 if right else 0.0, right)
