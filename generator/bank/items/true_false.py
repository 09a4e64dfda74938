"""True or false: a statement; the xAPI responses are ``true`` and ``false``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from generator.bank.fields import QuestionBase, Text
from generator.bank.items.base import Choice, Grade, ItemType, ResponseError, all_or_nothing

if TYPE_CHECKING:
    from collections.abc import Iterator

    from generator.bank.model import Module


class TrueFalse(QuestionBase):
    """A statement that is true or false."""

    type: Literal["true-false"]
    answer: bool
    feedback_true: Text | None = Field(default=None, description="Shown when the rep answered true.")
    feedback_false: Text | None = Field(default=None, description="Shown when the rep answered false.")


class TrueOrFalse(ItemType[TrueFalse]):
    model = TrueFalse
    name = "true-false"
    interaction = "true-false"
    analysis_kind = "answer"  # item analysis names the two answers as statements

    def texts(self, question: TrueFalse) -> Iterator[str]:
        yield from (t for t in (question.feedback_true, question.feedback_false) if t)

    def feedback(self, question: TrueFalse) -> dict[str, str]:
        given = (("true", question.feedback_true), ("false", question.feedback_false))
        return {value: text for value, text in given if text}

    def grade(self, question: TrueFalse, response: Any) -> Grade:
        return all_or_nothing(response is question.answer)

    def pattern(self, question: TrueFalse) -> list[str] | None:
        return ["true" if question.answer else "false"]

    def encode(self, question: TrueFalse, response: Any) -> str:
        return "true" if response else "false"

    def parse(self, question: TrueFalse, text: str, module: Module | None) -> Any:
        if text not in ("true", "false"):
            raise ResponseError(f"a true-false response is 'true' or 'false', found '{text[:40]}'")
        return text == "true"

    def choices(self, question: TrueFalse) -> list[Choice]:
        # Rows that read as statements: "'Features sell.' is false", not "false False".
        statement = " ".join(question.prompt.split())
        return [
            ("true", f"\u201c{statement}\u201d is true", question.answer),
            ("false", f"\u201c{statement}\u201d is false", not question.answer),
        ]

    def credited(self, question: TrueFalse, value: Any) -> frozenset[str]:
        return frozenset({"true" if value else "false"})


TYPE = TrueOrFalse()
