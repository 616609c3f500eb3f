"""Ranking methods against published worked examples and hand-computed cases."""

import numpy as np
import pytest

from workbook.scoring.mcda import (minmax_normalise, promethee_ii, rank_descending, topsis, vector_normalise,
                                   weighted_sum)

ALL_BENEFIT = np.ones(3, bool)


def test_topsis_reproduces_tzeng_and_huang_2011():
    # Tzeng and Huang (2011), Multiple Attribute Decision Making, TOPSIS worked example.
    x = np.array([[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]], float)
    closeness = topsis(x, np.array([0.3, 0.4, 0.3]), ALL_BENEFIT)
    np.testing.assert_allclose(closeness, [0.5037, 0.6581, 0.7482, 0.3340], atol=5e-5)
    assert rank_descending(closeness).tolist() == [3, 2, 1, 4]


def test_promethee_ii_reproduces_the_usual_criterion_example():
    x = np.array([[4, 3, 2], [3, 2, 4], [5, 1, 3]], float)
    np.testing.assert_allclose(promethee_ii(x, np.array([0.5, 0.3, 0.2]), ALL_BENEFIT),
                               [0.1, -0.3, 0.2], atol=1e-12)


def test_weighted_sum_by_hand():
    # Column 1 (benefit) 2, 4, 6 -> 0, .5, 1; column 2 (cost) 10, 30, 20 -> 1, 0, .5.
    x = np.array([[2, 10], [4, 30], [6, 20]], float)
    scores, parts = weighted_sum(x, np.array([0.6, 0.4]), np.array([True, False]))
    np.testing.assert_allclose(scores, [0.4, 0.3, 0.8])
    np.testing.assert_allclose(parts.sum(axis=1), scores)


def test_cost_criteria_reverse_the_order():
    x = np.array([[1.0], [2.0], [3.0]])
    assert rank_descending(topsis(x, np.array([1.0]), np.array([False]))).tolist() == [1, 2, 3]
    assert rank_descending(promethee_ii(x, np.array([1.0]), np.array([False]))).tolist() == [1, 2, 3]


@pytest.mark.parametrize("x", [np.full((4, 3), 7.0), np.zeros((4, 3)), np.array([[3.0, 0.0, 5.0]])],
                         ids=["all equal", "all zero", "one partner"])
def test_degenerate_matrices_never_give_nan(x):
    w = np.full(3, 1 / 3)
    benefit = np.array([True, False, True])
    for result in (weighted_sum(x, w, benefit)[0], topsis(x, w, benefit), promethee_ii(x, w, benefit),
                   minmax_normalise(x, benefit), vector_normalise(x)):
        assert np.isfinite(result).all()
    # Nobody is better than anybody: every method ties them.
    assert len(set(np.round(topsis(x, w, benefit), 12))) == 1
    assert len(set(np.round(weighted_sum(x, w, benefit)[0], 12))) == 1


def test_an_all_equal_column_does_not_change_the_order():
    x = np.array([[1.0, 5.0], [3.0, 5.0], [2.0, 5.0]])
    w = np.array([0.5, 0.5])
    benefit = np.ones(2, bool)
    for method in (lambda *a: weighted_sum(*a)[0], topsis, promethee_ii):
        assert rank_descending(method(x, w, benefit)).tolist() == [3, 1, 2]


def test_ties_share_the_better_rank():
    assert rank_descending(np.array([0.5, 0.9, 0.5, 0.1])).tolist() == [2, 1, 2, 4]


def test_huge_but_finite_values_do_not_overflow():
    x = np.array([[1e200, 1.0], [3e200, 2.0]])
    w = np.array([0.5, 0.5])
    closeness = topsis(x, w, np.ones(2, bool))
    assert np.isfinite(closeness).all() and closeness[1] == 1.0
    np.testing.assert_allclose(vector_normalise(x)[:, 0], [1 / np.sqrt(10), 3 / np.sqrt(10)])


@pytest.mark.parametrize("seed", range(25))
def test_methods_match_pymcdm_on_random_matrices(seed):
    pymcdm = pytest.importorskip("pymcdm")
    from pymcdm import normalizations
    from pymcdm.methods import PROMETHEE_II, TOPSIS, WSM

    rng = np.random.default_rng(seed)
    m, n = rng.integers(3, 30), rng.integers(2, 12)
    x = rng.uniform(0.5, 100, size=(m, n))
    w = rng.random(n)
    w /= w.sum()
    benefit = rng.random(n) < 0.6
    types = np.where(benefit, 1, -1)
    np.testing.assert_allclose(topsis(x, w, benefit),
                               TOPSIS(normalizations.vector_normalization)(x, w, types), rtol=1e-9)
    np.testing.assert_allclose(weighted_sum(x, w, benefit)[0],
                               WSM(normalizations.minmax_normalization)(x, w, types), rtol=1e-9)
    np.testing.assert_allclose(promethee_ii(x, w, benefit), PROMETHEE_II("usual")(x, w, types), atol=1e-12)
