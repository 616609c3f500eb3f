"""What sets a partner apart, and where it falls short of "adequate", in words and flags.

- Unique competence: a criterion on which the partner is the field's best by at least a quarter
  of the field's range ("rises to the top because ..."); flag ``unique:<criterion>``.
- Customer focus (listening, flexibility, exceeding expectations) and cultural chemistry: a judged
  criterion of the group below 3 of 5 flags ``weak_customer_focus`` or ``culture_gap``.
"""

from __future__ import annotations

import pandas as pd

from workbook.scoring.matrix import standing
from workbook.core.vocabulary import SCORE_SOURCE, mid_sentence

CLEAR_LEAD = 0.25
ADEQUATE = 3.0
GROUP_FLAGS = {"customer_focus": "weak_customer_focus", "culture": "culture_gap"}


def unique_competencies(values: pd.DataFrame, criteria: pd.DataFrame) -> pd.DataFrame:
    """partner, criterion, value, next_best: where a partner clearly leads the field."""
    columns = ["partner", "criterion", "name", "value", "next_best"]
    if len(values) < 2:
        return pd.DataFrame(columns=columns)
    scaled = standing(values, criteria)
    rows = []
    for cid in criteria.index:
        order = scaled[cid].sort_values(ascending=False)
        if order.iloc[0] - order.iloc[1] >= CLEAR_LEAD:
            best, second = order.index[0], order.index[1]
            rows.append({"partner": best, "criterion": cid, "name": criteria.at[cid, "name"],
                         "value": values.at[best, cid], "next_best": values.at[second, cid]})
    return pd.DataFrame(rows, columns=columns)


def rises_to_the_top(unique: pd.DataFrame, partners: list[str], names) -> list[str]:
    """One sentence per partner: what makes it rise to the top, or that nothing does."""
    lines = []
    for pid in partners:
        mine = unique[unique["partner"] == pid]
        if mine.empty:
            lines.append(f"{names(pid)}: no criterion on which it clearly leads the field.")
            continue
        reasons = "; ".join(f"{mid_sentence(r['name'])} ({r['value']:.3g} against the next best "
                            f"{r['next_best']:.3g})" for _, r in mine.iterrows())
        lines.append(f"{names(pid)} rises to the top because of {reasons}.")
    return lines


def below_adequate(values: pd.DataFrame, criteria: pd.DataFrame, group: str) -> pd.DataFrame:
    """partner, criterion, value: judged criteria of ``group`` below 3 of 5."""
    judged = criteria[(criteria["group"] == group) & (criteria["source"] == SCORE_SOURCE)]
    rows = [{"partner": pid, "criterion": cid, "name": judged.at[cid, "name"], "value": value}
            for cid in judged.index for pid, value in values[cid].items() if value < ADEQUATE]
    return pd.DataFrame(rows, columns=["partner", "criterion", "name", "value"])


def group_flags(values: pd.DataFrame, criteria: pd.DataFrame,
                unique: pd.DataFrame) -> dict[str, list[str]]:
    """``unique:<criterion>``, ``weak_customer_focus`` and ``culture_gap`` flags per partner."""
    flags: dict[str, list[str]] = {}
    for pid, cid in unique[["partner", "criterion"]].itertuples(index=False):
        flags.setdefault(pid, []).append(f"unique:{cid}")
    for group, flag in GROUP_FLAGS.items():
        for pid in dict.fromkeys(below_adequate(values, criteria, group)["partner"]):
            flags.setdefault(pid, []).append(flag)
    return flags


def group_view(values: pd.DataFrame, criteria: pd.DataFrame, group: str, names) -> pd.DataFrame:
    """One row per partner with the values of a group's criteria, columns named for people."""
    members = criteria.index[criteria["group"] == group]
    view = values[members].rename(columns=criteria["name"].to_dict())
    view.insert(0, "partner", [names(p) for p in view.index])
    return view.reset_index(drop=True)


def group_findings(values: pd.DataFrame, criteria: pd.DataFrame, group: str,
                   names) -> tuple[pd.DataFrame | None, list[str]]:
    """A group's values per partner (None when no criterion belongs to the group), and a sentence
    per judgment below adequate, or one saying that every partner is at least adequate."""
    if not (criteria["group"] == group).any():
        return None, [f"No criterion of the {group} group in criteria.csv: not assessed."]
    weak = below_adequate(values, criteria, group)
    lines = [f"{names(r['partner'])}: {r['name']} judged {r['value']:.2f} of 5." for _, r in weak.iterrows()]
    return group_view(values, criteria, group, names), lines or ["Every partner is at least adequate here."]
