"""How sure a measured figure is: 95 % intervals for the quality plan's measures. Pure numpy.

- A proportion (OTIF, lot acceptance, complaints per order): the Wilson score interval (Wilson
  1927), which stays inside [0, 1] and behaves for small n and for proportions near 0 or 1.
- NPS: the share of promoters minus the share of detractors is a difference of two shares of one
  trinomial sample, with variance ``(p + d - (p - d)^2) / n``; the interval is the normal
  approximation NPS ± z * 100 * sqrt of that, clipped to -100 and +100.
- A mean of ratings or readings: mean ± t * s / sqrt(n), t Student's 97.5 % quantile with n - 1
  degrees of freedom (none for n < 2): two ratings of 4.0 and 3.9 give 3.3 to 4.6, not the 3.9 to
  4.0 the normal approximation claimed. Yes/no answers (1 and 0) are a share: Wilson's.
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


# Student's t, 97.5 % quantile, for 1 to 30 degrees of freedom (any statistics table)
T975 = (12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281,
        2.2010, 2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.0930, 2.0860,
        2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423)


def t975(df: int) -> float:
    """Student's t 97.5 % quantile for ``df`` degrees of freedom: the table to 30, then the
    Cornish-Fisher expansion around the normal quantile (under 1e-4 off beyond 30)."""
    if df <= len(T975):
        return T975[df - 1]
    z = Z95
    return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df * df)


def mean_interval(values) -> tuple[float, float]:
    """95 % interval of the mean of ``values`` (Student's t); (nan, nan) for fewer than two."""
    values = np.asarray(values, float)
    if values.size < 2:
        return math.nan, math.nan
    half = t975(values.size - 1) * values.std(ddof=1) / math.sqrt(values.size)
    return float(values.mean() - half), float(values.mean() + half)


def answers_interval(values, nps: bool = False) -> tuple[float, float]:
    """A month's answers' 95 % interval: NPS's own (``nps``: 0-10 ratings); Wilson's for yes/no
    answers (1 and 0: a share, which Student's t took past 100% in a month of a few answers,
    nearly all yes); Student's t of their mean otherwise."""
    values = np.asarray(values, float)
    if nps:
        return nps_interval(values)
    if values.size and np.isin(values, (0.0, 1.0)).all():
        return wilson(float(values.sum()), float(values.size))
    return mean_interval(values)
