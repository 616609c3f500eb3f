"""Control charts and trend rules, by hand."""

import numpy as np
import pytest

from workbook.quality.control import p_chart, worsening_run, xmr_chart


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


def test_worsening_run():
    assert worsening_run(np.array([5, 4.8, 4.5, 4.1]), higher_is_better=True)
    assert not worsening_run(np.array([5, 4.8, 4.9, 4.1]), higher_is_better=True)
    assert worsening_run(np.array([1, 2, 3, 4.0]), higher_is_better=False)
    assert not worsening_run(np.array([1, 2.0]), higher_is_better=False)
