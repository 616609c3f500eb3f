"""``python -m workbook.worker ENGAGEMENT NOTEBOOK_PATH STAGING``: execute one notebook of a render.

The renderer starts one worker per notebook so that they run in parallel; each prints its record
for the manifest as one line of JSON. A plain subprocess, unlike multiprocessing's spawn, never
re-imports the caller's main script.
"""

from __future__ import annotations

import ctypes
import json
import os
import signal
import sys
import time
from pathlib import Path

import nbformat
import papermill
import zmq
from traitlets.config import Config

from workbook.core import paths
from workbook.report import provenance
from workbook.report.task import KERNEL_START_FAILURES

KERNEL = "python3"
CELL_TIMEOUT = 600  # seconds for one cell
# Kernels started at the same moment can race for a port, and one dies or never answers
# (jupyter_client); starting it again is the cure. Notebook errors are never retried.
KERNEL_STARTS = 3


def headless(source: Path) -> nbformat.NotebookNode:
    """The notebook without its JupyterLab-only cells: a report leaves them out, so running them
    would only cost time."""
    notebook = nbformat.read(source, as_version=4)
    notebook.cells = [c for c in notebook.cells
                      if not paths.HIDDEN_TAGS & set(c.metadata.get("tags", []))]
    return notebook


def kernel_config() -> Config:
    """Encrypt kernel traffic when the libraries can: recent ipykernel warns on every start
    when it runs over plain TCP, and that warning would reach the user's terminal."""
    settings = Config()
    if zmq.has("curve"):
        settings.KernelManager.transport_encryption = "auto"
    return settings


def run_notebook(engagement: str, notebook: str, staging: str) -> dict:
    """Execute one notebook into ``staging/notebooks``; its record for the manifest."""
    started, clock = provenance.now(), time.perf_counter()
    source = Path(notebook)
    record = {"sha256": provenance.sha256(source), "started": started}
    for start in range(1, KERNEL_STARTS + 1):
        try:
            papermill.execute_notebook(
                headless(source), str(Path(staging) / "notebooks" / source.name),
                parameters={"engagement": engagement,
                            "results_dir": str(Path(staging) / paths.RESULTS_DIR)},
                kernel_name=KERNEL, progress_bar=False, config=kernel_config(),
                execution_timeout=CELL_TIMEOUT, start_timeout=120)
            break
        except papermill.PapermillExecutionError as exc:
            return dict(record, finished=provenance.now(), status="failed", cell=exc.exec_count,
                        error=f"{exc.ename}: {exc.evalue}")
        except RuntimeError as exc:
            if not any(f in str(exc) for f in KERNEL_START_FAILURES) or start == KERNEL_STARTS:
                raise
            record["kernel_starts"] = start + 1
    return dict(record, finished=provenance.now(), status="ok",
                seconds=round(time.perf_counter() - clock, 2))


def die_with_parent(parent: int) -> None:
    """Ask Linux to end this worker when the render that started it ends, however it ends (its
    kernel then stops too: ipykernel watches its parent). Elsewhere a no-op."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the render died before the request took effect
        os._exit(1)


if __name__ == "__main__":
    die_with_parent(int(sys.argv[4]) if len(sys.argv) > 4 else os.getppid())
    print(json.dumps(run_notebook(*sys.argv[1:4])), flush=True)
