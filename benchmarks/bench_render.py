"""Rendering benchmarks of `make bench` (``python benchmarks/bench.py render`` or ``batch`` runs
one part alone): where a render's time goes, against the plain papermill and nbconvert CLIs; and
``render --all`` on warm kernels against cold renders. Each writes its section of
benchmarks/README.md; the Dask part is :mod:`bench_cluster`'s.
"""

from __future__ import annotations

import resource
import shutil
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
