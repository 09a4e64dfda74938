"""A suggested motivational approach per rep, in words, from the motivation-driver scales.

A scale with an ``approach`` is a driver (incentive, guidance, inspiration, recognition,
autonomy...). The rep's strongest drivers, those at or above :data:`STRONG` and within
:data:`CLOSE` of the top one, lead the suggestion; drivers at or below :data:`WEAK` are named as
ones not to lean on. Means are on the scale's own direction (reverse-keyed items already turned
round) and compared on a 0-1 line, so scales with different numbers of points compare fairly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.render.markdown import to_plain

if TYPE_CHECKING:  # scales.py builds the scores and imports this module
    from generator.score.scales import ScaleScore

STRONG = 0.625  # 3.5 on a five-point scale: agreeing, on balance
WEAK = 0.375  # 2.5 on a five-point scale: disagreeing, on balance
CLOSE = 0.125  # half a point on a five-point scale


@dataclass
class Approach:
    leading: list[ScaleScore]
    weak: list[ScaleScore]
    text: str


def suggest(scores: list[ScaleScore]) -> Approach | None:
    """The approach for one rep's latest driver scores, or ``None`` when the rep rated no driver."""
    drivers = sorted((s for s in scores if s.scale.approach), key=lambda s: (-s.normalised, s.scale.title))
    if not drivers:
        return None
    top = drivers[0].normalised
    leading = [s for s in drivers if s.normalised >= STRONG and top - s.normalised <= CLOSE + 1e-9]
    weak = [s for s in drivers if s.normalised <= WEAK + 1e-9]
    if leading:
        names = _first(_names([s.scale.title.lower() for s in leading]))
        moves = "moves" if len(leading) == 1 else "move"
        text = f"{names} {moves} this rep most. " + " ".join(
            f"{_first(s.scale.title)}: {to_plain(s.scale.approach or '')}." for s in leading
        )
    else:
        text = (
            "No driver stands out: ask the rep what would help right now, and check again at the "
            "next self-assessment."
        )
    if weak:
        does = "it does" if len(weak) == 1 else "they do"
        text += (
            f" Do not lean on {_names([s.scale.title.lower() for s in weak])}: {does} little for this rep."
        )
    return Approach(leading, weak, text)


def _first(title: str) -> str:
    return title[:1].upper() + title[1:]


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
