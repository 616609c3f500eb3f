"""Targets and alert thresholds as a quality plan writes them: ``>= 95%``, ``< +10``, ``<= 10 days``,
``<= 48 h``, ``<= 20 s``."""

from __future__ import annotations

import re

_THRESHOLD = re.compile(r"^\s*(>=|<=|>|<|≥|≤)\s*([+-]?\d+(?:[.,]\d+)?)\s*"
                        r"(%|days?|d|hours?|hrs?|h|minutes?|mins?|seconds?|secs?|s)?\s*$", re.IGNORECASE)
# the unit word of a threshold -> the measure library's unit (workbook.core.measure_library)
_UNIT_WORDS = {"%": "share", "day": "days", "days": "days", "d": "days", "hour": "hours", "hours": "hours",
               "hr": "hours", "hrs": "hours", "h": "hours", "minute": "minutes", "minutes": "minutes",
               "min": "minutes", "mins": "minutes", "second": "seconds", "seconds": "seconds",
               "sec": "seconds", "secs": "seconds", "s": "seconds"}


def parse_threshold(text: str) -> tuple[str, float] | None:
    """``">= 95%"`` -> ``(">=", 0.95)``; ``"< +10"`` -> ``("<", 10.0)``; None when unreadable.

    Percentages become fractions, the unit the tracking computes rates in.
    """
    match = _THRESHOLD.match(str(text))
    if not match:
        return None
    op = {"≥": ">=", "≤": "<="}.get(match.group(1), match.group(1))
    value = float(match.group(2).replace(",", "."))
    return op, value / 100 if match.group(3) == "%" else value


def threshold_unit(text: str) -> str | None:
    """The unit a threshold is written in: ``">= 95%"`` -> ``"share"``, ``"<= 48 h"`` ->
    ``"hours"``, ``"< 20 s"`` -> ``"seconds"``; None when it names none (or is unreadable)."""
    match = _THRESHOLD.match(str(text))
    return _UNIT_WORDS[match.group(3).lower()] if match and match.group(3) else None


def breaches(value: float, threshold: tuple[str, float]) -> bool:
    """Whether ``value`` satisfies the comparison (an alert's condition, or a target's)."""
    op, limit = threshold
    return {">=": value >= limit, "<=": value <= limit, ">": value > limit, "<": value < limit}[op]


def higher_is_better(target: tuple[str, float]) -> bool:
    return target[0] in (">=", ">")
