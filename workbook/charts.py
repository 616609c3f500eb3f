"""Matplotlib charts for the reports. Each takes ``ax=None`` and returns the Axes."""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.ticker import PercentFormatter
import numpy as np
import pandas as pd

from workbook.vocabulary import DISCIPLINE_LABELS, DISCIPLINES

COLOURS = {"product_leadership": "#3b6ea5", "customer_intimacy": "#e0a030",
           "operational_excellence": "#5a9e6f"}


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
    left = np.zeros(len(names))
    for d in DISCIPLINES:
        values = np.array([profiles[n][d] for n in names])
        bars = ax.barh(names, values, left=left, color=COLOURS[d], label=DISCIPLINE_LABELS[d])
        ax.bar_label(bars, labels=[f"{v:.0%}" if v >= 0.08 else "" for v in values],
                     label_type="center", color="white", fontsize=8)
        left += values
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
    left = np.zeros(len(table))
    for d in DISCIPLINES:
        values = table[f"from_{d}"].fillna(0).to_numpy()
        ax.barh(table["name"], values, left=left, color=COLOURS[d], label=DISCIPLINE_LABELS[d])
        left += values
    rest = table["weight"].to_numpy() - left  # explicit or AHP weights with no discipline part
    if (rest > 1e-9).any():
        ax.barh(table["name"], rest, left=left, color="#999999",
                label="Explicit or compared directly")
    ax.xaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_title("Criterion weights and where they come from")
    ax.legend(loc="lower right", frameon=False, fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def group_weights_chart(weights: pd.DataFrame, ax=None):
    """Weight of each criterion group, stacked by the discipline that contributes it."""
    parts = [f"from_{d}" for d in DISCIPLINES]
    table = weights.groupby("group")[["weight", *parts]].sum(min_count=1).sort_values("weight")
    ax = _axes(ax, (8, 0.35 * len(table) + 1.2))
    left = np.zeros(len(table))
    labels = [g.replace("_", " ") for g in table.index]
    for d, column in zip(DISCIPLINES, parts):
        values = table[column].fillna(0).to_numpy()
        ax.barh(labels, values, left=left, color=COLOURS[d], label=DISCIPLINE_LABELS[d])
        left += values
    rest = table["weight"].to_numpy() - left  # explicit or AHP weights with no discipline part
    if (rest > 1e-9).any():
        ax.barh(labels, rest, left=left, color="#999999", label="Explicit or compared directly")
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
    left = np.zeros(len(by_group))
    colours = plt.get_cmap("tab20")
    labels = [str(names.get(p, p)) for p in by_group.index]
    for i, group in enumerate(by_group.columns):
        values = by_group[group].to_numpy()
        ax.barh(labels, values, left=left, color=colours(i % 20),
                label=group.replace("_", " "))
        left += values
    ax.set_xlim(0, 1)
    ax.set_xlabel("Weighted-sum score (0 = worst of the field on every criterion, 1 = best)")
    ax.set_title("What each partner's score is made of")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=5, frameon=False, fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def matrix_heatmap(scaled: pd.DataFrame, values: pd.DataFrame, names: pd.Series,
                   criteria_names: pd.Series, ax=None):
    """Decision matrix coloured by standing in the field (green = best), raw values written in."""
    ax = _axes(ax, (0.62 * len(scaled.columns) + 3, 0.5 * len(scaled) + 2.4))
    ax.imshow(scaled.to_numpy(float), cmap="RdYlGn", vmin=0, vmax=1, aspect="auto")
    ax.set_xticks(range(len(scaled.columns)),
                  [str(criteria_names.get(c, c)) for c in scaled.columns],
                  rotation=40, ha="right", fontsize=8)
    ax.set_yticks(range(len(scaled)), [str(names.get(p, p)) for p in scaled.index], fontsize=9)
    for i, pid in enumerate(scaled.index):
        for j, cid in enumerate(scaled.columns):
            shade = scaled.at[pid, cid]
            ax.text(j, i, f"{values.at[pid, cid]:.3g}", ha="center", va="center", fontsize=7.5,
                    color="white" if shade < 0.2 or shade > 0.8 else "black")
    ax.set_title("Decision matrix (colour: standing in the field; text: value)")
    return ax


def acceptability_chart(acceptability: pd.DataFrame, names: pd.Series, ax=None):
    """Share of weight draws in which each partner takes each rank (SMAA rank acceptability)."""
    table = acceptability.set_index("partner")
    expected_rank = table.to_numpy() @ np.arange(1, table.shape[1] + 1)
    table = table.iloc[np.argsort(-expected_rank, kind="stable")]  # best at the top
    ax = _axes(ax, (8, 0.45 * len(table) + 1.6))
    left = np.zeros(len(table))
    colours = plt.get_cmap("Blues_r")
    labels = [str(names.get(p, p)) for p in table.index]
    for r, column in enumerate(table.columns):
        values = table[column].to_numpy()
        bars = ax.barh(labels, values, left=left, color=colours(r / max(len(table.columns), 2)),
                       label=f"rank {r + 1}", edgecolor="white", linewidth=0.5)
        ax.bar_label(bars, labels=[f"{v:.0%}" if v >= 0.07 else "" for v in values],
                     label_type="center", fontsize=8, color="white" if r < len(table.columns) / 2 else "black")
        left += values
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_xlabel("Share of 10,000 weight draws around the weights in force")
    ax.set_title("How often each partner takes each rank")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=min(len(table.columns), 6),
              frameon=False, fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    return ax
