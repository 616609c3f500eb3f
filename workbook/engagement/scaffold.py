"""``workbook new``: a fresh engagement folder from commented templates."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from workbook.core import paths
from workbook.core.atomic import public_mode
from workbook.core.errors import UsageError
from workbook.core.paths import display_path

TEMPLATE_FILES = (paths.ENGAGEMENT_FILE, paths.CRITERIA_FILE, paths.PARTNERS_FILE,
                  paths.SCORES_FILE, paths.SUPPLY_FILE)


def new_engagement(folder) -> Path:
    """Create ``folder`` with the templates; refuse to touch an existing, non-empty folder."""
    target = Path(folder).resolve()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise UsageError(f"{display_path(target)} already exists and is not empty; "
                         "choose a new name or remove it first")
    target.parent.mkdir(parents=True, exist_ok=True)
    # Build beside the target and rename, so an interrupted run never leaves half a folder.
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.new-"))
    staging.chmod(public_mode(directory=True))
    try:
        for name in TEMPLATE_FILES:
            shutil.copyfile(paths.TEMPLATES_DIR / name, staging / name)
        if target.exists():
            target.rmdir()
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target
