"""The decision matrix: measured facts and aggregated judgments, one row per partner.

Scales (how a value becomes a standing from 0 to 1): judgments on their own 1-5 scale; facts on
the ``worst`` and ``best`` values given in ``criteria.csv``; a fact without them on the field's
range, so that its standing depends on who else is in the field (the report says so).

Missing-judgment policy (shown in the report): a cell is the mean (or median) of the evaluators
who judged it. A cell nobody judged takes the median of the other partners on that criterion and
is marked imputed, so the gap is visible and never a silent zero.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from workbook.core.vocabulary import SCORE_MAX, SCORE_MIN, SCORE_SOURCE
from workbook.engagement.model import Engagement
from workbook.scoring.mcda import field_range, minmax_normalise, scale

AGGREGATES = ("mean", "median")


@dataclass(frozen=True)
class DecisionMatrix:
    """Values (partners x criteria) with what is known of each cell.

    Attributes
    ----------
    values : DataFrame
        The matrix the methods rank, in ``criteria`` order.
    spread : DataFrame
        Range (max - min) between evaluators per scored cell; NaN for facts.
    judgments : DataFrame
        Number of judgments per scored cell; NaN for facts.
    imputed : DataFrame
        True where no evaluator judged the cell.
    aggregate : str
        "mean" or "median".
    """

    values: pd.DataFrame
    spread: pd.DataFrame
    judgments: pd.DataFrame
    imputed: pd.DataFrame
    aggregate: str


def build_matrix(engagement: Engagement, aggregate: str = "mean") -> DecisionMatrix:
    """Assemble the decision matrix of an engagement (see the module's missing-judgment policy)."""
    if aggregate not in AGGREGATES:
        raise ValueError(f"aggregate must be one of {AGGREGATES}, not {aggregate!r}")
    partners, criteria = engagement.partners.index, engagement.criteria.index
    values = pd.DataFrame(index=partners, columns=criteria, dtype=float)
    spread = pd.DataFrame(index=partners, columns=criteria, dtype=float)
    counts = pd.DataFrame(index=partners, columns=criteria, dtype=float)
    for cid, source in engagement.fact_criteria["source"].items():
        values[cid] = engagement.partners[source].astype(float)
    scores = engagement.scores
    if len(scores):
        table = scores.groupby(["partner", "criterion"])["score"].agg([aggregate, "min", "max", "count"])
        table["spread"] = table["max"] - table["min"]

        def grid(column: str) -> pd.DataFrame:  # partners x criteria, NaN where no one judged
            return table[column].unstack("criterion").reindex(index=partners, columns=criteria)

        judged = grid("count").notna()
        values = values.mask(judged, grid(aggregate))
        spread = spread.mask(judged, grid("spread"))
        counts = counts.mask(judged, grid("count"))
    imputed = pd.DataFrame(False, index=partners, columns=criteria)
    for cid in engagement.scored_criteria.index:
        missing = values[cid].isna()
        counts.loc[missing, cid] = 0
        if missing.any():
            values.loc[missing, cid] = values.loc[~missing, cid].median()
            imputed.loc[missing, cid] = True
    return DecisionMatrix(values, spread, counts, imputed, aggregate)


def unscaled_facts(criteria: pd.DataFrame) -> pd.Index:
    """The facts without a ``worst`` and ``best`` of their own: scored against the field."""
    facts = criteria["source"] != SCORE_SOURCE if "source" in criteria else pd.Series(True, index=criteria.index)
    if {"worst", "best"} <= set(criteria.columns):
        facts &= criteria["worst"].isna() | criteria["best"].isna()
    return criteria.index[facts.to_numpy()]


def scales(values: pd.DataFrame, criteria: pd.DataFrame) -> pd.DataFrame:
    """Per criterion: ``worst`` and ``best`` (in its units) and ``relative`` (True when the scale is
    the range of the partners in ``values``, for want of one in ``criteria.csv``)."""
    benefit = (criteria["direction"] == "benefit").to_numpy()
    field_worst, field_best = (field_range(values[criteria.index].to_numpy(float), benefit)
                               if len(values) else (np.full(len(criteria), np.nan),) * 2)
    out = pd.DataFrame({"worst": field_worst, "best": field_best,
                        "relative": criteria.index.isin(unscaled_facts(criteria))}, index=criteria.index)
    judged = criteria["source"] == SCORE_SOURCE if "source" in criteria else \
        pd.Series(False, index=criteria.index)
    out.loc[judged, ["worst", "best"]] = [SCORE_MIN, SCORE_MAX]
    given = ~judged & ~out["relative"]  # facts with a scale of their own
    if given.any():
        out.loc[given, ["worst", "best"]] = criteria.loc[given, ["worst", "best"]].astype(float).to_numpy()
    return out.astype({"worst": float, "best": float, "relative": bool})


def standing(values: pd.DataFrame, criteria: pd.DataFrame) -> pd.DataFrame:
    """Each partner's standing per criterion on the criterion's scale (:func:`scales`): 0 = the
    scale's worst, 1 = its best, labelled like ``values``."""
    bounds = scales(values, criteria)
    return pd.DataFrame(scale(values[criteria.index].to_numpy(float), bounds["worst"].to_numpy(),
                              bounds["best"].to_numpy()),
                        index=values.index, columns=criteria.index)


def field_standing(values: pd.DataFrame, criteria: pd.DataFrame) -> pd.DataFrame:
    """Each partner's standing against the others in ``values``: 0 = the field's worst, 1 = its
    best (costs reversed). For comparisons within the field (who leads it, the top quarter), never
    for scores."""
    benefit = (criteria["direction"] == "benefit").to_numpy()
    return pd.DataFrame(minmax_normalise(values[criteria.index].to_numpy(float), benefit),
                        index=values.index, columns=criteria.index)


def missing_judgments(engagement: Engagement) -> pd.DataFrame:
    """Who has not yet scored what: evaluator, partner, criterion (one row per missing judgment)."""
    expected = pd.MultiIndex.from_product(
        [engagement.settings.evaluators, engagement.partners.index,
         engagement.scored_criteria.index], names=["evaluator", "partner", "criterion"])
    given = pd.MultiIndex.from_frame(engagement.scores[["evaluator", "partner", "criterion"]])
    return expected.difference(given).to_frame(index=False)


def disagreements(matrix: DecisionMatrix, limit: int = 5, at_least: float = 2.0) -> pd.DataFrame:
    """The cells where evaluators differ most (a range of ``at_least`` points or more)."""
    stacked = matrix.spread.stack().rename("spread").reset_index()
    stacked.columns = ["partner", "criterion", "spread"]
    stacked = stacked[stacked["spread"] >= at_least]
    return stacked.sort_values(["spread", "partner"], ascending=[False, True]).head(limit)
