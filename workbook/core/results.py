"""Writing the machine-readable results (``results/``) that reports and other tools read."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from workbook.core.atomic import write_atomic


def write_csv(frame: pd.DataFrame, folder, name: str, index: bool = False) -> Path:
    """Write ``frame`` as ``folder/name`` (UTF-8, LF line ends, full float precision)."""
    path = Path(folder) / name
    write_atomic(path, frame.to_csv(index=index, lineterminator="\n"))
    return path


def write_json(data: dict, folder, name: str) -> Path:
    path = Path(folder) / name
    write_atomic(path, json.dumps(data, indent=2, ensure_ascii=False, default=float) + "\n")
    return path


def read_csv(folder, name: str) -> pd.DataFrame:
    return pd.read_csv(Path(folder) / name, keep_default_na=False, na_values=[""])
