"""Self-assessment scales and manager reviews, against hand-computed values.

Four reps rate the 'confidence' scale (s-c2 is reverse-keyed on a 5-point scale: value = 6 - rating):

    rep  s-c1 s-c2(raw) s-c3 | values    | mean
    A    5    1         5    | 5 5 5     | 5.000  band Solid
    B    4    2         4    | 4 4 4     | 4.000  band Solid
    C    3    3         2    | 3 3 2     | 2.667  band Low
    D    2    5         1    | 2 1 1     | 1.333  band Low

Cronbach's alpha: item variances (n-1) 5/3, 8.75/3, 10/3 sum to 23.75/3; totals 15, 12, 8, 4 have
variance 68.75/3; alpha = 3/2 * (1 - 23.75/68.75) = 0.9818.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.bank.catalog import Catalog
from generator.score.run import ScoreOptions, score
from tests.score.builders import NOW, attempt, export

RATINGS = {"a": (5, 1, 5), "b": (4, 2, 4), "c": (3, 3, 2), "d": (2, 5, 1)}


def test_scale_means_bands_and_alpha(cat: Catalog, tmp_path: Path) -> None:
    files = [
        export(
            tmp_path / f"{rep}.json",
            attempt(cat, rep, "survey", {"s-c1": c1, "s-c2": c2, "s-c3": c3, "s-m1": 3}),
        )
        for rep, (c1, c2, c3) in RATINGS.items()
    ]
    scoring = score(files, cat, ScoreOptions(now=NOW, min_n=4))
    means = {
        r.rep: [(s.scale.id, round(s.mean, 3), s.band) for s in r.scales.self_assessed] for r in scoring.reps
    }
    assert means == {
        "a": [("confidence", 5.0, "Solid"), ("motivation", 3.0, "High")],
        "b": [("confidence", 4.0, "Solid"), ("motivation", 3.0, "High")],
        "c": [("confidence", 2.667, "Low"), ("motivation", 3.0, "High")],
        "d": [("confidence", 1.333, "Low"), ("motivation", 3.0, "High")],
    }
    reliability = {(r.module, r.scale.id): r for r in scoring.reliability}
    confidence = reliability[("survey", "confidence")]
    assert (confidence.n, confidence.items, confidence.enough) == (4, 3, True)
    assert confidence.alpha == pytest.approx(0.9818, abs=1e-4)
    motivation = reliability[("survey", "motivation")]
    assert (motivation.n, motivation.alpha) == (0, None)  # nobody answered s-m2: no complete set


def test_calibration_flags_gaps_between_self_manager_and_quizzes(cat: Catalog, tmp_path: Path) -> None:
    statements = attempt(cat, "r1", "survey", {"s-c1": 5, "s-c2": 1, "s-c3": 5, "s-m1": 4, "s-m2": 2})
    statements += attempt(cat, "r1", "review", {"r-c1": 2, "r-n1": 5, "r-n2": 1}, manager=("m1", "Morgan"))
    statements += attempt(cat, "r1", "alpha", {"a1": ["b"], "a2": ["a"], "a3": ["c"]})
    scoring = score([export(tmp_path / "r1.json", statements)], cat, ScoreOptions(now=NOW, min_evidence=1))
    flags = [c.message for c in scoring.reps[0].scales.calibration]
    # T.NEED: the manager rates (5 + 5)/2 = 5 -> 100%; the quizzes put a1, a2 at 0%.
    # A.CONFIDENCE: the rep rates 5 -> 100%; the manager 2 -> 25%.
    assert flags == [
        "Need (T.NEED): the manager rates it at 100%, the quizzes at 0%",
        "Confidence (A.CONFIDENCE): the rep rates it at 100%, the manager at 25%",
    ]


def test_close_views_are_not_flagged(cat: Catalog, tmp_path: Path) -> None:
    statements = attempt(cat, "r1", "survey", {"s-c1": 4, "s-c2": 2, "s-c3": 4})
    statements += attempt(cat, "r1", "review", {"r-c1": 4}, manager=("m1", "Morgan"))
    scoring = score([export(tmp_path / "r1.json", statements)], cat, ScoreOptions(now=NOW))
    assert scoring.reps[0].scales.calibration == []


def test_review_notes_ride_on_the_completed_statement(cat: Catalog, tmp_path: Path) -> None:
    statements = attempt(cat, "r1", "review", {"r-c1": 4, "r-n1": 4, "r-n2": 2}, manager=("m1", "Morgan"))
    completed = next(s for s in statements if s["verb"]["id"].endswith("/completed"))
    completed["result"]["response"] = "Qualifies well; <b>push</b> for dated next steps."
    scoring = score([export(tmp_path / "r1.json", statements)], cat, ScoreOptions(now=NOW))
    review = scoring.reps[0].scales.review
    assert review is not None and review.notes == "Qualifies well; <b>push</b> for dated next steps."
    assert (review.manager, review.manager_name) == ("m1", "Morgan")
