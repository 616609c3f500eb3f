"""Matplotlib charts of the strategy, scoring and matchmaking pages. Each takes ``ax=None`` and
returns the Axes; the quality step's are in :mod:`workbook.views.tracking_charts`."""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from workbook.core import formats
from workbook.core.vocabulary import DISCIPLINE_LABELS, DISCIPLINES, KNOWN_GROUPS, group_label
from workbook.views import chart_layout
from workbook.views.chart_labels import labels, row_height, two_lines
from workbook.views.chart_layout import fit
from workbook.views.ink import ink
from workbook.views.ticks import percent_axis

COLOURS = {"product_leadership": "#3b6ea5", "customer_intimacy": "#e0a030",
           "operational_excellence": "#5a9e6f"}


def _stack(ax, names, layers, shown: list[str] | None = None) -> list:
    """Horizontal bars stacked from left to right; ``layers`` is (values, colour, legend label);
    ``shown``: the labels as written beside the bars (:func:`labels` of ``names`` without it).

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
    ax.set_yticks(at, shown if shown is not None else labels(names))
    return containers


def set_title(ax, label: str, **kwargs) -> None:
    """Give ``ax`` its title at the top of the Axes (plus its pad): where matplotlib would find
    it, since no chart here writes tick labels or an axis offset above its Axes. Placed, not
    found: finding it measures the value axis again at every drawing, a twentieth of a render's
    chart time."""
    ax.set_title(label, y=1.0, **kwargs)


CHARACTER = 0.55  # the chart font's mean character width, in ems (DejaVu Sans, mixed case)


def _inches(characters: int, fontsize: float) -> float:
    """How wide ``characters`` characters of text run at ``fontsize`` points, in inches."""
    return characters * fontsize * CHARACTER / 72


def legend_columns(labels, width: float, fontsize: float = 8) -> int:
    """How many columns of a legend of ``labels`` fit across ``width`` inches at ``fontsize``
    points: each column as wide as the longest label and its key (half an inch)."""
    column = max((chart_layout.width(str(label), fontsize) for label in labels), default=0) + 0.5
    return max(1, min(len(labels), int(0.95 * width // column)))


def axis_label(label: str, width: float, fontsize: float = 10) -> str:
    """``label`` in lines that fit under an Axes in a figure ``width`` inches wide (four fifths
    of it, the rest for the category labels beside it)."""
    return textwrap.fill(label, max(20, int(0.8 * width / _inches(1, fontsize))))


def chart_axes(ax, size):
    """``ax``, or the Axes of a new figure of ``size`` inches, which the chart lays out
    (:func:`workbook.views.chart_layout.fit`) once it is built."""
    if ax is None:
        fig, ax = plt.subplots(figsize=size)
        chart_layout.own(fig)
    return ax


def profile_chart(strategy, ax=None):
    """The company's profile against the customers' (blended and per segment)."""
    ax = chart_axes(ax, (8, 3.6))
    profiles = {"Company": strategy.own, f"{strategy.customers_are.capitalize()} (by share)": strategy.customers}
    profiles.update({f"  {name}": p for name, p in strategy.segments.items()})
    profiles["Blend used for weights"] = strategy.blended
    names = list(profiles)[::-1]
    layers = [([profiles[n][d] for n in names], COLOURS[d], DISCIPLINE_LABELS[d]) for d in DISCIPLINES]
    for bars, (values, colour, _) in zip(_stack(ax, names, layers), layers):
        ax.bar_label(bars, labels=[f"{v:.0%}" if v >= 0.08 else "" for v in values],
                     label_type="center", color=ink(colour), fontsize=8)
    ax.set_xlim(0, 1)
    percent_axis(ax.xaxis)
    set_title(ax, "Value-discipline profiles")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3, frameon=False, fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    return fit(ax, legend_below=True)


def weights_chart(weights: pd.DataFrame, ax=None):
    """Each criterion's weight, stacked by the discipline that contributes it."""
    table = weights.sort_values("weight")
    shown = two_lines(table["name"].tolist())
    ax = chart_axes(ax, (8, row_height(shown, 0.32, 0.44) * len(weights) + 1.2))
    _stack(ax, table["name"].tolist(), _discipline_layers(table), shown)
    percent_axis(ax.xaxis)
    set_title(ax, "Criterion weights and where they come from")
    ax.legend(loc="lower right", frameon=False, fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    return fit(ax)


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
    shown = two_lines([group_label(g) for g in table.index])
    ax = chart_axes(ax, (8, row_height(shown, 0.35, 0.46) * len(table) + 1.2))
    _stack(ax, [group_label(g) for g in table.index], _discipline_layers(table), shown)
    percent_axis(ax.xaxis)
    set_title(ax, "Weight by criterion group")
    ax.legend(loc="lower right", frameon=False, fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    return fit(ax)


def contribution_chart(contributions: pd.DataFrame, criteria: pd.DataFrame, names: pd.Series,
                       ax=None):
    """Weighted-sum score of each ranked partner, split by criterion group."""
    by_group = contributions.T.groupby(criteria["group"]).sum().T
    by_group = by_group.loc[by_group.sum(axis=1).sort_values().index]
    groups = two_lines([group_label(g) for g in by_group.columns])
    # the legend's rows below the bars: as many columns as fit the figure's width, a long group's
    # name on two lines ("Customer focus (listening, / flexibility, exceeding expectations)")
    rows = -(-len(groups) // legend_columns(groups, 8)) * (2 if any("\n" in g for g in groups) else 1)
    ax = chart_axes(ax, (8, 0.45 * len(by_group) + 1.6 + 0.2 * (rows - 1)))
    width = ax.figure.get_figwidth()
    colours = group_colours(criteria["group"])
    _stack(ax, [names.get(p, p) for p in by_group.index],
           [(by_group[g].to_numpy(), colours[g], label) for g, label in zip(by_group.columns, groups)])
    ax.set_xlim(0, 1)
    ax.set_xlabel(axis_label("Weighted-sum score (0 = the worst of every criterion's scale, 1 = the best)", width))
    set_title(ax, "What each partner's score is made of")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=legend_columns(groups, width),
              frameon=False, fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    return fit(ax, legend_below=True)


# A criterion group's colour, the same in every chart of every page: ten distinct colours for the
# known groups, then darker ones for an engagement's own groups (tab20's pairs of near-identical
# shades read as one group)
GROUP_COLOURS = dict(zip(KNOWN_GROUPS, plt.get_cmap("tab10").colors))
OWN_GROUP_COLOURS = ("#393b79", "#8c6d31", "#843c39", "#637939", "#7b4173", "#3182bd", "#636363")


def group_colours(groups) -> dict:
    """The colour of each of ``groups`` (an engagement's criterion groups, its own ones in sorted
    order after the known ones), so that a chart of some of them colours them as a chart of all."""
    own = sorted({str(g) for g in groups} - set(GROUP_COLOURS))
    return GROUP_COLOURS | {g: OWN_GROUP_COLOURS[i % len(OWN_GROUP_COLOURS)] for i, g in enumerate(own)}


MATRIX_TEXT = 9  # points: the matrix prints at about four fifths of its size (8 printed at 6)


def matrix_heatmap(scaled: pd.DataFrame, values: pd.DataFrame, names: pd.Series,
                   criteria_names: pd.Series, ax=None):
    """Decision matrix, a row per criterion and a column per partner, coloured by standing on
    each criterion's scale (green = best), raw values written in. Criteria run down the figure:
    twenty of them print as large as five (across, their labels shrank the whole figure)."""
    grid, shown = scaled.T, values.T  # criteria x partners
    rows = two_lines([criteria_names.get(c, c) for c in grid.index])
    ax = chart_axes(ax, (max(8.0, 3.2 + 1.0 * len(grid.columns)), row_height(rows, 0.3, 0.4) * len(grid) + 1.6))
    shades = plt.get_cmap("RdYlGn")
    ax.imshow(grid.to_numpy(float), cmap=shades, vmin=0, vmax=1, aspect="auto")
    ax.set_yticks(range(len(grid)), rows, fontsize=MATRIX_TEXT)
    ax.set_xticks(range(len(grid.columns)),
                  [textwrap.fill(n, 13) for n in labels([names.get(p, p) for p in grid.columns])],
                  fontsize=MATRIX_TEXT)
    for i, cid in enumerate(grid.index):
        for j, (pid, written) in enumerate(zip(grid.columns, _row_written(shown.loc[cid]))):
            shade = grid.at[cid, pid]
            ax.text(j, i, written, ha="center", va="center", fontsize=MATRIX_TEXT,
                    color="black" if pd.isna(shade) else ink(shades(shade)))
    # over the whole figure (centred on the Axes, a narrow matrix cut its right end off)
    ax.figure.suptitle("Decision matrix\ncolour shows the score on each criterion's scale, the text its value",
                       fontsize=11)
    return fit(ax)


def _row_written(values) -> list[str]:
    """A matrix row's values with the same decimals, to be read across (95.5, 93.1, 91.0; not
    95.5, 93.1, 91), or :func:`_compact` where any reaches 10,000."""
    if any(not formats.missing(v) and abs(v) >= 1e4 for v in values):
        return [_compact(v) for v in values]
    return formats.facts_alike(list(values))


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
    label = axis_label(f"Share of {draws:,} draws of {drawn}", 8 if ax is None else ax.figure.get_figwidth())
    lines = label.count("\n") + 1
    ax = chart_axes(ax, (8, 0.45 * len(table) + 1.43 + 0.17 * lines))
    colours = plt.get_cmap("Blues_r")
    ranks = len(table.columns)
    layers = [(table[c].to_numpy(), colours(r / max(ranks, 2)), f"rank {r + 1}")
              for r, c in enumerate(table.columns)]
    for bars, (values, colour, _) in zip(_stack(ax, [names.get(p, p) for p in table.index], layers), layers):
        # shares as the page's sentence writes them: 99.96% is "over 99%", never "100%"
        ax.bar_label(bars, labels=[formats.share(v) if v >= 0.07 else "" for v in values],
                     label_type="center", fontsize=8, color=ink(colour))
    ax.set_xlim(0, 1)
    percent_axis(ax.xaxis)
    ax.set_xlabel(label)
    set_title(ax, "How often each partner takes each rank")
    # below the percentages and every line of the axis label (about 1.3 inches of the figure's
    # height are its title and margins, the rest the bars')
    below = (0.3 + 0.17 * lines) / max(ax.figure.get_figheight() - 1.3, 0.5)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -below), ncol=min(len(table.columns), 6),
              frameon=False, fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    return fit(ax, legend_below=True)
