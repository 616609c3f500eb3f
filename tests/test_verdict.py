"""The verdict says what it measured and names its conditions: hand-built engagements for the
cases a client would otherwise be misled by (a shiny winner, a single-sourced winner, cross-checks
that disagree, an engagement with facts only)."""

from __future__ import annotations

import pytest
from conftest import write_engagement

from workbook.engagement.model import load_engagement
from workbook.scoring.assessment import assess_partners, assess_robustness
from workbook.strategy.weights import weigh_engagement
from workbook.views.findings import MISSED_DELIVERY_LIMIT, recommendation, verdict_kind

YAML = """\
client: Test Client
decision: Choose a partner
term_years: 5
strategy:
  own: {product_leadership: 1, customer_intimacy: 1, operational_excellence: 1}
  customers:
    - {name: All, share: 1, product_leadership: 1, customer_intimacy: 1, operational_excellence: 1}
team:
  leader: Ann Lee
  evaluators: [Ann Lee, Bob Roe]
"""
HEAD = "id,name,group,direction,source,product_leadership,customer_intimacy,operational_excellence,weight\n"


def verdict(folder, draws=2000):
    engagement = load_engagement(folder)
    strategy, weighing = weigh_engagement(engagement)
    assessment = assess_partners(engagement, weighing.series, strategy=strategy)
    robust = assess_robustness(engagement, assessment, weighing.series, draws)
    return verdict_kind(assessment, robust), recommendation(assessment, robust)


def scores(table: dict) -> str:
    rows = ["evaluator,partner,criterion,score"]
    rows += [f"{e},{p},{c},{v}" for e in ("Ann Lee", "Bob Roe") for p, row in table.items() for c, v in row.items()]
    return "\n".join(rows) + "\n"


@pytest.fixture
def shiny(tmp_path):
    """Nova leads on innovation, which weighs most, but is weak on track record and domain."""
    return write_engagement(tmp_path / "shiny", {
        "engagement.yaml": YAML,
        "criteria.csv": HEAD + "innov,Technology,innovation,benefit,score,1,1,1,0.7\n"
                               "track,Track record,track_record,benefit,score,1,1,1,0.15\n"
                               "domain,Domain knowledge,domain_knowledge,benefit,score,1,1,1,0.15\n",
        "partners.csv": "id,name\nnova,Nova Labs\nolds,Olds & Sons\n",
        "scores.csv": scores({"nova": {"innov": 5, "track": 2, "domain": 2},
                              "olds": {"innov": 2, "track": 5, "domain": 5}}),
    })


def test_a_shiny_winner_gets_a_conditional_recommendation(shiny):
    kind, lines = verdict(shiny)
    assert kind == "conditional"
    assert lines[1] == (
        "A conditional recommendation: Nova Labs, robust to changes in the weights, to disagreement "
        "between evaluators and to leaving out any one evaluator, on condition that its track record and knowledge of the field are proven "
        "first: it is new and unproven, however strong its technology.")


def test_a_single_sourced_winner_gets_a_conditional_recommendation(shiny, tmp_path):
    folder = write_engagement(shiny, {
        "criteria.csv": HEAD + "innov,Technology,innovation,benefit,score,1,1,1,\n",
        "scores.csv": scores({"nova": {"innov": 5}, "olds": {"innov": 2}}),
        "supply.csv": "partner,input,sources,days_on_hand,replenish_days,critical\n"
                      "nova,Cleaning agent,1,90,10,yes\nolds,Cleaning agent,3,90,10,yes\n"})
    kind, lines = verdict(folder)
    assert kind == "conditional"
    assert lines[1] == (
        "A conditional recommendation: Nova Labs, robust to changes in the weights, to disagreement "
        "between evaluators and to leaving out any one evaluator, on condition that a second qualified source of cleaning agent is in place: "
        "it has only one.")


def test_a_likely_missed_delivery_is_a_condition(shiny):
    folder = write_engagement(shiny, {
        "criteria.csv": HEAD + "innov,Technology,innovation,benefit,score,1,1,1,\n",
        "scores.csv": scores({"nova": {"innov": 5}, "olds": {"innov": 2}}),
        "supply.csv": "partner,input,sources,days_on_hand,replenish_days,critical\n"
                      + "".join(f"nova,Input {i},2,1,30,yes\n" for i in range(4))
                      + "olds,Input 0,3,90,10,yes\n"})
    kind, lines = verdict(folder)
    assert kind == "conditional" and MISSED_DELIVERY_LIMIT == 0.20
    assert "on condition that its supply is made safer (safety stock, second sources): there is an " \
           "estimated" in lines[1]
    assert lines[1].endswith("chance of a supply-caused missed delivery over the term.")


@pytest.fixture
def facts_only(tmp_path):
    """Three partners measured on three facts, nobody's judgment: the weighted sum and TOPSIS put
    Beta first, PROMETHEE II puts Gamma first (found by search; the weights are robust)."""
    return write_engagement(tmp_path / "facts", {
        "engagement.yaml": YAML,
        "criteria.csv": HEAD + "c1,Capacity,delivery,benefit,c1,1,1,1,0.4\n"
                               "c2,Quality index,quality,benefit,c2,1,1,1,0.35\n"
                               "c3,Speed,delivery,benefit,c3,1,1,1,0.25\n",
        "partners.csv": "id,name,c1,c2,c3\na,Alpha,1,1,8\nb,Beta,7,8,5\nc,Gamma,8,3,5\n",
    })


def test_disagreeing_cross_checks_make_the_recommendation_conditional(facts_only):
    kind, lines = verdict(facts_only)
    assert kind == "conditional"
    assert lines[1] == ("A conditional recommendation: Beta, robust to changes in the weights, on "
                        "condition that the team has weighed why PROMETHEE II puts Gamma first.")
    assert "The cross-checks disagree: PROMETHEE II puts Gamma first." in lines


def test_a_facts_only_engagement_says_nothing_about_evaluators(facts_only):
    _, lines = verdict(facts_only)
    assert not any("evaluator" in line for line in lines)
    assert lines[2] == "Beta comes first in over 99% of 2,000 draws of weights around those in force."
    assert lines[3].startswith("The smallest weight change that changes the winner is ")
    assert lines[3].endswith(" would then come first).") and ", on " in lines[3]


def test_a_close_call_names_only_what_moves_the_winner(tmp_path):
    """Two partners a hair apart, judged alike by both evaluators: the weight draws move the winner,
    leaving out an evaluator does not, and the verdict must not say both (issue 24)."""
    folder = write_engagement(tmp_path / "close", {
        "engagement.yaml": YAML,
        "criteria.csv": HEAD + "innov,Technology,innovation,benefit,score,1,1,1,0.51\n"
                               "track,Track record,track_record,benefit,score,1,1,1,0.49\n",
        "partners.csv": "id,name\nnova,Nova Labs\nolds,Olds & Sons\n",
        "scores.csv": scores({"nova": {"innov": 4, "track": 3}, "olds": {"innov": 3, "track": 4}}),
    })
    kind, lines = verdict(folder)
    assert kind == "close call"
    assert lines[1] == ("A close call between Nova Labs and Olds & Sons: not robust to changes in the "
                        "weights, to disagreement between evaluators and to a small change in one weight.")
    assert "Leaving out any one evaluator's judgments does not change the winner." in lines
    assert not any("to leaving out" in line for line in lines)


def test_a_winner_below_a_proposed_must_have_is_recommended_only_on_condition(tmp_path):
    """The contact centre's winner failed two must-haves proposed from the strategy (shown, not
    applied) while the summary called it robust (issue 24's fresh-eyes review)."""
    from workbook.core.paths import DATA_DIR
    engagement = load_engagement(DATA_DIR / "contact-centre")
    strategy, weighing = weigh_engagement(engagement)
    assessment = assess_partners(engagement, weighing.series, strategy=strategy)
    robust = assess_robustness(engagement, assessment, weighing.series, 2000)
    assert verdict_kind(assessment, robust) == "conditional"
    assert recommendation(assessment, robust)[1] == (
        "A conditional recommendation: Harbour Support, robust to changes in the weights, to disagreement "
        "between evaluators and to leaving out any one evaluator, on condition that the team accepts that "
        "it falls short of two must-haves proposed from the strategy and not yet applied: conversational-AI "
        "routing (judged 1.5 of 5, the proposal is at least 3) and cost per contact (5.4 EUR, the "
        "proposal is at most 5.0 EUR).")


def test_a_watch_point_and_its_top_risk_give_the_same_judgment():
    """The recommendation's watch point and the summary's top risk are one finding: both say the
    judgment its severity rests on."""
    from workbook.core.paths import DATA_DIR
    from workbook.register.collect import scoring_findings
    from workbook.views.flag_words import finding_flag_words
    engagement = load_engagement(DATA_DIR / "contact-centre")
    strategy, weighing = weigh_engagement(engagement)
    assessment = assess_partners(engagement, weighing.series, strategy=strategy)
    robust = assess_robustness(engagement, assessment, weighing.series, 500)
    watch = recommendation(assessment, robust, engagement.settings.offering)[-1]
    assert watch == ("Watch point for Harbour Support: customer focus: flexibility on volumes and scripts judged "
                     "2.5 of 5, below adequate.")
    [finding] = scoring_findings(assessment, robust).of("flag", "weak_customer_focus", partner="harbour")
    assert finding.severity == "medium"
    assert watch.endswith(finding_flag_words(finding, assessment.ranking.criteria["name"]) + ".")
