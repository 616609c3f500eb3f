"""How robust is the recommendation? Uncertain weights and judgments, tipping points, one evaluator less.

- Weight draws for SMAA-2 (Lahdelma and Salminen 2001, Operations Research 49(3)): from a Dirichlet
  distribution centred on the weights in force, or uniformly from all weight vectors; the draws
  over judgments and the central weights are in :mod:`workbook.scoring.smaa`.
- Tipping points: for each criterion, how far its weight must move (the others rescaled in
  proportion) before another partner comes first.
- Leave one evaluator out: the ranking without each evaluator's judgments.
"""

from __future__ import annotations

import numpy as np

DRAWS = 10_000
SPREAD = 0.25  # typical relative deviation of a draw from a weight of average size
SEED = 20261121


def dirichlet_concentration(n: int, spread: float = SPREAD) -> float:
    """Concentration so that a weight of 1/n varies by about ``spread`` of itself."""
    return max((n - 1) / (spread * spread) - 1.0, 1.0) if n > 1 else 1.0


def draw_weights(weights: np.ndarray, draws: int = DRAWS, spread: float = SPREAD,
                 seed=SEED, free: bool = False) -> np.ndarray:
    """(draws, n) weight vectors around ``weights`` or, with ``free``, uniform over every weight
    vector of the criteria in force; zero weights stay zero either way."""
    rng = np.random.default_rng(seed)
    active = weights > 0
    alpha = np.ones(int(active.sum())) if free else \
        weights[active] * dirichlet_concentration(len(weights), spread)
    out = np.zeros((draws, len(weights)))
    out[:, active] = rng.dirichlet(alpha, size=draws)
    return out


def rank_counts(scores: np.ndarray) -> np.ndarray:
    """counts[i, r]: in how many columns (draws) of ``scores`` (m, k) row i is (r + 1)-th, ties
    broken by row order."""
    m = scores.shape[0]
    order = np.argsort(np.ascontiguousarray(-scores.T), axis=1, kind="stable")  # [k, r]: who is r-th
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.arange(m)[None, :], axis=1)  # ranks[k, i]
    return np.bincount((np.arange(m)[None, :] * m + ranks).ravel(), minlength=m * m).reshape(m, m)


def rank_acceptability(scaled: np.ndarray, sampled: np.ndarray) -> np.ndarray:
    """b[i, r]: share of weight draws in which alternative i takes rank r + 1 (weighted sum).

    ``scaled`` is the (m, n) normalised matrix, ``sampled`` the (draws, n) weights. Ties are
    broken by row order, as :func:`numpy.argsort` does with a stable sort.
    """
    return rank_counts(scaled @ sampled.T) / sampled.shape[0]


EDGE = 1e-9  # a weight this close to 0 or 1 is that end of the scale (float noise: 0.9999999999999994)


def tipping_points(scaled: np.ndarray, weights: np.ndarray) -> list[dict]:
    """For each criterion, the nearest weights (below and above the current one) at which the
    weighted-sum winner changes, the others rescaled in proportion; None when it never does. A
    tie only at 0 % or 100 % (the criterion dropped, or the only one) changes no winner at any
    weight a reader could set, and is none.

    With ``w_c = t`` and the others scaled by ``(1 - t) / (1 - w_c)``, every score is linear in t:
    ``s_i(t) = s_i + (t - w_c) * (x_ic - (s_i - w_c x_ic) / (1 - w_c))``.
    """
    scores = scaled @ weights
    winner = int(np.argmax(scores))
    out = []
    for c, wc in enumerate(weights):
        rest = 1.0 - wc
        slope = scaled[:, c] - ((scores - wc * scaled[:, c]) / rest if rest > 0 else 0.0)
        down = up = None
        for j in range(len(scores)):
            if j == winner or slope[j] == slope[winner]:
                continue
            t = wc + (scores[winner] - scores[j]) / (slope[j] - slope[winner])
            if EDGE < t < wc and (down is None or t > down[0]):
                down = (t, j)
            elif wc < t < 1.0 - EDGE and (up is None or t < up[0]):
                up = (t, j)
        out.append({"criterion": c, "weight": wc, "down": down, "up": up})
    return out


ROBUST_SHARE = 0.75  # first in at least three draws of four
ROBUST_TIP = 0.05  # no weight change under five percentage points changes the winner


def fragilities(acceptability_first: dict[str, float], winner: str, loo_winners: dict[str, str | None],
                nearest_tip: float | None) -> tuple[str, ...]:
    """What the winner is not robust to, as codes: ``"draws"`` (first in fewer than
    ``ROBUST_SHARE`` of the draws), ``"tipping_point"`` (a weight change under ``ROBUST_TIP``
    changes the winner), ``"leave_one_out"`` (leaving out one evaluator changes it)."""
    found = []
    if acceptability_first.get(winner, 0.0) < ROBUST_SHARE:
        found.append("draws")
    if nearest_tip is not None and nearest_tip < ROBUST_TIP:
        found.append("tipping_point")
    if any(p != winner for p in loo_winners.values()):
        found.append("leave_one_out")
    return tuple(found)


def verdict(acceptability_first: dict[str, float], winner: str, loo_winners: dict[str, str | None],
            nearest_tip: float | None) -> str:
    """"robust" when the winner is first in at least ``ROBUST_SHARE`` of the draws, no single
    evaluator's absence changes the winner, and no tipping point is nearer than ``ROBUST_TIP``
    (no :func:`fragilities`); otherwise "close call"."""
    return "close call" if fragilities(acceptability_first, winner, loo_winners, nearest_tip) else "robust"
