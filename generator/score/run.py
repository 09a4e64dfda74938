"""One scoring run: read every results file, re-grade, and aggregate everything the reports show.

:func:`score` is the whole pipeline without any output; :mod:`generator.report`
renders its :class:`Scoring` and :mod:`generator.score.cli` writes the files.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from generator.bank.catalog import Catalog
from generator.problems import display_path
from generator.results.reader import Limits, read_file
from generator.score import assign as assignments
from generator.score.assign import Assignment
from generator.score.gaps import (
    Cell,
    Readiness,
    TeamCell,
    Trend,
    course_competencies,
    readiness,
    readiness_sentence,
    rep_cells,
    team_cells,
    trends,
)
from generator.score.ingest import Attempt, Ingest, Quality
from generator.score.items import ModuleStats, analyse
from generator.score.roster import NO_TEAM, RosterRow
from generator.score.scales import RepScales, ScaleReliability, reliability, rep_scales
from generator.score.text import clean


@dataclass(frozen=True)
class ScoreOptions:
    now: datetime
    min_evidence: int = 3
    min_n: int = 20
    gap_threshold: float | None = None
    site_url: str | None = None
    limits: Limits = Limits()


@dataclass
class RepReport:
    rep: str
    name: str
    team: str
    manager: str
    in_roster: bool
    cells: dict[str, Cell]
    readiness: Readiness
    sentence: str
    trends: list[Trend]
    scales: RepScales
    assignments: list[Assignment]
    plan_link: str | None
    attempts: int
    last_activity: datetime | None


@dataclass
class TeamReport:
    name: str
    reps: list[RepReport]
    cells: dict[str, TeamCell]

    @property
    def readiness(self) -> float:
        return sum(r.readiness.score for r in self.reps) / len(self.reps) if self.reps else 0.0


@dataclass
class Scoring:
    catalog: Catalog
    options: ScoreOptions
    competencies: list[str]
    teams: list[TeamReport]
    reps: list[RepReport]
    items: list[ModuleStats]
    reliability: list[ScaleReliability]
    quality: Quality
    inputs: list[str]
    site_root: str | None
    not_in_roster: list[str] = field(default_factory=list)
    without_results: list[RosterRow] = field(default_factory=list)
    has_roster: bool = False


def score(
    files: Iterable[Path], catalog: Catalog, options: ScoreOptions, roster: dict[str, RosterRow] | None = None
) -> Scoring:
    ingest = Ingest(catalog, options.now)
    quality = ingest.quality
    inputs = []
    add = ingest.add
    for path in files:
        shown = display_path(path)
        inputs.append(shown)
        quality.files += 1
        for line, record, value in read_file(path, quality.rejections, options.limits):
            add(value, (shown, line, record))
    attempts = ingest.finish()
    return aggregate(attempts, ingest, catalog, options, roster, inputs)


def aggregate(
    attempts: list[Attempt],
    ingest: Ingest,
    catalog: Catalog,
    options: ScoreOptions,
    roster: dict[str, RosterRow] | None,
    inputs: list[str],
) -> Scoring:
    has_roster = roster is not None
    roster = roster or {}
    competencies = course_competencies(catalog)
    by_rep: dict[str, list[Attempt]] = {}
    for attempt in attempts:
        by_rep.setdefault(attempt.rep, []).append(attempt)
    root = assignments.site_root(options.site_url) or _common_root(ingest)
    managers = {m: clean(name) for m, (_, name) in ingest.managers.items()}
    issued = options.now.date().isoformat()
    reps = []
    for rep in sorted(set(by_rep) | set(roster)):
        rep_attempts = by_rep.get(rep, [])
        row = roster.get(rep)
        seen_name = ingest.names.get(rep)
        name = row.name if row else clean(seen_name[1]) if seen_name and clean(seen_name[1]) else rep
        cells = rep_cells(rep_attempts, catalog, competencies, options.min_evidence, options.gap_threshold)
        ready = readiness(cells)
        planned = assignments.assign(cells, catalog)
        link = (
            assignments.plan_link(root, assignments.plan_payload(rep, name, planned, issued)) if planned else None
        )
        reps.append(
            RepReport(
                rep=rep,
                name=name,
                team=row.team if row else NO_TEAM,
                manager=row.manager if row else "",
                in_roster=row is not None,
                cells=cells,
                readiness=ready,
                sentence=readiness_sentence(name, ready),
                trends=trends(rep_attempts, catalog),
                scales=rep_scales(rep_attempts, catalog, cells, managers),
                assignments=planned,
                plan_link=link,
                attempts=len(rep_attempts),
                last_activity=max((a.when for a in rep_attempts), default=None),
            )
        )
    reps.sort(key=lambda r: (r.name.casefold(), r.rep))
    teams: dict[str, list[RepReport]] = {}
    for report in reps:
        teams.setdefault(report.team, []).append(report)
    team_reports = [
        TeamReport(team, members, team_cells([m.cells for m in members], competencies))
        for team, members in sorted(teams.items(), key=lambda t: (t[0] == NO_TEAM, t[0].casefold()))
    ]
    return Scoring(
        catalog=catalog,
        options=options,
        competencies=competencies,
        teams=team_reports,
        reps=reps,
        items=analyse(attempts, catalog, options.min_n, dict(ingest.quality.changed)),
        reliability=reliability(attempts, catalog, options.min_n),
        quality=ingest.quality,
        inputs=inputs,
        site_root=root,
        not_in_roster=sorted(r for r in by_rep if r not in roster) if has_roster else [],
        without_results=[row for rep, row in sorted(roster.items()) if rep not in by_rep],
        has_roster=has_roster,
    )


def _common_root(ingest: Ingest) -> str | None:
    """The portal address most statements name (ties broken alphabetically), if it is a plain URL."""
    for home, _ in sorted(ingest.homes.items(), key=lambda kv: (-kv[1], kv[0])):
        root = assignments.site_root(home)
        if root:
            return root
    return None
