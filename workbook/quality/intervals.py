"""How sure a measured figure is: 95 % intervals for the quality plan's measures. Pure numpy.

- A proportion (OTIF, lot acceptance, complaints per order): the Wilson score interval (Wilson
  1927), which stays inside [0, 1] and behaves for small n and for proportions near 0 or 1.
- NPS: the share of promoters minus the share of detractors is a difference of two shares of one
  trinomial sample, with variance ``(p + d - (p - d)^2) / n``; the interval is the normal
  approximation NPS ± z * 100 * sqrt of that, clipped to -100 and +100.
- A mean of ratings or readings: mean ± z * s / sqrt(n) (normal approximation; none for n < 2).
"""

from __future__ import annotations

import math

import numpy as np

Z95 = 1.959963984540054


def wilson(successes: float, n: float, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval of ``successes`` out of ``n``; (nan, nan) when n is 0."""
    if n <= 0:
        return math.nan, math.nan
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


def nps_interval(ratings, z: float = Z95) -> tuple[float, float]:
    """Interval of the Net Promoter Score of 0-10 ``ratings`` (normal approximation of the
    trinomial); (nan, nan) for no ratings."""
    ratings = np.asarray(ratings, float)
    n = ratings.size
    if not n:
        return math.nan, math.nan
    promoters, detractors = (ratings >= 9).mean(), (ratings <= 6).mean()
    score = promoters - detractors
    half = z * math.sqrt(max(promoters + detractors - score * score, 0.0) / n)
    return max(-100.0, 100 * (score - half)), min(100.0, 100 * (score + half))


def mean_interval(values, z: float = Z95) -> tuple[float, float]:
    """Interval of the mean of ``values``; (nan, nan) for fewer than two."""
    values = np.asarray(values, float)
    if values.size < 2:
        return math.nan, math.nan
    half = z * values.std(ddof=1) / math.sqrt(values.size)
    return float(values.mean() - half), float(values.mean() + half)
