"""``render --all --scheduler ADDRESS``: one task per engagement on a Dask cluster.

The same task as the local batch runs (:func:`workbook.report.task.render_task`), on whichever
worker the scheduler picks, on that worker's own warm kernels (started with its first task, or as
the worker starts with ``--preload workbook.report.cluster``, and kept for the next ones). Its key
names the engagement and the digest of its inputs, so a batch submitted twice while the first is
still running shares the work in flight instead of doing it again. A worker that dies mid-render
takes its render down with it, and the scheduler gives the task to another worker; the render's own
lock and atomic swap keep a half-written report from ever being seen. Reports go to ``out``, which
every worker must reach under the same path (a shared folder), and so must the engagement folders.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from workbook.core.errors import UsageError
from workbook.report.provenance import inputs_digest, short
from workbook.report.task import Outcome, render_task

CONNECT_TIMEOUT = "20s"
_worker_kernels = {}  # this worker process's kernel pool, started by its first task
_starting = threading.Lock()


def worker_kernels():
    """The calling worker process's warm kernels (one per core), started on first use and shut
    down when the process ends."""
    with _starting:
        if "pool" not in _worker_kernels:
            import atexit

            from workbook.report.kernels import KernelPool, pool_size
            _worker_kernels["pool"] = KernelPool(pool_size(), unset=nanny_settings())
            atexit.register(_worker_kernels["pool"].close)
        return _worker_kernels["pool"]


def nanny_settings() -> tuple[str, ...]:
    """What a Dask nanny set in its worker's environment for the worker's own memory, and the
    worker's kernels should not inherit: ``MALLOC_TRIM_THRESHOLD_`` (Dask's default 65536) has
    glibc hand freed memory back to the system at every 64 KiB, and a kernel then took 2.5 times
    the page faults over the same notebooks' pandas and charts. Left when its value is not the
    nanny's (set by whoever started the worker)."""
    try:
        import dask
        import distributed  # noqa: F401 (its configuration defaults)
    except ImportError:
        return ()
    forced = dask.config.get("distributed.nanny.pre-spawn-environ", default={}) or {}
    return tuple(name for name in ("MALLOC_TRIM_THRESHOLD_",)
                 if name in forced and os.environ.get(name) == str(forced[name]))


def dask_setup(worker=None) -> None:
    """Dask's preload hook, ``dask worker --preload workbook.report.cluster``: the worker starts
    its warm kernels and loads the renderer as it starts, instead of with its first task (which
    then ends a few seconds sooner)."""
    worker_kernels()
    import workbook.report.render  # noqa: F401 (loaded now rather than by the first task)


def render_on_worker(folder: str, out: str, pdf: bool, notify: bool = True) -> Outcome:
    """A cluster task: render ``folder`` into ``out`` on this worker's warm kernels."""
    return render_task(folder, out, pdf, worker_kernels(), notify)


def task_key(folder: Path) -> str:
    """``render-<engagement>-<input digest>``: the same inputs, the same task."""
    return f"render-{folder.name}-{short(inputs_digest(folder))}"


def connect(address: str):
    """A client of the scheduler at ``address``; a clear message when there is none."""
    from distributed import Client
    try:
        return Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise UsageError(f"no Dask scheduler answers at {address} ({exc}); start one with "
                         f"`dask scheduler`, or leave --scheduler out to render on this machine") from exc


def render_on_cluster(todo: list[Path], out: Path, pdf: bool, address: str, finished, log,
                      notify: bool = True) -> None:
    """Send one task per engagement in ``todo`` to the scheduler at ``address``; call
    ``finished(outcome)`` as each ends (a task whose every worker died ends as failed)."""
    from distributed import as_completed
    with connect(address) as client, client.as_current():
        log(f"Dask scheduler {address}; dashboard: {client.dashboard_link}")
        futures = {client.submit(render_on_worker, str(f.resolve()), str(out.resolve()), pdf, notify,
                                 key=task_key(f), pure=False): f for f in todo}
        for future in as_completed(futures):
            folder = futures[future]
            try:
                finished(future.result())
            except Exception as exc:  # noqa: BLE001 (KilledWorker, a lost scheduler: one engagement's failure)
                finished(Outcome(folder.name, "failed", 0.0, f"{type(exc).__name__}: {exc}"))
