"""Matchmaking: rank every catalogue partner against an engagement's fact criteria.

The recipe: read the facts the criteria name, one snapshot -> filter (must-haves, required
certifications valid on the decision date) -> rank on the engagement's own fixed scales with its
strategy-derived weights -> draw how often each partner stays in the top N when the weights vary
and stale facts may be off -> say why each top partner rises and each excluded one is out.
Judgments are never carried from other clients: only the facts rank; earlier teams' judgments
about the partner itself are shown beside, marked as such.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
from workbook.catalogue.longlist import top_shares
from workbook.catalogue.snapshot import read_catalogue, read_history
from workbook.catalogue.store import Catalogue, reading
from workbook.core.dates import months_before, parse_date
from workbook.core.measure_library import claims
from workbook.core.vocabulary import criterion_unit
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
        stale and missing (tuples: the criteria with a stale or missing fact), then one column per fact.
    excluded : DataFrame
        partner, name, kind (``must-have``, ``no figure``, ``certificate``), criterion, value,
        limit, detail: one row per reason a partner is out.
    contributions : DataFrame
        Each criterion's part of each ranked partner's score (partner x criterion).
    rises : DataFrame
        The top N's strongest lead: partner, criterion, value, median (of the top N), gap, clear
        (the lead is worth at least :data:`CLEAR_LEAD` of the score).
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
        The fact criteria ranked on: name, group, fact, unit, direction, weight (renormalised over
        the facts), worst, best, knockout.
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
        read = read_catalogue(conn, criteria, [_core(s) for s in link.certifications])
        ranked = _rank(read, criteria, link, decision)
        ids = list(ranked["long_list"]["partner"].head(max(link.top, 1)))
        ranked["performance"], ranked["judgments"] = read_history(conn, ids, CLIENT_GROUPS,
                                                                  PERFORMANCE_MONTHS)
    return Match(**ranked, criteria=criteria, decision_date=decision, link=link,
                 catalogue=catalogue.shown, snapshot=read["digest"], partners=len(read["partners"]))


def fact_criteria(engagement: Engagement) -> pd.DataFrame:
    """The engagement's fact criteria with their weights renormalised over the facts alone."""
    _, weights = weigh_engagement(engagement)
    facts = engagement.fact_criteria
    w = weights.table.set_index("criterion")["weight"].reindex(facts.index).astype(float)
    out = pd.DataFrame({"name": facts["name"], "group": facts["group"], "fact": facts["source"],
                        "direction": facts["direction"],
                        "unit": [criterion_unit(facts, cid) for cid in facts.index],
                        "weight": w / w.sum() if w.sum() > 0 else 1 / len(w),
                        "knockout": facts["knockout"].astype(float),
                        "worst": facts.get("worst", pd.Series(np.nan, index=facts.index)).astype(float),
                        "best": facts.get("best", pd.Series(np.nan, index=facts.index)).astype(float)},
                       index=facts.index)
    return out


def _rank(read: dict, criteria: pd.DataFrame, link: CatalogueLink, decision: date) -> dict:
    partners = read["partners"]
    index = pd.Index(partners["partner"])
    values, observed = read["values"], read["observed"]
    out = np.zeros(len(index), bool)
    excluded = []
    for j, (cid, limit) in enumerate(criteria["knockout"].items()):
        if limit != limit:
            continue
        cost = criteria.at[cid, "direction"] == "cost"
        column = values[:, j]
        with np.errstate(invalid="ignore"):
            failed = column > limit if cost else column < limit
        absent = np.isnan(column)
        excluded.append(pd.DataFrame({"at": np.flatnonzero(failed), "kind": "must-have", "criterion": cid,
                                      "value": column[failed], "limit": limit,
                                      "detail": "at most" if cost else "at least"}))
        excluded.append(pd.DataFrame({"at": np.flatnonzero(absent), "kind": "no figure", "criterion": cid,
                                      "value": np.nan, "limit": limit, "detail": ""}))
        out |= failed | absent
    day = decision.isoformat()
    certs = read["certs"]
    keys = certs["standard"].map(standard_key)
    for standard in link.certifications:
        held = certs[keys == standard_key(standard)]
        valid = held[(held["issued"].fillna("") <= day) & (held["expires"].fillna("9999") >= day)]
        lacking = ~index.isin(valid["partner"].unique())
        excluded.append(pd.DataFrame({"at": np.flatnonzero(lacking), "kind": "certificate",
                                      "criterion": standard, "value": np.nan, "limit": day,
                                      "detail": _lapse(held, day).reindex(index[lacking]).fillna("")
                                      .to_numpy()}))
        out |= lacking
    keep = np.flatnonzero(~out)
    ranked_ids = index[keep]
    x = pd.DataFrame(values[keep], index=ranked_ids, columns=criteria.index)
    bounds = scales(x.fillna(x.median()), criteria.assign(source="fact"))
    standing = mcda.scale(x.to_numpy(float), bounds["worst"].to_numpy(), bounds["best"].to_numpy())
    missing = np.isnan(standing)
    standing = np.where(missing, 0.0, standing)  # no figure: the scale's worst, and said so
    w = criteria["weight"].to_numpy(float)
    scores = standing @ w
    cutoff = months_before(decision, link.fresh_months).isoformat()
    obs = observed[keep]
    stale = (obs != "") & (obs < cutoff)
    spread = np.where(stale, link.stale_spread, 0.0)
    w_draws = draw_weights(w, DRAWS, SPREAD, SEED)
    shares = top_shares(standing, spread, w_draws, link.top, SEED)
    order = np.argsort(-scores, kind="stable")  # ties by id: the partners come in id order
    table = partners.iloc[keep].reset_index(drop=True)
    table["score"], table["in_top"], table["first"] = scores, shares.in_top, shares.first
    cids = np.asarray(criteria.index)
    table["stale"], table["missing"] = _named(stale, cids), _named(missing, cids)
    for j, cid in enumerate(criteria.index):
        table[cid] = values[keep, j]
    table = table.iloc[order].reset_index(drop=True)
    table.insert(3, "rank", np.arange(1, len(table) + 1))
    contributions = pd.DataFrame(standing[order] * w, index=table["partner"].to_numpy(),
                                 columns=criteria.index)
    excluded = _reasons(excluded, partners)
    rows, cols = np.nonzero(stale[order])
    stale_facts = pd.DataFrame({"partner": table["partner"].to_numpy()[rows], "criterion": cids[cols],
                                "fact": criteria["fact"].to_numpy()[cols],
                                "value": values[keep][order][rows, cols],
                                "observed": obs[order][rows, cols]})
    stale_facts["months"] = _months_between(obs[order][rows, cols], decision)
    return {"long_list": table, "excluded": excluded,
            "contributions": contributions,
            "rises": _rises(table.head(link.top), contributions, criteria),
            "stale": stale_facts, "unusable": read["unusable"]}


def standard_key(name: str) -> str:
    """A standard's name as certificates write it, compared without case, the joint issuer or
    the edition: ``ISO/IEC 27001:2022`` and ``iso 27001`` are one standard."""
    text = re.sub(r"/IEC\b", "", str(name).upper())
    text = re.sub(r"[:(]\s*\d{4}\)?\s*$", "", text.strip())
    return re.sub(r"[\s\-]+", " ", text).strip()


def _core(standard: str) -> str:
    """The part of a standard's name every way of writing it holds: its longest word or number."""
    return max(standard_key(standard).split(" "), key=len)


def _lapse(held: pd.DataFrame, day: str) -> pd.Series:
    """Why each holder's certificates are not valid on ``day``: ``valid from DAY`` when one
    starts later, else ``expired DAY`` (the latest expiry), by partner."""
    later = held[held["issued"].fillna("") > day].sort_values("issued").drop_duplicates("partner")
    ended = held.sort_values("expires", na_position="first").drop_duplicates("partner", keep="last")
    out = ("expired " + ended.set_index("partner")["expires"].dropna()).to_dict()
    out.update(("valid from " + later.set_index("partner")["issued"]).to_dict())
    return pd.Series(out, dtype=object)


def _reasons(pieces: list[pd.DataFrame], partners: pd.DataFrame) -> pd.DataFrame:
    """One table of the reasons partners are out, by partner, then kind (``at``: partner's row)."""
    columns = ["partner", "name", "kind", "criterion", "value", "limit", "detail"]
    if not pieces:
        return pd.DataFrame(columns=columns)
    out = pd.concat(pieces, ignore_index=True)
    out = out.iloc[np.lexsort((out["kind"].to_numpy(str), out["at"].to_numpy()))]
    out.insert(0, "partner", partners["partner"].to_numpy()[out["at"]])
    out.insert(1, "name", partners["name"].to_numpy()[out["at"]])
    return out.drop(columns="at").reset_index(drop=True)


def _named(cells: np.ndarray, names: np.ndarray) -> list[tuple]:
    """Per row of a boolean matrix, the names of its true columns (rows share few patterns)."""
    if not cells.size:
        return [()] * len(cells)
    if cells.shape[1] < 63:  # one integer per row's pattern: a flat unique, far faster than axis=0
        codes = cells @ (np.int64(1) << np.arange(cells.shape[1], dtype=np.int64))
        first, which = np.unique(codes, return_index=True, return_inverse=True)[1:]
        patterns = cells[first]
    else:
        patterns, which = np.unique(cells, axis=0, return_inverse=True)
    named = [tuple(names[p]) for p in patterns]
    return [named[i] for i in which.ravel()]


def _months_between(days: np.ndarray, decision: date) -> np.ndarray:
    """Whole months from each ISO day (``YYYY-MM-DD``) to ``decision``, read off the digits."""
    digits = np.ascontiguousarray(days, dtype="U10").view(np.uint32).reshape(-1, 10).astype(int) - 48
    years = digits[:, 0] * 1000 + digits[:, 1] * 100 + digits[:, 2] * 10 + digits[:, 3]
    return (decision.year - years) * 12 + decision.month - (digits[:, 5] * 10 + digits[:, 6])


# A lead worth less than a hundredth of the 0-1 score (93.8% against a median of 93.7%) is no
# reason a partner rises to the top
CLEAR_LEAD = 0.01


def _rises(top: pd.DataFrame, contributions: pd.DataFrame, criteria: pd.DataFrame) -> pd.DataFrame:
    """Per top partner, the criterion on which its part of the score most exceeds the median
    part among the top partners: what it 'rises to the top because of', when the lead is clear."""
    parts = contributions.loc[top["partner"]]
    median = parts.median()
    by_id = top.set_index("partner")
    rows = []
    for pid in top["partner"]:
        gap = parts.loc[pid] - median
        cid = gap.idxmax() if len(gap) else None
        if cid is None or gap[cid] <= 1e-9:
            continue
        rows.append({"partner": pid, "criterion": cid, "value": by_id.at[pid, cid],
                     "median": top[cid].median(), "gap": float(gap[cid]), "clear": bool(gap[cid] >= CLEAR_LEAD)})
    return pd.DataFrame(rows, columns=["partner", "criterion", "value", "median", "gap", "clear"])
