"""Must-have proposals for criteria that serve mainly the threshold disciplines.

"Lead in one discipline, meet the threshold in the others": a criterion that matters more to a
threshold discipline than to the lead one need not be maximised, but a partner must not fall below
the market's standard on it. Proposed minimums (maximums for costs):

- a judged criterion: 3 of 5, "adequate";
- a measured benefit: the lower of the candidates' lower quartile and their median less a tenth of
  it; a measured cost: the higher of their upper quartile and their median plus a tenth. A partner
  beyond both is clearly off the market's standard; in a tight field nobody is, whatever the scale
  (a rule of "half the median" would let 49 % pass where the field reaches 98 %). The limit is
  rounded, towards the stricter side, to the decimals the candidates' figures are written with,
  so that it excludes exactly the partners the unrounded limit does and reads as they do: a count
  ("at least 2", not "at least 1.5"), or a cost in cents ("at most 5.02" from an upper quartile
  of 5.025, where "at most 5.03" would seem to pass a partner at 5.03 that the limit excludes).

The team accepts them with ``strategy.accept_knockout_proposals: true`` in ``engagement.yaml``;
criteria that already have a knockout keep theirs.
"""

from __future__ import annotations

import math

import pandas as pd

from workbook.core.vocabulary import ADEQUATE, DISCIPLINE_LABELS, SCORE_SOURCE, criterion_places, criterion_unit
from workbook.strategy.analysis import StrategyAnalysis

TOLERANCE = 0.10  # how far from the field's median a partner may be before the quartile decides
# ``decided_by``: which figure set the limit (``judged``: the scale's "adequate"); ``quartile`` and
# ``median_limit``: the two figures compared (the median plus or less a tenth), none for a judged
# criterion; ``places``: the decimals the limit is written with; ``rounded``: whether the limit was
# rounded (towards the stricter side) to them. Codes and figures: the views word them.
COLUMNS = ["criterion", "name", "rule", "proposed", "unit", "places", "serves", "decided_by",
           "quartile", "median_limit", "rounded"]
JUDGED, QUARTILE, MEDIAN = "judged", "quartile", "median"


def propose_knockouts(criteria: pd.DataFrame, values: pd.DataFrame,
                      strategy: StrategyAnalysis) -> pd.DataFrame:
    """One proposal per criterion relevant mainly to threshold disciplines and without a knockout
    (the columns of :data:`COLUMNS`)."""
    rows = []
    for cid, c in criteria.iterrows():
        if pd.notna(c["knockout"]):
            continue
        serves = max(strategy.thresholds, key=lambda d: c[d])
        if c[serves] <= c[strategy.lead]:
            continue
        cost = c["direction"] == "cost"
        row = {"criterion": cid, "name": c["name"], "rule": "at most" if cost else "at least",
               "unit": criterion_unit(criteria, cid), "places": criterion_places(criteria, values, cid),
               "serves": DISCIPLINE_LABELS[serves], "quartile": math.nan, "median_limit": math.nan,
               "rounded": False}
        if c["source"] == SCORE_SOURCE:
            rows.append(dict(row, proposed=ADEQUATE, decided_by=JUDGED))
            continue
        column = values[cid].astype(float)
        median, margin = float(column.median()), abs(float(column.median())) * TOLERANCE
        quartile = float(column.quantile(0.75 if cost else 0.25))
        median_limit = median + margin if cost else median - margin
        proposed = max(quartile, median_limit) if cost else min(quartile, median_limit)
        places = row["places"]
        scaled = round(proposed * 10 ** places, 6)  # 5.03 is 502.99999999999994 cents in floats
        rounded = math.floor(scaled) if cost else math.ceil(scaled)
        if rounded != scaled:
            # the limit passes exactly the figures (of ``places`` decimals) the unrounded one passes
            proposed = rounded / 10 ** places if places else rounded
        rows.append(dict(row, proposed=proposed, quartile=quartile, median_limit=median_limit,
                         decided_by=QUARTILE if (quartile >= median_limit) == cost else MEDIAN,
                         rounded=bool(rounded != scaled)))
    return pd.DataFrame(rows, columns=COLUMNS)


def apply_proposals(criteria: pd.DataFrame, proposals: pd.DataFrame) -> pd.DataFrame:
    """Criteria with the proposed knockouts filled in where none was set."""
    out = criteria.copy()
    for _, p in proposals.iterrows():
        if pd.isna(out.at[p["criterion"], "knockout"]):
            out.at[p["criterion"], "knockout"] = p["proposed"]
    return out
