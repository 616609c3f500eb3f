"""Warm kernels: started once, the heavy imports done, reused by every notebook a process renders.

A :class:`KernelPool` keeps ``size`` Jupyter kernels, each served by a thread of its own (a
*lane*) with its own event loop, so that papermill and nbclient drive each kernel from one
thread only. A lane starts its kernel at once (while the render validates its inputs) and runs
:func:`workbook.report.warm.warm` in it; before each notebook it runs
:func:`workbook.report.warm.fresh`, so no state passes from one notebook, or engagement, to the
next. The notebook itself runs through papermill on that kernel (engine ``warm``). A kernel that
dies, hangs past its time or fails to start is replaced by a new one, as a cold render would start
one.
"""

from __future__ import annotations

import asyncio
import os
import queue
import shutil
import tempfile
import threading
import time
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

from workbook.core import paths
from workbook.report import provenance
from workbook.report.papermill_engine import close_thread_loop, headless, papermill_warm

KERNEL = "python3"
CELL_TIMEOUT = 600  # seconds for one cell
NOTEBOOK_TIMEOUT = 900  # seconds for one notebook; then its kernel is killed and replaced
START_TIMEOUT = 120  # seconds for a kernel to start and answer
# Kernels started at the same moment can race for a port, and one dies or never answers
# (jupyter_client); starting it again is the cure. Notebook errors are never retried.
KERNEL_STARTS = 3


@dataclass
class Job:
    """One notebook to execute: ``source`` into ``output``, run from ``cwd``; once run, its
    ``record`` for the manifest and the executed ``notebook`` (None when it failed)."""

    source: Path
    output: Path
    parameters: dict
    cwd: Path
    future: Future = field(default_factory=Future)
    record: dict | None = None
    notebook: object = None  # nbformat.NotebookNode
    handed: str | None = None  # the file of the engagement already loaded (engagement.handover)


def pool_size(notebooks: int = len(paths.NOTEBOOKS)) -> int:
    """Kernels for one render on this machine: one per core, no more than its notebooks."""
    return max(1, min(os.cpu_count() or 1, notebooks))


def kernel_config():
    """Encrypt kernel traffic when the libraries can: recent ipykernel warns on every start
    when it runs over plain TCP, and that warning would reach the user's terminal."""
    import zmq
    from traitlets.config import Config
    settings = Config()
    if zmq.has("curve"):
        settings.KernelManager.transport_encryption = "auto"
    return settings


class Lane(threading.Thread):
    """One kernel and the thread that drives it."""

    def __init__(self, number: int, jobs: queue.Queue, logs: Path, warm_now: bool = True, unset=()):
        super().__init__(name=f"kernel-lane-{number}", daemon=True)
        self.jobs, self.log_file, self.warm_now = jobs, logs / f"kernel-{number}.log", warm_now
        self.unset = tuple(unset)  # variables of this process's environment its kernels start without
        self.km = self.kc = self.loop = None
        self.starts = 0  # kernels this lane has started
        self.environ: dict = {}  # the environment the kernel started with
        self.start_costs: list[dict] = []  # wall and CPU seconds of each start, imports included
        self.ran = 0  # notebooks run on the current kernel

    def run(self) -> None:
        self.renew_loop()
        try:
            if self.warm_now:  # start the kernel before the first notebook comes
                try:
                    self.ensure_kernel()
                except RuntimeError:
                    pass  # tried again, and reported, with the first notebook
            while (job := self.jobs.get()) is not None:
                if job.future.set_running_or_notify_cancel():
                    try:
                        job.future.set_result(self.execute(job))
                    except BaseException as exc:  # noqa: BLE001 (handed to the waiting render)
                        job.future.set_exception(exc)
        finally:
            self.stop()
            self.loop.close()
            close_thread_loop()

    def ensure_kernel(self) -> None:
        """A running, warmed kernel, started (again) when there is none or it died."""
        if self.km is not None and self.loop.run_until_complete(self.km.is_alive()):
            return
        self.stop()
        from jupyter_client.manager import AsyncKernelManager
        clock = time.perf_counter()
        for attempt in range(1, KERNEL_STARTS + 1):
            self.km = AsyncKernelManager(kernel_name=KERNEL, config=kernel_config())
            try:
                self.environ = {k: v for k, v in os.environ.items() if k not in self.unset}
                with open(self.log_file, "ab") as log:
                    self.loop.run_until_complete(self.km.start_kernel(
                        cwd=str(paths.NOTEBOOKS_DIR), stdout=log, stderr=log, env=self.environ,
                        # a report has no use for the input history, which every kernel
                        # would otherwise write to the user's one history database
                        extra_arguments=["--HistoryManager.enabled=False"]))
                self.kc = self.km.client()
                self.kc.start_channels()
                self.loop.run_until_complete(self.kc.wait_for_ready(timeout=START_TIMEOUT))
                self.starts += 1
                self.ran = 0
                self.call(f"__import__('workbook.report.warm', fromlist=['warm'])"
                          f".warm(parent={os.getpid()})")
                self.start_costs.append({"wall": time.perf_counter() - clock, "cpu": self.kernel_cpu() or 0.0})
                return
            except RuntimeError:
                self.stop()
                if attempt == KERNEL_STARTS:
                    raise

    def call(self, code: str) -> None:
        """Run ``code`` in the kernel, quietly; RuntimeError when it raised or did not answer."""
        try:
            reply = self.loop.run_until_complete(self.kc.execute_interactive(
                code, silent=True, store_history=False, timeout=START_TIMEOUT, output_hook=lambda msg: None))
        except TimeoutError as exc:
            raise RuntimeError(f"Kernel didn't respond in {START_TIMEOUT} s") from exc
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"Kernel didn't respond: {reply['content'].get('evalue', '')}")

    def execute(self, job: Job) -> dict:
        """Run ``job`` on a fresh namespace of this lane's kernel; its record for the manifest."""
        record = {"sha256": provenance.sha256(job.source), "started": provenance.now()}
        clock = time.perf_counter()
        try:
            self.ensure_kernel()
            record["kernel"] = "warm" if self.ran else "new"
            changed = {k: v for k, v in os.environ.items() if self.environ.get(k) != v}
            gone = [k for k in self.environ if k not in os.environ]
            self.call(f"__import__('workbook.report.warm', fromlist=['fresh'])"
                      f".fresh({str(job.cwd)!r}, {changed!r}, {gone!r}, {job.handed!r})")
        except RuntimeError as exc:
            self.stop()
            return dict(record, finished=provenance.now(), status="failed", cell=None,
                        error=f"its kernel did not start ({exc})")
        cpu = self.kernel_cpu()
        papermill = papermill_warm()
        watchdog = threading.Timer(NOTEBOOK_TIMEOUT, self.kill)
        watchdog.start()
        try:
            job.notebook = papermill.execute_notebook(
                headless(job.source), str(job.output), parameters=job.parameters, engine_name="warm",
                kernel_name=KERNEL, progress_bar=False, execution_timeout=CELL_TIMEOUT,
                start_timeout=START_TIMEOUT, km=self.km, kc=self.kc,
                request_save_on_cell_execute=False, keep=str(job.output))
            for cell in job.notebook.cells:  # papermill draws this id at random: the same inputs, the same pages
                if "injected-parameters" in cell.metadata.get("tags", []):
                    cell.id = "injected-parameters"
            status = {"status": "ok"}
        except papermill.PapermillExecutionError as exc:
            status = {"status": "failed", "cell": exc.exec_count, "error": f"{exc.ename}: {exc.evalue}"}
        except Exception as exc:  # noqa: BLE001 (a dead or hung kernel: this notebook fails, the kernel goes)
            timed_out = not watchdog.is_alive()
            self.stop()
            self.renew_loop()  # nbclient's polling of the dead kernel may still be pending on it
            status = {"status": "failed", "cell": None, "error": (
                f"the notebook ran longer than {NOTEBOOK_TIMEOUT} s and was stopped" if timed_out
                else f"its kernel stopped ({type(exc).__name__}: {exc}); see its .log beside the kept notebook")}
            if self.log_file.exists():  # kept beside the failed notebook
                shutil.copyfile(self.log_file, job.output.with_suffix(".log"))
        finally:
            watchdog.cancel()
        self.ran += 1
        used = self.kernel_cpu() - cpu if cpu is not None and self.km is not None else None
        return dict(record, finished=provenance.now(), **status,
                    seconds=round(time.perf_counter() - clock, 2),
                    **({"cpu_seconds": round(used, 2)} if used is not None and used >= 0 else {}))

    def renew_loop(self) -> None:
        """A new event loop for this thread, the old one's pending tasks cancelled."""
        if self.loop is not None:
            for task in asyncio.all_tasks(self.loop):
                task.cancel()
            try:
                self.loop.run_until_complete(asyncio.sleep(0))
            except Exception:  # noqa: BLE001 (what the cancelled tasks raise is of no interest)
                pass
            self.loop.close()
        self.loop = asyncio.new_event_loop()
        asyncio.set_event_loop(self.loop)

    def kernel_cpu(self) -> float | None:
        """CPU seconds the kernel process has used so far (None when it cannot be read)."""
        try:
            import psutil
            times = psutil.Process(self.km.provisioner.process.pid).cpu_times()
            return times.user + times.system
        except Exception:  # noqa: BLE001 (no psutil, no process: the figure is left out)
            return None

    def kill(self) -> None:
        """Kill the kernel now (from any thread): the notebook on it fails and the kernel goes."""
        try:
            self.km.provisioner.process.kill()
        except Exception:  # noqa: BLE001 (already gone)
            pass

    def stop(self) -> None:
        """Shut the kernel down, if any, at once."""
        if self.kc is not None:
            self.kc.stop_channels()
            self.kc = None
        if self.km is not None:
            try:
                self.loop.run_until_complete(self.km.shutdown_kernel(now=True))
            except Exception:  # noqa: BLE001 (already gone)
                pass
            self.km = None


_shared: list = []  # the pool every render of this process uses when given none (see `shared`)


def shared(pool: "KernelPool | None" = None) -> "KernelPool | None":
    """The pool renders use when they are given none; ``shared(pool)`` sets it (a process that
    renders again and again, a test session for one), ``shared(None)`` only reads it. A pool
    that has been closed is forgotten."""
    if pool is not None:
        _shared[:] = [pool]
    return _shared[0] if _shared and not _shared[0].closed else None


class KernelPool:
    """``size`` warm kernels shared by every notebook this process renders.

    Use it as a context manager, or call :meth:`close`; :meth:`run` executes notebooks on
    whichever kernel is free and returns their records in order. ``unset``: variables of this
    process's environment the kernels start without (a notebook still sees them, as it sees the
    environment a render runs in: :func:`workbook.report.warm.fresh`).
    """

    def __init__(self, size: int = 2, warm_now: bool = True, unset=()):
        self.jobs: queue.Queue = queue.Queue()
        self.closed = False
        self.logs = Path(tempfile.mkdtemp(prefix="workbook-kernels-"))
        self.lanes = [Lane(i, self.jobs, self.logs, warm_now, unset) for i in range(max(size, 1))]
        for lane in self.lanes:
            lane.start()

    def run(self, jobs: list[Job]) -> list[dict]:
        """Execute ``jobs`` on the pool; their records, in the order given."""
        for job in jobs:
            self.jobs.put(job)
        for job in jobs:
            job.record = job.future.result()
        return [job.record for job in jobs]

    @property
    def kernels_started(self) -> int:
        return sum(lane.starts for lane in self.lanes)

    def take_start_costs(self) -> list[dict]:
        """Wall and CPU seconds of the kernel starts since the last call (a start still under way
        is counted by the next call)."""
        costs = []
        for lane in self.lanes:
            while lane.start_costs:  # pop: a lane may append meanwhile
                costs.append(lane.start_costs.pop(0))
        return costs

    def close(self) -> None:
        self.closed = True
        for _ in self.lanes:
            self.jobs.put(None)
        for lane in self.lanes:
            lane.join(timeout=30)
        shutil.rmtree(self.logs, ignore_errors=True)

    def __enter__(self) -> "KernelPool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
