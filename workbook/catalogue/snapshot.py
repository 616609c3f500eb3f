"""Reading what matchmaking needs from a catalogue, in the caller's snapshot: the criteria's facts
as a partners x criteria matrix, the certificates, a digest of it all, and what earlier engagements
recorded of the partners at the top."""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
from sqlalchemy import select

from workbook.catalogue import schema
from workbook.core.vocabulary import same_unit


def read_catalogue(conn, criteria: pd.DataFrame, standards: list[str]) -> dict:
    """What matching needs, read in the caller's snapshot: the partners, each criterion's fact as
    a column (``values`` and ``observed``, partners x criteria; facts in another unit than the
    criterion's are set apart in ``unusable``) and the certificates whose standard's name holds one
    of ``standards`` (without case: ``27001`` reads ``ISO/IEC 27001:2022``);
    ``digest`` identifies it all.

    The facts are read with the driver's own cursor, one indexed query per fact: a catalogue of
    100,000 partners is half a million rows, and row objects would cost more than the query.
    """
    cursor = conn.connection.driver_connection.cursor()
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    # byte order in both databases, whatever the PostgreSQL server's locale: the digest depends on it
    c = ' COLLATE "C"' if conn.dialect.name == "postgresql" else ""
    cursor.execute(f"SELECT id, name, country FROM partners ORDER BY id{c}")
    ids, names, countries = _columns(cursor.fetchall(), 3)
    digest = hashlib.sha256()
    for column in (ids, names, countries):
        _digest_text(digest, column)
    index = pd.Index(ids)
    m, n = len(index), len(criteria)
    values, observed = np.full((m, n), np.nan), np.full((m, n), "", dtype="U10")
    unusable = []
    for j, (cid, row) in enumerate(criteria.iterrows()):
        cursor.execute(f"SELECT partner_id, value, observed, unit FROM facts WHERE fact = {mark} "
                       f"ORDER BY partner_id{c}", (row["fact"],))
        pids, vals, days, units = _columns(cursor.fetchall(), 4)
        vals = vals.astype(float)
        digest.update(f"\x1e{cid}\x1e".encode() + vals.tobytes())
        for column in (pids, days, units):
            _digest_text(digest, column)
        other = [u for u in set(units) if u and row["unit"] and not same_unit(u, row["unit"])]
        if other:
            wrong = np.isin(units, other)
            unusable += list(zip(pids[wrong], [cid] * int(wrong.sum()), vals[wrong], units[wrong],
                                 [row["unit"]] * int(wrong.sum())))
            pids, vals, days = pids[~wrong], vals[~wrong], days[~wrong]
        # facts come in the partners' order: most often one of each, and no lookup is needed
        at = np.arange(m) if len(pids) == m and (pids == ids).all() else index.get_indexer(pids)
        values[at, j] = vals
        observed[at, j] = days.astype("U10")
    certs = []
    if standards:
        where = " OR ".join([f"lower(standard) LIKE {mark}"] * len(standards))
        cursor.execute(f"SELECT partner_id, standard, issued, expires FROM certifications "
                       f"WHERE {where} ORDER BY partner_id{c}, standard{c}, number{c}",
                       tuple(f"%{s.lower()}%" for s in standards))
        certs = cursor.fetchall()
        digest.update(repr(certs).encode())
    return {"partners": pd.DataFrame({"partner": ids, "name": names, "country": countries}),
            "values": values, "observed": observed,
            "unusable": pd.DataFrame(unusable, columns=["partner", "criterion", "value", "unit", "expected"]),
            "certs": pd.DataFrame(certs, columns=["partner", "standard", "issued", "expires"]),
            "digest": digest.hexdigest()}


def _columns(rows: list[tuple], count: int) -> list[np.ndarray]:
    """The columns of fetched rows as object arrays (fast: no row objects, no pandas strings)."""
    table = np.array(rows, dtype=object) if rows else np.empty((0, count), dtype=object)
    return [table[:, i] for i in range(count)]


def _digest_text(digest, column: np.ndarray) -> None:
    digest.update("\x1f".join(column).encode() + b"\x1e")


def read_history(conn, ids: list[str], client_groups,
                 months: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """What earlier engagements recorded of these partners: measured performance over the last
    ``months`` recorded, and judgments about the partner itself (never those of ``client_groups``,
    which each client judges for itself)."""
    p = schema.performance.c
    perf = pd.DataFrame(conn.execute(select(p.partner_id, p.measure, p.month, p.engagement, p.value, p.unit)
                                     .where(p.partner_id.in_(ids))).all() if ids else [],
                        columns=["partner", "measure", "month", "engagement", "value", "unit"])
    if len(perf):
        latest = perf.groupby(["partner", "measure"])["month"].transform(
            lambda m: sorted(m.unique())[-months:][0])
        perf = perf[perf["month"] >= latest]
        perf = perf.groupby(["partner", "measure"]).agg(
            value=("value", "mean"), unit=("unit", "first"), months=("month", "nunique"),
            engagements=("engagement", "nunique")).reset_index()
    else:
        perf = pd.DataFrame(columns=["partner", "measure", "value", "unit", "months", "engagements"])
    j = schema.judgments.c
    judged = pd.DataFrame(conn.execute(select(j.partner_id, j.criterion, j.name, j.criterion_group,
                                              j.score, j.engagement, j.judged)
                                       .where(j.partner_id.in_(ids))).all() if ids else [],
                          columns=["partner", "criterion", "name", "group", "score", "engagement", "judged"])
    judged = judged[~judged["group"].isin(client_groups)]
    judged = judged.groupby(["partner", "criterion", "name"]).agg(
        score=("score", "mean"), engagements=("engagement", "nunique"),
        judged=("judged", "max")).reset_index()
    return perf, judged
