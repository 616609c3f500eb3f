"""Targets and alert thresholds as a quality plan writes them: ``>= 95%``, ``< +10``, ``<= 10 days``."""

from __future__ import annotations

import re

_THRESHOLD = re.compile(r"^\s*(>=|<=|>|<|≥|≤)\s*([+-]?\d+(?:[.,]\d+)?)\s*(%|days?)?\s*$")


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


def breaches(value: float, threshold: tuple[str, float]) -> bool:
    """Whether ``value`` satisfies the comparison (an alert's condition, or a target's)."""
    op, limit = threshold
    return {">=": value >= limit, "<=": value <= limit, ">": value > limit, "<": value < limit}[op]


def higher_is_better(target: tuple[str, float]) -> bool:
    return target[0] in (">=", ">")
