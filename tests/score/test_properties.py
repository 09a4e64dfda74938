"""Aggregation invariants, as properties over random teams, attempts and answers."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.bank.catalog import Catalog
from generator.score.ingest import Ingest, where
from generator.score.run import ScoreOptions, Scoring, aggregate
from tests.score.builders import NOW, attempt, catalog

CATALOG = catalog()
OPTIONS = ScoreOptions(now=NOW, min_n=2, min_evidence=2)
RESPONSES: dict[str, list[Any]] = {
    "a1": [["a"], ["b"], ["c"]],
    "a2": [["b"], ["a"], ["c"]],
    "a3": [["c"], ["a"], ["b"]],
    "b1": [["a", "b"], ["a"], ["b", "c"], ["c"], ["a", "b", "c"]],
    "b2": [False, True],
    "b3": [[("s1", "t1"), ("s2", "t2")], [("s1", "t2"), ("s2", "t1")], [("s1", "t3"), ("s2", "t2")]],
    "b4": [["p1", "p2", "p3"], ["p2", "p1", "p3"], ["p3", "p2", "p1"]],
}  # the first response of each question is the right one
MODULES = {"alpha": ["a1", "a2", "a3"], "beta": ["b1", "b2", "b3", "b4"]}


@st.composite
def an_attempt(draw: st.DrawFn) -> dict[str, Any]:
    module = draw(st.sampled_from(sorted(MODULES)))
    questions = draw(st.lists(st.sampled_from(MODULES[module]), min_size=1, unique=True))
    return {
        "rep": draw(st.sampled_from(["r1", "r2", "r3", "r4"])),
        "module": module,
        "day": draw(st.integers(0, 20)),
        "responses": {q: draw(st.integers(0, len(RESPONSES[q]) - 1)) for q in questions},
    }


TEAMS = st.lists(an_attempt(), min_size=1, max_size=12)


def statements(plan: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """One 'file' per attempt, as the reference builder writes them."""
    return [
        attempt(
            CATALOG,
            a["rep"],
            a["module"],
            {q: RESPONSES[q][i] for q, i in a["responses"].items()},
            day=a["day"],
            number=n,
        )
        for n, a in enumerate(plan)
    ]


def run(files: list[list[dict[str, Any]]], cat: Catalog = CATALOG) -> Scoring:
    ingest = Ingest(cat, NOW)
    ingest.files = [f"f{n}.json" for n in range(len(files))]
    for file_no, records in enumerate(files):
        for position, value in enumerate(records, start=1):
            ingest.add(value, where(file_no, position, False))
    attempts, quality = ingest.finish()
    return aggregate(attempts, ingest, quality, cat, OPTIONS, None)


def summary(scoring: Scoring) -> Any:
    reps = {
        r.rep: (
            {c: (cell.mastery, cell.questions, cell.status, cell.threshold) for c, cell in r.cells.items()},
            r.readiness.score,
            [(a.module, a.competencies) for a in r.assignments],
            [[p.score for p in t.points] for t in r.trends],
        )
        for r in scoring.reps
    }
    items = {
        i.question.id: (i.n, i.facility, i.di, i.de, [(o.id, o.overall, o.top, o.bottom) for o in i.options])
        for m in scoring.items
        for i in m.items
    }
    return reps, items


SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(TEAMS)
def test_mastery_and_readiness_are_shares(plan: list[dict[str, Any]]) -> None:
    for rep in run(statements(plan)).reps:
        ready = rep.readiness
        if ready.evidenced == 0:
            assert ready.score is None
        else:
            assert ready.score is not None and 0 <= ready.score <= 1
        assert ready.mastered + ready.gaps + ready.insufficient == ready.total
        for cell in rep.cells.values():
            assert cell.mastery is None or 0 <= cell.mastery <= 1
            assert (cell.status == "insufficient") == (cell.questions < OPTIONS.min_evidence)


@SETTINGS
@given(TEAMS, st.randoms(use_true_random=False))
def test_order_of_files_and_records_does_not_matter(plan: list[dict[str, Any]], rng: Any) -> None:
    files = statements(plan)
    shuffled = [list(records) for records in files]
    for records in shuffled:
        rng.shuffle(records)
    rng.shuffle(shuffled)
    assert summary(run(files)) == summary(run(shuffled))


@SETTINGS
@given(TEAMS, st.data())
def test_a_file_handed_in_twice_changes_nothing(plan: list[dict[str, Any]], data: st.DataObject) -> None:
    files = statements(plan)
    again = data.draw(st.sampled_from(files))
    once, twice = run(files), run([*files, again])
    assert summary(once) == summary(twice)
    assert twice.quality.duplicates == len(again)


@SETTINGS
@given(TEAMS)
def test_one_file_or_many_is_the_same(plan: list[dict[str, Any]]) -> None:
    files = statements(plan)
    assert summary(run(files)) == summary(run([[s for f in files for s in f]]))


@SETTINGS
@given(TEAMS, st.data())
def test_readiness_never_drops_when_a_wrong_answer_becomes_right(
    plan: list[dict[str, Any]], data: st.DataObject
) -> None:
    wrong = [(n, q) for n, a in enumerate(plan) for q, i in a["responses"].items() if i != 0]
    if not wrong:
        return
    n, q = data.draw(st.sampled_from(wrong))
    better = [dict(a, responses=dict(a["responses"])) for a in plan]
    better[n]["responses"][q] = 0
    before = {r.rep: r for r in run(statements(plan)).reps}
    after = {r.rep: r for r in run(statements(better)).reps}
    for rep, report in after.items():
        assert (report.readiness.score or 0) >= (before[rep].readiness.score or 0)
        for competency, cell in report.cells.items():
            old = before[rep].cells[competency]
            if old.mastery is not None and cell.mastery is not None:
                assert cell.mastery >= old.mastery - 1e-12
            assert not (old.status == "mastered" and cell.status == "gap")
