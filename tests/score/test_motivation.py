"""The suggested motivational approach, from driver scale means to words."""

from __future__ import annotations

from datetime import UTC, datetime

from generator.bank.model import Band, Scale
from generator.score.motivation import suggest
from generator.score.scales import ScaleScore

BANDS = [Band(min=1, max=5, label="Any", text="Any.")]
WHEN = datetime(2026, 11, 1, tzinfo=UTC)


def _score(title: str, mean: float, approach: str | None = "do this") -> ScaleScore:
    scale = Scale(id=title.lower(), title=title, competency="ATT.MOTIVATION", bands=BANDS, approach=approach)
    return ScaleScore("drivers", scale, 5, mean, 5, "Any", "Any.", WHEN)


def test_no_driver_scales_means_no_suggestion() -> None:
    assert suggest([_score("Motivation", 4.5, approach=None)]) is None


def test_the_strongest_driver_leads_and_close_ones_join_it() -> None:
    found = suggest([_score("Guidance", 4.6), _score("Autonomy", 4.2), _score("Incentives", 3.4)])
    assert found is not None
    assert [s.scale.title for s in found.leading] == ["Guidance", "Autonomy"]
    assert found.text == ("Guidance and autonomy move this rep most. Guidance: do this. Autonomy: do this.")


def test_a_weak_driver_is_named_and_a_flat_profile_asks_the_rep() -> None:
    found = suggest([_score("Recognition", 3.4), _score("Incentives", 2.2)])
    assert found is not None and not found.leading
    assert found.text == (
        "No driver stands out: ask the rep what would help right now, and check again at the next "
        "self-assessment. Do not lean on incentives: it does little for this rep."
    )
