"""Bad input nobody listed: random corruptions must give problems, never a crash."""

import random

import numpy as np
import pytest
from conftest import TINY, write_engagement

from workbook.core.errors import InputError
from workbook.engagement.model import load_engagement
from workbook.scoring.assessment import assess_partners
from workbook.strategy.analysis import analyse_strategy
from workbook.strategy.weights import criterion_weights
from workbook.views.findings import recommendation

JUNK = ["", " ", "-1", "0", "1e400", "nan", "inf", "3,5", "1.2.3", "yes", "[1, 2]", "{a: 1}", "!!binary AAAA",
        "<script>alert(1)</script>", '"', "'", ";", ",", "\t", "é", "\ufeff", "null", "~", "2026-01-01",
        "!!python/object/apply:os.system ['true']", "*alias", "&anchor x", "999999999999999999999", "--",
        "&#x3C;b&#x3E;", "=SUM(A1:A9)", "\x00", "\\", "0x10"]


def _mutations(rng: random.Random):
    for name, text in TINY.items():
        lines = text.splitlines(keepends=True)
        for _ in range(25):
            i = rng.randrange(len(lines))
            line = lines[i]
            if name.endswith(".csv"):
                cells = line.rstrip("\n").split(",")
                cells[rng.randrange(len(cells))] = rng.choice(JUNK)
                new = ",".join(cells) + "\n"
            else:
                key, sep, _ = line.partition(":")
                new = f"{key}{sep} {rng.choice(JUNK)}\n" if sep else rng.choice(JUNK) + "\n"
            choice = rng.random()
            if choice < 0.1:
                new = ""  # a deleted line
            elif choice < 0.15:
                new = line + line  # a duplicated line
            yield name, "".join(lines[:i] + [new] + lines[i + 1:])


@pytest.mark.parametrize("seed", range(6))
def test_random_corruptions_give_problems_or_a_sound_analysis(tiny, seed):
    for name, text in _mutations(random.Random(seed)):
        write_engagement(tiny, dict(TINY, **{name: text}))
        try:
            engagement = load_engagement("acme")
        except InputError as error:
            assert error.problems
            for problem in error.problems:
                line = str(problem)
                assert line.startswith("acme/") and ". Fix: " in line and "\n" not in line.split(" (found")[0]
        else:  # whatever validates must analyse: weights sum to 1, ranked partners get finite scores
            weights = criterion_weights(engagement.criteria, analyse_strategy(engagement.settings).blended).table
            assert weights["weight"].sum() == pytest.approx(1) and np.isfinite(weights["weight"]).all()
            assessment = assess_partners(engagement, weights.set_index("criterion")["weight"])
            ranked = assessment.ranking.table.dropna(subset=["rank"])
            assert np.isfinite(ranked[["weighted_sum", "topsis", "promethee_ii"]].to_numpy()).all()
            assert recommendation(assessment)
