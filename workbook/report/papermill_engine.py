"""Papermill on a kernel that is already running: the engine ``warm`` the kernel pool runs
notebooks with, the notebook as a report runs it (without its JupyterLab-only cells), and the
event loop nbclient leaves behind in a thread, closed."""

from __future__ import annotations

import asyncio
import functools
from pathlib import Path

from workbook.core import paths


def papermill_warm():
    """Papermill, with its engine ``warm`` registered: nbclient on a kernel that is already
    running, through the lane's client, so that the kernel outlives the notebook. Imported on
    first use, so that a pool starts its kernels before papermill has loaded."""
    import papermill
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine, papermill_engines
    from papermill.utils import merge_kwargs, remove_args

    class WarmEngine(NBClientEngine):
        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None,
                                     stderr_file=None, start_timeout=60, execution_timeout=None, **kwargs):
            kc, keep = kwargs.pop("kc"), kwargs.pop("keep", None)
            kwargs = remove_args(["input_path", "timeout", "startup_timeout"], **kwargs)
            client = PapermillNotebookClient(nb_man, **merge_kwargs(
                kwargs, timeout=execution_timeout, startup_timeout=start_timeout,
                kernel_name=kernel_name, log_output=log_output, stdout_file=stdout_file,
                stderr_file=stderr_file))
            client.kc = kc
            try:
                return client.execute()
            except BaseException:
                # papermill saves after every cell only when asked to (two whole writes a cell);
                # a notebook that stops short is still kept, with what it ran so far
                if keep:
                    papermill.iorw.write_ipynb(nb_man.nb, keep)
                raise

    if "warm" not in papermill_engines._engines:
        papermill_engines.register("warm", WarmEngine)
    return papermill


def close_thread_loop() -> None:
    """Close the event loop nbclient (through jupyter_core) made for this thread and never closes:
    the garbage collector could finalize it after its own sockets, printing a traceback on the way out."""
    try:
        loop = asyncio.get_event_loop_policy().get_event_loop()
    except RuntimeError:  # no loop was made in this thread
        return
    if not loop.is_running():
        loop.close()


def headless(source: Path):
    """The notebook without its JupyterLab-only cells: a report leaves them out, so running them
    would only cost time. A copy of the one read last from the file as it is now: a batch runs
    each notebook once per engagement, and reading (and validating) it again each time was a
    tenth of the renderer's own work on it."""
    import copy
    state = Path(source).stat()
    return copy.deepcopy(_headless(str(source), state.st_mtime_ns, state.st_size))


@functools.lru_cache(maxsize=16)
def _headless(source: str, mtime_ns: int, size: int):
    """:func:`headless`'s reading, once per version of the file (``mtime_ns`` and ``size``)."""
    import nbformat
    notebook = nbformat.read(source, as_version=4)
    notebook.cells = [c for c in notebook.cells
                      if not paths.HIDDEN_TAGS & set(c.metadata.get("tags", []))]
    return notebook
