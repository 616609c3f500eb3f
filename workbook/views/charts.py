"""Matplotlib charts for the reports. Each takes ``ax=None`` and returns the Axes."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib import font_manager
from matplotlib.ft2font import FT2Font
from matplotlib.ticker import PercentFormatter

from workbook.core import formats
from workbook.core.thresholds import parse_threshold
from workbook.core.vocabulary import DISCIPLINE_LABELS, DISCIPLINES, group_label

COLOURS = {"product_leadership": "#3b6ea5", "customer_intimacy": "#e0a030",
           "operational_excellence": "#5a9e6f"}


LABEL_LIMIT = 40  # characters of a label taken from the data; the tables show it whole


def text(value, limit: int = LABEL_LIMIT) -> str:
    """A label taken from the data, as written but safe to draw: at most ``limit`` characters
    (cut with an ellipsis), characters the chart font lacks (an emoji) replaced rather than
    warned about, and ``$`` kept from starting matplotlib's mathtext."""
    label = " ".join(str(value).split())
    if len(label) > limit:
        label = label[:limit - 1].rstrip() + "…"
    covered = _font_covers()
    label = "".join(c if ord(c) in covered else "□" if ord("□") in covered else "?" for c in label)
    return label.replace("$", r"\$")


def labels(values, limit: int = LABEL_LIMIT) -> list[str]:
    """:func:`text` of each value, such that no two read the same: values cut alike are cut in the
    middle instead (their ends usually differ), and any still alike are numbered (1), (2), …"""
    full = [" ".join(str(v).split()) for v in values]
    out = [text(v, limit) for v in full]
    counts = Counter(out)
    half = limit // 2 - 1
    out = [text(f[:half].rstrip() + "…" + f[-half:].lstrip(), limit + 1)
           if counts[o] > 1 and len(f) > limit else o for f, o in zip(full, out)]
    counts, seen = Counter(out), Counter()
    numbered = []
    for label in out:
        seen[label] += 1
        numbered.append(f"{label} ({seen[label]})" if counts[label] > 1 else label)
    indents = [str(v)[:len(str(v)) - len(str(v).lstrip(" "))] for v in values]  # a sub-item's indent
    return [indent + label for indent, label in zip(indents, numbered)]


@lru_cache(maxsize=1)
def _font_covers() -> frozenset[int]:
    """The code points the charts' font can draw."""
    path = font_manager.findfont(font_manager.FontProperties(family=plt.rcParams["font.family"]))
    return frozenset(FT2Font(path).get_charmap())


def _stack(ax, names, layers) -> list:
    """Horizontal bars stacked from left to right; ``layers`` is (values, colour, legend label).

    Returns the bar containers, one per layer, for labelling.
    """
    left = np.zeros(len(names))
    at = np.arange(len(names))  # by position: two equal labels are still two bars
    containers = []
    for values, colour, label in layers:
        values = np.nan_to_num(np.asarray(values, float))
        containers.append(ax.barh(at, values, left=left, color=colour, label=label,
                                  edgecolor="white", linewidth=0.4))
        left += values
    ax.set_yticks(at, labels(names))
    return containers


def _axes(ax, size):
    if ax is None:
        _, ax = plt.subplots(figsize=size, layout="constrained")
    return ax


def profile_chart(strategy, ax=None):
    """The company's profile against the customers' (blended and per segment)."""
    ax = _axes(ax, (8, 3.6))
    profiles = {"Company": strategy.own, "Customers (by share)": strategy.customers}
    profiles.update({f"  {name}": p for name, p in strategy.segments.items()})
    profiles["Blend used for weights"] = strategy.blended
    names = list(profiles)[::-1]
    layers = [([profiles[n][d] for n in names], COLOURS[d], DISCIPLINE_LABELS[d]) for d in DISCIPLINES]
    for bars, (values, _, _) in zip(_stack(ax, names, layers), layers):
        ax.bar_label(bars, labels=[f"{v:.0%}" if v >= 0.08 else "" for v in values],
                     label_type="center", color="white", fontsize=8)
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_title("Value-discipline profiles")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def weights_chart(weights: pd.DataFrame, ax=None):
    """Each criterion's weight, stacked by the discipline that contributes it."""
    ax = _axes(ax, (8, 0.32 * len(weights) + 1.2))
    table = weights.sort_values("weight")
    _stack(ax, table["name"].tolist(), _discipline_layers(table))
    ax.xaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_title("Criterion weights and where they come from")
    ax.legend(loc="lower right", frameon=False, fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def _discipline_layers(table: pd.DataFrame) -> list:
    """Each discipline's part of the weights, then what no discipline explains (explicit or AHP)."""
    layers = [(table[f"from_{d}"].fillna(0).to_numpy(), COLOURS[d], DISCIPLINE_LABELS[d])
              for d in DISCIPLINES]
    rest = table["weight"].to_numpy() - sum(values for values, _, _ in layers)
    if (rest > 1e-9).any():
        layers.append((rest, "#999999", "Explicit or compared directly"))
    return layers


def group_weights_chart(weights: pd.DataFrame, ax=None):
    """Weight of each criterion group, stacked by the discipline that contributes it."""
    parts = [f"from_{d}" for d in DISCIPLINES]
    table = weights.groupby("group")[["weight", *parts]].sum(min_count=1).sort_values("weight")
    ax = _axes(ax, (8, 0.35 * len(table) + 1.2))
    _stack(ax, [group_label(g) for g in table.index], _discipline_layers(table))
    ax.xaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_title("Weight by criterion group")
    ax.legend(loc="lower right", frameon=False, fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def contribution_chart(contributions: pd.DataFrame, criteria: pd.DataFrame, names: pd.Series,
                       ax=None):
    """Weighted-sum score of each ranked partner, split by criterion group."""
    by_group = contributions.T.groupby(criteria["group"]).sum().T
    by_group = by_group.loc[by_group.sum(axis=1).sort_values().index]
    ax = _axes(ax, (8, 0.45 * len(by_group) + 1.6))
    colours = plt.get_cmap("tab20")
    _stack(ax, [names.get(p, p) for p in by_group.index],
           [(by_group[g].to_numpy(), colours(i % 20), text(group_label(g)))
            for i, g in enumerate(by_group.columns)])
    ax.set_xlim(0, 1)
    ax.set_xlabel("Weighted-sum score (0 = the worst of every criterion's scale, 1 = the best)")
    ax.set_title("What each partner's score is made of")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=5, frameon=False, fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def matrix_heatmap(scaled: pd.DataFrame, values: pd.DataFrame, names: pd.Series,
                   criteria_names: pd.Series, ax=None):
    """Decision matrix coloured by standing on each criterion's scale (green = best), raw values written in."""
    ax = _axes(ax, (0.62 * len(scaled.columns) + 3, 0.5 * len(scaled) + 2.4))
    ax.imshow(scaled.to_numpy(float), cmap="RdYlGn", vmin=0, vmax=1, aspect="auto")
    ax.set_xticks(range(len(scaled.columns)),
                  labels([criteria_names.get(c, c) for c in scaled.columns]),
                  rotation=40, ha="right", fontsize=8)
    ax.set_yticks(range(len(scaled)), labels([names.get(p, p) for p in scaled.index]), fontsize=9)
    for i, pid in enumerate(scaled.index):
        for j, cid in enumerate(scaled.columns):
            shade = scaled.at[pid, cid]
            ax.text(j, i, _compact(values.at[pid, cid]), ha="center", va="center", fontsize=7.5,
                    color="white" if shade < 0.2 or shade > 0.8 else "black")
    ax.set_title("Decision matrix (colour: score on the criterion's scale; text: value)")
    return ax


def _compact(value) -> str:
    """A matrix cell's value in three significant digits, never in scientific notation: 45,000
    is ``45k``, not ``4.5e+04``."""
    if formats.missing(value):
        return ""
    if abs(value) >= 1e6:
        return f"{value / 1e6:.3g}M"
    if abs(value) >= 1e4:
        return f"{value / 1e3:.3g}k"
    return formats.number(value)


def acceptability_chart(acceptability: pd.DataFrame, names: pd.Series, draws: int, ax=None,
                        drawn: str = "weights around those in force"):
    """Share of the ``draws`` draws (of what ``drawn`` says) in which each partner takes each rank
    (SMAA rank acceptability)."""
    table = acceptability.set_index("partner")
    expected_rank = table.to_numpy() @ np.arange(1, table.shape[1] + 1)
    table = table.iloc[np.argsort(-expected_rank, kind="stable")]  # best at the top
    ax = _axes(ax, (8, 0.45 * len(table) + 1.6))
    colours = plt.get_cmap("Blues_r")
    ranks = len(table.columns)
    layers = [(table[c].to_numpy(), colours(r / max(ranks, 2)), f"rank {r + 1}")
              for r, c in enumerate(table.columns)]
    for r, (bars, (values, _, _)) in enumerate(zip(_stack(ax, [names.get(p, p) for p in table.index],
                                                          layers), layers)):
        ax.bar_label(bars, labels=[f"{v:.0%}" if v >= 0.07 else "" for v in values],
                     label_type="center", fontsize=8, color="white" if r < ranks / 2 else "black")
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_xlabel(f"Share of {draws:,} draws of {drawn}")
    ax.set_title("How often each partner takes each rank")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=min(len(table.columns), 6),
              frameon=False, fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def _months_axis(ax, months):
    labels = [str(m) for m in months]
    step = max(1, len(labels) // 8)
    ax.set_xticks(range(len(labels))[::step], labels[::step], rotation=30, ha="right", fontsize=8)


def kpi_chart(series: pd.DataFrame, title: str, target=None, alert=None, percent=False, ax=None):
    """A measure per month, with its 95 % interval where the series has one, against its target
    and alert threshold (``(op, value)`` pairs)."""
    ax = _axes(ax, (6, 2.8))
    x = np.arange(len(series))
    if {"low", "high"} <= set(series.columns) and series[["low", "high"]].notna().any().any():
        ax.fill_between(x, series["low"].to_numpy(float), series["high"].to_numpy(float),
                        color="#3b6ea5", alpha=0.15, lw=0, label="95% interval")
    ax.plot(x, series["value"].to_numpy(float), marker="o", color="#3b6ea5", lw=1.6, label="measured")
    if target is not None:
        ax.axhline(target[1], color="#5a9e6f", ls="--", lw=1, label=f"target {formats.threshold(target[0])} {_level(target[1], percent)}")
    if alert is not None:
        ax.axhline(alert[1], color="#c0392b", ls=":", lw=1.2, label=f"alert {formats.threshold(alert[0])} {_level(alert[1], percent)}")
    if percent:
        ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    _months_axis(ax, series["month"])
    ax.set_title(text(title), fontsize=10)
    ax.legend(fontsize=7, frameon=False, loc="best")
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def _level(value, percent):
    """A legend's level as the plan writes it: 0.995 is ``99.5%`` (never ``100%``)."""
    return f"{round(value * 100, 6):g}%" if percent else f"{value:g}"


def control_chart(chart, months, title: str, percent=False, ax=None):
    """A control chart: values, centre line, limits, and the points beyond them in red."""
    ax = _axes(ax, (8, 3))
    x = np.arange(len(chart.values))
    ax.plot(x, chart.values, marker="o", ms=4, color="#3b6ea5", lw=1.2, label="measured")
    ax.axhline(chart.centre, color="#555555", lw=1, label="centre")
    ax.step(x, chart.upper, where="mid", color="#c0392b", ls="--", lw=1, label="control limits")
    ax.step(x, chart.lower, where="mid", color="#c0392b", ls="--", lw=1)
    out = chart.below | chart.above
    ax.scatter(x[out], chart.values[out], color="#c0392b", zorder=3, s=36, label="signal")
    if percent:
        ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    _months_axis(ax, months)
    ax.set_title(text(title, 90), fontsize=10)  # a full-width chart: room for its whole title
    ax.legend(fontsize=7, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.28), ncol=4)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def gap_chart(gap: pd.DataFrame, ax=None):
    """The company's own rating of quality against each segment's, per quarter."""
    ax = _axes(ax, (8, 3.2))
    quarters = sorted(gap["quarter"].unique())
    x = np.arange(len(quarters))
    internal = gap.groupby("quarter")["internal"].first().reindex(quarters)
    ax.plot(x, internal.to_numpy(), color="#222222", lw=2.2, label="Our own rating")
    for segment, rows in gap.groupby("segment", sort=False):
        rated = rows.set_index("quarter")["customers"].reindex(quarters)
        ax.plot(x, rated.to_numpy(), marker="o", lw=1.4, label=f"{text(segment)} (customers)")
    ax.set_xticks(x, quarters, fontsize=8)
    ax.set_ylim(max(1, ax.get_ylim()[0] - 0.2), min(5, ax.get_ylim()[1] + 0.2))
    ax.set_ylabel("Quality rating, 1-5")
    ax.set_title("Perception gap: how we rate our quality, and how customers do")
    ax.legend(fontsize=8, frameon=False, loc="lower left")
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def kpi_grid(report, columns: int = 3):
    """Small multiples: every measured KPI of a quality report against its target and alert."""
    measured = [k for k in report.plan["kpi_id"] if k in report.series]
    if not measured:
        return None
    rows = -(-len(measured) // columns)
    fig, axes = plt.subplots(rows, columns, figsize=(4.6 * columns, 2.9 * rows), layout="constrained",
                             squeeze=False)
    plan = report.plan.set_index("kpi_id")
    for ax, kpi in zip(axes.flat, measured):
        row = plan.loc[kpi]
        kpi_chart(report.series[kpi], row["kpi"], parse_threshold(row["target"]),
                  parse_threshold(row["alert"]), "%" in str(row["target"]), ax=ax)
    for ax in list(axes.flat)[len(measured):]:
        ax.set_visible(False)
    return fig
