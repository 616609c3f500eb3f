"""Supply continuity: the inputs a partner can run out of, and the chance of a missed delivery.

A partner once missed a delivery because it ran out of the chemical that cleans its equipment:
consumables count as critical inputs, not only raw materials.

Flags: a critical input with a single qualified source, and any input whose days on hand are
below its replenishment time (a stock-out would come before the next delivery could).

Missed-delivery estimate, per partner over the engagement's term (a model; its assumptions are
parameters and are printed with the result):

- each qualified source of an input is disrupted ``DISRUPTIONS_PER_YEAR`` times a year on average
  (Poisson), each disruption lasting ``DISRUPTION_DAYS`` days on average (exponential);
- with k sources, a disruption stops supply only when the other k - 1 are disrupted at the same
  time, each with probability ``DISRUPTION_DAYS / 365``;
- the partner misses a delivery when a stopping disruption outlasts its stock, with probability
  ``exp(-days_on_hand / DISRUPTION_DAYS)``;
- critical inputs fail independently. Then the yearly rate of missed deliveries is
  ``sum_i r * q**(k_i - 1) * exp(-h_i / D)`` and the chance of at least one over T years is
  ``1 - exp(-T * rate)``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

DISRUPTIONS_PER_YEAR = 0.5
DISRUPTION_DAYS = 14.0


SINGLE_SOURCE, STOCK_SHORT = "single_source", "stock_short"  # the kinds of supply risk


def supply_severity(kind: str, critical: bool) -> str:
    """The one severity of a supply risk, wherever it is shown (the supply table, the early
    warnings, the summary): a critical input's risk is high; a stock shortfall of an input the
    partner can work without for a while is medium. (Only critical inputs are checked for a
    single source.)"""
    return "high" if critical else "medium"


def supply_risks(supply: pd.DataFrame | None) -> pd.DataFrame:
    """Single-source critical inputs and inputs whose stock runs out before replenishment, each
    with its ``kind`` (:data:`SINGLE_SOURCE`, :data:`STOCK_SHORT`) and :func:`supply_severity`."""
    columns = ["partner", "input", "issue", "severity", "sources", "days_on_hand", "replenish_days",
               "kind"]
    if supply is None or supply.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for _, s in supply.iterrows():
        base = {k: s[k] for k in ("partner", "input", "sources", "days_on_hand", "replenish_days")}
        if s["critical"] and s["sources"] <= 1:
            rows.append(dict(base, kind=SINGLE_SOURCE, severity=supply_severity(SINGLE_SOURCE, True),
                             issue="single qualified source for a critical input"))
        if s["days_on_hand"] < s["replenish_days"]:
            rows.append(dict(base, kind=STOCK_SHORT, severity=supply_severity(STOCK_SHORT, s["critical"]),
                             issue=f"{s['days_on_hand']:g} days on hand, "
                                   f"{s['replenish_days']:g} days to replenish"))
    return pd.DataFrame(rows, columns=columns)


def missed_delivery_chance(supply: pd.DataFrame | None, term_years: float,
                           rate: float = DISRUPTIONS_PER_YEAR,
                           days: float = DISRUPTION_DAYS) -> pd.DataFrame:
    """Per partner: the yearly rate of missed deliveries from its critical inputs, the chance of
    at least one over the term, and the input that contributes most."""
    columns = ["partner", "yearly_rate", "chance_over_term", "main_cause"]
    if supply is None or supply.empty:
        return pd.DataFrame(columns=columns)
    critical = supply[supply["critical"]].copy()
    overlap = days / 365.0
    sources = critical["sources"].clip(lower=1)
    critical["rate"] = rate * overlap ** (sources - 1) * np.exp(-critical["days_on_hand"] / days)
    rows = []
    for partner, inputs in critical.groupby("partner", sort=False):
        total = float(inputs["rate"].sum())
        rows.append({"partner": partner, "yearly_rate": total,
                     "chance_over_term": 1.0 - float(np.exp(-term_years * total)),
                     "main_cause": inputs.loc[inputs["rate"].idxmax(), "input"]})
    return pd.DataFrame(rows, columns=columns)
