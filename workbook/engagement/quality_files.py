"""``quality/``: tracking data and the team's edited quality plan, validated like the rest.

| file | columns (optional in brackets) |
|---|---|
| deliveries.csv | order, segment, promised, delivered, ordered_qty, delivered_qty, [order_date, accepted, partner] |
| feedback.csv | date, segment, method, measure, value, [comment, partner] |
| readings.csv | date, measure, value, [note, partner] |
| complaints.csv | date, segment, [order, comment, partner] |
| observations.csv | period, measure, value, n, [segment, partner, unit, note] (:mod:`workbook.engagement.observations`) |
| plan.csv | kpi_id, kpi, definition, method, audience, cadence, owner, target, alert, [unit, direction, min_n, discipline] |

Dates are written YYYY-MM-DD. A delivery with no ``delivered`` date is still open. Names from a
fixed vocabulary (segments, methods, measures, cadences, yes/no) are understood whatever their case,
blanks or hyphens, and written back in their canonical form.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from workbook.core.dates import written_as
from workbook.core.errors import Problem
from workbook.core.files import Table, read_table
from workbook.core.measure_library import aliases, measures_of
from workbook.core.names import canonical, listed, nearest, suggest
from workbook.core.vocabulary import CUSTOMER_METHODS, INTERNAL_VIEW
from workbook.engagement.bulk import BULK_BYTES, bulk_deliveries, bulk_observations, header
from workbook.engagement.cells import date_cell, known, number, require_columns, yes_no
from workbook.engagement.observations import COLUMNS as OBSERVATION_COLUMNS, check_observations
from workbook.engagement.plan_checks import check_plan
from workbook.engagement.tracking_checks import as_share, one_attribution

REQUIRED = {
    "deliveries.csv": ("order", "segment", "promised", "delivered", "ordered_qty", "delivered_qty"),
    "feedback.csv": ("date", "segment", "method", "measure", "value"),
    "readings.csv": ("date", "measure", "value"),
    "complaints.csv": ("date", "segment"),
    "observations.csv": OBSERVATION_COLUMNS,
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
    observations: pd.DataFrame | None = None

    @property
    def empty(self) -> bool:
        return all(f is None for f in (self.deliveries, self.feedback, self.readings, self.complaints,
                                       self.observations))


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
    units: dict[str, str] | None = None  # measure -> its unit (days, hours, seconds …)
    aliases: dict[str, str] | None = None  # another name of a measure (csat) -> its id


def _measure_id(table: Table, row: int, text: str, context: _Context, problems, example: str) -> str:
    """A measure cell as the plan's id (an alias such as csat or aht read as the measure it names)."""
    if not text:
        problems.append(Problem(table.file, row, "measure", "", "the measure is empty",
                                f"write the plan's kpi_id this row belongs to, e.g. {example}"))
        return text
    aliased = _alias(text, context)
    if aliased is not None:
        return aliased
    return known(table, row, "measure", text, context.measures, problems,
                 what="this is not a measure of the quality plan",
                 fix=f"write the kpi_id of the plan's measure this row belongs to "
                     f"({listed(context.measures)})") or text


def check_quality(folder: Path, display, segments: list[str] | None, problems: list[Problem],
                  partners: list[str] | None = None, families: tuple[str, ...] = ("goods",),
                  musts: dict | None = None) -> QualityData | None:
    """Validate every file present in ``folder`` (the engagement's ``quality/``).

    ``segments`` and ``partners`` are None when engagement.yaml or partners.csv could not be read
    (those checks are then skipped). The measures answers may name are the edited plan's, else
    those of the measure library's ``families`` the plan is generated from; ``musts`` are the
    engagement's must-haves by measure, which no target of the edited plan may be weaker than.
    """
    if not folder.is_dir():
        return None
    found, large = {}, []
    for name in REQUIRED:
        if (folder / name).exists():
            if name in BULK and (folder / name).stat().st_size > BULK_BYTES:
                large.append(name)  # read a column at a time once the plan says what it measures
            elif (table := _table(folder, name, display, problems)) is not None:
                found[name] = table
    plan = (check_plan(found["plan.csv"], _Context(segments, partners, []), problems, families, musts)
            if "plan.csv" in found else None)
    if plan is not None and len(plan):
        measures, units, targets = list(plan["kpi_id"]), dict(zip(plan["kpi_id"], plan["unit"])), \
            dict(zip(plan["kpi_id"], plan["target"]))
    else:
        library = measures_of(families)
        measures, units = [m.id for m in library], {m.id: m.unit for m in library}
        targets = {m.id: "a percentage" for m in library}  # the plan's target depends on the strategy
    shares = {m: targets[m] for m in measures if units.get(m) in ("share", "percent")}
    context = _Context(segments, partners, measures, shares, units, aliases(families))
    checks = {"deliveries.csv": _deliveries, "feedback.csv": _feedback,
              "readings.csv": _readings, "complaints.csv": _complaints, "observations.csv": _observations}
    frames, shapes = {}, {}
    for name in large:
        frame = BULK[name](folder / name, context)
        if frame is not None:
            frames[name] = frame
            shapes[name] = (display(name), header(folder / name)[0], len(frame) > 0)
        elif (table := _table(folder, name, display, problems)) is not None:
            found[name] = table  # a cell to name: the careful reading names it
    frames.update({name: checks[name](table, context, problems) for name, table in found.items()
                   if name in checks})
    one_attribution(shapes | {n: (t.file, t.columns, bool(t.records)) for n, t in found.items() if n in checks},
                    problems)
    # a file with a header and no rows holds nothing to track: as if it were not there
    frames = {name: frame if frame is not None and len(frame) else None for name, frame in frames.items()}
    frames["plan.csv"] = plan
    return QualityData(**{n.removesuffix(".csv"): frames.get(n) for n in REQUIRED})


def _table(folder: Path, name: str, display, problems) -> Table | None:
    table = read_table(folder / name, display(name), problems)
    if table is None or not require_columns(table, REQUIRED[name], problems):
        return None
    table.dates = {c: written_as(r[c] for r in table.records)
                   for c in ("date", "promised", "delivered", "order_date") if c in table.columns}
    return table


def _alias(text: str, context: _Context) -> str | None:
    """The plan measure an alias (csat, aht, fcr) names, or None."""
    alias = canonical(text, list(context.aliases or {}))
    return context.aliases[alias] if alias is not None and context.aliases[alias] in context.measures else None


def _measure_of(context: _Context):
    """A measure cell's id without a message (None when the careful reading must name it)."""
    return lambda text: _alias(text, context) or canonical(text, context.measures)


# Files that may hold millions of rows, read a column at a time past BULK_BYTES (workbook.engagement.bulk)
BULK = {"deliveries.csv": lambda path, c: bulk_deliveries(path, c.segments, c.partners),
        "observations.csv": lambda path, c: bulk_observations(path, c.segments, c.partners, _measure_of(c),
                                                               c.units or {})}


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
        return _measure_id(table, row, text, context, problems, "nps")

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


def _observations(table: Table, context: _Context, problems) -> pd.DataFrame:
    return check_observations(
        table, context, problems,
        segment=lambda row, text: _segment(table, row, text, context.segments, problems),
        partner=lambda row, rec: _partner(table, row, rec, context.partners, problems),
        measure=lambda row, text: _measure_id(table, row, text, context, problems, "service_level"),
        as_share=as_share)
