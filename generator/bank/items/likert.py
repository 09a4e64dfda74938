"""Likert: a self-assessment statement rated on the module's scale; no right answer."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from generator.bank.fields import CompetencyId, Id, Strict, Text
from generator.bank.items.base import Components, Convert, Grade, ItemType, ResponseError
from generator.bank.rules import Location, names
from generator.bank.source import Source
from generator.problems import Problem

if TYPE_CHECKING:
    from generator.bank.model import Module


class Likert(Strict):
    """A self-assessment statement rated on the module's scale; no right answer."""

    type: Literal["likert"]
    id: Id
    prompt: Text
    scale: Id = Field(description="The id of one of the module's scales.")
    reverse: bool = Field(
        default=False, description="Agreement means less of the trait (scored max + 1 - rating)."
    )
    levels: list[Text] | None = Field(
        default=None,
        description="For a review: what the manager observes at each point of the rating, lowest "
        "first, one per point. Shown beside the module's anchors (behaviourally anchored rating).",
    )
    competency: CompetencyId | None = Field(
        default=None,
        description="The competency this one behaviour evidences, when it is not the scale's; "
        "calibration compares each competency's ratings with the quizzes on that competency.",
    )


NOT_OBSERVED = "not-observed"
"""The response of a review item the manager has not seen: missing, never a rating."""


def points(module: Module | None) -> int:
    return module.rating.points if module is not None and module.rating else 5


class LikertType(ItemType[Likert]):
    model = Likert
    name = "likert"
    interaction = "likert"
    graded = False

    def check(
        self, question: Likert, module: Module | None, loc: Location, source: Source
    ) -> Iterator[Problem]:
        if module is None:
            return  # the rules need the module's scales, which may be the part that failed
        if module.rating is None:
            yield source.problem(loc, "likert items need the module's 'rating' scale")
        top = module.rating.points if module.rating else None
        if top is not None and question.levels is not None and len(question.levels) != top:
            yield source.problem(
                (*loc, "levels"),
                f"expected {top} levels (one per rating point), found {len(question.levels)}",
            )
        scales = {s.id for s in module.scales}
        if question.scale not in scales:
            yield source.problem(
                (*loc, "scale"), f"unknown scale '{question.scale}'; the module defines: {names(scales)}"
            )

    def grade(self, question: Likert, response: Any) -> Grade:
        raise TypeError(f"{question.type} questions have no right answer")

    def pattern(self, question: Likert) -> list[str] | None:
        return None

    def encode(self, question: Likert, response: Any) -> str:
        return str(response)

    def parse(self, question: Likert, text: str, module: Module | None) -> Any:
        if text == NOT_OBSERVED and module is not None and module.rating and module.rating.not_observed:
            return NOT_OBSERVED
        top = points(module)
        if not text.isdigit() or not 1 <= int(text) <= top:
            raise ResponseError(f"a rating is a whole number from 1 to {top}, found '{text[:40]}'")
        return int(text)

    def describe(self, question: Likert, module: Module, plain: Convert) -> Components:
        if module.rating is None:
            return {}
        scale = [(str(point), anchor) for point, anchor in enumerate(module.rating.anchors, start=1)]
        if module.rating.not_observed:
            scale.append((NOT_OBSERVED, plain(module.rating.not_observed)))
        return {"scale": scale}


def likert_value(module: Module, question: Likert, rating: int) -> float:
    """The rating on the scale's direction: reverse-keyed items count ``points + 1 - rating``."""
    top = module.rating.points if module.rating else 5
    return float(top + 1 - rating if question.reverse else rating)


TYPE = LikertType()
