"""What every item type provides, and the xAPI response syntax they share.

An item type is one module in this package: its bank model, its checks, the order a page shows
its parts, its grading, its xAPI response codec (``a[,]c``, ``true``, ``s1[.]t2[,]s2[.]t1``,
``4``) and its item-analysis view. Nothing here depends on rendering: where a type needs Markdown
turned into HTML or plain text, the caller passes the converter in.
"""

from __future__ import annotations

import hashlib
import random
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from pydantic import BaseModel

from generator.bank.rules import Location
from generator.bank.source import Source
from generator.problems import Problem

if TYPE_CHECKING:
    from generator.bank.model import Module

SEP = "[,]"
PAIR = "[.]"

Q = TypeVar("Q", bound=BaseModel)
Convert = Callable[[str], str]
Choice = tuple[str, str, bool]  # (id, Markdown text, whether choosing or placing it is right)
# xAPI interaction components by kind (choices, source, target, scale): (id, plain-text description)
Components = dict[str, list[tuple[str, str]]]


class ResponseError(ValueError):
    """A response that is not valid for its question."""


@dataclass(frozen=True)
class Grade:
    score: float  # in [0, 1]
    success: bool


def all_or_nothing(right: bool) -> Grade:
    return Grade(1.0 if right else 0.0, right)


def share_right(right: int, parts: int, scoring: str) -> Grade:
    """``right`` of ``parts`` (pairs, steps, blanks): that share with partial scoring, else all or nothing."""
    if scoring == "partial":
        return Grade(right / parts, right == parts)
    return all_or_nothing(right == parts)


def split(text: str) -> list[str]:
    return text.split(SEP) if text else []


def known(ids: list[str], allowed: set[str], what: str) -> None:
    unknown = [i for i in ids if i not in allowed]
    if unknown:
        raise ResponseError(
            f"unknown {what} '{unknown[0][:40]}' (the question has {', '.join(sorted(allowed))})"
        )


def _random(seed: str) -> random.Random:
    return random.Random(int(hashlib.sha256(seed.encode()).hexdigest()[:16], 16))


def derange(items: list[Any], seed: str) -> list[Any]:
    """A stable shuffled order that is never the given one (which may be the answer)."""
    rng = _random(seed)
    shuffled = items[:]
    for _ in range(10):
        rng.shuffle(shuffled)
        if shuffled != items:
            return shuffled
    return items[1:] + items[:1]


def stable_order(items: list[Any], seed: str, *, graded: bool) -> list[Any]:
    """The order a page shows parts whose bank order is the answer.

    Practice pages never show the answer's order, so the rep has something to do. A graded page
    carries no key, and there any fixed relation between order and key would give it away (a
    two-step derangement is always the reverse): every order is equally likely, the answer's too.
    """
    if not graded:
        return derange(items, seed)
    shuffled = items[:]
    _random(seed).shuffle(shuffled)
    return shuffled


class ItemType(ABC, Generic[Q]):
    """One item type. Subclasses set the class attributes and implement the abstract methods."""

    model: ClassVar[type[BaseModel]]
    name: ClassVar[str]  # the bank's ``type:`` value
    interaction: ClassVar[str]  # xAPI interactionType
    graded: ClassVar[bool] = True  # has a right answer, counts towards scores and item analysis
    analysis_kind: ClassVar[str] = "option"  # what item analysis counts: option, pair, step, blank

    # The bank

    def check(self, question: Q, module: Module | None, loc: Location, source: Source) -> Iterator[Problem]:
        """Rules beyond the schema; ``module`` is None when the module itself failed the schema."""
        return iter(())

    def texts(self, question: Q) -> Iterator[str]:
        """Every Markdown snippet besides the prompt and explanation, to be converted in one pass."""
        return iter(())

    def display(self, question: Q, *, graded: bool = False) -> list[Any]:
        """The question's parts in the order a page shows them (``graded``: a page without its key)."""
        return []

    # The page

    def key(self, question: Q, html: Convert) -> dict[str, Any]:
        """What the widget needs to give practice feedback (kept out of the page text)."""
        pattern = self.pattern(question)
        return {
            "pattern": pattern[0] if pattern else "",
            "scoring": getattr(question, "scoring", "all-or-nothing"),
            "feedback": {k: html(text) for k, text in self.feedback(question).items()},
            "explanation": html(getattr(question, "explanation", "")),
        }

    def feedback(self, question: Q) -> dict[str, str]:
        """Markdown feedback per response part (option id), shown when the rep chose it."""
        return {}

    # Grading and xAPI

    @abstractmethod
    def grade(self, question: Q, response: Any) -> Grade:
        """The share of the question's point earned by ``response`` (in :meth:`parse`'s form)."""

    @abstractmethod
    def pattern(self, question: Q) -> list[str] | None:
        """``correctResponsesPattern``, or None when there is no right answer."""

    @abstractmethod
    def encode(self, question: Q, response: Any) -> str:
        """A response in Python form as xAPI ``result.response``."""

    @abstractmethod
    def parse(self, question: Q, text: str, module: Module | None) -> Any:
        """``result.response`` in Python form; raises :class:`ResponseError` when it cannot be."""

    def describe(self, question: Q, module: Module, plain: Convert) -> Components:
        """The interaction components of the xAPI activity definition (choices, source, ...)."""
        return {}

    # Item analysis

    def choices(self, question: Q) -> list[Choice]:
        """The rows of the item-analysis table."""
        return []

    def credited(self, question: Q, value: Any) -> frozenset[str]:
        """The rows a parsed response chose (or placed right)."""
        return frozenset()
