"""``quality/``: tracking data and the team's edited quality plan, validated like the rest.

| file | columns (optional in brackets) |
|---|---|
| deliveries.csv | order, segment, promised, delivered, ordered_qty, delivered_qty, [order_date, accepted, partner] |
| feedback.csv | date, segment, method, measure, value, [comment, partner] |
| readings.csv | date, measure, value, [note, partner] |
| complaints.csv | date, segment, [order, comment, partner] |
| plan.csv | kpi_id, kpi, definition, method, audience, cadence, owner, target, alert, [min_n], [discipline] |

Dates are written YYYY-MM-DD. A delivery with no ``delivered`` date is still open. Names from a
fixed vocabulary (segments, methods, measures, cadences, yes/no) are understood whatever their case,
blanks or hyphens, and written back in their canonical form.
"""

from __future__ import annotations

import re

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from workbook.core.dates import written_as
from workbook.core.errors import Problem
from workbook.core.files import Table, read_table
from workbook.core.names import canonical, listed, nearest, suggest
from workbook.core.thresholds import parse_threshold
from workbook.core.vocabulary import (ALL_SEGMENTS, CADENCE_MONTHS, CUSTOMER_METHODS, EVENT_CADENCES,
                                      INTERNAL_VIEW, MEASURES, MIN_N, PLAN_METHODS, SHARE_MEASURES,
                                      TOUCHPOINT_METHODS)
from workbook.engagement.tracking_checks import as_share, one_attribution
from workbook.engagement.cells import date_cell, known, number, require_columns, yes_no

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


def _segment(table: Table, row: int, text: str, segments, problems) -> str:
    """The segment's name as engagement.yaml writes it (or all)."""
    if segments is None:
        return text
    return known(table, row, "segment", text, [*segments, "all"], problems,
                 what="this is not a customer segment of engagement.yaml",
                 fix="use a segment name from strategy.customers (or all)") or text


def _partner(table: Table, row: int, rec: dict, partners, problems) -> str | None:
    if "partner" not in rec:
        return None
    if partners is None:
        return rec["partner"]
    return known(table, row, "partner", rec["partner"], partners, problems,
                 what="no partner has this id in partners.csv",
                 fix="write the id of the partner the row is about") or rec["partner"]


@dataclass(frozen=True)
class _Context:
    """What the quality files are checked against: the segments, partners and measures known."""

    segments: list[str] | None
    partners: list[str] | None
    measures: list[str]
    shares: dict[str, str] | None = None  # measure -> its target, for the measures that are shares


def check_quality(folder: Path, display, segments: list[str] | None, problems: list[Problem],
                  partners: list[str] | None = None) -> QualityData | None:
    """Validate every file present in ``folder`` (the engagement's ``quality/``).

    ``segments`` and ``partners`` are None when engagement.yaml or partners.csv could not be read
    (those checks are then skipped). The measures answers may name are the edited plan's, else
    those of the generated plan.
    """
    if not folder.is_dir():
        return None
    found = {}
    for name, required in REQUIRED.items():
        if (folder / name).exists():
            table = read_table(folder / name, display(name), problems)
            if table is not None and require_columns(table, required, problems):
                table.dates = {c: written_as(r[c] for r in table.records)
                               for c in ("date", "promised", "delivered", "order_date") if c in table.columns}
                found[name] = table
    plan = _plan(found["plan.csv"], _Context(segments, partners, []), problems) if "plan.csv" in found else None
    measures = list(plan["kpi_id"]) if plan is not None and len(plan) else list(MEASURES)
    shares = ({k: t for k, t in zip(plan["kpi_id"], plan["target"]) if "%" in str(t)}
              if plan is not None and len(plan) else {m: "a percentage" for m in SHARE_MEASURES})
    context = _Context(segments, partners, measures, shares)
    checks = {"deliveries.csv": _deliveries, "feedback.csv": _feedback,
              "readings.csv": _readings, "complaints.csv": _complaints}
    frames = {name: checks[name](table, context, problems) for name, table in found.items()
              if name in checks}
    one_attribution({n: t for n, t in found.items() if n in checks}, problems)
    frames["plan.csv"] = plan
    return QualityData(*(frames.get(n) for n in REQUIRED))


def _deliveries(table: Table, context: _Context, problems) -> pd.DataFrame:
    rows, seen = [], {}
    for row, rec in table:
        if rec["order"] in seen:
            problems.append(Problem(table.file, row, "order", rec["order"],
                                    f"the order is listed already on row {seen[rec['order']]}",
                                    "list each order once"))
        seen.setdefault(rec["order"], row)
        out = dict(rec, row=row, segment=_segment(table, row, rec["segment"], context.segments, problems),
                   partner=_partner(table, row, rec, context.partners, problems),
                   promised=date_cell(table, row, "promised", rec["promised"], problems),
                   delivered=date_cell(table, row, "delivered", rec["delivered"], problems, required=False),
                   ordered_qty=number(table, row, "ordered_qty", rec["ordered_qty"], problems,
                                      low=0, fix="write the quantity ordered"),
                   delivered_qty=number(table, row, "delivered_qty", rec["delivered_qty"] or "0",
                                        problems, low=0, fix="write the quantity delivered"))
        if "order_date" in rec:
            out["order_date"] = date_cell(table, row, "order_date", rec["order_date"], problems, required=False)
        if "accepted" in rec:  # empty: not inspected or audited
            out["accepted"] = yes_no(table, row, "accepted", rec["accepted"], problems, required=False,
                                     fix="write yes if it passed inspection or audit, no if it did not, "
                                         "or leave it empty if it was not checked")
        rows.append(out)
    return pd.DataFrame(rows)


def _dated_rows(table: Table, context: _Context, problems, *, segments: bool = True,
                measure=None, value_fix: str = "", check=None) -> pd.DataFrame:
    """Rows with a date, and where asked a known segment, a known measure and a numeric value.

    ``measure(row, text)`` returns the measure's canonical id; ``check(row, record)`` adds a file's
    own checks and returns the record's corrected fields; problems come out in row order.
    """
    rows = []
    for row, rec in table:
        out = dict(rec, row=row)
        if segments:
            out["segment"] = _segment(table, row, rec["segment"], context.segments, problems)
        out["partner"] = _partner(table, row, rec, context.partners, problems)
        if check is not None:
            out.update(check(row, rec))
        if measure is not None:
            out["measure"] = measure(row, rec["measure"])
        out["date"] = date_cell(table, row, "date", rec["date"], problems)
        if value_fix:
            out["value"] = number(table, row, "value", rec["value"], problems, fix=value_fix,
                                  percent="fraction")
            if out["value"] is not None:
                out["value"] = as_share(table, row, rec, out["measure"], out["value"], context, problems)
        rows.append(out)
    return pd.DataFrame(rows)


def _feedback(table: Table, context: _Context, problems) -> pd.DataFrame:
    def method(row, rec):
        return {"method": known(table, row, "method", rec["method"], CUSTOMER_METHODS, problems,
                                what="this is not a way of hearing customers",
                                fix="write survey, focus group, interview, quality test or "
                                    "designed conversation") or rec["method"]}

    def measure(row, text):
        if not text:
            problems.append(Problem(table.file, row, "measure", "", "the measure is empty",
                                    "write the plan's kpi_id this answer belongs to, e.g. nps"))
            return text
        return known(table, row, "measure", text, context.measures, problems,
                     what="this is not a measure of the quality plan",
                     fix=f"write the kpi_id of the plan's measure this answer belongs to "
                         f"({listed(context.measures)})") or text

    return _dated_rows(table, context, problems, check=method, measure=measure,
                       value_fix="write the answer as a number (a rate as a fraction: 0.97, or 97%)")


def _readings(table: Table, context: _Context, problems) -> pd.DataFrame:
    known_ids = [*context.measures, INTERNAL_VIEW]

    def measure(row, text):
        if not text:
            problems.append(Problem(table.file, row, "measure", "", "the measure is empty",
                                    "name what was measured, e.g. internal_quality_rating"))
            return text
        name = canonical(text, known_ids)
        if name is None and nearest(text, known_ids, n=1, cutoff=0.85):
            # a near miss of a plan measure would silently become a process reading of its own
            problems.append(Problem(table.file, row, "measure", text,
                                    "this is not a plan measure, but close to one",
                                    suggest(text, known_ids, "name the plan measure exactly, or give "
                                            "a process reading a name of its own")))
        return name or text

    return _dated_rows(table, context, problems, segments=False, measure=measure,
                       value_fix="write the reading as a number")


def _complaints(table: Table, context: _Context, problems) -> pd.DataFrame:
    return _dated_rows(table, context, problems)


def _plan(table: Table, context: _Context, problems) -> pd.DataFrame:
    rows, seen = [], {}
    for row, rec in table:
        out = dict(rec, row=row)
        if not rec["kpi_id"]:
            problems.append(Problem(table.file, row, "kpi_id", "", "the kpi_id is empty",
                                    "give every measure a short id, e.g. otif"))
        elif rec["kpi_id"] in seen:
            problems.append(Problem(table.file, row, "kpi_id", rec["kpi_id"],
                                    f"the kpi_id is used already on row {seen[rec['kpi_id']]}",
                                    "give every measure its own id"))
        seen.setdefault(rec["kpi_id"], row)
        out["method"] = known(table, row, "method", rec["method"], PLAN_METHODS, problems,
                              what="this is not a measuring method the plan knows",
                              fix="write one of: " + ", ".join(PLAN_METHODS)) or rec["method"]
        out["audience"] = _audience(table, row, rec["audience"], context.segments, problems)
        cadences = list(CADENCE_MONTHS) + ([] if out["method"] in TOUCHPOINT_METHODS else list(EVENT_CADENCES))
        if out["method"] not in TOUCHPOINT_METHODS and re.fullmatch(r"every [a-z][a-z -]{0,38}",
                                                                     str(rec["cadence"]).lower()):
            cadences.append(str(rec["cadence"]))  # every claim, every ticket: the engagement's unit
        out["cadence"] = known(table, row, "cadence", rec["cadence"], cadences, problems,
                               what="the calendar cannot schedule this cadence" if rec["cadence"] else
                               "the cadence is empty",
                               fix="write one of: " + ", ".join(cadences)) or rec["cadence"]
        if not rec["owner"]:
            problems.append(Problem(table.file, row, "owner", "", "the measure has no owner",
                                    "name the person who answers for it, e.g. the engagement's leader"))
        for column in ("target", "alert"):
            if parse_threshold(rec[column]) is None:
                problems.append(Problem(table.file, row, column, rec[column],
                                        f"the {column} is not a comparison with a number",
                                        "write it like >= 95%, < 3.8 or <= 10 days"))
        least = MIN_N.get(out["method"], MIN_N["survey"])
        if rec.get("min_n", ""):
            least = number(table, row, "min_n", rec["min_n"], problems, low=1, whole=True,
                           fix=f"write the fewest answers, orders or readings a period needs before a "
                               f"breach is more than an early signal, e.g. {least}") or least
        out["min_n"] = int(least)
        rows.append(out)
    return pd.DataFrame(rows)


def _audience(table: Table, row: int, text: str, segments, problems) -> str:
    """``all segments`` or segment names separated by commas, each as engagement.yaml writes it."""
    if canonical(text, [ALL_SEGMENTS, "all"]):
        return ALL_SEGMENTS
    if segments is None:
        return text
    names = [s.strip() for s in text.split(",")] if text.strip() else [""]
    found = [known(table, row, "audience", name, segments, problems,
                   what="this audience is not a customer segment of engagement.yaml",
                   fix=f"write {ALL_SEGMENTS}, or segment names from strategy.customers separated "
                       f"by commas") for name in names]
    return ", ".join(f for f in found if f) if all(found) else text
