"""The order in which a page shows a question's parts, shared by the renderer and the results format.

Ordering steps and matching targets appear in a stable shuffled order that is never
the answer, so that a page without an answer key (graded mode) does not give the
answer away by listing steps in the bank's order.
"""

from __future__ import annotations

from typing import Any

from generator.bank.items import Question, item_type


def display_order(question: Question) -> list[Any]:
    return item_type(question).display(question)
