"""Rendering an engagement into a code-free HTML report.

Recipe: validate the inputs, execute each notebook with papermill into a staging folder, export
each to HTML without code, write the index page, then swap the staging folder in. A failed run
leaves the previous report as it was and keeps the failed executed notebook for inspection.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import nbformat
import papermill
import zmq
from nbconvert import HTMLExporter
from nbconvert.preprocessors import TagRemovePreprocessor
from traitlets.config import Config

from workbook import config
from workbook.engagement import Engagement, display_path, load_engagement
from workbook.exceptions import NotebookFailed
from workbook.index_page import write_index
from workbook.results import public_mode

# Cells tagged so exist for JupyterLab users only (widgets) and never reach a report.
HIDDEN_TAGS = {"widgets", "remove"}
KERNEL = "python3"


def kernel_config() -> Config:
    """Encrypt kernel traffic when the libraries can: recent ipykernel warns on every start
    when it runs over plain TCP, and that warning would reach the user's terminal."""
    config = Config()
    if zmq.has("curve"):
        config.KernelManager.transport_encryption = "auto"
    return config


def render_engagement(folder, out_dir=None, log=print) -> Path:
    """Render ``folder`` into ``out_dir/<engagement>/`` and return that path.

    Raises
    ------
    InputError
        The engagement's files have problems; nothing is written.
    NotebookFailed
        A notebook raised; the previous report is untouched.
    """
    engagement = load_engagement(folder)
    out = Path(out_dir or config.REPORTS_DIR).resolve()
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=out, prefix=f".{engagement.name}.rendering-"))
    staging.chmod(public_mode(directory=True))
    try:
        pages = [execute_notebook(engagement, name, staging, log) for name in config.NOTEBOOKS]
        write_index(engagement, staging, pages)
        final = swap_in(staging, out / engagement.name)
    except NotebookFailed:
        raise
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return final


def execute_notebook(engagement: Engagement, name: str, staging: Path, log) -> Path:
    """Execute one notebook into ``staging/notebooks/`` and export it to ``staging/<stem>.html``."""
    executed = staging / "notebooks" / name
    executed.parent.mkdir(exist_ok=True)
    log(f"running {name} ...")
    try:
        papermill.execute_notebook(
            str(config.NOTEBOOKS_DIR / name), str(executed),
            parameters={"engagement": str(engagement.path),
                        "results_dir": str(staging / config.RESULTS_DIR)},
            kernel_name=KERNEL, cwd=str(config.NOTEBOOKS_DIR), progress_bar=False,
            config=kernel_config())
    except papermill.PapermillExecutionError as exc:
        kept = _keep_failed(staging, engagement.name)
        raise NotebookFailed(name, exc.exec_count, f"{exc.ename}: {exc.evalue}",
                             display_path(kept / "notebooks" / name)) from None
    page = staging / f"{Path(name).stem}.html"
    page.write_text(export_html(nbformat.read(executed, as_version=4),
                                f"{engagement.settings.client}: {_title(name)}"),
                    encoding="utf-8")
    return page


def export_html(notebook, title: str) -> str:
    """HTML of an executed notebook with no code, no prompts and no widget-only cells."""
    exporter = HTMLExporter(template_name="lab", exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True)
    exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags=HIDDEN_TAGS), enabled=True)
    body, _ = exporter.from_notebook_node(notebook, resources={"metadata": {"name": title}})
    return body


def swap_in(staging: Path, final: Path) -> Path:
    """Replace ``final`` by ``staging``; the old report is removed only once the new one is in."""
    old = None
    if final.exists():
        old = final.with_name(f".{final.name}.previous-{staging.name.rsplit('-', 1)[-1]}")
        final.rename(old)
    staging.rename(final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return final


def _keep_failed(staging: Path, name: str) -> Path:
    failed = staging.parent / f"{name}.failed"
    shutil.rmtree(failed, ignore_errors=True)
    staging.rename(failed)
    return failed


def _title(notebook: str) -> str:
    return Path(notebook).stem.split("_", 1)[-1].replace("_", " ").capitalize()
