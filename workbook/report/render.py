"""Rendering an engagement into a code-free, self-contained HTML report (and a PDF).

Recipe: validate the inputs, take the engagement's lock, execute the notebooks with papermill in
parallel into a staging folder, export each to HTML without code, gather the steps' findings into
``results/findings.json``, write the index page, the
manifest and the PDF, then swap the staging folder in atomically. A failed or killed run leaves
the previous report as it was; a failed notebook is kept for inspection.
"""

from __future__ import annotations

import json
import os
from datetime import datetime
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import TagRemovePreprocessor

from workbook.core import paths
from workbook.core.atomic import engagement_lock, public_mode, remove_leftovers, swap_in, write_json
from workbook.core.errors import NotebookFailed
from workbook.core.paths import display_path
from workbook.engagement.model import Engagement, load_engagement
from workbook.report import branding, provenance
from workbook.report.checklist import write_checklist
from workbook.report.excel import write_results_workbook
from workbook.report.index_page import write_index
from workbook.report.pdf import print_pdf
from workbook.register.ledger import gather_findings

WORKER_TIMEOUT = 900  # seconds for one notebook, kernel start included


def sections(notebooks=paths.NOTEBOOKS[:3]) -> list[tuple[str, str]]:
    """(page, label) of the index and of each notebook's page, in the report's order."""
    return [("index.html", "Summary")] + [
        (f"{Path(n).stem}.html", f"{i}. {Path(n).stem.split('_', 1)[1].replace('_', ' ').capitalize()}")
        for i, n in enumerate(notebooks, start=1)]


SECTIONS = sections()  # the pages of a report without a catalogue


def render_engagement(folder, out_dir=None, log=print, pdf: bool = True) -> Path:
    """Render ``folder`` into ``out_dir/<engagement>/`` and return that path.

    Raises
    ------
    InputError
        The engagement's files have problems; nothing is written.
    NotebookFailed
        A notebook raised; the previous report is untouched.
    """
    engagement = load_engagement(folder)
    pages = sections(paths.notebooks_for(engagement.settings))
    # the loaded engagement's catalogue: refused early when it cannot be opened
    catalogue = provenance.catalogue_snapshot(engagement.path, engagement.settings.catalogue)
    out = Path(out_dir or paths.REPORTS_DIR).resolve()
    with engagement_lock(out, engagement.name, on_wait=log):
        remove_leftovers(out, engagement.name)
        staging = Path(tempfile.mkdtemp(dir=out, prefix=f".{engagement.name}.rendering-"))
        staging.chmod(public_mode(directory=True))
        try:
            manifest = provenance.new_manifest(engagement.path, display_path(engagement.path),
                                               {"engagement": display_path(engagement.path),
                                                "results_dir": paths.RESULTS_DIR}, catalogue or {})
            manifest["options"] = provenance.render_options(engagement.path, pdf, as_of=engagement.settings.as_of)
            if catalogue:
                manifest["catalogue"] = catalogue
            execute_notebooks(engagement, staging, manifest, log)
            gather_findings(staging / paths.RESULTS_DIR)
            write_index(engagement, staging, pages, footer(manifest, engagement))
            write_results_workbook(staging / paths.RESULTS_DIR, staging / paths.RESULTS_WORKBOOK, engagement)
            write_checklist(engagement, staging)
            if pdf:
                manifest["pdf"] = print_pdf(staging, pages, cover(engagement), log)
            elif (out / engagement.name / "report.pdf").exists():
                log("No PDF this time (--no-pdf): the previous report's PDF goes with it, as it would "
                    "no longer match the pages.")
            manifest.update(status="ok", finished=provenance.now())
            write_json(manifest, staging, provenance.MANIFEST)
            return swap_in(staging, out / engagement.name)
        except NotebookFailed:
            raise
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise


def cover(engagement: Engagement) -> dict:
    """What the PDF's cover says: client, decision, who prepared it, when, and the lead."""
    s = engagement.settings
    logo = branding.logo_uri(engagement)
    return {"client": s.client, "decision": s.decision, "prepared_by": s.prepared_by,
            "date": s.date, "leader": s.leader, "firm": s.branding.firm, "accent": s.branding.accent,
            "logo": logo}


def execute_notebooks(engagement: Engagement, staging: Path, manifest: dict, log) -> None:
    """Run every notebook at once, each in its own process and kernel (they share only inputs).

    Processes, not threads: papermill changes the working directory of the whole process and
    nbclient is not safe to drive from several threads.
    """
    (staging / "notebooks").mkdir()
    workers = []
    notebooks = paths.notebooks_for(engagement.settings)
    for name in notebooks:
        log(f"running {name} ...")
        # The worker's own messages (and its kernel's) go to a log kept with a failed render.
        with open(staging / "notebooks" / f"{Path(name).stem}.log", "w") as messages:
            workers.append(subprocess.Popen(
                [sys.executable, "-m", "workbook.report.worker", str(engagement.path),
                 str(paths.NOTEBOOKS_DIR / name), str(staging), str(os.getpid())],
                stdout=subprocess.PIPE, stderr=messages, text=True))
    deadline = time.monotonic() + WORKER_TIMEOUT
    records = [_record(worker, deadline) for worker in workers]
    manifest["notebooks"] = dict(zip(notebooks, records))
    failed = [(name, r) for name, r in manifest["notebooks"].items() if r["status"] != "ok"]
    if failed:
        manifest.update(status="failed", finished=provenance.now())
        write_json(manifest, staging, provenance.MANIFEST)
        kept = _keep_failed(staging, engagement.name)
        name, record = failed[0]
        raise NotebookFailed(name, record["cell"], record["error"],
                             display_path(kept / "notebooks" / name))
    for log_file in (staging / "notebooks").glob("*.log"):
        log_file.unlink()  # kept only with a failed render
    for name in notebooks:
        executed = nbformat.read(staging / "notebooks" / name, as_version=4)
        page = f"{Path(name).stem}.html"
        (staging / page).write_text(export_html(executed, engagement, page, footer(manifest, engagement)),
                                    encoding="utf-8")


def _record(worker: subprocess.Popen, deadline: float) -> dict:
    """The worker's record; a failed one when it stopped early or ran out of time."""
    try:
        out, _ = worker.communicate(timeout=max(deadline - time.monotonic(), 1))
    except subprocess.TimeoutExpired:
        worker.kill()  # its kernel follows: ipykernel stops when its parent is gone
        worker.communicate()
        return {"status": "failed", "cell": None,
                "error": f"the notebook ran longer than {WORKER_TIMEOUT} s and was stopped"}
    lines = out.strip().splitlines()
    if worker.returncode == 0 and lines:
        return json.loads(lines[-1])
    return {"status": "failed", "cell": None,
            "error": f"the notebook's worker stopped (exit status {worker.returncode}); "
                     f"see its .log beside the kept notebook"}


def footer(manifest: dict, engagement: Engagement) -> list[str]:
    """The provenance essentials shown at the foot of every page."""
    s = engagement.settings
    who = " · ".join(x for x in (f"Prepared by {s.prepared_by}" if s.prepared_by else "",
                                 f"for {s.client}", s.date) if x)
    return [who,
            f"Computed on {_day(manifest['started'])} from {len(manifest['inputs'])} input files; the "
            f"record of every input, and of the software that computed it, is kept with the report."]


def _day(stamp: str) -> str:
    """``2026-12-01T18:20:41+00:00`` -> ``1 December 2026``."""
    moment = datetime.fromisoformat(stamp)
    return f"{moment.day} {moment:%B %Y}"


def export_html(notebook, engagement: Engagement, page: str, footer_lines: list[str]) -> str:
    """HTML of an executed notebook: no code, no prompts, no widget-only cells, nothing remote."""
    exporter = HTMLExporter(template_name="report", extra_template_basedirs=[str(paths.TEMPLATES_DIR)],
                            exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags=set(paths.HIDDEN_TAGS)),
                                   enabled=True)
    pages = sections(paths.notebooks_for(engagement.settings))
    label = dict(pages)[page]
    report = {"client": engagement.settings.client, "subtitle": branding.subtitle(engagement),
              "logo": branding.logo_uri(engagement), "sections": pages, "current": page,
              "footer": footer_lines,
              "css": (paths.TEMPLATES_DIR / "report.css").read_text(encoding="utf-8")
              + branding.accent_css(engagement)}
    body, _ = exporter.from_notebook_node(
        notebook, resources={"metadata": {"name": f"{engagement.settings.client}: {label.split('. ', 1)[-1]}"},
                             "report": report})
    return body


def _keep_failed(staging: Path, name: str) -> Path:
    failed = staging.parent / f"{name}.failed"
    shutil.rmtree(failed, ignore_errors=True)
    staging.rename(failed)
    return failed
