"""A partner's reported record against what was measured of it, in words: the condition of a
recommendation, its watch points, the scoring page's table and results.xlsx's findings say it alike.

The verdicts and severities are decided in :mod:`workbook.quality.records`; here they are only
written, with the figures: "its reported dispatch on the promised day (99.1%) is not borne out:
we measured 95.0% (95% interval 87.5% to 98.1%, 3,027 orders from February to November 2026)".
"""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from workbook.core import formats
from workbook.core.measure_library import find
from workbook.core.vocabulary import mid_sentence
from workbook.core.wordbook import join
from workbook.engagement.offering import Offering
from workbook.quality.alerts import counted
from workbook.quality.records import BORNE_OUT, OVERSTATED, TOO_FEW, UNDERSTATED
from workbook.scoring.conditions import record_figures

# The verdicts as every page, the summary and results.xlsx write them (codes: workbook.quality.records);
# "not borne out", never "overstated": a damage rate reported too low is not "overstated"
RECORD_VERDICTS = {BORNE_OUT: "consistent with what we measured", OVERSTATED: "not borne out",
                   UNDERSTATED: "more modest than measured", TOO_FEW: "too few to check"}
UNCLEAR = "not contradicted: the months vary too much to judge"  # inside a widened interval, measured worse
SCORED = "if scored on the measured figure, "  # how a consequence opens: a supposition
WIDE = 2.0  # a dispersion from which the page says why an interval is wide (twice chance's spread)


def verdict_words(figures: dict) -> str:
    """A check's verdict in words; a claim inside an interval the months' spread widened, while
    what was measured is worse, is "not contradicted", not "consistent"."""
    said = RECORD_VERDICTS[figures["verdict"]]
    if figures["verdict"] == BORNE_OUT and figures.get("dispersion", 1) >= WIDE:
        lower = figures.get("direction") == "lower"
        worse = figures["measured"] > figures["claimed"] if lower else figures["measured"] < figures["claimed"]
        return UNCLEAR if worse else said
    return said


def decimals(claimed: float) -> int:
    """The decimals a claim was reported with, as a percentage (95.5 -> 1, 0.22 -> 2), one at least."""
    written = f"{round(claimed * 100, 6):g}"
    return min(3, max(1, len(written.split(".")[1]) if "." in written else 0))


def pct(value: float, places: int) -> str:
    return f"{value * 100:.{places}f}%"


FIGURES = ("claimed", "measured", "low", "high")  # a check's figures, written alike


def written(key: str, figures: dict) -> str:
    """A check's figure ``key`` (one of :data:`FIGURES`) as the partner would write it: a share as
    a percentage with the claim's decimals; hours or days with the decimals its figures take
    together ("18.0 hours" reported beside "19.2 hours" measured, not "18 hours")."""
    unit = figures.get("unit", "share")
    if unit == "share":
        return pct(figures[key], decimals(figures["claimed"]))
    if unit not in ("hours", "days"):
        return formats.KINDS[unit](figures[key])
    keys = [k for k in FIGURES if not formats.missing(figures.get(k))]
    return dict(zip(keys, formats.facts_alike([figures[k] for k in keys], unit))).get(key, "")


def month(iso: str) -> str:
    """``2025-11`` -> ``November 2025``."""
    return f"{date.fromisoformat(iso + '-01'):%B %Y}"


def based_on(figures: dict, offering: Offering | None) -> str:
    """How many observations, in the measure's unit, whose (when not every segment's), where from
    (a system's monthly totals, or the records of each one), and the months, with how few of the
    months the record covers they are: "338 orders from November 2025 to October 2026", "626,597
    orders delivered in monthly totals from February to November 2026, 10 of the 12 months the
    record covers", "116 answers (Policyholders) from June to October 2026"."""
    offering = offering or Offering()
    measure = find(str(figures["measure"]), offering.families)
    kpi = {"kpi_id": figures["measure"], "method": measure.method if measure else ""}
    whose = figures.get("segment", "all segments")
    whose = "" if whose == "all segments" else f" ({whose})"
    # a share from a system's monthly totals (a duration's monthly figures say what they are)
    totals = " in monthly totals" if measure is not None and measure.source == "observations" \
        and figures.get("unit", "share") == "share" else ""
    first, last = month(figures["first"]), month(figures["last"])
    if first == last:
        span = f"in {first}"
    elif first[-4:] == last[-4:]:  # "from February to November 2026"
        span = f"from {first[:-5]} to {last}"
    else:
        span = f"from {first} to {last}"
    months, window = figures.get("months"), figures.get("window")
    short = f", {int(months)} of the {int(window)} months the record covers" if months and window and months < window else ""
    return f"{counted(int(figures['n']), pd.Series(kpi), offering)}{whose}{totals} {span}{short}"


def measured_words(figures: dict, offering: Offering | None = None) -> str:
    """"we measured 90.2% (95% interval 86.6% to 93.0%, 338 orders from …)", a share with as
    many decimals as the partner reported."""
    return (f"we measured {written('measured', figures)} (95% interval {written('low', figures)} to "
            f"{written('high', figures)}, {based_on(figures, offering)})")


def record_name(subject: str, criteria: pd.DataFrame) -> str:
    """A criterion's name inside a sentence, without the "(%)" or "(hours)" its figures carry."""
    name = str(criteria["name"].get(subject, subject))
    return mid_sentence(re.sub(r"\s*\((%|hours|days|minutes|seconds)\)$", "", name))


def reported(subject: str, figures: dict, criteria: pd.DataFrame) -> str:
    """"its reported dispatch on the promised day, last 12 months (99.1%)"."""
    return f"its reported {record_name(subject, criteria)} ({written('claimed', figures)})"


def consequence(figures: dict, names, lead: str = SCORED) -> str:
    """What scoring it on the measured figure would change, as the supposition it is: "if scored
    on the measured figure, it would fail a must-have and Bergmann Chemie would come first", "…,
    it would rank 2 instead of 1 …", "…, it would still rank first"; ``lead`` opens it."""
    before, after, winner = figures.get("rank"), figures.get("rank_as_measured"), figures.get("winner_as_measured")
    first = (f" and {names(winner)} would come first" if winner is not None and before == 1 and after != 1
             else "")
    if after is None:
        return f"{lead}it would {'still fail' if before is None else 'fail'} a must-have{first}"
    if after == before:
        return f"{lead}it would still rank first" if after == 1 else f"{lead}it would still rank {int(after)}"
    return f"{lead}it would rank {int(after)} instead of {int(before)}{first}"


def record_condition(subject: str, figures: dict, criteria: pd.DataFrame, names,
                     offering: Offering | None = None) -> str:
    """The condition a recommendation carries when its winner's record is not borne out and the
    measured figure would change it: "its reported on-time in-full record (95.5%) is confirmed
    before signing: we measured 90.2% (…); if scored on the measured figure, it would fail a must-have …"."""
    return (f"{reported(subject, figures, criteria)} is confirmed before signing: "
            f"{measured_words(figures, offering)}; {consequence(figures, names)}")


def record_watch(subject: str, figures: dict, criteria: pd.DataFrame, names,
                 offering: Offering | None = None) -> str:
    """A record not borne out that leaves the recommendation as it is, as a watch point, a top
    risk and a flag's words in results.xlsx: "its reported dispatch on the promised day (99.1%) is
    not borne out: we measured 95.0% (…) — if scored on the measured figure, it would still rank first"."""
    return (f"{reported(subject, figures, criteria)} is not borne out: {measured_words(figures, offering)} — "
            f"{consequence(figures, names)}")


def record_watches(records: pd.DataFrame | None, partner: str, criteria: pd.DataFrame, names,
                   offering: Offering | None = None) -> list[str]:
    """:func:`record_watch` of each of ``partner``'s records not borne out, of medium severity (a
    high one is a condition of the recommendation)."""
    if records is None or records.empty:
        return []
    mine = records[(records["partner"] == partner) & records["severity"].eq("medium")]
    return [record_watch(r["criterion"], record_figures(r), criteria, names, offering) for _, r in mine.iterrows()]


def recent_warnings(records: pd.DataFrame, tracked: dict | None) -> str:
    """A record checked over its span beside the same measure's high early warning in the latest
    complete month (``assessment.tracked``): "OTIF has a high early warning in October 2026, the
    latest complete month …", or "" when none has."""
    if not tracked or not tracked.get("measures"):
        return ""
    named = dict(zip(tracked["measures"], tracked.get("names") or tracked["measures"]))
    warned = [named[m] for m, p in zip(records["measure"], records["partner"]) if m in named and p == tracked.get("partner")]
    if not warned:
        return ""
    latest = f" in {month(tracked['period'])}, the latest complete month" if tracked.get("period") else ""
    has = "has a high early warning" if len(set(warned)) == 1 else "have high early warnings"
    warned = warned[:1] + [mid_sentence(w) for w in warned[1:]]  # "Dispatched on … and returns processed …"
    return (f"{join(warned)} {has}{latest} (the quality plan's early warnings): a record that holds over a "
            f"year can still fall short now.")
