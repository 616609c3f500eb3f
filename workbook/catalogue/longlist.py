"""The long list's robustness: how often each partner stays in the top N when the weights vary
and stale facts may be off. Pure numpy, no I/O and no checks.

A draw takes a weight vector (SMAA-2's, around the weights in force) and moves every stale cell's
standing uniformly within ``+/- spread`` of its scale (clipped to the scale). Fresh cells stay put.

A cell's move is a pure function of (seed, draw, row, column), a counter-based hash, not the next
number of a stream: a partner's score in a draw is the same whichever other partners are scored
beside it. That is what lets the draws score only the few hundred partners of a catalogue of
100,000 that can reach the top N, and still give exactly what scoring every partner would.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

PROBE = 300          # best nominal rows scored in every draw to set each draw's bar
CELLS = 2_000_000    # draws x rows x columns held at once


@dataclass(frozen=True)
class TopShares:
    """Per row of the standings: ``in_top`` and ``first``, the shares of draws that put it in the
    top N and first; ``scored``, how many rows the draws had to score (the others cannot reach
    the top N in any draw)."""

    in_top: np.ndarray
    first: np.ndarray
    scored: int


def moves(seed: int, draws: np.ndarray, rows: np.ndarray, columns: int) -> np.ndarray:
    """(len(draws), len(rows), columns) uniform numbers in [-1, 1), one per (draw, row, column),
    from the splitmix64 hash of their position: the same for a cell whatever else is asked.
    Positions are distinct below 2**20 draws, 2**32 rows and 4,096 columns."""
    counter = ((draws.astype(np.uint64)[:, None, None] << np.uint64(44))
               + (rows.astype(np.uint64)[None, :, None] << np.uint64(12))
               + np.arange(columns, dtype=np.uint64)[None, None, :])
    z = counter + np.uint64((seed * 0x9E3779B97F4A7C15) % 2**64)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    z ^= z >> np.uint64(31)
    return (z >> np.uint64(11)).astype(np.float64) * 2.0 ** -52 - 1.0


def draw_scores(standing: np.ndarray, spread: np.ndarray, rows: np.ndarray, w_draws: np.ndarray,
                first_draw: int, seed: int) -> np.ndarray:
    """(draws, len(rows)) scores of ``rows`` in draws ``first_draw`` .. ``first_draw + len(w_draws)``."""
    n = standing.shape[1]
    cells = np.clip(standing[rows] + moves(seed, np.arange(first_draw, first_draw + len(w_draws)),
                                           rows, n) * spread[rows], 0, 1)
    return (cells * w_draws[:, None, :]).sum(axis=2)


def top_shares(standing: np.ndarray, spread: np.ndarray, w_draws: np.ndarray, top: int,
               seed: int) -> TopShares:
    """How often each row of ``standing`` is in the top ``top`` and first over the draws.

    ``standing`` (m, n) in [0, 1]; ``spread`` (m, n) the half-width of each cell's moves (0 for a
    fresh fact); ``w_draws`` (k, n) the drawn weight vectors. Ties go to the earlier row.

    Which rows are scored: the ``PROBE`` best at the mean weights are scored in every draw, and
    their ``top``-th score is that draw's bar. A row whose every cell at the top of its spread
    scores below the bar in every draw is beaten by ``top`` rows in every draw, so it is left out.
    """
    m, n = standing.shape
    k = len(w_draws)
    in_top, first = np.zeros(m), np.zeros(m)
    if m == 0 or k == 0 or top < 1:
        return TopShares(in_top, first, 0)
    rows = _contenders(standing, spread, w_draws, top, seed)
    step = max(1, CELLS // max(1, len(rows) * n))
    for start in range(0, k, step):
        scores = draw_scores(standing, spread, rows, w_draws[start:start + step], start, seed)
        order = np.argsort(-scores, axis=1, kind="stable")
        np.add.at(in_top, rows[order[:, :top]].ravel(), 1)
        np.add.at(first, rows[order[:, 0]], 1)
    return TopShares(in_top / k, first / k, len(rows))


def _contenders(standing, spread, w_draws, top, seed) -> np.ndarray:
    m, n = standing.shape
    if m <= max(PROBE, top):
        return np.arange(m)
    probe = np.sort(np.argpartition(-(standing @ w_draws.mean(axis=0)), PROBE)[:PROBE])
    bar = np.empty(len(w_draws))
    step = max(1, CELLS // (PROBE * n))
    for start in range(0, len(w_draws), step):
        scores = draw_scores(standing, spread, probe, w_draws[start:start + step], start, seed)
        bar[start:start + step] = np.partition(scores, PROBE - top, axis=1)[:, PROBE - top]
    ceiling = np.clip(standing + spread, 0, 1)
    keep = np.zeros(m, bool)
    step = max(1, 2 * CELLS // m)
    for start in range(0, len(w_draws), step):
        # 1e-9: a row level with the bar is kept (its sums differ from the bar's by rounding)
        keep |= (ceiling @ w_draws[start:start + step].T >= bar[start:start + step] - 1e-9).any(axis=1)
    return np.flatnonzero(keep)
