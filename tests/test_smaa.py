"""SMAA-2 over weights and judgments, and scales that do not move with the field.

The analytic cases are those of SMAA-2 without weight information (Lahdelma and Salminen 2001,
Operations Research 49(3), 444-454): with weights uniform on the simplex, an alternative that is
best on one criterion and worst on the others wins exactly when that criterion's weight is the
largest. For two criteria its central weight is E[w | w > 1/2] = 3/4; for three, the expected largest
of three uniform spacings is (1 + 1/2 + 1/3) / 3 = 11/18.
"""

import shutil

import numpy as np
import pandas as pd
import pytest

from workbook.core import paths
from workbook.engagement.model import load_engagement
from workbook.scoring.assessment import Robustness, assess_partners, assess_robustness
from workbook.scoring.robustness import SEED, draw_weights, verdict
from workbook.scoring.smaa import smaa, team_values
from workbook.strategy.weights import weigh_engagement
from workbook.views.findings import verdict_lines

NO_JUDGMENTS = np.full((1, 2, 2), np.nan)


def test_two_partners_without_weight_information():
    shares, central, confidence = smaa(np.array([[1.0, 0.0], [0.0, 1.0]]), NO_JUDGMENTS,
                                       np.array([0.5, 0.5]), 40_000, free=True)
    np.testing.assert_allclose(shares[:, 0], [0.5, 0.5], atol=0.01)
    np.testing.assert_allclose(central, [[0.75, 0.25], [0.25, 0.75]], atol=0.01)
    np.testing.assert_allclose(confidence, [1.0, 1.0])  # exact values: they win at their centre


def test_three_partners_at_the_corners():
    shares, central, confidence = smaa(np.eye(3), np.full((1, 3, 3), np.nan), np.ones(3) / 3,
                                       60_000, free=True)
    np.testing.assert_allclose(shares[:, 0], [1 / 3] * 3, atol=0.01)
    np.testing.assert_allclose(np.diag(central), [11 / 18] * 3, atol=0.01)
    np.testing.assert_allclose(central.sum(axis=1), 1)
    np.testing.assert_allclose(confidence, 1.0)


def test_a_partner_never_first_has_no_central_weights():
    shares, central, confidence = smaa(np.array([[1.0, 1.0], [0.5, 0.5]]), NO_JUDGMENTS,
                                       np.array([0.5, 0.5]), 1000, free=True)
    assert shares[0, 0] == 1 and shares[1, 0] == 0
    assert np.isnan(central[1]).all() and np.isnan(confidence[1])


def team_of_three():
    """A is judged 5, 5 and 1 on the first criterion (scaled 1, 1, 0; mean 2/3), B 3, 3, 3 (0.5);
    both are equal on the second. A wins exactly when the drawn team holds at least two of the
    first two evaluators: P(X >= 2) for X ~ Binomial(3, 2/3) = 20/27."""
    judged = np.array([[[1.0, np.nan], [0.5, np.nan]],
                       [[1.0, np.nan], [0.5, np.nan]],
                       [[0.0, np.nan], [0.5, np.nan]]])
    base = np.array([[2 / 3, 0.5], [0.5, 0.5]])
    return base, judged


def test_weights_alone_say_robust_judgment_disagreement_makes_it_a_close_call():
    base, judged = team_of_three()
    fixed, _, _ = smaa(base, judged, np.array([0.5, 0.5]), 20_000, resample=False)
    resampled, _, confidence = smaa(base, judged, np.array([0.5, 0.5]), 20_000)
    assert fixed[0, 0] == 1.0
    assert resampled[0, 0] == pytest.approx(20 / 27, abs=0.01)
    assert confidence[0] == pytest.approx(20 / 27, abs=0.01)
    assert verdict({"a": fixed[0, 0], "b": fixed[1, 0]}, "a", {}, None) == "robust"
    assert verdict({"a": resampled[0, 0], "b": resampled[1, 0]}, "a", {}, None) == "close call"


def test_resampled_teams_by_hand():
    base, judged = team_of_three()
    picks = np.array([[0, 0, 2], [2, 2, 1], [0, 1, 2]])
    mean = team_values(base, judged, picks)
    np.testing.assert_allclose(mean[:, 0, 0], [2 / 3, 1 / 3, 2 / 3])
    np.testing.assert_allclose(mean[:, :, 1], 0.5)  # nobody judged it: the team's value
    median = team_values(base, judged, picks, median=True)
    np.testing.assert_allclose(median[:, 0, 0], [1.0, 0.0, 1.0])


def random_team(seed=3, evaluators=4, partners=6, criteria=5, missing=0.2):
    rng = np.random.default_rng(seed)
    judged = rng.random((evaluators, partners, criteria))
    judged[rng.random(judged.shape) < missing] = np.nan
    judged[:, :, -1] = np.nan  # a fact
    given = ~np.isnan(judged)
    base = np.where(given.any(axis=0), np.nansum(judged, axis=0) / np.maximum(given.sum(axis=0), 1), 0.5)
    return base, judged, rng.dirichlet(np.ones(criteria))


@pytest.mark.parametrize("median", [False, True])
def test_chunks_do_not_change_the_result(median):
    base, judged, w = random_team()
    whole = smaa(base, judged, w, 3000, budget=10**9, median=median)
    chunked = smaa(base, judged, w, 3000, budget=50, median=median)
    for a, b in zip(whole, chunked):
        np.testing.assert_allclose(a, b, atol=1e-12)
    np.testing.assert_allclose(whole[0].sum(axis=0), 1)
    np.testing.assert_allclose(whole[0].sum(axis=1), 1)


def test_the_fast_mean_agrees_with_building_every_draws_matrix():
    """The count-weighted sum of evaluators' scores equals scoring each drawn team's matrix."""
    base, judged, w = random_team(seed=5, evaluators=5, partners=8, criteria=6, missing=0.3)
    shares, central, confidence = smaa(base, judged, w, 2000)
    rng = np.random.default_rng([SEED, 1])
    picks = rng.integers(0, 5, (2000, 5))
    weights = draw_weights(w, 2000)
    values = team_values(base, judged, picks)  # (draws, m, n), built one by one
    scores = np.einsum("kmn,kn->mk", values, weights)
    np.testing.assert_allclose(shares, rank_acceptability_of(scores), atol=1e-12)
    winners = np.flatnonzero(~np.isnan(confidence))
    at_centre = np.einsum("kmn,cn->kmc", values, central[winners]).argmax(axis=1)
    np.testing.assert_allclose(confidence[winners], (at_centre == winners).mean(axis=0))


def rank_acceptability_of(scores):
    m = scores.shape[0]
    out = np.zeros((m, m))
    for k in range(scores.shape[1]):
        order = np.argsort(-scores[:, k], kind="stable")
        out[order, np.arange(m)] += 1
    return out / scores.shape[1]


def dominated_copy(tmp_path):
    """The example with a partner worse than every ranked one on every criterion, inside the scales."""
    folder = tmp_path / "example"
    shutil.copytree(paths.EXAMPLE_ENGAGEMENT, folder)
    with open(folder / "partners.csv", "a", encoding="utf-8") as f:
        f.write("laggard,Laggard Industrial,Spain,1,0,90.0,95.0,5.9,1000\n")
    engagement = load_engagement(paths.EXAMPLE_ENGAGEMENT)
    rows = [f"{e},laggard,{c},1" for e in engagement.settings.evaluators
            for c in engagement.scored_criteria.index]
    with open(folder / "scores.csv", "a", encoding="utf-8") as f:
        f.write("\n".join(rows) + "\n")
    return folder


def scored(folder):
    engagement = load_engagement(folder)
    strategy, weighing = weigh_engagement(engagement)
    assessment = assess_partners(engagement, weighing.series, strategy=strategy)
    return engagement, assessment, assess_robustness(engagement, assessment, weighing.series, 2000)


def test_a_dominated_partner_changes_no_other_score_or_order(tmp_path):
    _, before, robust_before = scored(paths.EXAMPLE_ENGAGEMENT)
    _, after, robust_after = scored(dominated_copy(tmp_path))
    old = before.ranking.table.set_index("partner")
    new = after.ranking.table.set_index("partner")
    assert new.at["laggard", "rank"] == new["rank"].max()
    pd.testing.assert_series_equal(new["weighted_sum"].drop("laggard"), old["weighted_sum"])
    assert list(new.dropna(subset=["rank"]).index.drop("laggard")) == list(old.dropna(subset=["rank"]).index)
    first = robust_after.acceptability.set_index("partner")["rank_1"]
    assert first["laggard"] == 0
    pd.testing.assert_series_equal(first.drop("laggard"),
                                   robust_before.acceptability.set_index("partner")["rank_1"])


def test_the_example_resamples_its_evaluators_and_writes_central_weights():
    engagement, assessment, robust = scored(paths.EXAMPLE_ENGAGEMENT)
    assert (robust.weights, robust.judgments) == ("around", "evaluators")
    central = robust.central.set_index("partner")
    assert list(central.columns) == list(assessment.ranking.criteria.index)
    winners = robust.acceptability.set_index("partner")["rank_1"] > 0
    np.testing.assert_allclose(central[winners].sum(axis=1), 1)
    assert central[~winners].isna().all().all()
    confidence = robust.confidence.set_index("partner")["confidence"]
    assert confidence[winners].between(0, 1).all() and confidence[~winners].isna().all()


def robustness_of(judgments: str, weights: str = "around", evaluators: int = 3) -> Robustness:
    empty = pd.DataFrame({"partner": ["a", "b"], "rank_1": [0.9, 0.1], "rank_2": [0.1, 0.9]})
    loo = {f"e{i}": "a" for i in range(evaluators)} if evaluators > 1 else {}
    return Robustness(empty, pd.DataFrame(), pd.DataFrame(), pd.DataFrame(columns=["change"]), loo,
                      "robust", "a", 2000, weights, judgments, evaluators)


def test_the_verdict_says_which_uncertainty_it_covers():
    lines = verdict_lines(robustness_of("evaluators"), str.upper)
    assert lines[0] == ("A robust choice: A, robust to changes in the weights, to disagreement between "
                        "evaluators and to leaving out any one evaluator.")
    assert lines[1] == ("A comes first in 90% of 2,000 draws of weights around those in force and of the "
                        "evaluators' judgments; B in 10%.")
    lines = verdict_lines(robustness_of("fixed", "free", evaluators=1), str.upper)
    assert lines[0] == "A robust choice: A, robust to any weighting."
    assert lines[1] == "A comes first in 90% of 2,000 draws of weights from every possible weighting; B in 10%."
    assert lines[2] == ("One evaluator has judged the partners, so disagreement between evaluators cannot "
                        "be measured.")


def test_facts_without_a_scale_are_named_and_scored_against_the_field():
    from workbook.scoring.matrix import scales, unscaled_facts
    criteria = pd.DataFrame({"source": ["score", "cost_eur", "otif_pct"], "direction": ["benefit", "cost", "benefit"],
                             "worst": [None, None, 80.0], "best": [None, None, 100.0]}, index=["q", "cost", "otif"])
    assert list(unscaled_facts(criteria)) == ["cost"]
    values = pd.DataFrame({"q": [4.0, 2.0], "cost": [5.0, 3.0], "otif": [90.0, 95.0]}, index=["a", "b"])
    bounds = scales(values, criteria)
    assert bounds.to_dict("index") == {"q": {"worst": 1.0, "best": 5.0, "relative": False},
                                       "cost": {"worst": 5.0, "best": 3.0, "relative": True},
                                       "otif": {"worst": 80.0, "best": 100.0, "relative": False}}
    assert list(unscaled_facts(load_engagement(paths.EXAMPLE_ENGAGEMENT).criteria)) == []
