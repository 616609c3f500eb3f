"""The quality-measurement step: plan, tracking, perception gap, early warnings and calendar.

:func:`assess_quality` is the recipe the quality notebook runs; every intermediate result is kept
on the returned :class:`QualityReport`.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from workbook.core import paths
from workbook.core.atomic import write_csv
from workbook.core.dates import parse_date
from workbook.core.errors import UsageError
from workbook.core.paths import display_path
from workbook.core.thresholds import breaches, parse_threshold
from workbook.engagement.model import Engagement, load_engagement
from workbook.quality.alerts import alert_table, control_alerts, measure_alerts, supply_alerts
from workbook.quality.calendar import communication_calendar
from workbook.quality.plan import generate_plan
from workbook.quality.tracking import perception_gap, process_measures, track
from workbook.scoring.assessment import Assessment
from workbook.scoring.continuity import supply_risks
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

    @property
    def process_measures(self) -> list[str]:
        """The partner's process readings, which get individuals control charts."""
        return process_measures(self.readings, self.plan)

    @property
    def not_measured(self) -> list[str]:
        return self.status.loc[self.status["status"] == "not yet measured", "kpi"].tolist()


def report_date(engagement: Engagement) -> date:
    """The engagement's ``date``, else the latest date in its tracking data, else today."""
    if engagement.settings.date and parse_date(engagement.settings.date):
        return parse_date(engagement.settings.date)
    q = engagement.quality
    dates = [d for f, c in ((q.deliveries, "promised"), (q.feedback, "date"), (q.readings, "date"),
                            (q.complaints, "date")) if f is not None for d in f[c] if d is not None]
    return max(dates) if dates else date.today()


def measure_status(plan: pd.DataFrame, series: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Per measure: the latest period and value, and whether it is on target, short of it, or
    past the alert threshold (or not yet measured)."""
    rows = []
    for _, kpi in plan.iterrows():
        s = series.get(kpi["kpi_id"])
        row = {"kpi_id": kpi["kpi_id"], "kpi": kpi["kpi"], "target": kpi["target"],
               "alert": kpi["alert"], "latest": None, "period": "", "periods": 0,
               "status": "not yet measured"}
        if s is not None and len(s):
            value = float(s["value"].iloc[-1])
            target, alert = parse_threshold(kpi["target"]), parse_threshold(kpi["alert"])
            row.update(latest=value, period=str(s["month"].iloc[-1]), periods=len(s),
                       status="alert" if alert and breaches(value, alert) else
                       "on target" if target and breaches(value, target) else "short of target")
        rows.append(row)
    return pd.DataFrame(rows)


def assess_quality(engagement: Engagement, strategy: StrategyAnalysis,
                   assessment: Assessment) -> QualityReport:
    """Plan (the edited one wins), tracking, gap, alerts and calendar for the partner under contract."""
    settings = engagement.settings
    segments = [c.name for c in settings.customers]
    as_of = report_date(engagement)
    partner = settings.chosen_partner or assessment.ranking.winner
    partner_name = assessment.name(partner) if partner else ""
    edited = engagement.quality.plan
    plan = edited if edited is not None else generate_plan(strategy, settings.leader, segments)
    series = track(plan, engagement.quality, as_of)
    alerts = alert_table(
        measure_alerts(plan, series, engagement.quality.feedback, segments)
        + control_alerts(series, engagement.quality.readings,
                         process_measures(engagement.quality.readings, plan))
        + supply_alerts(supply_risks(engagement.supply), partner, assessment.name, str(as_of),
                        candidates=not settings.chosen_partner))
    calendar = communication_calendar(plan, customer_messages(strategy, settings.leader),
                                      settings.leader, alerts, as_of)
    return QualityReport(as_of, partner, partner_name, plan, "edited" if edited is not None else "generated",
                         series, measure_status(plan, series),
                         perception_gap(engagement.quality, segments), alerts, calendar,
                         engagement.quality.readings)


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
    plan = generate_plan(strategy, engagement.settings.leader, [c.name for c in engagement.settings.customers])
    if target.exists():
        shutil.copy2(target, target.with_name("plan.csv.bak"))
    return write_csv(plan, target.parent, target.name)
