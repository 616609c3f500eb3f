"""The control charts of the tracked measures, drawn up once for the early warnings and the page.

The share of orders, or of work, done by the promise (OTIF, dispatched on the promised day,
settled in the agreed time: ``p_measures``) gets a p-chart from its third month: its limits
widen in months with fewer orders. Each of the partner's process readings gets an
individuals chart from its twentieth reading. Both take their limits by one rule
(:mod:`workbook.quality.control`): from the first half of the points (at least three months, or
twenty readings) without those beyond them (Phase I), applied to every point (Phase II), so that
neither a drift nor a collapse widens or drags the limits that judge it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from workbook.quality.control import ControlChart, baseline_p, baseline_size, baseline_xmr
from workbook.quality.tracking import judged

MIN_MONTHS = 3    # a p-chart of fewer months says nothing of a process's usual level
MIN_READINGS = 20  # fewer readings give limits too uncertain to judge by (Phase I wants 20 or more)


@dataclass(frozen=True)
class Charted:
    """One measure's control chart: ``kind`` "p" or "individuals", the periods or dates ``x`` of
    its points, ``n`` of the latest point (orders in its month; readings in all), and how many
    points its limits come from (``baseline``)."""

    measure: str
    kind: str
    chart: ControlChart
    x: list
    n: int
    baseline: int


def control_charts(series: dict[str, pd.DataFrame], readings: pd.DataFrame | None,
                   measures=(), p_measures=("otif",)) -> dict[str, Charted]:
    """The p-chart of each of ``p_measures`` and the individuals chart of each process measure in
    ``measures``, by measure, for those with enough data."""
    charts = {}
    for measure in p_measures:
        shares = series.get(measure)
        shares = None if shares is None else judged(shares)  # a month still running is not judged either
        if shares is not None and "successes" in shares and len(shares) >= MIN_MONTHS:
            charts[measure] = Charted(measure, "p", baseline_p(shares["successes"].to_numpy(float),
                                                               shares["n"].to_numpy(float), MIN_MONTHS),
                                      [str(m) for m in shares["month"]], int(shares["n"].iloc[-1]),
                                      baseline_size(len(shares), MIN_MONTHS))
    if readings is not None:
        for measure, rows in readings.groupby("measure"):
            if measure not in measures:
                continue
            ordered = rows.sort_values("date")
            values = ordered["value"].to_numpy(float)
            if len(values) < MIN_READINGS:
                continue
            charts[measure] = Charted(measure, "individuals", baseline_xmr(values, MIN_READINGS),
                                      list(ordered["date"]), len(values), baseline_size(len(values), MIN_READINGS))
    return charts
