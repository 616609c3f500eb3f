"""The engagement's must-haves on the quality plan's measures: no plan target may be weaker.

A criterion with a knockout is a must-have. It is about a plan measure when criteria.csv's
optional ``measure`` column names the measure's id, or when the criterion's id is a measure id of
the engagement's measure families (``order_accuracy``). Its knockout becomes a target in the
measure's unit: a benefit criterion's ``99.5`` in ``%`` is ``>= 99.5%``, a cost criterion's
``48`` in hours is ``<= 48 h``. A must-have whose unit cannot be set against the measure's is
left out (a criterion in EUR says nothing of a share).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from workbook.core.measure_library import UNITS, Measure, find
from workbook.core.thresholds import parse_threshold
from workbook.core.vocabulary import criterion_unit, same_unit


@dataclass(frozen=True)
class MustHave:
    """A must-have on measure ``measure``: ``op`` and ``value`` in the measure's unit (a share as
    a fraction), ``text`` the target it sets (``>= 99.5%``), from criterion ``criterion`` (on
    ``row`` of criteria.csv)."""

    measure: str
    criterion: str
    row: int | None
    op: str
    value: float
    text: str

    def weaker(self, target: str) -> bool:
        """Whether a plan target asks less than this must-have (unreadable targets are not)."""
        parsed = parse_threshold(target)
        if parsed is None:
            return False
        return parsed[1] < self.value if self.op == ">=" else parsed[1] > self.value


def written(op: str, value: float, unit: str) -> str:
    """A target in the plan's writing: ``>= 99.5%``, ``<= 48 h``, ``>= 4.2``."""
    if unit in ("share", "percent"):
        return f"{op} {round(value * 100, 6):g}%"
    word = UNITS.get(unit, "")
    return f"{op} {value:g} {word}" if word and unit != "per_1000" else f"{op} {value:g}"


def _in_unit(measure: Measure, value: float, unit: str) -> float | None:
    """A knockout written in the criterion's ``unit`` as a number in the measure's unit."""
    if measure.is_share:
        if same_unit(unit, "%"):
            return value / 100
        return value if not unit and 0 <= value <= 1 else None
    if measure.unit in ("seconds", "minutes", "hours", "days"):
        return value if same_unit(unit, measure.unit) or same_unit(unit, UNITS[measure.unit]) else None
    return value if not unit else None


def must_haves(criteria: pd.DataFrame | None, families: tuple[str, ...]) -> dict[str, MustHave]:
    """The must-have of each measure that has one (the strictest if two criteria set one)."""
    found: dict[str, MustHave] = {}
    if criteria is None or "knockout" not in criteria:
        return found
    for cid, row in criteria[criteria["knockout"].notna()].iterrows():
        named = str(row.get("measure", "") or "").strip() if "measure" in criteria else ""
        measure = find(named or str(cid), families)
        if measure is None or (not named and measure.family not in families):
            continue
        value = _in_unit(measure, float(row["knockout"]), criterion_unit(criteria, cid))
        if value is None:
            continue
        op = ">=" if row["direction"] == "benefit" else "<="
        have = MustHave(measure.id, str(cid), row.get("row"), op, value, written(op, value, measure.unit))
        if measure.id not in found or have.weaker(found[measure.id].text):  # the strictest wins
            found[measure.id] = have
    return found
