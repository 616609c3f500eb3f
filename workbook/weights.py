"""Criterion weights derived from the blended strategy profile, every one traceable."""

from __future__ import annotations

import numpy as np
import pandas as pd

from workbook.vocabulary import DISCIPLINES


def derive_weights(relevance: np.ndarray, profile: np.ndarray, explicit: np.ndarray) -> np.ndarray:
    """Weights and each discipline's contribution to them.

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
        Contribution of each discipline to each derived criterion's weight (zero rows for
        explicit criteria). Weights are ``contributions.sum(axis=1)`` for derived criteria
        and the explicit value otherwise; all weights sum to 1.

    Notes
    -----
    A derived criterion's raw score is ``sum_d profile[d] * relevance[c, d]``; derived weights
    share ``1 - sum(explicit)`` in proportion to it. When every weight is explicit the explicit
    weights are normalised to sum to 1 instead.
    """
    derived = np.isnan(explicit)
    raw = relevance * profile
    raw[~derived] = 0.0
    free = 1.0 - np.nansum(explicit)
    total = raw.sum()
    return raw * (free / total) if total > 0 else raw


def weight_table(criteria: pd.DataFrame, profile: dict[str, float]) -> pd.DataFrame:
    """``results/weights.csv``: criterion, weight, basis (derived or explicit), each discipline's
    contribution (``from_<discipline>``, summing to the weight of a derived criterion), name, group."""
    relevance = criteria[list(DISCIPLINES)].to_numpy(dtype=float)
    explicit = criteria["weight"].to_numpy(dtype=float)
    contributions = derive_weights(relevance, np.array([profile[d] for d in DISCIPLINES]), explicit)
    derived = np.isnan(explicit)
    weights = np.where(derived, contributions.sum(axis=1), explicit)
    if not derived.any():
        weights = explicit / explicit.sum()
    table = pd.DataFrame({
        "criterion": criteria.index,
        "weight": weights,
        "basis": np.where(derived, "derived", "explicit"),
    })
    for i, d in enumerate(DISCIPLINES):
        table[f"from_{d}"] = contributions[:, i]
    table["name"] = criteria["name"].to_numpy()
    table["group"] = criteria["group"].to_numpy()
    return table.reset_index(drop=True)
