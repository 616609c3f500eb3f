"""Tick labels written as the rest of the report writes figures."""
from __future__ import annotations

from matplotlib.ticker import Formatter, MaxNLocator


def fewest_places(numbers, most: int = 4) -> int:
    """The fewest decimals (up to ``most``) that write every one of ``numbers`` exactly."""
    for places in range(most):
        if all(abs(round(n, places) - n) < 1e-6 for n in numbers):
            return places
    return most


class PercentTicks(Formatter):
    """Shares of 1 as percentages with the fewest decimals that write every tick exactly: ticks
    every 10% read ``30%``, every 2.5% ``97.5%``, never ``30.0%`` or ``100.00%`` (matplotlib's
    PercentFormatter takes its decimals from the axis's span, not from the ticks)."""

    places: int | None = None  # the ticks' decimals, once the axis has placed them

    def set_locs(self, locs) -> None:
        super().set_locs(locs)
        self.places = fewest_places([t * 100 for t in locs])

    def __call__(self, x, pos=None) -> str:
        places = self.places if self.places is not None else fewest_places([x * 100])
        return f"{round(x * 100, places) + 0.0:.{places}f}%"  # + 0.0: a tick at -1e-17 is 0%, not -0%

    def format_data_short(self, value) -> str:
        return f"{value * 100:.2f}%"


def percent_axis(axis) -> None:
    """Write ``axis`` (an Axes' xaxis or yaxis, of shares of 1) in percentages, its ticks at steps
    of 1, 2 or 5 times a power of ten: matplotlib's steps of 2.5 wrote every tick with a decimal
    (``0.0% 2.5% 5.0%``)."""
    axis.set_major_locator(MaxNLocator(nbins="auto", steps=[1, 2, 5, 10]))
    axis.set_major_formatter(PercentTicks())
