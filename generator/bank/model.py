"""The question-bank schema: one YAML file per module, validated strictly.

The same models produce the published JSON Schema (``repready schema``), so the
editor's autocompletion and the validator can never disagree. Unknown keys are
errors, closed vocabularies are ``Literal`` types and text is never blank.
Rules that need more than one field (exactly one correct option, ids that must
exist elsewhere) live in :mod:`generator.bank.checks`, where each problem can be
reported at the line of the offending field.
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


class Option(Strict):
    """One answer option of a single-choice or multiple-select question."""

    id: Id
    text: Text = Field(description="What the rep sees (Markdown, one line is best).")
    correct: bool = Field(default=False, description="Whether choosing this option is right.")
    feedback: Text | None = Field(
        default=None, description="Shown after Submit when the rep chose this option."
    )


class Target(Strict):
    """A right-hand item of a matching question."""

    id: Id
    text: Text


class Pair(Strict):
    """A left-hand item of a matching question and the target it belongs with."""

    id: Id
    text: Text
    match: Id = Field(description="The id of the target this item belongs with.")


class Step(Strict):
    """One item of an ordering question."""

    id: Id
    text: Text


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


class SingleChoice(QuestionBase):
    """Exactly one option is correct."""

    type: Literal["single"]
    options: list[Option] = Field(min_length=2)


class MultipleSelect(QuestionBase):
    """One or more options are correct; the rep ticks every one of them."""

    type: Literal["multiple"]
    options: list[Option] = Field(min_length=2)
    scoring: Scoring = Field(
        default="all-or-nothing",
        description="'partial': (right ticks - wrong ticks) / correct options, never below 0.",
    )


class TrueFalse(QuestionBase):
    """A statement that is true or false."""

    type: Literal["true-false"]
    answer: bool
    feedback_true: Text | None = Field(default=None, description="Shown when the rep answered true.")
    feedback_false: Text | None = Field(default=None, description="Shown when the rep answered false.")


class Matching(QuestionBase):
    """Pair every item with its target, e.g. a feature with the benefit it gives."""

    type: Literal["matching"]
    pairs: list[Pair] = Field(min_length=2)
    targets: list[Target] = Field(
        min_length=2, description="Every target; targets no item matches are distractors."
    )
    scoring: Scoring = Field(default="all-or-nothing", description="'partial': share of right pairs.")


class Ordering(QuestionBase):
    """Put the steps in order; the bank lists them in the right order."""

    type: Literal["ordering"]
    steps: list[Step] = Field(min_length=2)
    scoring: Scoring = Field(
        default="all-or-nothing", description="'partial': share of steps in the right position."
    )


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


Question = Annotated[
    SingleChoice | MultipleSelect | TrueFalse | Matching | Ordering | Likert,
    Field(discriminator="type"),
]


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
    mode: Literal["practice", "graded", "survey", "review"] = Field(
        default="practice",
        description="practice: feedback after Submit; graded: no key in the page, one "
        "submission; survey: self-assessment scales; review: a manager rates a rep.",
    )
    shuffle: bool = Field(default=False, description="Shuffle options per attempt.")
    draw: Draw | None = None
    rating: RatingScale | None = Field(default=None, description="Required with Likert items.")
    scales: list[Scale] = Field(default_factory=list)
    scenarios: list[Scenario] = Field(default_factory=list)
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


GRADED_TYPES = ("single", "multiple", "true-false", "matching", "ordering")
