"""Robustness: rank acceptability, tipping points, leave-one-evaluator-out, supply model, competences."""

import math

import numpy as np
import pandas as pd
import pytest

from workbook.core import paths
from workbook.engagement.model import load_engagement
from workbook.scoring.assessment import assess_partners, assess_robustness
from workbook.scoring.continuity import missed_delivery_chance
from workbook.scoring.mcda import weighted_sum
from workbook.scoring.robustness import draw_weights, rank_acceptability, tipping_points
from workbook.scoring.warning_signs import below_adequate, unique_competencies
from workbook.strategy.weights import weigh_engagement
from workbook.views.findings import rises_to_the_top, verdict_lines


def test_rank_acceptability_by_hand():
    scaled = np.array([[1.0, 0.0], [0.0, 1.0], [0.4, 0.4]])
    draws = np.array([[0.9, 0.1], [0.2, 0.8], [0.7, 0.3], [0.5, 0.5]])
    # scores per draw: a .9 .2 .7 .5 | b .1 .8 .3 .5 | c .4 .4 .4 .4 ; the a=b tie goes to a (row order)
    # orders: a c b | b c a | a c b | a b c
    b = rank_acceptability(scaled, draws)
    np.testing.assert_allclose(b, [[0.75, 0.0, 0.25], [0.25, 0.25, 0.5], [0.0, 0.75, 0.25]])


def test_acceptability_rows_and_columns_sum_to_one_and_draws_stay_on_the_simplex():
    rng = np.random.default_rng(1)
    weights = rng.random(8)
    weights /= weights.sum()
    draws = draw_weights(weights, 2000)
    np.testing.assert_allclose(draws.sum(axis=1), 1)
    np.testing.assert_allclose(draws.mean(axis=0), weights, atol=0.01)
    b = rank_acceptability(rng.random((6, 8)), draws)
    np.testing.assert_allclose(b.sum(axis=0), 1)
    np.testing.assert_allclose(b.sum(axis=1), 1)


def test_tipping_points_agree_with_recomputing_the_ranking():
    rng = np.random.default_rng(7)
    scaled = rng.random((5, 4))
    weights = np.array([0.4, 0.3, 0.2, 0.1])
    winner = np.argmax(scaled @ weights)
    for point in tipping_points(scaled, weights):
        c = point["criterion"]
        for side in ("down", "up"):
            if point[side] is None:
                continue
            t, new = point[side]
            for shift, expected in ((-1e-6, winner), (1e-6, new)) if side == "up" else ((1e-6, winner), (-1e-6, new)):
                moved = weights * (1 - (t + shift)) / (1 - weights[c])
                moved[c] = t + shift
                assert np.argmax(scaled @ moved) == expected


def test_a_tie_only_at_0_or_100_percent_is_no_tipping_point():
    """A new user's review: "Business continuity … winner changes above 100.0%". Partner a scores
    (1, 1), b (0.5, 1) on two criteria weighted half and half: b draws level only when the second
    criterion is all there is (100 %) or the first counts for nothing (0 %): no weight a reader
    could set changes the winner."""
    points = tipping_points(np.array([[1.0, 1.0], [0.5, 1.0]]), np.array([0.5, 0.5]))
    assert [(p["down"], p["up"]) for p in points] == [(None, None), (None, None)]
    # a real crossing inside the scale is kept: b (0, 0.5) overtakes a (1, 0) once the second weighs over 2/3
    [first, second] = tipping_points(np.array([[1.0, 0.0], [0.0, 0.5]]), np.array([0.5, 0.5]))
    assert second["up"][0] == pytest.approx(2 / 3) and second["up"][1] == 1


def test_missed_delivery_model_by_hand():
    supply = pd.DataFrame({"partner": ["a", "b", "b"], "input": ["cleaner", "resin", "bags"],
                           "sources": [1, 2, 1], "days_on_hand": [0.0, 14.0, 0.0],
                           "replenish_days": [7.0, 7.0, 7.0], "critical": [True, True, False]})
    table = missed_delivery_chance(supply, term_years=2, rate=0.5, days=14).set_index("partner")
    assert table.loc["a", "yearly_rate"] == pytest.approx(0.5)  # one source, no stock
    assert table.loc["a", "chance_over_term"] == pytest.approx(1 - math.exp(-1.0))
    assert table.loc["b", "yearly_rate"] == pytest.approx(0.5 * (14 / 365) * math.exp(-1))  # bags not critical


def test_unique_competence_needs_a_clear_lead():
    criteria = pd.DataFrame({"name": ["Speed", "Cost (EUR/kg)", "Care (calls, letters)"],
                             "direction": ["benefit", "cost", "benefit"], "group": ["delivery", "cost", "x"],
                             "source": ["speed", "cost", "score"]}, index=["speed", "cost", "care"])
    values = pd.DataFrame({"speed": [10.0, 6.0, 5.0], "cost": [3.0, 2.9, 5.0], "care": [3.0, 4.5, 3.0]},
                          index=["a", "b", "c"])
    unique = unique_competencies(values, criteria)
    # b's cost lead is 0.05 of the range, not a clear lead; care is judged: no unit
    assert unique[["partner", "criterion", "unit"]].values.tolist() == [["a", "speed", ""], ["b", "care", ""]]
    lines = rises_to_the_top(unique, ["a", "b", "c"], str.upper)
    assert lines == ["A clearly leads the field on: speed (10 against the next best 6).",
                     "B clearly leads the field on: care (calls, letters) (4.5 against the next best 3.0).",
                     "C: no criterion on which it clearly leads the field."]
    values.loc["c", "cost"] = 1.0
    lines = rises_to_the_top(unique_competencies(values, criteria), ["c"], str.upper)
    assert lines == ["C clearly leads the field on: cost (1.0 EUR/kg against the next best 2.9 EUR/kg)."]


def test_below_adequate_lists_judged_criteria_under_three():
    criteria = pd.DataFrame({"name": ["Culture"], "group": ["culture"], "source": ["score"]}, index=["cul"])
    values = pd.DataFrame({"cul": [2.5, 3.0]}, index=["a", "b"])
    assert below_adequate(values, criteria, "culture")["partner"].tolist() == ["a"]


@pytest.fixture(scope="module")
def example():
    engagement = load_engagement(paths.EXAMPLE_ENGAGEMENT)
    strategy, weighing = weigh_engagement(engagement)
    assessment = assess_partners(engagement, weighing.series, strategy=strategy)
    return engagement, assessment, assess_robustness(engagement, assessment, weighing.series)


def test_example_robustness(example):
    engagement, assessment, robust = example
    acceptability = robust.acceptability.set_index("partner")
    assert list(acceptability.columns) == [f"rank_{r}" for r in range(1, 6)]
    assert "meridian" not in acceptability.index  # knocked out
    np.testing.assert_allclose(acceptability.sum(axis=1), 1)
    assert acceptability.loc["apex", "rank_1"] > 0.9
    assert robust.leave_one_out == {"Tom Becker": "apex", "Aisha Rahman": "apex", "Jonas Weber": "apex"}
    assert robust.verdict == "robust"
    assert verdict_lines(robust, assessment.name)[0] == (
        "A robust choice: Apex Polymer Solutions, robust to changes in the weights, to disagreement "
        "between evaluators and to leaving out any one evaluator.")
    nearest = robust.tipping.iloc[0]
    assert nearest["criterion"] == "flexibility" and nearest["winner_above"] == "coastal"


def test_example_flags_for_the_seeds(example):
    _, assessment, _ = example
    flags = assessment.ranking.table.set_index("partner")["flags"]
    assert "unique:domain_knowledge" in flags["apex"]
    assert "weak_customer_focus:" in flags["rheinberg"] and "culture_gap:" in flags["rheinberg"]
    chance = assessment.continuity.set_index("partner")["chance_over_term"]
    assert chance["lakeside"] > 0.5 > chance["apex"]


def test_a_close_call_is_called_so():
    import pandas as pd

    from workbook.scoring.assessment import Robustness
    from workbook.scoring.robustness import verdict
    kind = verdict({"a": 0.55, "b": 0.45}, "a", {"Ann": "a"}, 0.02)
    tipping = pd.DataFrame({"criterion": ["q"], "name": ["Quality"], "weight": [0.30], "lower": [0.28],
                            "winner_below": ["b"], "upper": [float("nan")], "winner_above": [""],
                            "change": [0.02]})
    robust = Robustness(pd.DataFrame({"partner": ["a", "b"], "rank_1": [0.55, 0.45]}), pd.DataFrame(),
                        pd.DataFrame(), tipping, {"Ann": "a"}, kind, "a", 2_000)
    lines = verdict_lines(robust, str.upper)
    assert kind == "close call"
    assert lines[0] == ("A close call between A and B: not robust to changes in the weights and to "
                        "leaving out any one evaluator.")
    assert lines[1] == "A comes first in 55% of 2,000 draws of weights around those in force; B in 45%."
    assert lines[3] == ("The smallest weight change that changes the winner is 2 percentage points "
                        "(30.0% to 28.0%), on quality (B would then come first).")
    # the change in whole points, as results.xlsx writes it ("+21 points"): 6.8% to 27.9% is 21
    # (21.04 unrounded), where the two weights as written would give 21.1
    tipping = tipping.assign(weight=[0.0683], lower=[float("nan")], upper=[0.2787], winner_above=["b"],
                             winner_below=[""], change=[0.2787 - 0.0683])
    lines = verdict_lines(Robustness(robust.acceptability, pd.DataFrame(), pd.DataFrame(), tipping,
                                     {"Ann": "a"}, kind, "a", 2_000), str.upper)
    assert "is 21 percentage points (6.8% to 27.9%), on quality" in lines[3]
    tipping = tipping.assign(upper=[0.0721], change=[0.0721 - 0.0683])  # under one point: one decimal
    lines = verdict_lines(Robustness(robust.acceptability, pd.DataFrame(), pd.DataFrame(), tipping,
                                     {"Ann": "a"}, kind, "a", 2_000), str.upper)
    assert "is 0.4 percentage points (6.8% to 7.2%), on quality" in lines[3]


def test_the_ranking_explorer_reranks_live(example):
    import ipywidgets
    import matplotlib
    matplotlib.use("Agg")
    from workbook.views.explorers import ranking_explorer

    engagement, assessment, _ = example
    weights = weigh_engagement(engagement)[1].series
    explorer = ranking_explorer(engagement, assessment, weights)
    sliders = [w for w in explorer.children if isinstance(w, ipywidgets.FloatSlider)]
    assert len(sliders) == len(engagement.criteria) and explorer.ranking.winner == "apex"
    for slider in sliders:  # everything on flexibility: the customer-intimate partner wins
        slider.value = 40.0 if slider.description.startswith("Flexibility") else 0.0
    assert explorer.ranking.winner == "coastal"
    assert "meridian" not in explorer.ranking.table.dropna(subset=["rank"])["partner"].tolist()


@pytest.mark.parametrize("first,loo,tip,expected", [
    ({"a": 0.90}, {"Ann": "a"}, 0.20, ()),
    ({"a": 0.60}, {"Ann": "a"}, 0.20, ("draws",)),
    ({"a": 0.90}, {"Ann": "b"}, 0.20, ("leave_one_out",)),
    ({"a": 0.90}, {}, 0.01, ("tipping_point",)),
    ({"a": 0.50}, {"Ann": "b", "Bob": "a"}, 0.01, ("draws", "tipping_point", "leave_one_out")),
])
def test_what_a_winner_is_fragile_to_is_each_rule_that_fails(first, loo, tip, expected):
    from workbook.scoring.robustness import fragilities, verdict
    assert fragilities(first, "a", loo, tip) == expected
    assert verdict(first, "a", loo, tip) == ("close call" if expected else "robust")
