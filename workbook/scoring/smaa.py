"""SMAA-2 over uncertain weights and the team's judgments: pure numpy, no I/O and no checks.

Lahdelma and Salminen (2001), Operations Research 49(3): every draw takes a weight vector and,
when judgments are resampled, a team of E evaluators drawn with replacement from the E who judged
(the bootstrap over evaluators), whose judgments make that draw's matrix. Outputs: the rank
acceptability b(i, r), the central weight vector of each partner (the mean weights of the draws it
wins) and its confidence factor (the share of the value draws it wins at its central weights).

With the mean, a cell judged by every evaluator is linear in the team's counts, so a draw's scores
are a count-weighted sum of each evaluator's own scores: no (draws x partners x criteria) array is
ever built. Only cells judged by some evaluators are resampled cell by cell. The confidence factor
needs only the distinct teams (126 for five evaluators), each weighted by how often it was drawn.
"""

from __future__ import annotations

import numpy as np

from workbook.scoring.robustness import DRAWS, SEED, SPREAD, draw_weights, rank_counts


def team_values(base: np.ndarray, judged: np.ndarray, picks: np.ndarray, median: bool = False) -> np.ndarray:
    """The matrices of resampled teams: (k, m, n).

    ``base`` (m, n) is the team's matrix; ``judged`` (E, m, n) each evaluator's judgments on the
    same scale, NaN where none; ``picks`` (k, E) the evaluators drawn for each of k teams. A cell is
    the mean (or median) of the drawn team's judgments of it, or ``base`` where none of them judged it.
    """
    e, m, n = judged.shape
    flat = judged.reshape(e, m * n)
    if median:
        team = np.sort(flat[picks], axis=1)  # (k, E, m*n), NaN sorted last
        count = (~np.isnan(team)).sum(axis=1)
        lo = np.take_along_axis(team, np.maximum(count - 1, 0)[:, None] // 2, axis=1)[:, 0]
        hi = np.take_along_axis(team, (count // 2)[:, None], axis=1)[:, 0]
        return np.where(count > 0, (lo + hi) / 2, base.reshape(-1)).reshape(-1, m, n)
    present = ~np.isnan(flat)
    counts = _counts(picks, e)
    total, weight = counts @ np.where(present, flat, 0.0), counts @ present
    value = np.where(weight > 0, total / np.where(weight > 0, weight, 1.0), base.reshape(-1))
    return value.reshape(-1, m, n)


def _counts(picks: np.ndarray, e: int) -> np.ndarray:
    """(k, E): how often each evaluator is in each drawn team."""
    k = len(picks)
    return np.bincount((np.arange(k)[:, None] * e + picks).ravel(), minlength=k * e).reshape(k, e).astype(float)


class _Team:
    """The parts of a matrix whose scores are linear in the drawn team's counts (mean only)."""

    def __init__(self, base: np.ndarray, judged: np.ndarray):
        e, m, n = judged.shape
        present = ~np.isnan(judged)
        judges = present.sum(axis=0)
        self.e, self.m, self.n = e, m, n
        self.fixed = np.where(judges == 0, base, 0.0)  # facts and cells nobody judged
        self.complete = np.where(judges == e, judged, 0.0) / e  # (E, m, n), each evaluator's share
        cells = np.flatnonzero(((judges > 0) & (judges < e)).ravel())  # row-major: by partner
        self.rows, self.cols = cells // n, cells % n
        self.starts = np.flatnonzero(np.r_[True, np.diff(self.rows) > 0])
        flat = judged.reshape(e, m * n)[:, cells]
        self.given, self.present = np.nan_to_num(flat), ~np.isnan(flat)
        self.base = base.reshape(-1)[cells]

    def scores(self, counts: np.ndarray, w: np.ndarray) -> np.ndarray:
        """(m, k) weighted sums of k teams (``counts``, (k, E)), each under its own weight vector
        (``w``, (k, n))."""
        per_evaluator = (self.complete.reshape(self.e * self.m, self.n) @ w.T).reshape(self.e, self.m, -1)
        out = self.fixed @ w.T + np.einsum("emk,ke->mk", per_evaluator, counts)
        if len(self.rows):
            parts = self._partial(counts) * w[:, self.cols]  # (k, cells)
            out[self.rows[self.starts]] += np.add.reduceat(parts, self.starts, axis=1).T
        return out

    def scores_at(self, counts: np.ndarray, central: np.ndarray) -> np.ndarray:
        """(u, m, c): weighted sums of u teams at c fixed weight vectors (``central``, (c, n))."""
        per_evaluator = (self.complete.reshape(self.e * self.m, self.n) @ central.T).reshape(self.e, self.m, -1)
        out = (self.fixed @ central.T)[None] + np.einsum("emc,ue->umc", per_evaluator, counts)
        if len(self.rows):
            parts = self._partial(counts)[:, :, None] * central.T[self.cols][None]  # (u, cells, c)
            out[:, self.rows[self.starts]] += np.add.reduceat(parts, self.starts, axis=1)
        return out

    def _partial(self, counts: np.ndarray) -> np.ndarray:
        total, weight = counts @ self.given, counts @ self.present
        return np.where(weight > 0, total / np.where(weight > 0, weight, 1.0), self.base)


def smaa(base: np.ndarray, judged: np.ndarray, weights: np.ndarray, draws: int = DRAWS, *,
         free: bool = False, resample: bool = True, median: bool = False, spread: float = SPREAD,
         seed: int = SEED, budget: int = 4_000_000) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """SMAA-2 on the weighted sum over uncertain weights and (optionally) resampled judgments.

    Parameters
    ----------
    base : (m, n) the scaled matrix of the whole team.
    judged : (E, m, n) each evaluator's scaled judgments, NaN where none (facts included).
    weights : (n,) the weights in force (the centre of the draws, unless ``free``).
    resample : draw a team of E evaluators with replacement in every draw (no effect with E < 2).
    median : the team's cells are medians, not means (slower: each draw's matrix is built).
    budget : array cells per chunk of draws (memory stays about 8 x budget bytes per array).

    Returns
    -------
    acceptability : (m, m) b[i, r], the share of draws in which i takes rank r + 1.
    central : (m, n) the mean weight vector of the draws i wins; NaN rows when it never wins.
    confidence : (m,) the share of value draws in which i wins at its central weights; NaN when
        it never wins.
    """
    m, n = base.shape
    e = judged.shape[0]
    w_all = draw_weights(weights, draws, spread, seed, free)
    resample = resample and e > 1
    picks = np.random.default_rng([seed, 1]).integers(0, e, (draws, e)) if resample else None
    team = _Team(base, judged) if resample and not median else None
    step = max(1, budget // (m * (n if median else e + 1)))
    ranks, won_weight, wins = np.zeros((m, m)), np.zeros((m, n)), np.zeros(m)
    for start in range(0, draws, step):
        w = w_all[start:start + step]
        if team is not None:
            scores = team.scores(_counts(picks[start:start + step], e), w)
        elif resample:
            scores = (team_values(base, judged, picks[start:start + step], True) @ w[:, :, None])[..., 0].T
        else:
            scores = base @ w.T  # (m, k)
        ranks += rank_counts(scores)
        first = np.argmax(scores, axis=0)  # the lowest row among equals, as in the ranks
        np.add.at(won_weight, first, w)
        wins += np.bincount(first, minlength=m)
    winners = np.flatnonzero(wins)
    central = np.full((m, n), np.nan)
    central[winners] = won_weight[winners] / wins[winners, None]
    confidence = np.full(m, np.nan)
    confidence[winners] = _confidence(base, judged, picks, central[winners], winners, team, budget)
    return ranks / draws, central, confidence


def _confidence(base, judged, picks, central, winners, team, budget) -> np.ndarray:
    """Share of the value draws in which each winner comes first at its central weights, over the
    distinct teams drawn, each counted as often as it was drawn."""
    if picks is None:
        return (np.argmax(base @ central.T, axis=0) == winners).astype(float)
    e, m = judged.shape[0], base.shape[0]
    teams, often = np.unique(_counts(picks, e), axis=0, return_counts=True)
    hits = np.zeros(len(winners))
    step = max(1, budget // (m * max(len(winners), base.shape[1])))
    for start in range(0, len(teams), step):
        counts = teams[start:start + step]
        if team is not None:
            scores = team.scores_at(counts, central)
        else:  # median: build each distinct team's matrix
            chosen = np.repeat(np.tile(np.arange(e), len(counts)), counts.astype(int).ravel()).reshape(-1, e)
            scores = team_values(base, judged, chosen, True) @ central.T  # (u, m, c)
        first = np.argmax(scores, axis=1)  # (u, c)
        hits += ((first == winners) * often[start:start + step, None]).sum(axis=0)
    return hits / len(picks)
