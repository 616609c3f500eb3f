"""Notebook 03's sections: one function per table or chart, each shown where it is called.

:func:`assess` runs the quality recipe of :mod:`workbook.quality` for the partner tracked.
"""

from __future__ import annotations

import pandas as pd
from IPython.display import display

from workbook.core import formats, measure_formats
from workbook.core.vocabulary import ALL_SEGMENTS, DISCIPLINE_LABELS, mid_sentence
from workbook.core.wordbook import join
from workbook.core.measure_library import family_title
from workbook.core.thresholds import parse_threshold
from workbook.quality.alerts import SHOWN, counted
from workbook.quality.assessment import QualityReport, assess_quality_step, facing_teams
from workbook.quality.plan import MUST_HAVE, SHOWN as PLAN_SHOWN
from workbook.views import blocks, tracking_charts
from workbook.views.finding_words import status_words
from workbook.views.step import Step, open_step  # noqa: F401 (the notebooks start with it)

NOUNS = {"feedback.csv": ("customer answers", "customer answer"), "readings.csv": ("readings", "reading"),
         "complaints.csv": ("complaints", "complaint")}


def assess(step: Step) -> QualityReport:
    """Plan, tracking, alerts and calendar for the partner under contract (or the recommended one),
    with a line saying which partner and which date the figures are about."""
    eng = step.engagement
    quality = assess_quality_step(eng, step.strategy, step.weighing.series)
    who = (f"Partner under contract: {quality.partner_name}" if eng.settings.chosen_partner else
           f"Partner tracked: {quality.partner_name or 'none yet'}, the recommended one, until a "
           f"contract is signed")
    display(blocks.note(f"{who}. Figures as of {quality.as_of:%d %B %Y}."))
    if not quality.attributed:
        display(blocks.note("The tracking data does not say which partner it is about, and no "
                            "contract is recorded yet: it is shown as measured, not yet attributed to "
                            "a partner."))
    if quality.later:
        offering = eng.settings.offering
        nouns = {**NOUNS, "deliveries.csv": (offering.units, offering.unit)}
        display(blocks.note("Left out as dated after that day: " + ", ".join(
            f"{n} {nouns[file][n == 1]}" for file, n in quality.later.items()) + "."))
    return quality


def early_warnings(step: Step, quality: QualityReport) -> None:
    if len(quality.alerts):
        whom = join([*facing_teams(step.engagement.settings).values(), "the partner"])
        n = len(quality.alerts)
        display(blocks.table(quality.alerts[SHOWN],
                             caption=f"{n} early warning{'s' if n > 1 else ''}, for {whom}"))
    elif step.engagement.quality.empty:
        display(blocks.note("No tracking data yet: only supply continuity can raise an alert, and it raises none."))
    else:
        display(blocks.note("No early warning: every measure is inside its alert threshold and the "
                            "partner's critical inputs are covered."))


def plan(step: Step, quality: QualityReport) -> None:
    families = join([mid_sentence(family_title(f)) for f in step.engagement.settings.offering.measure_families])
    source = ("the team's edited plan" if quality.plan_source == "edited" else
              f"generated from the strategy and the measure library ({families}), for the team to adapt")
    display(blocks.note(f"Lead discipline: {DISCIPLINE_LABELS[step.strategy.lead].lower()}. "
                        f"Plan: {source}."))
    display(blocks.table(quality.plan[[c for c in PLAN_SHOWN if c in quality.plan.columns]]))
    raised = quality.plan[quality.plan.get("target_from", pd.Series(dtype=str)).fillna("").str.startswith(MUST_HAVE)]
    criteria = step.engagement.criteria
    if len(raised):
        display(blocks.note("Targets raised to the engagement's own must-have: " + join(
            [f"{row['kpi']} {formats.threshold(row['target'])} (criterion "
             f"{criteria['name'].get(row['target_from'][len(MUST_HAVE):], row['target_from'])})"
             for _, row in raised.iterrows()]) + "."))


def measure_status(step: Step, quality: QualityReport) -> None:
    """Each measure's latest value, written in its own kind, against target and alert, and what
    it rests on in the measure's own unit ("32 orders", "1 session", not a bare "1") and, when
    not every segment's, whose ("217 claims (Brokers)")."""
    rows = quality.status
    kpis = quality.plan.set_index("kpi_id", drop=False)

    def based_on(kpi_id, n) -> str:
        return "" if pd.isna(n) else counted(int(n), kpis.loc[kpi_id], step.engagement.settings.offering)
    # a value just short of its target reads so (3.95, not 4.0 beside "≥ 4.0 short of target")
    level = {k: (parse_threshold(t) or (None, None))[1] for k, t in zip(rows["kpi_id"], rows["target"])}
    # a latest value as finely as its interval is written (99.96%, not "over 99.9%" beside 99.95% to 99.97%)
    shown = [{"latest": measure_formats.measure_against(r.latest, level[r.kpi_id], r.kpi_id, r.target,
                                                measure_formats.interval_places(r.low, r.high, r.kpi_id, r.target)),
              "interval": (measure_formats.measure_interval(r.low, r.high, r.kpi_id, r.target)
                           if pd.notna(r.low) and pd.notna(r.high) else ""),
              "period": f"{r.period} (to date)" if r.partial else r.period,
              "based_on": based_on(r.kpi_id, r.n)
              + (f" ({r.segment})" if pd.notna(r.n) and r.segment != ALL_SEGMENTS else ""),
              "to_date": "" if pd.isna(r.to_date) else
              f"{measure_formats.measure(r.to_date, r.kpi_id, r.target)} ({r.to_date_period}, {based_on(r.kpi_id, r.to_date_n)})"}
             for r in rows.itertuples()]
    display(blocks.table(rows.assign(**pd.DataFrame(shown, index=rows.index))[
        ["kpi", "latest", "interval", "based_on", "period", "target", "alert", "status"]
        + (["to_date"] if rows["to_date"].notna().any() else [])].assign(status=rows["status"].map(status_words))))
    if quality.not_measured:
        display(blocks.note("Not yet measured: " + ", ".join(quality.not_measured) + "."))


def tracking(quality: QualityReport) -> None:
    grids = tracking_charts.kpi_grids(quality)
    if not grids:
        display(blocks.note("No measure has data yet."))
    for grid in grids:
        blocks.figure(grid)


def control_charts(quality: QualityReport) -> None:
    """A p-chart for the share done by the promise (OTIF) and an individuals chart for each of the
    partner's process readings."""
    drawn = quality.charts or {}
    for measure in sorted(drawn, key=lambda m: drawn[m].kind != "p"):
        c = drawn[measure]
        title = (f"{quality.names.get(measure, 'OTIF')}: p-chart (limits from the first half)" if c.kind == "p" else
                 f"{quality.names[measure]}: individuals chart (limits from the first half)")
        blocks.figure(tracking_charts.control_chart(c.chart, c.x, title, percent=c.kind == "p"))
    if not drawn:
        display(blocks.note("Not enough tracking data for control charts yet."))


def perception_gap(quality: QualityReport) -> None:
    if quality.gap.empty:
        display(blocks.note("Not yet measured: it needs the company's own quality ratings and "
                            "the segments' own quality ratings."))
        return
    gap = quality.gap
    shown = gap.assign(quarter=[f"{q} (to date)" if running else q
                                for q, running in zip(gap["quarter"], gap["quarter_to_date"])])
    blocks.figure(tracking_charts.gap_chart(shown))
    latest = gap[gap["quarter"] == gap["quarter"].max()]
    caption = (f"Latest quarter, {latest['quarter'].iloc[0]}: still running on {quality.as_of}, so far"
               if latest["quarter_to_date"].any() else f"Latest quarter, {latest['quarter'].iloc[0]}")
    display(blocks.table(latest.drop(columns="quarter_to_date"), caption=caption))


def calendar(quality: QualityReport) -> None:
    display(blocks.table(quality.calendar))
