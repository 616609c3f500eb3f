"""The scoring results in sentences: the recommendation, its robustness, strengths and warnings.

The figures come from :mod:`workbook.scoring`; this module only puts them into words, so that the
page, the index page and ``results/recommendation.json`` say the same thing.
"""

from __future__ import annotations

import pandas as pd

from workbook.core import formats
from workbook.core.vocabulary import SCORE_SOURCE, YES_NO, criterion_unit, in_prose, mid_sentence
from workbook.scoring.assessment import Assessment, Robustness
from workbook.engagement.offering import Offering
from workbook.scoring.warning_signs import below_adequate
from workbook.views.flag_words import CHANCE_FLAGS, flag_words, shiny_warning, with_judgment
from workbook.views.labels import METHOD_NAMES
from workbook.scoring.conditions import MISSED_DELIVERY_LIMIT, winner_conditions  # noqa: F401
from workbook.scoring.conditions import verdict_kind as decide_kind
from workbook.views.quality_findings import quality_condition
from workbook.views.record_words import record_condition, record_watches
from workbook.views.supply_findings import supply_condition, supply_watch

SHINY_CONDITION = ("its track record and knowledge of the field are proven first: it is new and "
                   "unproven, however strong its technology")


def rises_to_the_top(unique: pd.DataFrame, partners: list[str], names) -> list[str]:
    """One sentence per partner: the criteria on which it clearly leads the field (what makes it
    rise to the top), or that there are none."""
    lines = []
    for pid in partners:
        mine = unique[unique["partner"] == pid]
        if mine.empty:
            lines.append(f"{names(pid)}: no criterion on which it clearly leads the field.")
            continue
        # after a colon, so that any criterion name reads right whatever its grammar
        reasons = "; ".join(f"{in_prose(r['name'])} ({value} against the next best {best})"
                            for _, r in mine.iterrows()
                            for value, best in [formats.facts_alike([r["value"], r["next_best"]], r["unit"])])
        lines.append(f"{names(pid)} clearly leads the field on: {reasons}.")
    return lines


def group_view(values: pd.DataFrame, criteria: pd.DataFrame, group: str, names) -> pd.DataFrame:
    """One row per partner with the values of a group's criteria, columns named for people."""
    members = criteria.index[criteria["group"] == group]
    view = values[members].rename(columns=criteria["name"].to_dict())
    view.insert(0, "partner", [names(p) for p in view.index])
    return view.reset_index(drop=True)


def group_findings(values: pd.DataFrame, criteria: pd.DataFrame, group: str,
                   names) -> tuple[pd.DataFrame | None, list[str]]:
    """A group's values per partner (None when no criterion belongs to the group), and a sentence
    per judgment below adequate, or one saying that every partner is at least adequate."""
    if not (criteria["group"] == group).any():
        return None, [f"No criterion of the {group.replace('_', ' ')} group: not assessed."]
    weak = below_adequate(values, criteria, group)
    # a judgment as the group's table writes it ("2.67", not "2.7" beside it)
    lines = [f"{names(r['partner'])}: {mid_sentence(r['name'])} judged {formats.number(r['value'])} of 5."
             for _, r in weak.iterrows()]
    return group_view(values, criteria, group, names), lines or ["Every partner is at least adequate here."]


def conditions(assessment: Assessment, robust: Robustness | None, offering: Offering | None = None) -> list[str]:
    """What must hold before the winner can be recommended as it is, one phrase each: the codes of
    :func:`workbook.scoring.conditions.winner_conditions` in words. ``offering`` words a supply
    shortfall's cost: a missed delivery (product, the default) or a missed service."""
    codes = winner_conditions(assessment, robust)
    found = []
    if any(c.code == "shiny_object" for c in codes):
        found.append(SHINY_CONDITION)
    found += [supply_condition(c, offering) for c in codes if c.code not in (
        "shiny_object", "methods_disagree", "below_proposed", "quality_warnings", "record_overstated")]
    found += [record_condition(c.subject, c.figures, assessment.ranking.criteria, assessment.name, offering)
              for c in codes if c.code == "record_overstated"]
    others = [c for c in codes if c.code == "methods_disagree"]
    if others:  # the cross-checks in one phrase
        found.append("the team has weighed why " + " and ".join(
            f"{METHOD_NAMES[c.subject]} puts {assessment.name(c.figures['partner'])} first" for c in others))
    found += [quality_condition(c, assessment.tracked) for c in codes if c.code == "quality_warnings"]
    below = [below_proposed_words(c, assessment.ranking.criteria) for c in codes if c.code == "below_proposed"]
    if below:
        found.append(f"the team accepts that it falls short of {_count(len(below), 'must-have')} proposed from "
                     f"the strategy and not yet applied: " + _and(below))
    return found


def below_proposed_words(c, criteria: pd.DataFrame) -> str:
    """A proposed must-have the winner fails, with its figure: "cost per contact (5.40 EUR, the
    proposal is at most 5.03 EUR)"."""
    judged = c.subject in criteria.index and criteria.at[c.subject, "source"] == SCORE_SOURCE
    unit = "" if judged else criterion_unit(criteria, c.subject, c.figures["name"])
    name = _without_unit(c.figures["name"], unit)
    if judged:
        return (f"{mid_sentence(name)} (judged {formats.number(c.figures['value'])} of 5, the proposal is "
                f"{c.figures['rule']} {formats.number(c.figures['proposed'])})")
    value, proposed = formats.facts_alike([c.figures["value"], c.figures["proposed"]], unit)
    return f"{mid_sentence(name)} ({value}, the proposal is {c.figures['rule']} {proposed})"


def _judged(assessment: Assessment, partner: str, flag: str):
    """The judgment a ``code:criterion`` flag rests on, when the criterion is judged; else None."""
    cid = flag.partition(":")[2]
    values = assessment.matrix.values
    return float(values.at[partner, cid]) if cid in values.columns else None


def verdict_kind(assessment: Assessment, robust: Robustness | None,
                 offering: Offering | None = None) -> str | None:
    """"robust", "conditional" (robust, but with conditions) or "close call"; None with no ranking
    (decided by :func:`workbook.scoring.conditions.verdict_kind`)."""
    return decide_kind(robust, winner_conditions(assessment, robust))


def drawn(robust: Robustness) -> str:
    """What the robustness draws vary, in words: "weights around those in force and the
    evaluators' judgments"."""
    weights = {"around": "weights around those in force",
               "free": "weights from every possible weighting"}[robust.weights]
    return weights + (" and of the evaluators' judgments" if robust.judgments == "evaluators" else "")


def _count(n: int, noun: str) -> str:
    """``one must-have``, ``two must-haves`` … ``12 must-haves``."""
    words = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
    return f"{words[n] if n < len(words) else n} {noun}{'' if n == 1 else 's'}"


def _and(parts: list[str]) -> str:
    return ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]


def verdict_lines(robust: Robustness, names, conditions_found: list[str] | None = None) -> list[str]:
    """The robustness verdict in sentences, saying which uncertainty it covers: its kind first,
    then the figures behind it."""
    first = dict(zip(robust.acceptability["partner"], robust.acceptability["rank_1"]))
    winner = robust.winner
    share = first.get(winner, 0.0)
    # a rival first in under half a percent of the draws would read "in 0%"
    rivals = sorted(((p, s) for p, s in first.items() if p != winner and s >= 0.005), key=lambda x: -x[1])
    dissent = {e: p for e, p in robust.leave_one_out.items() if p != winner}
    lines = [f"{names(winner)} comes first in {formats.share(share)} of {robust.draws:,} draws of "
             f"{drawn(robust)}"
             + (f"; {names(rivals[0][0])} in {formats.share(rivals[0][1])}." if rivals else ".")]
    if robust.evaluators == 1:
        lines.append("One evaluator has judged the partners, so disagreement between evaluators "
                     "cannot be measured.")
    if dissent:
        lines.append("Without " + ", ".join(f"{e}'s judgments {names(p)} would come first"
                                           for e, p in dissent.items()) + ".")
    elif robust.leave_one_out:
        lines.append("Leaving out any one evaluator's judgments does not change the winner.")
    nearest = robust.nearest_tip
    if nearest is not None:
        above = nearest["upper"] == nearest["upper"] and \
            abs(nearest["upper"] - nearest["weight"]) == nearest["change"]
        then = nearest["winner_above"] if above else nearest["winner_below"]
        # in whole points, as results.xlsx writes the change: 6.8% to 27.9% is 21 points (21.04
        # unrounded), where one decimal had it 21.1 beside the workbook's 21
        ends = [float(nearest[k]) for k in ("weight", "upper" if above else "lower")]
        lines.append(f"The smallest weight change that changes the winner is "
                     f"{formats.point_size(nearest['change'])} percentage points ({formats.percent(ends[0])} "
                     f"to {formats.percent(ends[1])}), on "
                     f"{mid_sentence(nearest['name'])}"
                     + (f" ({names(then)} would then come first)." if then else "."))
    scope = _and([{"around": "to changes in the weights", "free": "to any weighting"}[robust.weights]]
                 + (["to disagreement between evaluators"] if robust.judgments == "evaluators" else [])
                 + (["to leaving out any one evaluator"] if robust.leave_one_out else []))
    if robust.verdict == "robust" and conditions_found:
        lines.insert(0, f"A conditional recommendation: {names(winner)}, robust {scope}, on condition "
                        f"that " + "; and that ".join(conditions_found) + ".")
    elif robust.verdict == "robust":
        lines.insert(0, f"A robust choice: {names(winner)}, robust {scope}.")
    else:
        others = [names(p) for p, _ in rivals[:1]] + [names(p) for p in dissent.values()]
        between = " and ".join(dict.fromkeys([names(winner), *others]))
        lines.insert(0, f"A close call between {between}: not robust {_fragile_scope(robust) or scope}.")
    return lines


def _fragile_scope(robust: Robustness) -> str:
    """What a close call is not robust to, from its codes (only what does move the winner)."""
    draws = [{"around": "to changes in the weights", "free": "to the choice of weights"}[robust.weights]] \
        + (["to disagreement between evaluators"] if robust.judgments == "evaluators" else [])
    words = {"draws": draws, "tipping_point": ["to a small change in one weight"],
             "leave_one_out": ["to leaving out one evaluator's judgments"]}
    return _and([w for code in robust.fragile for w in words[code]]) if robust.fragile else ""


def recommendation(assessment: Assessment, robust: Robustness | None = None,
                   offering: Offering | None = None) -> list:
    """The recommendation in plain sentences, with the robustness verdict when given; ``offering``
    as for :func:`conditions`. A line with points under it (the winner's watch points, when there
    are several) is a list: its lead-in, then the points."""
    ranking, name = assessment.ranking, assessment.name
    winner = ranking.winner
    if winner is None:
        return ["No partner passes every must-have: none can be recommended. Review the "
                "knockout limits or widen the search."]
    table = ranking.table.set_index("partner")
    # the scores as the ranking table writes them (a third decimal when two would read alike)
    score = formats.scores_written(table["weighted_sum"])
    lines = [f"Recommended partner: {name(winner)}, with the highest weighted score: "
             f"{score(table.at[winner, 'weighted_sum'])}, where 1 is the best on every criterion."]
    found = conditions(assessment, robust, offering)
    lines += verdict_lines(robust, name, found) if robust is not None else [
        f"Recommended on condition that {c}." for c in found]
    lines += [line for line in rises_to_the_top(assessment.unique, [winner], name)
              if "clearly leads the field on" in line]
    others = {m: p for m, p in ranking.winners().items() if p != winner}
    if others:
        lines.append("The cross-checks disagree: " + "; ".join(
            f"{METHOD_NAMES[m]} puts {name(p)} first" for m, p in others.items()) + ".")
    elif winner is not None:
        lines.append(f"{METHOD_NAMES['topsis']} and {METHOD_NAMES['promethee_ii']} put the same "
                     f"partner first.")
    ranked = table.dropna(subset=["rank"]).sort_values("rank")
    if len(ranked) > 1:
        margin = ranked["weighted_sum"].iloc[0] - ranked["weighted_sum"].iloc[1]
        lines.append(f"Runner-up: {name(ranked.index[1])}, {score(margin)} behind.")
    for _, k in ranking.knockouts.iterrows():
        lines.append(knockout_line(name(k["partner"]), k, ranking.criteria))
    for _, s in assessment.shiny.iterrows():
        lines.append(f"{shiny_warning(name(s['partner']), s, ranking.criteria)}.")
    criteria = ranking.criteria["name"] if "name" in ranking.criteria else None
    # a record the winner overstated is said with its figures (a high one is a condition above)
    watch = [with_judgment(flag_words(f, criteria), f.partition(":")[0], _judged(assessment, winner, f))
             for f in str(table.at[winner, "flags"]).split("; ")
             if f and not f.startswith(("unique:", "record_overstated:", *CHANCE_FLAGS))]
    watch += record_watches(assessment.records, winner, ranking.criteria, name, offering)
    watch += supply_watch(assessment, winner, offering)
    if len(watch) == 1:
        lines.append(f"Watch point for {name(winner)}: {watch[0]}.")
    elif watch:  # one point under another reads better than a sentence of semicolons
        lines.append([f"Watch points for {name(winner)}:", *watch])
    return lines


def knockout_line(partner: str, k: pd.Series, criteria: pd.DataFrame) -> str:
    """Why a partner is out, in the criterion's unit (criteria.csv's ``unit``, else its name's
    brackets); a fact held or not (``yes/no``) reads as held or not, never "is 0, at least 1"."""
    return f"{partner} is excluded: {excluded_because(k, criteria)}."


def excluded_because(k, criteria: pd.DataFrame) -> str:
    """The failed must-have of a row of ``Ranking.knockouts`` (``criterion``, ``name``, ``value``,
    ``rule``, ``limit``), with its figures written alike: "OTIF is 86.2%, the must-have is at least 90.0%"."""
    unit = criterion_unit(criteria, k["criterion"], k["name"])
    if unit == YES_NO:
        return f"it does not have {mid_sentence(k['name'])}, a must-have"
    name = _without_unit(k["name"], unit)  # "order accuracy is 99.3%", not "accuracy (%) is 99.3%"
    value, limit = knockout_figures(k, criteria)
    return f"{mid_sentence(name)} is {value}, the must-have is {k['rule']} {limit}"


def knockout_figures(k, criteria: pd.DataFrame) -> list[str]:
    """A failed must-have's value and limit, in the criterion's unit, alike and as finely as the
    field's figures are written (``places``): ``88.0%`` and ``90.0%``."""
    unit = criterion_unit(criteria, k["criterion"], k["name"])
    return formats.facts_alike([k["value"], k["limit"]], unit, int(k.get("places") or 0))


def _without_unit(name: str, unit: str) -> str:
    """A criterion's name without the brackets that name its unit, when the figure carries it."""
    return name[: -len(f"({unit})")].rstrip() if unit and name.endswith(f"({unit})") else name


def scale_lines(bounds: pd.DataFrame, criteria: pd.DataFrame) -> list[str]:
    """How values became scores, from :func:`workbook.scoring.matrix.scales`: judgments on their
    1-5 scale, facts on their stated scale, and which facts are relative to the field."""
    facts = criteria["source"] != SCORE_SOURCE
    lines = ["Each criterion is scored from 0 to 1 on its own scale: judgments from 1 (0) to 5 (1)"
             + ("; facts from the worst to the best value set for them" if (facts & ~bounds["relative"]).any()
                else "") + "."]
    relative = criteria.loc[facts & bounds["relative"], "name"].map(mid_sentence).tolist()
    if relative:
        lines.append(f"No scale is set for {_and(relative)}, so {'its' if len(relative) == 1 else 'their'} "
                     f"scores are relative to the partners in the field (the worst 0, the best 1): "
                     f"adding or removing a partner can move them.")
    else:
        lines.append("Adding or removing a partner changes no other partner's score.")
    return lines
