"""Rendering benchmarks of `make bench` (``python benchmarks/bench.py render``, ``batch`` or
``cluster`` runs one part alone): where a render's time goes, against the plain papermill and
nbconvert CLIs; ``render --all`` on warm kernels against cold renders; and a Dask worker's warm
kernels against the local pool's. Each writes its section of benchmarks/README.md.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from workbook.core import paths
from workbook.report.provenance import read_manifest

BIN = Path(sys.executable).parent
WORKBOOK = str(BIN / "workbook")
RENDER_START, RENDER_END = "<!-- render -->", "<!-- /render -->"
BATCH_START, BATCH_END = "<!-- batch -->", "<!-- /batch -->"
CLUSTER_START, CLUSTER_END = "<!-- cluster -->", "<!-- /cluster -->"
COUNT = 20  # engagements of the batch and cluster parts
ROUNDS = 3  # batches, each between two cold renders


def timed(command: list[str], retries: int = 2) -> float:
    """Seconds a command takes; retried when it fails."""
    return timed_cpu(command, retries)[0]


def timed_cpu(command: list[str], retries: int = 2) -> tuple[float, float]:
    """Seconds a command takes, and the CPU seconds it and the processes it waited for (a
    render's kernels) used; retried when it fails."""
    for _ in range(retries + 1):
        start, used = time.perf_counter(), _children_cpu()
        run = subprocess.run(command, capture_output=True, text=True)
        if run.returncode in (0, 3):  # 3: rendered, with early warnings
            return time.perf_counter() - start, _children_cpu() - used
    raise RuntimeError(f"{command[0]} failed: {run.stderr[-500:]}")


def timed_batch(command: list[str], retries: int = 2) -> tuple[float, list[float]]:
    """Seconds a ``render --all`` takes, and the second (from its start) at which each of its
    engagements ended: it writes a progress line as each ends. Retried when it fails."""
    for _ in range(retries + 1):
        start, ended = time.perf_counter(), []
        run = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        lines = []
        for line in run.stderr:
            lines.append(line)
            if line.startswith("["):  # "[3/10] engagement-02: alerts (2.1 s)"
                ended.append(time.perf_counter() - start)
        if run.wait() in (0, 3):
            return time.perf_counter() - start, ended
    raise RuntimeError(f"{command[0]} failed: {''.join(lines)[-500:]}")


def steady(ended: list[float]) -> float:
    """Seconds an engagement costs once a batch runs: between the first engagement's end and the
    last's, per engagement (the start, and the first engagement's wait for it, left out)."""
    return (ended[-1] - ended[0]) / (len(ended) - 1)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def steps(report: Path) -> dict:
    return read_manifest(report)["steps"]


def copies(data: Path, count: int = COUNT) -> None:
    for i in range(count):
        shutil.copytree(paths.EXAMPLE_ENGAGEMENT, data / f"engagement-{i:02d}")


def cpu_per_engagement(out: Path) -> float:
    """The mean CPU seconds of the renders in ``out`` (their process's and their kernels')."""
    figures = [steps(r)["total"]["cpu"] for r in out.iterdir() if (r / "manifest.json").is_file()]
    return sum(figures) / len(figures)


def bench_render() -> dict:
    """One render of the example, cold (a new process, its kernels started), without and with the
    PDF, against papermill then nbconvert per notebook."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        command = [WORKBOOK, "render", str(paths.EXAMPLE_ENGAGEMENT), "--out"]
        # without and with the PDF in turns, so that each pair ran on the machine as it was then;
        # each run's PDF step against its own wall time, not another run's
        without, pdf_runs = [], []
        for _ in range(3):
            without.append(timed(command + [str(out / "ours"), "--no-pdf"]))
            wall = timed(command + [str(out / "pdf")])
            pdf_runs.append({"wall": wall, "pdf": steps(out / "pdf" / "example")["pdf"]["wall"],
                             "added": wall - without[-1]})
        ours, split = min(without), steps(out / "ours" / "example")
        plain = 0.0
        for name in paths.NOTEBOOKS:
            executed = out / "plain" / name
            executed.parent.mkdir(exist_ok=True)
            plain += timed([str(BIN / "papermill"), str(paths.NOTEBOOKS_DIR / name), str(executed),
                            "-p", "engagement", str(paths.EXAMPLE_ENGAGEMENT),
                            "-p", "results_dir", str(out / "plain" / "results"),
                            "--cwd", str(paths.NOTEBOOKS_DIR), "--execution-timeout", "120"])
            plain += timed([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)])
    return {"ours": ours, "plain": plain, "steps": split, "pdf_runs": pdf_runs}


def render_section(r: dict, machine: str) -> str:
    rows = "".join(f"| {name} | {v['wall']:.2f} | {v['cpu']:.2f} |\n" for name, v in r["steps"].items())
    runs = sorted(r["pdf_runs"], key=lambda run: run["pdf"] / run["wall"])
    each = "; ".join(f"{run['wall']:.1f} s, of which the PDF {run['pdf']:.1f} s, {run['pdf'] / run['wall']:.0%}"
                     for run in r["pdf_runs"])
    middle = runs[len(runs) // 2]
    added = sorted(run["added"] for run in r["pdf_runs"])[len(runs) // 2]
    return (
        f"{RENDER_START}\n## One render\n\nMachine: {machine}. Run on {date.today().isoformat()}.\n\n"
        f"`workbook render data/example --no-pdf`, a new process each time (best of 3): "
        f"**{r['ours']:.1f} s**, against {r['plain']:.1f} s for the plain way in the same run (the "
        f"papermill CLI, then the jupyter nbconvert CLI, per notebook, one after another): "
        f"**{r['plain'] / r['ours']:.1f}x** (aim: at least 4x).\n\n"
        "Where its time goes, from its manifest (`steps`: wall and CPU seconds; CPU counts the "
        "render's process and, for the notebooks and kernel start, its kernels; kernels start beside "
        "the process's own start, so the walls add up to more than the total):\n\n"
        "| step | wall (s) | CPU (s) |\n|---|---|---|\n" + rows +
        f"\nWith the PDF, {len(runs)} runs (the `workbook render` process's wall time, and its "
        f"manifest's `pdf` step: laying out and writing report.pdf): {each}. The median run: "
        f"**{middle['pdf'] / middle['wall']:.0%}** of the render (aim: at most a third). Against the "
        f"render without the PDF just before it, asking for the PDF added {added:.1f} s (the median of "
        f"the three pairs), more than its step: the rest is spent outside the steps, as the process "
        f"ends, and in the machine's drift between two runs.\n{RENDER_END}\n")


def bench_batch(count: int = COUNT) -> dict:
    """``render --all`` of ``count`` engagements on one pool of warm kernels, as it runs by default
    (one engagement per core at once), against ``count`` cold renders. This machine's speed drifts
    by a fifth over minutes, so each batch is set against cold renders timed just before and just
    after it (their mean); of three such rounds, the median ratio is reported, all are printed."""
    with tempfile.TemporaryDirectory() as tmp:
        data, out = Path(tmp) / "data", Path(tmp) / "out"
        copies(data, count)
        command = [WORKBOOK, "render", "--all", str(data), "--out", str(out), "--no-pdf"]
        single = [WORKBOOK, "render", str(paths.EXAMPLE_ENGAGEMENT), "--out", str(Path(tmp) / "cold"), "--no-pdf"]
        rounds, before = [], timed_cpu(single)
        for _ in range(ROUNDS):
            warm, warm_cpu = timed_cpu(command + ["--force"])
            cpu = cpu_per_engagement(out)
            after = timed_cpu(single)
            rounds.append({"warm": warm, "cold_one": (before[0] + after[0]) / 2, "cpu": cpu,
                           "warm_cpu": warm_cpu, "cold_one_cpu": (before[1] + after[1]) / 2})
            before = after
        unchanged = min(timed(command) for _ in range(3))
    median = sorted(rounds, key=lambda r: r["warm"] / r["cold_one"])[len(rounds) // 2]
    return {"count": count, **median, "cold": median["cold_one"] * count, "rounds": rounds, "unchanged": unchanged}


def batch_section(b: dict) -> str:
    return (
        f"{BATCH_START}\n## Many renders: `render --all`\n\n"
        f"{b['count']} copies of the example (no PDF), one engagement per core at once (the default "
        f"`-j`) on one pool of warm kernels: **{b['warm']:.1f} s** ({b['warm'] / b['count']:.2f} s and "
        f"{b['cpu']:.1f} CPU seconds an engagement; the CPU seconds of a render in a batch overlap with "
        f"its neighbours'), against {b['count']} cold renders, {b['cold']:.1f} s ({b['count']} x the "
        f"{b['cold_one']:.1f} s of one cold render, `workbook render` in a new process, timed just "
        f"before and just after the batch): **{b['warm'] / b['cold']:.2f}** of their cost (aim: at most "
        f"a third). This machine's speed drifts by a fifth over minutes, so the batch ran "
        f"{len(b['rounds'])} times, each time between two cold renders: "
        + "; ".join(f"{r['warm']:.1f} s against {b['count']} x {r['cold_one']:.1f} s, {r['warm'] / (r['cold_one'] * b['count']):.2f}"
                    for r in b["rounds"])
        + f" (the median is reported). Counted in CPU seconds instead (the process's and its kernels', "
        f"starts included), that round's batch used {b['warm_cpu']:.0f} against {b['count']} x "
        f"{b['cold_one_cpu']:.1f} for the cold renders, **{b['warm_cpu'] / (b['cold_one_cpu'] * b['count']):.2f}** "
        f"(the batch saves less CPU than time: much of a cold render's time goes to waiting for its "
        f"kernels to start, not to computing). Unchanged since, the same `render --all` renders nothing: "
        f"{b['unchanged']:.2f} s (aim: under 2 s).\n{BATCH_END}\n")


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
    # the scheduler picks a free port and writes it to the file: a port picked here could be taken first
    started = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", "0", "--scheduler-file",
                                 str(file), "--no-dashboard"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    address = _address(file, started[0])
    # As docs/operations.md advises: no statistical profiler sampling every thread's stack each 10 ms
    quiet = {**os.environ, "DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED": "False"}
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


CLUSTER_ORDER = ("local", "dask", "dask", "local", "local", "dask")  # a drift in time falls on both alike
CLUSTER_ROUND = 8  # engagements a round


def bench_cluster(count: int = CLUSTER_ROUND) -> dict:
    """The same ``count`` engagements on this machine's pool and on a one-worker Dask cluster,
    three rounds each, in the order of :data:`CLUSTER_ORDER`: this machine's speed moves by a
    fifth within a minute, so each side's figure is the median of its three rounds, never one
    round against one."""
    with tempfile.TemporaryDirectory() as tmp:
        data, out = Path(tmp) / "data", Path(tmp) / "out"
        copies(data, count)
        runs = {"local": [], "dask": []}
        for i, where in enumerate(CLUSTER_ORDER):
            target = out / f"{where}-{i}"
            if where == "local":
                seconds, ended = timed_batch([WORKBOOK, "render", "--all", str(data), "--out", str(target),
                                              "--no-pdf", "--force", "-j", "1"])
            else:
                seconds, ended = _on_cluster(data, target, 1)
            runs[where].append({"seconds": seconds, "cpu": cpu_per_engagement(target), "first": ended[0],
                                "steady": steady(ended)})
    return {"count": count, "rounds": len(runs["local"]), "runs": runs, "median": medians(runs),
            "nightly": {w: -(-1000 // w) * medians(runs)["dask"]["steady"] for w in (1, 10, 100)}}


def medians(runs: dict) -> dict:
    """Per side, the median of its rounds' figures (seconds, CPU seconds, first done, steady)."""
    return {w: {k: statistics.median(r[k] for r in rounds) for k in ("seconds", "cpu", "first", "steady")}
            for w, rounds in runs.items()}


def cluster_section(c: dict, machine: str) -> str:
    m, n = c["median"], c["count"]
    nightly = ", ".join(f"{w} worker{'s' if w > 1 else ''}: " + (f"{c['nightly'][w] / 60:,.0f} min" if c["nightly"][w] >= 90
                                                                 else f"{c['nightly'][w]:.0f} s")
                        for w in (1, 10, 100))
    runs = {w: "; ".join(f"{r['seconds']:.1f} s (the first engagement done after {r['first']:.1f} s, then "
                         f"{r['steady']:.2f} s each)" for r in c["runs"][w]) for w in ("local", "dask")}
    start = {w: m[w]["seconds"] / n for w in ("local", "dask")}
    rows = "".join(f"| {label} | {m[w]['seconds']:.1f} | {start[w]:.2f} | {m[w]['steady']:.2f} | {m[w]['first']:.1f} "
                   f"| {m[w]['cpu']:.2f} |\n" for w, label in (("local", "local pool"), ("dask", "Dask, 1 worker")))
    later = m["dask"]["first"] - m["local"]["first"]
    return (
        f"{CLUSTER_START}\n## Rendering on a Dask cluster\n\nMachine: {machine}. Run on "
        f"{date.today().isoformat()}.\n\n`render --all --scheduler` over {n} copies of the "
        "example (no PDF) on a scheduler and one single-threaded worker started on this machine "
        "(its warm kernels started with its first task; its statistical profiler off, as "
        "docs/operations.md advises), against the same batch on this machine's "
        f"pool (`-j 1`), in the same run, {c['rounds']} rounds each in the order "
        f"{', '.join('Dask' if w == 'dask' else w for w in CLUSTER_ORDER)} (a fresh cluster each time), so "
        "that the machine's drift falls on both alike; this machine's speed moves by a fifth within a "
        "minute, so each side's figure is the median of its rounds. Locally "
        f"{runs['local']}; on Dask {runs['dask']}. The times an engagement ends are those "
        "of the progress lines `render --all` writes as each ends. The medians:\n\n"
        "| | seconds | per engagement, start included (s) | per engagement once running (s) | first done after (s) "
        "| CPU seconds per engagement |\n|---|---|---|---|---|---|\n" + rows + "\n"
        f"Cost per engagement on the cluster, once running (from the first engagement's end to the last's): "
        f"**{m['dask']['steady'] / m['local']['steady'] - 1:+.1%}** against the local pool (aim: within 10%); "
        f"in CPU seconds, {m['dask']['cpu'] / m['local']['cpu'] - 1:+.1%}. With "
        f"the starts in (the command's, and the pool's or the worker's kernels'): {start['dask'] / start['local'] - 1:+.1%}; "
        f"the first engagement ends {abs(later):.1f} s {'later' if later >= 0 else 'earlier'} on Dask, where the client "
        "also loads Dask and reaches the scheduler, and the worker loads the renderer with its first task. "
        "The cluster's own start is outside these figures.\n\n"
        f"A nightly batch of 1,000 engagements from the measured cost per task once running, each worker on a "
        f"machine of its own like this one and no shared-folder bottleneck: {nightly} (tasks are "
        "independent: the time falls as 1,000 / workers, rounded up, until the shared folder or the "
        "scheduler limits it; the Dask documentation gives about 1 ms of scheduler time per task).\n"
        f"{CLUSTER_END}\n")
