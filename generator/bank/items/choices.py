"""What single-choice and multiple-select questions share: a list of options, some correct."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import Field

from generator.bank.fields import Id, QuestionBase, Strict, Text
from generator.bank.items.base import SEP, Choice, Components, Convert, ItemType, ResponseError, known, split
from generator.bank.rules import Location, duplicate_texts, duplicates
from generator.bank.source import Source
from generator.problems import Problem

if TYPE_CHECKING:
    from generator.bank.model import Module


class Option(Strict):
    """One answer option of a single-choice or multiple-select question."""

    id: Id
    text: Text = Field(description="What the rep sees (Markdown, one line is best).")
    correct: bool = Field(default=False, description="Whether choosing this option is right.")
    feedback: Text | None = Field(
        default=None, description="Shown after Submit when the rep chose this option."
    )


class ChoiceQuestion(QuestionBase):
    type: str  # each choice type narrows it to its name (declared here to keep the schema's key order)
    options: list[Option] = Field(min_length=2)


C = TypeVar("C", bound=ChoiceQuestion)


class ChoiceType(ItemType[C]):
    interaction = "choice"

    def check(self, question: C, module: Module | None, loc: Location, source: Source) -> Iterator[Problem]:
        yield from duplicates([o.id for o in question.options], (*loc, "options"), "option id", source)
        yield from duplicate_texts([o.text for o in question.options], (*loc, "options"), source)

    def texts(self, question: C) -> Iterator[str]:
        for option in question.options:
            yield option.text
            if option.feedback:
                yield option.feedback

    def display(self, question: C, *, graded: bool = False) -> list[Any]:
        return list(question.options)

    def feedback(self, question: C) -> dict[str, str]:
        return {o.id: o.feedback for o in question.options if o.feedback}

    def pattern(self, question: C) -> list[str] | None:
        return [SEP.join(o.id for o in question.options if o.correct)]

    def encode(self, question: C, response: Any) -> str:
        return SEP.join(response)

    def parse(self, question: C, text: str, module: Module | None) -> Any:
        chosen = split(text)
        known(chosen, {o.id for o in question.options}, "option")
        if len(set(chosen)) != len(chosen):
            raise ResponseError(f"option chosen twice in '{text}'")
        return chosen

    def describe(self, question: C, module: Module, plain: Convert) -> Components:
        return {"choices": [(o.id, plain(o.text)) for o in question.options]}

    def choices(self, question: C) -> list[Choice]:
        return [(o.id, o.text, o.correct) for o in question.options]

    def credited(self, question: C, value: Any) -> frozenset[str]:
        return frozenset(value)
