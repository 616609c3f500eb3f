"""What changed since the previous good report, as codes and figures (the words are the views').

Compared from the two reports' records of findings and their rankings: the recommendation's
change (its kind or its partner), each partner's move in the ranking, early warnings that are new,
worse, eased or cleared (a warning is the same warning while its rule and subjects are: the
measure, the segment, the partner, the input), and measures that came on target or fell off it.
One row per change in :data:`COLUMNS`, in :data:`CHANGES` order; ``results/changes.csv``.
"""

from __future__ import annotations

import pandas as pd

from workbook.quality.status import ALERT as PAST_ALERT
from workbook.quality.status import ON_TARGET, SHORT
from workbook.register.finding import ALERT, SEVERITIES, STATUS, Finding, Findings

CHANGES = ("recommendation", "rank", "warning_new", "warning_worse", "warning_eased", "warning_cleared",
           "target_met", "target_missed")
# ``before`` and ``after``: a rank, a severity, a status or the recommendation's kind; for the
# recommendation, ``partner`` is the one recommended now and ``earlier_partner`` the one before
COLUMNS = ["change", "partner", "measure", "segment", "input", "rule", "before", "after", "earlier_partner"]
CHANGES_FILE = "changes.csv"
JUDGED = (ON_TARGET, SHORT, PAST_ALERT)  # statuses that say where a measure stands against its target


def warning_key(f: Finding) -> tuple[str, str, str, str, str]:
    """What makes two renders' warnings the same warning: its rule and its subjects."""
    return (f.code, f.about("measure") or "", f.about("segment") or "", f.about("partner") or "",
            f.about("input") or "")


def worse(severity: str | None, than: str | None) -> bool:
    """Whether ``severity`` is more severe than ``than`` (None: no warning at all)."""
    rank = {s: i for i, s in enumerate(reversed(SEVERITIES))}
    return rank.get(severity or "", -1) > rank.get(than or "", -1)


def compare(before: Findings, after: Findings, ranks_before: dict, ranks_after: dict) -> pd.DataFrame:
    """The changes from ``before`` to ``after`` (records of findings) and from ``ranks_before`` to
    ``ranks_after`` (partner id to rank; a partner out of the ranking has none)."""
    rows = []

    def add(change, before_value, after_value, rule="", **subjects):
        rows.append({"change": change, "partner": subjects.get("partner", ""), "measure": subjects.get("measure", ""),
                     "segment": subjects.get("segment", ""), "input": subjects.get("input", ""), "rule": rule,
                     "before": before_value, "after": after_value,
                     "earlier_partner": subjects.get("earlier_partner", "")})

    old, new = before.recommendation, after.recommendation
    old_says = (old.code, old.about("partner")) if old else ("", "")
    new_says = (new.code, new.about("partner")) if new else ("", "")
    if old_says != new_says:
        add("recommendation", old_says[0], new_says[0], partner=new_says[1], earlier_partner=old_says[1])
    for partner in sorted(set(ranks_before) | set(ranks_after), key=lambda p: (ranks_after.get(p, 1e9), p)):
        if ranks_before.get(partner) != ranks_after.get(partner):
            add("rank", ranks_before.get(partner, ""), ranks_after.get(partner, ""), partner=partner)
    was = {warning_key(f): f for f in before.of(ALERT)}
    now = {warning_key(f): f for f in after.of(ALERT)}
    for key, f in now.items():
        previous = was.get(key)
        change = ("warning_new" if previous is None else "warning_worse" if worse(f.severity, previous.severity)
                  else "warning_eased" if worse(previous.severity, f.severity) else None)
        if change:
            add(change, previous.severity if previous else "", f.severity, f.code, **_subjects(f))
    for key, f in was.items():
        if key not in now:
            add("warning_cleared", f.severity, "", f.code, **_subjects(f))
    stood = {f.about("measure"): f.code for f in before.of(STATUS)}
    for f in after.of(STATUS):
        old_status, measure = stood.get(f.about("measure")), f.about("measure")
        if old_status in JUDGED and f.code in JUDGED and (old_status == ON_TARGET) != (f.code == ON_TARGET):
            add("target_met" if f.code == ON_TARGET else "target_missed", old_status, f.code, measure=measure)
    table = pd.DataFrame(rows, columns=COLUMNS)
    order = {c: i for i, c in enumerate(CHANGES)}
    return table.sort_values("change", key=lambda c: c.map(order), kind="stable").reset_index(drop=True)


def _subjects(f: Finding) -> dict:
    return {k: f.about(k) or "" for k in ("partner", "measure", "segment", "input")}
