"""The field's warning signs: the shiny object and the partner whose inputs can run out.

Shiny object: strong in the ``innovation`` group yet weak in ``track_record`` or
``domain_knowledge``. Weak means in the bottom quarter of the field's range on the group, or a
judged criterion of that group below 3 of 5 ("adequate"), the absolute minimum. The longer the
engagement runs, the more the risk weighs: severity is high from three years on.

Supply: a critical input with a single qualified source, and any input whose days on hand are
below its replenishment time (a stock-out would come before the next delivery could).
"""

from __future__ import annotations

import pandas as pd

from workbook.mcda import minmax_normalise
from workbook.vocabulary import SCORE_SOURCE

STRONG, WEAK = 0.75, 0.25
ADEQUATE_SCORE = 3.0
LONG_TERM_YEARS = 3.0


def group_scores(values: pd.DataFrame, criteria: pd.DataFrame) -> pd.DataFrame:
    """Each partner's standing per criterion group: mean of min-max normalised values, 0 to 1."""
    benefit = (criteria["direction"] == "benefit").to_numpy()
    scaled = pd.DataFrame(minmax_normalise(values[criteria.index].to_numpy(float), benefit),
                          index=values.index, columns=criteria.index)
    return scaled.T.groupby(criteria["group"]).mean().T


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
            parts = [f"{criteria.at[c, 'name'].lower()} judged {values.at[pid, c]:.1f} of 5"
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


def supply_risks(supply: pd.DataFrame | None) -> pd.DataFrame:
    """Single-source critical inputs and inputs whose stock runs out before replenishment."""
    columns = ["partner", "input", "issue", "severity", "sources", "days_on_hand", "replenish_days"]
    if supply is None or supply.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for _, s in supply.iterrows():
        base = {k: s[k] for k in ("partner", "input", "sources", "days_on_hand", "replenish_days")}
        if s["critical"] and s["sources"] <= 1:
            rows.append(dict(base, issue="single qualified source for a critical input",
                             severity="high"))
        if s["days_on_hand"] < s["replenish_days"]:
            rows.append(dict(base, severity="high" if s["critical"] else "medium",
                             issue=f"{s['days_on_hand']:g} days on hand, "
                                   f"{s['replenish_days']:g} days to replenish"))
    return pd.DataFrame(rows, columns=columns)


def risk_flags(shiny: pd.DataFrame, supply: pd.DataFrame) -> dict[str, list[str]]:
    """Flags for ``ranking.csv``: ``shiny_object`` and ``supply:<input>``."""
    flags: dict[str, list[str]] = {}
    for pid in shiny["partner"]:
        flags.setdefault(pid, []).append("shiny_object")
    for pid, item in supply[["partner", "input"]].drop_duplicates().itertuples(index=False):
        flags.setdefault(pid, []).append(f"supply:{item}")
    return flags
