"""The field's warning signs about a partner: the shiny object, weak customer focus, poor chemistry.

Shiny object: strong in the ``innovation`` group yet weak in ``track_record`` or
``domain_knowledge``. Weak means in the bottom quarter of the field's range on the group, or a
judged criterion of that group below 3 of 5 ("adequate"), the absolute minimum. The longer the
engagement runs, the more the risk weighs: severity is high from three years on.

Supply continuity has its own module, :mod:`workbook.continuity`.
"""

from __future__ import annotations

import pandas as pd

from workbook.scoring.matrix import standing
from workbook.core.vocabulary import SCORE_SOURCE, mid_sentence

STRONG, WEAK = 0.75, 0.25
ADEQUATE_SCORE = 3.0
LONG_TERM_YEARS = 3.0


def group_scores(values: pd.DataFrame, criteria: pd.DataFrame) -> pd.DataFrame:
    """Each partner's standing per criterion group: mean of min-max normalised values, 0 to 1."""
    return standing(values, criteria).T.groupby(criteria["group"]).mean().T


def shiny_objects(values: pd.DataFrame, criteria: pd.DataFrame, term_years: float) -> pd.DataFrame:
    """Partners strong on innovation but weak on track record or domain knowledge."""
    columns = ["partner", "reason", "severity"]
    groups = group_scores(values, criteria)
    if "innovation" not in groups or len(values) < 2:
        return pd.DataFrame(columns=columns)
    rows = []
    for pid in values.index:
        if groups.at[pid, "innovation"] < STRONG:
            continue
        weak = []
        for group in ("track_record", "domain_knowledge"):
            if group not in groups:
                continue
            judged = criteria[(criteria["group"] == group) & (criteria["source"] == SCORE_SOURCE)]
            below = [c for c in judged.index if values.at[pid, c] < ADEQUATE_SCORE]
            parts = [f"{mid_sentence(criteria.at[c, 'name'])} judged {values.at[pid, c]:.1f} of 5"
                     for c in below]
            if groups.at[pid, group] <= WEAK:
                parts.insert(0, f"{group.replace('_', ' ')} in the bottom quarter of the field")
            if parts:
                weak.append(" and ".join(parts))
        if weak:
            severity = "high" if term_years >= LONG_TERM_YEARS else "medium"
            rows.append({"partner": pid, "severity": severity,
                         "reason": f"top-quarter innovation but {'; '.join(weak)}, for a "
                                   f"{term_years:g}-year engagement"})
    return pd.DataFrame(rows, columns=columns)


def risk_flags(shiny: pd.DataFrame, supply: pd.DataFrame) -> dict[str, list[str]]:
    """Flags for ``ranking.csv``: ``shiny_object`` and ``supply:<input>``."""
    flags: dict[str, list[str]] = {}
    for pid in shiny["partner"]:
        flags.setdefault(pid, []).append("shiny_object")
    for pid, item in supply[["partner", "input"]].drop_duplicates().itertuples(index=False):
        flags.setdefault(pid, []).append(f"supply:{item}")
    return flags
