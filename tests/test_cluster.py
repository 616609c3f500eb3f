"""``render --all --scheduler``: a real Dask scheduler and two workers on loopback, started here.

One test renders four engagements through them (one of them broken, which must not stop the
others); the other kills a worker in the middle of a render and checks that every report still
comes out complete, that no render or kernel process is left behind, and the exit status.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest
from conftest import TINY, write_engagement
from test_safety import complete

from workbook.cli import main
from workbook.core.atomic import read_csv
from workbook.report.cluster import task_key

DASK = str(Path(sys.executable).with_name("dask"))


def start(args: list[str], log: Path) -> subprocess.Popen:
    """A dask command in its own process group (so that the whole of it can be killed)."""
    return subprocess.Popen([DASK, *args], stdout=log.open("w"), stderr=subprocess.STDOUT,
                            start_new_session=True)


def kill_group(process: subprocess.Popen) -> None:
    """Kill ``process`` and every process in its group (it was started in a session of its own)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()


def scheduler_address(scheduler: subprocess.Popen, file: Path, log: Path, wait: float = 60) -> str:
    """The address a scheduler started with ``--port 0 --scheduler-file file`` listens on, once it
    has written it there. The scheduler picks its own free port: a port chosen here and handed to
    it could be taken by another process (a kernel of the tests running beside) before it binds."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if file.is_file():
            try:
                return json.loads(file.read_text())["address"]
            except (ValueError, KeyError):
                pass  # being written
        if scheduler.poll() is not None:
            raise RuntimeError(f"the scheduler stopped: {log.read_text()[-2000:]}")
        time.sleep(0.1)
    raise RuntimeError(f"the scheduler did not start in {wait:.0f} s: {log.read_text()[-2000:]}")


@pytest.fixture
def cluster(tmp_path):
    """A scheduler and two single-threaded workers on loopback: (address, [worker processes])."""
    file, log = tmp_path / "scheduler.json", tmp_path / "scheduler.log"
    scheduler = start(["scheduler", "--host", "127.0.0.1", "--port", "0", "--scheduler-file", str(file),
                       "--no-dashboard"], log)
    address = scheduler_address(scheduler, file, log)
    workers = [start(["worker", address, "--nthreads", "1", "--no-dashboard", "--name", f"w{i}"],
                     tmp_path / f"worker{i}.log") for i in (1, 2)]
    from distributed import Client
    with Client(address, timeout="30s", set_as_default=False) as client:
        client.wait_for_workers(2, timeout=60)
    yield address, workers
    for process in workers + [scheduler]:
        kill_group(process)


def engagements(data: Path, names: list[str]) -> None:
    for name in names:
        write_engagement(data / name, TINY)


LATE = "order,segment,order_date,promised,delivered,ordered_qty,delivered_qty,accepted\n" + "".join(
    f"T{i:03d},OEM,2026-10-01,2026-10-10,{'2026-10-10' if i % 3 else '2026-10-14'},100,100,yes\n" for i in range(30))


def warned(data: Path, names: list[str], port: int) -> None:
    """Engagements whose partner under contract was late with a third of October's orders (an
    early warning), each telling a webhook of its own on loopback."""
    for name in names:
        write_engagement(data / name, dict(TINY, **{
            "engagement.yaml": TINY["engagement.yaml"] + f"chosen_partner: a\nas_of: 2026-11-05\n"
                                                         f"notify:\n  all: [json://127.0.0.1:{port}/{name}]\n"}))
        (data / name / "quality").mkdir()
        (data / name / "quality" / "deliveries.csv").write_text(LATE, encoding="utf-8")


def left_behind(data: Path, since: float) -> list[str]:
    """Processes started by this test that still run for its engagements, and kernels started by
    it whose parent is gone (a worker's warm kernels live as long as the worker)."""
    found = []
    for p in psutil.process_iter(["cmdline", "create_time", "ppid"]):
        line = " ".join(p.info["cmdline"] or [])
        orphan = "ipykernel_launcher" in line and not psutil.pid_exists(p.info["ppid"] or 1) \
            or "ipykernel_launcher" in line and p.info["ppid"] == 1
        if p.info["create_time"] >= since and (str(data) in line or orphan):
            found.append(line)
    return found


def test_four_engagements_render_through_a_real_cluster(cluster, tmp_path, monkeypatch, capsys):
    address, _ = cluster
    data = tmp_path / "data"
    engagements(data, ["one", "two", "three"])
    write_engagement(data / "broken", dict(TINY, **{"partners.csv": "id,name,unit_cost\na,A,cheap\n"}))
    monkeypatch.chdir(tmp_path)
    assert main(["render", "--all", "data", "--out", "out", "--no-pdf", "--scheduler", address]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines()[-1] == "3 ok, 1 bad input"
    assert f"Dask scheduler {address}; dashboard:" in err
    assert all(complete(tmp_path / "out" / name) for name in ("one", "two", "three"))
    assert not (tmp_path / "out" / "broken").exists()
    # unchanged engagements are skipped before any cluster is reached: even with no scheduler
    shutil.rmtree(data / "broken")
    started = time.perf_counter()
    monkeypatch.setenv("WORKBOOK_SCHEDULER", "tcp://127.0.0.1:9")
    assert main(["render", "--all", "data", "--out", "out", "--no-pdf"]) == 0
    assert time.perf_counter() - started < 2
    assert capsys.readouterr().out.splitlines()[-1] == "3 skipped"


def test_a_worker_killed_mid_render_leaves_every_report_complete(cluster, tmp_path, monkeypatch, capsys, receiver):
    address, workers = cluster
    data, out = tmp_path / "data", tmp_path / "out"
    port, posts = receiver
    warned(data, ["one", "two", "three", "four"], port)
    since = time.time()
    monkeypatch.chdir(tmp_path)
    status = {}
    run = threading.Thread(target=lambda: status.setdefault("exit", main(
        ["render", "--all", "data", "--out", "out", "--no-pdf", "--scheduler", address])))
    run.start()
    deadline = time.time() + 120
    while time.time() < deadline and not any(out.glob(".*.rendering-*")):
        time.sleep(0.2)  # wait until a render is under way, with its notebooks running
    assert any(out.glob(".*.rendering-*")), "no render started"
    time.sleep(3)
    doomed = psutil.Process(workers[0].pid).children(recursive=True)  # its worker and warm kernels
    assert any("ipykernel" in " ".join(p.cmdline()) for p in doomed)
    kill_group(workers[0])
    run.join(timeout=600)
    assert not run.is_alive()
    assert status["exit"] == 0
    assert capsys.readouterr().out.splitlines()[-1] == "4 alerts"
    assert all(complete(out / name) for name in ("one", "two", "three", "four"))
    # every early warning reached its webhook exactly once, the killed worker's render's included
    sent = [(path, post["title"]) for path, post in posts]
    assert len(sent) == len(set(sent)) == sum(len(read_csv(out / n / "results", "alerts.csv"))
                                              for n in ("one", "two", "three", "four")) >= 4
    assert not list(out.glob(".*.rendering-*"))
    time.sleep(2)  # a kernel notices its parent's end within a second
    assert [p.pid for p in doomed if p.is_running() and p.status() != psutil.STATUS_ZOMBIE] == []
    assert left_behind(data, since) == []


def test_a_workers_kernels_start_without_the_nannys_memory_setting(monkeypatch):
    """Dask's nanny sets MALLOC_TRIM_THRESHOLD_=65536 for its worker's own memory: the worker's
    kernels start without it (it cost them 2.5 times the page faults); a value the nanny did not
    set (whoever started the worker chose it) is left."""
    from workbook.report.cluster import nanny_settings
    monkeypatch.setenv("MALLOC_TRIM_THRESHOLD_", "65536")
    assert nanny_settings() == ("MALLOC_TRIM_THRESHOLD_",)
    monkeypatch.setenv("MALLOC_TRIM_THRESHOLD_", "1000000")
    assert nanny_settings() == ()
    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_")
    assert nanny_settings() == ()


def test_a_task_key_names_the_engagement_and_its_inputs(tmp_path):
    engagements(tmp_path, ["acme"])
    key = task_key(tmp_path / "acme")
    assert key.startswith("render-acme-") and len(key) == len("render-acme-") + 12
    (tmp_path / "acme" / "scores.csv").write_text(TINY["scores.csv"].replace("4", "3"))
    assert task_key(tmp_path / "acme") != key


def test_a_preloaded_worker_warms_its_kernels_before_any_task(tmp_path):
    """``dask worker --preload workbook.report.cluster`` starts the worker's warm kernels as it
    starts; a worker started without it has none until its first render."""
    file, log = tmp_path / "scheduler.json", tmp_path / "scheduler.log"
    scheduler = start(["scheduler", "--host", "127.0.0.1", "--port", "0", "--scheduler-file", str(file),
                       "--no-dashboard"], log)
    processes = [scheduler]
    try:
        address = scheduler_address(scheduler, file, log)
        processes += [start(["worker", address, "--nthreads", "1", "--no-dashboard", "--name", name, *extra],
                            tmp_path / f"{name}.log")
                      for name, extra in (("warm", ["--preload", "workbook.report.cluster"]), ("plain", []))]
        from distributed import Client
        started = "__import__('workbook.report.cluster', fromlist=['_']).__dict__['_worker_kernels']"
        with Client(address, timeout="30s", set_as_default=False) as client:
            client.wait_for_workers(2, timeout=60)
            names = {info["name"]: a for a, info in client.scheduler_info()["workers"].items()}
            kernels = f"(lambda pools: pools['pool'].kernels_started if pools else None)({started})"
            deadline = time.monotonic() + 120
            while (warm := client.submit(eval, kernels, workers=[names["warm"]], pure=False).result()) == 0 \
                    and time.monotonic() < deadline:
                time.sleep(0.5)  # its kernels are still starting
            plain = client.submit(eval, kernels, workers=[names["plain"]], pure=False).result()
        assert warm and warm >= 1, (tmp_path / "warm.log").read_text()[-2000:]
        assert plain is None
    finally:
        for process in processes:
            kill_group(process)
