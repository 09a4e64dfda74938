"""Ordering: put the steps in order; the bank lists them in the right order."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from generator.bank.fields import Id, QuestionBase, Scoring, Strict, Text
from generator.bank.items.base import (
    SEP,
    Choice,
    Components,
    Convert,
    Grade,
    ItemType,
    ResponseError,
    known,
    share_right,
    split,
    stable_order,
)
from generator.bank.rules import Location, duplicate_texts, duplicates
from generator.bank.source import Source
from generator.problems import Problem

if TYPE_CHECKING:
    from generator.bank.model import Module


class Step(Strict):
    """One item of an ordering question."""

    id: Id
    text: Text


class Ordering(QuestionBase):
    """Put the steps in order; the bank lists them in the right order."""

    type: Literal["ordering"]
    steps: list[Step] = Field(min_length=2)
    scoring: Scoring = Field(
        default="all-or-nothing", description="'partial': share of steps in the right position."
    )


class OrderingType(ItemType[Ordering]):
    model = Ordering
    name = "ordering"
    interaction = "sequencing"
    analysis_kind = "step"

    def check(
        self, question: Ordering, module: Module | None, loc: Location, source: Source
    ) -> Iterator[Problem]:
        yield from duplicates([s.id for s in question.steps], (*loc, "steps"), "step id", source)
        yield from duplicate_texts([s.text for s in question.steps], (*loc, "steps"), source)

    def texts(self, question: Ordering) -> Iterator[str]:
        yield from (s.text for s in question.steps)

    def display(self, question: Ordering, *, graded: bool = False) -> list[Any]:
        return stable_order(list(question.steps), question.id, graded=graded)

    def grade(self, question: Ordering, response: Any) -> Grade:
        # parse() admits every step exactly once, so every step in place is the exact answer.
        right = sum(a == b for a, b in zip((s.id for s in question.steps), response, strict=False))
        return share_right(right, len(question.steps), question.scoring)

    def pattern(self, question: Ordering) -> list[str] | None:
        return [SEP.join(s.id for s in question.steps)]

    def encode(self, question: Ordering, response: Any) -> str:
        return SEP.join(response)

    def parse(self, question: Ordering, text: str, module: Module | None) -> Any:
        order = split(text)
        known(order, {s.id for s in question.steps}, "step")
        if sorted(order) != sorted(s.id for s in question.steps):
            raise ResponseError("an ordering response lists every step exactly once")
        return order

    def describe(self, question: Ordering, module: Module, plain: Convert) -> Components:
        # The order the page shows, never the bank's (which is the answer).
        graded = module.mode == "graded"
        return {"choices": [(s.id, plain(s.text)) for s in self.display(question, graded=graded)]}

    def choices(self, question: Ordering) -> list[Choice]:
        return [(s.id, s.text, True) for s in question.steps]

    def credited(self, question: Ordering, value: Any) -> frozenset[str]:
        right = [s.id for s in question.steps]
        return frozenset(sid for sid, expected in zip(value, right, strict=False) if sid == expected)


TYPE = OrderingType()
