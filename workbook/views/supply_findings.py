"""The supply findings in sentences: the winner's supply conditions and watch points, each kind of
input in its own words (materials and consumables: a second qualified source, safety stock, a
missed delivery or, for a service, a missed service; capabilities: no redundancy, failover, hours of
service lost, a second provider or a standby). :mod:`workbook.views.findings` puts them into the
recommendation."""

from __future__ import annotations

from workbook.core import formats
from workbook.core.vocabulary import mid_sentence
from workbook.core.wordbook import Voice, say
from workbook.engagement.offering import Offering
from workbook.scoring.assessment import Assessment
from workbook.scoring.conditions import chance_severity, partner_figures
from workbook.scoring.continuity import SINGLE_PROVIDER, SINGLE_SOURCE, SLOW_FAILOVER


def _missed(offering: Offering | None) -> str:
    """What a supply shortfall costs customers: goods not delivered, or service not given."""
    return say("missed", Voice((offering or Offering()).kind))


def estimated_chance(chance: float) -> str:
    """``an estimated 45% chance``; a chance written as a bound reads ``a chance estimated at over
    99%`` (not "an estimated over 99% chance"). The words that follow begin with "of"."""
    written = formats.share(chance)
    if written.startswith(("over", "under")):
        return f"a chance estimated at {written}"
    return f"an estimated {written} chance"


def supply_condition(c, offering: Offering | None = None) -> str:
    """A supply condition of :func:`workbook.scoring.conditions.winner_conditions` in the words of
    its own kind of input."""
    if c.code == SINGLE_SOURCE:
        return f"a second qualified source of {mid_sentence(c.subject)} is in place: it has only one"
    if c.code == SINGLE_PROVIDER:
        return f"a second provider or a standby for its {mid_sentence(c.subject)} is in place: it has none"
    if c.code == SLOW_FAILOVER:
        return (f"failover of its {mid_sentence(c.subject)} is brought within the "
                f"{formats.hours(c.figures['tolerable_hours'])} the work can stand: it takes "
                f"{formats.hours(c.figures['failover_hours'])}")
    if c.code == "supply_chance":
        return (f"its supply is made safer (safety stock, second sources): there is "
                f"{estimated_chance(c.figures['chance'])} of a supply-caused {_missed(offering)} over the term")
    return (f"its service is made more resilient (a second provider or a standby, a faster failover): "
            f"there is {estimated_chance(c.figures['chance'])} of an outage longer than "
            f"the work can stand over the term")


def chance_words(code: str, figures: dict, offering: Offering | None = None) -> str:
    """A chance over the term (a continuity finding of :mod:`workbook.register`) in words:
    ``supply_chance`` of a supply-caused missed delivery or service, ``outage_chance`` of an outage
    longer than the work can stand."""
    if code == "supply_chance":
        return f"{estimated_chance(figures['chance'])} of a supply-caused {_missed(offering)} over the term"
    return (f"{estimated_chance(figures['chance'])} of an outage longer than the work "
            f"can stand over the term ({formats.hours(figures.get('hours_lost_a_year', 0))} of service "
            f"lost a year)")


def supply_watch(assessment: Assessment, winner: str, offering: Offering | None = None) -> list[str]:
    """The winner's chances over the term as watch points, worded and chosen as the summary's top
    risks are (:func:`chance_words`): those whose severity is not low
    (:func:`workbook.scoring.conditions.chance_severity`)."""
    figures, watch = partner_figures(assessment.continuity, winner), []
    for code, column in (("supply_chance", "chance_over_term"), ("outage_chance", "outage_chance_over_term")):
        if column in figures and chance_severity(figures[column]) != "low":
            watch.append(chance_words(code, {"chance": figures[column], **figures}, offering))
    return watch
