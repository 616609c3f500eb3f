"""The quality-measurement step: plan, tracking, perception gap, early warnings and calendar.

:func:`assess_quality` is the recipe the quality notebook runs; every intermediate result is kept
on the returned :class:`QualityReport`.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pandas as pd

from workbook.core import paths
from workbook.core.atomic import write_csv
from workbook.core.dates import parse_date
from workbook.core.errors import UsageError
from workbook.core.paths import display_path
from workbook.core.thresholds import parse_threshold
from workbook.core.wordbook import Voice, common_audience, say
from workbook.engagement.model import Engagement, load_engagement
from workbook.engagement.quality_files import QualityData
from workbook.quality.alerts import alert_table, control_alerts, measure_alerts
from workbook.quality.supply_alerts import supply_alerts
from workbook.quality.calendar import communication_calendar
from workbook.quality.control_limits import control_charts
from workbook.quality.plan import engagement_plan
from workbook.core.vocabulary import ALL_SEGMENTS
from workbook.quality.status import ALERT as ALERT_KIND
from workbook.quality.status import UNMEASURED, fewest, status_of
from workbook.quality.perception import perception_gap
from workbook.quality.tracking import (PROMISES, judged, measure_names, process_measures, running, source_of,
                                       speaks_for, track)
from workbook.scoring.assessment import Assessment, assess_partners
from workbook.strategy.analysis import StrategyAnalysis, analyse_strategy
from workbook.strategy.messages import customer_messages


@dataclass(frozen=True)
class QualityReport:
    """Everything the quality page shows. ``plan_source`` is "edited" when quality/plan.csv exists."""

    as_of: date
    partner: str | None
    partner_name: str
    plan: pd.DataFrame
    plan_source: str
    series: dict[str, pd.DataFrame]
    status: pd.DataFrame
    gap: pd.DataFrame
    alerts: pd.DataFrame
    calendar: pd.DataFrame

    readings: pd.DataFrame | None = None
    attribution: str = "contract"  # "contract", "partner column" or "none": whose the data is
    later: dict[str, int] | None = None  # rows dated after as_of, per file, left out
    charts: dict | None = None  # measure -> its control chart (workbook.quality.control_limits)

    @property
    def attributed(self) -> bool:
        """Whether the tracking data is known to be about the partner tracked."""
        return self.attribution != "none"

    @property
    def process_measures(self) -> list[str]:
        """The partner's process readings, which get individuals control charts."""
        return process_measures(self.readings, self.plan)

    @property
    def names(self) -> dict[str, str]:
        """Every measure's name as the pages write it, process readings included."""
        return measure_names(self.readings, self.plan)

    @property
    def not_measured(self) -> list[str]:
        return self.status.loc[self.status["status"] == UNMEASURED, "kpi"].tolist()


def measured_until(engagement: Engagement, today: date | None = None) -> date:
    """The as-of date every measure is computed to: ``as_of`` from engagement.yaml (``today`` is
    the render's day), else the date of the newest event in the tracking data (a delivery made,
    an answer, a reading, a complaint), else today."""
    today = today or date.today()
    as_of = engagement.settings.as_of
    if as_of == "today":
        return today
    if as_of:
        return parse_date(as_of)
    q = engagement.quality
    # what happened, not what was promised: an open order's promised date may lie ahead
    dates = [pd.to_datetime(f[c]).max() for f, c in (
        (q.deliveries, "delivered"), (q.feedback, "date"), (q.readings, "date"), (q.complaints, "date"),
        (q.observations, "start")) if f is not None and c in f and len(f)]
    dates = [d for d in dates if pd.notna(d)]
    return max(dates).date() if dates else today


def attribute(quality: QualityData, partner: str | None, under_contract: bool) -> tuple[QualityData, str]:
    """The tracking data about ``partner``, and how that is known.

    Files with a ``partner`` column keep that partner's rows ("partner column"); files without
    one are about the partner under contract ("contract"). With neither, the data is about no
    partner in particular ("none"): it is shown, but no one is told to take it up with a partner.
    """
    frames, how = {}, set()
    for name in ("deliveries", "feedback", "readings", "complaints", "observations"):
        frame = getattr(quality, name)
        if frame is not None and "partner" in frame and frame["partner"].notna().any():
            frames[name] = frame[frame["partner"] == partner].reset_index(drop=True)
            how.add("partner column")
        elif frame is not None:
            frames[name] = frame
            how.add("contract" if under_contract else "none")
    attribution = "none" if "none" in how else "partner column" if "partner column" in how else "contract"
    return replace(quality, **frames), attribution


def cut_at(quality: QualityData, as_of: date) -> tuple[QualityData, dict[str, int]]:
    """The data as it stood on ``as_of``: later rows left out (and counted, per file), deliveries
    made after it still open. An order is dated by when it was placed (``order_date``), else by
    when it was promised: an order placed before ``as_of`` and not yet due is not from the future."""
    frames, later = {}, {}
    for name, column in (("deliveries", "promised"), ("feedback", "date"), ("readings", "date"),
                         ("complaints", "date"), ("observations", "start")):
        frame = getattr(quality, name)
        if frame is None or frame.empty:
            continue
        dated = pd.to_datetime(frame[column])  # dates, or datetime64 from a large file's reading
        if name == "deliveries" and "order_date" in frame:
            placed = pd.to_datetime(frame["order_date"])
            dated = placed.where(placed.notna(), dated)
        keep = (dated <= pd.Timestamp(as_of)).to_numpy()  # an undated row (NaT) is not kept
        if (~keep).sum():
            later[f"{name}.csv"] = int((~keep).sum())
        frame = frame[keep].reset_index(drop=True)
        if name == "deliveries":
            made = (pd.to_datetime(frame["delivered"]) <= pd.Timestamp(as_of)).to_numpy()
            frame = frame.assign(delivered=frame["delivered"].where(made, None))
        frames[name] = frame
    return replace(quality, **frames), later


def facing_teams(settings) -> dict[str, str]:
    """Per segment, who faces its customers: the segment's own ``facing``, else the word book's
    for its audience (the account managers, the customer service team, the marketplace team)."""
    return {c.name: c.facing or say("facing", Voice(settings.offering.kind, c.audience, settings.words))
            for c in settings.customers}


def measure_status(plan: pd.DataFrame, series: dict[str, pd.DataFrame], segments: list[str] = ()) -> pd.DataFrame:
    """Per measure: the segments its figures come from (of ``segments``, the engagement's; as its
    warnings name them), the last complete period and its value with what it rests on (n, its 95 %
    interval; the running month only while none is complete, then marked ``partial``), the month
    still running beside it (``to_date``, ``to_date_n``, ``to_date_period``), and its one status (:func:`workbook.quality.status.status_of`):
    on target, short of it, past the alert threshold, an early signal, or not yet measured."""
    rows = []
    for _, kpi in plan.iterrows():
        s = series.get(kpi["kpi_id"])
        row = {"kpi_id": kpi["kpi_id"], "kpi": kpi["kpi"], "target": kpi["target"],
               "alert": kpi["alert"], "latest": None, "n": None, "low": None, "high": None,
               "partial": False, "period": "", "periods": 0, "status": UNMEASURED,
               "to_date": None, "to_date_n": None, "to_date_period": ""}
        row["segment"] = speaks_for(s if s is not None else pd.DataFrame(), list(segments),
                                    str(kpi.get("audience", "") or ALL_SEGMENTS))
        if s is not None and len(s):
            now = running(s)
            if now is not None:
                row.update(to_date=float(now["value"]), to_date_n=int(now["n"]), to_date_period=str(now["month"]))
            s = judged(s)
            last = s.iloc[-1]
            value = float(last["value"])
            target, alert = parse_threshold(kpi["target"]), parse_threshold(kpi["alert"])
            row.update(latest=value, n=int(last["n"]), low=last.get("low"), high=last.get("high"),
                       partial=bool(last.get("partial", False)), period=str(last["month"]),
                       periods=len(s), status=status_of(value, int(last["n"]), target, alert, fewest(kpi)))
        rows.append(row)
    return pd.DataFrame(rows)


def assess_quality(engagement: Engagement, strategy: StrategyAnalysis,
                   assessment: Assessment) -> QualityReport:
    """Plan (the edited one wins), tracking, gap, alerts and calendar for the partner under contract."""
    settings = engagement.settings
    segments = [c.name for c in settings.customers]
    as_of = measured_until(engagement)
    partner = settings.chosen_partner or assessment.ranking.winner
    partner_name = assessment.name(partner) if partner else ""
    quality, attribution = attribute(engagement.quality, partner, bool(settings.chosen_partner))
    quality, later = cut_at(quality, as_of)
    edited = engagement.quality.plan
    plan = edited if edited is not None else engagement_plan(engagement, strategy)
    series = track(plan, quality, as_of, settings.offering.measure_families)
    known = attribution != "none"
    facing = facing_teams(settings)
    audiences = {c.name: c.audience for c in settings.customers}
    promises = [k for k in plan["kpi_id"] if source_of(k, settings.offering.measure_families) in PROMISES]
    charts = control_charts(series, quality.readings, process_measures(quality.readings, plan), promises)
    breached = measure_alerts(plan, series, quality.feedback, segments, partner_known=known, as_of=as_of,
                              charted=(*promises, *process_measures(quality.readings, plan)),
                              offering=settings.offering, facing=facing, audiences=audiences)
    # a measure past its alert threshold is one finding: its control chart's signal adds no second
    status = measure_status(plan, series, segments)
    speaks = dict(zip(status["kpi_id"], status["segment"]))  # the measure's own warning, not a segment's
    alerted = {r["measure"] for r in breached if r["kind"] == ALERT_KIND and r["segment"] == speaks.get(r["measure"])}
    alerts = alert_table(
        breached
        + [r for r in control_alerts(series, quality.readings, process_measures(quality.readings, plan),
                         partner_known=known, targets=dict(zip(plan["kpi_id"], plan["target"])),
                         names=measure_names(quality.readings, plan),
                         owners=dict(zip(plan["kpi_id"], plan["owner"])), offering=settings.offering,
                         charts=charts, audience=common_audience(audiences.values())) if r["measure"] not in alerted]
        + supply_alerts(assessment.supply, partner, assessment.name, str(as_of),
                        candidates=not settings.chosen_partner, offering=settings.offering,
                        facing=facing))
    messages = customer_messages(strategy, settings.leader, settings.outsourced, settings.offering,
                                 settings.customers, settings.words)
    voices = {c.name: Voice(settings.offering.kind, c.audience, settings.words) for c in settings.customers}
    # under contract and measured: the move has been made and announced
    moved = bool(settings.chosen_partner) and any(len(s) for s in series.values())
    calendar = communication_calendar(plan, messages, settings.leader, alerts, as_of, voices,
                                      settings.peak_months, moved)
    return QualityReport(as_of, partner, partner_name, plan, "edited" if edited is not None else "generated",
                         series, status, perception_gap(quality, segments, as_of),
                         alerts, calendar, quality.readings, attribution, later, charts)


def assess_quality_step(engagement: Engagement, strategy: StrategyAnalysis, weights: pd.Series) -> QualityReport:
    """The quality step on its own (its notebook runs beside the scoring one): the partner
    assessment it needs (the recommended partner, names, supply risks) from the same ``weights``
    and the same function as the scoring step, then :func:`assess_quality`."""
    return assess_quality(engagement, strategy, assess_partners(engagement, weights, strategy=strategy))


def measured_quality(engagement: Engagement, strategy: StrategyAnalysis, assessment: Assessment
                     ) -> QualityReport | None:
    """:func:`assess_quality` of the partner tracked, for the scoring step; None without tracking data."""
    if engagement.quality is None or engagement.quality.empty:
        return None
    return assess_quality(engagement, strategy, assessment)


def tracked_quality(engagement: Engagement, strategy: StrategyAnalysis, assessment: Assessment,
                    quality: QualityReport | None = None) -> dict | None:
    """The recommended partner's own measured quality, for its recommendation: the measures with a
    high early warning (past the alert threshold, or beyond a control limit) in its last complete
    month, when the tracking data is about that partner (its pilot, or the contract it holds).
    None when there is no tracking data about it. ``quality``: :func:`measured_quality`, when
    already assessed."""
    quality = quality or measured_quality(engagement, strategy, assessment)
    if quality is None or quality.partner is None or quality.partner != assessment.ranking.winner or not quality.attributed \
            or (quality.status["status"] == UNMEASURED).all():  # nothing measured of the winner
        return None
    alerts = quality.alerts
    high = alerts[alerts["severity"].eq("high") & alerts["kind"].isin(["alert", "control"])]
    measures = list(dict.fromkeys(high["measure"].dropna()))
    periods = [p for p, partial in zip(quality.status["period"], quality.status["partial"]) if p and not partial]
    return {"partner": quality.partner, "period": max(periods) if periods else "",
            "measures": measures, "names": [quality.names.get(m, m) for m in measures]}


def save_plan(folder, force: bool = False) -> Path:
    """Write the generated plan to ``folder/quality/plan.csv`` for the team to edit.

    An existing plan is kept unless ``force`` (then it is backed up as ``plan.csv.bak``).
    """
    engagement = load_engagement(folder)
    target = engagement.path / paths.QUALITY_DIR / "plan.csv"
    if target.exists() and not force:
        raise UsageError(f"{display_path(target)} exists already (the team's edited plan); "
                         "use --force to replace it (a backup is kept)")
    strategy = analyse_strategy(engagement.settings)
    plan = engagement_plan(engagement, strategy)
    if target.exists():
        shutil.copy2(target, target.with_name("plan.csv.bak"))
    return write_csv(plan, target.parent, target.name)
