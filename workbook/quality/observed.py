"""Monthly series from aggregated observations (observations.csv): a WMS's, a telephony system's
or a ticketing system's weekly or monthly totals of a measure.

A month's value is the mean of its periods' values weighted by what each rests on (``n``): the
share of calls answered within 20 seconds over a month is the month's calls so answered over its
calls, whichever weeks they came in. A count is summed. A median given by week (dock to stock)
becomes the ``n``-weighted mean of the weekly medians, the nearest a total allows. A share gets
Wilson's 95 % interval from its successes (value × n); other units none.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from workbook.core.vocabulary import ALL_SEGMENTS
from workbook.quality.intervals import wilson

COLUMNS = ["month", "value", "n", "low", "high"]


def observed_by_month(observations: pd.DataFrame, measure: str, unit: str,
                      segment: str | None = None) -> pd.DataFrame:
    """The measure's monthly series: over every segment (the rows for all segments when there are
    any, else the segments' rows together), or for ``segment`` alone."""
    rows = observations[observations["measure"] == measure]
    overall = rows["segment"].isin(["all", ALL_SEGMENTS])
    if segment is not None:
        rows = rows[rows["segment"] == segment]
    elif overall.any():
        rows = rows[overall]
    if rows.empty:
        return pd.DataFrame(columns=COLUMNS)
    value, n = rows["value"].to_numpy(float), rows["n"].to_numpy(float)
    frame = pd.DataFrame({"month": rows["month"].to_numpy(), "weighted": value * n, "value": value, "n": n})
    table = frame.groupby("month").agg(weighted=("weighted", "sum"), total=("value", "sum"), n=("n", "sum"))
    values = table["total"] if unit == "count" else table["weighted"] / table["n"]
    out = pd.DataFrame({"month": table.index, "value": values.to_numpy(float), "n": table["n"].to_numpy(int)})
    if unit in ("share", "percent"):
        successes = np.round(out["value"].to_numpy() * out["n"].to_numpy())
        bounds = [wilson(s, t) for s, t in zip(successes, out["n"])]
        out = out.assign(low=[b[0] for b in bounds], high=[b[1] for b in bounds], successes=successes)
    return out.reset_index(drop=True)
