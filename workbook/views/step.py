"""What every notebook does first: load the engagement, weigh its criteria, title the page.

:func:`open_step` replaces the set-up cell the three notebooks used to repeat.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from IPython.display import display

from workbook.core import paths
from workbook.engagement.model import Engagement, load_engagement
from workbook.strategy.analysis import StrategyAnalysis
from workbook.strategy.weights import Weights, weigh_engagement
from workbook.views import blocks


@dataclass(frozen=True)
class Step:
    """A notebook's starting point: the validated engagement, its strategy and weights in force,
    and the folder its results go to."""

    engagement: Engagement
    strategy: StrategyAnalysis
    weighing: Weights
    results: Path
    blend: float | None = None

    @property
    def weights(self) -> pd.DataFrame:
        return self.weighing.table

    def name(self, pid) -> str:
        """A partner's name from its id ("" for none)."""
        if pid is None or pid == "":
            return ""
        return str(self.engagement.partners["name"].get(pid, pid))

    def criterion(self, cid) -> str:
        """A criterion's name from its id."""
        return str(self.engagement.criteria["name"].get(cid, cid))


def open_step(engagement, results_dir: str = "", blend: float | None = None,
              heading: bool = True) -> Step:
    """Load and validate ``engagement``, weigh its criteria (``blend`` overrides engagement.yaml),
    and show the client and decision as the page's title."""
    eng = load_engagement(engagement)
    strategy, weighing = weigh_engagement(eng, blend)
    step = Step(eng, strategy, weighing, paths.results_dir(engagement, results_dir), blend)
    if heading:
        display(blocks.heading(f"{eng.settings.client}: {eng.settings.decision}", 2, kind="engagement"))
    return step
