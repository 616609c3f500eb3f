"""Must-have proposals for criteria that serve mainly the threshold disciplines.

"Lead in one discipline, meet the threshold in the others": a criterion that matters more to a
threshold discipline than to the lead one need not be maximised, but a partner must not fall below
the market's standard on it. Proposed minimums (maximums for costs):

- a judged criterion: 3 of 5, "adequate";
- a measured benefit: the lower of the candidates' lower quartile and their median less a tenth of
  it; a measured cost: the higher of their upper quartile and their median plus a tenth. A partner
  beyond both is clearly off the market's standard; in a tight field nobody is, whatever the scale
  (a rule of "half the median" would let 49 % pass where the field reaches 98 %). When every
  candidate's value is a whole number (clients, years), the limit is rounded to one, towards the
  stricter side, so that it reads as a count ("at least 2", not "at least 1.5") and excludes
  exactly the partners the unrounded limit does.

The team accepts them with ``strategy.accept_knockout_proposals: true`` in ``engagement.yaml``;
criteria that already have a knockout keep theirs.
"""

from __future__ import annotations

import math

import pandas as pd

from workbook.core.vocabulary import ADEQUATE, DISCIPLINE_LABELS, SCORE_SOURCE
from workbook.strategy.analysis import StrategyAnalysis

TOLERANCE = 0.10  # how far from the field's median a partner may be before the quartile decides
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
            column = values[cid].astype(float)
            median, margin = float(column.median()), abs(float(column.median())) * TOLERANCE
            if cost:
                quartile = float(column.quantile(0.75))
                proposed = max(quartile, median + margin)
                why = (f"the higher of the candidates' upper quartile ({quartile:.4g}) and their "
                       f"median plus a tenth ({median + margin:.4g})")
            else:
                quartile = float(column.quantile(0.25))
                proposed = min(quartile, median - margin)
                why = (f"the lower of the candidates' lower quartile ({quartile:.4g}) and their "
                       f"median less a tenth ({median - margin:.4g})")
            if column.dropna().mod(1).eq(0).all():
                # counts: a whole limit passes exactly the whole values the fraction passes
                proposed = math.floor(proposed) if cost else math.ceil(proposed)
                why += f", rounded {'down' if cost else 'up'} to a whole number"
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
