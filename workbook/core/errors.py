"""The workbook's exceptions; all derive from :class:`WorkbookError`."""

from __future__ import annotations

from dataclasses import dataclass


class WorkbookError(Exception):
    """Base class of every error the workbook raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located the way a spreadsheet user would look for it.

    Parameters
    ----------
    file : str
        The file, as the user named it (relative to where they ran the command).
    row : int or None
        The row as a spreadsheet shows it (the header is row 1), or the line in a YAML file;
        None for the whole file.
    column : str or None
        The column (CSV) or dotted key (YAML); None for the whole row or file.
    value : object
        The offending value, shown with ``repr`` so that blanks and spaces are visible.
    message : str
        What is wrong.
    fix : str
        What to do about it.
    sheet : str or None
        The sheet of a spreadsheet workbook (``.xlsx``); then ``row`` and ``column`` (a letter)
        name a cell, shown as ``cell D7``.
    """

    file: str
    row: int | None
    column: str | None
    value: object
    message: str
    fix: str
    sheet: str | None = None

    def __str__(self) -> str:
        yaml = self.file.endswith((".yaml", ".yml"))
        where = [self.file]
        if self.sheet is not None:
            where.append(f"sheet {self.sheet}")
            if self.row is not None and self.column is not None:
                where.append(f"cell {self.column}{self.row}")
            elif self.row is not None:
                where.append(f"row {self.row}")
        else:
            if self.row is not None:
                where.append(f"{'line' if yaml else 'row'} {self.row}")
            if self.column is not None:
                where.append(f"{'key' if yaml else 'column'} {self.column}")
        value = "" if self.value is None else f" (found {self.value!r})"
        return f"{', '.join(where)}: {self.message}{value}. Fix: {self.fix}."


class InputError(WorkbookError):
    """The engagement's files have problems; ``problems`` lists every one of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(WorkbookError):
    """The command was asked for something it cannot do (existing target folder, …)."""


class NotebookFailed(WorkbookError):
    """A notebook raised while rendering.

    Attributes
    ----------
    notebook : str
        The notebook's file name.
    cell : int or None
        The execution count of the failing cell, when known.
    kept : str
        Where the executed notebook was kept for inspection.
    """

    def __init__(self, notebook: str, cell: int | None, reason: str, kept: str):
        self.notebook, self.cell, self.reason, self.kept = notebook, cell, reason, kept
        at = f" at cell [{cell}]" if cell is not None else ""
        super().__init__(
            f"notebook {notebook} failed{at}: {reason}\n"
            f"The executed notebook is kept for inspection: {kept}"
        )
