"""The customer communication calendar: leader-initiated touchpoints over the next twelve months.

Customers are sceptical of an outsourcing move at first and give better feedback when senior
leaders are its face. Before the move, the calendar opens with the message about why the company
outsources and shares the first quality results three months later; once the partner is under
contract and measured, it opens with the quality results so far instead. Then it follows the plan's
customer-facing measures at their cadence, each led by the measure's owner; a segment with a high
early warning (every segment, for a warning about all of them) hears from a leader in the first
month. Each touchpoint goes through the channel the segment's customers are reached by;
conversations and interviews are held with business accounts and internal users only. A touchpoint
in one of the client's peak months moves to the first month after the peak, or, when that is past
the twelve months, to the last month before it.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from workbook.core.vocabulary import ALL_SEGMENTS, CADENCE_MONTHS, TOUCHPOINT_METHODS
from workbook.core.wordbook import Voice, say
from workbook.quality.tracking import segments_of

COLUMNS = ["month", "segment", "touchpoint", "method", "who", "purpose"]
AT_ONCE = "at_once"  # a touchpoint raised at once, peak month or not (an open issue); not a column shown
# Methods that meet one customer at a time: for business accounts and internal users, not for
# consumers or marketplace buyers (they are heard by survey and focus group)
ONE_TO_ONE = ("designed conversation", "interview")


def _months(start: date, count: int = 12) -> list[pd.Period]:
    first = pd.Period(start, freq="M") + 1
    return [first + i for i in range(count)]


def _outside_peaks(month: pd.Period, peaks: tuple[int, ...], last: pd.Period) -> pd.Period:
    """``month``, or the first month after it that is not a peak month; when that is past
    ``last``, the last month before it that is not."""
    later = month
    while later.month in peaks:
        later += 1
    if later <= last:
        return later
    earlier = month
    while earlier.month in peaks:
        earlier -= 1
    return earlier


def communication_calendar(plan: pd.DataFrame, messages: pd.DataFrame, leader: str,
                           alerts: pd.DataFrame, start: date, voices: dict | None = None,
                           peaks: tuple[int, ...] = (), moved: bool = False) -> pd.DataFrame:
    """Touchpoints for the twelve months after ``start``, each through the channel its segment's
    customers are reached by (``voices``: segment -> :class:`~workbook.core.wordbook.Voice`;
    business accounts when absent), the plan's measures led by their owners. A touchpoint that
    falls in one of the client's ``peaks`` (month numbers) moves out of the peak; an open issue is
    raised at once all the same. Once the partner is under contract and measured (``moved``), the
    results so far open the calendar in place of the message about why the company outsources."""
    months = _months(start)
    segments = list(messages["segment"])
    voices = voices or {}
    rows = []
    for _, m in messages.iterrows():
        voice = voices.get(m["segment"], Voice())
        if moved:
            rows.append({"month": months[0], "segment": m["segment"], "touchpoint": say("touchpoint.results_so_far"),
                         "method": say("touchpoint_method", voice), "who": m["messenger"],
                         "purpose": say("first_results", voice)})
            continue
        rows.append({"month": months[0], "segment": m["segment"], "touchpoint": say("touchpoint.why"),
                     "method": say("touchpoint_method", voice), "who": m["messenger"],
                     "purpose": m["message"]})
        rows.append({"month": months[3], "segment": m["segment"], "touchpoint": say("touchpoint.first_results"),
                     "method": say("touchpoint_method", voice), "who": m["messenger"],
                     "purpose": say("first_results", voice)})
    # a warning is about all segments, one, or a measure's audience (names separated by commas)
    raised = {s for where in alerts.loc[alerts["severity"].eq("high"), "where"] for s in segments_of(where)}
    for segment in [s for s in segments if s in raised or ALL_SEGMENTS in raised]:
        voice = voices.get(segment, Voice())
        rows.append({"month": months[0], "segment": segment, "touchpoint": say("touchpoint.open_issue"), AT_ONCE: True,
                     "method": say("open_issue.method", voice), "who": leader,
                     "purpose": say("open_issue.purpose", voice)})
    for _, kpi in plan[plan["method"].isin(TOUCHPOINT_METHODS)].iterrows():
        step = CADENCE_MONTHS.get(str(kpi["cadence"]).lower())
        if step is None:
            continue
        audience = segments if kpi["audience"] == ALL_SEGMENTS else \
            [s for s in segments_of(kpi["audience"]) if s in segments]
        if kpi["method"] in ONE_TO_ONE:  # a leader does not hold a conversation with every shopper
            audience = [s for s in audience if voices.get(s, Voice()).audience in ("business", "internal")]
        for i in range(step - 1, 12, step):
            for segment in audience:
                rows.append({"month": months[i], "segment": segment, "touchpoint": kpi["kpi"],
                             "method": kpi["method"], "who": str(kpi.get("owner") or "") or leader,
                             "purpose": kpi["definition"]})
    table = pd.DataFrame(rows, columns=[*COLUMNS, AT_ONCE])
    if peaks:
        planned = table[AT_ONCE] != True  # noqa: E712 (empty cells are planned touchpoints)
        table.loc[planned, "month"] = [_outside_peaks(m, peaks, months[-1]) for m in table.loc[planned, "month"]]
        table = table.drop_duplicates()
    table["order"] = table["segment"].map({s: i for i, s in enumerate(segments)})
    table = table.sort_values(["month", "order"], kind="stable").drop(columns=["order", AT_ONCE])
    table["month"] = table["month"].map(lambda m: m.strftime("%b %Y"))
    return table.reset_index(drop=True)
