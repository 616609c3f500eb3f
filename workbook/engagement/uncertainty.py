"""``robustness:`` in engagement.yaml: which uncertainty the robustness analysis draws from."""

from __future__ import annotations

from dataclasses import dataclass

from workbook.core.names import canonical

WEIGHT_MODES = ("around", "free")
JUDGMENT_MODES = ("evaluators", "fixed")
DRAWS = 10_000
SEED = 20261121
MAX_DRAWS = 1_000_000


@dataclass(frozen=True)
class Uncertainty:
    """How the robustness analysis samples (SMAA-2, Lahdelma and Salminen 2001).

    ``weights``: ``around`` draws weights near the weights in force; ``free`` draws them uniformly
    from every weight vector (for a team without agreed weights). ``judgments``: ``evaluators``
    resamples the team's evaluators in every draw, so that their disagreement counts; ``fixed``
    keeps the team's aggregate. ``draws`` and ``seed`` make the result reproducible.
    """

    weights: str = "around"
    judgments: str = "evaluators"
    draws: int = DRAWS
    seed: int = SEED


def check_uncertainty(r, data: dict) -> Uncertainty | None:
    """``robustness:`` with optional ``weights``, ``judgments``, ``draws`` and ``seed``, read with
    the settings' reader ``r`` (which notes the problems)."""
    block = r.get(data, ("robustness",), dict, "the robustness section",
                  "give weights, judgments, draws and seed", required=False)
    if not block:
        return Uncertainty()
    modes = {}
    for key, allowed, fix in (("weights", WEIGHT_MODES, "write around (near the weights in force) "
                               "or free (any weights: the team has not agreed them)"),
                              ("judgments", JUDGMENT_MODES, "write evaluators (resample the team's "
                               "judgments) or fixed (the team's aggregate only)")):
        raw = r.text(block, ("robustness", key), f"robustness.{key}", fix, required=False)
        modes[key] = canonical(raw, allowed) if raw else allowed[0]
        if modes[key] is None:
            r.fail(("robustness", key), raw, f"robustness.{key} is not {' or '.join(allowed)}", fix)
    draws = r.number(block, ("robustness", "draws"), "robustness.draws",
                     f"write a whole number of draws from 100 to {MAX_DRAWS:,}, e.g. {DRAWS}",
                     low=100, high=MAX_DRAWS, required=False)
    if draws is not None and draws != int(draws):
        r.fail(("robustness", "draws"), draws, "robustness.draws must be a whole number",
               f"write a whole number of draws, e.g. {DRAWS}")
    seed = r.number(block, ("robustness", "seed"), "robustness.seed",
                    "write a whole number of 0 or more, e.g. 1", low=0, required=False)
    if seed is not None and seed != int(seed):
        r.fail(("robustness", "seed"), seed, "robustness.seed must be a whole number",
               "write a whole number of 0 or more, e.g. 1")
    if None in modes.values():
        return None
    return Uncertainty(modes["weights"], modes["judgments"],
                       DRAWS if draws is None else int(draws), SEED if seed is None else int(seed))
