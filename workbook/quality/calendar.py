"""The customer communication calendar: leader-initiated touchpoints over the next twelve months.

Customers are sceptical of an outsourcing move at first and give better feedback when senior
leaders are its face. The calendar opens with the message about why the company outsources, shares
the first quality results three months later, then follows the plan's customer-facing measures at
their cadence, each led by the measure's owner; a segment with an open alert hears from a leader in
the first month. Each touchpoint goes through the channel the segment's customers are reached by;
conversations and interviews are held with business accounts and internal users only.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from workbook.core.vocabulary import ALL_SEGMENTS, CADENCE_MONTHS, TOUCHPOINT_METHODS
from workbook.core.wordbook import Voice, say

COLUMNS = ["month", "segment", "touchpoint", "method", "who", "purpose"]
# Methods that meet one customer at a time: for business accounts and internal users, not for
# consumers or marketplace buyers (they are heard by survey and focus group)
ONE_TO_ONE = ("designed conversation", "interview")


def _months(start: date, count: int = 12) -> list[pd.Period]:
    first = pd.Period(start, freq="M") + 1
    return [first + i for i in range(count)]


def _after_peaks(month: pd.Period, peaks: tuple[int, ...]) -> pd.Period:
    """``month``, or the first month after it that is not a peak month."""
    while month.month in peaks:
        month += 1
    return month


def communication_calendar(plan: pd.DataFrame, messages: pd.DataFrame, leader: str,
                           alerts: pd.DataFrame, start: date, voices: dict | None = None,
                           peaks: tuple[int, ...] = ()) -> pd.DataFrame:
    """Touchpoints for the twelve months after ``start``, each through the channel its segment's
    customers are reached by (``voices``: segment -> :class:`~workbook.core.wordbook.Voice`;
    business accounts when absent), the plan's measures led by their owners. A touchpoint that
    falls in one of the client's ``peaks`` (month numbers) moves to the first month after it; an
    open issue is raised at once all the same."""
    months = _months(start)
    segments = list(messages["segment"])
    voices = voices or {}
    rows = []
    for _, m in messages.iterrows():
        voice = voices.get(m["segment"], Voice())
        rows.append({"month": months[0], "segment": m["segment"], "touchpoint": "Why we outsource",
                     "method": say("touchpoint_method", voice), "who": m["messenger"],
                     "purpose": m["message"]})
        rows.append({"month": months[3], "segment": m["segment"], "touchpoint": "First quality results",
                     "method": say("touchpoint_method", voice), "who": m["messenger"],
                     "purpose": say("first_results", voice)})
    for segment in dict.fromkeys(alerts.loc[alerts["where"].isin(segments), "where"]):
        voice = voices.get(segment, Voice())
        rows.append({"month": months[0], "segment": segment, "touchpoint": "Open issue",
                     "method": say("open_issue.method", voice), "who": leader,
                     "purpose": say("open_issue.purpose", voice)})
    for _, kpi in plan[plan["method"].isin(TOUCHPOINT_METHODS)].iterrows():
        step = CADENCE_MONTHS.get(str(kpi["cadence"]).lower())
        if step is None:
            continue
        audience = segments if kpi["audience"] == ALL_SEGMENTS else \
            [s.strip() for s in str(kpi["audience"]).split(",") if s.strip() in segments]
        if kpi["method"] in ONE_TO_ONE:  # a leader does not hold a conversation with every shopper
            audience = [s for s in audience if voices.get(s, Voice()).audience in ("business", "internal")]
        for i in range(step - 1, 12, step):
            for segment in audience:
                rows.append({"month": months[i], "segment": segment, "touchpoint": kpi["kpi"],
                             "method": kpi["method"], "who": str(kpi.get("owner") or "") or leader,
                             "purpose": kpi["definition"]})
    table = pd.DataFrame(rows, columns=COLUMNS)
    if peaks:
        moved = table["touchpoint"] != "Open issue"
        table.loc[moved, "month"] = [_after_peaks(m, peaks) for m in table.loc[moved, "month"]]
        table = table[table["month"] <= months[-1]].drop_duplicates()
    table["order"] = table["segment"].map({s: i for i, s in enumerate(segments)})
    table = table.sort_values(["month", "order"], kind="stable").drop(columns="order")
    table["month"] = table["month"].map(lambda m: m.strftime("%b %Y"))
    return table.reset_index(drop=True)
