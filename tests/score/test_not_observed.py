"""A manager review with "not observed": a missing rating, never a low one; per-item competencies.

The fixture review gains a "Not observed" answer and one item that evidences T.BUDGET rather than
its scale's T.NEED. The manager rates r-c1 = 4, r-n1 = 5 and marks r-n2 and r-b1 as not observed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.bank.catalog import Catalog, load_catalog
from generator.problems import InvalidInput
from generator.score.run import ScoreOptions, score
from tests.score.builders import BANKS, NOW, attempt, export


@pytest.fixture
def review_catalog(tmp_path: Path) -> Catalog:
    banks = tmp_path / "banks"
    shutil.copytree(BANKS, banks)
    review = banks / "review.yml"
    text = review.read_text(encoding="utf-8")
    text = text.replace(
        "  anchors: [Never, Rarely, Sometimes, Often, Always]\n",
        "  anchors: [Never, Rarely, Sometimes, Often, Always]\n  not_observed: Not observed\n",
    )
    text += (
        "  - {id: r-b1, type: likert, scale: r-need, competency: T.BUDGET, "
        "prompt: Confirms who owns the budget.}\n"
    )
    review.write_text(text, encoding="utf-8")
    return load_catalog(banks)


def test_not_observed_is_missing_not_low(review_catalog: Catalog, tmp_path: Path) -> None:
    cat = review_catalog
    statements = attempt(
        cat,
        "r1",
        "review",
        {"r-c1": 4, "r-n1": 5, "r-n2": "not-observed", "r-b1": "not-observed"},
        manager=("m1", "Morgan"),
    )
    scale = next(s for s in statements if s["object"]["id"].endswith("r-n2"))["object"]["definition"]["scale"]
    assert scale[-1] == {"id": "not-observed", "description": {"en-US": "Not observed"}}
    scoring = score([export(tmp_path / "r1.json", statements)], cat, ScoreOptions(now=NOW, min_n=1))
    assert scoring.quality.rejected_records == 0
    review = scoring.reps[0].scales.review
    assert review is not None
    means = {s.scale.id: (s.mean, s.items) for s in review.scales}
    assert means == {"r-confidence": (4.0, 1), "r-need": (5.0, 1)}  # r-n2 left out, not rated 1
    assert review.by_competency == {"A.CONFIDENCE": 0.75, "T.NEED": 1.0}  # no T.BUDGET evidence
    need = next(r for r in scoring.reliability if r.scale.id == "r-need")
    assert need.n == 0  # an attempt with a missing item is not complete


def test_ratings_count_for_the_competency_each_item_evidences(
    review_catalog: Catalog, tmp_path: Path
) -> None:
    cat = review_catalog
    statements = attempt(
        cat, "r1", "review", {"r-c1": 4, "r-n1": 5, "r-n2": 1, "r-b1": 2}, manager=("m1", "Morgan")
    )
    scoring = score([export(tmp_path / "r1.json", statements)], cat, ScoreOptions(now=NOW))
    review = scoring.reps[0].scales.review
    assert review is not None
    assert review.by_competency == {"A.CONFIDENCE": 0.75, "T.NEED": 1.0, "T.BUDGET": 0.25}


def test_not_observed_outside_a_review_is_a_located_error(tmp_path: Path) -> None:
    banks = tmp_path / "banks"
    shutil.copytree(BANKS, banks)
    survey = banks / "survey.yml"
    lines = survey.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("  anchors:"))
    lines.insert(at + 1, "  not_observed: Not observed\n")
    survey.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(InvalidInput) as caught:
        load_catalog(banks)
    assert [str(p).split("error: ")[1] for p in caught.value.problems] == [
        "'not_observed' belongs in a review module, where a manager may not have seen a behaviour; "
        "this is a survey module"
    ]
    assert str(caught.value.problems[0]).startswith(f"{survey.as_posix()}:{at + 2}:")
