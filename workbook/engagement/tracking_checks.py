"""What tracking data means, checked across its cells and files: a share is never silently a
hundred times itself (a ``unit`` column is honoured or refused, never ignored), and whose data it
is is said one way across the tracking files. Used by :mod:`workbook.engagement.quality_files`.
"""

from __future__ import annotations

from workbook.core.errors import Problem
from workbook.core.files import Table
from workbook.core.measure_library import DURATION_UNITS, UNITS, find
from workbook.core.vocabulary import INTERNAL_VIEW, PERCENT_UNITS, same_unit
from workbook.core.wordbook import join


def as_share(table: Table, row: int, rec: dict, measure: str, value: float, context,
              problems) -> float | None:
    """``value`` in the measure's own unit. A share's value is a fraction (0.952): a ``unit`` of %
    says the cell is a percentage (95.2 is 0.952); a percentage without it, or another unit, is a
    problem: a share never silently becomes a hundred times itself, and never lies outside 0% to
    100%. A unit of % on a measure that is not a share is refused too (its target is not a
    percentage)."""
    unit = str(rec.get("unit", "") or "").strip()
    percent = unit.lower() in PERCENT_UNITS
    share = (context.shares or {}).get(measure)
    written = rec["value"].strip()
    if share is None:
        if percent and measure in (*context.measures, INTERNAL_VIEW):
            problems.append(Problem(table.file, row, "unit", unit, f"the unit is %, but {measure} is not a share "
                                    f"(its target is not a percentage)",
                                    "leave the unit empty, or write the unit the measure's target counts in"))
            return None
        own = (context.units or {}).get(measure, "")
        if unit and not percent and own in DURATION_UNITS and not (same_unit(unit, own) or same_unit(unit, UNITS[own])):
            problems.append(Problem(table.file, row, "unit", unit, f"the unit is {unit}, but {measure} is "
                                    f"measured in {own}", f"write the value in {own} and the unit {UNITS[own]}, "
                                    f"or leave the unit empty"))
            return None
        scale = library.scale if (library := find(measure)) is not None else None
        if scale is not None and not scale[0] <= value <= scale[1]:  # a 1-5 rating of the library's
            problems.append(Problem(table.file, row, "value", written, f"{measure} is a rating from "
                                    f"{scale[0]:g} to {scale[1]:g}", f"write the rating from {scale[0]:g} (poor) "
                                    f"to {scale[1]:g} (excellent)"))
            return None
        return value
    if percent:
        return _within(table, row, measure, written, value if written.endswith("%") else value / 100, problems)
    if unit:
        problems.append(Problem(table.file, row, "unit", unit, f"the unit is {unit}, but {measure} is a share "
                                f"(its target is {share})",
                                f"write % as the unit and the value as a percentage ({written}), or leave the "
                                f"unit empty and write the share as a fraction"))
        return None
    if value > 1 and not written.endswith("%"):
        problems.append(Problem(table.file, row, "value", written, f"{measure} is a share (its target is "
                                f"{share}), and this reads as a percentage",
                                f"write the share as a fraction ({value / 100:g}) or as {written}%, or write % "
                                f"in a unit column"))
        return None
    return _within(table, row, measure, written, value, problems)


def _within(table: Table, row: int, measure: str, written: str, share: float, problems) -> float | None:
    """``share`` when it lies within 0 and 1; else a problem (a report would divide by it)."""
    if 0 <= share <= 1:
        return share
    problems.append(Problem(table.file, row, "value", written, f"{measure} is a share, and a share lies between "
                            f"0% and 100%", "write the share of the period between 0 and 1 (0% to 100%)"))
    return None


def one_attribution(tables: dict[str, tuple[str, list[str], bool]], problems) -> None:
    """Whose the tracking data is, said one way: every tracking file names the partner on every
    row, or none does (then it is the partner under contract's). A file without the column beside
    files with it would be read as about whoever is under contract, or about no one. ``tables``:
    each file's name, as shown, its columns and whether it has rows."""
    named = [n for n, (_, columns, _) in tables.items() if "partner" in columns]
    for name, (file, columns, rows) in tables.items():
        if named and "partner" not in columns and rows:
            problems.append(Problem(file, 1, "partner", None,
                                    f"the partner column is missing, while {join(named)} "
                                    f"{'names' if len(named) == 1 else 'name'} the partner on every row",
                                    "add a partner column with the id of the partner each row is about, or "
                                    "take it out of the other files when all the data is about the partner "
                                    "under contract"))
