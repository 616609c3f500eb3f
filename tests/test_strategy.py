"""Strategy profiles and derived weights: hand-computed cases and the properties that must hold."""

from dataclasses import replace

import numpy as np
import pytest

from workbook import config
from workbook.engagement import load_engagement
from workbook.settings import Segment
from workbook.strategy import analyse_strategy, blend_profiles, customer_profile, normalise
from workbook.weights import derive_weights, weight_table

PL, CI, OE = "product_leadership", "customer_intimacy", "operational_excellence"


def test_customer_profile_is_share_weighted_by_hand():
    segments = [Segment("a", 3, {PL: 2, CI: 0, OE: 2}),   # 0.5, 0, 0.5
                Segment("b", 1, {PL: 0, CI: 1, OE: 0})]   # 0, 1, 0
    assert customer_profile(segments) == pytest.approx({PL: 0.375, CI: 0.25, OE: 0.375})


def test_blend_mixes_normalised_profiles():
    mixed = blend_profiles({PL: 4, CI: 0, OE: 0}, {PL: 0, CI: 0, OE: 10}, 0.25)
    assert mixed == pytest.approx({PL: 0.75, CI: 0.0, OE: 0.25})


def test_derived_weights_by_hand():
    relevance = np.array([[3, 0, 0], [0, 0, 3], [1, 1, 1]], float)
    profile = np.array([0.5, 0.25, 0.25])
    parts = derive_weights(relevance, profile, np.full(3, np.nan))
    # raw: 1.5, 0.75, 1.0 -> total 3.25
    np.testing.assert_allclose(parts.sum(axis=1), [1.5 / 3.25, 0.75 / 3.25, 1.0 / 3.25])
    np.testing.assert_allclose(parts[2], [0.5 / 3.25, 0.25 / 3.25, 0.25 / 3.25])


def test_explicit_weights_are_honoured_and_the_rest_share_the_remainder(tiny):
    engagement = load_engagement("acme")
    criteria = engagement.criteria.copy()
    criteria.loc["cost", "weight"] = 0.3
    table = weight_table(criteria, analyse_strategy(engagement.settings).blended).set_index("criterion")
    assert table.loc["cost", "weight"] == pytest.approx(0.3)
    assert table.loc["cost", "basis"] == "explicit"
    assert table.loc["innov", "weight"] == pytest.approx(0.7)
    assert table.loc["innov", "basis"] == "derived"


@pytest.fixture(scope="module")
def example():
    return load_engagement(config.EXAMPLE_ENGAGEMENT)


def _weights(engagement, own, customers):
    settings = replace(engagement.settings, own=own,
                       customers=tuple(replace(s, profile=customers) for s in engagement.settings.customers))
    profile = analyse_strategy(settings).blended
    return weight_table(engagement.criteria, profile).set_index("criterion")["weight"]


def test_moving_from_product_leadership_to_operational_excellence_moves_the_weights(example):
    leader = _weights(example, {PL: 5, CI: 1, OE: 1}, {PL: 5, CI: 1, OE: 1})
    operator = _weights(example, {PL: 1, CI: 1, OE: 5}, {PL: 1, CI: 1, OE: 5})
    relevance = example.criteria[[PL, OE]]
    oe_led = relevance.index[relevance[OE] > relevance[PL]]
    pl_led = relevance.index[relevance[PL] > relevance[OE]]
    assert len(oe_led) and len(pl_led)
    assert (operator[oe_led] > leader[oe_led]).all()
    assert (operator[pl_led] < leader[pl_led]).all()
    assert leader.sum() == pytest.approx(1) and operator.sum() == pytest.approx(1)


@pytest.mark.parametrize("seed", range(20))
def test_weights_always_sum_to_one(example, seed):
    rng = np.random.default_rng(seed)
    own = dict(zip((PL, CI, OE), rng.uniform(0, 5, 3) + 0.01))
    customers = dict(zip((PL, CI, OE), rng.uniform(0, 5, 3) + 0.01))
    weights = _weights(example, own, customers)
    assert weights.sum() == pytest.approx(1)
    assert (weights >= 0).all()


def test_example_story_company_leads_on_product_leadership_customers_on_operations(example):
    strategy = analyse_strategy(example.settings)
    assert strategy.own_lead == PL and strategy.customer_lead == OE
    assert not strategy.aligned
    assert sum(strategy.blended.values()) == pytest.approx(1)
    assert normalise({PL: 2, CI: 1, OE: 1}) == pytest.approx({PL: 0.5, CI: 0.25, OE: 0.25})
