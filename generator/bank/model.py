"""The question-bank schema: one YAML file per module, validated strictly.

The same models produce the published JSON Schema (``repready schema``), so the
editor's autocompletion and the validator can never disagree. Unknown keys are
errors, closed vocabularies are ``Literal`` types and text is never blank.
Each question type's model lives with the rest of that type in
:mod:`generator.bank.items`. Rules that need more than one field (exactly one
correct option, ids that must exist elsewhere) live in :mod:`generator.bank.checks`
and the item types, where each problem can be reported at the line of the
offending field.
"""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import Field

from generator.bank.fields import CompetencyId, Id, Strict, Text
from generator.bank.items import Question

Mode = Literal["practice", "graded", "survey", "review"]
MODES: tuple[str, ...] = get_args(Mode)
SCALE_MODES = ("survey", "review")
"""Modes whose modules hold likert items only and report scales, not scores."""


class Scenario(Strict):
    """A customer case shared by several questions, shown once above them."""

    id: Id
    title: Text
    text: Text = Field(description="Markdown; may include a short dialogue.")


class Band(Strict):
    """A range of scale means and what it tells the rep."""

    min: float
    max: float
    label: Text
    text: Text = Field(description="Interpretation written for the rep.")


class Scale(Strict):
    """A group of Likert items measured together, e.g. motivation."""

    id: Id
    title: Text
    competency: CompetencyId
    bands: list[Band] = Field(min_length=1)
    approach: Text | None = Field(
        default=None,
        description="Makes the scale a motivation driver (incentive, guidance, recognition...): how "
        "a manager uses this driver with a rep for whom it is strong. The manager report suggests "
        "the approach of each rep's strongest drivers, in these words.",
    )


class RatingScale(Strict):
    """The answer scale of the module's Likert items."""

    points: int = Field(ge=2, le=11)
    anchors: list[Text] = Field(description="One label per point, lowest first.")
    not_observed: Text | None = Field(
        default=None,
        description="Review modules only: the label of one more answer, e.g. 'Not observed'. It is "
        "recorded as such and counts as missing, never as a low rating.",
    )


class Draw(Strict):
    """Draw questions from the bank's pool for each attempt."""

    count: int | None = Field(default=None, ge=1, description="Questions drawn in all.")
    per_competency: int | None = Field(
        default=None, ge=1, description="Questions drawn for each competency of the pool."
    )


class Remediation(Strict):
    """Where to send a rep whose gap this module measured, when it is not this module itself."""

    competencies: list[CompetencyId] = Field(min_length=1, description="The gaps this entry covers.")
    module: Id = Field(description="The id of the module to assign for them instead of this one.")
    reason: Text = Field(description="Why, in words the manager and the rep read beside the assignment.")


class Module(Strict):
    """One question bank: a module with its quiz."""

    id: Id = Field(description="Unique across all banks.")
    title: Text
    topic: Id = Field(description="A topic id from assessments/competencies.yml.")
    summary: Text
    training: str = Field(
        pattern=r"^[^\s/][^\s]*\.md$",
        description="The training page this quiz belongs to, relative to docs/, e.g. "
        "training/qualification.md.",
    )
    mastery: float = Field(default=0.8, gt=0, le=1, description="Share of points that counts as mastered.")
    mode: Mode = Field(
        default="practice",
        description="practice: feedback after Submit; graded: no key in the page, one "
        "submission; survey: self-assessment scales; review: a manager rates a rep.",
    )
    shuffle: bool = Field(default=False, description="Shuffle options per attempt.")
    draw: Draw | None = None
    rating: RatingScale | None = Field(default=None, description="Required with Likert items.")
    scales: list[Scale] = Field(default_factory=list)
    scenarios: list[Scenario] = Field(default_factory=list)
    remediation: list[Remediation] = Field(
        default_factory=list,
        description="By default a gap measured in this module assigns this module again; an entry "
        "here assigns another module for the competencies it lists.",
    )
    questions: list[Question] = Field(min_length=1)


class Topic(Strict):
    id: Id
    title: Text
    summary: Text | None = None


class Competency(Strict):
    id: CompetencyId
    title: Text
    description: Text
    kind: Literal["knowledge", "attitude"] = "knowledge"
    frameworks: list[Text] = Field(default_factory=list)


class Taxonomy(Strict):
    """assessments/competencies.yml: the topics and the competency model."""

    topics: list[Topic] = Field(min_length=1)
    competencies: list[Competency] = Field(min_length=1)
