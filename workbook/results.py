"""Writing the machine-readable results (``results/``) that reports and other tools read."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pandas as pd


def public_mode(directory: bool = False) -> int:
    """The permissions a plain ``open`` or ``mkdir`` would give under the current umask
    (temporary files and folders are created private, and a report is meant to be shared)."""
    mask = os.umask(0)
    os.umask(mask)
    return (0o777 if directory else 0o666) & ~mask


def _atomic_write(path: Path, text: str) -> None:
    """Write through a temporary file in the same folder, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.chmod(tmp, public_mode())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_csv(frame: pd.DataFrame, folder, name: str, index: bool = False) -> Path:
    """Write ``frame`` as ``folder/name`` (UTF-8, LF line ends, full float precision)."""
    path = Path(folder) / name
    _atomic_write(path, frame.to_csv(index=index, lineterminator="\n"))
    return path


def write_json(data: dict, folder, name: str) -> Path:
    path = Path(folder) / name
    _atomic_write(path, json.dumps(data, indent=2, ensure_ascii=False, default=float) + "\n")
    return path


def read_csv(folder, name: str) -> pd.DataFrame:
    return pd.read_csv(Path(folder) / name, keep_default_na=False, na_values=[""])
