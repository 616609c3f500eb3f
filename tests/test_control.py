"""Control charts and the Western Electric rules, by hand and by their false-alarm rate."""

import numpy as np
import pytest

from workbook.quality.control import (WE_RULES, baseline_p, baseline_size, baseline_xmr, p_chart, western_electric,
                                      xmr_chart)


def test_p_chart_by_hand():
    # 90 of 100 and 80 of 100: p_bar 0.85, sigma for n=100 is sqrt(.85*.15/100) = 0.035707
    chart = p_chart(np.array([90, 80]), np.array([100, 100]))
    assert chart.centre == pytest.approx(0.85)
    np.testing.assert_allclose(chart.upper, 0.85 + 3 * 0.0357071, atol=1e-6)
    np.testing.assert_allclose(chart.lower, 0.85 - 3 * 0.0357071, atol=1e-6)
    np.testing.assert_allclose(chart.values, [0.9, 0.8])
    assert not chart.below.any() and not chart.above.any()


def test_p_chart_limits_widen_with_fewer_orders_and_flag_a_dip():
    chart = p_chart(np.array([97, 96, 98, 60, 97]), np.array([100, 100, 100, 80, 100]))
    assert chart.upper[3] - chart.lower[3] > chart.upper[0] - chart.lower[0]
    assert chart.below.tolist() == [False, False, False, True, False]


def test_xmr_by_hand():
    chart = xmr_chart(np.array([10.0, 12.0, 11.0, 13.0]))
    # mean 11.5; moving ranges 2, 1, 2 -> 5/3; half-width 2.66 * 5/3 = 4.4333
    assert chart.centre == pytest.approx(11.5)
    np.testing.assert_allclose(chart.upper, 11.5 + 2.66 * 5 / 3)
    np.testing.assert_allclose(chart.lower, 11.5 - 2.66 * 5 / 3)


@pytest.mark.parametrize("values,side,rule", [
    ([0, 0.5, -0.5, 0, 3.2], 1, 0),          # one point beyond 3 sigma
    ([0, 0.5, 2.5, 0.1, 2.4], 1, 1),         # 2 of the last 3 beyond 2 sigma
    ([0, 1.5, 1.2, 0.2, 1.1, 1.3], 1, 2),    # 4 of the last 5 beyond 1 sigma
    ([0.2, 0.4, 0.1, 0.9, 0.3, 0.5, 0.2, 0.6], 1, 3),  # 8 in a row above the centre
    ([-0.2, -0.4, -0.1, -0.9, -0.3, -0.5, -0.2, -0.6], -1, 3),
    ([0.2, 0.4, 0.1, 0.9, 0.3, 0.5, 0.2, 0.6], -1, None),  # the other side: nothing
    ([0, 0.5, 2.5, 2.6, 0.1], 1, None),      # the pattern is history: the latest point is inside
    ([0.2, 0.4, 0.1, 0.9, 0.3, 0.5, 0.2], 1, None),  # 7 in a row is not 8
])
def test_western_electric_rules_by_hand(values, side, rule):
    assert western_electric(np.array(values), 0.0, 1.0, side) == rule


def test_the_rules_name_themselves():
    assert WE_RULES[1] == "2 of the last 3 points beyond 2 sigma on one side"


def false_alarm_rates(series=20_000, length=24, seed=11):
    """Share of in-control series (independent normal months) in which the latest point raises a
    signal on the bad side: by the Western Electric rules against limits estimated from the first
    half, against the true limits, and by the old rule of three worsening changes in a row."""
    rng = np.random.default_rng(seed)
    data = rng.normal(size=(series, length))
    estimated = known = old = 0
    for values in data:
        chart = baseline_xmr(values, 8)
        estimated += western_electric(values, chart.centre, chart.sigma, -1) is not None
        known += western_electric(values, 0.0, 1.0, -1) is not None
        old += bool((np.diff(values[-4:]) < 0).all())
    return estimated / series, known / series, old / series


def test_in_control_series_raise_fewer_false_alarms_than_the_rule_replaced():
    """Measured on 20,000 simulated series of 24 in-control months: the Western Electric rules
    raise a false alarm on the bad side in 0.7 % of months against the true limits and in 3.1 %
    against limits estimated from the first 12 months (estimated limits are themselves noisy);
    three worsening changes in a row, the rule they replace, in 4.2 % (1 in 24)."""
    estimated, known, old = false_alarm_rates()
    assert old == pytest.approx(1 / 24, abs=0.004)
    assert known < 0.01
    assert estimated < 0.035 and estimated < old


def test_a_collapse_after_ten_usual_months_is_the_only_signal_on_either_chart():
    """Issue 25: ten in-control months then a collapse. The p-chart whose centre took in the
    collapse flagged ten of eleven months; its Phase I/II chart flags only the collapse, as the
    individuals chart does."""
    rng = np.random.default_rng(3)
    totals = np.full(11, 4000.0)
    # in control: binomial months around 98.6 %, then 90.6 %
    successes = np.r_[rng.binomial(4000, 0.986, 10), 3624].astype(float)
    old = p_chart(successes, totals)
    assert (old.below | old.above).sum() >= 5  # the centre line taken in by the collapse
    chart = baseline_p(successes, totals)
    assert (chart.below | chart.above).tolist() == [False] * 10 + [True]
    readings = np.r_[rng.normal(98.5, 0.3, 10), 90.6]
    individuals = baseline_xmr(readings)
    assert (individuals.below | individuals.above).tolist() == [False] * 10 + [True]


def test_a_collapse_inside_the_baseline_is_left_out_of_the_limits():
    """Phase I: an out-of-control month among the first half does not widen or drag the limits
    that judge the months after it; by hand, p_bar is the in-control months' pooled share."""
    totals = np.full(10, 1000.0)
    successes = np.array([985, 987, 600, 986, 984, 986, 985, 987, 986, 985], float)
    chart = baseline_p(successes, totals)
    kept = [0, 1, 3, 4]  # the first half is five months; the collapse (month 3) is left out
    assert chart.centre == pytest.approx(successes[kept].sum() / totals[kept].sum())
    assert (chart.below | chart.above).tolist() == [False, False, True] + [False] * 7
    values = np.array([10.0, 10.2, 9.9, 4.0, 10.1, 10.0, 9.8, 10.1, 10.0, 10.2, 9.9, 10.1, 10.0, 10.1, 9.9, 10.0])
    individuals = baseline_xmr(values)  # first half: 8 readings, the 4.0 left out
    assert individuals.centre == pytest.approx(np.delete(values[:8], 3).mean())
    assert (individuals.below | individuals.above).tolist() == [False] * 3 + [True] + [False] * 12


def test_the_baseline_is_the_first_half_and_never_fewer_than_its_minimum():
    assert [baseline_size(n, 8) for n in (5, 8, 12, 16, 20)] == [5, 8, 8, 8, 10]
    assert [baseline_size(n, 3) for n in (3, 4, 7, 11)] == [3, 3, 3, 5]


def test_limits_from_a_baseline_widen_by_its_own_uncertainty():
    """A month's share differs from a centre estimated from N orders by sqrt(p(1-p)(1/n + 1/N)),
    a reading from a centre of m readings by sigma sqrt(1 + 1/m): hand-computed here."""
    import numpy as np

    from workbook.quality.control import baseline_p, baseline_xmr
    successes, totals = np.array([97.0, 194, 96, 95]), np.array([100.0, 200, 100, 100])
    chart = baseline_p(successes, totals, 3)  # baseline: the first 3 months, 400 orders, 387 on time
    p = 387 / 400
    assert chart.centre == p
    assert chart.sigma[0] == np.sqrt(p * (1 - p) * (1 / 100 + 1 / 400))
    assert baseline_p(successes, totals, 3, known=True).sigma[0] == np.sqrt(p * (1 - p) / 100)
    values = np.array([10.0, 12, 11, 13, 12, 10, 11, 12])
    x = baseline_xmr(values, 8)
    mr = np.abs(np.diff(values)).mean()
    assert np.isclose(x.sigma[0], mr / 1.128 * np.sqrt(1 + 1 / 8), rtol=1e-3)
    assert np.isclose(x.upper[0] - x.centre, 3 * x.sigma[0])
