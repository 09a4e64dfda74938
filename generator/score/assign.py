"""Assignments: the modules that close a rep's gaps, biggest gap first, each with its rule in words.

The rule for a gap, in order:

1. the bank of a module where the gap was measured names another module for it
   (``remediation``): that module, with the bank's reason;
2. the gap was measured in a practice module: that module (where the rep lost the most
   points on the competency, if several), after its training page;
3. the gap was measured only in graded assessments: the practice module that teaches
   the competency (graded ones only when no practice module does).

A module chosen for one gap also closes the rep's other open gaps for which the same
rule would pick it, so no module is assigned twice. Each rep gets one "My plan" link:
the portal's ``plan/`` page with the plan in the URL fragment, which browsers never
send to a server.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field
from datetime import datetime

import orjson

from generator.bank.catalog import Catalog
from generator.bank.model import Module
from generator.score.gaps import GAP, Cell, Course

PLAN_PAGE = "plan/"
PLAN_VERSION = 1
_SITE = re.compile(r"https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~%/-]*)?")

BANK_RULE = "bank"
MEASURED_RULE = "measured"
TEACHES_RULE = "teaches"


@dataclass(frozen=True)
class Source:
    """One module's share of a gap's evidence (its latest attempt)."""

    module: str
    title: str
    mastery: float
    answered: int


@dataclass(frozen=True)
class GapEvidence:
    """A gap an assignment closes, and the answers behind it."""

    competency: str
    name: str
    mastery: float
    threshold: float
    answered: int
    last: datetime | None
    sources: list[Source]


@dataclass
class Assignment:
    rank: int
    module: str
    title: str
    training: str  # page relative to docs/, e.g. training/qualification.md
    competencies: list[str]  # the gaps it covers, largest first
    largest_gap: float
    reason: str  # what it closes, for the rep's plan and the CSV
    rule: str  # why this module for these gaps, in words
    rule_kind: str  # BANK_RULE, MEASURED_RULE or TEACHES_RULE
    gaps: list[GapEvidence]
    # The page sections that teach the gaps it covers (its questions' ``training`` links), in order
    sections: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Choice:
    modules: frozenset[str]  # the modules the rule allows for this gap
    kind: str
    words: str


def assign(cells: dict[str, Cell], catalog: Catalog, index: Course) -> list[Assignment]:
    gaps = sorted((c for c in cells.values() if c.status == GAP), key=lambda c: (-c.gap, c.competency))
    if not gaps:
        return []
    choices = {gap.competency: _choice(gap, catalog, index) for gap in gaps}
    open_gaps = [g for g in gaps if choices[g.competency].modules]
    chosen: list[tuple[Module, list[Cell], _Choice]] = []
    while open_gaps:
        first = open_gaps[0]
        choice = choices[first.competency]
        module_id = min(
            choice.modules,
            key=lambda m: (
                -_lost(first, m),
                -sum(m in choices[g.competency].modules for g in open_gaps),
                m,
            ),
        )
        covered = [g for g in open_gaps if module_id in choices[g.competency].modules]
        open_gaps = [g for g in open_gaps if g not in covered]
        chosen.append((catalog.modules[module_id].module, covered, choice))
    return [
        Assignment(
            rank=rank,
            module=module.id,
            title=module.title,
            training=module.training,
            competencies=[c.competency for c in covered],
            largest_gap=covered[0].gap,
            reason=_reason(covered, catalog),
            rule=choice.words,
            rule_kind=choice.kind,
            gaps=[_evidence(c, catalog) for c in covered],
            sections=_sections(module, {c.competency for c in covered}),
        )
        for rank, (module, covered, choice) in enumerate(chosen, start=1)
    ]


def _choice(gap: Cell, catalog: Catalog, index: Course) -> _Choice:
    """The modules the rule allows for ``gap``, and the rule in words."""
    measured = [catalog.modules[m].module for m in gap.modules if m in catalog.modules]
    for module in measured:
        for entry in module.remediation:
            if gap.competency in entry.competencies and entry.module in index.module_competencies:
                return _Choice(
                    frozenset({entry.module}),
                    BANK_RULE,
                    f"Gap measured in \u201c{module.title}\u201d, whose bank assigns this module for it: "
                    f"{entry.reason.rstrip('.')}.",
                )
    practice = [m for m in measured if m.mode == "practice"]
    if practice:
        return _Choice(
            frozenset(m.id for m in practice),
            MEASURED_RULE,
            "Gap measured in this module: retake it after its training page.",
        )
    covering = [
        catalog.modules[m].module
        for m, taught in index.module_competencies.items()
        if gap.competency in taught
    ]
    teaching = [m for m in covering if m.mode == "practice"] or covering
    where = " and ".join(f"\u201c{m.title}\u201d" for m in measured) or "an assessment"
    return _Choice(
        frozenset(m.id for m in teaching),
        TEACHES_RULE,
        f"Gap measured only in {where}, a graded assessment; this practice module teaches it.",
    )


def _lost(cell: Cell, module: str) -> float:
    """Points the rep lost on ``cell``'s competency in ``module``: where the gap shows most."""
    earned, answered = cell.evidence.get(module, (0.0, 0))
    return answered - earned


def _evidence(cell: Cell, catalog: Catalog) -> GapEvidence:
    return GapEvidence(
        competency=cell.competency,
        name=_name(cell.competency, catalog),
        mastery=cell.mastery or 0.0,
        threshold=cell.threshold,
        answered=cell.questions,
        last=cell.last,
        sources=[  # where the most points were lost first
            Source(m, catalog.modules[m].module.title, earned / answered, answered)
            for m, (earned, answered) in sorted(
                cell.evidence.items(), key=lambda e: (e[1][0] - e[1][1], e[0])
            )
            if answered and m in catalog.modules
        ],
    )


def _name(competency: str, catalog: Catalog) -> str:
    found = catalog.competencies.get(competency)
    return found.title if found else competency


def _sections(module: Module, gaps: set[str]) -> list[str]:
    """Where the module's questions on these gaps are taught, so the plan points at the facts."""
    found = (
        getattr(q, "training", None)
        for q in module.questions
        if gaps.intersection(getattr(q, "competencies", ()))
    )
    return list(dict.fromkeys(link for link in found if link and "#" in link))


def _reason(covered: list[Cell], catalog: Catalog) -> str:
    parts = [
        f"{_name(c.competency, catalog)} at {round(100 * (c.mastery or 0))}% "
        f"(target {round(100 * c.threshold)}%)"
        for c in covered
    ]
    return "Closes " + (parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1])


def site_root(url: str | None) -> str | None:
    """``url`` as a portal root ending in '/', or ``None`` if it is not a plain http(s) address."""
    if not url or not _SITE.fullmatch(url):
        return None
    return url if url.endswith("/") else url + "/"


def plan_payload(rep: str, name: str, assignments: list[Assignment], issued: str) -> dict[str, object]:
    return {
        "v": PLAN_VERSION,
        "rep": rep,
        "name": name,
        "issued": issued,
        "modules": [[a.module, a.reason] for a in assignments],
    }


def plan_fragment(payload: dict[str, object]) -> str:
    raw = orjson.dumps(payload)
    return "plan=" + base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def plan_link(root: str | None, payload: dict[str, object]) -> str:
    """The link to send the rep; relative (``plan/#plan=...``) when the portal's address is unknown."""
    return f"{root or ''}{PLAN_PAGE}#{plan_fragment(payload)}"


def decode_fragment(fragment: str) -> object:
    """The inverse of :func:`plan_fragment` (used by tests; the page does this in JavaScript)."""
    data = fragment.removeprefix("#").removeprefix("plan=")
    return orjson.loads(base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)))
