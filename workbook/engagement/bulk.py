"""Large tracking files read a column at a time: a year of two million orders in seconds.

``deliveries.csv`` and ``observations.csv`` past ``BULK_BYTES`` are read with pandas in chunks of
``CHUNK_ROWS`` and checked column by column: ISO dates, numbers, names from a vocabulary (each
distinct name once), unique orders, and a share's unit. Each chunk is kept in compact types (dates
as datetime64, names as categories), so that memory grows with the rows kept, not with the text
read. When any cell would need a message, ``None`` is returned and the file is read the careful
way (:mod:`workbook.engagement.quality_files`), which names every problem with its row: a clean
file is never read twice, a broken one always gets its exact messages.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from workbook.core.files import delimiter
from workbook.core.names import canonical
from workbook.core.measure_library import DURATION_UNITS, SCORE_SCALE, SHARE_UNITS, UNITS
from workbook.core.vocabulary import NO, PERCENT_UNITS, YES, same_unit
from workbook.engagement.observations import month_of, period_start

BULK_BYTES = 2_000_000
CHUNK_ROWS = 250_000
DELIVERY_COLUMNS = ("order", "segment", "promised", "delivered", "ordered_qty", "delivered_qty",
                    "order_date", "accepted", "partner")
OBSERVATION_COLUMNS = ("period", "measure", "value", "n", "segment", "partner", "unit", "note")


class _Careful(Exception):
    """A cell the column checks cannot judge: the careful reading names it."""


def header(path: Path) -> tuple[list[str], str]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        line = f.readline().rstrip("\r\n")
    sep = delimiter(line)
    return [c.strip() for c in line.split(sep)], sep


def _chunks(path: Path, columns: list[str], sep: str, numbers=()):
    """The file's chunks as text (``numbers`` as floats, an empty one NaN), each with the
    spreadsheet row of its records; a number column with text in it raises ValueError."""
    numeric = [c for c in numbers if c in columns]
    reader = pd.read_csv(path, sep=sep, dtype={c: float if c in numeric else str for c in columns},
                         keep_default_na=False, na_values={c: [""] for c in numeric}, chunksize=CHUNK_ROWS,
                         encoding="utf-8-sig", skip_blank_lines=False, names=columns, header=0)
    for chunk in reader:
        # a comment row: its row numbers are the careful reader's (a blank row has an empty order
        # or period, which the checks send there too)
        if chunk[columns[0]].str.startswith("#").any():
            raise _Careful
        yield chunk.assign(row=chunk.index.to_numpy() + 2)


def _names(values: pd.Series, valid: list[str]) -> pd.Series:
    """Each distinct name once through :func:`canonical`, as a category."""
    names = values.astype("category")
    found = [canonical(v, valid) for v in names.cat.categories]
    if any(m is None for m in found):
        raise _Careful
    if len(set(found)) == len(found):
        return names.cat.rename_categories(found)
    return names.map(dict(zip(names.cat.categories, found))).astype("category")  # two spellings, one name


def _dates(values: pd.Series, required: bool) -> pd.Series:
    parsed = pd.to_datetime(values, format="%Y-%m-%d", errors="coerce")
    if (parsed.isna() & ((values != "") | required)).any():
        raise _Careful
    return parsed


def _numbers(values: pd.Series, low: float, whole: bool = False) -> pd.Series:
    parsed = values  # read as floats (workbook.engagement.bulk._chunks)
    if parsed.isna().any() or (parsed < low).any() or (whole and (parsed != np.floor(parsed)).any()):
        raise _Careful
    return parsed


def _read(path: Path, required, known, check, numbers=()) -> pd.DataFrame | None:
    columns, sep = header(path)
    if any(c not in columns for c in required) or any(c not in known for c in columns) \
            or len(set(columns)) != len(columns):
        return None
    try:
        parts = [check(chunk) for chunk in _chunks(path, columns, sep, numbers)]
    except (_Careful, ValueError, pd.errors.ParserError):
        return None
    frame = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    for column in ("segment", "partner", "measure"):  # each chunk's categories, united
        if column in frame:
            frame[column] = frame[column].astype("category")
    return frame


def bulk_deliveries(path: Path, segments: list[str] | None, partners: list[str] | None) -> pd.DataFrame | None:
    """deliveries.csv checked column by column, or None (then read it the careful way)."""
    required = DELIVERY_COLUMNS[:6]

    def check(chunk: pd.DataFrame) -> pd.DataFrame:
        out = pd.DataFrame({"order": chunk["order"], "row": chunk["row"]})
        if (chunk["order"] == "").any():
            raise _Careful
        out["segment"] = _names(chunk["segment"], [*segments, "all"]) if segments is not None else chunk["segment"]
        out["partner"] = (_names(chunk["partner"], partners) if partners is not None else chunk["partner"]) \
            if "partner" in chunk else None
        out["promised"] = _dates(chunk["promised"], True)
        out["delivered"] = _dates(chunk["delivered"], False)
        out["ordered_qty"] = _numbers(chunk["ordered_qty"], 0)
        out["delivered_qty"] = _numbers(chunk["delivered_qty"].fillna(0.0), 0)
        if "order_date" in chunk:
            out["order_date"] = _dates(chunk["order_date"], False)
        if "accepted" in chunk:
            flags = {v: v.strip().lower() for v in chunk["accepted"].unique()}
            if not set(flags.values()) <= YES | NO | {""}:
                raise _Careful
            out["accepted"] = chunk["accepted"].map(
                {v: np.nan if f == "" else float(f in YES) for v, f in flags.items()}).astype(float)
        return out

    frame = _read(path, required, DELIVERY_COLUMNS, check, numbers=("ordered_qty", "delivered_qty"))
    # a set of the orders: a third of the time pandas' duplicated() takes over millions of them
    if frame is not None and len(set(orders := frame["order"].to_numpy())) != len(orders):
        return None  # the careful reading names the rows of each order listed twice
    return frame


def bulk_observations(path: Path, segments, partners, measure_of, units: dict[str, str]) -> pd.DataFrame | None:
    """observations.csv checked column by column, or None. ``measure_of(text)`` is a measure's id
    (an alias read as its measure) or None; ``units`` the unit of each measure."""
    def check(chunk: pd.DataFrame) -> pd.DataFrame:
        out = pd.DataFrame({"row": chunk["row"]})
        periods = {p: period_start(p) for p in chunk["period"].unique()}
        if any(p is None for p in periods.values()):
            raise _Careful
        out["start"] = chunk["period"].map({p: s[0] for p, s in periods.items()})
        out["days"] = chunk["period"].map({p: s[1] for p, s in periods.items()})
        out["month"] = chunk["period"].map({p: month_of(*s) for p, s in periods.items()})
        measures = {m: measure_of(m) for m in chunk["measure"].unique()}
        if any(m is None for m in measures.values()):
            raise _Careful
        out["measure"] = chunk["measure"].map(measures)
        segment = chunk["segment"].replace("", "all") if "segment" in chunk else pd.Series("all", chunk.index)
        out["segment"] = _names(segment, [*segments, "all"]) if segments is not None else segment
        out["partner"] = (_names(chunk["partner"], partners) if partners is not None else chunk["partner"]) \
            if "partner" in chunk else None
        out["n"] = _numbers(chunk["n"], 1, whole=True)
        value = _numbers(chunk["value"], -np.inf)
        unit = chunk["unit"].str.strip() if "unit" in chunk else pd.Series("", chunk.index)
        scale = pd.Series(1.0, chunk.index)
        pairs = pd.DataFrame({"m": out["measure"].astype(str), "u": unit})
        for (measure, written), rows in pairs.groupby(["m", "u"]).groups.items():
            own, percent = units.get(measure, ""), written.lower() in PERCENT_UNITS
            if own in SHARE_UNITS:
                if percent:
                    scale[rows] = 100.0
                elif written or (value[rows] > 1).any():
                    raise _Careful
                if ((value[rows] / scale[rows] > 1) | (value[rows] < 0)).any():
                    raise _Careful  # a share beyond 0% to 100%: the careful reading names its rows
            elif own == "score" and ((value[rows] < SCORE_SCALE[0]) | (value[rows] > SCORE_SCALE[1])).any():
                raise _Careful  # a rating beyond 1 to 5, likewise
            elif percent or (written and own in DURATION_UNITS
                             and not (same_unit(written, own) or same_unit(written, UNITS[own]))):
                raise _Careful
        out["value"] = value / scale
        return out

    return _read(path, OBSERVATION_COLUMNS[:4], OBSERVATION_COLUMNS, check, numbers=("value", "n"))
