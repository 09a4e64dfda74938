"""Single choice: exactly one option is correct."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Literal

from generator.bank.items.base import Grade, ResponseError, all_or_nothing
from generator.bank.items.choices import ChoiceQuestion, ChoiceType
from generator.bank.rules import Location
from generator.bank.source import Source
from generator.problems import Problem

if TYPE_CHECKING:
    from generator.bank.model import Module


class SingleChoice(ChoiceQuestion):
    """Exactly one option is correct."""

    type: Literal["single"]


class Single(ChoiceType[SingleChoice]):
    model = SingleChoice
    name = "single"

    def check(
        self, question: SingleChoice, module: Module | None, loc: Location, source: Source
    ) -> Iterator[Problem]:
        yield from super().check(question, module, loc, source)
        correct = sum(o.correct for o in question.options)
        if correct != 1:
            yield source.problem(
                (*loc, "options"),
                f"a single-choice question needs exactly one correct option, found {correct}"
                + ("; use type 'multiple' for several" if correct > 1 else ""),
            )

    def grade(self, question: SingleChoice, response: Any) -> Grade:
        right = next(o.id for o in question.options if o.correct)
        return all_or_nothing(list(response) == [right])

    def parse(self, question: SingleChoice, text: str, module: Module | None) -> Any:
        chosen = super().parse(question, text, module)
        if len(chosen) != 1:
            raise ResponseError(f"a single-choice response names one option, found {len(chosen)}")
        return chosen


TYPE = Single()
