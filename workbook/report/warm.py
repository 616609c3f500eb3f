"""What a pooled kernel runs itself: the heavy imports once, then a fresh start before each notebook.

A kernel of :class:`workbook.report.kernels.KernelPool` calls :func:`warm` when it starts and
:func:`fresh` before every notebook, so that a notebook finds what a newly started kernel offers
(an empty namespace, the working directory it asks for, matplotlib's settings, the environment,
``sys.path`` and the warnings filters as they were after the imports) while the imported modules
stay loaded. The package's own module-level caches hold only its shipped files (the word book,
the measure library, the charts' font), never an engagement's data, but for the texts the charts
have laid out (an engagement's names among them), which :func:`fresh` forgets.
"""

from __future__ import annotations

import ctypes
import gc
import importlib
import os
import signal
import sys
import warnings

# What every notebook imports first; importing them is most of a new kernel's start.
MODULES = ("numpy", "pandas", "matplotlib.pyplot", "workbook.views.strategy_page",
           "workbook.views.scoring_page", "workbook.views.quality_page", "workbook.views.match_page",
           "workbook.report.results")

_saved: dict = {}
GC_THRESHOLDS = (20_000, 50, 1_000)  # new objects before a young collection; young before older ones


def die_with(parent: int) -> None:
    """Ask Linux to end this kernel the moment ``parent`` (the process that started it) ends,
    however it ends: ipykernel's own check takes up to a second, in which a kernel could still
    write into a staging folder the next render is cleaning up. Elsewhere a no-op."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def collect_less() -> None:
    """Collect young garbage every 20,000 new objects, not Python's 700: a chart, or a notebook's
    messages in the renderer, make tens of thousands of short-lived ones, and collecting them
    that often cost a twentieth of a render's time (a kernel's and the renderer's alike)."""
    gc.set_threshold(*GC_THRESHOLDS)


def warm(modules=MODULES, parent: int | None = None) -> None:
    """Import ``modules`` and remember the process's state as it is now; with ``parent``, end
    with that process (:func:`die_with`)."""
    if parent is not None:
        die_with(parent)
    for name in modules:
        importlib.import_module(name)
    import matplotlib
    # What is loaded now stays for the kernel's life: out of the collector's sight, the full
    # collection IPython's reset runs before every notebook costs milliseconds, not a tenth of a second
    gc.collect()
    gc.freeze()
    collect_less()  # every notebook still starts with a full collection (IPython's reset)
    _saved.update(environ=dict(os.environ), path=list(sys.path), filters=list(warnings.filters),
                  rc=dict(matplotlib.rcParams))


def fresh(cwd: str, set_env: dict | None = None, unset_env=(), handed: str | None = None) -> None:
    """Forget everything the previous notebook did, then move to ``cwd``. ``set_env`` and
    ``unset_env``: how the renderer's environment has changed since the kernel started, so that
    the notebook sees the environment a kernel started now would see; ``handed``: the file of the
    engagement the renderer has loaded (:mod:`workbook.engagement.handover`), or None."""
    from IPython import get_ipython
    shell = get_ipython()
    if shell is not None:
        shell.reset(new_session=True)  # the namespace, the output history and the input history
    if "matplotlib.pyplot" in sys.modules:
        import matplotlib
        from matplotlib import pyplot
        pyplot.close("all")
        from workbook.views import chart_layout
        chart_layout.forget()  # the last notebook's texts, laid out
        # dict.update: these values were valid when saved, and RcParams would warn on deprecated keys
        dict.update(matplotlib.rcParams, _saved.get("rc", {}))
    if "environ" in _saved:
        os.environ.clear()
        os.environ.update(_saved["environ"])
        sys.path[:] = _saved["path"]
        warnings.filters[:] = _saved["filters"]
        warnings._filters_mutated()
    os.environ.update(set_env or {})
    for name in unset_env:
        os.environ.pop(name, None)
    from workbook.engagement import handover
    handover.receive(handed)  # or forget the last engagement's
    os.chdir(cwd)
