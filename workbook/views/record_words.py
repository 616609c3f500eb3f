"""A partner's reported record against what was measured of it, in words: the condition of a
recommendation, its watch points, the scoring page's table and results.xlsx's findings say it alike.

The verdicts and severities are decided in :mod:`workbook.quality.records`; here they are only
written, with the figures: "on-time in-full record overstated: reported 95.5%, measured 90.2%
(95% interval 86.6% to 93.0%, 338 orders from November 2025 to October 2026)".
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from workbook.core.measure_library import find
from workbook.core.vocabulary import mid_sentence
from workbook.engagement.offering import Offering
from workbook.quality.alerts import counted

# The verdicts as every page, the summary and results.xlsx write them (codes: workbook.quality.records)
VERDICT_WORDS = {"borne out": "consistent with what we measured", "overstated": "overstated",
                 "understated": "understated", "too few": "too few to check"}
RESCORED = "re-scored on the measured figure, "  # how a consequence opens in a sentence
WIDE = 2.0  # a dispersion from which the page says why an interval is wide (twice chance's spread)


def decimals(claimed: float) -> int:
    """The decimals a claim was reported with, as a percentage (95.5 -> 1, 0.22 -> 2), one at least."""
    written = f"{round(claimed * 100, 6):g}"
    return min(3, max(1, len(written.split(".")[1]) if "." in written else 0))


def pct(value: float, places: int) -> str:
    return f"{value * 100:.{places}f}%"


def month(iso: str) -> str:
    """``2025-11`` -> ``November 2025``."""
    return f"{date.fromisoformat(iso + '-01'):%B %Y}"


def based_on(figures: dict, offering: Offering | None) -> str:
    """How many observations, in the measure's unit, whose (when not every segment's), and the
    months, with how few of the months the record covers they are: "338 orders from November
    2025 to October 2026", "116 answers (Policyholders) from June 2026 to October 2026, 5 of the
    12 months the record covers"."""
    offering = offering or Offering()
    measure = find(str(figures["measure"]), offering.families)
    kpi = {"kpi_id": figures["measure"], "method": measure.method if measure else ""}
    whose = figures.get("segment", "all segments")
    whose = "" if whose == "all segments" else f" ({whose})"
    span = (f"in {month(figures['first'])}" if figures["first"] == figures["last"] else
            f"from {month(figures['first'])} to {month(figures['last'])}")
    months, window = figures.get("months"), figures.get("window")
    short = f", {int(months)} of the {int(window)} months the record covers" if months and window and months < window else ""
    return f"{counted(int(figures['n']), pd.Series(kpi), offering)}{whose} {span}{short}"


def measured_words(figures: dict, offering: Offering | None = None) -> str:
    """"reported 95.5%, measured 90.2% (95% interval 86.6% to 93.0%, 338 orders from …)", with as
    many decimals as the partner reported."""
    places = decimals(figures["claimed"])
    return (f"reported {pct(figures['claimed'], places)}, measured {pct(figures['measured'], places)} "
            f"(95% interval {pct(figures['low'], places)} to {pct(figures['high'], places)}, "
            f"{based_on(figures, offering)})")


def record_name(subject: str, criteria: pd.DataFrame) -> str:
    """A criterion's name inside a sentence, without the "(%)" its figures carry."""
    name = str(criteria["name"].get(subject, subject))
    return mid_sentence(name[:-3].rstrip() if name.endswith("(%)") else name)


def consequence(figures: dict, names, lead: str = RESCORED) -> str:
    """What scoring it on the measured figure changes: "re-scored on the measured figure, it fails
    a must-have and Bergmann Chemie comes first", "…, it ranks 2 instead of 1 and …", "…, it still
    ranks first"; ``lead`` opens it."""
    before, after, winner = figures.get("rank"), figures.get("rank_as_measured"), figures.get("winner_as_measured")
    first = f" and {names(winner)} comes first" if winner is not None and before == 1 and after != 1 else ""
    if after is None:
        return f"{lead}it fails a must-have{first}"
    if after == before:
        return f"{lead}it still ranks first" if after == 1 else f"{lead}it still ranks {int(after)}"
    return f"{lead}it ranks {int(after)} instead of {int(before)}{first}"


def record_condition(subject: str, figures: dict, criteria: pd.DataFrame, names,
                     offering: Offering | None = None) -> str:
    """The condition a recommendation carries when its winner's record is overstated and the
    measured figure would change it: "its on-time in-full record is confirmed before signing:
    reported 95.5%, measured 90.2% (…); re-scored on the measured figure, it fails a must-have …"."""
    return (f"its {record_name(subject, criteria)} is confirmed before signing: "
            f"{measured_words(figures, offering)}; {consequence(figures, names)}")


def record_watch(subject: str, figures: dict, criteria: pd.DataFrame, names,
                 offering: Offering | None = None) -> str:
    """An overstated record that leaves the recommendation as it is, as a watch point, a top risk
    and a flag's words in results.xlsx: "on-time in-full record, last 12 months, overstated:
    reported 95.5%, measured 90.2% (…), and re-scored on the measured figure it still ranks first"."""
    return (f"{record_name(subject, criteria)} overstated: {measured_words(figures, offering)}, and "
            f"{consequence(figures, names, RESCORED.rstrip(', ') + ' ')}")


def record_watches(records: pd.DataFrame | None, partner: str, criteria: pd.DataFrame, names,
                   offering: Offering | None = None) -> list[str]:
    """:func:`record_watch` of each of ``partner``'s overstated records of medium severity (a
    high one is a condition of the recommendation)."""
    if records is None or records.empty:
        return []
    mine = records[(records["partner"] == partner) & records["severity"].eq("medium")]
    return [record_watch(r["criterion"], {k: v for k, v in r.items() if not (isinstance(v, float) and pd.isna(v))},
                         criteria, names, offering) for _, r in mine.iterrows()]
