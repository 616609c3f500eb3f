"""A quality measure's values written in its own kind (a share, a rating, a duration), as finely
as reading them beside a threshold or as an interval's two ends takes."""

from __future__ import annotations

import math

from workbook.core.formats import KINDS, missing
from workbook.core.thresholds import threshold_unit


def measure_kind(kpi_id: str, target: str) -> str:
    """The kind of a quality measure, from its id and how its target is written."""
    target = str(target)
    unit = threshold_unit(target)
    if unit == "share" or "%" in target:
        return "percent"
    if unit in ("days", "hours", "seconds", "minutes"):
        return unit
    if "day" in target:
        return "days"
    if kpi_id == "nps" or "+" in target:
        return "signed"
    return "rating"


def measure(value, kpi_id: str, target: str) -> str:
    """A quality measure's value in its own kind: ``96.3%``, ``8 days``, ``+32``, ``4.1``."""
    return KINDS[measure_kind(kpi_id, target)](value)


def measure_against(value, level, kpi_id: str, target: str, least: int = 0) -> str:
    """:func:`measure`, with as many more decimals as it takes for the value to read on its own
    side of ``level``: 3.795 against an alert at 3.8 is ``3.795``, never ``3.8`` (up to four more);
    and at least ``least`` more (those its interval takes, :func:`interval_places`)."""
    kind = measure_kind(kpi_id, target)
    if missing(value) or kind not in _PLACES:
        return measure(value, kpi_id, target)
    scale, places, _ = _PLACES[kind]
    value = float(value)  # Python's rounding, whatever numpy type came in
    at = None if missing(level) or value == level else round(float(level) * scale, 9)  # 0.04 * 100 is 4.000000000000001
    for more in range(least, 5):
        shown = round(value * scale, places + more)
        if at is None or (shown != at and (shown < at) == (value < level)):
            return measure_places(value, kpi_id, target, more)
    return measure_places(value, kpi_id, target, 4)


def interval_places(low, high, kpi_id: str, target: str) -> int:
    """How many more decimals than :func:`measure` an interval's two ends take to read as figures
    at least two steps of their last decimal apart (up to three more): 0.99912 to 0.99981 take one
    (``99.91% to 99.98%``, never ``over 99.9% to over 99.9%``), 0.0043 to 0.0051 one (``0.43% to
    0.51%``, not ``0.4% to 0.5%``)."""
    kind = measure_kind(kpi_id, target)
    if missing(low) or missing(high) or low == high or kind not in _PLACES:
        return 0
    scale, places, _ = _PLACES[kind]
    for more in range(4):
        ends = interval_ends(low, high, kpi_id, target, more)
        steps = (round(float(high) * scale, places + more) - round(float(low) * scale, places + more)) * 10 ** (places + more)
        if abs(steps) >= 2 - 1e-9 and not any(end.startswith(("over", "under")) for end in ends):
            return more
    return 3


def interval_ends(low, high, kpi_id: str, target: str, more: int | None = None) -> tuple[str, str]:
    """An interval's two ends, written alike (``29.0 hours`` and ``31.4 hours``, not ``29 hours``),
    at ``more`` decimals more than :func:`measure` (by default :func:`interval_places`)."""
    kind = measure_kind(kpi_id, target)
    if missing(low) or missing(high) or kind not in _PLACES:
        return measure(low, kpi_id, target), measure(high, kpi_id, target)
    more = interval_places(low, high, kpi_id, target) if more is None else more
    return _more_places(low, kind, more), _more_places(high, kind, more)


def measure_interval(low, high, kpi_id: str, target: str) -> str:
    """An interval ``low`` to ``high`` in the measure's kind (:func:`interval_ends`); one value
    written once."""
    if not missing(low) and low == high:
        return measure(low, kpi_id, target)
    return " to ".join(interval_ends(low, high, kpi_id, target))


# What a measure of a kind can read: a share from 0 to 100%, a duration from nothing up
_POSSIBLE = {"percent": (0.0, 1.0), "days": (0.0, math.inf), "hours": (0.0, math.inf), "seconds": (0.0, math.inf)}


def possible(value, kpi_id: str, target: str) -> float:
    """``value`` brought within what the measure can read (a control limit of -0.4% is 0%)."""
    low, high = _POSSIBLE.get(measure_kind(kpi_id, target), (-math.inf, math.inf))
    return min(max(float(value), low), high)


def measure_places(value, kpi_id: str, target: str, more: int) -> str:
    """:func:`measure` with ``more`` decimals; a share short of 100% never reads as 100%."""
    kind = measure_kind(kpi_id, target)
    if more == 0 or missing(value) or kind not in _PLACES:
        return measure(value, kpi_id, target)
    return _more_places(value, kind, more)


def _more_places(value, kind: str, more: int) -> str:
    scale, places, write = _PLACES[kind]
    places += more
    if kind == "percent" and 0 < value < 1:  # as percent() does, at these decimals
        top, bottom = 100 - 10 ** -places, 10 ** -places
        if round(value * 100, places) > top:
            return f"over {write(top, places)}"
        if round(value * 100, places) < bottom:
            return f"under {write(bottom, places)}"
    return write(float(value) * scale, places)


# kind -> (scale to the written number, decimals measure() writes, writer with more decimals)
_PLACES = {"percent": (100, 1, lambda v, p: f"{v:.{p}f}%"),
           "rating": (1, 1, lambda v, p: f"{v:.{p}f}"),
           "signed": (1, 0, lambda v, p: f"{v:+.{p}f}"),
           "days": (1, 1, lambda v, p: f"{v:,.{p}f} days"),
           "hours": (1, 1, lambda v, p: f"{v:,.{p}f} hours"),
           "seconds": (1, 0, lambda v, p: f"{v:,.{p}f} s")}


def measure_level(value, kpi_id: str, target: str) -> str:
    """A threshold level, written like the measure (no decimals on whole percentages)."""
    kind = measure_kind(kpi_id, target)
    if kind == "percent" and not missing(value) and math.isclose(value * 100, round(value * 100)):
        return f"{value:.0%}"
    return KINDS[kind](value)
