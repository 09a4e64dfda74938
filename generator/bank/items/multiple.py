"""Multiple select: one or more options are correct; the rep ticks every one of them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from generator.bank.fields import Scoring
from generator.bank.items.base import Grade, all_or_nothing
from generator.bank.items.choices import ChoiceQuestion, ChoiceType
from generator.bank.rules import Location
from generator.bank.source import Source
from generator.problems import Problem

if TYPE_CHECKING:
    from generator.bank.model import Module


class MultipleSelect(ChoiceQuestion):
    """One or more options are correct; the rep ticks every one of them."""

    type: Literal["multiple"]
    scoring: Scoring = Field(
        default="all-or-nothing",
        description="'partial': (right ticks - wrong ticks) / correct options, never below 0.",
    )


class Multiple(ChoiceType[MultipleSelect]):
    model = MultipleSelect
    name = "multiple"

    def check(
        self, question: MultipleSelect, module: Module | None, loc: Location, source: Source
    ) -> Iterator[Problem]:
        yield from super().check(question, module, loc, source)
        if not any(o.correct for o in question.options):
            yield source.problem(
                (*loc, "options"), "a multiple-select question needs at least one correct option"
            )

    def grade(self, question: MultipleSelect, response: Any) -> Grade:
        chosen = set(response)
        correct = {o.id for o in question.options if o.correct}
        if question.scoring == "partial":
            earned = (len(chosen & correct) - len(chosen - correct)) / len(correct)
            return Grade(max(0.0, earned), chosen == correct)
        return all_or_nothing(chosen == correct)


TYPE = Multiple()
