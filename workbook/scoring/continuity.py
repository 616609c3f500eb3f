"""Supply continuity: the inputs a partner can run out of, or lose, and what that costs its customers.

A partner once missed a delivery because it ran out of the chemical that cleans its equipment:
consumables count as critical inputs, not only raw materials. Not every input is stocked, though:
the work also runs on **capabilities** (a software platform such as a warehouse management system,
a site, a carrier contract, a labour pool) that are not kept on a shelf but are either available or
down. ``supply.csv``'s ``kind`` says which (:data:`INPUT_KINDS`; materials by default), and each kind
has its own flags and its own model.

Materials and consumables (stock against replenishment)
-------------------------------------------------------
Flags: a critical input with a single qualified source (:data:`SINGLE_SOURCE`), and any input whose
days on hand are below its replenishment time (:data:`STOCK_SHORT`: a stock-out would come before the
next delivery could).

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

Capabilities (redundancy, failover, hours of service lost)
----------------------------------------------------------
Each row gives ``sources`` (independent providers or instances able to carry the work: 1 means no
redundancy), ``failover_hours`` F (the time to switch to the second provider or standby; with two or
more), ``recovery_hours`` R (the time to restore service when nothing can take over) and
``tolerable_hours`` L (the longest outage the work can ride out before customers feel it).

Flags: a critical capability with one provider (:data:`SINGLE_PROVIDER`: no redundancy), and any
redundant capability whose failover takes longer than the work can stand, F > L
(:data:`SLOW_FAILOVER`).

Hours of service lost and the chance of an outage the work cannot stand (a model; its assumptions
are parameters and are printed with the result):

- each provider or instance has ``OUTAGES_PER_YEAR`` outages a year on average (Poisson), each
  lasting R hours on average (exponential): it is down a share ``u = rR / (HOURS_PER_YEAR + rR)`` of
  the time (an alternating up-down process);
- an outage of the provider in use stops the work for the F hours of the failover (a planned,
  rehearsed switch), unless the k - 1 others are all down too, with probability ``p = u**(k - 1)``;
  then, and always with one provider (p = 1), until recovery;
- expected hours of service lost a year ``H = r * ((1 - p) * F + p * R)``;
- an outage is longer than the work can stand with probability
  ``(1 - p) * [F > L] + p * exp(-L/R)``: a failover slower than the work can stand always is, a
  recovery when it outlasts L (``exp(-L/0)`` is 0: an instant recovery never lasts too long);
- critical capabilities fail independently of each other and of the materials. The yearly rate of
  outages longer than the work can stand is the sum of ``r * ((1 - p) [F > L] + p exp(-L/R))`` over
  them, and the chance of at least one over T years ``1 - exp(-T * rate)``.

Figures of the two models are never added: a missed delivery of goods and an hour of service lost
are different harms, reported side by side.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from workbook.core import formats
from workbook.engagement.supply_checks import CAPABILITY, CAPABILITY_COLUMNS, INPUT_KINDS, MATERIAL

DISRUPTIONS_PER_YEAR = 0.5
DISRUPTION_DAYS = 14.0
OUTAGES_PER_YEAR = 1.0
HOURS_PER_YEAR = 8760.0

# The kinds of supply risk: of a stocked input (material, consumable), of a capability.
SINGLE_SOURCE, STOCK_SHORT = "single_source", "stock_short"
SINGLE_PROVIDER, SLOW_FAILOVER = "single_provider", "slow_failover"
RISK_KINDS = (SINGLE_SOURCE, STOCK_SHORT, SINGLE_PROVIDER, SLOW_FAILOVER)
CAPABILITY_FIGURES = CAPABILITY_COLUMNS  # a capability's hours, as supply.csv names them


def supply_severity(kind: str, critical: bool) -> str:
    """The one severity of a supply risk, wherever it is shown (the supply table, the early
    warnings, the summary), for every kind of risk (:data:`RISK_KINDS`): a critical input's risk is
    high; a stock shortfall or a slow failover of an input the partner can work without for a
    while is medium. (Only critical inputs are checked for a single source or a single provider.)"""
    if kind not in RISK_KINDS:
        raise ValueError(f"not a kind of supply risk: {kind!r}")
    return "high" if critical else "medium"


def input_kinds(supply: pd.DataFrame) -> pd.Series:
    """Each row's kind of input (:data:`INPUT_KINDS`): ``kind`` as written, material when the file
    has no ``kind`` column or the cell is empty."""
    if "kind" not in supply:
        return pd.Series(MATERIAL, index=supply.index)
    return supply["kind"].where(supply["kind"].isin(INPUT_KINDS), MATERIAL)


def _figure(s: pd.Series, column: str) -> float:
    value = s.get(column, np.nan)
    return float("nan") if value is None or pd.isna(value) else float(value)


def supply_risks(supply: pd.DataFrame | None) -> pd.DataFrame:
    """The supply risks, one row each, with its ``kind`` (:data:`RISK_KINDS`), its
    :func:`supply_severity`, the input's kind (``input_kind``) and its figures.

    Materials and consumables: single-source critical inputs and inputs whose stock runs out
    before replenishment. Capabilities: critical ones with one provider, and redundant ones whose
    failover takes longer than the work can stand. ``issue`` says it in the input's own words."""
    columns = ["partner", "input", "issue", "severity", "sources", "days_on_hand", "replenish_days",
               "kind", "input_kind", *CAPABILITY_FIGURES]
    if supply is None or supply.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for (_, s), kind in zip(supply.iterrows(), input_kinds(supply)):
        base = {"partner": s["partner"], "input": s["input"], "sources": s["sources"], "input_kind": kind,
                **{c: _figure(s, c) for c in ("days_on_hand", "replenish_days", *CAPABILITY_FIGURES)}}
        critical = bool(s["critical"])
        if kind == CAPABILITY:
            failover, recovery, tolerable = (base[c] for c in CAPABILITY_FIGURES)
            if critical and s["sources"] <= 1:
                rows.append(dict(base, kind=SINGLE_PROVIDER, severity=supply_severity(SINGLE_PROVIDER, True)))
            elif s["sources"] > 1 and failover > tolerable:
                rows.append(dict(base, kind=SLOW_FAILOVER, severity=supply_severity(SLOW_FAILOVER, critical)))
            continue
        if critical and s["sources"] <= 1:
            rows.append(dict(base, kind=SINGLE_SOURCE, severity=supply_severity(SINGLE_SOURCE, True)))
        if s["days_on_hand"] < s["replenish_days"]:
            rows.append(dict(base, kind=STOCK_SHORT, severity=supply_severity(STOCK_SHORT, critical)))
    rows = [dict(r, issue=risk_issue(r["kind"], r)) for r in rows]
    return pd.DataFrame(rows, columns=columns)


def risk_issue(kind: str, figures) -> str:
    """A supply risk of ``kind`` in its input's own words, from its ``figures`` (a risk's row, or
    the findings record's figures): the one wording of the supply table, the early warnings and
    results.xlsx."""
    if kind == SINGLE_PROVIDER:
        # both in hours, as the early warning's evidence writes them ("the work can stand 4 hours")
        return (f"no redundancy for a critical capability: recovery takes {formats.hours(figures['recovery_hours'])}, "
                f"the work can stand {formats.hours(figures['tolerable_hours'])}")
    if kind == SLOW_FAILOVER:
        return (f"failover takes {formats.hours(figures['failover_hours'])}, "
                f"the work can stand {formats.hours(figures['tolerable_hours'])}")
    if kind == SINGLE_SOURCE:
        return "single qualified source for a critical input"
    return f"{figures['days_on_hand']:g} days on hand, {figures['replenish_days']:g} days to replenish"


def capability_outages(sources, failover_hours, recovery_hours, tolerable_hours,
                       rate: float = OUTAGES_PER_YEAR) -> tuple[np.ndarray, np.ndarray]:
    """Per capability (arrays of equal length): the expected hours of service lost a year and the
    yearly rate of outages longer than the work can stand (the module's model). ``failover_hours``
    is not used (and may be NaN) where there is one provider."""
    k = np.maximum(np.asarray(sources, dtype=float), 1.0)
    recovery = np.asarray(recovery_hours, dtype=float)
    tolerable = np.asarray(tolerable_hours, dtype=float)
    failover = np.where(k > 1, np.nan_to_num(np.asarray(failover_hours, dtype=float)), 0.0)
    down = rate * recovery / (HOURS_PER_YEAR + rate * recovery)
    p = down ** (k - 1)
    hours = rate * ((1 - p) * failover + p * recovery)
    return hours, rate * ((1 - p) * (failover > tolerable) + p * _outlasts(tolerable, recovery))


def _outlasts(limit: np.ndarray, mean: np.ndarray) -> np.ndarray:
    """P(an exponential duration of this mean > limit); 0 for an instant (mean 0) duration."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(mean > 0, np.exp(-limit / np.where(mean > 0, mean, 1.0)), 0.0)


def missed_delivery_chance(supply: pd.DataFrame | None, term_years: float,
                           rate: float = DISRUPTIONS_PER_YEAR,
                           days: float = DISRUPTION_DAYS,
                           outages: float = OUTAGES_PER_YEAR) -> pd.DataFrame:
    """Per partner with a critical input, the two models side by side.

    Materials and consumables: ``yearly_rate`` of missed deliveries, ``chance_over_term`` of at
    least one, and ``main_cause``, the input that contributes most. Capabilities:
    ``hours_lost_a_year`` (expected hours of service lost), ``outage_rate`` (outages longer than the
    work can stand, a year), ``outage_chance_over_term`` of at least one, and ``outage_cause``.
    A partner without a critical input of one kind has empty (NaN) figures for it."""
    columns = ["partner", "yearly_rate", "chance_over_term", "main_cause",
               "hours_lost_a_year", "outage_rate", "outage_chance_over_term", "outage_cause"]
    if supply is None or supply.empty:
        return pd.DataFrame(columns=columns)
    critical = supply.assign(input_kind=input_kinds(supply))[supply["critical"].astype(bool)].copy()
    stocked = critical[critical["input_kind"] != CAPABILITY].copy()
    overlap = days / 365.0
    sources = stocked["sources"].clip(lower=1)
    stocked["rate"] = rate * overlap ** (sources - 1) * np.exp(-stocked["days_on_hand"].astype(float) / days)
    capable = critical[critical["input_kind"] == CAPABILITY].copy()
    if len(capable):
        capable["hours"], capable["rate"] = capability_outages(
            capable["sources"], capable["failover_hours"], capable["recovery_hours"],
            capable["tolerable_hours"], outages)
    rows = []
    for partner in dict.fromkeys(critical["partner"]):
        row = dict.fromkeys(columns, np.nan)
        row.update(partner=partner, main_cause="", outage_cause="")
        inputs = stocked[stocked["partner"] == partner]
        if len(inputs):
            total = float(inputs["rate"].sum())
            row.update(yearly_rate=total, chance_over_term=1.0 - float(np.exp(-term_years * total)),
                       main_cause=inputs.loc[inputs["rate"].idxmax(), "input"])
        mine = capable[capable["partner"] == partner]
        if len(mine):
            total = float(mine["rate"].sum())
            row.update(hours_lost_a_year=float(mine["hours"].sum()), outage_rate=total,
                       outage_chance_over_term=1.0 - float(np.exp(-term_years * total)),
                       outage_cause=mine.loc[mine["rate"].idxmax(), "input"])
        rows.append(row)
    return pd.DataFrame(rows, columns=columns)
