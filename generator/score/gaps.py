"""The gap model: per rep x competency mastery from the latest attempt at each module.

mastery = points earned / questions answered, over the answers in each module's
latest attempt that touch the competency. Status:

* ``insufficient`` - fewer than ``min_evidence`` such answers: never shown as a gap or as mastered;
* ``mastered`` - mastery at or above the threshold;
* ``gap`` - below it.

The threshold is ``--gap-threshold`` when given, otherwise the mastery threshold of
the module each answer came from, averaged over the answers (so one module's
threshold when all evidence comes from one module). Averaging per answer keeps the
model monotone: a right answer added never turns ``mastered`` into ``gap``. Readiness is the share of the
competencies with enough evidence that the rep has mastered, always said together with how many
competencies that is: "not enough evidence yet" is no gap, and counting it as one made a rep who had
taken one module look 8% ready.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from generator.bank.catalog import Catalog
from generator.bank.items import is_graded
from generator.bank.model import SCALE_MODES
from generator.score.ingest import Attempt

MASTERED = "mastered"
GAP = "gap"
INSUFFICIENT = "insufficient"
STATUS_TEXT = {MASTERED: "mastered", GAP: "gap", INSUFFICIENT: "insufficient evidence"}
STATUS_SYMBOL = {MASTERED: "✓", GAP: "✗", INSUFFICIENT: "?"}


@dataclass
class Cell:
    """One rep x competency."""

    competency: str
    earned: float = 0.0
    questions: int = 0
    attempts: int = 0
    last: datetime | None = None
    threshold: float = 0.8
    status: str = INSUFFICIENT
    modules: list[str] = field(default_factory=list)
    # module -> (points earned, questions answered) in its latest attempt: where the evidence came from
    evidence: dict[str, tuple[float, int]] = field(default_factory=dict)

    @property
    def mastery(self) -> float | None:
        return self.earned / self.questions if self.questions else None

    @property
    def gap(self) -> float:
        """How far below the threshold (0 unless the status is a gap)."""
        m = self.mastery
        return self.threshold - m if self.status == GAP and m is not None else 0.0


@dataclass
class TrendPoint:
    when: datetime
    score: float
    answered: int


@dataclass
class Trend:
    module: str
    title: str
    points: list[TrendPoint]


@dataclass
class Readiness:
    mastered: int
    gaps: int
    insufficient: int
    total: int

    @property
    def evidenced(self) -> int:
        """Competencies with enough evidence to call mastered or a gap."""
        return self.mastered + self.gaps

    @property
    def score(self) -> float | None:
        """Share of the evidenced competencies mastered; ``None`` while none has enough evidence."""
        return self.mastered / self.evidenced if self.evidenced else None


@dataclass
class Course:
    """What the gap model needs from the catalog, looked up once per run rather than per answer."""

    competencies: list[str]  # knowledge competencies taught by graded questions, in taxonomy order
    question_competencies: dict[str, tuple[str, ...]]  # graded question -> its course competencies
    module_competencies: dict[str, frozenset[str]]  # knowledge module -> what its questions teach
    mastery: dict[str, float]  # knowledge module -> its mastery threshold


def course(catalog: Catalog) -> Course:
    taught = {
        c
        for bank in catalog.banks
        for q in bank.module.questions
        if is_graded(q)
        for c in getattr(q, "competencies", ())
    }
    competencies = [c.id for c in catalog.taxonomy.competencies if c.id in taught and c.kind == "knowledge"]
    known = set(competencies)
    questions: dict[str, tuple[str, ...]] = {}
    modules: dict[str, frozenset[str]] = {}
    mastery: dict[str, float] = {}
    for bank in catalog.banks:
        module = bank.module
        if module.mode in SCALE_MODES:
            continue
        mastery[module.id] = module.mastery
        for q in module.questions:
            if is_graded(q):
                questions[q.id] = tuple(c for c in getattr(q, "competencies", ()) if c in known)
        modules[module.id] = frozenset(c for q in module.questions for c in questions.get(q.id, ()))
    return Course(competencies, questions, modules, mastery)


def latest_per_module(attempts: list[Attempt]) -> dict[str, Attempt]:
    latest: dict[str, Attempt] = {}
    for attempt in attempts:
        known = latest.get(attempt.module)
        if known is None or attempt.order > known.order:
            latest[attempt.module] = attempt
    return latest


def rep_cells(
    attempts: list[Attempt],
    index: Course,
    min_evidence: int,
    gap_threshold: float | None,
) -> dict[str, Cell]:
    """The rep's cell for every course competency (``attempts`` are the rep's own)."""
    cells = {c: Cell(c) for c in index.competencies}
    counts: dict[str, int] = {}
    for attempt in attempts:
        counts[attempt.module] = counts.get(attempt.module, 0) + 1
    earned = dict.fromkeys(index.competencies, 0.0)
    answered = dict.fromkeys(index.competencies, 0)
    targets = dict.fromkeys(index.competencies, 0.0)  # sum over answers of their module's threshold
    question_competencies = index.question_competencies
    for module_id, attempt in sorted(latest_per_module(attempts).items()):
        threshold = index.mastery.get(module_id)
        if threshold is None:  # a survey or review
            continue
        here: dict[str, list[float]] = {}  # competency -> [earned, answered] in this attempt
        for qid, answer in attempt.answers.items():
            competencies = question_competencies.get(qid)
            if not competencies:
                continue
            score = answer.score
            for competency in competencies:
                earned[competency] += score
                answered[competency] += 1
                targets[competency] += threshold
                tally = here.setdefault(competency, [0.0, 0])
                tally[0] += score
                tally[1] += 1
        when = attempt.when
        for competency, (points, count) in here.items():
            cell = cells[competency]
            cell.modules.append(module_id)
            cell.evidence[module_id] = (points, int(count))
            cell.attempts += counts[module_id]
            if cell.last is None or when > cell.last:
                cell.last = when
    for cell in cells.values():
        cell.earned = earned[cell.competency]
        cell.questions = answered[cell.competency]
        if gap_threshold is not None:
            cell.threshold = gap_threshold
        elif cell.questions:
            cell.threshold = targets[cell.competency] / cell.questions
        mastery = cell.mastery
        if cell.questions < min_evidence or mastery is None:
            cell.status = INSUFFICIENT
        elif mastery >= cell.threshold - 1e-9:
            cell.status = MASTERED
        else:
            cell.status = GAP
    return cells


def readiness(cells: dict[str, Cell]) -> Readiness:
    statuses = [c.status for c in cells.values()]
    return Readiness(
        statuses.count(MASTERED), statuses.count(GAP), statuses.count(INSUFFICIENT), len(statuses)
    )


def readiness_figure(r: Readiness) -> str:
    """ "62% ready on 9 of 13 competencies with enough evidence": the share and what it rests on."""
    if r.score is None:
        return f"not enough evidence yet on any of the {r.total} competencies"
    return f"{round(100 * r.score)}% ready on {r.evidenced} of {r.total} competencies with enough evidence"


def readiness_sentence(name: str, r: Readiness) -> str:
    """The one sentence a manager can say out loud."""
    if r.score is None:
        return f"{name}: {readiness_figure(r)}."
    return (
        f"{name}: {readiness_figure(r)} (mastered {r.mastered}, "
        f"{r.gaps} {'gap' if r.gaps == 1 else 'gaps'}); "
        f"{r.insufficient} {'has' if r.insufficient == 1 else 'have'} too little evidence yet."
    )


def trends(attempts: list[Attempt], catalog: Catalog) -> list[Trend]:
    """Each knowledge module's attempts in time order, with the share of points earned."""
    by_module: dict[str, list[Attempt]] = {}
    for attempt in attempts:
        by_module.setdefault(attempt.module, []).append(attempt)
    out = []
    for module_id in sorted(by_module):
        module = catalog.modules[module_id].module
        if module.mode in SCALE_MODES:
            continue
        points = [
            TrendPoint(a.when, sum(x.score for x in a.answers.values()) / len(a.answers), len(a.answers))
            for a in sorted(by_module[module_id], key=lambda a: a.order)
        ]
        out.append(Trend(module_id, module.title, points))
    return out


@dataclass
class TeamCell:
    competency: str
    mastery: float | None
    mastered: int
    gaps: int
    insufficient: int


def team_cells(rep_cells_list: list[dict[str, Cell]], competencies: list[str]) -> dict[str, TeamCell]:
    """Mean mastery over the reps with enough evidence, and how many reps are in each status."""
    out = {}
    for competency in competencies:
        cells = [cells[competency] for cells in rep_cells_list]
        known = [c.mastery for c in cells if c.status != INSUFFICIENT and c.mastery is not None]
        out[competency] = TeamCell(
            competency,
            sum(known) / len(known) if known else None,
            sum(c.status == MASTERED for c in cells),
            sum(c.status == GAP for c in cells),
            sum(c.status == INSUFFICIENT for c in cells),
        )
    return out
