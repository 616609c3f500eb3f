"""Must-have proposals for criteria that serve mainly the threshold disciplines.

"Lead in one discipline, meet the threshold in the others": a criterion that matters more to a
threshold discipline than to the lead one need not be maximised, but a partner must not fall below
the market's standard on it. Proposed minimums (maximums for costs):

- a judged criterion: 3 of 5, "adequate";
- a measured benefit: half the candidates' median; a measured cost: 1.5 times their median.

The team accepts them with ``strategy.accept_knockout_proposals: true`` in ``engagement.yaml``;
criteria that already have a knockout keep theirs.
"""

from __future__ import annotations

import pandas as pd

from workbook.core.vocabulary import ADEQUATE, DISCIPLINE_LABELS, SCORE_SOURCE
from workbook.strategy.analysis import StrategyAnalysis

BENEFIT_FACTOR, COST_FACTOR = 0.5, 1.5
COLUMNS = ["criterion", "name", "rule", "proposed", "serves", "why"]


def propose_knockouts(criteria: pd.DataFrame, values: pd.DataFrame,
                      strategy: StrategyAnalysis) -> pd.DataFrame:
    """One proposal per criterion relevant mainly to threshold disciplines and without a knockout."""
    rows = []
    for cid, c in criteria.iterrows():
        if pd.notna(c["knockout"]):
            continue
        serves = max(strategy.thresholds, key=lambda d: c[d])
        if c[serves] <= c[strategy.lead]:
            continue
        cost = c["direction"] == "cost"
        if c["source"] == SCORE_SOURCE:
            proposed, why = ADEQUATE, "judged at least adequate (3 of 5)"
        else:
            median = float(values[cid].median())
            proposed = median * (COST_FACTOR if cost else BENEFIT_FACTOR)
            why = (f"{'1.5 times' if cost else 'half'} the candidates' median ({median:.4g})")
        rows.append({"criterion": cid, "name": c["name"], "rule": "at most" if cost else "at least",
                     "proposed": proposed, "serves": DISCIPLINE_LABELS[serves], "why": why})
    return pd.DataFrame(rows, columns=COLUMNS)


def apply_proposals(criteria: pd.DataFrame, proposals: pd.DataFrame) -> pd.DataFrame:
    """Criteria with the proposed knockouts filled in where none was set."""
    out = criteria.copy()
    for _, p in proposals.iterrows():
        if pd.isna(out.at[p["criterion"], "knockout"]):
            out.at[p["criterion"], "knockout"] = p["proposed"]
    return out
