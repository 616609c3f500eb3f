"""From decision matrix and weights to a ranking: knockouts first, then three methods side by side."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from workbook.core.vocabulary import criterion_places
from workbook.scoring import mcda
from workbook.scoring.matrix import scales

# The primary method first, then the cross-checks (their names: workbook.views.labels).
METHODS = ("weighted_sum", "topsis", "promethee_ii")


@dataclass(frozen=True)
class Ranking:
    """The ranking and the figures behind it.

    Attributes
    ----------
    table : DataFrame
        One row per partner: partner, rank (NaN when knocked out), a score per method, flags.
    contributions : DataFrame
        Each criterion's part of each ranked partner's weighted-sum score.
    knockouts : DataFrame
        partner, criterion, name, value, rule, limit: every failed must-have.
    criteria : DataFrame
        The criteria the ranking used, knockouts included (accepted proposals among them).
    agreement : float
        Spearman correlation between the weighted-sum and TOPSIS ranks (1 = same order).
    """

    table: pd.DataFrame
    contributions: pd.DataFrame
    knockouts: pd.DataFrame
    agreement: dict[str, float]
    criteria: pd.DataFrame  # the criteria ranked by, with the knockouts that were applied

    @property
    def winner(self) -> str | None:
        ranked = self.table.dropna(subset=["rank"]).sort_values("rank")
        return None if ranked.empty else ranked["partner"].iloc[0]

    def winners(self) -> dict[str, str]:
        """The top partner by each method."""
        ranked = self.table.dropna(subset=["rank"])
        return {m: ranked.loc[ranked[m].idxmax(), "partner"] for m in METHODS if len(ranked)}


def find_knockouts(values: pd.DataFrame, criteria: pd.DataFrame) -> pd.DataFrame:
    """Every cell that fails its criterion's must-have (below a benefit minimum, above a cost maximum)."""
    rows = []
    for cid, limit in criteria["knockout"].dropna().items():
        cost = criteria.at[cid, "direction"] == "cost"
        places = criterion_places(criteria, values, cid, most=3)  # as the field's figures are written
        for pid, value in values[cid].items():
            if (value > limit) if cost else (value < limit):
                rows.append({"partner": pid, "criterion": cid,
                             "name": criteria["name"].get(cid, cid) if "name" in criteria else cid,
                             "value": value, "rule": "at most" if cost else "at least",
                             "limit": limit, "places": places})
    return pd.DataFrame(rows, columns=["partner", "criterion", "name", "value", "rule", "limit", "places"])


def rank_partners(values: pd.DataFrame, criteria: pd.DataFrame, weights: pd.Series,
                  flags: dict[str, list[str]] | None = None) -> Ranking:
    """Rank the partners that pass every knockout; keep the others in the table with the reason.

    Parameters
    ----------
    values : DataFrame
        Decision matrix, partners x criteria.
    criteria : DataFrame
        Indexed by criterion id with ``direction`` and ``knockout``.
    weights : Series
        Weight per criterion id, summing to 1.
    flags : dict, optional
        Extra flags per partner (risks found elsewhere), written after the knockout flags.
    """
    flags = {p: list(f) for p, f in (flags or {}).items()}
    knockouts = find_knockouts(values, criteria)
    out = set(knockouts["partner"])
    ranked = values.loc[[p for p in values.index if p not in out], criteria.index]
    x = ranked.to_numpy(dtype=float)
    w = weights.reindex(criteria.index).to_numpy(dtype=float)
    benefit = (criteria["direction"] == "benefit").to_numpy()
    table = pd.DataFrame({"partner": values.index})
    scores = {}
    if len(ranked):
        bounds = scales(ranked, criteria)
        scores["weighted_sum"], contrib = mcda.weighted_sum(x, w, benefit, bounds["worst"].to_numpy(),
                                                            bounds["best"].to_numpy())
        scores["topsis"] = mcda.topsis(x, w, benefit)
        scores["promethee_ii"] = mcda.promethee_ii(x, w, benefit)
    else:
        contrib = np.zeros((0, len(criteria)))
    for method in METHODS:
        column = pd.Series(scores.get(method, []), index=ranked.index, dtype=float)
        table[method] = table["partner"].map(column)
    rank = pd.Series(mcda.rank_descending(scores["weighted_sum"]) if len(ranked) else [],
                     index=ranked.index, dtype=float)
    table.insert(1, "rank", table["partner"].map(rank))
    table["flags"] = [
        "; ".join([f"knockout:{c}" for c in knockouts.loc[knockouts["partner"] == p, "criterion"]]
                  + flags.get(p, []))
        for p in table["partner"]]
    table = table.sort_values(["rank", "partner"], na_position="last").reset_index(drop=True)
    return Ranking(table, pd.DataFrame(contrib, index=ranked.index, columns=criteria.index),
                   knockouts, _agreement(scores), criteria)


def _agreement(scores: dict[str, np.ndarray]) -> dict[str, float]:
    """Spearman rank correlation of each cross-check with the weighted sum."""
    if not scores or len(scores["weighted_sum"]) < 3:
        return {}
    base = mcda.rank_descending(scores["weighted_sum"])
    return {m: float(np.corrcoef(base, mcda.rank_descending(scores[m]))[0, 1])
            for m in ("topsis", "promethee_ii")}
