"""Fill in the blank: a text with one or more blanks, each with its accepted answers.

A blank is written ``[[id]]`` in the text. Answers are compared with whitespace folded and,
unless the blank says otherwise, in any case. A blank may also accept patterns in a small,
safe language (see :data:`PATTERN`): literals, ``.``, character classes, groups with ``|`` and
the quantifier ``?``. Without ``*``, ``+`` or ``{n,m}`` nothing repeats, so the work of a match is
bounded by the pattern's own choices, which are capped (:data:`MAX_CHOICES`): no answer can make
a pattern backtrack catastrophically, here or in the browser.
xAPI interaction ``fill-in``; the response is the blanks' texts joined by ``[,]``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from generator.bank.fields import Id, QuestionBase, Scoring, Strict, Text
from generator.bank.items.base import (
    SEP,
    Choice,
    Convert,
    Grade,
    ItemType,
    ResponseError,
    share_right,
)
from generator.bank.rules import Location, duplicates, names

if TYPE_CHECKING:
    from generator.bank.model import Module
    from generator.bank.source import Source
    from generator.problems import Problem

MARKER = re.compile(r"\[\[([A-Za-z0-9][A-Za-z0-9_.-]{0,63})\]\]")
MAX_PATTERN = 200
MAX_CHOICES = 12  # "?" and "|" in one pattern: at most 2**12 ways to try it
MAX_ANSWER = 200
# The pattern language: any character but the unbounded quantifiers and braces, a backslash
# only before punctuation (a literal), and no "(?" extensions (lookarounds, flags).
PATTERN = re.compile(r"(?:[^\\*+{}]|\\[^A-Za-z0-9])*")


class Blank(Strict):
    """One blank of a fill-in question."""

    id: Id
    label: Text | None = Field(
        default=None,
        description="What a screen reader announces for the field (default: Blank 1, Blank 2, ...).",
    )
    accept: list[Text] = Field(
        min_length=1, description="Accepted answers; the first is shown as the right one."
    )
    patterns: list[Text] = Field(
        default_factory=list,
        description="Also accepted: patterns with . [a-z] (a|b) and ?; no *, + or {n}. E.g. 'express(ed)?'.",
    )
    case_sensitive: bool = Field(default=False, description="Whether 'Net 30' and 'net 30' differ.")
    feedback: Text | None = Field(default=None, description="Shown after Submit beside this blank.")


class FillIn(QuestionBase):
    """A text with blanks written [[id]]; the rep types each missing word or phrase."""

    type: Literal["fill-in"]
    text: Text = Field(description="The text with its blanks, e.g. 'Billing starts on [[start]].'")
    blanks: list[Blank] = Field(min_length=1)
    scoring: Scoring = Field(default="all-or-nothing", description="'partial': share of blanks right.")


def fold(text: str, case_sensitive: bool) -> str:
    folded = " ".join(text.split())
    # lower(), not casefold(): the widget compares with toLowerCase(), and both must agree.
    return folded if case_sensitive else folded.lower()


def blank_right(blank: Blank, given: str) -> bool:
    answer = fold(given, blank.case_sensitive)
    if any(answer == fold(a, blank.case_sensitive) for a in blank.accept):
        return True
    flags = 0 if blank.case_sensitive else re.IGNORECASE
    return any(re.fullmatch(p, answer, flags) for p in blank.patterns)


def pattern_problem(pattern: str) -> str | None:
    if len(pattern) > MAX_PATTERN:
        return f"a pattern has at most {MAX_PATTERN} characters"
    if not PATTERN.fullmatch(pattern) or "(?" in pattern:
        return "a pattern may use text, '.', [a-z], (a|b) and '?'; not *, +, {n}, (? or \\ before a letter"
    if pattern.count("?") + pattern.count("|") > MAX_CHOICES:
        return f"a pattern may use '?' and '|' at most {MAX_CHOICES} times in all"
    try:
        re.compile(pattern)
    except re.error as error:
        return f"not a valid pattern: {error}"
    return None


class FillInType(ItemType[FillIn]):
    model = FillIn
    name = "fill-in"
    interaction = "fill-in"
    analysis_kind = "blank"

    def check(
        self, question: FillIn, module: Module | None, loc: Location, source: Source
    ) -> Iterator[Problem]:
        ids = [b.id for b in question.blanks]
        yield from duplicates(ids, (*loc, "blanks"), "blank id", source)
        marked = MARKER.findall(question.text)
        for missing in [i for i in ids if i not in marked]:
            yield source.problem((*loc, "text"), f"blank '{missing}' has no [[{missing}]] in the text")
        for extra in [m for m in marked if m not in ids]:
            yield source.problem(
                (*loc, "text"), f"[[{extra}]] names no blank; the blanks are: {names(set(ids))}"
            )
        if len(set(marked)) != len(marked):
            yield source.problem((*loc, "text"), "a blank appears twice in the text")
        for bi, blank in enumerate(question.blanks):
            for pi, pattern in enumerate(blank.patterns):
                problem = pattern_problem(pattern)
                if problem:
                    yield source.problem((*loc, "blanks", bi, "patterns", pi), problem)

    def texts(self, question: FillIn) -> Iterator[str]:
        yield from (b.feedback for b in question.blanks if b.feedback)

    def display(self, question: FillIn, *, graded: bool = False) -> list[Any]:
        """The text cut at its blanks: (text before, blank or None), in order."""
        by_id = {b.id: b for b in question.blanks}
        parts: list[Any] = []
        last = 0
        for match in MARKER.finditer(question.text):
            parts.append((question.text[last : match.start()], by_id.get(match.group(1))))
            last = match.end()
        parts.append((question.text[last:], None))
        return parts

    def feedback(self, question: FillIn) -> dict[str, str]:
        return {b.id: b.feedback for b in question.blanks if b.feedback}

    def key(self, question: FillIn, html: Convert) -> dict[str, Any]:
        blanks = [
            {"id": b.id, "accept": list(b.accept), "patterns": list(b.patterns), "case": b.case_sensitive}
            for b in question.blanks
        ]
        return {**super().key(question, html), "blanks": blanks}

    def grade(self, question: FillIn, response: Any) -> Grade:
        right = sum(blank_right(b, given) for b, given in zip(question.blanks, response, strict=True))
        return share_right(right, len(question.blanks), question.scoring)

    def pattern(self, question: FillIn) -> list[str] | None:
        prefix = "{case_matters=true}" if any(b.case_sensitive for b in question.blanks) else ""
        return [prefix + SEP.join(b.accept[0] for b in question.blanks)]

    def encode(self, question: FillIn, response: Any) -> str:
        return SEP.join(response)

    def parse(self, question: FillIn, text: str, module: Module | None) -> Any:
        given = text.split(SEP)
        if len(given) != len(question.blanks):
            raise ResponseError(
                f"a fill-in response has {len(question.blanks)} blanks joined by [,], found {len(given)}"
            )
        if any(len(g) > MAX_ANSWER for g in given):
            raise ResponseError(f"a blank's answer has at most {MAX_ANSWER} characters")
        return given

    def choices(self, question: FillIn) -> list[Choice]:
        return [(b.id, b.label or b.accept[0], True) for b in question.blanks]

    def credited(self, question: FillIn, value: Any) -> frozenset[str]:
        return frozenset(
            b.id for b, given in zip(question.blanks, value, strict=True) if blank_right(b, given)
        )


TYPE = FillInType()
