"""Matchmaking: rank every catalogue partner against an engagement's fact criteria.

The recipe: read the facts the criteria name, one snapshot -> filter (must-haves, required
certifications valid on the decision date) -> rank on the engagement's own fixed scales with its
strategy-derived weights -> draw how often each partner stays in the top N when the weights vary
and stale facts may be off -> say why each top partner rises and each excluded one is out.
Judgments are never carried from other clients: only the facts rank; earlier teams' judgments
about the partner itself are shown beside, marked as such.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
from sqlalchemy import select

from workbook.catalogue import schema
from workbook.catalogue.longlist import top_shares
from workbook.catalogue.store import Catalogue, reading
from workbook.core.dates import parse_date
from workbook.core.vocabulary import unit_of
from workbook.engagement.catalogue_link import CatalogueLink
from workbook.engagement.model import Engagement
from workbook.scoring import mcda
from workbook.scoring.matrix import scales
from workbook.scoring.robustness import SPREAD, draw_weights
from workbook.strategy.weights import weigh_engagement

DRAWS = 2000
SEED = 20261125
CLIENT_GROUPS = frozenset({"culture", "customer_focus"})  # judged by each client for itself
PERFORMANCE_MONTHS = 12


@dataclass(frozen=True)
class Match:
    """A long list and everything behind it.

    Attributes
    ----------
    long_list : DataFrame
        One row per partner that passes the filters, best first: partner, name, country, rank,
        score (weighted sum on the engagement's scales, 0-1), in_top and first (shares of draws),
        stale and missing (the criteria with a stale or missing fact), then one column per fact.
    excluded : DataFrame
        partner, name, kind (``must-have``, ``no figure``, ``certificate``), criterion, value,
        limit, detail: one row per reason a partner is out.
    contributions : DataFrame
        Each criterion's part of each ranked partner's score (partner x criterion).
    rises : DataFrame
        The top N's strongest lead: partner, criterion, value, median (of the top N), gap.
    stale : DataFrame
        partner, criterion, fact, value, observed, months (old): the stale facts of ranked partners.
    performance : DataFrame
        partner, measure, value, unit, months, engagements: what earlier engagements measured.
    unusable : DataFrame
        partner, criterion, value, unit, expected: facts in another unit than the criterion's,
        left out (a must-have then excludes the partner for want of a figure).
    judgments : DataFrame
        partner, criterion, name, score, engagements, judged: earlier teams' judgments about the
        partner itself (never client-specific criteria), not used in the ranking.
    criteria : DataFrame
        The fact criteria ranked on: name, fact, unit, direction, weight (renormalised over the
        facts), worst, best, relative, knockout.
    decision_date, link, catalogue, snapshot, partners
        The date certificates must be valid on, the settings, the catalogue's address (no
        password), a digest of everything read, and how many partners the catalogue holds.
    """

    long_list: pd.DataFrame
    excluded: pd.DataFrame
    contributions: pd.DataFrame
    rises: pd.DataFrame
    stale: pd.DataFrame
    performance: pd.DataFrame
    judgments: pd.DataFrame
    unusable: pd.DataFrame
    criteria: pd.DataFrame
    decision_date: date
    link: CatalogueLink
    catalogue: str
    snapshot: str
    partners: int

    @property
    def top(self) -> pd.DataFrame:
        return self.long_list.head(self.link.top)

    def measured(self, partner: str, criterion: str) -> pd.Series | None:
        """What earlier engagements measured of ``partner`` on the measure that ``criterion``'s
        fact claims (OTIF for ``otif_pct``), or None."""
        fact = self.criteria.at[criterion, "fact"]
        rows = self.performance[(self.performance["partner"] == partner)
                                & self.performance["measure"].map(lambda m: claims(fact, m))]
        return None if rows.empty else rows.iloc[0]


def match_engagement(engagement: Engagement, catalogue: Catalogue, top: int | None = None) -> Match:
    """Rank the catalogue's partners for ``engagement`` (see the module's recipe)."""
    link = engagement.settings.catalogue or CatalogueLink()
    if top is not None:
        link = CatalogueLink(link.location, link.certifications, link.fresh_months, link.stale_spread, top)
    decision = parse_date(engagement.settings.date) or date.today()
    criteria = fact_criteria(engagement)
    with reading(catalogue) as conn:
        read = read_catalogue(conn, list(criteria["fact"].unique()), link.certifications)
        ranked = _rank(read, criteria, link, decision)
        ids = list(ranked["long_list"]["partner"].head(max(link.top, 1)))
        ranked["performance"], ranked["judgments"] = _history(conn, ids)
    return Match(**ranked, criteria=criteria, decision_date=decision, link=link,
                 catalogue=catalogue.shown, snapshot=read["digest"], partners=len(read["partners"]))


def fact_criteria(engagement: Engagement) -> pd.DataFrame:
    """The engagement's fact criteria with their weights renormalised over the facts alone."""
    _, weights = weigh_engagement(engagement)
    facts = engagement.fact_criteria
    w = weights.table.set_index("criterion")["weight"].reindex(facts.index).astype(float)
    out = pd.DataFrame({"name": facts["name"], "fact": facts["source"], "direction": facts["direction"],
                        "unit": [unit_of(n) for n in facts["name"]],
                        "weight": w / w.sum() if w.sum() > 0 else 1 / len(w),
                        "knockout": facts["knockout"].astype(float),
                        "worst": facts.get("worst", pd.Series(np.nan, index=facts.index)).astype(float),
                        "best": facts.get("best", pd.Series(np.nan, index=facts.index)).astype(float)},
                       index=facts.index)
    return out


def read_catalogue(conn, facts: list[str], standards) -> dict:
    """What matching needs, read in the caller's snapshot: partners, the named facts (long form)
    and the certificates of the required standards; ``digest`` identifies it all."""
    p = schema.partners.c
    partners = pd.DataFrame(conn.execute(select(p.id, p.name, p.country).order_by(p.id)).all(),
                            columns=["partner", "name", "country"])
    f = schema.facts.c
    rows = conn.execute(select(f.partner_id, f.fact, f.value, f.unit, f.observed)
                        .where(f.fact.in_(facts))).all() if facts else []
    long = pd.DataFrame(rows, columns=["partner", "fact", "value", "unit", "observed"])
    c = schema.certifications.c
    certs = pd.DataFrame(conn.execute(select(c.partner_id, c.standard, c.issued, c.expires)
                                      .where(c.standard.in_(list(standards)))).all() if standards else [],
                         columns=["partner", "standard", "issued", "expires"])
    digest = hashlib.sha256()
    for frame in (partners, long.sort_values(["partner", "fact"]), certs.sort_values(list(certs.columns))):
        digest.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
    return {"partners": partners, "facts": long, "certs": certs, "digest": digest.hexdigest()}


def _rank(read: dict, criteria: pd.DataFrame, link: CatalogueLink, decision: date) -> dict:
    partners, long = read["partners"], read["facts"]
    index = pd.Index(partners["partner"])
    values = pd.DataFrame(np.nan, index=index, columns=criteria.index)
    observed = pd.DataFrame(None, index=index, columns=criteria.index, dtype=object)
    excluded, unusable = [], []
    for cid, row in criteria.iterrows():
        rows = long[long["fact"] == row["fact"]]
        if row["unit"]:
            wrong = rows[(rows["unit"] != "") & (rows["unit"].str.casefold() != row["unit"].casefold())]
            for r in wrong.itertuples():
                unusable.append((r.partner, cid, r.value, r.unit, row["unit"]))
            rows = rows.drop(wrong.index)
        at = index.get_indexer(rows["partner"])
        values.iloc[at, criteria.index.get_loc(cid)] = rows["value"].to_numpy(float)
        observed.iloc[at, criteria.index.get_loc(cid)] = rows["observed"].to_numpy()
    out = pd.Series(False, index=index)
    for cid, limit in criteria["knockout"].dropna().items():
        cost = criteria.at[cid, "direction"] == "cost"
        column = values[cid]
        failed = column > limit if cost else column < limit
        for pid in column.index[failed]:
            excluded.append((pid, "must-have", cid, column[pid], limit, "at most" if cost else "at least"))
        for pid in column.index[column.isna()]:
            excluded.append((pid, "no figure", cid, np.nan, limit, ""))
        out |= failed | column.isna()
    if link.certifications:
        certs = read["certs"]
        day = decision.isoformat()
        valid = certs[(certs["issued"].fillna("") <= day) & (certs["expires"].fillna("9999") >= day)]
        for standard in link.certifications:
            holders = set(valid.loc[valid["standard"] == standard, "partner"])
            lapsed = certs[(certs["standard"] == standard)].groupby("partner")["expires"].max()
            for pid in index[~index.isin(list(holders))]:
                excluded.append((pid, "certificate", standard, np.nan, day,
                                 lapsed.get(pid, "")))
                out[pid] = True
    ranked_ids = index[~out.to_numpy()]
    x = values.loc[ranked_ids]
    bounds = scales(x.fillna(x.median()), criteria.assign(source="fact"))
    standing = mcda.scale(x.to_numpy(float), bounds["worst"].to_numpy(), bounds["best"].to_numpy())
    missing = np.isnan(standing)
    standing = np.where(missing, 0.0, standing)  # no figure: the scale's worst, and said so
    w = criteria["weight"].to_numpy(float)
    scores = standing @ w
    cutoff = _months_before(decision, link.fresh_months).isoformat()
    obs = observed.loc[ranked_ids].to_numpy()
    stale = np.vectorize(lambda d: bool(d) and d < cutoff, otypes=[bool])(np.where(pd.isna(obs), "", obs))
    spread = np.where(stale, link.stale_spread, 0.0)
    w_draws = draw_weights(w, DRAWS, SPREAD, SEED)
    in_top, first = top_shares(standing, spread, w_draws, link.top, SEED)
    order = np.lexsort((np.asarray(ranked_ids), -scores))
    table = partners.set_index("partner").loc[ranked_ids].reset_index()
    table["score"], table["in_top"], table["first"] = scores, in_top, first
    table["stale"] = [[criteria.index[j] for j in np.flatnonzero(r)] for r in stale]
    table["missing"] = [[criteria.index[j] for j in np.flatnonzero(r)] for r in missing]
    for cid in criteria.index:
        table[cid] = x[cid].to_numpy()
    table = table.iloc[order].reset_index(drop=True)
    table.insert(3, "rank", np.arange(1, len(table) + 1))
    contributions = pd.DataFrame(standing * w, index=ranked_ids, columns=criteria.index).loc[table["partner"]]
    names = partners.set_index("partner")["name"]
    excluded = pd.DataFrame(excluded, columns=["partner", "kind", "criterion", "value", "limit", "detail"])
    excluded.insert(1, "name", excluded["partner"].map(names))
    return {"long_list": table, "excluded": excluded.sort_values(["partner", "kind"]).reset_index(drop=True),
            "contributions": contributions,
            "rises": _rises(table.head(link.top), contributions, criteria, table),
            "stale": _stale(table, observed, criteria, decision),
            "unusable": pd.DataFrame(unusable, columns=["partner", "criterion", "value", "unit", "expected"])}


def claims(fact: str, measure: str) -> bool:
    """Whether a catalogue fact is a partner's claim of a tracked measure: ``otif_pct`` claims
    ``otif``, ``lot_acceptance_pct`` claims ``lot_acceptance``."""
    return fact == measure or fact in (f"{measure}_pct", f"{measure}_percent", f"{measure}_rate")


def _months_before(day: date, months: int) -> date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return date(year, month + 1, min(day.day, 28))


def _rises(top: pd.DataFrame, contributions: pd.DataFrame, criteria: pd.DataFrame,
           table: pd.DataFrame) -> pd.DataFrame:
    """Per top partner, the criterion on which its part of the score most exceeds the median
    part among the top partners: what it 'rises to the top because of'."""
    median = contributions.loc[top["partner"]].median()
    rows = []
    for pid in top["partner"]:
        gap = contributions.loc[pid] - median
        cid = gap.idxmax() if len(gap) else None
        if cid is None or gap[cid] <= 1e-9:
            continue
        rows.append({"partner": pid, "criterion": cid, "value": table.set_index("partner").at[pid, cid],
                     "median": top[cid].median(), "gap": float(gap[cid])})
    return pd.DataFrame(rows, columns=["partner", "criterion", "value", "median", "gap"])


def _stale(table: pd.DataFrame, observed: pd.DataFrame, criteria: pd.DataFrame, decision: date) -> pd.DataFrame:
    rows = []
    for pid, cids, in zip(table["partner"], table["stale"]):
        for cid in cids:
            day = date.fromisoformat(observed.at[pid, cid])
            rows.append({"partner": pid, "criterion": cid, "fact": criteria.at[cid, "fact"],
                         "value": table.set_index("partner").at[pid, cid], "observed": day.isoformat(),
                         "months": (decision.year - day.year) * 12 + decision.month - day.month})
    return pd.DataFrame(rows, columns=["partner", "criterion", "fact", "value", "observed", "months"])


def _history(conn, ids: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """What earlier engagements recorded of these partners: measured performance over the last
    months recorded, and judgments about the partner itself."""
    p = schema.performance.c
    perf = pd.DataFrame(conn.execute(select(p.partner_id, p.measure, p.month, p.engagement, p.value, p.unit)
                                     .where(p.partner_id.in_(ids))).all() if ids else [],
                        columns=["partner", "measure", "month", "engagement", "value", "unit"])
    if len(perf):
        latest = perf.groupby(["partner", "measure"])["month"].transform(
            lambda m: sorted(m.unique())[-PERFORMANCE_MONTHS:][0])
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
    judged = judged[~judged["group"].isin(CLIENT_GROUPS)]
    judged = judged.groupby(["partner", "criterion", "name"]).agg(
        score=("score", "mean"), engagements=("engagement", "nunique"),
        judged=("judged", "max")).reset_index()
    return perf, judged
