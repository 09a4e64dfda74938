"""Paired timing on a shared machine: run A and B back to back in every round, compare within rounds.

On a machine shared with other work the load changes from one minute to the next, so
the median of A's runs divided by the median of B's runs can be off by the load of
different minutes. A ratio taken within one round compares runs that saw the same
load; the median of those ratios, with their spread, is what the benchmarks print.
The order of the runs rotates from round to round so neither always runs first.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field


@dataclass
class Paired:
    """Seconds per run of every contender, round by round (all lists have one entry per round)."""

    seconds: dict[str, list[float]] = field(default_factory=dict)

    def median(self, name: str) -> float:
        return statistics.median(self.seconds[name])

    def ratios(self, a: str, b: str) -> list[float]:
        return [x / y for x, y in zip(self.seconds[a], self.seconds[b], strict=True)]

    def ratio(self, a: str, b: str) -> str:
        """``median [lowest-highest]`` of the paired ratios a/b."""
        values = self.ratios(a, b)
        return f"{statistics.median(values):.2f} [{min(values):.2f}-{max(values):.2f}]"


def alternate(runs: Mapping[str, Callable[[], float]], rounds: int, report: bool = True) -> Paired:
    """Run every contender once per round, rotating the order; each call returns its seconds."""
    paired = Paired({name: [] for name in runs})
    names: Sequence[str] = list(runs)
    for round_no in range(rounds):
        shift = round_no % len(names)
        for name in [*names[shift:], *names[:shift]]:
            paired.seconds[name].append(runs[name]())
        if report:
            line = ", ".join(f"{name} {paired.seconds[name][-1]:.2f} s" for name in names)
            print(f"  round {round_no + 1}: {line}", flush=True)
    return paired
