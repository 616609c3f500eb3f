"""Criterion weights: derived from the strategy, or from AHP judgments; every one traceable.

Both ways honour explicit weights from ``criteria.csv``: the other criteria share what explicit
weights leave (``1 - sum(explicit)``), in proportion to their derived or AHP share.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from workbook.core.vocabulary import DISCIPLINES
from workbook.engagement.pairwise import Pairwise
from workbook.strategy.ahp import AhpResult, ahp, most_inconsistent
from workbook.strategy.analysis import StrategyAnalysis, analyse_strategy


def derive_weights(relevance: np.ndarray, profile: np.ndarray, explicit: np.ndarray) -> np.ndarray:
    """Each discipline's contribution to each derived criterion's weight.

    Parameters
    ----------
    relevance : (n, 3) array
        Each criterion's relevance (0-3) to each discipline.
    profile : (3,) array
        The blended profile, summing to 1.
    explicit : (n,) array
        Explicit weights, NaN where the weight is to be derived.

    Returns
    -------
    (n, 3) array
        Zero rows for explicit criteria; derived weights are the row sums, and they add up to
        ``1 - sum(explicit)``.

    Notes
    -----
    A derived criterion's raw score is ``sum_d profile[d] * relevance[c, d]``; derived weights
    share what explicit weights leave in proportion to it.
    """
    raw = relevance * profile
    raw[~np.isnan(explicit)] = 0.0
    total = raw.sum()
    return raw * ((1.0 - np.nansum(explicit)) / total) if total > 0 else raw


def ahp_contributions(raw: np.ndarray, groups: np.ndarray, pairwise: Pairwise,
                      result: AhpResult, explicit: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Weights from AHP, and each discipline's part where one can be told.

    Criteria compared directly take their AHP weight (no discipline part: NaN). Compared groups
    pass their weight to their criteria in proportion to the criteria's strategy scores (equally
    when those are all zero), so the discipline parts stay traceable.
    """
    free = np.isnan(explicit)
    item_weight = dict(zip(pairwise.items, result.weights))
    if pairwise.level == "criteria":
        parts = np.full(raw.shape, np.nan)
        share = np.array([item_weight[c] for c in pairwise.items]) * free
    else:
        share, parts = np.zeros(len(raw)), np.zeros(raw.shape)
        for group in set(groups):
            members = (groups == group) & free
            total = raw[members].sum()
            if total > 0:  # criteria of the group share its weight by their strategy scores
                parts[members] = raw[members] * (item_weight[group] / total)
                share[members] = parts[members].sum(axis=1)
            elif members.any():
                share[members] = item_weight[group] / members.sum()
    scale = (1.0 - np.nansum(explicit)) / share.sum() if share.sum() > 0 else 0.0
    return share * scale, parts * scale


@dataclass(frozen=True)
class Weights:
    """The criterion weights, how they were obtained, and the AHP figures when AHP was used."""

    table: pd.DataFrame
    method: str
    ahp: AhpResult | None = None
    pairwise: Pairwise | None = None

    @property
    def series(self) -> pd.Series:
        """Weight per criterion id."""
        return self.table.set_index("criterion")["weight"]

    def ahp_departures(self, limit: int = 3) -> pd.DataFrame:
        """The AHP judgments farthest from the ratio of their weights: the two items compared
        (``first``, ``second``: group or criterion ids), given, implied by the weights, off by (how
        many times). Empty without AHP."""
        columns = ["first", "second", "given", "implied", "off_by"]
        if self.ahp is None:
            return pd.DataFrame(columns=columns)
        items, w = self.pairwise.items, self.ahp.weights
        return pd.DataFrame([{"first": items[i], "second": items[j], "given": self.pairwise.matrix[i, j],
                              "implied": w[i] / w[j], "off_by": max(f, 1 / f)}
                             for i, j, f in most_inconsistent(self.ahp, limit)], columns=columns)


def criterion_weights(criteria: pd.DataFrame, profile: dict[str, float], method: str = "derived",
                      pairwise: Pairwise | None = None) -> Weights:
    """``results/weights.csv``: criterion, weight, basis, ``from_<discipline>`` parts, name, group.

    ``basis`` is ``derived``, ``ahp`` or ``explicit``. For derived weights the discipline parts sum
    to the weight; for weights from compared criteria they are empty.
    """
    relevance = criteria[list(DISCIPLINES)].to_numpy(dtype=float)
    explicit = criteria["weight"].to_numpy(dtype=float)
    free = np.isnan(explicit)
    raw = relevance * np.array([profile[d] for d in DISCIPLINES])
    result = None
    if method == "ahp" and pairwise is not None:
        result = ahp(pairwise.matrix)
        weights, parts = ahp_contributions(raw, criteria["group"].to_numpy(), pairwise, result, explicit)
        basis = "ahp"
    else:
        parts = derive_weights(relevance, np.array([profile[d] for d in DISCIPLINES]), explicit)
        weights, basis = parts.sum(axis=1), "derived"
    weights = np.where(free, weights, explicit)
    parts[~free] = 0.0
    if not free.any():
        weights = explicit / explicit.sum()
    table = pd.DataFrame({"criterion": criteria.index, "weight": weights,
                          "basis": np.where(free, basis, "explicit")})
    for i, d in enumerate(DISCIPLINES):
        table[f"from_{d}"] = parts[:, i]
    table["name"] = criteria["name"].to_numpy()
    table["group"] = criteria["group"].to_numpy()
    return Weights(table.reset_index(drop=True), basis, result, pairwise)


def weigh_engagement(engagement, blend: float | None = None,
                     method: str | None = None) -> tuple[StrategyAnalysis, Weights]:
    """The strategy analysis and the criterion weights in force for an engagement.

    ``blend`` and ``method`` override ``engagement.yaml`` (``strategy.blend``, ``strategy.weighting``).
    """
    strategy = analyse_strategy(engagement.settings, blend)
    weights = criterion_weights(engagement.criteria, strategy.blended,
                                method or engagement.settings.weighting, engagement.pairwise)
    return strategy, weights
