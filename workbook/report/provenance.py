"""What a report was computed from: ``manifest.json``, and whether a render is still current.

The manifest holds the input files' SHA-256, the notebooks' and the package's fingerprints, the
parameters, the package versions, and start and end times and status per notebook. A report whose
inputs, notebooks and package are unchanged since its last good render need not be rendered again.
"""

from __future__ import annotations

import hashlib
import json
import platform
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

from workbook import __version__
from workbook.catalogue.store import digest, locate, open_catalogue, reading
from workbook.core.files import input_paths
from workbook.core import paths
from workbook.core.yaml_files import read_yaml
from workbook.engagement.catalogue_link import link_as_written

MANIFEST = "manifest.json"
PACKAGES = ("pandas", "numpy", "matplotlib", "papermill", "nbconvert", "nbclient", "ipykernel",
            "pyyaml", "ruamel.yaml")


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def _digest(files: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(files, sort_keys=True).encode()).hexdigest()


def input_files(folder: Path, catalogue=None) -> dict[str, str]:
    """SHA-256 of every file of the engagement (backups and hidden files left out), and of its
    partner catalogue's content when it names one (so that a changed catalogue renders again):
    ``catalogue``, its :func:`catalogue_snapshot` when taken already."""
    files = {p.relative_to(folder).as_posix(): sha256(p) for p in input_paths(folder)}
    catalogue = catalogue_snapshot(folder) if catalogue is None else catalogue
    if catalogue:
        files[f"catalogue {catalogue['location']}"] = catalogue["snapshot"]
    return files


AS_WRITTEN = object()  # read from engagement.yaml as written, before the engagement is loaded


def catalogue_snapshot(folder: Path, link=AS_WRITTEN) -> dict | None:
    """The catalogue an engagement names (``link``, the loaded engagement's; else read from its
    engagement.yaml as written), as ``{"location", "snapshot"}`` (the digest of its whole
    content), or None when it names none. Raises UsageError when it cannot be opened."""
    if link is AS_WRITTEN:
        link, _ = link_as_written(folder)
    if link is None:
        return None
    catalogue = open_catalogue(locate(None, link, folder), create=False)
    with reading(catalogue) as conn:
        return {"location": catalogue.shown, "snapshot": digest(conn)}


def inputs_digest(folder: Path) -> str:
    """One digest of every input file of the engagement at ``folder``."""
    return _digest(input_files(folder))


def code_fingerprints() -> dict[str, str]:
    """Fingerprints of the notebooks and of the package's code and templates."""
    package = {p.relative_to(paths.PACKAGE_DIR).as_posix(): sha256(p)
               for p in sorted(paths.PACKAGE_DIR.rglob("*"))
               if p.is_file() and p.suffix in (".py", ".j2", ".css", ".json")}
    return {"notebooks": _digest({n: sha256(paths.NOTEBOOKS_DIR / n) for n in paths.NOTEBOOKS}),
            "package": _digest(package)}


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def versions() -> dict[str, str]:
    found = {"workbook": __version__, "python": platform.python_version()}
    for name in PACKAGES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            pass
    return found


def new_manifest(engagement_path: Path, source: str, parameters: dict, catalogue=None) -> dict:
    """The manifest of a render starting now; ``catalogue`` as for :func:`input_files`."""
    inputs = input_files(engagement_path, catalogue)
    return {"engagement": engagement_path.name, "source": source, "status": "running",
            "started": now(), "finished": None, "inputs": inputs, "inputs_digest": _digest(inputs),
            "fingerprints": code_fingerprints(), "parameters": parameters, "versions": versions(),
            "notebooks": {}, "pdf": None}


def read_manifest(report: Path) -> dict | None:
    try:
        return json.loads((report / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def render_options(engagement_path: Path, pdf: bool, today: str | None = None, as_of=AS_WRITTEN) -> dict:
    """What a render was asked for beyond its inputs: whether to print a PDF, and the day it ran
    when the quality figures are measured to "today" (``as_of``, the loaded engagement's; else
    read from its engagement.yaml as written), so such a report is redone every day."""
    if as_of is AS_WRITTEN:
        doc = read_yaml(engagement_path / paths.ENGAGEMENT_FILE, paths.ENGAGEMENT_FILE, [])
        as_of = doc.data.get("as_of") if doc is not None and isinstance(doc.data, dict) else None
    measured_to_today = str(as_of).strip().lower() == "today"
    return {"pdf": pdf, "day": (today or now()[:10]) if measured_to_today else None}


def is_current(engagement_path: Path, report: Path, options: dict | None = None) -> bool:
    """True when ``report`` rendered fine from exactly these inputs, notebooks, package and
    options, and holds everything those options ask for (the PDF, when one was wanted)."""
    last = read_manifest(report)
    options = options or render_options(engagement_path, pdf=True)
    return bool(last) and last.get("status") == "ok" \
        and last.get("inputs_digest") == _digest(input_files(engagement_path)) \
        and last.get("fingerprints") == code_fingerprints() \
        and last.get("options") == options \
        and (not options.get("pdf") or bool(last.get("pdf")) and (report / "report.pdf").is_file())


def short(digest: str) -> str:
    return digest[:12]
