"""``workbook render --all``: every engagement under a folder, several at once, unchanged ones skipped.

Each engagement renders in its own ``workbook render`` process, so one failure cannot stop the
others; the exit status says whether any failed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from workbook.core import paths
from workbook.report.provenance import is_current, render_options

EXIT_ALERT = 3


@dataclass
class Outcome:
    """How one engagement's render went."""

    name: str
    status: str  # "ok", "skipped", "alerts", "failed", "bad input"
    seconds: float = 0.0
    message: str = ""


def find_engagements(data_dir: Path) -> list[Path]:
    """Folders directly under ``data_dir`` that hold an ``engagement.yaml``."""
    return sorted(p for p in data_dir.iterdir() if (p / paths.ENGAGEMENT_FILE).is_file())


def render_one(folder: Path, out: Path, pdf: bool) -> Outcome:
    """Render in a child process; its exit status says how it went."""
    started = time.perf_counter()
    command = [sys.executable, "-m", "workbook", "render", str(folder), "--out", str(out),
               "--fail-on-alert"] + ([] if pdf else ["--no-pdf"])
    run = subprocess.run(command, capture_output=True, text=True)
    status = {0: "ok", EXIT_ALERT: "alerts", 2: "bad input"}.get(run.returncode, "failed")
    lines = [line for line in run.stderr.splitlines() if not line.startswith("running ")]
    message = "" if status == "ok" else (lines[0] if lines else f"exit status {run.returncode}")
    return Outcome(folder.name, status, time.perf_counter() - started, message)


def render_all(data_dir: Path, out: Path, jobs: int | None = None, force: bool = False,
               pdf: bool = True, progress=None) -> list[Outcome]:
    """Render every engagement under ``data_dir`` into ``out``, ``jobs`` at a time."""
    engagements = find_engagements(data_dir)
    outcomes, todo = [], []
    for folder in engagements:
        if not force and is_current(folder, out / folder.name, render_options(folder, pdf)):
            outcomes.append(Outcome(folder.name, "skipped", 0.0, "unchanged since its last good render"))
        else:
            todo.append(folder)
    done = len(outcomes)
    if progress:
        progress(done, len(engagements), None)
    with ThreadPoolExecutor(max_workers=jobs or os.cpu_count() or 1) as pool:
        for future in as_completed([pool.submit(render_one, f, out, pdf) for f in todo]):
            outcomes.append(future.result())
            done += 1
            if progress:
                progress(done, len(engagements), outcomes[-1])
    order = {f.name: i for i, f in enumerate(engagements)}
    return sorted(outcomes, key=lambda o: order[o.name])


def summary(outcomes: list[Outcome]) -> str:
    """A plain table for the terminal."""
    width = max([len(o.name) for o in outcomes] + [10])
    lines = [f"{'engagement':<{width}}  {'status':<9}  {'seconds':>7}  note",
             f"{'-' * width}  {'-' * 9}  {'-' * 7}  {'-' * 4}"]
    for o in outcomes:
        lines.append(f"{o.name:<{width}}  {o.status:<9}  {o.seconds:>7.1f}  {o.message}")
    counts = {s: sum(o.status == s for o in outcomes) for s in ("ok", "alerts", "skipped", "failed", "bad input")}
    lines.append(", ".join(f"{n} {s}" for s, n in counts.items() if n) or "no engagements found")
    return "\n".join(lines)


def progress_bar(stream=sys.stderr):
    """A progress callback: a bar redrawn in place on a terminal, one line per render otherwise."""
    def show(done: int, total: int, last: Outcome | None) -> None:
        if stream.isatty():
            filled = int(30 * done / max(total, 1))
            note = f" {last.name}: {last.status}" if last else ""
            stream.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total}{note:<40}")
            if done == total:
                stream.write("\n")
        elif last is not None:
            stream.write(f"[{done}/{total}] {last.name}: {last.status} ({last.seconds:.1f} s)\n")
        stream.flush()
    return show
