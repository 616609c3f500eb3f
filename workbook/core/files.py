"""Reading the engagement's CSV files as text, keeping the positions a user needs to find a problem.

Nothing here judges the content; :mod:`workbook.validation` does. Every reader returns what it
could read and the problems it met, so that all problems can be reported at once.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from workbook.core.errors import Problem
from workbook.core.formula_safe import restore
from workbook.core.numbers import decimal_marks, file_mark

SAVE_AS_UTF8 = "save it as UTF-8 text (in Excel: Save As, then 'CSV UTF-8 (Comma delimited)')"


@dataclass
class Table:
    """A CSV file read as text: header, records and the spreadsheet row of each record."""

    file: str
    columns: list[str] = field(default_factory=list)
    records: list[dict[str, str]] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)
    decimal: str | None = None  # the decimal mark its numbers use (workbook.core.numbers)
    dates: dict[str, str | None] = field(default_factory=dict)  # column -> non-ISO format found

    def __iter__(self):
        return iter(zip(self.rows, self.records))

    def __len__(self) -> int:
        return len(self.records)


def read_text(path: Path, file: str, problems: list[Problem]) -> str | None:
    """Return the file's text (BOM removed, line ends unified) or None after noting why not."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        problems.append(Problem(file, None, None, None, "the file is missing",
                                "create it (`workbook new` writes a commented template)"))
        return None
    except OSError as exc:
        problems.append(Problem(file, None, None, None, f"the file cannot be read ({exc.strerror})",
                                "check that it is a readable file"))
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        encoding, sample = _encoding(raw, exc.start)
        problems.append(Problem(file, line, None, sample,
                                f"the file is in {encoding}, not UTF-8" if encoding else
                                "the file is not UTF-8 text", SAVE_AS_UTF8))
        return None
    if "\x00" in text:  # valid UTF-8 on its face, but every other byte zero: UTF-16 without a BOM
        encoding, sample = _wide_encoding(raw)
        if encoding:
            problems.append(Problem(file, None, None, sample, f"the file is in {encoding}, not UTF-8",
                                    SAVE_AS_UTF8))
            return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _wide_encoding(raw: bytes) -> tuple[str | None, str | None]:
    """The UTF-16 or UTF-32 flavour a file without a byte-order mark is in, judged by where its
    zero bytes fall (Latin text in UTF-16LE has one after every letter), and its first line as
    that encoding reads it."""
    head = raw[:4000]
    for codec, name, width, zeros in (
            ("utf-32-le", "UTF-32 (little-endian, without a byte-order mark)", 4, (1, 2, 3)),
            ("utf-32-be", "UTF-32 (big-endian, without a byte-order mark)", 4, (0, 1, 2)),
            ("utf-16-le", "UTF-16 (little-endian, without a byte-order mark)", 2, (1,)),
            ("utf-16-be", "UTF-16 (big-endian, without a byte-order mark)", 2, (0,))):
        units = len(head) // width
        if not units or any(sum(head[i * width + z] == 0 for i in range(units)) < 0.6 * units
                            for z in zeros):
            continue
        try:
            text = head[: units * width].decode(codec)
        except UnicodeDecodeError:
            continue
        return name, text.split("\n", 1)[0].strip()[:60]
    return None, None


def _encoding(raw: bytes, at: int) -> tuple[str | None, str]:
    """The encoding a file that is not UTF-8 is most likely in, and the text around the first
    byte UTF-8 could not read, as that encoding shows it (the raw byte when none fits)."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "UTF-16", raw[at:at + 1].hex(" ")
    start = raw.rfind(b"\n", 0, at) + 1
    end = raw.find(b"\n", at)
    line = raw[start:end if end >= 0 else len(raw)].rstrip(b"\r")
    for codec, name in (("cp1252", "Windows-1252 (Excel's usual Western encoding)"),
                        ("mac_roman", "Mac Roman")):
        try:
            return name, line.decode(codec)
        except UnicodeDecodeError:
            continue
    return None, raw[at:at + 1].hex(" ")


def delimiter(header_line: str) -> str:
    """The delimiter a CSV header line uses: comma, semicolon or tab (comma when none)."""
    # Excel in many European locales saves "CSV" with semicolons; accept it rather than fail.
    counts = {d: header_line.count(d) for d in ",;\t"}
    best = max(counts, key=counts.get)
    return best if counts[best] > 0 else ","


def read_table(path: Path, file: str, problems: list[Problem]) -> Table | None:
    """Read a CSV file saved by a spreadsheet or an editor.

    UTF-8 with or without BOM, LF or CRLF, comma, semicolon or tab delimited. Blank rows and rows
    whose first cell starts with ``#`` (template comments) are skipped, but still counted, so that
    row numbers match what a spreadsheet shows. Cells are stripped of surrounding blanks.
    """
    text = read_text(path, file, problems)
    return None if text is None else parse_table(text, file, problems)


def parse_table(text: str, file: str, problems: list[Problem]) -> Table | None:
    """:func:`read_table` on text already read (by :func:`read_text`)."""
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines)
                  if line.strip() and not line.lstrip().startswith("#")), None)
    if first is None:
        problems.append(Problem(file, None, None, None, "the file has no header row",
                                "write the column names on the first row"))
        return None
    nul = [n for n, line in enumerate(lines, start=1) if "\x00" in line]
    if nul:  # csv would read it into a cell that prints as nothing
        problems.append(Problem(file, nul[0], None, None,
                                "the row holds a NUL character, which no spreadsheet writes",
                                "save the file again from the spreadsheet as CSV UTF-8"))
        return None
    reader = csv.reader(io.StringIO(text), delimiter=delimiter(lines[first]))
    table = Table(file)
    try:
        parsed = list(reader)
    except csv.Error as exc:
        problems.append(Problem(file, reader.line_num, None, None, f"the file is not valid CSV ({exc})",
                                "save it again from the spreadsheet as CSV"))
        return None
    header_seen = False
    # csv.reader yields one list per record; a quoted cell may span lines, so track line numbers.
    row_number = 0
    for cells in parsed:
        row_number += 1
        cells = [restore(c.strip()) for c in cells]  # '=x as the workbook writes it is =x
        if not any(cells) or cells[0].startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            table.columns = _header(cells, file, row_number, problems)
            continue
        if len(cells) > len(table.columns) and any(cells[len(table.columns):]):
            extra = [c for c in cells[len(table.columns):] if c]
            problems.append(Problem(file, row_number, None, extra[0],
                                    f"the row has more cells than the header has columns "
                                    f"({len(cells)} > {len(table.columns)})",
                                    "remove the extra cells or add a column name to the header"))
        cells = cells + [""] * (len(table.columns) - len(cells))
        table.records.append(dict(zip(table.columns, cells)))
        table.rows.append(row_number)
    table.decimal = file_mark(decimal_marks(cell for record in table.records for cell in record.values()))
    return table


def _header(cells: list[str], file: str, row: int, problems: list[Problem]) -> list[str]:
    while cells and not cells[-1]:
        cells = cells[:-1]  # trailing empty header cells are spreadsheet noise
    seen: set[str] = set()
    for i, name in enumerate(cells, start=1):
        if not name:
            problems.append(Problem(file, row, f"#{i}", name, "a column has no name",
                                    "write a name in the header or delete the column"))
        elif name in seen:
            problems.append(Problem(file, row, name, name, "the column name appears twice",
                                    "rename or delete one of the two columns"))
        seen.add(name)
    return cells


def input_paths(folder: Path) -> list[Path]:
    """Every input file of the engagement at ``folder``, in order: hidden files and folders and
    backups (``.bak``) left out. What a render's provenance hashes and what tells a kernel that
    the engagement it was handed is still the one on disk."""
    return [p for p in sorted(folder.rglob("*")) if p.is_file() and p.suffix != ".bak"
            and not any(part.startswith(".") for part in p.relative_to(folder).parts)]
