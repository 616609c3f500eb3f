"""Customer-side quality measures, as defined in the project's docs (formula variants stated)."""

from __future__ import annotations

import numpy as np


def otif(on_time, in_full) -> float:
    """On time in full, judged per order: orders both on time and in full / all orders.

    Not the product of the on-time and in-full rates, which is a different (larger or equal)
    number. NaN when there are no orders.
    """
    on_time, in_full = np.asarray(on_time, bool), np.asarray(in_full, bool)
    return float((on_time & in_full).mean()) if on_time.size else float("nan")


def nps(ratings) -> float:
    """Net Promoter Score: % promoters (9-10) minus % detractors (0-6), from -100 to +100."""
    ratings = np.asarray(ratings, float)
    if not ratings.size:
        return float("nan")
    return float(100 * ((ratings >= 9).mean() - (ratings <= 6).mean()))


def rate(events, base) -> float:
    """A count per unit delivered (complaint rate, lot acceptance, right first time); NaN if none."""
    return float(events) / float(base) if base else float("nan")
