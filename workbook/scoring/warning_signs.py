"""The field's signs about a partner, as flags: the shiny object, unique competence, weak customer
focus and poor cultural chemistry.

- Shiny object: strong in the ``innovation`` group yet weak in ``track_record`` or
  ``domain_knowledge``. Weak means in the bottom quarter of the field's range on the group, or a
  judged criterion of that group below adequate (3 of 5), the absolute minimum. The longer the
  engagement runs, the more the risk weighs: severity is high from three years on.
- Unique competence: a criterion on which the partner is the field's best by at least a quarter
  of the field's range (flag ``unique:<criterion>``, a strength).
- Customer focus (listening, flexibility, exceeding expectations) and cultural chemistry: a judged
  criterion of the group below adequate flags ``weak_customer_focus`` or ``culture_gap``; high
  at "poor" (2 of 5) or below, medium between poor and adequate (:func:`below_adequate_severity`).

Supply continuity has its own module, :mod:`workbook.scoring.continuity`.
"""

from __future__ import annotations

import pandas as pd

from workbook.core.vocabulary import ADEQUATE, SCORE_SOURCE, criterion_unit
from workbook.scoring.matrix import field_standing

STRONG, WEAK = 0.75, 0.25
POOR = 2.0  # a judgment of 2 of 5: "poor", where "adequate" is 3
CLEAR_LEAD = 0.25
LONG_TERM_YEARS = 3.0
GROUP_FLAGS = {"customer_focus": "weak_customer_focus", "culture": "culture_gap"}


def group_scores(values: pd.DataFrame, criteria: pd.DataFrame) -> pd.DataFrame:
    """Each partner's standing in the field per criterion group: the mean of its criteria's
    standings against the other partners (0 = the field's worst, 1 = its best)."""
    return field_standing(values, criteria).T.groupby(criteria["group"]).mean().T


def _judged(criteria: pd.DataFrame, group: str) -> pd.DataFrame:
    return criteria[(criteria["group"] == group) & (criteria["source"] == SCORE_SOURCE)]


SHINY_GROUPS = ("track_record", "domain_knowledge")  # where a shiny object is weak


def shiny_objects(values: pd.DataFrame, criteria: pd.DataFrame, term_years: float) -> pd.DataFrame:
    """partner, severity, term_years, bottom_quarter, below, below_values: partners strong on
    innovation but weak on track record or domain knowledge. ``bottom_quarter``: the groups of
    :data:`SHINY_GROUPS` where the partner stands in the field's bottom quarter; ``below``: the
    judged criteria of those groups below adequate, ``below_values`` their judgments (tuples)."""
    columns = ["partner", "severity", "term_years", "bottom_quarter", "below", "below_values"]
    groups = group_scores(values, criteria)
    if "innovation" not in groups or len(values) < 2:
        return pd.DataFrame(columns=columns)
    rows = []
    for pid in values.index:
        if groups.at[pid, "innovation"] < STRONG:
            continue
        present = [g for g in SHINY_GROUPS if g in groups]
        bottom = tuple(g for g in present if groups.at[pid, g] <= WEAK)
        below = tuple(c for g in present for c in _judged(criteria, g).index if values.at[pid, c] < ADEQUATE)
        if bottom or below:
            rows.append({"partner": pid, "severity": "high" if term_years >= LONG_TERM_YEARS else "medium",
                         "term_years": float(term_years), "bottom_quarter": bottom, "below": below,
                         "below_values": tuple(float(values.at[pid, c]) for c in below)})
    return pd.DataFrame(rows, columns=columns)


def unique_competencies(values: pd.DataFrame, criteria: pd.DataFrame) -> pd.DataFrame:
    """partner, criterion, name, value, next_best, unit: where a partner clearly leads the field
    (``unit`` is a fact's unit from its name, empty for a judgment)."""
    columns = ["partner", "criterion", "name", "value", "next_best", "unit"]
    if len(values) < 2:
        return pd.DataFrame(columns=columns)
    scaled = field_standing(values, criteria)
    rows = []
    for cid in criteria.index:
        order = scaled[cid].sort_values(ascending=False)
        if order.iloc[0] - order.iloc[1] >= CLEAR_LEAD:
            best, second = order.index[0], order.index[1]
            rows.append({"partner": best, "criterion": cid, "name": criteria.at[cid, "name"],
                         "value": values.at[best, cid], "next_best": values.at[second, cid],
                         "unit": "" if criteria.at[cid, "source"] == SCORE_SOURCE else
                         criterion_unit(criteria, cid)})
    return pd.DataFrame(rows, columns=columns)


def below_adequate(values: pd.DataFrame, criteria: pd.DataFrame, group: str) -> pd.DataFrame:
    """partner, criterion, name, value: judged criteria of ``group`` below adequate."""
    judged = _judged(criteria, group)
    rows = [{"partner": pid, "criterion": cid, "name": judged.at[cid, "name"], "value": value}
            for cid in judged.index for pid, value in values[cid].items() if value < ADEQUATE]
    return pd.DataFrame(rows, columns=["partner", "criterion", "name", "value"])


def below_adequate_severity(value: float) -> str:
    """How severe a customer-focus or culture judgment below adequate is: ``high`` at poor (2 of
    5) or below, where the team sees a real weakness; ``medium`` between poor and adequate."""
    return "high" if value <= POOR else "medium"


def warning_flags(values: pd.DataFrame, criteria: pd.DataFrame, shiny: pd.DataFrame,
                  supply: pd.DataFrame, unique: pd.DataFrame) -> dict[str, list[str]]:
    """Flags per partner for ``ranking.csv``: ``shiny_object``, ``supply:<input>`` (a material or
    consumable), ``continuity:<input>`` (a capability: a platform, a contract, a labour pool),
    ``unique:<criterion>``, and ``weak_customer_focus:<criterion>`` and ``culture_gap:<criterion>``
    for each criterion of those groups judged below adequate."""
    flags: dict[str, list[str]] = {}
    for pid in shiny["partner"]:
        flags.setdefault(pid, []).append("shiny_object")
    kinds = supply["input_kind"] if "input_kind" in supply else pd.Series("material", index=supply.index)
    for pid, item, kind in supply.assign(input_kind=kinds)[["partner", "input", "input_kind"]] \
            .drop_duplicates().itertuples(index=False):
        flags.setdefault(pid, []).append(f"{'continuity' if kind == 'capability' else 'supply'}:{item}")
    for pid, cid in unique[["partner", "criterion"]].itertuples(index=False):
        flags.setdefault(pid, []).append(f"unique:{cid}")
    for group, flag in GROUP_FLAGS.items():  # one flag per criterion judged below adequate
        for pid, cid in below_adequate(values, criteria, group)[["partner", "criterion"]].itertuples(index=False):
            flags.setdefault(pid, []).append(f"{flag}:{cid}")
    return flags
