"""Where a render's time goes: wall and CPU seconds per step, kept in the manifest.

CPU seconds are this process's (every thread of it); the notebooks' step adds the CPU its kernels
spent on them, which the kernel pool reads from each kernel process.
"""

from __future__ import annotations

import time
from contextlib import contextmanager

STEPS = ("start", "load", "manifest", "notebooks", "html", "findings", "changes", "index", "results.xlsx",
         "checklist", "pdf", "swap")  # in the order a render takes them


def since_process_start() -> dict:
    """Wall and CPU seconds from this process's start to now: the interpreter, the imports and the
    command line (None when the start time cannot be read)."""
    try:
        import psutil
        wall = time.time() - psutil.Process().create_time()
    except Exception:  # noqa: BLE001 (no psutil: left out)
        return {}
    return {"wall": round(wall, 3), "cpu": round(time.process_time(), 3)}


class StepClock:
    """Times the steps of one render: ``with clock.step("html"): ...``."""

    def __init__(self) -> None:
        self.steps: dict[str, dict] = {}
        self.created = time.perf_counter()

    @contextmanager
    def step(self, name: str):
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            yield self
        finally:
            self.add(name, time.perf_counter() - wall, time.process_time() - cpu)

    def add(self, name: str, wall: float, cpu: float) -> None:
        """Add seconds to step ``name`` (a step taken twice adds up)."""
        was = self.steps.get(name, {"wall": 0.0, "cpu": 0.0})
        self.steps[name] = {"wall": round(was["wall"] + wall, 3), "cpu": round(was["cpu"] + cpu, 3)}

    def record(self) -> dict:
        """The steps in the render's order, then the total: the wall seconds from the process's
        start (or the clock's) to now, and the CPU seconds of every step, kernels' included.
        Kernels start beside the other steps, so the steps' wall seconds add up to more."""
        ordered = {n: self.steps[n] for n in STEPS if n in self.steps}
        ordered.update({n: v for n, v in self.steps.items() if n not in ordered})
        wall = time.perf_counter() - self.created + self.steps.get("start", {}).get("wall", 0.0)
        ordered["total"] = {"wall": round(wall, 3), "cpu": round(sum(v["cpu"] for v in ordered.values()), 3)}
        return ordered
