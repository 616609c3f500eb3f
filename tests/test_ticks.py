"""Percent ticks written as the report writes figures (workbook.views.ticks)."""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from workbook.views import blocks, charts
from workbook.views.ticks import PercentTicks


def written(ticks: list[float]) -> list[str]:
    formatter = PercentTicks()
    formatter.set_locs(ticks)
    return [formatter(t) for t in ticks]


@pytest.mark.parametrize("ticks, expected", [
    ([0.0, 0.1, 0.2, 0.3], ["0%", "10%", "20%", "30%"]),  # matplotlib wrote "30.0%" here
    ([0.95, 0.975, 1.0], ["95.0%", "97.5%", "100.0%"]),   # one tick needs a decimal: all take it
    ([0.98, 0.99, 1.0], ["98%", "99%", "100%"]),          # and "100.00%" from a narrow span
    ([0.9925, 0.995, 0.9975], ["99.25%", "99.50%", "99.75%"]),
    ([-1e-17, 0.5, 1.0], ["0%", "50%", "100%"]),          # never "-0%"
])
def test_ticks_take_the_fewest_decimals_that_write_each_exactly(ticks, expected):
    assert written(ticks) == expected


def test_a_drawn_chart_writes_its_percent_ticks_alike():
    # bars up to 35%: matplotlib's PercentFormatter wrote "0.0%", "10.0%", ... "30.0%"
    weights = pd.DataFrame({"name": ["Quality", "Cost", "Service"], "weight": [0.35, 0.33, 0.32],
                            "from_product_leadership": [0.15, 0.1, 0.1], "from_customer_intimacy": [0.1, 0.13, 0.1],
                            "from_operational_excellence": [0.1, 0.1, 0.12]})
    ax = charts.weights_chart(weights)
    assert blocks.png(ax.figure).startswith(b"\x89PNG")  # drawn as the page draws it
    shown = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert shown and all(s.endswith("%") and "." not in s for s in shown), shown
    plt.close(ax.figure)


def test_percent_axes_step_by_one_two_or_five():
    """A review: the example's weights by group stepped by 2.5%, so every tick carried a decimal
    ("0.0% 2.5% 5.0% … 20.0%")."""
    from workbook.core import paths
    from workbook.engagement.model import load_engagement
    from workbook.strategy.weights import weigh_engagement

    _, weighing = weigh_engagement(load_engagement(paths.EXAMPLE_ENGAGEMENT))
    ax = charts.group_weights_chart(weighing.table)
    assert blocks.png(ax.figure).startswith(b"\x89PNG")
    shown = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert len(shown) >= 3 and all("." not in s for s in shown), shown
    plt.close(ax.figure)


def test_a_rating_axis_steps_by_one_two_or_five_too():
    """A review: a rating's axis read 3.25, 3.50, 3.75."""
    from workbook.views import tracking_charts
    series = pd.DataFrame({"month": ["2026-07", "2026-08", "2026-09", "2026-10"], "value": [3.0, 4.1, 3.5, 3.7],
                           "n": 30})
    ax = tracking_charts.kpi_chart(series, "Quality", (">=", 4.3), ("<", 3.9))
    assert blocks.png(ax.figure).startswith(b"\x89PNG")
    ticks = [t for t in ax.get_yticks() if ax.get_ylim()[0] <= t <= ax.get_ylim()[1]]
    steps = {round(b - a, 6) for a, b in zip(ticks, ticks[1:])}
    assert len(steps) == 1 and steps.pop() in (0.1, 0.2, 0.5, 1.0), ticks
    plt.close(ax.figure)
