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
from generator.bank.model import Likert, SingleChoice
from generator.report.render import render_reports
from generator.score import stats
from generator.score.run import ScoreOptions, Scoring, score
from tests.conftest import ROOT
from tests.score.builders import NOW, attempt, export

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


def words(text: str) -> set[str]:
    return set(text.lower().split())


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


def _likert(rng: random.Random, trait: float, loading: float, threshold_shift: float) -> int:
    """A five-point rating from a latent trait: the item's reading of it plus noise, cut at fixed points."""
    reading = loading * trait + math.sqrt(1 - loading * loading) * rng.gauss(0.0, 1.0) + threshold_shift
    return 1 + sum(reading > cut for cut in (-1.3, -0.45, 0.35, 1.2))


def _survey_cohort(catalog: Catalog, tmp: Path, rng: random.Random) -> Path:
    """Every survey module answered by COHORT simulated reps; returns the results folder.

    Each rep has one latent level per scale (scales correlate 0.3 through a shared general
    factor); each item reads its scale with a standardised loading of 0.55 to 0.75, a modest
    and realistic range (inter-item correlations of about 0.3 to 0.55), and a reverse-keyed
    item is answered the other way round. Drivers are strongest for ``rep-000``: incentive and
    recognition.
    """
    surveys = [bank.module for bank in catalog.banks if bank.module.mode == "survey"]
    items = {
        (m.id, q.id): (rng.uniform(0.55, 0.75), rng.gauss(0.0, 0.3)) for m in surveys for q in m.questions
    }
    results = tmp / "results"
    for n in range(COHORT):
        rep = f"rep-{n:03d}"
        general = rng.gauss(0.0, 1.0)
        statements = []
        for module in surveys:
            levels = {
                s.id: math.sqrt(0.3) * general + math.sqrt(0.7) * rng.gauss(0.0, 1.0) for s in module.scales
            }
            if n == 0 and module.id == "motivation-drivers":
                levels = dict.fromkeys(levels, -2.0) | {"incentive": 2.5, "recognition": 2.5}
            responses = {}
            for q in module.questions:
                assert isinstance(q, Likert)
                loading, shift = items[(module.id, q.id)]
                trait = -levels[q.scale] if q.reverse else levels[q.scale]
                responses[q.id] = _likert(rng, trait, loading, shift)
            statements += attempt(catalog, rep, module.id, responses, day=n % 20)
        export(results / f"{rep}.json", statements)
    return results


@pytest.fixture(scope="module")
def survey_scoring(catalog: Catalog, tmp_path_factory: pytest.TempPathFactory) -> Scoring:
    results = _survey_cohort(catalog, tmp_path_factory.mktemp("cohort"), random.Random(SEED))
    return score(sorted(results.glob("*.json")), catalog, ScoreOptions(now=NOW))


def test_self_assessment_scales_are_reliable_on_a_simulated_cohort(survey_scoring: Scoring) -> None:
    modes = {m: b.module.mode for m, b in survey_scoring.catalog.modules.items()}
    found = {(r.module, r.scale.id): r for r in survey_scoring.reliability if modes[r.module] == "survey"}
    assert found, "no survey scale was scored"
    for (module, scale), rel in sorted(found.items()):
        print(f"{module}/{scale}: {rel.items} items, n={rel.n}, Cronbach's alpha {rel.alpha:.3f}")
    for (module, scale), rel in found.items():
        assert rel.n == COHORT and rel.alpha is not None
        assert rel.alpha >= 0.7, f"{module}/{scale}: alpha {rel.alpha:.3f}"


def test_every_survey_scale_is_long_enough_and_keyed_both_ways(catalog: Catalog) -> None:
    for bank in catalog.banks:
        module = bank.module
        if module.mode != "survey":
            continue
        for scale in module.scales:
            keying = Counter(
                q.reverse for q in module.questions if isinstance(q, Likert) and q.scale == scale.id
            )
            assert 5 <= sum(keying.values()) <= 6, (module.id, scale.id)
            assert abs(keying[True] - keying[False]) <= 1, (module.id, scale.id, keying)


def test_the_report_suggests_a_motivational_approach_in_words(survey_scoring: Scoring) -> None:
    rep = next(r for r in survey_scoring.reps if r.rep == "rep-000")
    approach = rep.scales.approach
    assert approach is not None
    assert {s.scale.id for s in approach.leading} == {"incentive", "recognition"}
    first, second = (s.scale.title for s in approach.leading)
    sentence = f"{first} and {second.lower()} move this rep most."
    assert approach.text.startswith(sentence)
    assert "Incentives: tie the next goal to something they earn" in approach.text
    assert "Recognition: notice good work and say so specifically" in approach.text
    assert "Do not lean on autonomy, guidance and inspiration: they do little for this rep." in approach.text
    files = render_reports(survey_scoring)
    html = files["manager-report.html"]
    assert "<h4>Suggested motivational approach</h4>" in html
    assert sentence in html
    assert f"Suggested motivational approach: {sentence}" in files["manager-report.md"]
