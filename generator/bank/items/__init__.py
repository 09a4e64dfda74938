"""The item types: one module each, registered in the one table below.

Every stage that differs by type (checks, page order, grading, the xAPI codec and definition,
item analysis, the page's template ``items/<type>.html`` and the widget's ``types/<type>.js``)
asks the type's module; nothing else branches on a question's type.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field

from generator.bank.items import fill_in, likert, matching, multiple, numeric, ordering, single, true_false
from generator.bank.items.base import ItemType
from generator.bank.items.fill_in import FillIn
from generator.bank.items.likert import Likert
from generator.bank.items.matching import Matching
from generator.bank.items.multiple import MultipleSelect
from generator.bank.items.numeric import Numeric
from generator.bank.items.ordering import Ordering
from generator.bank.items.single import SingleChoice
from generator.bank.items.true_false import TrueFalse

ITEM_TYPES: dict[str, ItemType[Any]] = {
    t.name: t
    for t in (
        single.TYPE,
        multiple.TYPE,
        true_false.TYPE,
        matching.TYPE,
        ordering.TYPE,
        numeric.TYPE,
        fill_in.TYPE,
        likert.TYPE,
    )
}

Question = Annotated[
    SingleChoice | MultipleSelect | TrueFalse | Matching | Ordering | Numeric | FillIn | Likert,
    Field(discriminator="type"),
]

GRADED_TYPES = tuple(name for name, t in ITEM_TYPES.items() if t.graded)


def item_type(question: Question) -> ItemType[Any]:
    return ITEM_TYPES[question.type]


def is_graded(question: Question) -> bool:
    """Whether the question has a right answer (and so counts towards scores)."""
    return ITEM_TYPES[question.type].graded
