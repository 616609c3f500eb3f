"""The supply findings in sentences: the winner's supply conditions and watch points, each kind of
input in its own words (materials and consumables: a second qualified source, safety stock, a
missed delivery or, for a service, a missed service; capabilities: no redundancy, failover, hours of
service lost, a second provider or a standby). :mod:`workbook.views.findings` puts them into the
recommendation."""

from __future__ import annotations

from workbook.core import formats
from workbook.core.vocabulary import mid_sentence
from workbook.engagement.offering import Offering
from workbook.scoring.assessment import Assessment
from workbook.scoring.continuity import SINGLE_PROVIDER, SINGLE_SOURCE, SLOW_FAILOVER

# A winner is recommended without conditions only if nothing below holds. A one-in-five chance of
# at least one supply-caused missed delivery over the contract is the point where the damage to
# customers' trust (those who face the customers "delivering bad news") outweighs the cost of a safety stock or a
# second source: above it the remedy becomes a condition of the contract. The same one in five
# holds for an outage of a capability longer than the work can stand (customers feel both).
MISSED_DELIVERY_LIMIT = 0.20
OUTAGE_LIMIT = MISSED_DELIVERY_LIMIT


def _missed(offering: Offering | None) -> str:
    """What a supply shortfall costs customers: goods not delivered, or service not given."""
    return "missed service" if offering is not None and offering.kind == "service" else "missed delivery"


def _hours(value: float) -> str:
    return f"{formats.number(value)} hour{'' if value == 1 else 's'}"


def _supply_figures(assessment: Assessment, winner: str) -> dict:
    """The winner's row of the continuity figures (materials and capabilities), empty without one."""
    table = assessment.continuity
    rows = table[table["partner"] == winner]
    return {} if rows.empty else {k: v for k, v in rows.iloc[0].items() if not formats.missing(v)}


def supply_conditions(assessment: Assessment, winner: str, offering: Offering | None = None) -> list[str]:
    """The winner's supply conditions: each critical input's missing second source (materials,
    consumables) or missing second provider or standby (capabilities), each critical capability's
    failover slower than the work can stand, and either model's chance over the term at its limit
    or above, each in the words of its own kind of input."""
    found = []
    mine = assessment.supply[(assessment.supply["partner"] == winner)
                             & assessment.supply["severity"].eq("high")]
    for item in dict.fromkeys(mine.loc[mine["kind"] == SINGLE_SOURCE, "input"]):
        found.append(f"a second qualified source of {mid_sentence(item)} is in place: it has only one")
    for item in dict.fromkeys(mine.loc[mine["kind"] == SINGLE_PROVIDER, "input"]):
        found.append(f"a second provider or a standby for its {mid_sentence(item)} is in place: it has none")
    for _, r in mine[mine["kind"] == SLOW_FAILOVER].drop_duplicates("input").iterrows():
        found.append(f"failover of its {mid_sentence(r['input'])} is brought within the "
                     f"{_hours(r['tolerable_hours'])} the work can stand: it takes {_hours(r['failover_hours'])}")
    figures = _supply_figures(assessment, winner)
    chance = figures.get("chance_over_term")
    if chance is not None and chance >= MISSED_DELIVERY_LIMIT:
        found.append(f"its supply is made safer (safety stock, second sources): there is an estimated "
                     f"{formats.share(chance)} chance of a supply-caused {_missed(offering)} over the term")
    outage = figures.get("outage_chance_over_term")
    if outage is not None and outage >= OUTAGE_LIMIT:
        found.append(f"its service is made more resilient (a second provider or a standby, a faster "
                     f"failover): there is an estimated {formats.share(outage)} chance of an outage "
                     f"longer than the work can stand over the term")
    return found


def supply_watch(assessment: Assessment, winner: str, offering: Offering | None = None) -> list[str]:
    """The winner's supply figures as watch points, each model in its own words."""
    figures, watch = _supply_figures(assessment, winner), []
    if "chance_over_term" in figures:
        watch.append(f"an estimated {formats.share(figures['chance_over_term'])} chance of a "
                     f"supply-caused {_missed(offering)} over the term")
    if "outage_chance_over_term" in figures:
        watch.append(f"an estimated {_hours(figures['hours_lost_a_year'])} of service lost a year, and a "
                     f"{formats.share(figures['outage_chance_over_term'])} chance of an outage longer "
                     f"than the work can stand over the term")
    return watch
