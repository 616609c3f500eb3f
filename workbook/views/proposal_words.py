"""The strategy's proposed must-haves in words: each limit as the findings write it ("at most
5.0 EUR"), and the basis of it, from the codes and figures of :mod:`workbook.strategy.proposals`."""

from __future__ import annotations

from workbook.core import formats
from workbook.core.wordbook import say
from workbook.strategy.proposals import JUDGED


def limit_words(proposal) -> str:
    """The proposed limit with its unit, as finely as the candidates' figures: ``5.0 EUR``; a
    judged criterion's on its scale, ``3 of 5``, as its judgments are written."""
    if proposal["decided_by"] == JUDGED:
        return f"{formats.fixed(proposal['proposed'], 0)} of 5"
    return formats.fact(proposal["proposed"], _unit(proposal), int(proposal["places"]))


def basis_words(proposal) -> str:
    """Why the limit is what it is: the scale's "adequate", or the quartile and the median's
    tenth it was the stricter of (in the criterion's unit), and how it was rounded."""
    if proposal["decided_by"] == JUDGED:
        return say("proposal.judged")
    unit, places, rounded = _unit(proposal), int(proposal["places"]), _true(proposal["rounded"])
    figures = [proposal["quartile"], proposal["median_limit"]]
    # a rounded limit's figures one decimal finer than it, so that the rounding shows: 5.03 -> 5.0
    quartile, median = ([formats.fact(v, unit, places + 1) for v in figures] if rounded else
                        formats.facts_alike(figures, unit))
    words = say(f"proposal.{proposal['rule'].replace(' ', '_')}", quartile=quartile, median=median)
    if rounded:
        words += ", " + say("proposal.rounded", places=places,
                            way="down" if proposal["rule"] == "at most" else "up")
    return words


def _unit(proposal) -> str:
    unit = proposal.get("unit", "")
    return "" if formats.missing(unit) else str(unit)


def _true(value) -> bool:
    # True, numpy's True, or "True" as read back from results/knockout_proposals.csv
    return str(value).strip().lower() in ("true", "1")
