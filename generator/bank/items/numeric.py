"""Numeric: a number, right within an absolute or relative tolerance of the answer, or in a range.

An optional unit has accepted spellings: the page reads ``17,400 USD`` or ``$17400`` as the
number 17400, and only the number reaches xAPI (interaction ``numeric``; a tolerance or range
becomes the pattern ``low[:]high``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from generator.bank.fields import QuestionBase, Strict, Text
from generator.bank.items.base import Convert, Grade, ItemType, ResponseError, all_or_nothing
from generator.bank.rules import Location
from generator.bank.source import Source
from generator.problems import Problem

if TYPE_CHECKING:
    from generator.bank.model import Module

RANGE = "[:]"
# What result.response may hold: a plain decimal number, as the widget writes it.
NUMBER = re.compile(r"-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


class Unit(Strict):
    """The unit of the answer, shown beside the field."""

    text: Text = Field(description="As shown beside the field, e.g. USD, %, vans.")
    accepted: list[Text] = Field(
        default_factory=list,
        description="Other spellings a rep may type before or after the number (any case), e.g. [$].",
    )
    required: bool = Field(default=False, description="Whether an answer without a unit is rejected.")


class Numeric(QuestionBase):
    """A number: the answer with an optional tolerance, or a range from min to max."""

    type: Literal["numeric"]
    answer: float | None = Field(default=None, description="The right value (or give min and max).")
    tolerance: float | None = Field(
        default=None, ge=0, description="Accepted absolute difference from answer."
    )
    relative: float | None = Field(
        default=None, gt=0, lt=1, description="Accepted difference as a share of answer, e.g. 0.05 for 5%."
    )
    min: float | None = Field(default=None, description="The lowest right value, with max instead of answer.")
    max: float | None = Field(
        default=None, description="The highest right value, with min instead of answer."
    )
    unit: Unit | None = None
    feedback_low: Text | None = Field(default=None, description="Shown when the answer is too low.")
    feedback_high: Text | None = Field(default=None, description="Shown when the answer is too high.")


def bounds(question: Numeric) -> tuple[float, float]:
    """The lowest and highest right values (the widget gets these in its key)."""
    if question.answer is None:
        return (question.min or 0.0, question.max or 0.0)
    spread = question.tolerance or (abs(question.answer) * question.relative if question.relative else 0.0)
    # 12 significant digits: 0.3 + 10% is 0.33, not 0.32999999999999996, in the pattern and the key.
    return (float(f"{question.answer - spread:.12g}"), float(f"{question.answer + spread:.12g}"))


def within(low: float, high: float, value: float) -> bool:
    # Decimal input meets binary floats: 0.1 + 0.2 must equal 0.3 here and in the widget.
    slack = 1e-9 * max(1.0, abs(low), abs(high))
    return low - slack <= value <= high + slack


def number_text(value: float) -> str:
    """A number as JavaScript's String() writes it for the values a bank holds."""
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def spellings(unit: Unit) -> list[str]:
    seen: list[str] = []
    for text in (unit.text, *unit.accepted):
        folded = " ".join(text.split()).casefold()
        if folded not in seen:
            seen.append(folded)
    return seen


class NumericType(ItemType[Numeric]):
    model = Numeric
    name = "numeric"
    interaction = "numeric"

    def check(
        self, question: Numeric, module: Module | None, loc: Location, source: Source
    ) -> Iterator[Problem]:
        ranged = question.min is not None or question.max is not None
        if question.answer is None and not (question.min is not None and question.max is not None):
            yield source.problem(loc, "a numeric question needs 'answer', or both 'min' and 'max'")
        if question.answer is not None and ranged:
            yield source.problem(
                (*loc, "min" if question.min is not None else "max"), "give 'answer' or a range, not both"
            )
        if question.tolerance is not None and question.relative is not None:
            yield source.problem((*loc, "relative"), "give 'tolerance' or 'relative', not both")
        if ranged and (question.tolerance is not None or question.relative is not None):
            yield source.problem((*loc, "min"), "a range needs no tolerance: widen min and max instead")
        if question.min is not None and question.max is not None and question.min > question.max:
            yield source.problem((*loc, "min"), f"min {question.min} is above max {question.max}")
        for name in ("answer", "tolerance", "min", "max"):
            value = getattr(question, name)
            if value is not None and not math.isfinite(value):
                yield source.problem((*loc, name), f"{name} must be a finite number")

    def texts(self, question: Numeric) -> Iterator[str]:
        yield from (t for t in (question.feedback_low, question.feedback_high) if t)

    def feedback(self, question: Numeric) -> dict[str, str]:
        given = (("low", question.feedback_low), ("high", question.feedback_high))
        return {name: text for name, text in given if text}

    def key(self, question: Numeric, html: Convert) -> dict[str, Any]:
        low, high = bounds(question)
        return {**super().key(question, html), "min": low, "max": high}

    def grade(self, question: Numeric, response: Any) -> Grade:
        return all_or_nothing(within(*bounds(question), float(response)))

    def pattern(self, question: Numeric) -> list[str] | None:
        low, high = bounds(question)
        if low == high:
            return [number_text(low)]
        return [f"{number_text(low)}{RANGE}{number_text(high)}"]

    def encode(self, question: Numeric, response: Any) -> str:
        return number_text(float(response))

    def parse(self, question: Numeric, text: str, module: Module | None) -> Any:
        if not NUMBER.fullmatch(text):
            raise ResponseError(f"a numeric response is a number such as 17400 or -2.5, found '{text[:40]}'")
        value = float(text)
        if not math.isfinite(value):
            raise ResponseError(f"a numeric response is a finite number, found '{text[:40]}'")
        return value


TYPE = NumericType()
