"""One measure, one status: decided here once, and read by the status table, the early warnings
and the summary alike.

A measure's latest period is ``on target``, ``short of target``, past its alert threshold
(``alert``), past it but from fewer answers, orders or sessions than the plan's ``min_n`` (an
``early signal``, not yet a finding), inside it from fewer than ``min_n`` (``too few to judge``:
one answer on target says no more than one answer short of it), or ``not yet measured``. The early warning a status raises
has one severity (:data:`SEVERITY`): high for an alert, medium for an early signal.
"""

from __future__ import annotations

import math

import pandas as pd

from workbook.core.thresholds import breaches
from workbook.core.vocabulary import MIN_N

ON_TARGET, SHORT, EARLY, ALERT, TOO_FEW, UNMEASURED = (
    "on target", "short of target", "early signal", "alert", "too few to judge", "not yet measured")
STATUSES = (ON_TARGET, SHORT, EARLY, ALERT, TOO_FEW, UNMEASURED)
SEVERITY = {ALERT: "high", EARLY: "medium"}


def fewest(kpi: pd.Series | dict) -> int:
    """The fewest answers, orders or sessions a period needs before a breach is a finding: the
    plan's ``min_n``, else the default of the measure's method."""
    given = kpi.get("min_n")
    if given is not None and not (isinstance(given, float) and math.isnan(given)) and given != "":
        return int(given)
    return int(MIN_N.get(kpi.get("method", ""), MIN_N["survey"]))


def status_of(value: float | None, n: int | None, target, alert, least: int) -> str:
    """The status of a measure's latest value from ``n`` observations, against its ``target`` and
    ``alert`` thresholds (``(op, level)`` pairs, either may be None)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return UNMEASURED
    if alert is not None and breaches(value, alert):
        return EARLY if n is not None and n < least else ALERT
    if n is not None and n < least:
        return TOO_FEW
    if target is not None and breaches(value, target):
        return ON_TARGET
    return SHORT
