"""The sample instruments are reliable enough to act on, shown on simulated cohorts.

Each cohort is a latent-trait simulation with a fixed seed: every simulated rep has a true
level, each answer is drawn from an item response model of that level, and the answers go
through the real grading and the scorer's own reliability code (KR-20 for the final, Cronbach's
alpha per self-assessment scale), never through a formula of our own.
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from generator.bank.catalog import Catalog, load_catalog
from generator.bank.grading import grade
from generator.bank.model import SingleChoice
from generator.score import stats
from tests.conftest import ROOT

SEED = 20261129
COHORT = 400
FORMS = 25


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(ROOT / "assessments", ROOT / "docs")


def _final(catalog: Catalog) -> tuple[list[SingleChoice], int]:
    module = catalog.modules["final-assessment"].module
    assert module.draw is not None and module.draw.per_competency is not None
    items = [q for q in module.questions if isinstance(q, SingleChoice)]
    return items, module.draw.per_competency


def test_final_pools_are_matched_so_every_draw_is_equivalent(catalog: Catalog) -> None:
    module = catalog.modules["final-assessment"].module
    items, per = _final(catalog)
    assert len(items) == len(module.questions), "the final is single choice only: no true/false"
    pools: dict[str, list[SingleChoice]] = defaultdict(list)
    for q in items:
        assert len(q.competencies) == 1, f"{q.id}: one competency per item keeps each draw's blueprint fixed"
        pools[q.competencies[0]].append(q)
    knowledge = [c.id for c in catalog.taxonomy.competencies if c.kind == "knowledge"]
    assert sorted(pools) == sorted(knowledge)
    assert per >= 3
    for competency, pool in pools.items():
        assert len(pool) > per, f"{competency}: a pool no larger than the draw gives every rep the same items"
        assert {(q.difficulty, len(q.options)) for q in pool} == {("medium", 4)}, competency
    drawn = per * len(pools)
    assert 36 <= drawn <= 45, drawn


def test_final_shares_no_scenario_with_the_practice_banks(catalog: Catalog) -> None:
    words = lambda text: set(text.lower().split())  # noqa: E731 - a one-line helper
    practice = [
        words(q.prompt)
        for bank in catalog.banks
        if bank.module.mode == "practice"
        for q in bank.module.questions
    ]
    items, _ = _final(catalog)
    for q in items:
        mine = words(q.prompt)
        nearest = max(len(mine & other) / len(mine | other) for other in practice)
        assert nearest < 0.5, f"{q.id} is a near-copy of a practice item (Jaccard {nearest:.2f})"


def _simulated_final(catalog: Catalog, rng: random.Random) -> dict[str, list[float]]:
    """Every simulated rep's graded score on every pool item (a 3PL model; guessing = 1/options)."""
    items, _ = _final(catalog)
    # Modest discriminations (a in 0.5-1.2) and difficulties spread around "medium": no flattery.
    params = {q.id: (rng.uniform(0.5, 1.2), rng.gauss(0.0, 0.5)) for q in items}
    scores: dict[str, list[float]] = {q.id: [] for q in items}
    for _ in range(COHORT):
        theta = rng.gauss(0.0, 1.0)
        for q in items:
            a, b = params[q.id]
            guess = 1 / len(q.options)
            p = guess + (1 - guess) / (1 + math.exp(-1.7 * a * (theta - b)))
            key = next(o.id for o in q.options if o.correct)
            wrong = [o.id for o in q.options if not o.correct]
            choice = key if rng.random() < p else rng.choice(wrong)
            scores[q.id].append(grade(q, [choice]).score)
    return scores


def test_final_kr20_on_a_simulated_cohort(catalog: Catalog) -> None:
    rng = random.Random(SEED)
    scores = _simulated_final(catalog, rng)
    items, per = _final(catalog)
    pools: dict[str, list[str]] = defaultdict(list)
    for q in items:
        pools[q.competencies[0]].append(q.id)
    kr20, errors = [], []
    for _ in range(FORMS):  # draws as the widget makes them: `per` items from each pool
        form = [qid for pool in pools.values() for qid in rng.sample(pool, per)]
        columns = [scores[qid] for qid in form]
        value = stats.cronbach_alpha(columns)
        assert value is not None
        kr20.append(value)
        error = stats.standard_error(value, [sum(row) for row in zip(*columns, strict=True)])
        assert error is not None
        errors.append(error)
    print(
        f"final KR-20 over {FORMS} forms of {per * len(pools)} items, n={COHORT}: "
        f"min {min(kr20):.3f}, mean {sum(kr20) / len(kr20):.3f}, max {max(kr20):.3f}; "
        f"standard error {min(errors):.2f}-{max(errors):.2f} questions"
    )
    assert min(kr20) >= 0.75
    assert max(kr20) - min(kr20) < 0.08, "equivalent forms are about equally reliable"
