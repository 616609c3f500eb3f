"""``quality/plan.csv``, the team's edited quality plan, checked row by row.

Besides the cells' own checks (a method the plan knows, a cadence the calendar can schedule, an
owner, readable thresholds), a measure's unit is checked against its targets: a measure of the
measure library keeps the library's unit (``unit`` may restate it), a team's own measure says its
unit and direction or has them read from its target (``>= 95%`` is a share, higher is better). A
target written in another unit (``<= 2 days`` for a measure in hours) and a target weaker than
the engagement's must-have on the same measure are problems.
"""

from __future__ import annotations

import re

import pandas as pd

from workbook.core.errors import Problem
from workbook.core.files import Table
from workbook.core.measure_library import DIRECTIONS, SHARE_UNITS, UNITS, find
from workbook.core.names import canonical
from workbook.core.thresholds import parse_threshold, threshold_unit
from workbook.core.vocabulary import (ALL_SEGMENTS, CADENCE_MONTHS, EVENT_CADENCES, MIN_N, PLAN_METHODS,
                                      TOUCHPOINT_METHODS)
from workbook.engagement.cells import known, number


def _unit(table: Table, row: int, rec: dict, families, problems) -> str:
    """The measure's unit: the library's for a library measure, else the plan's column or its target's."""
    measure = find(rec["kpi_id"], families) if rec["kpi_id"] else None
    written = str(rec.get("unit", "") or "").strip()
    if written:
        unit = known(table, row, "unit", written, list(UNITS), problems,
                     what="this is not a unit the plan knows",
                     fix="write one of: " + ", ".join(UNITS))
        if unit and measure is not None and unit != measure.unit and \
                not (unit in SHARE_UNITS and measure.is_share):
            problems.append(Problem(table.file, row, "unit", written,
                                    f"{rec['kpi_id']} is measured in {measure.unit} in the measure library",
                                    f"write {measure.unit}, or give the measure an id of its own"))
        return unit or written
    if measure is not None:
        return measure.unit
    return threshold_unit(rec["target"]) or "score"


def _target_units(table: Table, row: int, rec: dict, unit: str, problems) -> None:
    """A threshold in the measure's own unit: a share as a percentage, a duration in its unit."""
    for column in ("target", "alert"):
        parsed, written = parse_threshold(rec[column]), threshold_unit(rec[column])
        if parsed is None:
            continue
        if unit in SHARE_UNITS and written != "share":
            problems.append(Problem(table.file, row, column, rec[column],
                                    f"{rec['kpi_id']} is a share, and the {column} is not a percentage",
                                    f"write it as a percentage, e.g. {parsed[0]} {parsed[1]:g}%"
                                    if parsed[1] > 1 else f"write it as a percentage, e.g. "
                                    f"{parsed[0]} {parsed[1] * 100:g}%"))
        elif written is not None and written != unit and not (written == "share" and unit in SHARE_UNITS):
            problems.append(Problem(table.file, row, column, rec[column],
                                    f"the {column} is in {written}, but {rec['kpi_id']} is measured in {unit}",
                                    f"write it in {unit}, e.g. {parsed[0]} {parsed[1]:g} {UNITS.get(unit) or ''}"
                                    .rstrip()))


def _direction(table: Table, row: int, rec: dict, problems) -> str:
    written = str(rec.get("direction", "") or "").strip()
    parsed = parse_threshold(rec["target"])
    implied = None if parsed is None else ("higher" if parsed[0] in (">=", ">") else "lower")
    if not written:
        return implied or ""
    direction = known(table, row, "direction", written, list(DIRECTIONS), problems,
                      what="the direction is not higher or lower",
                      fix="write higher when more is better, lower when less is better")
    if direction and implied and direction != implied:
        problems.append(Problem(table.file, row, "direction", written,
                                f"the target {rec['target']} says {implied} is better",
                                f"write {implied}, or turn the target round"))
    return direction or written


def check_plan(table: Table, context, problems, families=(), musts=None) -> pd.DataFrame:
    """The edited plan's rows, checked; ``musts`` are the engagement's must-haves by measure."""
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
                                        "write it like >= 95%, < 3.8, <= 10 days or <= 48 h"))
        out["unit"] = _unit(table, row, rec, families, problems)
        out["direction"] = _direction(table, row, rec, problems)
        _target_units(table, row, rec, out["unit"], problems)
        must = (musts or {}).get(rec["kpi_id"])
        if must is not None and must.weaker(rec["target"]):
            at = f" (criteria.csv row {must.row})" if must.row else ""
            problems.append(Problem(table.file, row, "target", rec["target"],
                                    f"the target is weaker than the must-have {must.text} on "
                                    f"{rec['kpi_id']}, from criterion {must.criterion}{at}",
                                    f"write a target of at least {must.text}, or change the must-have"))
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
