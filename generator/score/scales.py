"""Self-assessment scales and manager reviews: Likert items with no right answer.

A scale's score is the mean of its items on the scale's direction (reverse-keyed
items count ``points + 1 - rating``), from the rep's latest attempt; its band is
the first whose range holds the mean. These never enter mastery, facility or
discrimination. Reliability is Cronbach's alpha over the reps whose latest
attempt answered every item of the scale.

Calibration compares three views of one competency on a 0-1 line: the rep's own
rating, the manager's rating (both ``(mean - 1) / (points - 1)``; the manager's over
the review items that evidence that competency, each item's own or its scale's) and
the quiz mastery. Two views that differ by :data:`CALIBRATION_GAP` or more are flagged.
A review item marked "not observed" is missing: it never lowers a mean and an attempt
with one is not complete for alpha.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from generator.bank.catalog import Catalog
from generator.bank.grading import NOT_OBSERVED, likert_value
from generator.bank.model import Likert, Module, Scale
from generator.score import stats
from generator.score.gaps import INSUFFICIENT, Cell, latest_per_module
from generator.score.ingest import Attempt
from generator.score.motivation import Approach, suggest

CALIBRATION_GAP = 0.25  # one point on a five-point scale


@dataclass
class ScaleScore:
    module: str
    scale: Scale
    points: int
    mean: float
    items: int
    band: str
    band_text: str
    when: datetime

    @property
    def normalised(self) -> float:
        return (self.mean - 1) / (self.points - 1)


@dataclass
class Review:
    module: str
    title: str
    manager: str
    manager_name: str
    when: datetime
    scales: list[ScaleScore]
    notes: str | None
    # 0-1 mean of the rated items per competency each evidences (its own, else its scale's)
    by_competency: dict[str, float] = field(default_factory=dict)


@dataclass
class ScaleReliability:
    module: str
    scale: Scale
    items: int
    n: int
    enough: bool
    alpha: float | None


@dataclass
class Calibration:
    competency: str
    message: str


@dataclass
class RepScales:
    self_assessed: list[ScaleScore] = field(default_factory=list)
    review: Review | None = None
    calibration: list[Calibration] = field(default_factory=list)
    approach: Approach | None = None  # from the motivation-driver scales, when the rep rated them


def rated(attempt: Attempt, question: Likert) -> bool:
    """Whether the attempt rated the item: answered, and not "not observed" (which is missing)."""
    answer = attempt.answers.get(question.id)
    return answer is not None and answer.response != NOT_OBSERVED


def scale_scores(module: Module, attempt: Attempt) -> list[ScaleScore]:
    points = module.rating.points if module.rating else 5
    out = []
    for scale in module.scales:
        values = [
            likert_value(module, q, int(attempt.answers[q.id].score))
            for q in module.questions
            if isinstance(q, Likert) and q.scale == scale.id and rated(attempt, q)
        ]
        if not values:
            continue
        mean = sum(values) / len(values)
        band = next((b for b in scale.bands if b.min <= mean <= b.max), None)
        if band is None:  # bands may leave gaps: take the nearest one
            band = min(scale.bands, key=lambda b: min(abs(mean - b.min), abs(mean - b.max)))
        out.append(
            ScaleScore(module.id, scale, points, mean, len(values), band.label, band.text, attempt.when)
        )
    return out


def rep_scales(
    attempts: list[Attempt], catalog: Catalog, cells: dict[str, Cell], manager_names: dict[str, str]
) -> RepScales:
    result = RepScales()
    latest_review: Attempt | None = None
    for module_id, attempt in sorted(latest_per_module(attempts).items()):
        module = catalog.modules[module_id].module
        if module.mode == "survey":
            result.self_assessed.extend(scale_scores(module, attempt))
        elif module.mode == "review" and (latest_review is None or attempt.order > latest_review.order):
            latest_review = attempt
    if latest_review is not None:
        module = catalog.modules[latest_review.module].module
        manager = latest_review.instructor[0] if latest_review.instructor else ""
        result.review = Review(
            module.id,
            module.title,
            manager,
            manager_names.get(manager, manager),
            latest_review.when,
            scale_scores(module, latest_review),
            latest_review.notes,
            competency_means(module, latest_review),
        )
    result.calibration = calibrate(result, cells, catalog)
    result.approach = suggest(result.self_assessed)
    return result


def competency_means(module: Module, attempt: Attempt) -> dict[str, float]:
    """Each competency's mean rating on a 0-1 line, over the rated items that evidence it."""
    points = module.rating.points if module.rating else 5
    scale_competency = {s.id: s.competency for s in module.scales}
    values: dict[str, list[float]] = {}
    for q in module.questions:
        if isinstance(q, Likert) and rated(attempt, q):
            value = likert_value(module, q, int(attempt.answers[q.id].score))
            competency = q.competency or scale_competency.get(q.scale)
            if competency is not None:
                values.setdefault(competency, []).append((value - 1) / (points - 1))
    return {c: sum(v) / len(v) for c, v in values.items()}


def calibrate(scales: RepScales, cells: dict[str, Cell], catalog: Catalog) -> list[Calibration]:
    views: dict[str, dict[str, float]] = {}
    for score in scales.self_assessed:
        if score.scale.approach is None:  # a driver says what moves the rep, not how much
            views.setdefault(score.scale.competency, {})["the rep"] = score.normalised
    for competency, value in scales.review.by_competency.items() if scales.review else []:
        views.setdefault(competency, {})["the manager"] = value
    for competency, cell in cells.items():
        if cell.status != INSUFFICIENT and cell.mastery is not None and competency in views:
            views[competency]["the quizzes"] = cell.mastery
    out = []
    order = {c.id: i for i, c in enumerate(catalog.taxonomy.competencies)}
    for competency in sorted(views, key=lambda c: order.get(c, len(order))):
        seen = views[competency]
        names = list(seen)
        for i, first in enumerate(names):
            for second in names[i + 1 :]:
                diff = seen[first] - seen[second]
                if abs(diff) >= CALIBRATION_GAP - 1e-9:
                    high, low = (first, second) if diff > 0 else (second, first)
                    out.append(
                        Calibration(
                            competency,
                            f"{competency}: {high} {_verb(high)} it at {_pct(seen[high])}, {low} at "
                            f"{_pct(seen[low])}",
                        )
                    )
    return out


def _verb(view: str) -> str:
    return "put" if view == "the quizzes" else "rates"


def _pct(value: float) -> str:
    return f"{round(100 * value)}%"


def reliability(attempts: list[Attempt], catalog: Catalog, min_n: int) -> list[ScaleReliability]:
    """Cronbach's alpha per scale over each rep's latest attempt that answered every item of it."""
    by_module: dict[str, list[Attempt]] = {}
    by_rep: dict[str, list[Attempt]] = {}
    for attempt in attempts:
        by_rep.setdefault(attempt.rep, []).append(attempt)
    for rep_attempts in by_rep.values():
        for module_id, attempt in latest_per_module(rep_attempts).items():
            by_module.setdefault(module_id, []).append(attempt)
    out = []
    for bank in catalog.banks:
        module = bank.module
        if module.mode not in ("survey", "review"):
            continue
        group = sorted(by_module.get(module.id, []), key=lambda a: a.rep)
        for scale in module.scales:
            items = [q for q in module.questions if isinstance(q, Likert) and q.scale == scale.id]
            complete = [a for a in group if all(rated(a, q) for q in items)]
            columns = [[likert_value(module, q, int(a.answers[q.id].score)) for a in complete] for q in items]
            enough = len(complete) >= min_n
            alpha = stats.cronbach_alpha(columns) if enough else None
            out.append(ScaleReliability(module.id, scale, len(items), len(complete), enough, alpha))
    return out
