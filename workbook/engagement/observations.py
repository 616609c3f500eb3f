"""``quality/observations.csv``: a measure's total for a period, as a client's systems export it.

A warehouse management system, a contact centre's telephony (ACD) or a service desk's ticketing
system (ITSM) gives weekly or monthly figures rather than one row per order, call or ticket:

| column | what |
|---|---|
| period | the month (``2026-10``), the ISO week (``2026-W44``) or the day a week starts (``2026-10-05``) |
| measure | a measure id of the plan (or an alias of it: csat, aht, fcr) |
| value | the period's value in the measure's unit: a share as a fraction (0.952) or said so (95.2%, or a unit of %) |
| n | how many orders, calls, tickets or counts the value rests on |
| [segment] | a customer segment of engagement.yaml, or all (the default) |
| [partner], [unit], [note] | whose figures they are; the unit the value is in (honoured or refused); a note |

A week counts in the month of its Thursday (ISO 8601), so that each week is in one month.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pandas as pd

from workbook.core.dates import parse_date
from workbook.core.errors import Problem
from workbook.core.files import Table
from workbook.engagement.cells import number

COLUMNS = ("period", "measure", "value", "n")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-?W(\d{2})$", re.IGNORECASE)
PERIOD_FIX = "write the month as 2026-10, the ISO week as 2026-W44, or the day the week starts as 2026-10-05"


def period_start(text: str) -> tuple[date, int] | None:
    """The first day of a period and its length in days: a month, an ISO week, or a week from a day."""
    text = str(text).strip()
    if match := _MONTH.match(text):
        year, month = int(match.group(1)), int(match.group(2))
        if not 1 <= month <= 12:
            return None
        start = date(year, month, 1)
        end = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
        return start, (end - start).days
    if match := _WEEK.match(text):
        try:
            return date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1), 7
        except ValueError:
            return None
    day = parse_date(text)
    return (day, 7) if day is not None else None


def month_of(start: date, days: int) -> pd.Period:
    """The month a period counts in: its own, or a week's Thursday's."""
    return pd.Period(start if days > 7 else start + timedelta(days=3), "M")


def check_observations(table: Table, context, problems: list[Problem], *, segment, partner, measure,
                       as_share) -> pd.DataFrame:
    """The rows of observations.csv, checked cell by cell; ``segment``, ``partner``, ``measure`` and
    ``as_share`` are the quality files' own checks of those cells (row, record) -> value."""
    rows = []
    for row, rec in table:
        out = dict(rec, row=row, segment=segment(row, rec.get("segment", "") or "all"),
                   partner=partner(row, rec), measure=measure(row, rec["measure"]))
        period = period_start(rec["period"])
        if period is None:
            problems.append(Problem(table.file, row, "period", rec["period"],
                                    "is empty" if not rec["period"] else "is not a month, week or day", PERIOD_FIX))
        else:
            out["start"], out["days"] = period
            out["month"] = month_of(*period)
        out["n"] = number(table, row, "n", rec["n"], problems, low=1, whole=True,
                          fix="write how many orders, calls or tickets the value rests on, e.g. 4329")
        out["value"] = number(table, row, "value", rec["value"], problems, percent="fraction",
                              fix="write the period's value as a number (a share as 0.952 or 95.2%)")
        if out["value"] is not None:
            out["value"] = as_share(table, row, rec, out["measure"], out["value"], context, problems)
        rows.append(out)
    return pd.DataFrame(rows)
