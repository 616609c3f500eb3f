"""The workbook's exceptions; all derive from :class:`WorkbookError`."""

from __future__ import annotations

from dataclasses import dataclass

# The command's exit status: done, a notebook or render failed, bad input, done with quality alerts
EXIT_OK, EXIT_FAILED, EXIT_INPUT, EXIT_ALERT = 0, 1, 2, 3


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
    """The engagement's files have problems; ``problems`` lists every one of them.

    ``skipped`` says which checks could not run because an input they need is itself broken
    (fixing the problems listed may reveal more).
    """

    def __init__(self, problems: list[Problem], skipped: list[str] | None = None):
        self.problems = list(problems)
        self.skipped = list(skipped or [])
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        """The problems, long runs of the same one summarised, then the checks skipped."""
        return summarise(self.problems) + [f"Not checked until then: {s}." for s in self.skipped]


RUN = 4  # this many rows with the same problem or more are said in one line


def summarise(problems: list[Problem]) -> list[str]:
    """One line per problem, except that a run of ``RUN`` or more rows of one file and column with
    the same problem and fix becomes one line naming the first rows and how many more."""
    groups: dict[tuple, list[Problem]] = {}
    for p in problems:
        key = (p.file, p.sheet, p.column, p.message, p.fix) if p.row is not None else (id(p),)
        groups.setdefault(key, []).append(p)
    lines = []
    for run in groups.values():
        if len(run) < RUN:
            lines += [str(p) for p in run]
            continue
        first = run[0]
        rows = ", ".join(str(p.row) for p in run[:3])
        found = ", ".join(repr(p.value) for p in run[:3] if p.value is not None)
        where = [first.file] + ([f"sheet {first.sheet}"] if first.sheet else [])
        where.append(f"rows {rows} and {len(run) - 3} more rows like these")
        if first.column is not None:
            where.append(f"{'cells in column' if first.sheet else 'column'} {first.column}")
        found = f" (found {found}, ...)" if found else ""
        lines.append(f"{', '.join(where)}: {first.message}{found}. Fix: {first.fix}.")
    return lines


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
