"""``workbook render --all``: every engagement under a folder, several at once, unchanged ones skipped.

The engagements render in this process, ``jobs`` at a time, on one pool of warm kernels started
once for the whole batch; one engagement's failure cannot stop the others, and the exit status
says whether any failed.
"""

from __future__ import annotations

import os
import sys
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

from workbook.core import paths
from workbook.report.provenance import is_current, render_options
from workbook.report.notify import needs_announcing
from workbook.report.task import STATUS, Outcome, announce_task, render_task

__all__ = ["Outcome", "find_engagements", "render_all", "summary", "progress_bar"]


def find_engagements(data_dir: Path) -> list[Path]:
    """Folders directly under ``data_dir`` that hold an ``engagement.yaml``."""
    return sorted(p for p in data_dir.iterdir() if (p / paths.ENGAGEMENT_FILE).is_file())


def render_all(data_dir: Path, out: Path, jobs: int | None = None, force: bool = False,
               pdf: bool = True, progress=None, scheduler: str | None = None, log=None,
               notify: bool = True) -> list[Outcome]:
    """Render every engagement under ``data_dir`` into ``out``: ``jobs`` at a time on this
    machine, or one task each on the Dask ``scheduler`` at that address. Unchanged engagements
    are skipped first, before any cluster is reached."""
    engagements = find_engagements(data_dir)
    outcomes, todo = [], []
    for folder in engagements:
        if not force and is_current(folder, out / folder.name, render_options(folder, pdf)):
            trouble = announce_task(folder, out) if notify and needs_announcing(out / folder.name) else ""
            outcomes.append(Outcome(folder.name, "skipped", 0.0, trouble or "unchanged since its last good render"))
        else:
            todo.append(folder)
    if progress:
        progress(len(outcomes), len(engagements), None)

    def finished(outcome: Outcome) -> None:
        outcomes.append(outcome)
        if progress:
            progress(len(outcomes), len(engagements), outcome)

    if todo and scheduler:
        from workbook.report.cluster import render_on_cluster  # dask loads slowly
        render_on_cluster(todo, out, pdf, scheduler, finished, log or (lambda m: None), notify)
    elif todo:
        from workbook.report.kernels import KernelPool, pool_size
        at_once = jobs or os.cpu_count() or 1
        with KernelPool(pool_size(len(todo) * len(paths.NOTEBOOKS))) as kernels, \
                ThreadPoolExecutor(max_workers=at_once) as pool:
            for future in as_completed([pool.submit(render_task, f, out, pdf, kernels, notify) for f in todo]):
                finished(future.result())
    order = {f.name: i for i, f in enumerate(engagements)}
    return sorted(outcomes, key=lambda o: order[o.name])


def summary(outcomes: list[Outcome]) -> str:
    """A plain table for the terminal."""
    width = max([len(o.name) for o in outcomes] + [10])
    lines = [f"{'engagement':<{width}}  {'status':<9}  {'seconds':>7}  {'CPU s':>7}  note",
             f"{'-' * width}  {'-' * 9}  {'-' * 7}  {'-' * 7}  {'-' * 4}"]
    for o in outcomes:
        cpu = "" if o.cpu_seconds is None else f"{o.cpu_seconds:.1f}"
        lines.append(f"{o.name:<{width}}  {o.status:<9}  {o.seconds:>7.1f}  {cpu:>7}  {o.message}")
    counts = {s: sum(o.status == s for o in outcomes) for s in STATUS}
    lines.append(", ".join(f"{n} {s}" for s, n in counts.items() if n) or "no engagements found")
    return "\n".join(lines)


def progress_bar(stream=None):
    """A progress callback: a bar (tqdm) redrawn in place on a terminal, one line per render
    otherwise; on ``stream``, or on standard error as it is when called."""
    bar, stream = {}, stream or sys.stderr

    def show(done: int, total: int, last: Outcome | None) -> None:
        if not stream.isatty():
            if last is not None:
                stream.write(f"[{done}/{total}] {last.name}: {last.status} ({last.seconds:.1f} s)\n")
                stream.flush()
            return
        from tqdm import tqdm
        if "bar" not in bar:
            bar["bar"] = tqdm(total=total, file=stream, unit="engagement", dynamic_ncols=True)
        bar["bar"].n = done
        if last is not None:
            bar["bar"].set_postfix_str(f"{last.name}: {last.status}")
        bar["bar"].refresh()
        if done == total:
            bar["bar"].close()
    return show
