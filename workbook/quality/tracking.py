"""Tracking the quality plan's measures over time, from the engagement's ``quality/`` data.

Each measure becomes a monthly series (month, value, n, low, high, partial): the value, how many
orders, answers or readings it rests on, its 95 % interval (:mod:`workbook.quality.intervals`;
empty for a median lead time) and whether the month was still running on the as-of date. Rates
are fractions (0.95 = 95 %), the unit targets are parsed into. Orders count in the month they were
promised; an order not yet delivered by the report's date is counted as late.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

from workbook.core.measure_library import find
from workbook.core.vocabulary import ALL_SEGMENTS, INTERNAL_VIEW
from workbook.engagement.quality_files import QualityData
from workbook.quality.intervals import answers_interval, wilson
from workbook.quality.measures import nps
from workbook.quality.observed import observed_by_month

SERIES_COLUMNS = ["month", "value", "n", "low", "high", "partial"]
EMPTY = pd.DataFrame(columns=SERIES_COLUMNS)


def _wilson(successes, totals) -> tuple[list[float], list[float]]:
    bounds = [wilson(float(s), float(n)) for s, n in zip(successes, totals)]
    return [b[0] for b in bounds], [b[1] for b in bounds]


def _month(dates: pd.Series) -> pd.Series:
    return pd.to_datetime(dates).dt.to_period("M")


def _dated(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """The date columns as datetime64 (a missing date is NaT), whether read cell by cell as dates
    or a column at a time from a large file."""
    return frame.assign(**{c: pd.to_datetime(frame[c]) for c in columns if c in frame})


def _month_key(dates: pd.Series) -> np.ndarray:
    """Each datetime64 date's month as a datetime64[M] key: grouping on Periods would box every row."""
    return dates.to_numpy().astype("datetime64[M]")


def _periods(keys) -> pd.PeriodIndex:
    return pd.DatetimeIndex(keys).to_period("M")


def otif_by_month(deliveries: pd.DataFrame, as_of: date, in_full: bool = True) -> pd.DataFrame:
    """Orders on time and in full / orders due, per month of the promised date (on time alone
    without ``in_full``)."""
    dated = _dated(deliveries, "promised", "delivered")
    due = dated[(dated["promised"] <= pd.Timestamp(as_of)).to_numpy()]
    if due.empty:
        return pd.DataFrame(columns=SERIES_COLUMNS)
    ok = (due["delivered"] <= due["promised"]).to_numpy()  # not delivered (NaT): late
    if in_full:
        ok = ok & (due["delivered_qty"] >= due["ordered_qty"]).to_numpy()
    table = pd.Series(ok).groupby(_month_key(due["promised"])).agg(["sum", "count"])
    low, high = _wilson(table["sum"], table["count"])
    return pd.DataFrame({"month": _periods(table.index), "value": table["sum"] / table["count"],
                         "n": table["count"], "low": low, "high": high,
                         "successes": table["sum"]}).reset_index(drop=True)


def _delivered(deliveries: pd.DataFrame) -> pd.DataFrame:
    dated = _dated(deliveries, "delivered", "order_date")
    done = dated[dated["delivered"].notna().to_numpy()]
    return done.assign(month=_month_key(done["delivered"]))


def complaint_rate_by_month(deliveries: pd.DataFrame, complaints: pd.DataFrame) -> pd.DataFrame:
    """Complaints received in a month / orders delivered that month (its interval: Wilson's, as
    if each order could bring one complaint)."""
    orders = _delivered(deliveries).groupby("month").size()
    orders.index = _periods(orders.index)
    received = complaints.groupby(_month(complaints["date"])).size() if len(complaints) else pd.Series(dtype=float)
    months = orders.index
    count = received.reindex(months, fill_value=0)
    low, high = _wilson(count.clip(upper=orders), orders)
    return pd.DataFrame({"month": months, "value": (count / orders).to_numpy(), "n": orders.to_numpy(),
                         "low": low, "high": high})


def lot_acceptance_by_month(deliveries: pd.DataFrame) -> pd.DataFrame:
    done = _delivered(deliveries)
    if "accepted" not in done or done["accepted"].isna().all():
        return pd.DataFrame(columns=SERIES_COLUMNS)
    table = done.dropna(subset=["accepted"]).groupby("month")["accepted"].agg(["sum", "count"])
    low, high = _wilson(table["sum"], table["count"])
    return pd.DataFrame({"month": _periods(table.index), "value": (table["sum"] / table["count"]).to_numpy(float),
                         "n": table["count"].to_numpy(), "low": low, "high": high})


def lead_time_by_month(deliveries: pd.DataFrame) -> pd.DataFrame:
    """Median days from order to delivery, per month delivered."""
    done = _delivered(deliveries)
    if "order_date" not in done:
        return pd.DataFrame(columns=SERIES_COLUMNS)
    done = done[done["order_date"].notna().to_numpy()]
    done = done.assign(days=(done["delivered"] - done["order_date"]).dt.days)
    table = done.groupby("month")["days"].agg(["median", "count"])
    return pd.DataFrame({"month": _periods(table.index), "value": table["median"].to_numpy(float),
                         "n": table["count"].to_numpy()})


def answers_by_month(frame: pd.DataFrame, measure: str, segment: str | None = None) -> pd.DataFrame:
    """Mean of the answers or readings for ``measure`` per month (NPS from 0-10 ratings), with its
    95 % interval, kept within the scale of a library measure's answers (a 1-5 score): Student's t
    on a handful of ratings would otherwise reach past 5."""
    kept = (frame["measure"] == measure).to_numpy(bool) & \
        ((frame["segment"] == segment).to_numpy(bool) if segment is not None else True)
    keys = _month_key(pd.to_datetime(frame["date"][kept]))
    dated = ~np.isnat(keys)  # an answer without a date belongs to no month
    keys, answers = keys[dated], frame["value"].to_numpy(float)[kept][dated]
    if not len(keys):
        return pd.DataFrame(columns=SERIES_COLUMNS)
    # each month's answers as an array: pandas' groups, a Series each, were half the time
    order = np.argsort(keys, kind="stable")
    months, starts = np.unique(keys[order], return_index=True)
    groups = np.split(answers[order], starts[1:])
    counted = [g[~np.isnan(g)] for g in groups]  # a mean and a count skip a missing answer
    values = [nps(g) for g in groups] if measure == "nps" else [g.mean() if len(g) else np.nan for g in counted]
    bounds = [answers_interval(g, measure == "nps") for g in groups]
    library = find(measure)
    if library is not None and library.scale is not None:
        bounds = [tuple(np.clip(b, *library.scale)) for b in bounds]
    return pd.DataFrame({"month": _periods(months), "value": np.asarray(values, float),
                         "n": np.array([len(g) for g in counted]), "low": [b[0] for b in bounds],
                         "high": [b[1] for b in bounds]})


# the sources of a share done by the promise: each gets a p-chart (workbook.quality.control_limits)
PROMISES = ("orders.on_time_in_full", "orders.on_time")


def source_of(kpi: str, families: tuple[str, ...] = ()) -> str:
    """Where a plan measure's values come from: its library source (``answers`` for a team's own)."""
    measure = find(kpi, families)
    return measure.source if measure is not None else "answers"


def track(plan: pd.DataFrame, quality: QualityData, as_of: date,
          families: tuple[str, ...] = ()) -> dict[str, pd.DataFrame]:
    """The monthly series of every plan measure that has data (measures without data are left out).

    A measure is computed from its library source (the orders, the complaints, the answers and
    readings) and, when that gives nothing, taken from the aggregated observations; from the
    records of the plan's audience for it when the records tell its segments apart, else from
    all of them (column ``segments`` says which, :func:`covered`).
    """
    # a file with no row left (another partner's data, all of it after the as-of date) measures nothing
    d, c, f, r, o = (x if x is not None and len(x) else None for x in (
        quality.deliveries, quality.complaints, quality.feedback, quality.readings, quality.observations))
    if d is not None:  # once, not once for each measure of the orders
        d = _dated(d, "order_date", "promised", "delivered")
    events = {"orders.on_time_in_full": lambda d, c: otif_by_month(d, as_of),
              "orders.on_time": lambda d, c: otif_by_month(d, as_of, in_full=False),
              "orders.accepted": lambda d, c: lot_acceptance_by_month(d),
              "orders.days": lambda d, c: lead_time_by_month(d),
              "complaints.per_order": lambda d, c: complaint_rate_by_month(d, c) if c is not None else EMPTY}
    units = dict(zip(plan["kpi_id"], plan["unit"])) if "unit" in plan else {}
    audiences = dict(zip(plan["kpi_id"], plan["audience"])) if "audience" in plan else {}
    series = {}
    for kpi in plan["kpi_id"]:
        source, wanted = source_of(kpi, families), _segments(audiences.get(kpi))
        if source in events and d is not None:
            rows = _of(d, wanted)
            told = c is not None and rows is not d and "segment" in c  # the complaints of those segments
            s = events[source](rows, c[c["segment"].isin(wanted).to_numpy()] if told else c)
        else:
            s, rows = EMPTY, None
        if not len(s):
            # a file without the measure's records gives nothing: not asked (an empty frame's cost)
            found = [(answers_by_month(y, kpi), y) for y in (_of(x[(x["measure"] == kpi).to_numpy()], wanted)
                                                              for x in (f, r) if x is not None) if len(y)]
            s, rows = next(((x, y) for x, y in found if len(x)), (EMPTY, None))
        if not len(s) and o is not None:
            rows = _of(o[o["measure"] == kpi], wanted)
            s = observed_by_month(rows, kpi, units.get(kpi, ""))
        if len(s):
            series[kpi] = mark_partial(s, as_of).assign(segments=covered(rows))
    return series


def segments_of(where) -> list[str]:
    """The segments a plan's audience or a warning's "where" names, separated by commas."""
    return [s.strip() for s in str(where or "").split(",") if s.strip()]


def _segments(audience) -> list[str] | None:
    """The segments a plan's audience names; None for all segments."""
    named = segments_of(audience)
    return None if not named or named == [ALL_SEGMENTS] else named


def _of(frame: pd.DataFrame, wanted: list[str] | None) -> pd.DataFrame:
    """``frame``'s records of the ``wanted`` segments; all of them when it has none of those
    (records not told apart by segment, or kept for all segments at once)."""
    if wanted is None or "segment" not in frame:
        return frame
    rows = frame[frame["segment"].isin(wanted).to_numpy()]
    return rows if len(rows) else frame


def covered(rows: pd.DataFrame | None) -> str:
    """The segments whose records a series is computed from, as the plan writes an audience
    ("Brokers", "Online shoppers, Marketplace buyers"); all segments when the records are not told
    apart by segment, or some are for all of them."""
    if rows is None or "segment" not in rows:
        return ALL_SEGMENTS
    found = list(dict.fromkeys(str(s) for s in rows["segment"].dropna().unique()))  # in order of appearance
    return ALL_SEGMENTS if not found or {"all", ALL_SEGMENTS} & set(found) else ", ".join(found)


def speaks_for(series: pd.DataFrame, segments: list[str], planned: str) -> str:
    """The segments a measure's series speaks for, as its warnings and its status name them: all
    segments when its records cover every one (or are not told apart); the plan's audience
    ``planned`` for a series made without :func:`covered`'s column."""
    if "segments" not in series or series.empty:
        return planned
    found = segments_of(series["segments"].iloc[-1])
    return ALL_SEGMENTS if found == [ALL_SEGMENTS] or (segments and set(segments) <= set(found)) \
        else ", ".join(found)


def mark_partial(series: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """Interval columns where a measure has none, and ``partial``: the month of ``as_of`` unless
    ``as_of`` is its last day."""
    running = pd.Period(as_of, "M") if (as_of + timedelta(days=1)).month == as_of.month else None
    columns = list(dict.fromkeys(SERIES_COLUMNS + list(series.columns)))
    if list(series.columns) not in (columns, columns[:-1]):  # all there, or but ``partial`` (assigned last)
        series = series.reindex(columns=columns)
    return series.assign(partial=[running is not None and pd.Period(m, "M") == running
                                  for m in series["month"]])


def _partial(series: pd.DataFrame) -> np.ndarray | None:
    """Which of ``series``'s months were still running on the as-of date (None: not marked)."""
    return series["partial"].to_numpy().astype(bool) if "partial" in series else None


def judged(series: pd.DataFrame) -> pd.DataFrame:
    """The periods a status and an early warning judge: the complete ones. A month still running
    on the as-of date (``partial``) is shown "to date" but never replaces the last complete month;
    only while no month is complete yet is it judged (and said to be to date)."""
    partial = _partial(series)
    if partial is None or not partial.any() or partial.all():
        return series
    return series[~partial]


def running(series: pd.DataFrame) -> pd.Series | None:
    """The month still running on the as-of date, when a complete month is judged before it."""
    partial = _partial(series)
    if partial is None or not partial.any() or partial.all():
        return None
    return series.iloc[np.flatnonzero(partial)[-1]]


def process_measures(readings: pd.DataFrame | None, plan: pd.DataFrame) -> list[str]:
    """Readings of the partner's process (e.g. viscosity, batch consistency): every reading but the
    internal rating of quality. They get individuals control charts, and a plan measure among them
    is also tracked against its target: both signals show."""
    if readings is None:
        return []
    return sorted(set(readings["measure"]) - {INTERNAL_VIEW})


def measure_names(readings: pd.DataFrame | None, plan: pd.DataFrame) -> dict[str, str]:
    """What each measure is called on the pages: the plan's name, else the reading's id in words
    with the unit from readings.csv's optional ``unit`` column: "Viscosity (mPa·s)"."""
    names = dict(zip(plan["kpi_id"], plan["kpi"]))
    for measure in process_measures(readings, plan):
        if measure in names:
            continue
        units = readings.loc[readings["measure"] == measure, "unit"] if "unit" in readings else []
        unit = next((str(u).strip() for u in units if pd.notna(u) and str(u).strip()), "")
        label = measure.replace("_", " ").strip().capitalize()
        names[measure] = f"{label} ({unit})" if unit else label
    return names

