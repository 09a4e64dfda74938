"""The building blocks of the bank schema that every item type shares.

Unknown keys are errors, closed vocabularies are ``Literal`` types and text is never blank.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"),
    Field(
        description="A stable identifier: letters, digits, '_', '.', '-'; at most 64 characters. "
        "Ids, never positions, key saved answers and results, so never reuse one for new content."
    ),
]
Text = Annotated[
    str,
    StringConstraints(pattern=r"\S"),
    Field(description="Markdown text; must not be blank."),
]
CompetencyId = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Z][A-Z0-9_]*(\.[A-Z][A-Z0-9_]*)+$"),
    Field(description="A competency id from assessments/competencies.yml, e.g. QUAL.NEED."),
]
TrainingLink = Annotated[
    str,
    StringConstraints(pattern=r"^[^\s/#][^\s#]*\.md(#[A-Za-z0-9_-]+)?$"),
    Field(description="A page relative to docs/, optionally with a heading anchor: page.md#section."),
]
Difficulty = Literal["easy", "medium", "hard"]
Scoring = Literal["all-or-nothing", "partial"]


class Strict(BaseModel):
    """Forbid unknown keys and type coercion ("yes" is not a boolean, 1 is not text), NaN and infinities."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)


WritingRule = Literal[
    "longest-keyed",
    "stem-echo",
    "all-or-none-of-the-above",
    "negative-stem",
    "mostly-keyed",
    "distractor-feedback",
]


class Silence(Strict):
    """Silence one item-writing warning of ``repready validate`` for this question, with the reason."""

    rule: WritingRule = Field(description="The rule named in the warning, e.g. longest-keyed.")
    reason: Text = Field(description="Why the question is right as written; reviewers read it.")


class QuestionBase(Strict):
    id: Id = Field(description="Unique across all banks.")
    prompt: Text
    competencies: list[CompetencyId] = Field(min_length=1, description="What a right answer is evidence of.")
    difficulty: Difficulty = "medium"
    explanation: Text = Field(description="Why the right answer is right; shown after Submit.")
    scenario: Id | None = Field(
        default=None, description="The id of a scenario of this module shown above the question."
    )
    training: TrainingLink | None = Field(
        default=None,
        description="The page section that teaches this question, relative to docs/, e.g. "
        "training/qualification.md#budget. The heading must exist on the page.",
    )
    silence: list[Silence] = Field(
        default_factory=list, description="Item-writing warnings this question is right to ignore."
    )
