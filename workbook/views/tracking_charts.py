"""The quality step's charts: a measure per month against its target and alert, the grid of them,
control charts and the perception gap. Each chart takes ``ax=None`` and returns the Axes."""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator
import numpy as np
import pandas as pd

from workbook.core import formats
from workbook.core.thresholds import parse_threshold
from workbook.views.chart_layout import fit
from workbook.views.chart_labels import text
from workbook.views.charts import chart_axes, set_title
from workbook.views.ticks import percent_axis

# The grid is the report's largest figure; laying it out by measuring every drawn label (matplotlib's
# constrained layout) cost as much as drawing it, so its margins come from the labels' lengths.
DIGIT = 0.09  # inches a character of a 10-point tick label takes, at most (a digit is 0.088)
MONTH = 0.071  # inches a character of an 8-point month label takes
ROOM = 0.2  # inches at least between two month labels
LINE = 0.16  # inches of a line of 8-point labels
TICK = 0.14  # inches of a tick and its pad
TITLE = 0.52  # inches of a panel's two-line 10-point title (its measure, its levels) and its pad
KEY = 0.3  # inches of the grid's one legend, above the panels
GAP = 0.25  # inches between a panel and the next one's labels
BLUE, GREEN, RED = "#3b6ea5", "#5a9e6f", "#c0392b"  # measured, target, alert
TO_DATE = "month to date (not yet judged)"


def _months_axis(ax, months, width: float | None = None, at=None):
    """Month labels written flat, at ``at`` (the months' places on the axis; one apart by
    default), as many as fit across ``width`` inches (the Axes' width as it is placed now) with
    room between them: counted back from the latest, the month a reader looks for first, each
    label kept when it stands clear of the last one kept. (Fifteen labels turned on their side were
    hard to read and a fifth of the tracking grid's drawing.)"""
    labels = [str(m) for m in months]
    at = list(range(len(labels))) if at is None else [float(a) for a in at]
    if width is None:
        width = ax.get_position().width * ax.figure.get_figwidth()
    low, high = ax.get_xlim()
    apart = (MONTH * max(map(len, labels), default=1) + ROOM) * (high - low) / width  # in axis units
    kept: list[int] = []
    for i in range(len(labels) - 1, -1, -1):
        if not kept or at[kept[-1]] - at[i] >= apart:
            kept.append(i)
    kept.reverse()
    ax.set_xticks([at[i] for i in kept], [labels[i] for i in kept], fontsize=8)


def _fit_months(ax, months, at=None):
    """:func:`fit` the chart, then label its months again across the width it now has."""
    before = ax.get_position().width
    fit(ax)
    if ax.get_position().width != before:
        _months_axis(ax, months, at=at)
    return ax


def _month_places(months) -> np.ndarray:
    """Each month's place on a time axis, in months from the first: a quarterly survey's points
    stand three apart, not one (monthly periods; else one apart)."""
    try:
        ordinals = pd.PeriodIndex(months, freq="M").asi8
    except (TypeError, ValueError):
        return np.arange(len(months))
    return ordinals - ordinals[0] if len(ordinals) else np.arange(0)


def kpi_chart(series: pd.DataFrame, title: str, target=None, alert=None, percent=False, ax=None,
              legend: bool = True):
    """A measure per month, with its 95 % interval where the series has one, against its target
    and alert threshold (``(op, value)`` pairs). Without ``legend``: a panel of :func:`kpi_grid`,
    whose one legend says what the lines are and whose titles give the levels."""
    ax = chart_axes(ax, (6, 2.8))
    x = _month_places(series["month"])
    if _has_interval(series):
        ax.fill_between(x, series["low"].to_numpy(float), series["high"].to_numpy(float),
                        color=BLUE, alpha=0.15, lw=0, label="95% interval")
    values = series["value"].to_numpy(float)
    so_far = series["partial"].to_numpy(bool) if "partial" in series else np.zeros(len(series), bool)
    ax.plot(x[~so_far], values[~so_far], marker="o", color=BLUE, lw=1.6, label="measured")
    if so_far.any():  # the month so far, not yet judged (the page's "month to date"): drawn apart
        joined = np.concatenate([np.flatnonzero(~so_far)[-1:], np.flatnonzero(so_far)])
        ax.plot(x[joined], values[joined], color=BLUE, lw=1.2, ls=":")
        ax.plot(x[so_far], values[so_far], ls="none", marker="o", mfc="white", mec=BLUE, mew=1.4,
                label=TO_DATE)
    levels = {word: f"{word} {formats.threshold(level[0])} {_level(level[1], percent)}"
              for word, level in (("target", target), ("alert", alert)) if level is not None}
    if target is not None:
        ax.axhline(target[1], color=GREEN, ls="--", lw=1, label=levels["target"])
    if alert is not None:
        ax.axhline(alert[1], color=RED, ls=":", lw=1.2, label=levels["alert"])
    _clear_of_edges(ax, [v for v in values if np.isfinite(v)] + [lv[1] for lv in (target, alert) if lv])
    _values_axis(ax, percent)
    _months_axis(ax, series["month"], at=x)
    set_title(ax, text(title), fontsize=10)
    if legend:
        ax.legend(fontsize=7, frameon=False, loc="best")
    ax.spines[["top", "right"]].set_visible(False)
    return _fit_months(ax, series["month"], x)


def _has_interval(series: pd.DataFrame) -> bool:
    """Whether a measure's series has a 95 % interval to draw."""
    return {"low", "high"} <= set(series.columns) and bool(series[["low", "high"]].notna().any().any())


def _clear_of_edges(ax, shown: list[float]) -> None:
    """Widen the value axis so that no point and no target or alert line lies on its edge (an
    alert line drawn on the axis itself could not be seen)."""
    if not shown:
        return
    low, high = ax.get_ylim()
    pad = 0.06 * ((max(high, max(shown)) - min(low, min(shown))) or 1)
    ax.set_ylim(min(low, min(shown) - pad), max(high, max(shown) + pad))


def _values_axis(ax, percent: bool) -> None:
    """Values as a reader writes them: a share as a percentage; any other number in full, never
    as an offset or a power of ten written above the axis ("1e4"), where it would also meet the
    title."""
    if percent:
        percent_axis(ax.yaxis)
    else:  # in steps of 1, 2 or 5 as percentages are (a rating read 3.25, 3.50, 3.75)
        ax.yaxis.set_major_locator(MaxNLocator(nbins="auto", steps=[1, 2, 5, 10]))
        ax.ticklabel_format(axis="y", style="plain", useOffset=False)


def _level(value, percent):
    """A legend's level as the plan writes it: 0.995 is ``99.5%`` (never ``100%``)."""
    return f"{round(value * 100, 6):g}%" if percent else f"{value:g}"


def control_chart(chart, months, title: str, percent=False, ax=None):
    """A control chart: values, centre line, limits, and the points beyond them in red."""
    ax = chart_axes(ax, (8, 3))
    x = np.arange(len(chart.values))
    ax.plot(x, chart.values, marker="o", ms=4, color="#3b6ea5", lw=1.2, label="measured")
    ax.axhline(chart.centre, color="#555555", lw=1, label="centre")
    ax.step(x, chart.upper, where="mid", color="#c0392b", ls="--", lw=1, label="control limits")
    ax.step(x, chart.lower, where="mid", color="#c0392b", ls="--", lw=1)
    out = chart.below | chart.above
    ax.scatter(x[out], chart.values[out], color="#c0392b", zorder=3, s=36, label="signal")
    _values_axis(ax, percent)
    _months_axis(ax, months)
    # a full-width chart: room for its whole title; the legend between title and plot, as the
    # tracking grid has it (below the months it read as the next chart's)
    set_title(ax, text(title, 90), fontsize=10, pad=20)
    ax.legend(fontsize=8, frameon=False, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=4)
    ax.spines[["top", "right"]].set_visible(False)
    return _fit_months(ax, months)


def gap_chart(gap: pd.DataFrame, ax=None):
    """The company's own rating of quality against each segment's, per quarter."""
    ax = chart_axes(ax, (8, 3.2))
    quarters = sorted(gap["quarter"].unique())
    x = np.arange(len(quarters))
    internal = gap.groupby("quarter")["internal"].first().reindex(quarters)
    ax.plot(x, internal.to_numpy(), color="#222222", lw=2.2, label="Our own rating")
    for segment, rows in gap.groupby("segment", sort=False):
        rated = rows.set_index("quarter")["customers"].reindex(quarters)
        ax.plot(x, rated.to_numpy(), marker="o", lw=1.4, label=f"{text(segment)} (their rating)")
    ax.set_xticks(x, quarters, fontsize=8)
    ax.set_ylim(max(1, ax.get_ylim()[0] - 0.2), min(5, ax.get_ylim()[1] + 0.2))
    ax.set_ylabel("Quality rating, 1-5")
    # "their rating", not "customers": a segment may be the company's own staff
    set_title(ax, "Perception gap: how we rate our quality, and how each segment rates it")
    ax.legend(fontsize=8, frameon=False, loc="lower left")
    ax.spines[["top", "right"]].set_visible(False)
    return fit(ax)


def kpi_grids(report, columns: int = 2, rows: int = 3) -> list:
    """Small multiples: every measured KPI of a quality report against its target and alert, in
    grids of at most ``columns`` x ``rows`` panels, in the plan's order. A grid is as wide as a
    printed page: three panels across, the one grid of twelve printed its month labels at 5 points."""
    measured = [k for k in report.plan["kpi_id"] if k in report.series]
    grids = -(-len(measured) // (columns * rows))
    per = -(-len(measured) // grids) if grids else 0  # as even as they come: seven are 4 and 3, not 6 and 1
    return [kpi_grid(report, columns, measured[i:i + per]) for i in range(0, len(measured), per or 1)]


def kpi_grid(report, columns: int = 2, measured: list[str] | None = None):
    """Small multiples: the measured KPIs of a quality report (``measured``: all of them, by
    default) against their target and alert; None when none is measured."""
    if measured is None:
        measured = [k for k in report.plan["kpi_id"] if k in report.series]
    if not measured:
        return None
    rows = -(-len(measured) // columns)
    fig, axes = plt.subplots(rows, columns, figsize=(3.7 * columns, 2.7 * rows + KEY), squeeze=False)
    plan = report.plan.set_index("kpi_id")
    for ax, kpi in zip(axes.flat, measured):
        row = plan.loc[kpi]
        kpi_chart(report.series[kpi], row["kpi"], parse_threshold(row["target"]),
                  parse_threshold(row["alert"]), "%" in str(row["target"]), ax=ax, legend=False)
        # the levels as the plan writes them, and as the page's tables show them (units, signs)
        levels = [f"{word} {formats.threshold(row[word])}" for word in ("target", "alert")
                  if not formats.missing(row[word]) and str(row[word]).strip()]
        set_title(ax, "\n".join([text(row["kpi"]), " · ".join(levels)]), fontsize=10)
    for ax in list(axes.flat)[len(measured):]:
        ax.set_visible(False)
    # One legend for every panel: a legend in each covered data in small panels, and drawing
    # twelve of them was a quarter of the grid's cost
    key = [Line2D([], [], marker="o", color=BLUE, lw=1.6, label="measured"),
           Line2D([], [], color=GREEN, ls="--", lw=1, label="target"),
           Line2D([], [], color=RED, ls=":", lw=1.2, label="alert")]
    if any(_has_interval(report.series[k]) for k in measured):  # a key for what some panel draws
        key.insert(1, Patch(color=BLUE, alpha=0.15, lw=0, label="95% interval"))
    if any("partial" in report.series[k] and report.series[k]["partial"].any() for k in measured):
        key.insert(1, Line2D([], [], ls="none", marker="o", mfc="white", mec=BLUE, mew=1.4, label=TO_DATE))
    fig.legend(handles=key, loc="upper center", bbox_to_anchor=(0.5, 1), ncol=len(key),
               frameon=False, fontsize=9)
    panel = _fit(fig, list(axes.flat)[:len(measured)], rows, columns)
    for ax, kpi in zip(axes.flat, measured):  # as many months as the laid-out panel has room for
        months = report.series[kpi]["month"]
        _months_axis(ax, months, panel, _month_places(months))
    return fig


def _longest(axis) -> int:
    """Characters of the longest tick label ``axis`` will draw."""
    major = axis.major
    return max((len(t) for t in major.formatter.format_ticks(major.locator())), default=0)


def _fit(fig, axes, rows: int, columns: int) -> float:
    """Margins and gaps of a grid of panels, in inches, from its longest tick labels; the width
    of a panel, in inches."""
    left = TICK + DIGIT * max(_longest(ax.yaxis) for ax in axes) + 0.1
    bottom = TICK + LINE + 0.1
    width, height = fig.get_size_inches()
    panel_w = (width - left - GAP - (columns - 1) * (left + GAP)) / columns
    panel_h = (height - KEY - TITLE - bottom - (rows - 1) * (bottom + TITLE)) / rows
    fig.subplots_adjust(left=left / width, right=1 - GAP / width, bottom=bottom / height,
                        top=1 - (KEY + TITLE) / height, wspace=(left + GAP) / panel_w,
                        hspace=(bottom + TITLE) / panel_h)
    return panel_w
