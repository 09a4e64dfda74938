"""Classical test theory, as ``shared/DOMAIN.md`` and Moodle's quiz statistics define it.

Pure functions over lists of floats, so the tests can check each against numbers
worked out by hand. Variances and SDs use n - 1 (sample); every ratio below
(correlation, efficiency, alpha) is the same whichever divisor is used.
``None`` means "not defined" (no variance, too few values), never zero.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from operator import mul


def mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def variance(values: Sequence[float]) -> float | None:
    """Sample variance (n - 1)."""
    n = len(values)
    if n < 2:
        return None
    m = sum(values) / n
    return sum([(x - m) * (x - m) for x in values]) / (n - 1)


def sd(values: Sequence[float]) -> float | None:
    var = variance(values)
    return None if var is None else math.sqrt(var)


def covariance(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Sample covariance (n - 1)."""
    n = len(xs)
    if n < 2:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    return sum([(x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)]) / (n - 1)


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    cov, vx, vy = covariance(xs, ys), variance(xs), variance(ys)
    if cov is None or not vx or not vy:
        return None
    return cov / math.sqrt(vx * vy)


def discrimination_index(scores: Sequence[float], rests: Sequence[float]) -> float | None:
    """DI = 100 * corr(x_i, R_i), the item-rest correlation."""
    r = pearson(scores, rests)
    return None if r is None else 100 * r


def discriminative_efficiency(scores: Sequence[float], rests: Sequence[float]) -> float | None:
    """DE = 100 * Cov(x_i, R_i) / Cov_max, Cov_max being the covariance of both sorted independently."""
    cov = covariance(scores, rests)
    cov_max = covariance(sorted(scores), sorted(rests))
    if cov is None or not cov_max:
        return None
    return 100 * cov / cov_max


def facility(scores: Sequence[float], max_score: float = 1.0) -> float | None:
    """F = 100 * mean(x_i) / max_i."""
    m = mean(scores)
    return None if m is None else 100 * m / max_score


def cronbach_alpha(items: Sequence[Sequence[float]]) -> float | None:
    """alpha = p/(p-1) * (1 - sum Var(x_i) / Var(T)) over ``items[i][respondent]``; KR-20 for 0/1 items."""
    p = len(items)
    if p < 2:
        return None
    totals = [sum(column) for column in zip(*items, strict=True)]
    var_total = variance(totals)
    item_vars = [variance(item) for item in items]
    if not var_total or any(v is None for v in item_vars):
        return None
    return p / (p - 1) * (1 - sum(v for v in item_vars if v is not None) / var_total)


def standard_error(alpha: float, totals: Sequence[float]) -> float | None:
    """SE = sqrt(1 - alpha) * SD(T); undefined when alpha > 1 cannot happen or SD is undefined."""
    spread = sd(totals)
    if spread is None or alpha > 1:
        return None
    return math.sqrt(max(0.0, 1 - alpha)) * spread


def group_size(n: int, share: float = 0.27) -> int:
    """How many respondents form the top (and the bottom) group: 27% of n, at least one."""
    return max(1, round(n * share))


def item_statistics(
    scores: Sequence[float], rests: Sequence[float]
) -> tuple[float | None, float | None, float | None, float | None]:
    """(facility, SD in %, DI, DE) of one question in one pass of C-level sums.

    Equal to :func:`facility`, ``100 * sd``, :func:`discrimination_index` and
    :func:`discriminative_efficiency` (the tests check it against them); thousands of
    questions x thousands of attempts made the one-function-each version the slowest
    part of a large run. Sums of products less n times the product of means stand in
    for the two-pass forms; a variance within rounding of zero counts as zero.
    """
    n = len(scores)
    if n < 2:
        return facility(scores), None, None, None
    mean_x, mean_r = sum(scores) / n, sum(rests) / n
    sxx = sum(map(mul, scores, scores)) - n * mean_x * mean_x
    srr = sum(map(mul, rests, rests)) - n * mean_r * mean_r
    sxr = sum(map(mul, scores, rests)) - n * mean_x * mean_r
    tiny = 1e-9 * max(1.0, n)
    sd_pct = 100 * math.sqrt(max(0.0, sxx) / (n - 1))
    if sxx <= tiny or srr <= tiny:
        return 100 * mean_x, sd_pct, None, None
    di = 100 * sxr / math.sqrt(sxx * srr)
    sxr_max = sum(map(mul, sorted(scores), sorted(rests))) - n * mean_x * mean_r
    de = 100 * sxr / sxr_max if sxr_max > tiny else None
    return 100 * mean_x, sd_pct, di, de
