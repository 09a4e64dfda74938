"""xAPI response syntax, both ways: ``a[,]c``, ``true``, ``s1[.]t2[,]s2[.]t1``, ``s3[,]s1``, ``4``.

Each item type (:mod:`generator.bank.items`) owns its codec; ``parse`` checks a response
against the question it answers and raises :class:`ResponseError` with a reason a manager
can read.
"""

from __future__ import annotations

from typing import Any

from generator.bank.items import Question, item_type
from generator.bank.items.base import PAIR, SEP, ResponseError
from generator.bank.model import Module

__all__ = ["PAIR", "SEP", "ResponseError", "correct_pattern", "encode", "parse"]


def encode(question: Question, response: Any) -> str:
    return item_type(question).encode(question, response)


def correct_pattern(question: Question) -> list[str] | None:
    """``correctResponsesPattern`` for the question, or ``None`` for a survey item."""
    return item_type(question).pattern(question)


def parse(question: Question, text: Any, module: Module | None = None) -> Any:
    """The response in Python form; raises :class:`ResponseError` when it cannot be for ``question``."""
    if not isinstance(text, str):
        raise ResponseError(f"response must be a string, found {type(text).__name__}")
    return item_type(question).parse(question, text, module)
