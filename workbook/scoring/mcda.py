"""Multi-criteria ranking methods: pure numpy functions, no I/O and no input checks.

Every function takes a decision matrix ``x`` (alternatives x criteria), weights ``w`` summing to 1
and a boolean ``benefit`` mask (False = cost criterion). Degenerate columns (all equal, all zero,
a single alternative) give finite results, never NaN.
"""

from __future__ import annotations

import numpy as np


def scale(x: np.ndarray, worst: np.ndarray, best: np.ndarray) -> np.ndarray:
    """Linear value scale per column: ``worst`` -> 0, ``best`` -> 1, clipped to [0, 1].

    For a cost criterion ``worst`` is the larger number. Values beyond ``best`` count as the best
    (more of a good thing past the scale adds nothing). A column with ``worst == best`` carries no
    information to rank by: it becomes 1 for everyone, so that it adds the same to every score.
    """
    span = best - worst
    flat = span == 0
    scaled = np.clip((x - worst) / np.where(flat, 1.0, span), 0.0, 1.0)
    return np.where(flat, 1.0, scaled)


def field_range(x: np.ndarray, benefit: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The field's own worst and best value per column (the scale of min-max normalisation)."""
    low, high = x.min(axis=0), x.max(axis=0)
    return np.where(benefit, low, high), np.where(benefit, high, low)


def minmax_normalise(x: np.ndarray, benefit: np.ndarray) -> np.ndarray:
    """Linear min-max normalisation to [0, 1], cost columns reversed: :func:`scale` on the
    field's own range, so every value depends on who else is in the field."""
    return scale(x, *field_range(x, benefit))


def vector_normalise(x: np.ndarray) -> np.ndarray:
    """Each column divided by its Euclidean norm (an all-zero column stays zero)."""
    # Scale by the largest magnitude first so that squaring large values cannot overflow.
    peak = np.abs(x).max(axis=0) if len(x) else np.zeros(x.shape[1])
    x = x / np.where(peak == 0, 1.0, peak)
    norm = np.sqrt((x * x).sum(axis=0))
    return x / np.where(norm == 0, 1.0, norm)


def weighted_sum(x: np.ndarray, w: np.ndarray, benefit: np.ndarray, worst: np.ndarray | None = None,
                 best: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Simple additive weighting on values scaled from ``worst`` (0) to ``best`` (1).

    Without ``worst`` and ``best`` the scale is the field's range (min-max normalisation), which
    makes every score depend on the other alternatives (rank reversal is then possible).

    Returns
    -------
    scores : (m,) array in [0, 1]
    contributions : (m, n) array
        Each criterion's part of each score (``scores = contributions.sum(axis=1)``).
    """
    if worst is None or best is None:
        worst, best = field_range(x, benefit)
    contributions = scale(x, worst, best) * w
    return contributions.sum(axis=1), contributions


def topsis(x: np.ndarray, w: np.ndarray, benefit: np.ndarray) -> np.ndarray:
    """TOPSIS (Hwang and Yoon 1981): vector normalisation, Euclidean distances.

    Closeness ``d- / (d+ + d-)``; when every alternative is identical both distances are zero
    and every closeness is 0.5.
    """
    v = vector_normalise(x) * w
    ideal = np.where(benefit, v.max(axis=0), v.min(axis=0))
    anti = np.where(benefit, v.min(axis=0), v.max(axis=0))
    d_plus = np.sqrt(((v - ideal) ** 2).sum(axis=1))
    d_minus = np.sqrt(((v - anti) ** 2).sum(axis=1))
    total = d_plus + d_minus
    return np.where(total == 0, 0.5, d_minus / np.where(total == 0, 1.0, total))


def promethee_ii(x: np.ndarray, w: np.ndarray, benefit: np.ndarray) -> np.ndarray:
    """PROMETHEE II net outranking flows with the usual (strict) preference function.

    ``phi(a) = (1 / (m - 1)) * sum_b [pi(a, b) - pi(b, a)]`` with ``pi(a, b) = sum_j w_j [a_j > b_j]``
    (reversed for cost criteria). A single alternative gets 0.
    """
    m = x.shape[0]
    if m < 2:
        return np.zeros(m)
    signed = np.where(benefit, x, -x)
    # Loop over criteria, not pairs of pairs: memory stays m x m.
    pi = np.zeros((m, m))
    for j in range(x.shape[1]):
        column = signed[:, j]
        pi += w[j] * (column[:, None] > column[None, :])
    return (pi.sum(axis=1) - pi.sum(axis=0)) / (m - 1)


def rank_descending(scores: np.ndarray) -> np.ndarray:
    """1 for the highest score; ties share the better rank (competition ranking: 1, 2, 2, 4)."""
    scores = np.asarray(scores, dtype=float)
    return (scores[None, :] > scores[:, None]).sum(axis=1) + 1
