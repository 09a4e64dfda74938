"""Trust nothing the browser computed: re-grading, duplicates, conflicts, changes, pools, attempts."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from generator.bank.catalog import Catalog
from generator.score.run import ScoreOptions, Scoring, score
from generator.xapi import vocabulary as v
from tests.score.builders import NOW, attempt, export, jsonl

OPTIONS = ScoreOptions(now=NOW, min_n=1, min_evidence=1)
WRONG = {"a1": ["b"], "a2": ["a"], "a3": ["a"]}
RIGHT = {"a1": ["a"], "a2": ["b"], "a3": ["c"]}


def run(tmp_path: Path, cat: Catalog, *batches: list[dict[str, Any]], **options: Any) -> Scoring:
    files = [export(tmp_path / f"f{i}.json", batch) for i, batch in enumerate(batches)]
    return score(files, cat, ScoreOptions(**{**OPTIONS.__dict__, **options}))


def mastery(scoring: Scoring, rep: str = "r1") -> dict[str, float | None]:
    found = next(r for r in scoring.reps if r.rep == rep)
    return {c: cell.mastery for c, cell in found.cells.items()}


def test_a_doctored_score_changes_nothing(tmp_path: Path, cat: Catalog) -> None:
    honest = attempt(cat, "r1", "alpha", WRONG)
    doctored = copy.deepcopy(honest)
    for statement in doctored:
        if "result" in statement:
            statement["result"]["success"] = True
            statement["result"]["score"] = {"scaled": 1, "raw": 1, "min": 0, "max": 1}
    a = run(tmp_path / "a", cat, honest)
    b = run(tmp_path / "b", cat, doctored)
    assert mastery(a) == mastery(b) == {"T.NEED": 0.0, "T.BUDGET": 0.0, "T.VALUE": None}
    assert b.quality.rejections == []


def test_graded_mode_statements_without_scores_are_graded_by_the_scorer(tmp_path: Path, cat: Catalog) -> None:
    statements = attempt(cat, "r1", "pool", {"p-1": True, "p-3": True}, presented=["p-1", "p-3"])
    answered = [s for s in statements if s["verb"]["id"] == v.ANSWERED]
    assert all("score" not in s["result"] and "success" not in s["result"] for s in answered)
    result = mastery(run(tmp_path, cat, statements))
    assert result["T.BUDGET"] == 1.0  # p-1 is true: right
    assert result["T.NEED"] == 0.0  # p-3 is false: wrong


def test_partial_scoring_of_matching_ordering_and_multiple(tmp_path: Path, cat: Catalog) -> None:
    statements = attempt(
        cat,
        "r1",
        "beta",
        {"b1": ["a", "c"], "b2": False, "b3": [("s1", "t1"), ("s2", "t3")], "b4": ["p2", "p1", "p3"]},
    )
    result = mastery(run(tmp_path, cat, statements))
    # T.VALUE: b1 (1 right - 1 wrong)/2 = 0, b2 1, b3 1/2 pairs = .5 -> 1.5/3
    assert result["T.VALUE"] == 0.5
    # T.NEED: b3 .5, b4 all-or-nothing and wrong 0 -> .5/2
    assert result["T.NEED"] == 0.25


def test_a_statement_seen_twice_counts_once(tmp_path: Path, cat: Catalog) -> None:
    statements = attempt(cat, "r1", "alpha", RIGHT)
    once = run(tmp_path / "once", cat, statements)
    twice = run(tmp_path / "twice", cat, statements, statements)
    assert mastery(once) == mastery(twice)
    assert twice.quality.duplicates == len(statements)
    assert twice.quality.accepted == once.quality.accepted


def test_a_reused_id_with_different_content_is_a_conflict_and_ignored(tmp_path: Path, cat: Catalog) -> None:
    statements = attempt(cat, "r1", "alpha", RIGHT)
    other = copy.deepcopy(statements)
    a1 = next(s for s in other if s["object"]["id"].endswith("/a1"))
    a1["result"]["response"] = "b"  # same id, different answer
    scoring = run(tmp_path, cat, statements, other)
    assert list(scoring.quality.conflicts) == [a1["id"]]
    places = scoring.quality.conflicts[a1["id"]]
    assert {p.path.rsplit("/", 1)[-1] for p in places} == {"f0.json", "f1.json"}
    # Neither version of a1 counts: T.NEED rests on a2 alone.
    assert mastery(scoring)["T.NEED"] == 1.0
    rep = scoring.reps[0]
    assert rep.cells["T.NEED"].questions == 1


def test_a_changed_question_is_graded_with_the_current_key_and_flagged(tmp_path: Path, cat: Catalog) -> None:
    statements = attempt(cat, "r1", "alpha", RIGHT)
    for s in statements:
        if s["object"]["id"].endswith("/a2"):
            s["context"]["extensions"][v.EXT_QUESTION_HASH] = "sha256:" + "0" * 64
    scoring = run(tmp_path, cat, statements)
    assert dict(scoring.quality.changed) == {"a2": 1}
    assert mastery(scoring)["T.NEED"] == 1.0
    item = next(i for m in scoring.items for i in m.items if i.question.id == "a2")
    assert item.flags[0].startswith("changed since 1 answer was given")


def test_unknown_questions_and_options_are_rejected_with_reasons(tmp_path: Path, cat: Catalog) -> None:
    statements = attempt(cat, "r1", "alpha", RIGHT)
    ghost = copy.deepcopy(statements[1])
    ghost["id"] = "00000000-0000-4000-8000-000000000001"
    ghost["object"]["id"] = ghost["object"]["id"].replace("/a1", "/zz-9")
    statements[2]["result"]["response"] = "q"  # a2 has no option q
    scoring = run(tmp_path, cat, [*statements, ghost])
    reasons = [r.reason for r in scoring.quality.rejections]
    assert "unknown question 'zz-9': it is in no bank" in reasons
    assert "question 'a2': unknown option 'q' (the question has a, b, c)" in reasons
    assert dict(scoring.quality.unknown_questions) == {"zz-9": 1}
    assert [r.record for r in scoring.quality.rejections] == [3, 7]


def test_mastery_uses_the_latest_attempt_and_item_analysis_the_first(tmp_path: Path, cat: Catalog) -> None:
    first = attempt(cat, "r1", "alpha", WRONG, day=1)
    latest = attempt(cat, "r1", "alpha", RIGHT, day=3)
    scoring = run(tmp_path, cat, latest, first)  # file order must not matter
    assert mastery(scoring)["T.NEED"] == 1.0
    items = {i.question.id: i.facility for m in scoring.items for i in m.items if m.module.id == "alpha"}
    assert items == {"a1": 0.0, "a2": 0.0, "a3": 0.0}
    trend = scoring.reps[0].trends[0]
    assert [p.score for p in trend.points] == [0.0, 1.0]


def test_item_analysis_counts_only_the_questions_a_draw_presented(tmp_path: Path, cat: Catalog) -> None:
    statements = attempt(cat, "r1", "pool", {"p-1": True}, presented=["p-1", "p-2"])
    scoring = run(tmp_path, cat, statements)
    n = {i.question.id: i.n for m in scoring.items if m.module.id == "pool" for i in m.items}
    assert n == {"p-1": 1, "p-2": 1, "p-3": 0, "p-4": 0}  # p-2 shown, unanswered: scores 0
    facility = {i.question.id: i.facility for m in scoring.items if m.module.id == "pool" for i in m.items}
    assert facility["p-2"] == 0.0


def test_an_answer_to_a_question_not_presented_is_rejected(tmp_path: Path, cat: Catalog) -> None:
    statements = attempt(cat, "r1", "pool", {"p-1": True, "p-3": False}, presented=["p-1", "p-3"])
    statements[0]["context"]["extensions"][v.EXT_PRESENTED]["questions"] = ["p-1", "p-2"]
    scoring = run(tmp_path, cat, statements)
    assert [r.reason for r in scoring.quality.rejections] == [
        "question 'p-3' was not among those presented in this attempt"
    ]
    assert scoring.reps[0].cells["T.NEED"].questions == 0


def test_a_review_needs_the_manager_as_instructor(tmp_path: Path, cat: Catalog) -> None:
    reviewed = attempt(cat, "r1", "review", {"r-c1": 4, "r-n1": 4, "r-n2": 2}, manager=("m1", "Morgan"))
    unsigned = attempt(cat, "r2", "review", {"r-c1": 4, "r-n1": 4, "r-n2": 2})
    scoring = run(tmp_path, cat, reviewed, unsigned)
    r1 = next(r for r in scoring.reps if r.rep == "r1")
    assert r1.scales.review is not None and r1.scales.review.manager_name == "Morgan"
    reasons = {r.reason for r in scoring.quality.rejections}
    assert reasons == {"a manager review names the manager in 'context.instructor'; it is missing"}


def test_likert_answers_never_count_in_mastery_or_item_analysis(tmp_path: Path, cat: Catalog) -> None:
    statements = attempt(cat, "r1", "survey", {"s-c1": 5, "s-c2": 1, "s-c3": 5, "s-m1": 5, "s-m2": 1})
    scoring = run(tmp_path, cat, statements)
    assert all(c.questions == 0 for c in scoring.reps[0].cells.values())
    assert {m.module.id for m in scoring.items} == {"alpha", "beta", "pool"}
    assert [(s.scale.id, s.mean) for s in scoring.reps[0].scales.self_assessed] == [
        ("confidence", 5.0),
        ("motivation", 5.0),
    ]


def test_json_lines_and_exports_give_the_same_result(tmp_path: Path, cat: Catalog) -> None:
    statements = attempt(cat, "r1", "alpha", RIGHT) + attempt(cat, "r1", "beta", {"b2": False})
    as_export = score([export(tmp_path / "a.json", statements)], cat, OPTIONS)
    as_lines = score([jsonl(tmp_path / "b.jsonl", statements)], cat, OPTIONS)
    assert mastery(as_export) == mastery(as_lines)


def test_reading_in_parallel_gives_the_same_result_as_in_one_process(tmp_path: Path, cat: Catalog) -> None:
    files = []
    for n in range(12):
        rep = f"r{n}"
        batch = attempt(cat, rep, "alpha", RIGHT if n % 2 else WRONG, day=1) + attempt(
            cat, rep, "beta", {"b2": n % 3 == 0}
        )
        files.append(export(tmp_path / f"{rep}.json", batch))
        if n % 4 == 0:  # a second copy of some files, and a conflict across processes
            files.append(export(tmp_path / f"{rep}-copy.json", batch))
    conflicting = attempt(cat, "r1", "alpha", WRONG, day=1)
    files.append(export(tmp_path / "conflict.json", conflicting))
    serial = score(files, cat, OPTIONS)
    parallel = score(files, cat, ScoreOptions(**{**OPTIONS.__dict__, "jobs": 2, "parallel_min_files": 1}))
    assert [mastery(serial, r.rep) for r in serial.reps] == [mastery(parallel, r.rep) for r in parallel.reps]
    for field in ("statements", "accepted", "duplicates"):
        assert getattr(serial.quality, field) == getattr(parallel.quality, field), field
    assert list(serial.quality.conflicts) == list(parallel.quality.conflicts)
    assert len(serial.quality.conflicts) == 4  # three answers and the "completed" with its score


def test_rep_ids_are_one_person_trimmed_and_case_insensitive(tmp_path: Path, cat: Catalog) -> None:
    """'Rep-042' on one page and 'rep-042 ' on another are one rep, not a phantom at 0%."""
    typed = attempt(cat, "R1", "alpha", RIGHT, number=1)
    spaced = attempt(cat, " r1 ", "alpha", WRONG, number=2)
    lower = attempt(cat, "r1", "alpha", RIGHT, number=3)
    scoring = run(tmp_path, cat, typed, spaced, lower)
    assert [r.rep for r in scoring.reps] == ["r1"]
    assert scoring.reps[0].attempts == 3
    assert scoring.quality.rejections == []
