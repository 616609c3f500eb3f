"""Who has scored what: the team's progress on the judgments, per evaluator and partner."""

from __future__ import annotations

import pandas as pd

from workbook.engagement import Engagement


def scoring_status(engagement: Engagement) -> pd.DataFrame:
    """One row per evaluator of ``team.evaluators`` (in that order).

    Columns: ``judged`` and ``expected`` judgments, ``share`` (judged / expected), ``with_evidence``
    (judgments that say what they rest on), ``partners_done`` (partners judged on every scored
    criterion) and ``to_do`` (the partners still open, as text).
    """
    criteria = engagement.scored_criteria.index
    partners = engagement.partners.index
    scores = engagement.scores
    rows = []
    for evaluator in engagement.settings.evaluators:
        own = scores[(scores["evaluator"] == evaluator) & scores["criterion"].isin(criteria)
                     & scores["partner"].isin(partners)]
        per_partner = own.groupby("partner")["criterion"].nunique().reindex(partners, fill_value=0)
        open_partners = [p for p, n in per_partner.items() if n < len(criteria)]
        expected = len(criteria) * len(partners)
        rows.append({
            "evaluator": evaluator,
            "judged": len(own),
            "expected": expected,
            "share": len(own) / expected if expected else 1.0,
            "with_evidence": int((own["evidence"].fillna("").astype(str).str.strip() != "").sum()),
            "partners_done": len(partners) - len(open_partners),
            "to_do": ", ".join(open_partners),
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


def status_grid(engagement: Engagement) -> pd.DataFrame:
    """Judgments made per evaluator (rows) and partner (columns), out of the scored criteria."""
    criteria = engagement.scored_criteria.index
    scores = engagement.scores[engagement.scores["criterion"].isin(criteria)]
    counts = scores.groupby(["evaluator", "partner"]).size().unstack(fill_value=0)
    return counts.reindex(index=list(engagement.settings.evaluators),
                          columns=engagement.partners.index, fill_value=0).astype(int)


def status_lines(engagement: Engagement) -> list[str]:
    """The status as sentences, one per evaluator, for the command line and the report."""
    lines = []
    for r in scoring_status(engagement).itertuples(index=False):
        if r.judged == r.expected:
            state = "done"
        elif r.judged == 0:
            state = "not started"
        else:
            state = f"{r.partners_done} of {r.partners_done + len(r.to_do.split(', '))} partners " \
                    f"done; still to judge: {r.to_do}"
        lines.append(f"{r.evaluator}: {r.judged} of {r.expected} judgments ({r.share:.0%}), "
                     f"{r.with_evidence} with evidence; {state}.")
    return lines
