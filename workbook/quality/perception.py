"""The perception gap: per quarter and segment, how the company rates its own quality against
how its customers rate it, both on the 1-5 scale."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from workbook.core.vocabulary import CUSTOMER_VIEW, INTERNAL_VIEW
from workbook.engagement.quality_files import QualityData

PLACES = 2  # the ratings' decimals as written (a score's, in workbook.views.labels)


def perception_gap(quality: QualityData, segments: list[str], as_of: date | None = None) -> pd.DataFrame:
    """Per quarter and segment: the internal view of quality, the customers' rating, the gap.

    The internal view is the mean of ``internal_quality_rating`` readings; the customers' the mean
    of their ``quality_rating`` answers; both on 1-5. A positive gap means the company rates its
    quality higher than its customers do. The gap is that of the two means as every page and
    results.xlsx write them (:data:`PLACES` decimals), so that the columns subtract: 4.117 and
    3.763 are written 4.12 and 3.76, and their gap 0.36, not 0.35 (of 0.354). ``quarter_to_date`` marks the quarter still running on
    ``as_of`` (its figures rest on part of it).
    """
    columns = ["quarter", "segment", "internal", "customers", "gap", "quarter_to_date"]
    running = None if as_of is None or (as_of + timedelta(days=1)).month in (1, 4, 7, 10) and \
        (as_of + timedelta(days=1)).day == 1 else str(pd.Period(as_of, "Q"))
    if quality.readings is None or quality.feedback is None:
        return pd.DataFrame(columns=columns)
    inside = quality.readings[quality.readings["measure"] == INTERNAL_VIEW]
    outside = quality.feedback[quality.feedback["measure"] == CUSTOMER_VIEW]
    if inside.empty or outside.empty:
        return pd.DataFrame(columns=columns)
    internal = inside.groupby(pd.to_datetime(inside["date"]).dt.to_period("Q"))["value"].mean()
    rows = []
    for segment in segments:
        mine = outside[outside["segment"] == segment]
        rated = mine.groupby(pd.to_datetime(mine["date"]).dt.to_period("Q"))["value"].mean()
        for quarter, value in rated.items():
            if quarter in internal.index:
                rows.append({"quarter": str(quarter), "segment": segment, "internal": internal[quarter],
                             "customers": value,
                             "gap": round(round(internal[quarter], PLACES) - round(value, PLACES), PLACES),
                             "quarter_to_date": str(quarter) == running})
    return pd.DataFrame(rows, columns=columns)
