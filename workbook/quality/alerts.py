"""Early warnings: what should reach the sales team before customers notice.

Rules, each row of ``results/alerts.csv`` (severity, what, where, since, action):

- a measure whose latest value is past its alert threshold (high), overall or for one segment;
- a deteriorating trend: the last three changes all went the wrong way and the target is missed
  (medium);
- a control-chart signal: the latest month's OTIF below its p-chart lower limit, or the latest
  reading of an internal measure beyond its individuals-chart limits (high);
- supply continuity of the partner under contract: a critical input whose days on hand are below
  its replenishment time (high), or with a single qualified source (medium); while no partner is
  under contract yet, the same stock shortfall at any other candidate (low).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from workbook.core import formats
from workbook.core.thresholds import breaches, higher_is_better, parse_threshold
from workbook.quality.control import baseline_xmr, p_chart, worsening_run
from workbook.quality.tracking import answers_by_month

COLUMNS = ["severity", "what", "where", "since", "action"]
SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}
MIN_READINGS = 8  # fewer points give no meaningful control limits
FIX, ASK = "agree a fix with the partner", "ask the partner for the root cause"
FIND = "find the cause (the data names no partner)"


def _since(values: np.ndarray, months, alert) -> str:
    """First month of the run of breaching values that ends with the latest one."""
    i = len(values) - 1
    while i > 0 and not np.isnan(values[i - 1]) and breaches(values[i - 1], alert):
        i -= 1
    return str(months[i])


def measure_alerts(plan: pd.DataFrame, series: dict[str, pd.DataFrame], feedback: pd.DataFrame | None,
                   segments: list[str], partner_known: bool = True) -> list[dict]:
    """Threshold breaches and worsening trends of the plan's measures, overall and per segment.

    Without ``partner_known`` (data not attributed to a partner) the actions find the cause
    rather than take it up with a partner.
    """
    rows = []
    for _, kpi in plan.iterrows():
        target, alert = parse_threshold(kpi["target"]), parse_threshold(kpi["alert"])
        if kpi["kpi_id"] not in series or target is None or alert is None:
            continue
        views = [("all segments", series[kpi["kpi_id"]])]
        if feedback is not None and kpi["kpi_id"] in set(feedback["measure"]):
            views += [(s, answers_by_month(feedback, kpi["kpi_id"], s)) for s in segments]
        for where, s in views:
            if s.empty:
                continue
            values, months = s["value"].to_numpy(float), s["month"].astype(str).to_numpy()
            latest = values[-1]
            if breaches(latest, alert):
                rows.append({"severity": "high", "where": where, "since": _since(values, months, alert),
                             "what": f"{kpi['kpi']} is {formats.measure(latest, kpi['kpi_id'], kpi['target'])}, past "
                                     f"the alert threshold {kpi['alert']}",
                             "action": f"{kpi['owner']}: {FIX if partner_known else FIND} this week and "
                                       f"brief the sales team for {where} before customers call"})
            elif worsening_run(values, higher_is_better(target)) and not breaches(latest, target):
                rows.append({"severity": "medium", "where": where, "since": str(months[-4]),
                             "what": f"{kpi['kpi']} has worsened three periods in a row, now "
                                     f"{formats.measure(latest, kpi['kpi_id'], kpi['target'])} (target {kpi['target']})",
                             "action": f"{kpi['owner']}: {ASK if partner_known else FIND} before the "
                                       f"alert threshold is reached"})
    return rows


def control_alerts(series: dict[str, pd.DataFrame], readings: pd.DataFrame | None,
                   measures: list[str] = (), partner_known: bool = True,
                   targets: dict[str, str] | None = None) -> list[dict]:
    """Latest OTIF below its p-chart limit; latest reading of a process ``measures`` beyond its
    XmR limits (written in the kind of the plan's target, ``targets[measure]``, when it has one). Limits come from the first half of the readings (at least eight), the period
    before any drift, so a drift cannot widen its own limits.
    """
    rows = []
    otif = series.get("otif")
    if otif is not None and "successes" in otif and len(otif) >= 3:
        chart = p_chart(otif["successes"].to_numpy(float), otif["n"].to_numpy(float))
        if chart.below[-1]:
            rows.append({"severity": "high", "where": "deliveries", "since": str(otif["month"].iloc[-1]),
                         "what": f"OTIF {chart.values[-1]:.1%} is below its control limit "
                                 f"{chart.lower[-1]:.1%}: a special cause, not noise",
                         "action": "Supply chain manager: " + ("find the cause with the partner today"
                                                               if partner_known else f"{FIND} today")})
    if readings is not None:
        for measure, rows_of in readings.groupby("measure"):
            if measure not in measures:
                continue
            values = rows_of.sort_values("date")["value"].to_numpy(float)
            if len(values) < MIN_READINGS:
                continue
            baseline = baseline_xmr(values, MIN_READINGS)
            target = (targets or {}).get(measure)
            write = (lambda v, m=measure, t=target: formats.measure(v, m, t)) if target else formats.number
            latest = values[-1]
            beyond = baseline.above | baseline.below
            if beyond[-1]:
                first = len(values) - 1
                while first > 0 and beyond[first - 1]:
                    first -= 1
                rows.append({"severity": "high", "where": "internal readings",
                             "since": str(sorted(rows_of["date"])[first]),
                             "what": f"{measure} {write(latest)} is outside its control limits "
                                     f"({write(baseline.lower[0])} to {write(baseline.upper[0])})",
                             "action": "Quality manager: hold suspect batches and " + (
                                 "investigate with the partner" if partner_known else FIND)
                                 + " before customers notice"})
    return rows


def supply_alerts(risks: pd.DataFrame, partner: str | None, names, since: str = "",
                  candidates: bool = False) -> list[dict]:
    """Supply risks (see :func:`workbook.continuity.supply_risks`) as alerts.

    The partner under contract's risks are high (stock below replenishment time) or medium
    (single source). With ``candidates``, another candidate's stock shortfall is a low alert.
    """
    rows = []
    for _, r in risks.iterrows():
        single = "single" in r["issue"]
        if r["partner"] == partner:
            rows.append({"severity": "medium" if single else "high", "since": since,
                         "what": f"{r['input']}: {r['issue']}", "where": f"{names(partner)} (supply)",
                         "action": ("Ask the partner to qualify a second source and hold safety stock"
                                    if single else
                                    f"Ask the partner to raise stock of {r['input']} above "
                                    f"{r['replenish_days']:g} days now, and warn sales of delivery risk")})
        elif candidates and not single:
            rows.append({"severity": "low", "since": since, "what": f"{r['input']}: {r['issue']}",
                         "where": f"{names(r['partner'])} (candidate, supply)",
                         "action": "If this partner is chosen, make safety stock above the replenishment "
                                   "time a condition of the contract"})
    return rows


def alert_table(rows: list[dict]) -> pd.DataFrame:
    """Alerts, most severe first."""
    table = pd.DataFrame(rows, columns=COLUMNS)
    return table.sort_values("severity", key=lambda s: s.map(SEVERITY_ORDER), kind="stable").reset_index(drop=True)
