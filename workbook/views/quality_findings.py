"""The front-runner's own measured quality in words, as a condition of its recommendation
(:func:`workbook.scoring.conditions.winner_conditions`, code ``quality_warnings``)."""

from __future__ import annotations

from workbook.core.vocabulary import mid_sentence
from workbook.core.wordbook import join


def quality_condition(c, tracked: dict | None) -> str:
    """The front-runner's own high early warnings as a condition: "its own measured quality is
    back within the alert thresholds: 2 high early warnings in 2026-10 (complaint rate, NPS)"."""
    names = (tracked or {}).get("names") or c.figures["measures"]
    count = c.figures["count"]
    return (f"the high early warning{'' if count == 1 else 's'} on its own measured quality "
            f"{'is' if count == 1 else 'are'} cleared: {join([mid_sentence(n) for n in names])}")
