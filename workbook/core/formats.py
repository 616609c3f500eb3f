"""How each kind of number is written, wherever a reader meets it (pages, alerts, Excel).

One function per kind, so that a percentage or a score reads the same in every table and sentence.
Which column is which kind is :mod:`workbook.views.labels`' business; this module has no words.
Every formatter returns "" for a missing value.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd


def missing(value) -> bool:
    """True for None, NaN and other missing markers (and never raises on text)."""
    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _guard(function):
    def formatted(value) -> str:
        return "" if missing(value) else function(value)
    formatted.__name__, formatted.__doc__ = function.__name__, function.__doc__
    return formatted


@_guard
def percent(value) -> str:
    """A share of 1 as a percentage, one decimal: 0.9637 -> ``96.4%``; never rounded to a
    certainty it is not: 0.9996 -> ``over 99.9%``, 0.0004 -> ``under 0.1%``."""
    if 0.9995 <= value < 1:
        return "over 99.9%"
    if 0 < value < 0.0005:
        return "under 0.1%"
    return f"{value:.1%}"


@_guard
def share(value) -> str:
    """A rough share or a chance (of draws, of a missed delivery, of work done): whole percent;
    never rounded to a certainty it is not: 0.999 -> ``over 99%``, 0.001 -> ``under 1%``."""
    if 0.995 <= value < 1:
        return "over 99%"
    if 0 < value < 0.01:  # below 1 %, never "1%": a chance under the summary's 1 % reads as under it
        return "under 1%"
    return f"{value:.0%}"


@_guard
def points(value) -> str:
    """A difference of shares in signed percentage points: 0.12 -> ``+12 points``; under one
    point, one significant digit: 0.004 -> ``+0.4 points``, never ``+0 points``."""
    return f"{'+' if value > 0 else '-' if value < 0 else ''}{point_size(abs(value))} points"


@_guard
def point_size(value) -> str:
    """The size of a change of shares in percentage points, as :func:`points` writes it without
    its sign: 0.1742 -> ``17``; under one point, one significant digit: 0.004 -> ``0.4``,
    0.0004 -> ``0.04``."""
    size = abs(value) * 100
    return f"{size:.1g}" if 0 < size < 0.95 else f"{size:.0f}"


@_guard
def score(value) -> str:
    """A ranking score on 0 to 1 (weighted sum, TOPSIS closeness) or a net flow: two decimals."""
    return f"{value:.2f}"


@_guard
def fine_score(value) -> str:
    """A score with a third decimal, for a column where two decimals would make two different
    scores read alike (:func:`score_decimals`)."""
    return f"{value:.3f}"


def score_decimals(values) -> int:
    """Decimals for a column of scores: two, or three when two decimals would write two different
    scores alike (partners ranked 3 and 4 both "0.66", a reader asks why)."""
    distinct = {float(v) for v in values if not missing(v)}
    return 3 if len({score(v) for v in distinct}) < len(distinct) else 2


def scores_written(values):
    """How the scores of ``values`` (and any figure quoted from them) are written: :func:`score`,
    or :func:`fine_score` when :func:`score_decimals` asks for a third decimal."""
    return fine_score if score_decimals(values) == 3 else score


@_guard
def rating(value) -> str:
    """A judgment or rating on a 1-5 scale, as the team's mean (or a gap of ratings): one
    decimal, and no "-0.0"."""
    return f"{value:.1f}" if round(value, 1) != 0 else "0.0"


@_guard
def signed(value) -> str:
    """A signed whole number such as an NPS: ``+32``, ``-5``."""
    return f"{value:+.0f}"


@_guard
def days(value) -> str:
    """A duration in days: ``8 days``, ``1 day``, ``2.5 days``."""
    text = f"{value:,.1f}".rstrip("0").rstrip(".")
    return f"{text} day" if text == "1" else f"{text} days"


@_guard
def hours(value) -> str:
    """A duration in hours, in :func:`number`'s three significant digits as the tables write it:
    ``8 hours``, ``1 hour``, ``31.6 hours``, ``124 hours`` (not ``124.1 hours`` beside a table's 124)."""
    text = number(value)
    return f"{text} hour" if text == "1" else f"{text} hours"


@_guard
def seconds(value) -> str:
    """A duration in seconds: ``24 s``, ``431 s``."""
    return f"{value:,.0f} s"


@_guard
def minutes(value) -> str:
    """A duration in minutes: ``7.5 min``."""
    return f"{value:,.1f}".rstrip("0").rstrip(".") + " min"


@_guard
def money(value) -> str:
    """An amount: thousands separated, two decimals."""
    return f"{value:,.2f}"


@_guard
def count(value) -> str:
    """A whole count, thousands separated."""
    return f"{value:,.0f}"


@_guard
def rate(value) -> str:
    """Events a year (expected missed deliveries): two decimals, or as many as two significant
    digits need below 0.005 (``0.0043``: ``0.00`` would say none is expected)."""
    return f"{value:.{rate_decimals(value)}f}"


def rate_decimals(value) -> int:
    """The decimals :func:`rate` writes ``value`` with (results.xlsx formats it alike)."""
    if value == 0 or abs(value) >= 0.005:
        return 2
    return 1 - math.floor(math.log10(abs(value)))


@_guard
def ratio(value) -> str:
    """How many times one number is another: ``2.5x``."""
    return f"{value:.1f}x"


@_guard
def number(value) -> str:
    """A measured fact of any unit: three significant digits, no float noise."""
    if isinstance(value, str):
        return value
    if value != 0 and abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.3g}"


@_guard
def threshold(value) -> str:
    """A target or alert threshold as a reader meets it, never broken across lines:
    ``>= 95%`` -> ``≥ 95%``, ``<= 10 days`` -> ``≤ 10 days`` (non-breaking spaces)."""
    text = str(value).strip()
    for typed, sign in ((">=", "≥"), ("<=", "≤"), ("!=", "≠")):
        text = text.replace(typed, sign)
    return text.replace(" ", "\u00a0")


def fixed(value, places: int) -> str:
    """``value`` at ``places`` decimals, rounded as a reader rounds the figure as written: half
    up (4.675 -> ``4.68``), where the float's binary value (4.67499...) would give ``4.67``."""
    if not math.isfinite(value):
        return f"{value:.{places}f}"
    return f"{Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP):f}"


def fact(value, unit: str = "", places: int | None = None) -> str:
    """A measured fact with its unit as a sentence writes it: ``96.5%``, ``12 days``,
    ``4.2 EUR/kg``; without a unit, as :func:`number`; with ``places``, that many decimals."""
    if missing(value):
        return ""
    if unit == "yes/no":  # a certificate or a capability: held or not
        return "yes" if value else "no"
    if places is None and unit.lower() in ("days", "day"):
        return days(value)
    text = number(value) if places is None else fixed(value, places)
    if unit == "%":
        return f"{text}%"
    if unit.lower() in ("days", "day"):
        return f"{text} day" if text == "1" else f"{text} days"
    return f"{text} {unit}".strip()


def facts_alike(values, unit: str = "", least: int = 0) -> list[str]:
    """Facts set against each other (in one sentence, or down a table's column), as :func:`fact`
    writes them but with the same decimals: ``5.40 EUR`` against ``5.03 EUR``, not ``5.4 EUR``
    against ``5.03 EUR``; at least ``least`` decimals (those the field's figures are written
    with: ``88.0%`` where the others read 96.8% and 94.0%); a missing one blank."""
    given = [v for v in values if not missing(v)]
    if unit == "yes/no" or any(isinstance(v, str) or abs(v) >= 1000 for v in given):
        return [fact(v, unit) for v in values]
    places = max([least] + [len(f"{v:.3g}".partition(".")[2]) for v in given])
    return [fact(v, unit, places) for v in values]


@_guard
def rank(value) -> str:
    """A rank, or ``out`` for a partner that failed a must-have."""
    return f"{value:.0f}"


def rank_or_out(value) -> str:
    """A rank; a missing rank means the partner is out of the ranking."""
    return "out" if missing(value) else rank(value)


@_guard
def fine_percent(value) -> str:
    """A share as a percentage with two decimals, for a record quoted that finely: 0.0022 -> ``0.22%``."""
    return f"{value:.2%}"


KINDS = {"percent": percent, "fine_percent": fine_percent, "share": share, "points": points, "score": score, "rating": rating, "signed": signed,
         "days": days, "hours": hours, "seconds": seconds, "minutes": minutes, "money": money, "count": count, "rate": rate, "ratio": ratio,
         "number": number, "rank": rank_or_out, "threshold": threshold}
