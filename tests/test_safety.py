"""Scheduled regeneration must never lose a good report: kills, concurrent renders, batches."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from conftest import TINY, tree, write_engagement

from workbook.report.batch import render_all



def render(folder, out, *extra, **kw):
    # ResourceWarnings shown: an event loop left unclosed could be finalized after its own
    # sockets, and its closing then printed a traceback at the end of a render
    return subprocess.Popen([sys.executable, "-W", "always::ResourceWarning", "-m", "workbook", "render",
                             str(folder), "--out", str(out),
                             "--no-pdf", *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True, **kw)


def complete(report: Path) -> bool:
    manifest = json.loads((report / "manifest.json").read_text())
    return manifest["status"] == "ok" and all((report / p).is_file() for p in (
        "index.html", "01_strategy.html", "02_partner_scoring.html", "03_quality_plan.html"))


@pytest.fixture
def last_good(tiny, tmp_path):
    """The tiny engagement last_good once into ./out, as the last good report."""
    run = render("acme", "out")
    assert run.wait(timeout=300) == 0, run.stderr.read()
    return tmp_path / "out" / "acme"


def test_a_render_killed_at_any_moment_leaves_a_complete_report(last_good, tiny):
    before = tree(last_good)
    (tiny / "partners.csv").write_text(TINY["partners.csv"].replace("Alpha", "Alpha Two"))
    rng = random.Random(11)
    for delay in [0.05, 0.3, 1.0, 2.0] + [rng.uniform(0.1, 6.0) for _ in range(4)]:
        run = render("acme", "out")
        time.sleep(delay)
        os.killpg(run.pid, signal.SIGKILL)  # the render, its workers and their kernels
        run.wait()
        now = tree(last_good)
        # either the previous report, byte for byte, or (the swap was done) the new one, whole
        assert now == before or complete(last_good), delay
        if now != before:
            before = now
    run = render("acme", "out")  # a new render clears what killed ones left behind
    assert run.wait(timeout=300) == 0
    assert not [p for p in last_good.parent.iterdir() if p.name.startswith(".acme.rendering-")]
    assert complete(last_good) and "Alpha Two" in (last_good / "index.html").read_text()


def test_two_renders_at_once_wait_for_each_other(last_good):
    first, second = render("acme", "out"), render("acme", "out")
    outputs = [p.communicate(timeout=300) for p in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0]
    errors = outputs[0][1] + outputs[1][1]
    assert "Traceback" not in errors and "unclosed" not in errors
    assert "another render of acme is running; waiting for it to finish ..." in errors
    assert complete(last_good)


def test_render_all_skips_unchanged_and_survives_a_broken_engagement(tmp_path):
    data = tmp_path / "data"
    write_engagement(data / "one", TINY)
    write_engagement(data / "two", TINY)
    write_engagement(data / "broken", dict(TINY, **{"partners.csv": "id,name,unit_cost\na,A,cheap\n"}))
    first = {o.name: o.status for o in render_all(data, tmp_path / "out", jobs=2, pdf=False)}
    assert first == {"one": "ok", "two": "ok", "broken": "bad input"}
    again = {o.name: o.status for o in render_all(data, tmp_path / "out", jobs=2, pdf=False)}
    assert again == {"one": "skipped", "two": "skipped", "broken": "bad input"}
    (data / "two" / "scores.csv").write_text(TINY["scores.csv"].replace("Ann Lee,a,innov,4", "Ann Lee,a,innov,2"))
    third = {o.name: o.status for o in render_all(data, tmp_path / "out", jobs=2, pdf=False)}
    assert third == {"one": "skipped", "two": "ok", "broken": "bad input"}
    forced = {o.name: o.status for o in render_all(data, tmp_path / "out", jobs=2, force=True, pdf=False)}
    assert forced["one"] == "ok"


def test_render_all_exit_status_and_summary(tmp_path, monkeypatch, capsys):
    from workbook.cli import main
    write_engagement(tmp_path / "data" / "one", TINY)
    write_engagement(tmp_path / "data" / "bad", dict(TINY, **{"criteria.csv": "id\n"}))
    monkeypatch.chdir(tmp_path)
    assert main(["render", "--all", "data", "--out", "out", "--no-pdf", "-j", "2"]) == 1
    out = capsys.readouterr().out
    assert "1 ok, 1 bad input" in out.splitlines()[-1]
    assert out.splitlines()[0].split() == ["engagement", "status", "seconds", "CPU", "s", "note"]


def test_a_kernel_that_dies_at_start_is_started_again(tmp_path, monkeypatch):
    """Parallel kernel starts can race for a port; the pool starts the kernel again, but never
    reruns a notebook whose own cell failed."""
    from jupyter_client.manager import AsyncKernelManager

    from workbook.report.kernels import Job, KernelPool
    calls, start = [], AsyncKernelManager.start_kernel

    async def flaky(self, **kwargs):
        calls.append(1)
        if len(calls) <= 2:
            raise RuntimeError("Kernel died before replying to kernel_info")
        return await start(self, **kwargs)

    monkeypatch.setattr(AsyncKernelManager, "start_kernel", flaky)
    source = tmp_path / "counts.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "open('runs.txt', 'a').write('run\\n')\nraise ValueError('its own error')")]), source)
    with KernelPool(1, warm_now=False) as pool:
        [record] = pool.run([Job(source, tmp_path / "out.ipynb", {}, tmp_path)])
        assert (len(calls), pool.kernels_started) == (3, 1)
    assert (record["status"], record["cell"], record["error"]) == ("failed", 1, "ValueError: its own error")
    assert (tmp_path / "runs.txt").read_text() == "run\n"  # the failing notebook ran once
