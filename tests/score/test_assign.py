"""The assignment rule: the module where a gap was measured, unless its bank names another one."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from generator.bank.catalog import Catalog, load_catalog
from generator.score.assign import BANK_RULE, MEASURED_RULE, TEACHES_RULE, Assignment
from generator.score.run import ScoreOptions, score
from tests.score.builders import BANKS, NOW, attempt, export

OPTIONS = ScoreOptions(now=NOW, min_n=1, min_evidence=1)
# Beta right except the ordering: T.VALUE mastered, T.NEED a gap (1 of 2), measured in beta only.
NEED_GAP_IN_BETA = {
    "b1": ["a", "b"],
    "b2": False,
    "b3": [("s1", "t1"), ("s2", "t2")],
    "b4": ["p3", "p1", "p2"],
}


def plan(tmp_path: Path, cat: Catalog, statements: list[dict[str, Any]]) -> list[Assignment]:
    scoring = score([export(tmp_path / "r1.json", statements)], cat, OPTIONS)
    return scoring.reps[0].assignments


def test_a_gap_is_assigned_to_the_module_where_it_was_measured(tmp_path: Path, cat: Catalog) -> None:
    # Alpha also teaches T.NEED and sorts first: the rule must still pick beta, where the gap is.
    [only] = plan(tmp_path, cat, attempt(cat, "r1", "beta", NEED_GAP_IN_BETA))
    assert (only.module, only.competencies, only.rule_kind) == ("beta", ["T.NEED"], MEASURED_RULE)
    assert only.rule == "Gap measured in this module: retake it after its training page."
    assert only.reason == "Closes Need at 50% (target 75%)"
    [gap] = only.gaps
    assert [(s.module, s.title, s.mastery, s.answered) for s in gap.sources] == [
        ("beta", "Beta quiz", 0.5, 2)
    ]


def test_of_two_measuring_modules_the_one_with_most_points_lost_wins(tmp_path: Path, cat: Catalog) -> None:
    statements = attempt(cat, "r1", "beta", NEED_GAP_IN_BETA)
    statements += attempt(cat, "r1", "alpha", {"a1": ["b"], "a2": ["a"], "a3": ["c"]}, day=1)
    modules = {a.module: a.competencies for a in plan(tmp_path, cat, statements)}
    # Alpha: T.NEED 0 of 2 and T.BUDGET 1 of 2; beta: T.NEED 1 of 2. Alpha lost more points on T.NEED.
    assert modules == {"alpha": ["T.NEED", "T.BUDGET"]}


def test_a_bank_can_send_a_gap_to_another_module(tmp_path: Path) -> None:
    banks = tmp_path / "banks"
    shutil.copytree(BANKS, banks)
    beta = banks / "beta.yml"
    beta.write_text(
        beta.read_text(encoding="utf-8").replace(
            "questions:\n",
            "remediation:\n  - competencies: [T.NEED]\n    module: alpha\n"
            "    reason: Alpha practises the questions that find the need.\nquestions:\n",
            1,
        ),
        encoding="utf-8",
    )
    cat = load_catalog(banks)
    [only] = plan(tmp_path, cat, attempt(cat, "r1", "beta", NEED_GAP_IN_BETA))
    assert (only.module, only.rule_kind) == ("alpha", BANK_RULE)
    assert only.rule == (
        "Gap measured in \u201cBeta quiz\u201d, whose bank assigns this module for it: "
        "Alpha practises the questions that find the need."
    )


def test_a_gap_measured_only_in_a_graded_assessment_goes_to_a_practice_module(
    tmp_path: Path, cat: Catalog
) -> None:
    statements = attempt(cat, "r1", "pool", {"p-3": True, "p-4": True}, presented=["p-3", "p-4"])
    [only] = plan(tmp_path, cat, statements)
    assert (only.module, only.competencies, only.rule_kind) == ("alpha", ["T.NEED"], TEACHES_RULE)
    assert only.rule == (
        "Gap measured only in \u201cPooled final\u201d, a graded assessment; this practice module teaches it."
    )
