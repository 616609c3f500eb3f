"""Paths and fixed names, in one place."""

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = PACKAGE_DIR.parent
NOTEBOOKS_DIR = PROJECT_DIR / "notebooks"
DATA_DIR = PROJECT_DIR / "data"
REPORTS_DIR = PROJECT_DIR / "reports"
TEMPLATES_DIR = PACKAGE_DIR / "templates"
EXAMPLE_ENGAGEMENT = DATA_DIR / "example"

# The notebooks, in the order a report presents them; the HTML page takes the notebook's stem.
NOTEBOOKS = ("01_strategy.ipynb", "02_partner_scoring.ipynb", "03_quality_plan.ipynb",
             "04_matchmaking.ipynb")
# Rendered only for an engagement that names a partner catalogue (``catalogue:`` in engagement.yaml).
CATALOGUE_NOTEBOOK = "04_matchmaking.ipynb"


def notebooks_for(settings) -> tuple[str, ...]:
    """The notebooks an engagement's report holds: the matchmaking page only when it names a
    catalogue."""
    return tuple(n for n in NOTEBOOKS if n != CATALOGUE_NOTEBOOK or settings.catalogue is not None)

# Notebook cells for JupyterLab users only (widgets): never run headless, never in a report.
HIDDEN_TAGS = frozenset({"widgets", "remove"})

ENGAGEMENT_FILE = "engagement.yaml"
CRITERIA_FILE = "criteria.csv"
PARTNERS_FILE = "partners.csv"
SCORES_FILE = "scores.csv"
SUPPLY_FILE = "supply.csv"
AHP_FILE = "ahp.csv"
QUALITY_DIR = "quality"

RESULTS_DIR = "results"
RESULTS_WORKBOOK = "results.xlsx"  # every results table, for the client's analysts
SCORESHEETS_DIR = "scoresheets"  # where scoresheets go by default (git ignores it)


def results_dir(engagement_dir, chosen: str | None = None) -> Path:
    """Where a notebook writes its results: ``chosen`` when given (as ``workbook render`` does),
    otherwise ``reports/<engagement>/results`` for a run in JupyterLab."""
    if chosen:
        return Path(chosen)
    return REPORTS_DIR / Path(engagement_dir).resolve().name / RESULTS_DIR


def display_path(path: Path) -> str:
    """The path as the user would type it: relative to the working directory when inside it,
    absolute otherwise (``../../tmp/x`` helps nobody)."""
    full, here = os.path.abspath(path), os.path.abspath(os.getcwd())
    if full == here:
        return "."
    if full.startswith(here.rstrip(os.sep) + os.sep):
        return os.path.relpath(full, here)
    return full
