"""Rendering an engagement into a code-free, self-contained HTML report (and a PDF).

Recipe: validate the inputs, take the engagement's lock, execute the notebooks with papermill on
warm kernels (:mod:`workbook.report.kernels`) into a staging folder, export each to HTML without
code, gather the steps' findings into ``results/findings.json``, write the index page, the
manifest and the PDF, then swap the staging folder in atomically. A failed or killed run leaves
the previous report as it was; a failed notebook is kept for inspection. The manifest keeps the
wall and CPU seconds of every step (:mod:`workbook.report.timing`).
"""

from __future__ import annotations

import shutil
import tempfile
from contextlib import nullcontext
from pathlib import Path

from workbook.core import paths
from workbook.core.atomic import engagement_lock, public_mode, remove_leftovers, swap_in, write_json
from workbook.core.errors import NotebookFailed
from workbook.core.paths import display_path
from workbook.engagement import handover
from workbook.engagement.model import Engagement, load_engagement
from workbook.report import branding, provenance
from workbook.report.checklist import write_checklist
from workbook.report.excel import write_results_workbook
from workbook.report.history import day, write_changes
from workbook.report.html_export import export_pages, sections
from workbook.report.index_page import write_index
from workbook.report.kernels import Job, KernelPool, pool_size, shared
from workbook.report.notify import carry_forward, mark_pending, notify_report, targets_of
from workbook.report.pdf import preload, print_pdf
from workbook.report.timing import StepClock, since_process_start
from workbook.register.ledger import gather_findings


def render_engagement(folder, out_dir=None, log=print, pdf: bool = True, pool: KernelPool | None = None,
                      first: bool = False, notify: bool = True) -> Path:
    """Render ``folder`` into ``out_dir/<engagement>/`` and return that path; then, unless
    ``notify`` is false, announce its new and worse early warnings (:mod:`workbook.report.notify`).

    ``pool`` runs the notebooks (warm kernels shared with other renders); without one, the
    process's :func:`~workbook.report.kernels.shared` pool, else the render starts its own and
    shuts it down after. ``first``: the process started for this render, so
    its start (interpreter and imports) is timed as a step of it.

    Raises
    ------
    InputError
        The engagement's files have problems; nothing is written.
    NotebookFailed
        A notebook raised; the previous report is untouched.
    """
    clock = StepClock()
    if first and (started := since_process_start()):
        clock.add("start", started["wall"], started["cpu"])
    pool = pool or shared()
    with (nullcontext(pool) if pool else KernelPool(pool_size())) as kernels:
        with clock.step("load"):
            read = handover.fingerprint(Path(folder).resolve())  # before reading: a later change shows
            engagement = load_engagement(folder)
            pages = sections(paths.notebooks_for(engagement.settings))
            # the loaded engagement's catalogue: refused early when it cannot be opened
            catalogue = provenance.catalogue_snapshot(engagement.path, engagement.settings.catalogue)
        # a broken firm-wide notify file is bad input, found before any writing
        targets = targets_of(engagement) if notify else None
        out = Path(out_dir or paths.REPORTS_DIR).resolve()
        with engagement_lock(out, engagement.name, on_wait=log), handover.handing(engagement, read) as handed:
            report = _render(engagement, pages, catalogue, out, kernels, clock, pdf, log, targets is not None,
                             handed)
            announce(engagement, report, log, notify, targets)
            return report


def announce(engagement: Engagement, report: Path, log, send: bool = True, targets=...) -> None:
    """Send what ``report`` has to announce (:func:`~workbook.report.notify.notify_report`) and
    name what could not be delivered in its checklist; the caller holds the engagement's lock."""
    if notify_report(engagement, report, log, send=send, targets=targets):
        write_checklist(engagement, report)


def _render(engagement: Engagement, pages, catalogue, out: Path, kernels: KernelPool, clock: StepClock,
            pdf: bool, log, announce: bool = False, handed: str | None = None) -> Path:
    """The render under the engagement's lock, into a staging folder swapped in at the end."""
    remove_leftovers(out, engagement.name)
    staging = Path(tempfile.mkdtemp(dir=out, prefix=f".{engagement.name}.rendering-"))
    staging.chmod(public_mode(directory=True))
    try:
        with clock.step("manifest"):
            manifest = provenance.new_manifest(engagement.path, display_path(engagement.path),
                                               {"engagement": display_path(engagement.path),
                                                "results_dir": paths.RESULTS_DIR}, catalogue or {})
            manifest["options"] = provenance.render_options(engagement.path, pdf, as_of=engagement.settings.as_of)
            if catalogue:
                manifest["catalogue"] = catalogue
        if pdf:
            preload()
        executed = execute_notebooks(engagement, staging, manifest, kernels, clock, log, handed)
        foot = footer(manifest, engagement)
        with clock.step("html"):
            html = export_pages(engagement, executed, staging, foot)
        with clock.step("findings"):
            gather_findings(staging / paths.RESULTS_DIR)
        with clock.step("changes"):
            since = write_changes(out / engagement.name, staging)
            carry_forward(out / engagement.name, staging)
            if announce:
                mark_pending(staging)
        with clock.step("index"):
            write_index(engagement, staging, pages, foot, since)
        with clock.step("results.xlsx"):
            write_results_workbook(staging / paths.RESULTS_DIR, staging / paths.RESULTS_WORKBOOK, engagement)
        with clock.step("checklist"):
            write_checklist(engagement, staging)
        if pdf:
            with clock.step("pdf"):
                manifest["pdf"] = print_pdf(staging, pages, cover(engagement), log, html)
        elif (out / engagement.name / "report.pdf").exists():
            log("No PDF this time (--no-pdf): the previous report's PDF goes with it, as it would "
                "no longer match the pages.")
        manifest.update(status="ok", finished=provenance.now(), steps=clock.record())
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


def execute_notebooks(engagement: Engagement, staging: Path, manifest: dict, kernels: KernelPool,
                      clock: StepClock, log, handed: str | None = None) -> dict:
    """Run every notebook on the pool's kernels (they share only inputs); the executed notebooks
    by name. The longest first, so that the shorter ones fill in beside it. ``handed``: the file
    of the engagement as loaded (:mod:`workbook.engagement.handover`), read by each notebook
    instead of the engagement's files when they have not changed."""
    (staging / "notebooks").mkdir()
    notebooks = paths.notebooks_for(engagement.settings)
    parameters = {"engagement": str(engagement.path), "results_dir": str(staging / paths.RESULTS_DIR)}
    jobs = {name: Job(paths.NOTEBOOKS_DIR / name, staging / "notebooks" / name, parameters,
                      paths.NOTEBOOKS_DIR, handed=handed) for name in notebooks}
    for name in notebooks:
        log(f"running {name} ...")
    with clock.step("notebooks"):
        kernels.run([jobs[n] for n in sorted(notebooks, key=lambda n: -LONGEST.get(n, 0))])
    records = {name: jobs[name].record for name in notebooks}
    for cost in kernels.take_start_costs():  # kernels started for this render (none when warm)
        clock.add("kernel start", cost["wall"], cost["cpu"])
    clock.add("notebooks", 0.0, sum(r.get("cpu_seconds", 0.0) for r in records.values()))
    manifest["notebooks"] = records
    failed = [(name, r) for name, r in records.items() if r["status"] != "ok"]
    if failed:
        manifest.update(status="failed", finished=provenance.now(), steps=clock.record())
        write_json(manifest, staging, provenance.MANIFEST)
        kept = _keep_failed(staging, engagement.name)
        name, record = failed[0]
        raise NotebookFailed(name, record["cell"], record["error"],
                             display_path(kept / "notebooks" / name))
    return {name: jobs[name].notebook for name in notebooks}


# The notebooks' usual share of a render, longest first (measured on the example).
LONGEST = {"03_quality_plan.ipynb": 3, "02_partner_scoring.ipynb": 2, "04_matchmaking.ipynb": 1}


def footer(manifest: dict, engagement: Engagement) -> list[str]:
    """The provenance essentials shown at the foot of every page."""
    s = engagement.settings
    who = " · ".join(x for x in (f"Prepared by {s.prepared_by}" if s.prepared_by else "",
                                 f"for {s.client}", s.date) if x)
    return [who,
            f"Computed on {day(manifest['started'])} from {len(manifest['inputs'])} input files; the "
            f"record of every input, and of the software that computed it, is kept with the report."]


def _keep_failed(staging: Path, name: str) -> Path:
    failed = staging.parent / f"{name}.failed"
    shutil.rmtree(failed, ignore_errors=True)
    staging.rename(failed)
    return failed
