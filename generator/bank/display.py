"""The order in which a page shows a question's parts, shared by the renderer and the results format.

Each item type says its own order (``ItemType.display``); where the bank's order is the
answer, :func:`generator.bank.items.base.stable_order` decides how a page may show it.
"""

from __future__ import annotations

from typing import Any

from generator.bank.items import Question, item_type


def display_order(question: Question, *, graded: bool = False) -> list[Any]:
    return item_type(question).display(question, graded=graded)
