"""Decision matrix, knockouts, ranking and the field's warning signs."""

import numpy as np
import pandas as pd
import pytest
from conftest import write_engagement

from workbook.core import paths
from workbook.engagement.model import load_engagement
from workbook.scoring.assessment import assess_partners
from workbook.scoring.continuity import missed_delivery_chance, supply_risks
from workbook.scoring.matrix import build_matrix, disagreements, missing_judgments
from workbook.scoring.ranking import rank_partners
from workbook.scoring.warning_signs import shiny_objects
from workbook.strategy.analysis import analyse_strategy
from workbook.strategy.weights import criterion_weights
from workbook.views.findings import recommendation


def weights_of(engagement):
    table = criterion_weights(engagement.criteria, analyse_strategy(engagement.settings).blended).table
    return table.set_index("criterion")["weight"]


def test_judgments_are_aggregated_by_mean_or_median(tiny):
    engagement = load_engagement("acme")
    mean = build_matrix(engagement, "mean")
    assert mean.values.loc["a", "innov"] == 4.5 and mean.values.loc["b", "innov"] == 2.5
    assert mean.spread.loc["a", "innov"] == 1 and mean.judgments.loc["b", "innov"] == 2
    assert mean.values.loc["b", "cost"] == 3.5 and np.isnan(mean.spread.loc["b", "cost"])


def test_a_cell_nobody_judged_takes_the_field_median_and_is_flagged(tiny):
    write_engagement(tiny, {
        "partners.csv": "id,name,unit_cost\na,Alpha,4\nb,Beta,3.5\nc,Gamma,3\n",
        "scores.csv": "evaluator,partner,criterion,score\nAnn Lee,a,innov,4\nAnn Lee,b,innov,2\n"})
    engagement = load_engagement("acme")
    matrix = build_matrix(engagement)
    assert matrix.values.loc["c", "innov"] == 3.0 and matrix.imputed.loc["c", "innov"]
    assert len(missing_judgments(engagement)) == 4  # Ann on c, Bob on a, b and c
    ranking = assess_partners(engagement, weights_of(engagement)).ranking.table.set_index("partner")
    assert "imputed:innov" in ranking.loc["c", "flags"]


def test_facts_only_engagement_with_explicit_weights_ranks_by_hand(tiny):
    write_engagement(tiny, {
        "criteria.csv": "id,name,group,direction,source,product_leadership,customer_intimacy,"
                        "operational_excellence,weight\n"
                        "years,Years,track_record,benefit,years,1,1,1,0.25\n"
                        "cost,Unit cost,cost,cost,unit_cost,0,0,3,0.75\n",
        "partners.csv": "id,name,years,unit_cost\na,Alpha,20,5\nb,Beta,10,4\nc,Gamma,30,4.5\n",
        "scores.csv": None})
    engagement = load_engagement("acme")
    assert engagement.scores.empty
    ranking = assess_partners(engagement, weights_of(engagement)).ranking
    table = ranking.table.set_index("partner")
    # min-max: years a .5, b 0, c 1; cost a 0, b 1, c .5 -> a .125, b .75, c .625
    assert table["weighted_sum"].to_dict() == pytest.approx({"a": 0.125, "b": 0.75, "c": 0.625})
    assert ranking.winner == "b" and table["rank"].to_dict() == {"b": 1, "c": 2, "a": 3}


def test_knocked_out_partner_leaves_the_ranking_with_its_reason():
    values = pd.DataFrame({"q": [99.0, 90.0, 97.0], "c": [5.0, 3.0, 6.5]}, index=["a", "b", "c"])
    criteria = pd.DataFrame({"direction": ["benefit", "cost"], "knockout": [95.0, 6.0]}, index=["q", "c"])
    ranking = rank_partners(values, criteria, pd.Series({"q": 0.5, "c": 0.5}))
    table = ranking.table.set_index("partner")
    assert table.loc["b", "flags"] == "knockout:q" and np.isnan(table.loc["b", "rank"])
    assert table.loc["c", "flags"] == "knockout:c" and np.isnan(table.loc["c", "weighted_sum"])
    assert table.loc["a", "rank"] == 1 and ranking.winner == "a"


def test_no_partner_passes():
    values = pd.DataFrame({"q": [80.0]}, index=["a"])
    criteria = pd.DataFrame({"direction": ["benefit"], "knockout": [95.0]}, index=["q"])
    ranking = rank_partners(values, criteria, pd.Series({"q": 1.0}))
    assert ranking.winner is None and ranking.table["rank"].isna().all()


@pytest.fixture(scope="module")
def example():
    engagement = load_engagement(paths.EXAMPLE_ENGAGEMENT)
    return engagement, assess_partners(engagement, weights_of(engagement))


def test_example_tells_its_story(example):
    engagement, assessment = example
    table = assessment.ranking.table.set_index("partner")
    assert assessment.ranking.winner == "apex"
    assert set(assessment.ranking.winners().values()) == {"apex"}
    assert table.loc["meridian", "flags"].startswith("knockout:otif")
    assert np.isnan(table.loc["meridian", "rank"])
    assert "shiny_object" in table.loc["novasynth", "flags"].split("; ")
    assert list(assessment.shiny["partner"]) == ["novasynth"]
    assert "supply:CIP cleaning agent (alkaline)" in table.loc["lakeside", "flags"]
    assert len(assessment.missing) == 2
    text = " ".join(recommendation(assessment))
    assert "Apex Polymer Solutions" in text and "Shiny-object warning for NovaSynth Labs" in text


def test_shiny_object_needs_both_dazzle_and_a_weak_record():
    criteria = pd.DataFrame({"group": ["innovation", "track_record"], "direction": ["benefit", "benefit"],
                             "source": ["score", "years"], "name": ["Innovation", "Years"]},
                            index=["inn", "yrs"])
    values = pd.DataFrame({"inn": [5.0, 2.0, 4.9], "yrs": [2.0, 30.0, 25.0]}, index=["new", "old", "good"])
    assert shiny_objects(values, criteria, 5)["partner"].tolist() == ["new"]
    assert shiny_objects(values, criteria, 1)["severity"].tolist() == ["medium"]
    # codes and numbers, worded by the views: weak where it stands in the bottom quarter
    found = shiny_objects(values, criteria, 5).iloc[0]
    assert (found["bottom_quarter"], found["below"], found["term_years"]) == (("track_record",), (), 5.0)


def test_supply_risks_single_source_and_stock_below_lead_time():
    supply = pd.DataFrame({"partner": ["a", "a", "b"], "input": ["cleaner", "resin", "bags"],
                           "sources": [1, 2, 1], "days_on_hand": [3.0, 30.0, 2.0],
                           "replenish_days": [14.0, 10.0, 5.0], "critical": [True, True, False]})
    risks = supply_risks(supply)
    assert risks[["partner", "input", "severity"]].values.tolist() == [
        ["a", "cleaner", "high"], ["a", "cleaner", "high"], ["b", "bags", "medium"]]


def test_disagreements_list_the_widest_spreads(tiny):
    engagement = load_engagement("acme")
    split = disagreements(build_matrix(engagement), at_least=1)
    assert split[["partner", "criterion", "spread"]].values.tolist() == [["a", "innov", 1.0], ["b", "innov", 1.0]]
