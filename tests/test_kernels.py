"""Warm kernels (workbook.report.kernels): reused, yet each notebook starts from nothing; a kernel
that dies or hangs is replaced; and a render on warm kernels writes what a cold one writes."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import nbformat
import pytest

from workbook.core import paths
from workbook.report import kernels as kernels_module
from workbook.report.kernels import Job, KernelPool
from workbook.report.render import render_engagement


def notebook(folder, name: str, *sources: str):
    path = folder / f"{name}.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources]), path)
    return path


def test_a_notebook_on_a_reused_kernel_sees_nothing_the_last_one_left(tmp_path, monkeypatch):
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir(), second.mkdir()
    leaves = notebook(tmp_path, "leaves", "import os, sys, warnings\nimport matplotlib.pyplot as plt\n"
                      "leak = 42\nos.environ['WB_LEAK'] = 'yes'\nsys.path.append('/leak')\n"
                      "warnings.simplefilter('ignore')\nplt.rcParams['lines.linewidth'] = 9\n"
                      "plt.figure()\nos.chdir('/')")
    looks = notebook(tmp_path, "looks", "import os, sys, json, warnings\nimport matplotlib.pyplot as plt\n"
                     "json.dump({'leak': 'leak' in globals(), 'env': os.environ.get('WB_LEAK'),\n"
                     "  'path': '/leak' in sys.path, 'filters': len(warnings.filters),\n"
                     "  'width': plt.rcParams['lines.linewidth'], 'figures': plt.get_fignums(),\n"
                     "  'cwd': os.getcwd(), 'set_later': os.environ.get('WB_SET_LATER')},\n"
                     "  open('seen.json', 'w'))")
    with KernelPool(1) as pool:
        [before] = pool.run([Job(looks, tmp_path / "out0.ipynb", {}, first)])
        pool.run([Job(leaves, tmp_path / "out1.ipynb", {}, first)])
        monkeypatch.setenv("WB_SET_LATER", "now")  # the renderer's environment changed since
        [after] = pool.run([Job(looks, tmp_path / "out2.ipynb", {}, second)])
        assert pool.kernels_started == 1
    assert (before["kernel"], after["kernel"], after["status"]) == ("new", "warm", "ok")
    clean = json.loads((first / "seen.json").read_text())
    seen = json.loads((second / "seen.json").read_text())
    assert seen == dict(clean, cwd=str(second), set_later="now")
    assert (seen["leak"], seen["env"], seen["path"], seen["figures"]) == (False, None, False, [])


@pytest.mark.parametrize("source, error", [
    ("import os\nos._exit(1)", "its kernel stopped (DeadKernelError"),
    ("import time\ntime.sleep(120)", "the notebook ran longer than 3 s and was stopped"),
], ids=["dies", "hangs"])
def test_a_kernel_that_dies_or_hangs_is_replaced_and_the_next_notebook_runs(tmp_path, monkeypatch, source, error):
    monkeypatch.setattr(kernels_module, "NOTEBOOK_TIMEOUT", 3)
    bad = notebook(tmp_path, "bad", source)
    fine = notebook(tmp_path, "fine", "open('fine.txt', 'w').write('ran')")
    with KernelPool(1) as pool:
        failed, ran = pool.run([Job(bad, tmp_path / "o1.ipynb", {}, tmp_path),
                                Job(fine, tmp_path / "o2.ipynb", {}, tmp_path)])
        assert pool.kernels_started == 2
    assert (failed["status"], failed["error"][:len(error)], failed["seconds"] < 30) == ("failed", error, True)
    assert (ran["status"], (tmp_path / "fine.txt").read_text()) == ("ok", "ran")


def results(report) -> dict[str, bytes]:
    """Every file a render wrote that does not name the moment it ran."""
    timed = {"manifest.json", "results.xlsx", "report.pdf"}  # times of day, by design
    return {p.relative_to(report).as_posix(): p.read_bytes() for p in sorted(report.rglob("*"))
            if p.is_file() and p.name not in timed and "notebooks" not in p.parts}


def test_a_render_on_kernels_warm_from_another_engagement_writes_what_a_cold_one_writes(
        tmp_path, kernels):
    data = tmp_path / "data"
    for name in ("contact-centre", "example"):
        shutil.copytree(paths.DATA_DIR / name, data / name)
    render_engagement(data / "contact-centre", tmp_path / "warm", log=lambda m: None, pdf=False, pool=kernels)
    warm = render_engagement(data / "example", tmp_path / "warm", log=lambda m: None, pdf=False, pool=kernels)
    with KernelPool(2) as cold_pool:
        cold = render_engagement(data / "example", tmp_path / "cold", log=lambda m: None, pdf=False,
                                 pool=cold_pool)
        assert cold_pool.kernels_started == 2
    manifest = json.loads((warm / "manifest.json").read_text())
    assert {r["kernel"] for r in manifest["notebooks"].values()} == {"warm"}
    assert results(warm) == results(cold)
    assert len(results(warm)) > 20
    steps = manifest["steps"]
    assert {"load", "notebooks", "html", "index", "results.xlsx", "total"} <= set(steps)
    assert all(v["wall"] >= 0 and v["cpu"] >= 0 for v in steps.values())
    assert steps["notebooks"]["cpu"] >= sum(r["cpu_seconds"] for r in manifest["notebooks"].values()) > 0


@pytest.mark.skipif(not hasattr(os, "fork"), reason="POSIX only")
def test_no_kernel_outlives_its_pool(tmp_path):
    import psutil
    with KernelPool(2) as pool:
        pool.run([Job(notebook(tmp_path, "x", "x = 1"), tmp_path / "o.ipynb", {}, tmp_path)])
        pids = [lane.km.provisioner.process.pid for lane in pool.lanes if lane.km is not None]
        assert pids
    assert not [p for p in pids if psutil.pid_exists(p) and psutil.Process(p).status() != "zombie"]


def test_a_kernel_starts_without_what_its_pool_unsets_and_its_notebooks_still_see_it(tmp_path, monkeypatch):
    """A Dask worker's kernels start without the nanny's memory setting (read by the C library
    once, as a process starts), yet a notebook sees the environment its render runs in."""
    monkeypatch.setenv("WB_NOT_FOR_KERNELS", "65536")
    looks = notebook(tmp_path, "looks", "import os, json\n"
                     "json.dump(os.environ.get('WB_NOT_FOR_KERNELS'), open('seen.json', 'w'))")
    with KernelPool(1, unset=("WB_NOT_FOR_KERNELS",)) as pool:
        [record] = pool.run([Job(looks, tmp_path / "o.ipynb", {}, tmp_path)])
        started_with = (Path(f"/proc/{pool.lanes[0].km.provisioner.process.pid}/environ")
                        .read_bytes().split(b"\0"))
    assert record["status"] == "ok"
    assert not [v for v in started_with if v.startswith(b"WB_NOT_FOR_KERNELS=")]
    assert json.loads((tmp_path / "seen.json").read_text()) == "65536"


def test_the_notebooks_use_the_engagement_the_render_loaded(tmp_path, kernels, monkeypatch):
    """Loaded once: the notebooks take the renderer's engagement, not the files again. Shown by a
    change that keeps each file's size and time (so it passes for no change): the pages still
    show what the render read. (A change that shows is read again: tests/test_handover.py.)"""
    from workbook.report import render as render_module
    folder = shutil.copytree(paths.DATA_DIR / "example", tmp_path / "example")
    settings = folder / "engagement.yaml"
    execute = render_module.execute_notebooks

    def edited_meanwhile(*args, **kwargs):
        stat = settings.stat()
        settings.write_text(settings.read_text().replace("client: Halden", "client: Zzzzzz"))
        os.utime(settings, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        return execute(*args, **kwargs)

    monkeypatch.setattr(render_module, "execute_notebooks", edited_meanwhile)
    report = render_engagement(folder, tmp_path / "out", log=lambda m: None, pdf=False, pool=kernels)
    assert "Zzzzzz" in settings.read_text()
    for page in ("01_strategy.html", "02_partner_scoring.html", "03_quality_plan.html"):
        text = (report / page).read_text()
        assert "Halden Specialty Chemicals:" in text and "Zzzzzz" not in text, page


def test_a_notebook_is_read_again_when_its_file_changes_and_each_run_gets_its_own_copy(tmp_path):
    """The renderer keeps the notebooks it has read (a batch runs each once per engagement): a
    changed file is read again, JupyterLab-only cells are left out, and what one run does to its
    copy never reaches the next."""
    from workbook.report.papermill_engine import headless
    path = tmp_path / "n.ipynb"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("a = 1"),
                                         nbformat.v4.new_code_cell("show()", metadata={"tags": ["widgets"]})])
    nbformat.write(nb, path)
    first = headless(path)
    assert [c.source for c in first.cells] == ["a = 1"]
    first.cells[0].source = "changed by a run"
    assert headless(path).cells[0].source == "a = 1"
    nb.cells.append(nbformat.v4.new_code_cell("b = 2"))
    nbformat.write(nb, path)
    assert [c.source for c in headless(path).cells] == ["a = 1", "b = 2"]
