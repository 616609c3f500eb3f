"""Who has scored what: the team's progress on the judgments, per evaluator and partner.

The counts only; :mod:`workbook.views.team_progress` puts them into words."""

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
