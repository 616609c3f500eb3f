"""Analytic Hierarchy Process (Saaty): weights from pairwise judgments, and their consistency.

Pure numpy functions; :mod:`workbook.pairwise` reads and checks the engagement's judgments file.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# Saaty's random consistency index by matrix size (n = 1 and 2 are always consistent).
RANDOM_INDEX = {1: 0.0, 2: 0.0, 3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45,
                10: 1.49}
CONSISTENT_BELOW = 0.10


@dataclass(frozen=True)
class AhpResult:
    """Weights and the consistency figures behind them.

    ``deviation[i, j]`` is ``a_ij * w_j / w_i``: 1 where judgment (i, j) agrees with the weights,
    far from 1 where it breaks consistency.
    """

    weights: np.ndarray
    lambda_max: float
    ci: float
    cr: float
    deviation: np.ndarray

    @property
    def consistent(self) -> bool:
        return self.cr <= CONSISTENT_BELOW


def principal_eigenvector(a: np.ndarray, tol: float = 1e-12, max_iter: int = 10_000) -> tuple[np.ndarray, float]:
    """Perron vector of a positive matrix, normalised to sum 1, and its eigenvalue (power method)."""
    w = np.full(a.shape[0], 1.0 / a.shape[0])
    for _ in range(max_iter):
        nxt = a @ w
        nxt /= nxt.sum()
        if np.abs(nxt - w).max() < tol:
            w = nxt
            break
        w = nxt
    return w, float((a @ w).sum() / w.sum())


def random_index(n: int) -> float:
    """Saaty's RI; beyond 10 the last tabulated value is used."""
    return RANDOM_INDEX.get(n, RANDOM_INDEX[10])


def ahp(a: np.ndarray) -> AhpResult:
    """Principal-eigenvector weights, lambda max, CI = (lambda - n)/(n - 1) and CR = CI / RI."""
    n = a.shape[0]
    w, lam = principal_eigenvector(a)
    ci = (lam - n) / (n - 1) if n > 2 else 0.0
    ri = random_index(n)
    cr = ci / ri if ri else 0.0
    return AhpResult(w, lam, ci, cr, a * w[None, :] / w[:, None])


def most_inconsistent(result: AhpResult, limit: int = 3) -> list[tuple[int, int, float]]:
    """The judgments (i, j, factor) farthest from what the weights imply, worst first.

    ``factor`` is how many times larger (or smaller, below 1) the judgment is than the ratio of
    the weights; each pair is listed once, with i < j.
    """
    n = len(result.weights)
    pairs = [(i, j, float(result.deviation[i, j])) for i in range(n) for j in range(i + 1, n)]
    pairs.sort(key=lambda p: -abs(np.log(p[2])))
    return pairs[:limit]
