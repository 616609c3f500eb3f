"""The control charts of the tracked measures, drawn up once for the early warnings and the page.

OTIF (the share of orders, or of work, on time and in full) gets a p-chart from its third month:
its limits widen in months with fewer orders. Each of the partner's process readings gets an
individuals chart from its eighth reading. Both take their limits by one rule
(:mod:`workbook.quality.control`): from the first half of the points (at least three months, or
eight readings) without those beyond them (Phase I), applied to every point (Phase II), so that
neither a drift nor a collapse widens or drags the limits that judge it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from workbook.quality.control import ControlChart, baseline_p, baseline_size, baseline_xmr
from workbook.quality.tracking import judged

MIN_MONTHS = 3    # a p-chart of fewer months says nothing of a process's usual level
MIN_READINGS = 8  # fewer points give no meaningful control limits


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
                   measures=()) -> dict[str, Charted]:
    """OTIF's p-chart and the individuals chart of each process measure in ``measures``, by
    measure, for those with enough data."""
    charts = {}
    otif = series.get("otif")
    otif = None if otif is None else judged(otif)  # a month still running is not judged here either
    if otif is not None and "successes" in otif and len(otif) >= MIN_MONTHS:
        charts["otif"] = Charted("otif", "p", baseline_p(otif["successes"].to_numpy(float),
                                                         otif["n"].to_numpy(float), MIN_MONTHS),
                                 [str(m) for m in otif["month"]], int(otif["n"].iloc[-1]),
                                 baseline_size(len(otif), MIN_MONTHS))
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
