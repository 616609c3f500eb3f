"""How robust is the recommendation? Weight uncertainty, tipping points, one evaluator less.

- SMAA-2 style rank acceptability (Lahdelma and Salminen 2001): weights are drawn from a Dirichlet
  distribution centred on the weights in force, each partner's weighted-sum rank is recorded in
  every draw, and b(i, r) is the share of draws in which partner i takes rank r.
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
                 seed: int = SEED) -> np.ndarray:
    """(draws, n) weight vectors around ``weights``; zero weights stay zero."""
    rng = np.random.default_rng(seed)
    alpha = weights * dirichlet_concentration(len(weights), spread)
    active = alpha > 0
    out = np.zeros((draws, len(weights)))
    out[:, active] = rng.dirichlet(alpha[active], size=draws)
    return out


def rank_acceptability(scaled: np.ndarray, sampled: np.ndarray) -> np.ndarray:
    """b[i, r]: share of weight draws in which alternative i takes rank r + 1 (weighted sum).

    ``scaled`` is the (m, n) normalised matrix, ``sampled`` the (draws, n) weights. Ties are
    broken by row order, as :func:`numpy.argsort` does with a stable sort.
    """
    m, draws = scaled.shape[0], sampled.shape[0]
    scores = scaled @ sampled.T  # (m, draws)
    order = np.argsort(-scores, axis=0, kind="stable")  # order[r, k]: who is r-th in draw k
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.arange(m)[:, None], axis=0)  # ranks[i, k]
    counts = np.bincount((np.arange(m)[:, None] * m + ranks).ravel(), minlength=m * m)
    return counts.reshape(m, m) / draws


def tipping_points(scaled: np.ndarray, weights: np.ndarray) -> list[dict]:
    """For each criterion, the nearest weights (below and above the current one) at which the
    weighted-sum winner changes, the others rescaled in proportion; None when it never does.

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
            if 0.0 <= t < wc and (down is None or t > down[0]):
                down = (t, j)
            elif wc < t <= 1.0 and (up is None or t < up[0]):
                up = (t, j)
        out.append({"criterion": c, "weight": wc, "down": down, "up": up})
    return out


def verdict(acceptability_first: dict[str, float], winner: str, loo_winners: dict[str, str],
            nearest_tip: float | None, names) -> tuple[str, list[str]]:
    """("robust" or "close call", the sentences that say why)."""
    share = acceptability_first.get(winner, 0.0)
    rivals = sorted(((p, s) for p, s in acceptability_first.items() if p != winner and s > 0),
                    key=lambda x: -x[1])
    dissent = {e: p for e, p in loo_winners.items() if p != winner}
    lines = [f"{names(winner)} comes first in {share:.0%} of {DRAWS:,} weight draws around the "
             f"weights in force" + (f"; {names(rivals[0][0])} in {rivals[0][1]:.0%}." if rivals else ".")]
    if dissent:
        lines.append("Without " + ", ".join(f"{e}'s judgments {names(p)} would come first"
                                           for e, p in dissent.items()) + ".")
    else:
        lines.append("Leaving out any one evaluator's judgments does not change the winner.")
    if nearest_tip is not None:
        lines.append(f"The smallest weight change that changes the winner is "
                     f"{nearest_tip * 100:.1f} percentage points on one criterion.")
    robust = share >= 0.75 and not dissent and (nearest_tip is None or nearest_tip >= 0.05)
    if robust:
        lines.insert(0, f"A robust choice: {names(winner)}.")
    else:
        others = [names(p) for p, _ in rivals[:1]] + [names(p) for p in dissent.values()]
        between = " and ".join(dict.fromkeys([names(winner), *others]))
        lines.insert(0, f"A close call between {between}.")
    return ("robust" if robust else "close call"), lines
