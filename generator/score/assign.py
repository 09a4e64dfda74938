"""Assignments: the modules that close a rep's gaps, biggest gap first, each with its reason.

Gaps are taken largest first; a gap not yet covered by a chosen module picks the
practice module that covers it and the most other open gaps (graded assessments
only when no practice module covers it). Each rep gets one "My plan" link: the
portal's ``plan/`` page with the plan in the URL fragment, which browsers never
send to a server.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field

import orjson

from generator.bank.catalog import Catalog
from generator.bank.model import Module
from generator.score.gaps import GAP, Cell, Course

PLAN_PAGE = "plan/"
PLAN_VERSION = 1
_SITE = re.compile(r"https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~%/-]*)?")


@dataclass
class Assignment:
    rank: int
    module: str
    title: str
    training: str  # page relative to docs/, e.g. training/qualification.md
    competencies: list[str]  # the gaps it covers, largest first
    largest_gap: float
    reason: str
    # The page sections that teach the gaps it covers (its questions' ``training`` links), in order
    sections: list[str] = field(default_factory=list)


def assign(cells: dict[str, Cell], catalog: Catalog, index: Course) -> list[Assignment]:
    gaps = sorted((c for c in cells.values() if c.status == GAP), key=lambda c: (-c.gap, c.competency))
    if not gaps:
        return []
    candidates = [
        (catalog.modules[module_id].module, competencies)
        for module_id, competencies in index.module_competencies.items()
    ]
    open_gaps = {c.competency for c in gaps}
    chosen: list[tuple[Module, list[Cell]]] = []
    for gap in gaps:
        if gap.competency not in open_gaps:
            continue
        covering = [(m, comps) for m, comps in candidates if gap.competency in comps]
        if not covering:
            continue
        practice = [(m, comps) for m, comps in covering if m.mode == "practice"] or covering
        module, comps = min(practice, key=lambda mc: (-len(mc[1] & open_gaps), mc[0].id))
        covered = [c for c in gaps if c.competency in comps & open_gaps]
        open_gaps -= comps
        chosen.append((module, covered))
    return [
        Assignment(
            rank=rank,
            module=module.id,
            title=module.title,
            training=module.training,
            competencies=[c.competency for c in covered],
            largest_gap=covered[0].gap,
            reason=_reason(covered),
            sections=_sections(module, {c.competency for c in covered}),
        )
        for rank, (module, covered) in enumerate(chosen, start=1)
    ]


def _sections(module: Module, gaps: set[str]) -> list[str]:
    """Where the module's questions on these gaps are taught, so the plan points at the facts."""
    found = (
        getattr(q, "training", None)
        for q in module.questions
        if gaps.intersection(getattr(q, "competencies", ()))
    )
    return list(dict.fromkeys(link for link in found if link and "#" in link))


def _reason(covered: list[Cell]) -> str:
    parts = [
        f"{c.competency} at {round(100 * (c.mastery or 0))}% (target {round(100 * c.threshold)}%)"
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
