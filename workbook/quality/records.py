"""A partner's track record set against what was measured of it.

The partner whose quality is tracked (under contract, or in a pilot) was scored on facts it
reported: its on-time in-full record, its first-contact resolution. Where the quality plan
measures the same thing, its own records say whether the claim holds: the measure's complete
months over the span the criterion names ("last 24 months"; else :data:`WINDOW`) pooled into one
share with its Wilson interval, widened when the months differ more than chance explains
(:func:`dispersion`), beside the claim.
A claim better than the whole interval is *overstated* (the pages say "not borne out"); the partner
is then scored again on what was measured, all else equal, to say whether that changes the
recommendation.

Decided once, here, as codes and figures: the verdict (:data:`VERDICTS`) and one severity,
``high`` when the recommendation would change (another partner first, or the partner out on a
must-have), ``medium`` when the ranking holds. A check pairs a fact criterion with the measure
criteria.csv's ``measure`` column names, else the plan's measure of the same id, else the measure
its fact claims (``otif_pct`` claims ``otif``: :func:`workbook.core.measure_library.claims`). A
share's fact is in percent when its column ends in ``_pct`` or ``_percent`` or its criterion's
name has "%"; a duration's (hours, days, minutes, seconds) is in the criterion's own unit, which
must be the measure's, and its months are pooled by :func:`pooled_mean`.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace

import pandas as pd

from workbook.core.measure_library import claims
from workbook.engagement.model import Engagement
from workbook.quality.intervals import t975, wilson
from workbook.quality.status import fewest
from workbook.scoring.assessment import Assessment, assess_partners

# A duration measure's unit, and how a criterion's unit may write it ("Dock-to-stock time (hours)")
DURATIONS = {"hours": ("hours", "hour", "h"), "days": ("days", "day", "d"), "minutes": ("minutes", "minute", "min"),
             "seconds": ("seconds", "second", "s", "sec")}
WINDOW = 12  # complete months: the span a track record is usually quoted over ("last 12 months")
SPAN = re.compile(r"\b(\d{1,2}) months\b", re.IGNORECASE)  # "Lot acceptance rate, last 24 months (%)"
BORNE_OUT, OVERSTATED, UNDERSTATED, TOO_FEW = "borne out", "overstated", "understated", "too few"
VERDICTS = (BORNE_OUT, OVERSTATED, UNDERSTATED, TOO_FEW)
COLUMNS = ["partner", "criterion", "measure", "segment", "direction", "unit", "claimed", "measured", "low", "high", "n",
           "dispersion", "first", "last", "months", "window", "verdict", "severity", "rank", "rank_as_measured",
           "winner_as_measured"]


def checked_measure(criterion: str, fact: str, measures, named: str = "") -> str | None:
    """The measure of ``measures`` that checks a criterion's fact: the one criteria.csv's
    ``measure`` column ``named``, else the one of the criterion's id, else the one the fact
    claims; None."""
    if named:
        return named if named in measures else None
    if criterion in measures:
        return criterion
    return next((m for m in measures if claims(fact, m)), None)


def share_scale(value: float, fact: str, name: str) -> float | None:
    """What a fact is divided by to be a share: 100 for a percentage (by its column's or its
    criterion's name), 1 for a figure between 0 and 1; None when it cannot be a share."""
    if fact.endswith(("_pct", "_percent")) or "%" in name:
        return 100.0
    return 1.0 if 0 <= value <= 1 else None


def duration_unit(unit: str) -> str | None:
    """A criterion's unit as a duration measure's (``h`` -> ``hours``), or None."""
    unit = str(unit).strip().lower()
    return next((d for d, spelled in DURATIONS.items() if unit in spelled), None)


def pooled_mean(series: pd.DataFrame, window: int = WINDOW) -> dict | None:
    """The last ``window`` complete months of a duration's monthly series (a month's mean or
    median of ``n`` observations) as one figure: their mean weighted by ``n``, with a t interval
    over the months themselves (Student's t on k − 1 degrees of freedom; none from one month,
    which cannot say how much months vary); None when no month is complete."""
    months = series[~series["partial"].astype(bool)] if "partial" in series else series
    months = months.dropna(subset=["value", "n"])
    months = months[months["n"] > 0].tail(window)
    if months.empty:
        return None
    values, n = months["value"].to_numpy(float), months["n"].to_numpy(float)
    measured, k = float((values * n).sum() / n.sum()), len(values)
    half = t975(k - 1) * float(values.std(ddof=1)) / math.sqrt(k) if k > 1 else math.nan
    low = math.nan if math.isnan(half) else max(0.0, measured - half)  # a duration is never below 0
    return {"measured": measured, "low": low, "high": measured + half, "n": int(n.sum()),
            "dispersion": 1.0, "first": str(months["month"].iloc[0]), "last": str(months["month"].iloc[-1]),
            "months": k}


def window(name: str) -> int:
    """The complete months a criterion's record is quoted over, by its name ("…, last 24
    months (%)"), else :data:`WINDOW`."""
    found = SPAN.search(name)
    return int(found.group(1)) if found and int(found.group(1)) > 0 else WINDOW


def pooled(series: pd.DataFrame, window: int = WINDOW) -> dict | None:
    """The last ``window`` complete months of a share's monthly series as one share: successes,
    n, the share, its Wilson interval (widened by the months' :func:`dispersion`), the first and
    last month and how many months; None when none is complete."""
    months = series[~series["partial"].astype(bool)] if "partial" in series else series
    months = months.dropna(subset=["value", "n"])
    months = months[months["n"] > 0].tail(window)
    if months.empty:
        return None
    hits = months["successes"] if "successes" in months else (months["value"] * months["n"]).round()
    successes, n = float(hits.sum()), float(months["n"].sum())
    spread = dispersion(hits.to_numpy(float), months["n"].to_numpy(float))
    low, high = wilson(successes / spread, n / spread)
    return {"measured": successes / n, "low": low, "high": high, "n": int(n), "dispersion": spread,
            "first": str(months["month"].iloc[0]), "last": str(months["month"].iloc[-1]), "months": len(months)}


def dispersion(successes, n) -> float:
    """How much more the monthly shares differ than chance alone explains: Pearson's χ² over its
    k − 1 degrees of freedom, at least 1 (quasi-binomial; McCullagh and Nelder, *Generalized
    Linear Models*, 1989, §4.5). A month of an incident (every order late while an input ran
    out) makes a year's orders less independent evidence than their count says: the interval
    is that of n / dispersion observations."""
    total = n.sum()
    if len(n) < 2 or total <= 0:
        return 1.0
    p = successes.sum() / total
    if p <= 0 or p >= 1:
        return 1.0
    chi2 = float((((successes - n * p) ** 2) / (n * p * (1 - p))).sum())
    return max(1.0, chi2 / (len(n) - 1))


def verdict(claimed: float, low: float, high: float, higher_is_better: bool, n: int, least: int) -> str:
    """Whether a claim holds against the measured interval [``low``, ``high``] of ``n``
    observations (``least`` needed to judge)."""
    if n < least or math.isnan(low):
        return TOO_FEW
    if low <= claimed <= high:
        return BORNE_OUT
    better = claimed > high if higher_is_better else claimed < low
    return OVERSTATED if better else UNDERSTATED


def check_records(engagement: Engagement, quality, assessment: Assessment, weights: pd.Series,
                  aggregate: str = "mean", strategy=None) -> pd.DataFrame:
    """Every fact the tracked partner of ``quality`` (a QualityReport) was scored on that its
    quality plan measures as a share, with the verdict and, for an overstated one, its rank and
    the winner had it been scored on what was measured (:data:`COLUMNS`). Empty when the
    tracking data is not known to be that partner's."""
    partner = None if quality is None else quality.partner
    if partner is None or not quality.attributed or partner not in engagement.partners.index:
        return pd.DataFrame(columns=COLUMNS)
    plan = quality.plan.set_index("kpi_id")
    checkable = [m for m in quality.series if m in plan.index and plan.at[m, "unit"] in ("share", *DURATIONS)]
    criteria = engagement.criteria
    ranks = assessment.ranking.table.set_index("partner")["rank"]
    segments = dict(zip(quality.status["kpi_id"], quality.status["segment"]))  # whose figures they are
    rows = []
    for cid, criterion in criteria.iterrows():
        fact, name = str(criterion["source"]), str(criterion["name"])
        measure = checked_measure(cid, fact, checkable, str(criterion.get("measure", "") or ""))
        if measure is None or fact not in engagement.partners.columns:
            continue
        value, unit, span = engagement.partners.at[partner, fact], plan.at[measure, "unit"], window(name)
        if unit == "share":
            scale = None if pd.isna(value) else share_scale(float(value), fact, name)
            measured = pooled(quality.series[measure], span)
        else:  # a duration, in the criterion's own unit
            same = duration_unit(criterion.get("unit", "")) == unit
            scale = 1.0 if same and not pd.isna(value) else None
            measured = pooled_mean(quality.series[measure], span) if same else None
        if scale is None or measured is None:
            continue
        claimed = float(value) / scale
        kpi = plan.loc[measure]
        said = verdict(claimed, measured["low"], measured["high"], kpi["direction"] != "lower",
                       measured["n"], fewest(kpi))
        row = {"partner": partner, "criterion": cid, "measure": measure, "segment": segments.get(measure, ""),
               "direction": "lower" if kpi["direction"] == "lower" else "higher", "unit": unit,
               "claimed": claimed, **measured, "window": span,
               "verdict": said, "severity": None, "rank": ranks.get(partner),
               "rank_as_measured": None, "winner_as_measured": None}
        if said == OVERSTATED:
            row.update(as_measured(engagement, partner, fact, measured["measured"] * scale, weights,
                                   aggregate, strategy))
            row["severity"] = severity(row["rank"], row["rank_as_measured"], assessment.ranking.winner,
                                       row["winner_as_measured"])
        rows.append(row)
    return pd.DataFrame(rows, columns=COLUMNS)


def severity(rank, rank_as_measured, winner, winner_as_measured) -> str:
    """An overstated record's one severity: ``high`` when scoring it as measured changes the
    recommendation (another partner first) or newly excludes the partner on a must-have, else
    ``medium`` (a partner already out stays out: nothing changes)."""
    newly_out = _out(rank_as_measured) and not _out(rank)
    return "high" if winner_as_measured != winner or newly_out else "medium"


def as_measured(engagement: Engagement, partner: str, fact: str, value: float, weights: pd.Series,
                aggregate: str, strategy) -> dict:
    """``partner``'s rank (None when a must-have excludes it) and the winner, had it been scored
    with ``value`` for ``fact`` and all else as it is."""
    partners = engagement.partners.copy()
    partners.at[partner, fact] = value
    ranking = assess_partners(replace(engagement, partners=partners), weights, aggregate, strategy).ranking
    rank = ranking.table.set_index("partner")["rank"].get(partner)
    return {"rank_as_measured": None if _out(rank) else int(rank), "winner_as_measured": ranking.winner}


def _out(rank) -> bool:
    return rank is None or (isinstance(rank, float) and math.isnan(rank))


FLAG = "record_overstated"  # ranking.csv's flag of a partner whose reported fact we measured lower


def with_records(assessment: Assessment, records: pd.DataFrame) -> Assessment:
    """``assessment`` with ``records`` (:func:`check_records`), and a :data:`FLAG` on its
    ranking for each overstated fact (``record_overstated:<criterion>``)."""
    table = assessment.ranking.table.copy()
    for _, r in records[records["verdict"] == OVERSTATED].iterrows():
        at = table.index[table["partner"] == r["partner"]]
        old = table.loc[at, "flags"].fillna("").astype(str)
        table.loc[at, "flags"] = [f"{f}; {FLAG}:{r['criterion']}" if f else f"{FLAG}:{r['criterion']}" for f in old]
    return replace(assessment, records=records, ranking=replace(assessment.ranking, table=table))
