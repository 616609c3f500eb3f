"""Notebook 04's sections, and the lines ``workbook match`` prints: the long list drawn from the
partner catalogue, why partners are out, why the top ones rise, and how fresh the facts are."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
from IPython.display import display

from workbook.catalogue.duplicates import close_spellings, normalise
from workbook.catalogue.match import PERFORMANCE_MONTHS, Match, match_engagement
from workbook.catalogue.store import locate, open_catalogue
from workbook.core import formats
from workbook.core.vocabulary import mid_sentence
from workbook.views import blocks, charts
from workbook.views.step import Step, open_step  # noqa: F401 (the notebook starts with it)

# The measures an earlier engagement tracked that say most about a partner, first, in words.
FIRST = ("otif", "lot_acceptance", "complaint_rate", "nps")
MEASURE_WORDS = {"otif": "on time in full", "lot_acceptance": "lots accepted",
                 "complaint_rate": "complaint rate", "nps": "NPS"}


def match(step: Step, catalogue: str = "") -> Match:
    """Match the engagement against its catalogue (``catalogue`` overrides where it is) and say
    what was matched, on which date and with which rules."""
    eng = step.engagement
    where = locate(catalogue or None, eng.settings.catalogue, eng.path)
    result = match_engagement(eng, open_catalogue(where, create=False))
    display(blocks.note(summary(result)))
    return result


def summary(m: Match) -> str:
    """One paragraph: what was matched against what, and the rules applied."""
    musts = [f"{_said(c['name'])} {'at most' if c['direction'] == 'cost' else 'at least'} "
             f"{formats.fact(c['knockout'], c['unit'])}" for _, c in m.criteria.dropna(subset=["knockout"]).iterrows()]
    rules = [f"the engagement's must-haves ({'; '.join(musts)})"] if musts else []
    if m.link.certifications:
        rules.append(f"a valid {' and '.join(m.link.certifications)} certificate on "
                     f"{m.decision_date:%d %B %Y}")
    return (f"{formats.count(m.partners)} partners in the catalogue, matched on the engagement's "
            f"{len(m.criteria)} measured criteria with the strategy's weights and the engagement's own "
            f"scales. Filters: {' and '.join(rules) or 'none'}. {formats.count(len(m.long_list))} partners pass, "
            f"{formats.count(m.excluded['partner'].nunique())} are out. A fact observed more than "
            f"{m.link.fresh_months} months before the decision is stale. Judgments such as "
            f"cultural fit are the client's own and are never carried over from other clients.")


def long_list(m: Match) -> None:
    """The top of the long list with its scores, draws and facts."""
    top = m.top
    if top.empty:
        display(blocks.note("No partner in the catalogue passes the filters."))
        return
    frame = pd.DataFrame({"long_list_rank": top["rank"], "partner": top["name"],
                          "partner_country": top["country"], "catalogue_score": top["score"],
                          "in_top_draws": top["in_top"], "first_draws": top["first"]})
    for cid, row in m.criteria.iterrows():  # a column's facts with the same decimals (4.00, 4.40, 3.42 EUR/kg)
        frame[row["name"]] = [_claimed(m, pid, cid, text) for pid, text in
                              zip(top["partner"], formats.facts_alike(list(top[cid]), row["unit"]))]
    frame["facts_freshness"] = [_freshness(p, s, mi, m)
                                for p, s, mi in zip(top["partner"], top["stale"], top["missing"])]
    display(blocks.table(frame, caption=f"The long list: the top {len(top)} of "
                                        f"{formats.count(len(m.long_list))} partners that pass"))
    note = (f"In the top list in draws: the share of {formats.count(2000)} draws of weights around "
            f"the strategy's, with every stale fact allowed to be off by up to "
            f"{formats.share(m.link.stale_spread)} of its scale, in which the partner stays in the "
            f"top {m.link.top}.")
    if any(m.measured(p, c) is not None for p in top["partner"] for c in m.criteria.index):
        note += (f" In brackets: what earlier engagements measured after signing, over their last "
                 f"{PERFORMANCE_MONTHS} months recorded.")
    display(blocks.note(note))


def _claimed(m: Match, pid: str, cid: str, text: str) -> str:
    """A fact as the catalogue holds it (``text``, written), and beside it what earlier
    engagements measured."""
    unit = m.criteria.at[cid, "unit"]
    seen = m.measured(pid, cid)
    if seen is not None:
        text += f" (measured {formats.fact(seen['value'], seen['unit'] or unit)})"
    return text


def _freshness(pid: str, stale, missing, m: Match) -> str:
    parts = []
    if stale:
        parts.append(f"{len(stale)} stale")
    other = set(m.unusable.loc[m.unusable["partner"] == pid, "criterion"]) & set(missing)
    if len(missing) > len(other):
        parts.append(f"{len(missing) - len(other)} missing (counted as the scale's worst)")
    if other:
        parts.append(f"{len(other)} in another unit (counted as the scale's worst)")
    return "; ".join(parts) or "fresh"


def thin_record(m: Match, pid: str) -> list[str]:
    """The partner's track-record facts in the bottom quarter of their scales: the shiny object's
    sign that the catalogue can see."""
    row = m.long_list.set_index("partner").loc[pid]
    out = []
    for cid, c in m.criteria[m.criteria["group"] == "track_record"].iterrows():
        part = m.contributions.at[pid, cid] / c["weight"] if c["weight"] > 0 else None
        if part is not None and part <= 0.25 and row[cid] == row[cid]:
            out.append(f"{_said(c['name'])} {formats.fact(row[cid], c['unit'])}")
    return out


def score_chart(step: Step, m: Match) -> None:
    """What each top partner's score is made of."""
    if m.top.empty:
        return
    names = m.long_list.set_index("partner")["name"]
    contributions = m.contributions.loc[m.top["partner"]]
    groups = step.engagement.criteria["group"].reindex(m.criteria.index)
    blocks.figure(charts.contribution_chart(contributions, m.criteria.assign(group=groups), names))


def rationale(m: Match) -> None:
    """Why each top partner rises, with what earlier engagements saw of it."""
    lines = rationale_lines(m)
    display(blocks.bullets(lines) if lines else
            blocks.note("No partner of the top list leads on any criterion."))


def rationale_lines(m: Match) -> list[str]:
    names = m.long_list.set_index("partner")["name"]
    lines = []
    for r in m.rises.itertuples():
        c = m.criteria.loc[r.criterion]
        value, median = formats.facts_alike([r.value, r.median], c["unit"])
        # "stands out", not "rises to the top": another partner of the list may do better still
        line = (f"{names[r.partner]} stands out for its {_said(c['name'])}: {value} against a median of "
                f"{median} in the top list" if r.clear else
                f"{names[r.partner]} does not stand out on any one criterion of the top list")
        perf = m.performance[m.performance["partner"] == r.partner]
        perf = perf.assign(first=perf["measure"].map(lambda x: FIRST.index(x) if x in FIRST else len(FIRST)))
        seen = [f"{MEASURE_WORDS.get(p.measure, p.measure.replace('_', ' '))} "
                f"{formats.fact(p.value, p.unit)} over {p.months} months"
                for p in perf.sort_values(["first", "measure"]).itertuples()]
        if seen:
            line += f"; measured in {_engagements(perf['engagements'].max())}: {', '.join(seen[:3])}"
        judged = m.judgments[m.judgments["partner"] == r.partner]
        if len(judged):
            line += (f"; judged about the partner itself in {_engagements(judged['engagements'].max())}: "
                     + ", ".join(f"{mid_sentence(j.name)} {formats.rating(j.score)}"
                                 for j in judged.head(3).itertuples()) + " (not ranked on)")
        stale = [_said(m.criteria.at[s, "name"]) for s in
                 m.long_list.set_index("partner").at[r.partner, "stale"]]
        if stale:
            line += f". Stale: {'; '.join(stale)}"
        thin = thin_record(m, r.partner)
        if thin:
            line += (f". Beware the shiny object: little track record ({'; '.join(thin)}); check "
                     f"its references before shortlisting it")
        lines.append(line + ".")
    return lines


def _said(name: str) -> str:
    """A criterion's name inside a sentence, its unit left to the figure that follows."""
    return mid_sentence(re.sub(r"\s*\([^()]{1,15}\)\s*$", "", str(name)))


def _day(iso: str) -> str:
    return f"{date.fromisoformat(iso):%d %B %Y}".lstrip("0")


def _engagements(n) -> str:
    return "an earlier engagement" if n == 1 else f"{n} earlier engagements"


def exclusions(m: Match) -> None:
    """Every partner that is out, with every reason."""
    if m.excluded.empty:
        display(blocks.note("No partner of the catalogue is out."))
        return
    frame = pd.DataFrame({"partner": m.excluded["name"], "out_reason": reasons(m)})
    frame = frame.groupby("partner", sort=True).agg(out_reason=("out_reason", "; ".join)).reset_index()
    near = namesakes(m.excluded, m.long_list)
    by_name = dict(zip(m.excluded["name"], m.excluded["partner"]))
    frame["out_reason"] = [r + (f"; {NAMESAKE.format(near[by_name[n]])}" if by_name[n] in near else "")
                           for n, r in zip(frame["partner"], frame["out_reason"])]
    display(blocks.table(frame, caption=f"{len(frame)} partners out, and why"))


NAMESAKE = "its name reads like that of {0}, on the long list: check whether they are one partner"


def namesakes(excluded: pd.DataFrame, listed: pd.DataFrame) -> dict[str, str]:
    """For a partner out whose name, legal form and case aside, is that of a partner on the long
    list or a close spelling of it (:mod:`workbook.catalogue.duplicates`), that partner's name: a
    catalogue may hold one company twice, and "APEX Polymer Solutions N.V. is out" beside a
    recommended "Apex Polymer Solutions" needs saying."""
    out = {pid: normalise(n) for pid, n in zip(excluded["partner"], excluded["name"])}
    named = dict(zip(listed["partner"], listed["name"]))
    on_list = {pid: normalise(n) for pid, n in named.items()}
    same = {n: pid for pid, n in on_list.items()}
    close = close_spellings({p: [n] for p, n in out.items()}, {p: [n] for p, n in {**on_list, **out}.items()})
    found = {pid: same.get(n) or next((o for o, _ in close.get((pid, n), []) if o in named), None)
             for pid, n in out.items()}
    return {pid: named[o] for pid, o in found.items() if o is not None and o != pid}


def reasons(m: Match) -> list[str]:
    """One sentence per row of ``m.excluded``."""
    out = []
    for r in m.excluded.itertuples():
        if r.kind == "certificate":
            state, _, day = str(r.detail).rpartition(" ")
            out.append(f"its {r.criterion} certificate expired on {_day(day)}" if state == "expired" else
                       f"its {r.criterion} certificate is valid only from {_day(day)}, after the "
                       f"decision date" if state == "valid from" else
                       f"no {r.criterion} certificate in the catalogue")
            continue
        c = m.criteria.loc[r.criterion]
        given = m.unusable[(m.unusable["partner"] == r.partner) & (m.unusable["criterion"] == r.criterion)]
        if r.kind == "no figure" and len(given):
            g = given.iloc[0]
            out.append(f"{_said(c['name'])}, a must-have, is given as {formats.fact(g['value'], g['unit'])}, "
                       f"not in {g['expected']}: ask for the figure in {g['expected']}")
        elif r.kind == "no figure":
            out.append(f"no figure for {_said(c['name'])}, a must-have")
        else:
            bound = "maximum" if r.detail == "at most" else "minimum"
            side = "above" if r.detail == "at most" else "below"
            out.append(f"{_said(c['name'])} is {formats.fact(r.value, c['unit'])}, {side} the "
                       f"{bound} of {formats.fact(r.limit, c['unit'])}")
    return out


def freshness(m: Match) -> None:
    """The stale facts of the top list, and its facts in another unit."""
    top = set(m.top["partner"])
    stale = m.stale[m.stale["partner"].isin(top)]
    if stale.empty:
        display(blocks.note(f"Every fact of the top list was observed within {m.link.fresh_months} "
                            f"months of the decision."))
        other_units(m)
        return
    names = m.long_list.set_index("partner")["name"]
    frame = pd.DataFrame({"partner": stale["partner"].map(names),
                          "criterion": stale["criterion"].map(m.criteria["name"]),
                          "value": [formats.fact(v, m.criteria.at[c, "unit"])
                                    for v, c in zip(stale["value"], stale["criterion"])],
                          "fact_observed": stale["observed"], "fact_age_months": stale["months"]})
    display(blocks.table(frame, caption="Stale facts in the top list: ask the partners to confirm "
                                        "them before shortlisting"))
    other_units(m)


def other_units(m: Match) -> None:
    """The top list's facts held in another unit than their criterion's, left out of the ranking."""
    other = m.unusable[m.unusable["partner"].isin(set(m.top["partner"]))]
    if other.empty:
        return
    names = m.long_list.set_index("partner")["name"]
    frame = pd.DataFrame({"partner": other["partner"].map(names),
                          "criterion": other["criterion"].map(m.criteria["name"]),
                          "value": [formats.fact(v, u) for v, u in zip(other["value"], other["unit"])]})
    display(blocks.table(frame, caption="Facts not used, in another unit than the criterion's: ask "
                                        "the partners for them in the criterion's unit"))


def criteria(m: Match) -> None:
    """The criteria ranked on, their weights over the facts and their scales."""
    frame = pd.DataFrame({"criterion": m.criteria["name"], "weight": m.criteria["weight"],
                          "scale": [f"{formats.fact(w, u)} to {formats.fact(b, u)}" if w == w else
                                    "the passing partners' range"
                                    for w, b, u in zip(m.criteria["worst"], m.criteria["best"],
                                                       m.criteria["unit"])]})
    display(blocks.table(frame, caption="Measured criteria and their weights, renormalised over "
                                        "the measured criteria"))


def text_lines(m: Match) -> list[str]:
    """What ``workbook match`` prints."""
    lines = [summary(m), "", f"Top {len(m.top)} (rank, id, name, score, in the top list in draws, facts):"]
    for r in m.top.itertuples():
        lines.append(f"{r.rank:>4}  {r.partner}  {r.name}  {formats.score(r.score)}  "
                     f"{formats.share(r.in_top)}  {_freshness(r.partner, r.stale, r.missing, m)}")
    why = rationale_lines(m)
    if why:
        lines += ["", "What sets them apart:"] + [f"- {w}" for w in why]
    if len(m.excluded):
        lines += ["", "Out:"]
        grouped: dict[str, list[str]] = {}
        near = namesakes(m.excluded, m.long_list)
        for (pid, name), reason in zip(zip(m.excluded["partner"], m.excluded["name"]), reasons(m)):
            grouped.setdefault(f"{pid} ({name})", []).append(reason)
        for pid, name in dict(zip(m.excluded["partner"], m.excluded["name"])).items():
            if pid in near:
                grouped[f"{pid} ({name})"].append(NAMESAKE.format(near[pid]))
        lines += [f"- {who}: {'; '.join(rs)}" for who, rs in grouped.items()]
    return lines
