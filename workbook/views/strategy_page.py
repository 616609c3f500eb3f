"""Notebook 01's sections: one function per table or chart, each shown where it is called.

Every function takes the notebook's :class:`~workbook.views.step.Step` and displays its section;
the figures behind it come from :mod:`workbook.strategy`.
"""

from __future__ import annotations

import pandas as pd
from IPython.display import display

from workbook.core.vocabulary import DISCIPLINE_LABELS, group_label
from workbook.core.wordbook import say
from workbook.scoring.matrix import build_matrix
from workbook.strategy.messages import customer_messages, partner_needs
from workbook.strategy.proposals import propose_knockouts
from workbook.strategy.weights import weigh_engagement
from workbook.views import blocks, charts
from workbook.views.proposal_words import basis_words, limit_words
from workbook.views.step import Step, open_step  # noqa: F401 (the notebooks start with it)


def where_they_stand(step: Step) -> None:
    """The strategy in sentences and the value-discipline profiles chart."""
    display(blocks.bullets(step.strategy.summary()))
    blocks.figure(charts.profile_chart(step.strategy))


def alignment(step: Step) -> None:
    """Per customer segment: what it buys on, its overlap with the company, the widest gap."""
    table = pd.DataFrame(step.strategy.alignment())
    table = table.assign(buys_on=table["buys_on"].map(DISCIPLINE_LABELS),
                         widest_gap=table["widest_gap"].map(DISCIPLINE_LABELS).fillna(say("alignment.no_gap")),
                         gap=table["gap"].where(table["widest_gap"].notna())  # no gap: left blank
                         ).rename(columns={"gap": "gap_points"})
    display(blocks.table(table, caption="Alignment per customer segment"))


def what_the_partner_must_be(step: Step) -> None:
    display(blocks.bullets(partner_needs(step.strategy, step.engagement.settings.offering)))


def weights(step: Step) -> None:
    """How the weights in force were set, and the weight charts by group and by criterion."""
    display(blocks.note(f"Weights in force: {step.weighing.method} "
                        f"(customers' part of the blend {step.strategy.blend:.0%})."))
    blocks.figure(charts.group_weights_chart(step.weights))
    blocks.figure(charts.weights_chart(step.weights))


def weight_table(step: Step) -> None:
    """Every criterion's weight and the part each discipline contributes."""
    table = step.weights.assign(group=step.weights["group"].map(group_label))
    columns = ["name", "group", "weight", "basis"] + [c for c in table.columns if c.startswith("from_")]
    display(blocks.table(table[columns], caption="Every weight and where it comes from"))


def knockout_proposals(step: Step) -> pd.DataFrame:
    """The proposed must-haves for the threshold disciplines, and whether they apply; returns them."""
    eng = step.engagement
    values = build_matrix(eng).values
    proposals = propose_knockouts(eng.criteria, values, step.strategy)
    if not len(proposals):
        display(blocks.note("No criterion serves mainly a threshold discipline without a must-have already."))
        return proposals
    # each limit with its unit, as finely as the candidates' figures: "5.0 EUR", as the findings say it
    rows = proposals.to_dict("records")
    shown = proposals.assign(proposed=[limit_words(p) for p in rows], why=[basis_words(p) for p in rows],
                             rule=proposals["rule"].str.replace(" ", "\u00a0"))  # "at least" never broken
    display(blocks.table(shown[["name", "rule", "proposed", "serves", "why"]]))
    display(blocks.note("Status: " + ("accepted; the partner scoring applies them."
                                      if eng.settings.accept_knockout_proposals else
                                      "proposed only; the partner scoring does not apply them yet.")))
    return proposals


def ahp(step: Step) -> None:
    """AHP weights from the team's pairwise comparisons, their consistency, and the comparison
    with the weights in force."""
    eng = step.engagement
    if eng.pairwise is None:
        display(blocks.note("The team has not compared the criteria pair by pair: weights follow "
                            "the strategy alone."))
        return
    _, by_ahp = weigh_engagement(eng, step.blend, "ahp")
    result = by_ahp.ahp
    verdict = "consistent" if result.consistent else "inconsistent: revisit the judgments below"
    display(blocks.note(f"{len(by_ahp.pairwise.items)} {by_ahp.pairwise.level} compared; "
                        f"λmax {result.lambda_max:.3f}, consistency ratio {result.cr:.3f}: {verdict}."))
    departures = by_ahp.ahp_departures()
    named = (group_label if by_ahp.pairwise.level == "groups" else
             lambda c: str(eng.criteria["name"].get(c, c)))
    departures.insert(0, "judgment", [f"{named(a)} vs {named(b)}"
                                      for a, b in zip(departures.pop("first"), departures.pop("second"))])
    display(blocks.table(departures,
                         caption="Judgments that most break consistency" if not result.consistent
                         else "Largest departures from the weights (small: the set is consistent)"))
    compare = step.weights[["criterion", "name", "weight"]].merge(
        by_ahp.table[["criterion", "weight"]].rename(columns={"weight": "ahp_weight"}), on="criterion")
    display(blocks.table(compare.drop(columns="criterion"),
                         caption=f"Weights in force ({step.weighing.method}) beside AHP weights"))


def messages(step: Step) -> pd.DataFrame:
    """Why the company outsources, per segment, and who says it when; returns the table."""
    settings = step.engagement.settings
    table = customer_messages(step.strategy, settings.leader, settings.outsourced, settings.offering,
                              settings.customers, settings.words)
    display(blocks.table(table))
    return table

