"""Statistical process control for the quality plan: p-charts and individuals (XmR) charts.

Pure numpy functions. Limits are three-sigma (Shewhart); the Western Electric rules (Western
Electric, Statistical Quality Control Handbook, 1956) read the zones between them, so that a
shift shows before a point crosses a limit. Limits taken from a baseline (Phase I) widen by that
baseline's own uncertainty: judged as if they were known, a short baseline false-alarms in more
than 2 % of in-control months; widened, and judged by the first two rules, in under 1 %, and a
3-sigma shift is still caught within 2 periods on average (``make bench`` simulates both).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

XMR_FACTOR = 2.66  # 3 / d2 with d2 = 1.128 for moving ranges of two


@dataclass(frozen=True)
class ControlChart:
    """Centre line, limits per point, the points beyond them, and sigma per point (for the
    Western Electric zones)."""

    values: np.ndarray
    centre: float
    lower: np.ndarray
    upper: np.ndarray
    sigma: np.ndarray

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
    return ControlChart(values, p_bar, np.clip(p_bar - 3 * sigma, 0, 1), np.clip(p_bar + 3 * sigma, 0, 1),
                        sigma)


def xmr_chart(values: np.ndarray) -> ControlChart:
    """Individuals chart: ``x_bar ± 2.66 * mean moving range`` (moving ranges of two)."""
    values = np.asarray(values, float)
    centre = float(values.mean()) if values.size else np.nan
    mr_bar = float(np.abs(np.diff(values)).mean()) if values.size > 1 else 0.0
    half = XMR_FACTOR * mr_bar
    return ControlChart(values, centre, np.full(values.shape, centre - half),
                        np.full(values.shape, centre + half), np.full(values.shape, half / 3))


def baseline_size(count: int, minimum: int) -> int:
    """How many of ``count`` points the limits come from: the first half, at least ``minimum``
    (all of them when there are fewer)."""
    return min(count, max(minimum, count // 2))


def _in_control(beyond, base: int, count: int) -> np.ndarray:
    """Phase I: the baseline's points (the first ``base`` of ``count``) that are in control.
    ``beyond(keep)`` gives each point's distance past the limits computed from the points
    ``keep``, in sigmas (zero or less inside them). The baseline point farthest past them is left
    out and the limits computed again, one at a time (a collapse drags the centre so far that
    every usual point would look out at first), until none is past them; two points always
    remain."""
    keep = np.zeros(count, bool)
    keep[:base] = True
    while keep.sum() > 2:
        excess = np.where(keep, np.nan_to_num(beyond(keep), nan=0.0), 0.0)
        if excess.max() <= 0:
            break
        keep[int(excess.argmax())] = False
    return keep


def baseline_xmr(values: np.ndarray, minimum: int = 8, known: bool = False) -> ControlChart:
    """Individuals chart in two phases: limits from the first half of the values (at least
    ``minimum``: :func:`baseline_size`) without the points beyond them (Phase I, see
    :func:`_in_control`), then applied to every value (Phase II), so that neither a drift nor an
    early collapse widens the limits that judge it. Unless ``known``, sigma widens by the
    uncertainty of the baseline's centre."""
    values = np.asarray(values, float)

    def beyond(keep):
        base = xmr_chart(values[keep])
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.abs(values - base.centre) / base.sigma[0] - 3
    keep = _in_control(beyond, baseline_size(len(values), minimum), len(values))
    base = xmr_chart(values[keep])
    # a new reading differs from a centre estimated from m readings by sigma sqrt(1 + 1/m)
    sigma = base.sigma[0] * (1.0 if known else np.sqrt(1 + 1 / keep.sum()))
    return ControlChart(values, base.centre, np.full(values.shape, base.centre - 3 * sigma),
                        np.full(values.shape, base.centre + 3 * sigma), np.full(values.shape, sigma))


def baseline_p(successes: np.ndarray, totals: np.ndarray, minimum: int = 3, known: bool = False) -> ControlChart:
    """p-chart in two phases, by the same rule as :func:`baseline_xmr`: ``p_bar`` from the
    first half of the periods (at least ``minimum``) without the periods beyond their limits
    (Phase I), then every period judged against ``p_bar ± 3 sqrt(p_bar (1 - p_bar) (1 / n_i +
    1 / N))`` (Phase II), N the baseline's own total (a month's share differs from a centre
    estimated from N orders by that much; ``known`` leaves the 1 / N out): a collapse does not
    drag the centre line down and make the usual months look like signals."""
    successes, totals = np.asarray(successes, float), np.asarray(totals, float)

    def beyond(keep):
        centre = p_chart(successes[keep], totals[keep]).centre
        sigma = np.sqrt(centre * (1 - centre) / np.where(totals > 0, totals, np.nan))
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.abs(successes / totals - centre) / sigma - 3
    keep = _in_control(beyond, baseline_size(len(successes), minimum), len(successes)) & (totals > 0)
    base = totals[keep].sum()
    centre = successes[keep].sum() / base if base else 0.0
    spread = 1 / np.where(totals > 0, totals, np.nan) + (0.0 if known or not base else 1 / base)
    sigma = np.sqrt(centre * (1 - centre) * spread)
    values = np.divide(successes, totals, out=np.full_like(successes, np.nan), where=totals > 0)
    return ControlChart(values, centre, np.clip(centre - 3 * sigma, 0, 1), np.clip(centre + 3 * sigma, 0, 1),
                        sigma)


# The Western Electric rules, in the order of their strength; each fires at the point that
# completes its pattern, on one side of the centre line.
WE_RULES = ("one point beyond 3 sigma",
            "2 of the last 3 points beyond 2 sigma on one side",
            "4 of the last 5 points beyond 1 sigma on one side",
            "8 points in a row on one side of the centre line")


# The rules a control chart's early warning judges by: beyond 3 sigma, and 2 of 3 beyond 2 sigma.
# The other two (small sustained shifts) are the drift warning's, which also asks that the target
# be missed: on a control chart alone they false-alarm in about 2 % of in-control months.
CONTROL_RULES = (0, 1)


def western_electric(values: np.ndarray, centre, sigma, side: int, rules=(0, 1, 2, 3)) -> int | None:
    """The first Western Electric rule of ``rules`` (indexes of :data:`WE_RULES`) that the latest
    value fires on ``side`` of the centre line (+1 above, -1 below), or None.

    ``centre`` and ``sigma`` are numbers or arrays per value (a p-chart's sigma varies with n).
    The latest value must be part of the pattern, so a signal is news, not history.
    """
    values = np.asarray(values, float)
    sigma = np.broadcast_to(np.asarray(sigma, float), values.shape)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = side * (values - centre) / sigma
    z = np.where(np.isfinite(z), z, 0.0)  # no spread (or no data) gives no signal
    for rule, (window, count, beyond) in enumerate(((1, 1, 3.0), (3, 2, 2.0), (5, 4, 1.0), (8, 8, 0.0))):
        if rule not in rules:
            continue
        last = z[-window:]
        if len(last) == window and last[-1] > beyond and (last > beyond).sum() >= count:
            return rule
    return None
