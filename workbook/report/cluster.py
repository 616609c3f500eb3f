"""``render --all --scheduler ADDRESS``: one task per engagement on a Dask cluster.

The same task as the local pool runs (:func:`workbook.report.task.render_one`), on whichever
worker the scheduler picks. Its key names the engagement and the digest of its inputs, so a batch
submitted twice while the first is still running shares the work in flight instead of doing it
again. A worker that dies mid-render takes its render down with it, and the scheduler gives the
task to another worker; the render's own lock and atomic swap keep a half-written report from
ever being seen. Reports go to ``out``, which every worker must reach under the same path (a
shared folder), and so must the engagement folders.
"""

from __future__ import annotations

from pathlib import Path

from workbook.core.errors import UsageError
from workbook.report.provenance import inputs_digest, short
from workbook.report.task import Outcome, render_one

CONNECT_TIMEOUT = "20s"


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


def render_on_cluster(todo: list[Path], out: Path, pdf: bool, address: str, finished, log) -> None:
    """Send one task per engagement in ``todo`` to the scheduler at ``address``; call
    ``finished(outcome)`` as each ends (a task whose every worker died ends as failed)."""
    from distributed import as_completed
    with connect(address) as client, client.as_current():
        log(f"Dask scheduler {address}; dashboard: {client.dashboard_link}")
        futures = {client.submit(render_one, str(f.resolve()), str(out.resolve()), pdf,
                                 key=task_key(f), pure=False): f for f in todo}
        for future in as_completed(futures):
            folder = futures[future]
            try:
                finished(future.result())
            except Exception as exc:  # noqa: BLE001 (KilledWorker, a lost scheduler: one engagement's failure)
                finished(Outcome(folder.name, "failed", 0.0, f"{type(exc).__name__}: {exc}"))
