"""One engagement's render as a unit of work of ``render --all``: on this machine's warm kernels,
or on a Dask worker's.

:func:`render_task` renders in the calling process, on a kernel pool that outlives it, and says
how it went as an :class:`Outcome`, whatever happened: one engagement's bad input or failed
notebook never stops the others. A worker that dies takes its kernels with it (ipykernel
watches its parent), and the render's lock and atomic swap keep a half-written report from
ever being seen.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from workbook.core.errors import InputError, NotebookFailed, UsageError, summarise

STATUS = ("ok", "alerts", "skipped", "failed", "bad input")  # in the order a summary counts them


@dataclass
class Outcome:
    """How one engagement's render went; ``cpu_seconds``: this process's and its kernels' CPU
    time for it (from the manifest's steps), when it rendered."""

    name: str
    status: str  # one of STATUS
    seconds: float = 0.0
    message: str = ""
    cpu_seconds: float | None = None


def render_task(folder: Path | str, out: Path | str, pdf: bool, kernels, notify: bool = True) -> Outcome:
    """Render ``folder`` into ``out`` on ``kernels`` (a :class:`~workbook.report.kernels.KernelPool`),
    then announce its new early warnings unless ``notify`` is false."""
    from workbook.core.atomic import read_csv
    from workbook.report.provenance import read_manifest
    from workbook.report.render import render_engagement
    folder, started = Path(folder), time.perf_counter()

    def outcome(status: str, message: str = "", cpu: float | None = None) -> Outcome:
        return Outcome(folder.name, status, time.perf_counter() - started, message, cpu)

    try:
        report = render_engagement(folder, out, log=lambda message: None, pdf=pdf, pool=kernels, notify=notify)
    except InputError as exc:
        count = len(exc.problems)
        return outcome("bad input", f"{summarise(exc.problems)[0]} ({count} problem{'s' if count != 1 else ''})")
    except UsageError as exc:
        return outcome("bad input", str(exc))
    except NotebookFailed as exc:
        return outcome("failed", str(exc).splitlines()[0])
    except Exception as exc:  # noqa: BLE001 (one engagement's failure, never the batch's)
        return outcome("failed", f"{type(exc).__name__}: {exc}")
    cpu = (read_manifest(report) or {}).get("steps", {}).get("total", {}).get("cpu")
    alerts = read_csv(report / "results", "alerts.csv")
    if len(alerts):
        return outcome("alerts", f"{len(alerts)} early warning{'s' if len(alerts) != 1 else ''} raised", cpu)
    return outcome("ok", "", cpu)


def announce_task(folder: Path | str, out: Path | str) -> str:
    """Announce what the unchanged report of ``folder`` in ``out`` has not yet announced (a run
    cut off between its swap and its messages, or deliveries to retry); "" or why it could not."""
    from workbook.core.atomic import engagement_lock
    from workbook.engagement.model import load_engagement
    from workbook.report.render import announce
    try:
        engagement = load_engagement(folder)
        with engagement_lock(Path(out).resolve(), engagement.name, on_wait=lambda message: None):
            announce(engagement, Path(out).resolve() / engagement.name, log=lambda message: None)
    except Exception as exc:  # noqa: BLE001 (an unchanged report stays as it is)
        return f"notifications not sent ({type(exc).__name__}: {exc})"
    return ""
