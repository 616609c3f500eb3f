"""One engagement's render as a child process: the unit of work of ``render --all``, run by the
local pool or by a Dask worker.

The child runs in its own process group with a time limit. A timeout, a cancelled task or an
interrupted caller kills the whole group (the render, its notebook workers and their kernels),
and a Dask worker that dies takes its render with it: on Linux the child asks to end with the
thread that started it. A render whose kernel failed to start is run once more.
"""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from workbook.core.errors import EXIT_ALERT, EXIT_INPUT, EXIT_OK

STATUS = {EXIT_OK: "ok", EXIT_ALERT: "alerts", EXIT_INPUT: "bad input"}  # by exit status
RENDER_TIMEOUT = 1800.0  # seconds for one engagement's render, PDF included
# What a kernel that failed to start says (jupyter_client); the notebook worker starts it again
# up to three times, and a render that still fails with it is run once more.
KERNEL_START_FAILURES = ("Kernel died before replying", "Kernel didn't respond")
PARENT_ENV = "WORKBOOK_PARENT_PID"  # a render that finds it ends when that process ends


@dataclass
class Outcome:
    """How one engagement's render went."""

    name: str
    status: str  # "ok", "skipped", "alerts", "failed", "bad input"
    seconds: float = 0.0
    message: str = ""


def die_with_parent(parent: int) -> None:
    """Ask Linux to end this process when the one that started it ends, however it ends (its
    kernels then stop too: ipykernel watches its parent). Elsewhere a no-op."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def kill_group(process: subprocess.Popen) -> None:
    """Kill ``process`` and every process in its group (it was started in a session of its own)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()


def render_one(folder: Path | str, out: Path | str, pdf: bool, timeout: float = RENDER_TIMEOUT) -> Outcome:
    """Render ``folder`` into ``out`` in a child process group; its exit status says how it went."""
    folder, started = Path(folder), time.perf_counter()
    command = [sys.executable, "-m", "workbook", "render", str(folder), "--out", str(out),
               "--fail-on-alert"] + ([] if pdf else ["--no-pdf"])
    for attempt in (1, 2):
        # The child asks Linux itself to end it with us (PARENT_ENV): a preexec_fn is not safe
        # in a process with threads, as a Dask worker is.
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                   start_new_session=True, env={**os.environ, PARENT_ENV: str(os.getpid())})
        try:
            _, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            kill_group(process)
            return Outcome(folder.name, "failed", time.perf_counter() - started,
                           f"stopped after {timeout:g} s, the time limit of one render")
        except BaseException:  # cancelled or interrupted: the whole render goes down with us
            kill_group(process)
            raise
        retry = process.returncode not in (EXIT_OK, EXIT_INPUT, EXIT_ALERT) \
            and any(f in stderr for f in KERNEL_START_FAILURES)
        if not (retry and attempt == 1):
            break
    status = STATUS.get(process.returncode, "failed")
    lines = [line for line in stderr.splitlines() if not line.startswith("running ")]
    message = "" if status == "ok" else (lines[0] if lines else f"exit status {process.returncode}")
    return Outcome(folder.name, status, time.perf_counter() - started, message)
