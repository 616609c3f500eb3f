"""Who has scored what: the team's progress on the judgments, per evaluator and partner."""

from __future__ import annotations

import pandas as pd

from workbook.engagement.model import Engagement
from workbook.scoring.matrix import missing_judgments


def scoring_status(engagement: Engagement) -> pd.DataFrame:
    """One row per evaluator of ``team.evaluators`` (in that order).

    Columns: ``judged`` and ``expected`` judgments, ``share`` (judged / expected), ``with_evidence``
    (judgments that say what they rest on), ``partners_done`` (partners judged on every scored
    criterion) and ``to_do`` (the partner ids still open, in partner order, as text).
    """
    partners = engagement.partners.index
    expected = len(engagement.scored_criteria) * len(partners)
    missing = missing_judgments(engagement)
    scores = engagement.scores
    evidence = scores["evidence"].fillna("").astype(str).str.strip() != ""
    rows = []
    for evaluator in engagement.settings.evaluators:
        open_ = set(missing.loc[missing["evaluator"] == evaluator, "partner"])
        judged = expected - int((missing["evaluator"] == evaluator).sum())
        rows.append({
            "evaluator": evaluator,
            "judged": judged,
            "expected": expected,
            "share": judged / expected if expected else 1.0,
            "with_evidence": int((evidence & (scores["evaluator"] == evaluator)).sum()),
            "partners_done": len(partners) - len(open_),
            "to_do": ", ".join(p for p in partners if p in open_),
        })
    return pd.DataFrame(rows, columns=["evaluator", "judged", "expected", "share", "with_evidence",
                                       "partners_done", "to_do"])


def readable_status(status: pd.DataFrame, names) -> pd.DataFrame:
    """:func:`scoring_status` with the open partners named, for tables and the report."""
    return status.assign(to_do=[", ".join(str(names.get(p, p)) for p in t.split(", ")) if t else ""
                                for t in status["to_do"].fillna("")])


def team_summary(status: pd.DataFrame, names) -> list[str]:
    """One sentence for the whole team, then one per evaluator still at work."""
    judged, expected = int(status["judged"].sum()), int(status["expected"].sum())
    evidence = int(status["with_evidence"].sum())
    if judged == expected:
        return [f"All {len(status)} evaluators have judged every partner: {judged} judgments, "
                f"{evidence} with evidence."]
    lines = [f"{judged} of {expected} judgments given ({judged / expected:.0%}), {evidence} with "
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
    return (f"{row.evaluator}: {row.judged} of {row.expected} judgments ({row.share:.0%}), "
            f"{row.with_evidence} with evidence; {state}.")


def status_lines(engagement: Engagement) -> list[str]:
    """The status as sentences, one per evaluator, for the command line."""
    return [status_line(r, len(engagement.partners))
            for r in scoring_status(engagement).itertuples(index=False)]
