"""The long list's robustness: how often each partner stays in the top N when the weights vary
and stale facts may be off. Pure numpy, no I/O and no checks.

A draw takes a weight vector (SMAA-2's, around the weights in force) and moves every stale cell's
standing uniformly within ``+/- spread`` of its scale (clipped to the scale). Fresh cells stay put.
Partners that cannot reach the top N in any draw are pruned first with bounds that hold for every
draw, so that a catalogue of 100,000 partners draws only the few dozen that can.
"""

from __future__ import annotations

import numpy as np


def reachable(standing: np.ndarray, spread: np.ndarray, w_draws: np.ndarray, top: int) -> np.ndarray:
    """Rows that reach the top ``top`` in at least one possible draw.

    Every draw's score of row i lies between ``lower_i = sum_j max(0, s - u)_ij min_k w_kj`` and
    ``upper_i = sum_j min(1, s + u)_ij max_k w_kj``. The ``top`` largest lower bounds are beaten
    in no draw, so a row whose upper bound is below the ``top``-th of them is never in the top.
    """
    m = standing.shape[0]
    if m <= top:
        return np.arange(m)
    low = np.clip(standing - spread, 0, 1) @ w_draws.min(axis=0)
    high = np.clip(standing + spread, 0, 1) @ w_draws.max(axis=0)
    floor = np.partition(low, m - top)[m - top]
    return np.flatnonzero(high >= floor - 1e-12)


def top_shares(standing: np.ndarray, spread: np.ndarray, w_draws: np.ndarray, top: int,
               seed: int) -> tuple[np.ndarray, np.ndarray]:
    """(share of draws in the top ``top``, share of draws ranked first) per row of ``standing``.

    ``standing`` (m, n) in [0, 1]; ``spread`` (m, n) the half-width of each cell's draws (0 for a
    fresh fact); ``w_draws`` (k, n) the drawn weight vectors.
    """
    m, n = standing.shape
    k = len(w_draws)
    in_top, first = np.zeros(m), np.zeros(m)
    rows = reachable(standing, spread, w_draws, top)
    if not len(rows):
        return in_top, first
    s, u = standing[rows], spread[rows]
    rng = np.random.default_rng(seed)
    step = max(1, 2_000_000 // max(1, len(rows) * n))
    for start in range(0, k, step):
        w = w_draws[start:start + step]
        noise = rng.uniform(-1, 1, (len(w), len(rows), n)) * u
        scores = np.einsum("kmn,kn->km", np.clip(s + noise, 0, 1), w)
        order = np.argsort(-scores, axis=1, kind="stable")
        np.add.at(in_top, rows[order[:, :top]].ravel(), 1)
        np.add.at(first, rows[order[:, 0]], 1)
    return in_top / k, first / k
