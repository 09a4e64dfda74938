"""Grade one response against the bank: the single source of truth for scores.

The widget grades too, for practice feedback, but the scorer trusts only this.
Responses are in the Python form of :mod:`generator.xapi.responses`; each item type
(:mod:`generator.bank.items`) grades its own.
"""

from __future__ import annotations

from typing import Any

from generator.bank.items import Question, item_type
from generator.bank.items.base import Grade
from generator.bank.items.likert import NOT_OBSERVED

__all__ = ["NOT_OBSERVED", "Grade", "grade"]


def grade(question: Question, response: Any) -> Grade:
    """The share of the question's point earned by ``response`` (a question is worth 1)."""
    return item_type(question).grade(question, response)
