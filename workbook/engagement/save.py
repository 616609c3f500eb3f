"""Writing the team's strategy choices back to ``engagement.yaml``, safely.

The file is edited in round-trip mode so that comments and layout survive; the new text is
validated before it replaces the old one (atomically), and the previous version is kept as
``engagement.yaml.bak``.
"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

from ruamel.yaml import YAML

from workbook.core import paths
from workbook.core.atomic import data_lock, write_atomic
from workbook.core.errors import InputError, Problem
from workbook.core.yaml_files import read_yaml
from workbook.core.vocabulary import DISCIPLINES
from workbook.engagement.settings import check_settings


def save_strategy(folder, own: dict[str, float] | None = None,
                  shares: dict[str, float] | None = None, blend: float | None = None) -> Path:
    """Set the company's profile, segment shares and blend in ``folder/engagement.yaml``.

    Returns the backup's path. Raises InputError (and writes nothing) when the result would not
    validate.
    """
    path = Path(folder) / paths.ENGAGEMENT_FILE
    with data_lock(path.parent):  # read, change and write as one step: no concurrent save is lost
        original = path.read_text(encoding="utf-8")
        yaml = YAML()  # round-trip: keeps comments, order and quoting
        yaml.preserve_quotes = True
        yaml.width = 10_000  # never re-wrap the user's long lines
        mapping, offset = guess_layout(original)
        yaml.indent(mapping=mapping, sequence=offset + 2, offset=offset)
        data = yaml.load(original)
        strategy = data["strategy"]
        for d, value in (own or {}).items():
            if d in DISCIPLINES:
                strategy["own"][d] = _plain(value)
        for segment in strategy["customers"]:
            if shares and segment["name"] in shares:
                segment["share"] = _plain(shares[segment["name"]])
        if blend is not None:
            strategy["blend"] = _plain(blend)
        buffer = io.StringIO()
        yaml.dump(data, buffer)
        text = buffer.getvalue()
        _validate(path, text)
        backup = path.with_name(path.name + ".bak")
        shutil.copy2(path, backup)
        write_atomic(path, text)
    return backup


def guess_layout(text: str) -> tuple[int, int]:
    """The file's key indentation step, and how far list dashes sit right of their parent key.

    Defaults: 2 and 0.
    """
    mapping, offset = None, None
    parents: list[int] = []  # indentation of the keys that open a block
    for line in text.splitlines():
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(line) - len(stripped)
        if stripped.startswith("- "):
            parent = max((p for p in parents if p <= indent), default=None)
            if offset is None and parent is not None:
                offset = indent - parent
            continue
        if re.match(r"[^:#]+:", stripped):
            below = [p for p in parents if p < indent]
            if mapping is None and below:
                mapping = indent - max(below)
            parents = [p for p in parents if p < indent] + [indent]
    return mapping or 2, offset or 0


def _plain(value: float):
    """Whole numbers as ints, others rounded to 4 decimals, so the file stays readable."""
    value = round(float(value), 4)
    return int(value) if value.is_integer() else value


def _validate(path: Path, text: str) -> None:
    problems: list[Problem] = []
    probe = path.with_name(f".{path.name}.check")
    probe.write_text(text, encoding="utf-8")
    try:
        doc = read_yaml(probe, str(path), problems)
        if doc is not None:
            check_settings(doc, problems)
    finally:
        probe.unlink(missing_ok=True)
    if problems:
        raise InputError(problems)
