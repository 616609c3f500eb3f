"""Statistical process control for the quality plan: p-charts and individuals (XmR) charts.

Pure numpy functions. Limits are three-sigma (Shewhart); a point beyond a limit is a signal.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

XMR_FACTOR = 2.66  # 3 / d2 with d2 = 1.128 for moving ranges of two


@dataclass(frozen=True)
class ControlChart:
    """Centre line, limits per point, and the points beyond them."""

    values: np.ndarray
    centre: float
    lower: np.ndarray
    upper: np.ndarray

    @property
    def below(self) -> np.ndarray:
        return self.values < self.lower

    @property
    def above(self) -> np.ndarray:
        return self.values > self.upper


def p_chart(successes: np.ndarray, totals: np.ndarray) -> ControlChart:
    """p-chart of a proportion per period (e.g. OTIF: orders on time in full / orders).

    ``p_bar = sum(successes) / sum(totals)``; limits ``p_bar ± 3 sqrt(p_bar (1 - p_bar) / n_i)``,
    clipped to [0, 1], so they widen for periods with fewer orders.
    """
    successes, totals = np.asarray(successes, float), np.asarray(totals, float)
    p_bar = successes.sum() / totals.sum() if totals.sum() else 0.0
    sigma = np.sqrt(p_bar * (1 - p_bar) / np.where(totals > 0, totals, np.nan))
    values = np.divide(successes, totals, out=np.full_like(successes, np.nan), where=totals > 0)
    return ControlChart(values, p_bar, np.clip(p_bar - 3 * sigma, 0, 1), np.clip(p_bar + 3 * sigma, 0, 1))


def xmr_chart(values: np.ndarray) -> ControlChart:
    """Individuals chart: ``x_bar ± 2.66 * mean moving range`` (moving ranges of two)."""
    values = np.asarray(values, float)
    centre = float(values.mean()) if values.size else np.nan
    mr_bar = float(np.abs(np.diff(values)).mean()) if values.size > 1 else 0.0
    half = XMR_FACTOR * mr_bar
    return ControlChart(values, centre, np.full(values.shape, centre - half),
                        np.full(values.shape, centre + half))


def baseline_xmr(values: np.ndarray, minimum: int = 8) -> ControlChart:
    """Individuals chart whose limits come from the first half of the values (at least
    ``minimum``), the baseline before any drift, applied to every value: a drift cannot widen
    its own limits."""
    values = np.asarray(values, float)
    base = xmr_chart(values[: max(minimum, len(values) // 2)])
    return ControlChart(values, base.centre, np.full(values.shape, base.lower[0]),
                        np.full(values.shape, base.upper[0]))


def worsening_run(values: np.ndarray, higher_is_better: bool, length: int = 3) -> bool:
    """True when the last ``length`` changes all went the wrong way (a deteriorating trend)."""
    values = np.asarray(values, float)
    values = values[~np.isnan(values)]
    if values.size < length + 1:
        return False
    steps = np.diff(values[-(length + 1):])
    return bool((steps < 0).all() if higher_is_better else (steps > 0).all())
