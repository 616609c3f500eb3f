"""Early warnings: what should reach the people who face the customers before customers notice.

Rules, each row of ``results/alerts.csv`` (severity, what, where, since, action, evidence, and
``kind``, the rule as a code: alert, early signal, drift, control, supply):

- a measure whose latest value is past its alert threshold (high), overall or for one segment;
  from fewer answers, orders or readings than the plan's ``min_n`` it is an early signal (medium),
  shown with its n and its 95 % interval;
- a drift: a Western Electric rule fires on the bad side of the measure's own individuals chart
  (limits from its first months) while the target is missed (medium); a month beyond the limits
  reads as a jump out of the measure's usual range, the other rules as a drift from its usual level;
- a control-chart signal: the latest month's share done by the promise (OTIF, dispatched on the
  promised day) below its p-chart lower limit, or the latest reading of a process measure beyond
  its individuals-chart limits (high); two of the last three beyond two sigma on one side
  (medium); the charts judge by those two rules only (:data:`workbook.quality.control.CONTROL_RULES`);
- supply continuity of the partner under contract: a critical material or consumable with a single
  qualified source, or any whose days on hand are below its replenishment time; a critical
  capability (a platform, site, carrier contract, labour pool) with no redundancy, or any whose
  failover takes longer than the work can stand; each with the supply risk's own severity (high for
  a critical input, medium otherwise); while no partner is under contract yet, the same stock
  shortfall or slow failover at any other candidate.

A month still running on the as-of date is named as such ("month to date"). Every phrase of a
warning (what, action, evidence) comes from the word book's ``alert.*`` entries
(``templates/words.yaml``); the warning's codes and figures (``CODES``) go to the findings record.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from workbook.core import formats, measure_formats
from workbook.core.thresholds import breaches, higher_is_better, parse_threshold
from workbook.core.measure_library import EVENT_SOURCES, HEARD, find
from workbook.core.vocabulary import ALL_SEGMENTS
from workbook.core.wordbook import Voice, common_audience, join, say
from workbook.engagement.offering import Offering
from workbook.quality.control import CONTROL_RULES, WE_RULES, western_electric
from workbook.quality.drift import drift_of, usual_range
from workbook.quality.control_limits import control_charts
from workbook.quality.status import ALERT, EARLY, SEVERITY, fewest, status_of
from workbook.quality.tracking import answers_by_month, judged, mark_partial, running, segments_of, speaks_for

# What a reader sees, then the same alert as codes and figures, for the findings record and programs:
# its ``id`` (a1, a2 … most severe first), the rule (``kind``), what it is about (``measure``,
# ``segment``, ``partner``, ``input``) and its figures (``value``, past or beside ``threshold``, from
# ``n`` observations).
SHOWN = ["severity", "what", "where", "since", "action", "evidence"]
CODES = ["id", "kind", "measure", "segment", "partner", "input", "value", "threshold", "n"]
COLUMNS = SHOWN + CODES
SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}
# What one unit of a measure's n is, by the method (records and logs count the engagement's unit).
UNITS = {"quality test": ("result", "results"), "focus group": ("session", "sessions"),
         "designed conversation": ("conversation", "conversations"), "interview": ("interview", "interviews")}


def counted(n: int, kpi: pd.Series, offering: Offering = Offering()) -> str:
    """``n`` in the measure's unit: "12 answers", "1 order", "40 claims handled", "74 claims
    audited", "3,071 calls offered" (what the library says a measure's figures count, first)."""
    done, checked = say("done", Voice(offering.kind)), say("checked", Voice(offering.kind))
    method, measure = kpi.get("method", ""), find(kpi["kpi_id"], offering.families)
    source = measure.source if measure is not None else ""
    if measure is not None and measure.counts:
        one, many = (w.format(unit=offering.unit, units=offering.units) for w in measure.counts)
    elif kpi["kpi_id"] == "lot_acceptance" or source == "orders.accepted":  # audited or inspected
        one, many = f"{offering.unit} {checked}", f"{offering.units} {checked}"
    elif method == "delivery records" or (method == "system records" and source in EVENT_SOURCES):
        one, many = offering.unit, offering.units
    elif method == "system records":  # a system's totals the library does not name
        one, many = "record", "records"
    elif method == "complaint log":
        one, many = f"{offering.unit} {done}", f"{offering.units} {done}"
    else:
        one, many = UNITS.get(method, ("answer", "answers"))
    return f"{n:,} {one if n == 1 else many}"


def _since(values: np.ndarray, months, alert) -> str:
    """First month of the run of breaching values that ends with the latest one."""
    i = len(values) - 1
    while i > 0 and not np.isnan(values[i - 1]) and breaches(values[i - 1], alert):
        i -= 1
    return str(months[i])


def _signal_since(chart, rule: int, side: int, x: list) -> str:
    """When a control-chart signal began: for a point beyond a limit, the first of the run of
    points beyond it that ends with the latest; for another rule, the first point of its
    pattern."""
    if rule != 0:
        return str(x[-(1, 3, 5, 8)[rule]])
    beyond = chart.below if side < 0 else chart.above
    i = len(beyond) - 1
    while i > 0 and beyond[i - 1]:
        i -= 1
    return str(x[i])


def evidence(latest: pd.Series, kpi: pd.Series, offering: Offering = Offering()) -> str:
    """What a figure rests on: "12 answers; 95% interval -78 to -22; month to date"."""
    parts = [counted(int(latest["n"]), kpi, offering)]
    if pd.notna(latest.get("low")) and pd.notna(latest.get("high")):
        low, high = measure_formats.interval_ends(latest["low"], latest["high"], kpi["kpi_id"], kpi["target"])
        parts.append(say("alert.evidence.interval", low=low, high=high))
    if latest.get("partial", False):
        parts.append(say("alert.evidence.partial"))
    return "; ".join(parts)


def measure_alerts(plan: pd.DataFrame, series: dict[str, pd.DataFrame], feedback: pd.DataFrame | None,
                   segments: list[str], partner_known: bool = True, as_of: date | None = None,
                   charted: tuple[str, ...] = (), offering: Offering = Offering(),
                   facing: dict[str, str] | None = None, audiences: dict[str, str] | None = None) -> list[dict]:
    """Threshold breaches and drifts of the plan's measures, overall and per segment, each
    breach with the measure's one status and its severity (:mod:`workbook.quality.status`).

    Without ``partner_known`` (data not attributed to a partner) the actions find the cause
    rather than take it up with a partner. ``as_of`` marks a segment's running month as partial.
    Measures in ``charted`` have control charts of their own (:func:`control_alerts`), which
    watch them for drift. ``offering`` names what the records count (orders, claims). ``facing``
    names, per segment, who faces its customers (the account managers, the marketplace team):
    they are briefed on a breach; ``audiences``, per segment, whom it serves (the company's own
    users are ``internal``): a breach's action says who would notice it.
    """
    rows, facing = [], facing or {}
    anyone = say("alert.anyone_facing")
    answered = set(feedback["measure"]) if feedback is not None else set()
    for _, kpi in plan.iterrows():
        target, alert = parse_threshold(kpi["target"]), parse_threshold(kpi["alert"])
        if kpi["kpi_id"] not in series or target is None or alert is None:
            continue
        # a warning names the segments its figures come from: a measure the plan keeps for the
        # brokers, taken from every caller's records, speaks of all segments, not of the brokers
        planned = str(kpi.get("audience", "") or ALL_SEGMENTS)
        audience = segments if planned == ALL_SEGMENTS else [s for s in segments if s in segments_of(planned)]
        data = series[kpi["kpi_id"]]
        overall = speaks_for(data, segments, planned)
        views = [(overall, data)]
        if kpi["kpi_id"] in answered:
            views += [(s, answers_by_month(feedback, kpi["kpi_id"], s)) for s in audience if s != overall]
        least = fewest(kpi)
        for where, s in views:
            if s.empty:
                continue
            if as_of is not None and "partial" not in s:
                s = mark_partial(s, as_of)
            now, s = running(s), judged(s)
            values, months = s["value"].to_numpy(float), s["month"].astype(str).to_numpy()
            latest, last = values[-1], s.iloc[-1]
            # as finely as its interval (evidence) is written, and on its own side of the alert
            finely = measure_formats.interval_places(last.get("low"), last.get("high"), kpi["kpi_id"], kpi["target"])
            shown = measure_formats.measure_against(latest, alert[1], kpi["kpi_id"], kpi["target"], finely) + \
                (" " + say("alert.month_to_date") if last.get("partial", False) else "")
            few = int(last["n"]) < least
            figures = {"measure": kpi["kpi_id"], "segment": where, "value": float(latest),
                       "threshold": float(alert[1]), "n": int(last["n"])}
            proof = evidence(last, kpi, offering) + ("; " + say("alert.evidence.asks", least=least) if few else "")
            said = {"kpi": kpi["kpi"], "shown": shown, "threshold": formats.threshold(kpi["alert"]),
                    "owner": kpi["owner"]}
            status = status_of(latest, int(last["n"]), target, alert, least)
            if status == EARLY:
                rows.append({"severity": SEVERITY[EARLY], "where": where, "since": str(months[-1]),
                             "what": say("alert.what.early", **said, counted=counted(int(last["n"]), kpi, offering)),
                             "action": say("alert.action.early", **said), "evidence": proof, "kind": EARLY,
                             **figures})
            elif status == ALERT:
                concerned = segments if where == ALL_SEGMENTS else segments_of(where)
                whom = (join(list(facing.values())) or anyone) if where == ALL_SEGMENTS else \
                    join([say("alert.whom.segment", facing=facing.get(s, anyone), segment=s) for s in concerned])
                voice = Voice(offering.kind, common_audience((audiences or {}).get(s, "") for s in concerned))
                rows.append({"severity": SEVERITY[ALERT], "where": where, "since": _since(values, months, alert),
                             "what": say("alert.what.alert", **said),
                             # customers who answered a survey or complained have noticed already
                             "action": say("alert.action.heard" if kpi.get("method") in HEARD else "alert.action.alert",
                                           voice, **said, whom=whom,
                                           step=say("alert.fix" if partner_known else "alert.find")),
                             "evidence": proof, "kind": ALERT, **figures})
            elif kpi["kpi_id"] not in charted and not breaches(latest, target) and \
                    (drift := drift_of(values, higher_is_better(target))) is not None:
                rule, chart, baseline = drift
                usual = usual_range(chart, kpi["kpi_id"], kpi["target"], finely)
                # since the run of months beyond the limit began, or the rule's pattern did
                since = _signal_since(chart, rule, -1 if higher_is_better(target) else 1, months[~np.isnan(values)])
                rows.append({"severity": "medium", "where": where, "since": since,
                             # one month beyond the limits is a jump; the other rules, a drift
                             "what": say("alert.what.jump" if rule == 0 else "alert.what.drift", **said, **usual,
                                         target=formats.threshold(kpi["target"])),
                             "action": say("alert.action.drift", **said,
                                           step=say("alert.ask" if partner_known else "alert.find")),
                             "evidence": say("alert.evidence.drift", proof=proof, rule=WE_RULES[rule],
                                             baseline=baseline),
                             "kind": "drift", **figures, "threshold": float(target[1])})
            if now is not None and status not in (ALERT, EARLY) and breaches(float(now["value"]), alert):
                rows.append(_running_signal(kpi, where, now, alert, least, offering))
    return rows


def _running_signal(kpi: pd.Series, where: str, now: pd.Series, alert, least: int, offering: Offering) -> dict:
    """A breach in the month still running: an early signal, never an alert nor the measure's
    status (the last complete month is judged), however many answers it has so far."""
    value, n = float(now["value"]), int(now["n"])
    said = {"kpi": kpi["kpi"], "threshold": formats.threshold(kpi["alert"]), "owner": kpi["owner"],
            "shown": measure_formats.measure_against(value, alert[1], kpi["kpi_id"], kpi["target"]) + " "
            + say("alert.month_to_date")}
    few = n < least
    what = say("alert.what.early", **said, counted=counted(n, kpi, offering)) if few else \
        say("alert.what.running", **said, counted=counted(n, kpi, offering))
    return {"severity": SEVERITY[EARLY], "where": where, "since": str(now["month"]), "what": what,
            "action": say("alert.action.early", **said),
            "evidence": evidence(now, kpi, offering) + ("; " + say("alert.evidence.asks", least=least) if few else ""),
            "kind": EARLY, "measure": kpi["kpi_id"], "segment": where, "value": value,
            "threshold": float(alert[1]), "n": n}


def control_alerts(series: dict[str, pd.DataFrame], readings: pd.DataFrame | None,
                   measures: list[str] = (), partner_known: bool = True,
                   targets: dict[str, str] | None = None, names: dict[str, str] | None = None,
                   owners: dict[str, str] | None = None, offering: Offering = Offering(),
                   charts: dict | None = None, audience: str = "") -> list[dict]:
    """OTIF on its p-chart; each process ``measures``' readings on an individuals chart
    (:func:`workbook.quality.control_limits.control_charts`, or the ``charts`` it drew up
    already). A point beyond a limit is high; the other Western Electric rules are medium. Readings are written in the kind of the plan's target
    (``targets[measure]``) when it has one, named as the plan names them (``names``), and
    their actions go to the plan's ``owners``; ``offering`` names what the records count;
    ``audience``, whom every segment serves (:func:`~workbook.core.wordbook.common_audience`), says
    who would notice.
    """
    rows, names, owners = [], names or {}, owners or {}
    charts = control_charts(series, readings, measures) if charts is None else charts
    for measure, otif in charts.items():
        if otif.kind != "p":
            continue
        chart = otif.chart
        rule = western_electric(chart.values, chart.centre, chart.sigma, -1, CONTROL_RULES)
        if rule is not None:
            name = names.get(measure, "OTIF")
            proof = say("alert.evidence.p", months=len(otif.x), centre=f"{chart.centre:.1%}",
                        lower=f"{chart.lower[-1]:.1%}", n=otif.n, units=offering.units, rule=WE_RULES[rule])
            what = say("alert.what.p_beyond" if rule == 0 else "alert.what.p_shift", name=name,
                       value=f"{chart.values[-1]:.1%}", lower=f"{chart.lower[-1]:.1%}")
            rows.append({"severity": "high" if rule == 0 else "medium", "where": "all segments",
                         "since": _signal_since(chart, rule, -1, otif.x), "what": what, "evidence": proof,
                         "action": say("alert.action.p", owner=owners.get(measure, "Supply chain manager"),
                                       step=say("alert.p_step.known" if partner_known else "alert.find")),
                         "kind": "control", "measure": measure, "segment": ALL_SEGMENTS,
                         "value": float(chart.values[-1]), "threshold": float(chart.lower[-1]),
                         "n": otif.n})
    for measure, charted in charts.items():
        if charted.kind == "individuals":
            chart = charted.chart
            values = chart.values
            found = [(r, side) for side in (-1, 1)
                     if (r := western_electric(values, chart.centre, chart.sigma, side, CONTROL_RULES)) is not None]
            if not found:
                continue
            rule, side = min(found)
            label = names.get(measure) or measure.replace("_", " ").capitalize()
            target = (targets or {}).get(measure)
            write = (lambda v, m=measure, t=target: measure_formats.measure(v, m, t)) if target else formats.number
            what = say("alert.what.x_beyond" if rule == 0 else "alert.what.x_shift", name=label,
                       value=write(values[-1]), lower=write(chart.lower[0]), upper=write(chart.upper[0]),
                       side="below" if side < 0 else "above", centre=write(chart.centre),
                       day=str(charted.x[-1]))  # a reading's day: the month's status beside it is a mean
            rows.append({"severity": "high" if rule == 0 else "medium", "where": "internal readings",
                         "since": _signal_since(chart, rule, side, charted.x), "what": what,
                         "action": f"{owners.get(measure, 'Quality manager')}: " + say(
                             "control.action", Voice(offering.kind, audience),
                             then=say("alert.investigate" if partner_known else "alert.find")),
                         "evidence": say("alert.evidence.x", baseline=charted.baseline, n=len(values),
                                         rule=WE_RULES[rule]),
                         "kind": "control", "measure": measure, "value": float(values[-1]),
                         "threshold": float(chart.lower[0] if side < 0 else chart.upper[0]),
                         "n": len(values)})
    return rows


def alert_table(rows: list[dict]) -> pd.DataFrame:
    """Alerts, most severe first, each with its ``id`` in that order."""
    table = pd.DataFrame(rows, columns=COLUMNS)
    table = table.sort_values("severity", key=lambda s: s.map(SEVERITY_ORDER), kind="stable").reset_index(drop=True)
    table["id"] = [f"a{i}" for i in range(1, len(table) + 1)]
    return table
