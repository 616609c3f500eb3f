"""The quality-measurement plan: what customers perceive, measured by whom, how often, to what target.

Measures come from the measure library's families the engagement names (``measures:`` in
engagement.yaml; :mod:`workbook.core.measure_library`): the universal measures of every plan,
then those of the lead discipline at a stretch target and those of the threshold disciplines at
the market's standard. No target is weaker than the engagement's own must-have on the same
measure (:mod:`workbook.engagement.must_haves`): such a target is raised to the must-have, and
``target_from`` says so. Customer-facing measures are owned by the senior leader who fronts the
engagement, because customers give better feedback when senior leaders ask.
"""

from __future__ import annotations

import pandas as pd

from workbook.core.measure_library import UNIVERSAL, Measure, measures_of
from workbook.core.vocabulary import ALL_SEGMENTS, DISCIPLINE_LABELS, MIN_N
from workbook.engagement.model import Engagement
from workbook.engagement.must_haves import MustHave, must_haves
from workbook.engagement.offering import Offering
from workbook.strategy.analysis import StrategyAnalysis

COLUMNS = ["kpi_id", "kpi", "definition", "unit", "direction", "method", "audience", "cadence", "owner",
           "target", "alert", "min_n", "discipline", "target_from"]
# What a reader of the plan's table needs; the codes beside them are for programs and checks.
SHOWN = ["kpi", "definition", "method", "audience", "cadence", "owner", "target", "alert", "min_n", "discipline"]
MUST_HAVE = "must-have:"  # target_from of a target raised to the must-have of a criterion


def _words(text: str, offering: Offering, leader: str) -> str:
    text = text.replace("a {unit}", "an {unit}") if offering.unit[:1].lower() in "aeiou" else text
    return text.format(unit=offering.unit, units=offering.units, Units=offering.units[:1].upper()
                       + offering.units[1:], leader=leader)


def _audience(measure: Measure, weighing: list[str], segments: list[str], audiences: dict[str, str]) -> list[str]:
    """The segments a measure is for: those of its audience (marketplace, consumers …) when the
    library names one, else those weighing its discipline (``weighing``)."""
    if not measure.audience:
        return weighing
    return [s for s in segments if audiences.get(s) == measure.audience]


def _target(measure: Measure, role: str, must: MustHave | None) -> tuple[str, str]:
    target = measure.target_for(role)
    if must is not None and must.weaker(target):
        return must.text, MUST_HAVE + must.criterion
    return target, ""


def generate_plan(strategy: StrategyAnalysis, leader: str, segments: list[str],
                  offering: Offering = Offering(), must_haves: dict[str, MustHave] | None = None,
                  audiences: dict[str, str] | None = None) -> pd.DataFrame:
    """The plan's rows: universal measures, then the lead discipline's, then the thresholds'.

    The audience of a discipline's measures is the segments that weigh that discipline above
    their own average (every segment for universal measures); a measure for one audience
    (marketplace orders, consumers' returns) goes to the segments of that audience (``audiences``:
    segment -> audience), whatever they weigh, and is left out when there are none. ``offering`` names the library's families and
    words the measures in the engagement's name for one order or request; ``must_haves`` (by
    measure id) raise a weaker target.
    """
    musts, audiences = must_haves or {}, audiences or {}
    library = measures_of(offering.measure_families)
    rows = []

    def add(measure: Measure, audience: list[str], role: str, label: str) -> None:
        audience = _audience(measure, audience, segments, audiences)
        if not audience:
            return
        target, source = _target(measure, role, musts.get(measure.id))
        rows.append([measure.id, _words(measure.name, offering, leader),
                     _words(measure.definition, offering, leader), measure.unit, measure.direction,
                     measure.method, ALL_SEGMENTS if label == UNIVERSAL and audience == segments
                     else ", ".join(audience),
                     _words(measure.cadence, offering, leader), _words(measure.owner, offering, leader),
                     target, measure.alert, measure.min_n or MIN_N[measure.method], label, source])

    for measure in library:
        if measure.discipline == UNIVERSAL:
            add(measure, segments, "lead", UNIVERSAL)
    for discipline in (strategy.lead,) + strategy.thresholds:
        role = "lead" if discipline == strategy.lead else "threshold"
        weighing = [s for s, p in strategy.segments.items() if p[discipline] > 1 / 3] or segments
        for measure in library:
            if measure.discipline == discipline:
                add(measure, weighing, role, f"{DISCIPLINE_LABELS[discipline]} ({role})")
    return pd.DataFrame(rows, columns=COLUMNS)


def engagement_plan(engagement: Engagement, strategy: StrategyAnalysis) -> pd.DataFrame:
    """The plan generated for ``engagement``: its families, segments, audiences and must-haves."""
    settings = engagement.settings
    return generate_plan(strategy, settings.leader, [c.name for c in settings.customers], settings.offering,
                         must_haves(engagement.criteria, settings.offering.measure_families),
                         {c.name: c.audience for c in settings.customers})
