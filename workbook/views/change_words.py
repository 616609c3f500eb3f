"""The words of what changed since the previous good report (:mod:`workbook.register.changes`):
one line per change, as the summary page, the notifications and results.xlsx say it."""

from __future__ import annotations

import pandas as pd

from workbook.core.wordbook import say
from workbook.views.finding_words import VERDICT_WORDS, status_words

HEADINGS = {"recommendation": "Recommendation", "rank": "Ranking", "warning_new": "New early warning",
            "warning_worse": "Worse early warning", "warning_eased": "Eased early warning",
            "warning_cleared": "Cleared early warning", "target_met": "Now on target",
            "target_missed": "No longer on target"}


def _blank(value) -> bool:
    return value is None or value == "" or (isinstance(value, float) and pd.isna(value))


def _rank(value) -> str:
    return "" if _blank(value) else str(int(float(value)))


def subject(row, partner_name, measure_name) -> str:
    """What a warning is about: its measure (or input), its segment and its partner, by name."""
    what = measure_name(row["measure"]) if not _blank(row["measure"]) else str(row["input"] or "")
    where = [str(row["segment"])] if not _blank(row["segment"]) and row["segment"] != "all segments" else []
    who = [partner_name(row["partner"])] if not _blank(row["partner"]) else []
    return ", ".join([what] + where + who)


def change_line(row, partner_name, measure_name) -> str:
    """One change in words; ``partner_name`` and ``measure_name`` turn ids into names."""
    change = row["change"]
    if change == "recommendation":
        now = f"{VERDICT_WORDS.get(row['after'], row['after'])}: {partner_name(row['partner'])}" \
            if not _blank(row["partner"]) else "no recommendation"
        before = f"{VERDICT_WORDS.get(row['before'], row['before'])}: {partner_name(row['earlier_partner'])}" \
            if not _blank(row["earlier_partner"]) else "no recommendation"
        return f"Now {now} (before: {before})."
    if change == "rank":
        who, before, after = partner_name(row["partner"]), _rank(row["before"]), _rank(row["after"])
        if not before:
            return f"{who} enters the ranking at {after}."
        if not after:
            return f"{who} is no longer ranked (was {before})."
        moved = "up" if int(after) < int(before) else "down"
        return f"{who} moves {moved} from {before} to {after}."
    if change.startswith("warning_"):
        rule = say(f"alert_rule.{row['rule']}") if not _blank(row["rule"]) else ""
        severity = (f"{row['before']} to {row['after']}" if change in ("warning_worse", "warning_eased")
                    else row["after"] if change == "warning_new" else f"was {row['before']}")
        return f"{subject(row, partner_name, measure_name)}: {rule} ({severity})."
    return (f"{measure_name(row['measure'])}: {status_words(row['after'])} "
            f"(was {status_words(row['before'])}).")


def change_lines(changes: pd.DataFrame, partner_name, measure_name) -> list[tuple[str, str]]:
    """(heading, line) of every change, in the record's order."""
    return [(HEADINGS[r["change"]], change_line(r, partner_name, measure_name)) for _, r in changes.iterrows()]
