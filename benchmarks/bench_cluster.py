"""The Dask part of `make bench` (``python benchmarks/bench.py cluster``): a Dask worker's warm
kernels against the local pool's, in pairs of adjacent rounds. Writes its section of
benchmarks/README.md.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import tempfile
import time
from datetime import date
from pathlib import Path

from bench_render import BIN, WORKBOOK, copies, cpu_per_engagement, steady, timed_batch

CLUSTER_START, CLUSTER_END = "<!-- cluster -->", "<!-- /cluster -->"
# As docs/operations.md advises: no statistical profiler sampling every thread's stack each 10 ms
# (workers), the event loop's tick every second, not every 20 ms, and the system monitor's
# sample every 5 s, not every 0.5 s (scheduler, nanny and worker)
QUIET = {"DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED": "False", "DASK_DISTRIBUTED__ADMIN__TICK__INTERVAL": "1s",
         "DASK_DISTRIBUTED__ADMIN__SYSTEM_MONITOR__INTERVAL": "5s"}


def _address(file: Path, scheduler: subprocess.Popen, wait: float = 60) -> str:
    """The address the scheduler wrote to ``file`` once it listens."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline and scheduler.poll() is None:
        try:
            return json.loads(file.read_text())["address"]
        except (OSError, ValueError, KeyError):
            time.sleep(0.1)  # not written yet
    raise RuntimeError("the Dask scheduler did not start")


def _on_cluster(data: Path, out: Path, workers: int) -> tuple[float, list[float]]:
    """:func:`timed_batch` of ``render --all --force`` of ``data`` on a fresh scheduler with
    ``workers`` single-threaded workers, all on this machine (their start outside the timing)."""
    dask, file = str(BIN / "dask"), out.parent / f"{out.name}.scheduler.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    quiet = {**os.environ, **QUIET}
    # the scheduler picks a free port and writes it to the file: a port picked here could be taken first
    started = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", "0", "--scheduler-file",
                                 str(file), "--no-dashboard"], env=quiet, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)]
    address = _address(file, started[0])
    started += [subprocess.Popen([dask, "worker", address, "--nthreads", "1", "--no-dashboard"], env=quiet,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for _ in range(workers)]
    try:
        from distributed import Client
        with Client(address, timeout="30s", set_as_default=False) as client:
            client.wait_for_workers(workers, timeout=60)
        return timed_batch([WORKBOOK, "render", "--all", str(data), "--out", str(out), "--no-pdf", "--force",
                            "--scheduler", address])
    finally:
        for process in started:
            process.kill()
            process.wait()


# Adjacent rounds pair up (local then Dask, Dask then local, ...): the machine's drift falls on a
# pair's two rounds alike, and the order within the pairs alternates
CLUSTER_ORDER = ("local", "dask", "dask", "local", "local", "dask", "dask", "local")
CLUSTER_ROUND = 6  # engagements a round


def bench_cluster(count: int = CLUSTER_ROUND) -> dict:
    """The same ``count`` engagements on this machine's pool and on a one-worker Dask cluster,
    in rounds in the order of :data:`CLUSTER_ORDER`: this machine's speed moves by a fifth within
    a minute, so the cluster's figure is the median of the pairs' ratios (:func:`pair_ratios`),
    never one round against one."""
    with tempfile.TemporaryDirectory() as tmp:
        data, out = Path(tmp) / "data", Path(tmp) / "out"
        copies(data, count)
        runs = []
        for i, where in enumerate(CLUSTER_ORDER):
            target = out / f"{where}-{i}"
            if where == "local":
                seconds, ended = timed_batch([WORKBOOK, "render", "--all", str(data), "--out", str(target),
                                              "--no-pdf", "--force", "-j", "1"])
            else:
                seconds, ended = _on_cluster(data, target, 1)
            runs.append({"where": where, "seconds": seconds, "cpu": cpu_per_engagement(target),
                         "first": ended[0], "steady": steady(ended)})
    sides = {w: [r for r in runs if r["where"] == w] for w in ("local", "dask")}
    ratios, median = pair_ratios(runs), medians(sides)
    return {"count": count, "rounds": len(sides["local"]), "runs": runs, "median": median,
            "pairs": ratios, "ratio": {k: statistics.median(r[k] for r in ratios) for k in ("steady", "cpu")},
            "nightly": {w: -(-1000 // w) * median["dask"]["steady"] for w in (1, 10, 100)}}


def pair_ratios(runs: list[dict]) -> list[dict]:
    """Each pair of adjacent rounds (the first and second, the third and fourth, ...), one on each
    side: the Dask round's cost once running and CPU seconds per engagement over the local one's."""
    pairs = [(a, b) if a["where"] == "local" else (b, a) for a, b in zip(runs[::2], runs[1::2])]
    return [{"steady": dask["steady"] / local["steady"], "cpu": dask["cpu"] / local["cpu"]}
            for local, dask in pairs]


def medians(runs: dict) -> dict:
    """Per side, the median of its rounds' figures (seconds, CPU seconds, first done, steady)."""
    return {w: {k: statistics.median(r[k] for r in rounds) for k in ("seconds", "cpu", "first", "steady")}
            for w, rounds in runs.items()}


def cluster_section(c: dict, machine: str) -> str:
    m, n, ratio = c["median"], c["count"], c["ratio"]
    nightly = ", ".join(f"{w} worker{'s' if w > 1 else ''}: " + (f"{c['nightly'][w] / 60:,.0f} min" if c["nightly"][w] >= 90
                                                                 else f"{c['nightly'][w]:.0f} s")
                        for w in (1, 10, 100))
    rounds = "; ".join(f"{'Dask' if r['where'] == 'dask' else 'local'} {r['seconds']:.1f} s (the first engagement "
                       f"done after {r['first']:.1f} s, then {r['steady']:.2f} s each)" for r in c["runs"])
    pairs = ", ".join(f"{p['steady'] - 1:+.1%}" for p in c["pairs"])
    start = {w: m[w]["seconds"] / n for w in ("local", "dask")}
    rows = "".join(f"| {label} | {m[w]['seconds']:.1f} | {start[w]:.2f} | {m[w]['steady']:.2f} | {m[w]['first']:.1f} "
                   f"| {m[w]['cpu']:.2f} |\n" for w, label in (("local", "local pool"), ("dask", "Dask, 1 worker")))
    later = m["dask"]["first"] - m["local"]["first"]
    return (
        f"{CLUSTER_START}\n## Rendering on a Dask cluster\n\nMachine: {machine}. Run on "
        f"{date.today().isoformat()}.\n\n`render --all --scheduler` over {n} copies of the "
        "example (no PDF) on a scheduler and one single-threaded worker started on this machine "
        "(its warm kernels started with its first task; its statistical profiler off and the "
        "cluster's event loops and system monitors quieter, as docs/operations.md advises), against the same batch on this machine's "
        f"pool (`-j 1`), in the same run: {len(c['runs'])} rounds, a fresh cluster for each on Dask, "
        "taken in pairs of adjacent rounds, one on each side, the side that goes first alternating. "
        "This machine's speed moves by a fifth within a minute: one round against one would measure "
        "the machine; two rounds side by side share its state, so each pair gives the cluster's cost "
        "against the pool's as the machine was then, and the figure is the median of the pairs. "
        f"The rounds, in order: {rounds}. The times an engagement ends are those of the progress "
        "lines `render --all` writes as each ends. Each side's median round:\n\n"
        "| | seconds | per engagement, start included (s) | per engagement once running (s) | first done after (s) "
        "| CPU seconds per engagement |\n|---|---|---|---|---|---|\n" + rows + "\n"
        f"Cost per engagement on the cluster, once running (from the first engagement's end to the last's), "
        f"against the local pool in the same pair: {pairs}; their median **{ratio['steady'] - 1:+.1%}** "
        f"(aim: within 10%); in CPU seconds per engagement, {ratio['cpu'] - 1:+.1%} (the median of the pairs). "
        f"Each side's median round against the other's: {m['dask']['steady'] / m['local']['steady'] - 1:+.1%}. With "
        f"the starts in (the command's, and the pool's or the worker's kernels'): {start['dask'] / start['local'] - 1:+.1%} "
        f"(the median rounds); the first engagement ends {abs(later):.1f} s {'later' if later >= 0 else 'earlier'} on "
        "Dask, where the client also loads Dask and reaches the scheduler, and the worker loads the renderer "
        "with its first task. The cluster's own start is outside these figures.\n\n"
        f"A nightly batch of 1,000 engagements from the measured cost per task once running, each worker on a "
        f"machine of its own like this one and no shared-folder bottleneck: {nightly} (tasks are "
        "independent: the time falls as 1,000 / workers, rounded up, until the shared folder or the "
        "scheduler limits it; the Dask documentation gives about 1 ms of scheduler time per task).\n"
        f"{CLUSTER_END}\n")
