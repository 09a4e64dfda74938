"""Matching: pair every item with its target, e.g. a feature with the benefit it gives."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from generator.bank.fields import Id, QuestionBase, Scoring, Strict, Text
from generator.bank.items.base import (
    PAIR,
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
from generator.bank.rules import Location, duplicate_texts, duplicates, names
from generator.bank.source import Source
from generator.problems import Problem

if TYPE_CHECKING:
    from generator.bank.model import Module


class Target(Strict):
    """A right-hand item of a matching question."""

    id: Id
    text: Text


class Pair(Strict):
    """A left-hand item of a matching question and the target it belongs with."""

    id: Id
    text: Text
    match: Id = Field(description="The id of the target this item belongs with.")


class Matching(QuestionBase):
    """Pair every item with its target, e.g. a feature with the benefit it gives."""

    type: Literal["matching"]
    pairs: list[Pair] = Field(min_length=2)
    targets: list[Target] = Field(
        min_length=2, description="Every target; targets no item matches are distractors."
    )
    scoring: Scoring = Field(default="all-or-nothing", description="'partial': share of right pairs.")


class MatchingType(ItemType[Matching]):
    model = Matching
    name = "matching"
    interaction = "matching"
    analysis_kind = "pair"

    def check(
        self, question: Matching, module: Module | None, loc: Location, source: Source
    ) -> Iterator[Problem]:
        targets = {t.id for t in question.targets}
        yield from duplicates([p.id for p in question.pairs], (*loc, "pairs"), "item id", source)
        yield from duplicates([t.id for t in question.targets], (*loc, "targets"), "target id", source)
        yield from duplicate_texts([p.text for p in question.pairs], (*loc, "pairs"), source)
        yield from duplicate_texts([t.text for t in question.targets], (*loc, "targets"), source)
        for pi, pair in enumerate(question.pairs):
            if pair.match not in targets:
                yield source.problem(
                    (*loc, "pairs", pi, "match"),
                    f"unknown target '{pair.match}'; the targets are: {names(targets)}",
                )
            if pair.id in targets:
                yield source.problem((*loc, "pairs", pi, "id"), f"item id '{pair.id}' is also a target id")

    def texts(self, question: Matching) -> Iterator[str]:
        yield from (p.text for p in question.pairs)
        yield from (t.text for t in question.targets)

    def display(self, question: Matching, *, graded: bool = False) -> list[Any]:
        return stable_order(list(question.targets), question.id, graded=graded)

    def grade(self, question: Matching, response: Any) -> Grade:
        # parse() admits each item once, so every pair right is the exact answer.
        given = dict(response)
        right = sum(given.get(p.id) == p.match for p in question.pairs)
        return share_right(right, len(question.pairs), question.scoring)

    def pattern(self, question: Matching) -> list[str] | None:
        return [SEP.join(f"{p.id}{PAIR}{p.match}" for p in question.pairs)]

    def encode(self, question: Matching, response: Any) -> str:
        return SEP.join(f"{source}{PAIR}{target}" for source, target in response)

    def parse(self, question: Matching, text: str, module: Module | None) -> Any:
        pairs = []
        for part in split(text):
            source, sep, target = part.partition(PAIR)
            if not sep:
                raise ResponseError(f"a matching pair is 'item[.]target', found '{part[:40]}'")
            pairs.append((source, target))
        known([s for s, _ in pairs], {p.id for p in question.pairs}, "item")
        known([t for _, t in pairs], {t.id for t in question.targets}, "target")
        if len({s for s, _ in pairs}) != len(pairs):
            raise ResponseError("an item is matched twice")
        return pairs

    def describe(self, question: Matching, module: Module, plain: Convert) -> Components:
        return {
            "source": [(p.id, plain(p.text)) for p in question.pairs],
            "target": [(t.id, plain(t.text)) for t in question.targets],
        }

    def choices(self, question: Matching) -> list[Choice]:
        return [(p.id, p.text, True) for p in question.pairs]

    def credited(self, question: Matching, value: Any) -> frozenset[str]:
        match = {p.id: p.match for p in question.pairs}
        return frozenset(source for source, target in value if match.get(source) == target)


TYPE = MatchingType()
