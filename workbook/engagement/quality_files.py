"""``quality/``: tracking data and the team's edited quality plan, validated like the rest.

| file | columns (optional in brackets) |
|---|---|
| deliveries.csv | order, segment, promised, delivered, ordered_qty, delivered_qty, [order_date, accepted] |
| feedback.csv | date, segment, method, measure, value, [comment] |
| readings.csv | date, measure, value, [note] |
| complaints.csv | date, segment, [order, comment] |
| plan.csv | kpi_id, kpi, definition, method, audience, cadence, owner, target, alert, [discipline] |

Dates are written YYYY-MM-DD. A delivery with no ``delivered`` date is still open.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from workbook.core.errors import Problem
from workbook.core.files import Table, read_table
from workbook.core.thresholds import parse_threshold
from workbook.core.vocabulary import CUSTOMER_METHODS, NO, PLAN_METHODS, YES
from workbook.engagement.checks import number, require_columns

REQUIRED = {
    "deliveries.csv": ("order", "segment", "promised", "delivered", "ordered_qty", "delivered_qty"),
    "feedback.csv": ("date", "segment", "method", "measure", "value"),
    "readings.csv": ("date", "measure", "value"),
    "complaints.csv": ("date", "segment"),
    "plan.csv": ("kpi_id", "kpi", "definition", "method", "audience", "cadence", "owner",
                 "target", "alert"),
}


@dataclass(frozen=True)
class QualityData:
    """Whatever tracking data exists (None for a missing file) and the edited plan, if any."""

    deliveries: pd.DataFrame | None = None
    feedback: pd.DataFrame | None = None
    readings: pd.DataFrame | None = None
    complaints: pd.DataFrame | None = None
    plan: pd.DataFrame | None = None

    @property
    def empty(self) -> bool:
        return all(f is None for f in (self.deliveries, self.feedback, self.readings, self.complaints))


def parse_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip()[:10]) if text.strip() else None
    except ValueError:
        return None


def _date(table: Table, row: int, column: str, text: str, problems, required=True):
    value = parse_date(text)
    if value is None and (required or text):
        problems.append(Problem(table.file, row, column, text,
                                "is empty" if not text else "is not a date",
                                "write the date as YYYY-MM-DD, e.g. 2026-03-31"))
    return value


def _segment(table: Table, row: int, text: str, segments, problems) -> None:
    if segments is not None and text not in segments and text != "all":
        problems.append(Problem(table.file, row, "segment", text,
                                "this is not a customer segment of engagement.yaml",
                                "use a segment name from strategy.customers (or all)"))


def check_quality(folder: Path, display, segments: set[str] | None,
                  problems: list[Problem]) -> QualityData | None:
    """Validate every file present in ``folder`` (the engagement's ``quality/``)."""
    if not folder.is_dir():
        return None
    found = {}
    for name, required in REQUIRED.items():
        if (folder / name).exists():
            table = read_table(folder / name, display(name), problems)
            if table is not None and require_columns(table, required, problems):
                found[name] = table
    checks = {"deliveries.csv": _deliveries, "feedback.csv": _feedback,
              "readings.csv": _readings, "complaints.csv": _complaints, "plan.csv": _plan}
    frames = {name: checks[name](table, segments, problems) for name, table in found.items()}
    return QualityData(*(frames.get(n) for n in REQUIRED))


def _deliveries(table: Table, segments, problems) -> pd.DataFrame:
    rows, seen = [], {}
    for row, rec in table:
        if rec["order"] in seen:
            problems.append(Problem(table.file, row, "order", rec["order"],
                                    f"the order is listed already on row {seen[rec['order']]}",
                                    "list each order once"))
        seen.setdefault(rec["order"], row)
        _segment(table, row, rec["segment"], segments, problems)
        out = dict(rec, row=row,
                   promised=_date(table, row, "promised", rec["promised"], problems),
                   delivered=_date(table, row, "delivered", rec["delivered"], problems, required=False),
                   ordered_qty=number(table, row, "ordered_qty", rec["ordered_qty"], problems,
                                      low=0, fix="write the quantity ordered"),
                   delivered_qty=number(table, row, "delivered_qty", rec["delivered_qty"] or "0",
                                        problems, low=0, fix="write the quantity delivered"))
        if "order_date" in rec:
            out["order_date"] = _date(table, row, "order_date", rec["order_date"], problems, required=False)
        if "accepted" in rec and rec["accepted"]:
            flag = rec["accepted"].lower()
            if flag not in YES | NO:
                problems.append(Problem(table.file, row, "accepted", rec["accepted"],
                                        "accepted must be yes or no",
                                        "write yes if the lot passed incoming inspection"))
            out["accepted"] = flag in YES
        rows.append(out)
    return pd.DataFrame(rows)


def _dated_rows(table: Table, problems, *, segments=None, measure_fix: str = "",
                value_fix: str = "", check=None) -> pd.DataFrame:
    """Rows with a date, and where asked a known segment, a named measure and a numeric value.

    ``check(row, record)`` adds a file's own checks; problems come out in row order.
    """
    rows = []
    for row, rec in table:
        if segments is not False:
            _segment(table, row, rec["segment"], segments, problems)
        if check is not None:
            check(row, rec)
        if measure_fix and not rec["measure"]:
            problems.append(Problem(table.file, row, "measure", "", "the measure is empty", measure_fix))
        out = dict(rec, row=row, date=_date(table, row, "date", rec["date"], problems))
        if value_fix:
            out["value"] = number(table, row, "value", rec["value"], problems, fix=value_fix)
        rows.append(out)
    return pd.DataFrame(rows)


def _feedback(table: Table, segments, problems) -> pd.DataFrame:
    def method(row, rec):
        if rec["method"].lower() not in CUSTOMER_METHODS:
            problems.append(Problem(table.file, row, "method", rec["method"],
                                    "this is not a way of hearing customers",
                                    "write survey, focus group, interview, quality test or "
                                    "designed conversation"))

    frame = _dated_rows(table, problems, segments=segments, check=method,
                        measure_fix="write the plan's kpi_id this answer belongs to, e.g. nps",
                        value_fix="write the answer as a number")
    return frame.assign(method=frame["method"].str.lower()) if len(frame) else frame


def _readings(table: Table, segments, problems) -> pd.DataFrame:
    return _dated_rows(table, problems, segments=False,
                       measure_fix="name what was measured, e.g. internal_quality_rating",
                       value_fix="write the reading as a number")


def _complaints(table: Table, segments, problems) -> pd.DataFrame:
    return _dated_rows(table, problems, segments=segments)


def _plan(table: Table, segments, problems) -> pd.DataFrame:
    rows, seen = [], {}
    for row, rec in table:
        if not rec["kpi_id"]:
            problems.append(Problem(table.file, row, "kpi_id", "", "the kpi_id is empty",
                                    "give every measure a short id, e.g. otif"))
        elif rec["kpi_id"] in seen:
            problems.append(Problem(table.file, row, "kpi_id", rec["kpi_id"],
                                    f"the kpi_id is used already on row {seen[rec['kpi_id']]}",
                                    "give every measure its own id"))
        seen.setdefault(rec["kpi_id"], row)
        if rec["method"].lower() not in PLAN_METHODS:
            problems.append(Problem(table.file, row, "method", rec["method"],
                                    "this is not a measuring method the plan knows",
                                    "write one of: " + ", ".join(PLAN_METHODS)))
        for column in ("target", "alert"):
            if parse_threshold(rec[column]) is None:
                problems.append(Problem(table.file, row, column, rec[column],
                                        f"the {column} is not a comparison with a number",
                                        "write it like >= 95%, < 3.8 or <= 10 days"))
        rows.append(dict(rec, row=row))
    return pd.DataFrame(rows)
