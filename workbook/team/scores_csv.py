"""``scores.csv`` as text: rows matched by the names they mean, a stable order, the file's layout kept.

:mod:`workbook.team.judgments` decides what changes; this module writes it, so that a rewrite
changes only the lines whose judgments changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from workbook.core import paths
from workbook.core.files import delimiter, parse_table, read_text
from workbook.core.formula_safe import csv_text
from workbook.core.names import canonical, nfc
from workbook.core.numbers import format_number, parse_number
from workbook.engagement.model import Engagement

NAMES = ("evaluator", "partner", "criterion")


@dataclass(frozen=True)
class Layout:
    """How a CSV file is laid out: its line end, byte-order mark (``"\ufeff"`` or ``""``) and
    delimiter."""

    newline: str = "\n"
    bom: str = ""
    delimiter: str = ","


def file_layout(raw: bytes) -> Layout:
    """The layout of a CSV file's bytes: the line end its first line uses (Excel saves CRLF), its
    byte-order mark, and the delimiter its header uses (Excel in many European locales saves
    semicolons), so that a rewrite changes only the lines whose judgments changed."""
    bom = "\ufeff" if raw.startswith(b"\xef\xbb\xbf") else ""
    lf = raw.find(b"\n")
    end = "\r\n" if lf > 0 and raw[lf - 1:lf] == b"\r" else "\n" if lf >= 0 or b"\r" not in raw \
        else "\r"
    text = raw.decode("utf-8-sig", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    header = next((line for line in text.split("\n") if line.strip()
                   and not line.lstrip().startswith("#")), "")
    return Layout(end, bom, delimiter(header))


def merged_scores_text(engagement: Engagement, rows: list[dict]) -> str:
    """``scores.csv`` with ``rows`` written over the rows of the same names, every row in the
    stable order, as text.

    Parameters
    ----------
    engagement : Engagement
        The engagement whose ``scores.csv`` is rewritten (absent: a new file).
    rows : list of dict
        Cells by column, with ``evaluator``, ``partner`` and ``criterion``; a row whose ``score``
        is None removes the row of those names.

    Notes
    -----
    Rows are matched by the names they mean, whatever accepted spelling they use (``aisha
    rahman`` for ``Aisha Rahman``, ``Apex`` for ``apex``). Other rows keep all their cells (extra
    columns included); only their numbers are written in one way. Comment lines above the header,
    line ends, byte-order mark and delimiter stay as found (:func:`file_layout`).
    """
    path = engagement.path / paths.SCORES_FILE
    text = read_text(path, paths.SCORES_FILE, []) if path.exists() else None
    table = parse_table(text, paths.SCORES_FILE, []) if text else None
    layout = file_layout(path.read_bytes()) if text else Layout()
    columns = list(table.columns) if table is not None else [*NAMES, "score"]
    key = _canonical_key(engagement)
    records = {key(r): dict(r) for r in (table.records if table is not None else [])}
    for row in rows:
        if row.get("score") is None:
            records.pop(key(row), None)
        else:
            records.setdefault(key(row), dict.fromkeys(columns, "")).update(row)
    if "evidence" not in columns and any(r.get("evidence") for r in records.values()):
        columns.append("evidence")  # only when needed: a new column rewrites every line
    return layout.bom + _header_comments(text or "", layout.newline) + format_scores(
        list(records.values()), columns, engagement, layout)


def _canonical_key(engagement: Engagement) -> Callable[[dict], tuple[str, str, str]]:
    """A row's (evaluator, partner, criterion) as the engagement spells them, whatever accepted
    variant the row uses (case, blanks, composed or decomposed accents); as written otherwise."""
    valid = [[nfc(v) for v in values] for values in
             (engagement.settings.evaluators, engagement.partners.index, engagement.criteria.index)]

    def key(record: dict) -> tuple[str, str, str]:
        names = (nfc(record.get(k, "")) for k in NAMES)
        return tuple(canonical(n, v) or n for n, v in zip(names, valid))
    return key


def format_scores(records: list[dict], columns: list[str], engagement: Engagement,
                  layout: Layout = Layout()) -> str:
    """Rows sorted by team, partner and criterion order; scores as short numbers; the layout's
    delimiter and line ends (LF by default); a cell a spreadsheet would run as a formula kept
    inert (``'=…``, as it was read).

    The same judgments always give the same text, whoever writes them, so git diffs stay small
    and two evaluators' changes land in different parts of the file.
    """
    key = _canonical_key(engagement)
    order = [{nfc(v): i for i, v in enumerate(values)} for values in
             (engagement.settings.evaluators, engagement.partners.index, engagement.criteria.index)]

    def rank(record):
        return tuple((o.get(name, len(o)), name) for o, name in zip(order, key(record)))

    def cells(record):
        number = parse_number(record.get("score", ""))
        score = format_number(number) if number is not None else record.get("score", "")
        return [score if c == "score" else record.get(c, "") for c in columns]
    return csv_text(columns, (cells(r) for r in sorted(records, key=rank)), layout.delimiter, layout.newline)


def _header_comments(text: str, newline: str = "\n") -> str:
    kept = []
    for line in text.split("\n"):
        if not line.lstrip().startswith("#"):
            break
        kept.append(line + newline)
    return "".join(kept)
