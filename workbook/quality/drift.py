"""A measure's drift: its own monthly series on an individuals chart, judged by the Western
Electric rules on the bad side (:mod:`workbook.quality.alerts` warns of it while the target is
missed), and the usual range that chart sets, as the warning writes it."""

from __future__ import annotations

import numpy as np

from workbook.core import measure_formats
from workbook.quality.control import ControlChart, baseline_size, baseline_xmr, western_electric

DRIFT_POINTS = 8  # a drift is judged on a measure's own monthly series from its ninth month


def usual_range(chart: ControlChart, kpi_id: str, target: str, least: int = 0) -> dict[str, str]:
    """A measure's own chart's limits (within what the measure can read) and centre, written as
    the measure is, at least ``least`` decimals finer, and finely enough to tell the limits apart."""
    lower, upper = (measure_formats.possible(v, kpi_id, target) for v in (chart.lower[0], chart.upper[0]))
    more = max(least, measure_formats.interval_places(lower, upper, kpi_id, target))
    low, high = measure_formats.interval_ends(lower, upper, kpi_id, target, more)
    return {"lower": low, "upper": high, "centre": measure_formats.measure_places(chart.centre, kpi_id, target, more)}


def drift_of(values: np.ndarray, higher_better: bool) -> tuple | None:
    """The Western Electric rule the latest value fires on the bad side of the series' own
    individuals chart (limits from its first half, at least eight points), that chart and the
    number of points its limits come from; or None."""
    values = values[~np.isnan(values)]
    if len(values) <= DRIFT_POINTS:
        return None
    chart = baseline_xmr(values, DRIFT_POINTS)
    rule = western_electric(values, chart.centre, chart.sigma, -1 if higher_better else 1)
    return None if rule is None else (rule, chart, baseline_size(len(values), DRIFT_POINTS))
