"""The team's progress on the judgments, in words: for the page, the summary and the command line.

The counts come from :func:`workbook.team.progress.scoring_status`.
"""

from __future__ import annotations

import pandas as pd

from workbook.core import formats
from workbook.engagement.model import Engagement
from workbook.team.progress import scoring_status


def readable_status(status: pd.DataFrame, names) -> pd.DataFrame:
    """:func:`scoring_status` with the open partners named, for tables and the report."""
    return status.assign(to_do=[", ".join(str(names.get(p, p)) for p in t.split(", ")) if t else ""
                                for t in status["to_do"].fillna("")])


def team_summary(status: pd.DataFrame, names) -> list[str]:
    """One sentence for the whole team, then one per evaluator still at work."""
    judged, expected = int(status["judged"].sum()), int(status["expected"].sum())
    evidence = int(status["with_evidence"].sum())
    if judged == expected:
        who = {1: "The evaluator has", 2: "Both evaluators have"}.get(len(status), f"All {len(status)} evaluators have")
        return [f"{who} judged every partner: {judged} judgments, {evidence} with evidence."]
    lines = [f"{judged} of {expected} judgments given ({formats.share(judged / expected)}), {evidence} with "
             f"evidence."]
    for r in readable_status(status, names).itertuples(index=False):
        if r.judged < r.expected:
            lines.append(f"{r.evaluator}: {r.judged} of {r.expected}; still to judge {r.to_do}.")
    return lines


def status_line(row, partners: int) -> str:
    """One evaluator's progress (a row of :func:`scoring_status`) as a sentence."""
    if row.judged == row.expected:
        state = "done"
    elif row.judged == 0:
        state = "not started"
    else:
        state = f"{row.partners_done} of {partners} partners done; still to judge: {row.to_do}"
    return (f"{row.evaluator}: {row.judged} of {row.expected} judgments ({formats.share(row.share)}), "
            f"{row.with_evidence} with evidence; {state}.")


def status_lines(engagement: Engagement) -> list[str]:
    """The status as sentences, one per evaluator, for the command line."""
    return [status_line(r, len(engagement.partners))
            for r in scoring_status(engagement).itertuples(index=False)]
