"""A partner's reported record against what was measured of it, in words: the condition of a
recommendation, its watch points, the scoring page's table and results.xlsx's findings say it alike.

The verdicts and severities are decided in :mod:`workbook.quality.records`; here they are only
written, with the figures: "its reported on-time in-full record, 95.5%, is better than we
measured 90.2% (86.6% to 93.0%) over 338 orders from November 2025 to October 2026".
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from workbook.core.measure_library import find
from workbook.core.vocabulary import mid_sentence
from workbook.engagement.offering import Offering
from workbook.quality.alerts import counted

VERDICT_WORDS = {"borne out": "borne out", "overstated": "better than measured",
                 "understated": "more modest than measured", "too few": "too few to check"}


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
    """How many observations, in the measure's unit, and the months: "338 orders from November
    2025 to October 2026"."""
    offering = offering or Offering()
    measure = find(str(figures["measure"]), offering.families)
    kpi = {"kpi_id": figures["measure"], "method": measure.method if measure else ""}
    span = (f"in {month(figures['first'])}" if figures["first"] == figures["last"] else
            f"from {month(figures['first'])} to {month(figures['last'])}")
    return f"{counted(int(figures['n']), pd.Series(kpi), offering)} {span}"


def measured_words(figures: dict, offering: Offering | None = None) -> str:
    """"we measured 90.2% (86.6% to 93.0%) over 338 orders from …", as many decimals as the claim."""
    places = decimals(figures["claimed"])
    return (f"we measured {pct(figures['measured'], places)} ({pct(figures['low'], places)} to "
            f"{pct(figures['high'], places)}) over {based_on(figures, offering)}")


def reported(subject: str, figures: dict, criteria: pd.DataFrame) -> str:
    """"its reported on-time in-full record, last 12 months, 95.5%,": the criterion's name
    without the "(%)" its figure carries."""
    name = str(criteria["name"].get(subject, subject))
    name = name[:-3].rstrip() if name.endswith("(%)") else name
    return f"its reported {mid_sentence(name)}, {pct(figures['claimed'], decimals(figures['claimed']))},"


def consequence(figures: dict, names, lead: str = "scored on that, ") -> str:
    """What scoring it on the measured figure changes: "scored on that, it fails a must-have and
    Bergmann Chemie comes first", "…, it ranks 2 and Bergmann Chemie comes first", "…, it stays
    first"; ``lead`` opens it."""
    before, after, winner = figures.get("rank"), figures.get("rank_as_measured"), figures.get("winner_as_measured")
    first = f" and {names(winner)} comes first" if winner is not None and before == 1 and after != 1 else ""
    if after is None:
        return f"{lead}it fails a must-have{first}"
    if after == before:
        return f"{lead}it stays first" if after == 1 else f"{lead}it still ranks {int(after)}"
    return f"{lead}it ranks {int(after)} instead of {int(before)}{first}"


def record_condition(subject: str, figures: dict, criteria: pd.DataFrame, names,
                     offering: Offering | None = None) -> str:
    """The condition a recommendation carries when its winner's record is overstated and the
    measured figure would change it."""
    return (f"{reported(subject, figures, criteria)} is confirmed before signing: "
            f"{measured_words(figures, offering)}; {consequence(figures, names)}")


def record_watch(subject: str, figures: dict, criteria: pd.DataFrame, names,
                 offering: Offering | None = None) -> str:
    """An overstated record that leaves the recommendation as it is, as a watch point (and a
    flag's words in results.xlsx): "its reported on-time in-full record, last 12 months, 95.5%,
    is better than we measured: 90.2% (…) over 338 orders from … (scored on that, it stays first)"."""
    return (f"{reported(subject, figures, criteria)} is better than {measured_words(figures, offering)} "
            f"({consequence(figures, names)})")


def record_watches(records: pd.DataFrame | None, partner: str, criteria: pd.DataFrame, names,
                   offering: Offering | None = None) -> list[str]:
    """:func:`record_watch` of each of ``partner``'s overstated records of medium severity (a
    high one is a condition of the recommendation)."""
    if records is None or records.empty:
        return []
    mine = records[(records["partner"] == partner) & records["severity"].eq("medium")]
    return [record_watch(r["criterion"], {k: v for k, v in r.items() if not (isinstance(v, float) and pd.isna(v))},
                         criteria, names, offering) for _, r in mine.iterrows()]
