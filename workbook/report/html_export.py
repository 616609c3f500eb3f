"""The report's pages: each executed notebook as code-free HTML in the report's template.

One exporter per thread, kept: its templates are compiled on first use (a sixth of a second) and
nbconvert's exporters are reused across notebooks but not shared between threads.
"""

from __future__ import annotations

import threading
from pathlib import Path

from nbconvert import HTMLExporter
from nbconvert.exporters.templateexporter import TemplateExporter
from nbconvert.filters.highlight import Highlight2HTML
from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter
from nbconvert.preprocessors import TagRemovePreprocessor

from workbook.core import paths
from workbook.engagement.model import Engagement
from workbook.report import branding

_local = threading.local()


class ReportExporter(HTMLExporter):
    """nbconvert's HTML exporter without its last pass, which parses the whole page again
    (BeautifulSoup, a third of an export) to add alt texts and tab stops to cells: the report's
    template writes each chart's own alt text, and a report has no code cells to tab through."""

    def from_notebook_node(self, nb, resources=None, **kw):
        self._nb_metadata.clear()  # kept by notebook name: a long batch would pile them up
        resources = self._init_resources(resources)
        self.register_filter("highlight_code", Highlight2HTML(pygments_lexer="ipython3", parent=self))
        self.register_filter("filter_data_type", WidgetsDataTypeFilter(
            notebook_metadata=self._nb_metadata, parent=self, resources=resources))
        return TemplateExporter.from_notebook_node(self, nb, resources, **kw)


def sections(notebooks=paths.NOTEBOOKS[:3]) -> list[tuple[str, str]]:
    """(page, label) of the index and of each notebook's page, in the report's order."""
    return [("index.html", "Summary")] + [
        (f"{Path(n).stem}.html", f"{i}. {Path(n).stem.split('_', 1)[1].replace('_', ' ').capitalize()}")
        for i, n in enumerate(notebooks, start=1)]


def html_exporter() -> HTMLExporter:
    """This thread's exporter of a report's pages: no code, no prompts, no widget-only cells."""
    if getattr(_local, "exporter", None) is None:
        # optimistic_validation: the notebook checked once after its preprocessors, not after each
        # of the thirteen (a quarter of an export)
        exporter = ReportExporter(template_name="report", extra_template_basedirs=[str(paths.TEMPLATES_DIR)],
                                  exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
                                  optimistic_validation=True)
        exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags=set(paths.HIDDEN_TAGS)),
                                       enabled=True)
        _local.exporter = exporter
    return _local.exporter


def export_html(notebook, engagement: Engagement, page: str, footer_lines: list[str]) -> str:
    """HTML of an executed notebook: no code, no prompts, no widget-only cells, nothing remote."""
    pages = sections(paths.notebooks_for(engagement.settings))
    label = dict(pages)[page]
    report = {"client": engagement.settings.client, "subtitle": branding.subtitle(engagement),
              "logo": branding.logo_uri(engagement), "sections": pages, "current": page,
              "footer": footer_lines,
              "css": (paths.TEMPLATES_DIR / "report.css").read_text(encoding="utf-8")
              + branding.accent_css(engagement)}
    body, _ = html_exporter().from_notebook_node(
        notebook, resources={"metadata": {"name": f"{engagement.settings.client}: {label.split('. ', 1)[-1]}"},
                             "report": report})
    return body


def export_pages(engagement: Engagement, executed: dict, staging: Path, footer_lines: list[str]) -> dict:
    """Write each executed notebook's page; the pages' HTML by file name."""
    html = {}
    for name, notebook in executed.items():
        page = f"{Path(name).stem}.html"
        html[page] = export_html(notebook, engagement, page, footer_lines)
        (staging / page).write_text(html[page], encoding="utf-8")
    return html
