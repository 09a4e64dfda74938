"""xAPI response syntax, both ways: ``a[,]c``, ``true``, ``s1[.]t2[,]s2[.]t1``, ``s3[,]s1``, ``4``.

``parse`` checks a response against the question it answers and raises
:class:`ResponseError` with a reason a manager can read.
"""

from __future__ import annotations

from typing import Any

from generator.bank.grading import NOT_OBSERVED
from generator.bank.model import (
    Likert,
    Matching,
    Module,
    MultipleSelect,
    Ordering,
    Question,
    SingleChoice,
    TrueFalse,
)

SEP = "[,]"
PAIR = "[.]"


class ResponseError(ValueError):
    """A response that is not valid for its question."""


def encode(question: Question, response: Any) -> str:
    if isinstance(question, (SingleChoice, MultipleSelect, Ordering)):
        return SEP.join(response)
    if isinstance(question, TrueFalse):
        return "true" if response else "false"
    if isinstance(question, Matching):
        return SEP.join(f"{source}{PAIR}{target}" for source, target in response)
    if isinstance(question, Likert):
        return str(response)
    raise TypeError(question.type)  # pragma: no cover - the union is closed


def correct_pattern(question: Question) -> list[str] | None:
    """``correctResponsesPattern`` for the question, or ``None`` for a survey item."""
    if isinstance(question, (SingleChoice, MultipleSelect)):
        return [SEP.join(o.id for o in question.options if o.correct)]
    if isinstance(question, TrueFalse):
        return ["true" if question.answer else "false"]
    if isinstance(question, Matching):
        return [SEP.join(f"{p.id}{PAIR}{p.match}" for p in question.pairs)]
    if isinstance(question, Ordering):
        return [SEP.join(s.id for s in question.steps)]
    return None


def parse(question: Question, text: Any, module: Module | None = None) -> Any:
    """The response in Python form; raises :class:`ResponseError` when it cannot be for ``question``."""
    if not isinstance(text, str):
        raise ResponseError(f"response must be a string, found {type(text).__name__}")
    if isinstance(question, (SingleChoice, MultipleSelect)):
        chosen = [] if text == "" else text.split(SEP)
        known = {o.id for o in question.options}
        _known(chosen, known, "option")
        if len(set(chosen)) != len(chosen):
            raise ResponseError(f"option chosen twice in '{text}'")
        if isinstance(question, SingleChoice) and len(chosen) != 1:
            raise ResponseError(f"a single-choice response names one option, found {len(chosen)}")
        return chosen
    if isinstance(question, TrueFalse):
        if text not in ("true", "false"):
            raise ResponseError(f"a true-false response is 'true' or 'false', found '{text[:40]}'")
        return text == "true"
    if isinstance(question, Matching):
        pairs = []
        for part in text.split(SEP) if text else []:
            source, sep, target = part.partition(PAIR)
            if not sep:
                raise ResponseError(f"a matching pair is 'item[.]target', found '{part[:40]}'")
            pairs.append((source, target))
        _known([s for s, _ in pairs], {p.id for p in question.pairs}, "item")
        _known([t for _, t in pairs], {t.id for t in question.targets}, "target")
        if len({s for s, _ in pairs}) != len(pairs):
            raise ResponseError("an item is matched twice")
        return pairs
    if isinstance(question, Ordering):
        order = text.split(SEP) if text else []
        _known(order, {s.id for s in question.steps}, "step")
        if sorted(order) != sorted(s.id for s in question.steps):
            raise ResponseError("an ordering response lists every step exactly once")
        return order
    if isinstance(question, Likert):
        if text == NOT_OBSERVED and module is not None and module.rating and module.rating.not_observed:
            return NOT_OBSERVED
        points = module.rating.points if module is not None and module.rating else 5
        if not text.isdigit() or not 1 <= int(text) <= points:
            raise ResponseError(f"a rating is a whole number from 1 to {points}, found '{text[:40]}'")
        return int(text)
    raise TypeError(question.type)  # pragma: no cover


def _known(ids: list[str], known: set[str], what: str) -> None:
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise ResponseError(
            f"unknown {what} '{unknown[0][:40]}' (the question has {', '.join(sorted(known))})"
        )
