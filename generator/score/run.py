"""One scoring run: read every results file, re-grade, and aggregate everything the reports show.

:func:`score` is the whole pipeline without any output; :mod:`generator.report`
renders its :class:`Scoring` and :mod:`generator.commands.score` writes the files.
"""

from __future__ import annotations

import contextlib
import functools
import multiprocessing as mp
import pickle
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from generator.bank.catalog import Catalog
from generator.problems import display_path
from generator.results.reader import Limits, read_file
from generator.results.statement import MBOX_HOME
from generator.score import assign as assignments
from generator.score.assign import Assignment, GapEvidence
from generator.score.gaps import (
    GAP,
    INSUFFICIENT,
    MASTERED,
    Cell,
    Readiness,
    TeamCell,
    Trend,
    course,
    readiness,
    readiness_sentence,
    rep_cells,
    team_cells,
    trends,
)
from generator.score.ingest import Attempt, Ingest, Quality, Shard, where
from generator.score.items import ModuleStats, analyse
from generator.score.parallel import Background, collector_paused
from generator.score.roster import NO_TEAM, RosterRow
from generator.score.scales import RepScales, ScaleReliability, reliability, rep_scales
from generator.score.text import clean

PARALLEL_MIN_ATTEMPTS = 5000  # below this, forking costs more than it saves


@dataclass(frozen=True)
class ScoreOptions:
    now: datetime
    min_evidence: int = 3
    min_n: int = 20
    gap_threshold: float | None = None
    site_url: str | None = None
    docs_dir: Path | None = None  # the portal's docs, for the training pages' titles
    limits: Limits = field(default_factory=Limits)
    jobs: int = 1
    parallel_min_files: int = 64


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

    @property
    def open_cells(self) -> list[Cell]:
        """Gaps first (largest first), then competencies without enough evidence."""
        gaps = sorted((c for c in self.cells.values() if c.status == GAP), key=lambda c: -c.gap)
        return gaps + [c for c in self.cells.values() if c.status == INSUFFICIENT]

    @property
    def needs(self) -> list[tuple[GapEvidence, Assignment]]:
        """Every assigned gap, largest first, with the assignment that closes it."""
        found = [(g, a) for a in self.assignments for g in a.gaps]
        return sorted(found, key=lambda ga: (-(ga[0].threshold - ga[0].mastery), ga[0].competency))

    @property
    def mastered_cells(self) -> list[Cell]:
        return [c for c in self.cells.values() if c.status == MASTERED]


@dataclass
class TeamReport:
    name: str
    reps: list[RepReport]
    cells: dict[str, TeamCell]

    @property
    def readiness(self) -> Readiness:
        """Every rep x competency of the team pooled: the share mastered of those with enough evidence."""
        return Readiness(
            sum(r.readiness.mastered for r in self.reps),
            sum(r.readiness.gaps for r in self.reps),
            sum(r.readiness.insufficient for r in self.reps),
            sum(r.readiness.total for r in self.reps),
        )


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
    site_root: str | None
    not_in_roster: list[str] = field(default_factory=list)
    without_results: list[RosterRow] = field(default_factory=list)
    has_roster: bool = False


@dataclass(frozen=True)
class Feed:
    """Records that come in pages rather than from a file (an LRS): its name, shown as a file's is."""

    name: str
    pages: Iterable[list[Any]]


def score(
    files: Iterable[Path],
    catalog: Catalog,
    options: ScoreOptions,
    roster: dict[str, RosterRow] | None = None,
    feeds: Sequence[Feed] = (),
) -> Scoring:
    """Read ``files`` (split between ``options.jobs`` processes when there are many) and ``feeds``,
    then aggregate."""
    paths = list(files)
    with collector_paused():
        names = [feed.name for feed in feeds]
        with contextlib.ExitStack() as stack:
            spools = [stack.enter_context(tempfile.TemporaryFile()) for _ in feeds]
            pages = [_spooled(feed.pages, spool) for feed, spool in zip(feeds, spools, strict=True)]
            ingest = read_all(paths, catalog, options, names, pages)
            if ingest.shard.conflicts:
                # Which copy of a conflicting statement came first depends on the order of files and on
                # how they were split between processes; a second reading that sets every copy aside
                # does not, so one job and many report the same places and the same attempts. Feeds
                # are read once (an LRS is not asked twice): the second reading replays their spool.
                conflicting = frozenset(ingest.shard.conflicts)
                del ingest
                replayed = [_replayed(spool) for spool in spools]
                ingest = read_all(paths, catalog, options, names, replayed, excluded=conflicting)
        attempts, quality = ingest.finish()
        return aggregate(attempts, ingest, quality, catalog, options, roster)


def read_all(
    paths: list[Path],
    catalog: Catalog,
    options: ScoreOptions,
    feed_names: Sequence[str] = (),
    feed_pages: Sequence[Iterable[list[Any]]] = (),
    excluded: frozenset[str] = frozenset(),
) -> Ingest:
    """Every record of ``paths`` (split between processes when there are many) and feeds in one Ingest."""
    ingest = Ingest(catalog, options.now, excluded)
    ingest.files = [display_path(p) for p in paths] + list(feed_names)
    jobs = min(options.jobs, len(paths))
    if jobs > 1 and len(paths) >= options.parallel_min_files and "fork" in mp.get_all_start_methods():
        _read_in_workers(ingest, paths, jobs, catalog, options)
    else:
        read_into(ingest, list(enumerate(paths)), options.limits)
    for number, pages in enumerate(feed_pages, start=len(paths)):
        read_pages_into(ingest, number, pages)
    return ingest


def _spooled(pages: Iterable[list[Any]], spool: IO[bytes]) -> Iterator[list[Any]]:
    """The pages, each also kept on disk (pickled: any value a JSON parser made) for a second reading."""
    for page in pages:
        pickle.dump(page, spool, protocol=pickle.HIGHEST_PROTOCOL)
        yield page


def _replayed(spool: IO[bytes]) -> Iterator[list[Any]]:
    spool.seek(0)
    while True:
        try:
            yield pickle.load(spool)  # our own spool, written earlier in this run: trusted
        except EOFError:
            return


def read_into(ingest: Ingest, numbered: list[tuple[int, Path]], limits: Limits) -> None:
    """Feed every record of the numbered files to ``ingest``: the scorer's inner loop."""
    add = ingest.add
    shard = ingest.shard
    for file_no, path in numbered:
        records = read_file(path, shard.file_rejections, limits)
        base = where(file_no, 0, records.by_line)
        count = 0
        for position, value in records.items:
            add(value, base | position << 1)
            count += 1
        shard.statements += count


def read_pages_into(ingest: Ingest, file_no: int, pages: Iterable[list[Any]]) -> None:
    """Feed records page by page, numbered from 1 like a JSON document's: one page in memory at a time."""
    add = ingest.add
    base = where(file_no, 0, False)
    count = 0
    for page in pages:
        for value in page:
            count += 1
            add(value, base | count << 1)
    ingest.shard.statements += count


# The parent's own share of the files: the children also pickle what they gathered and the parent
# unpickles it, so the parent takes a little more than an equal share.
PARENT_SHARE = 1.15


def _read_in_workers(
    ingest: Ingest, paths: list[Path], jobs: int, catalog: Catalog, options: ScoreOptions
) -> None:
    """Read shares of the files in ``jobs - 1`` forked children and in this process, then merge.

    Shares are balanced by file size. The catalog reaches the children through fork;
    each hands back a :class:`Shard` that :meth:`Ingest.absorb` merges.
    """
    weights = [PARENT_SHARE] + [1.0] * (jobs - 1)
    shares: list[list[int]] = [[] for _ in range(jobs)]
    loads = [0.0] * jobs
    for index in sorted(range(len(paths)), key=lambda i: -_size(paths[i])):
        lightest = min(range(jobs), key=lambda j: (loads[j] / weights[j], j))
        shares[lightest].append(index)
        loads[lightest] += _size(paths[index])
    children = [
        Background(
            functools.partial(_read_share, catalog, options, paths, share, frozenset(ingest.excluded)),
            parallel=True,
        )
        for share in shares[1:]
    ]
    read_into(ingest, [(i, paths[i]) for i in sorted(shares[0])], options.limits)
    for child in children:
        ingest.absorb(child.get().unpack())


def _read_share(
    catalog: Catalog, options: ScoreOptions, paths: list[Path], share: list[int], excluded: frozenset[str]
) -> Shard:
    ingest = Ingest(catalog, options.now, excluded)
    read_into(ingest, [(i, paths[i]) for i in sorted(share)], options.limits)
    return ingest.shard.pack()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def aggregate(
    attempts: list[Attempt],
    ingest: Ingest,
    quality: Quality,
    catalog: Catalog,
    options: ScoreOptions,
    roster: dict[str, RosterRow] | None,
) -> Scoring:
    has_roster = roster is not None
    roster = roster or {}
    index = course(catalog)
    competencies = index.competencies
    by_rep: dict[str, list[Attempt]] = {}
    for attempt in attempts:
        by_rep.setdefault(attempt.rep, []).append(attempt)
    root = assignments.site_root(options.site_url) or _common_root(ingest)
    quality.identities = identity_notes(ingest.shard.homes, root)
    managers = {m: clean(name) for m, (_, name) in ingest.shard.managers.items()}
    issued = options.now.date().isoformat()
    parallel = options.jobs > 1 and len(attempts) >= PARALLEL_MIN_ATTEMPTS
    items = Background(lambda: analyse(attempts, catalog, options.min_n, dict(quality.changed)), parallel)
    reps = []
    for rep in sorted(set(by_rep) | set(roster)):
        rep_attempts = by_rep.get(rep, [])
        row = roster.get(rep)
        seen_name = ingest.shard.names.get(rep)
        name = row.name if row else clean(seen_name[1]) if seen_name and clean(seen_name[1]) else rep
        cells = rep_cells(rep_attempts, index, options.min_evidence, options.gap_threshold)
        ready = readiness(cells)
        planned = assignments.assign(cells, catalog, index)
        link = (
            assignments.plan_link(root, assignments.plan_payload(rep, name, planned, issued))
            if planned
            else None
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
        items=items.get(),
        reliability=reliability(attempts, catalog, options.min_n),
        quality=quality,
        site_root=root,
        not_in_roster=sorted(r for r in by_rep if r not in roster) if has_roster else [],
        without_results=[row for rep, row in sorted(roster.items()) if rep not in by_rep],
        has_roster=has_roster,
    )


def identity_notes(homes: dict[str, int], root: str | None) -> list[str]:
    """Attempts whose rep id may not be this portal's: named by e-mail, or by another portal's account.

    Both become rep ids all the same (one person, one id), so the manager is told rather than left
    to find two people merged, or one split.
    """
    notes = []
    mbox = homes.get(MBOX_HOME, 0)
    if mbox:
        notes.append(
            f"{mbox} {_attempts(mbox)} with the rep named by e-mail address (mbox), not by a portal "
            "account; the address is taken as the rep id"
        )
    for home, count in sorted(homes.items()):
        if home != MBOX_HOME and assignments.site_root(home) != root:
            notes.append(
                f"{count} {_attempts(count)} from another portal ({clean(home, 80)}); its rep ids are "
                "taken as this portal's, so one id used on both is counted as one rep"
            )
    return notes


def _attempts(count: int) -> str:
    return "attempt" if count == 1 else "attempts"


def _common_root(ingest: Ingest) -> str | None:
    """The portal address most statements name (ties broken alphabetically), if it is a plain URL."""
    for home, _ in sorted(ingest.shard.homes.items(), key=lambda kv: (-kv[1], kv[0])):
        root = assignments.site_root(home)
        if root:
            return root
    return None
