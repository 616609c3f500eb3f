"""Files and folders replaced in one step, so that a reader, or a killed render, never sees half of one.

- :func:`write_atomic`, :func:`write_csv` and :func:`write_json` replace a file in one step.
- :func:`exchange` swaps two folders in one step where the system allows it (Linux
  ``renameat2(RENAME_EXCHANGE)``), so the report's path never stops holding a complete report;
  elsewhere it falls back to two renames.
- :func:`engagement_lock` serialises renders of one engagement (the second waits).
- :func:`data_lock` serialises writes to an engagement's data files (imports, saves from the
  notebooks), so two evaluators saving at once both land.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import fcntl
import json
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from workbook.core.formula_safe import neutralise_frame, restore

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def public_mode(directory: bool = False) -> int:
    """The permissions a plain ``open`` or ``mkdir`` would give under the current umask
    (temporary files and folders are created private, and a report is meant to be shared)."""
    mask = os.umask(0)
    os.umask(mask)
    return (0o777 if directory else 0o666) & ~mask


@contextlib.contextmanager
def replacing(path: Path):
    """Yield a temporary path beside ``path``; when the block ends without error, the file written
    there replaces ``path`` in one step (otherwise it is removed and ``path`` is untouched)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, public_mode())
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` so that a reader never sees half a file."""
    with replacing(path) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="")


def write_csv(frame: pd.DataFrame, folder, name: str, index: bool = False) -> Path:
    """Write ``frame`` as ``folder/name`` (UTF-8, LF line ends, full float precision), every text
    cell a spreadsheet would run as a formula made inert (:mod:`workbook.core.formula_safe`)."""
    path = Path(folder) / name
    safe = neutralise_frame(frame).replace({r"\r\n?": "\n"}, regex=True)  # a lone CR would end the row
    write_atomic(path, safe.to_csv(index=index, lineterminator="\n"))
    return path


def write_json(data: dict, folder, name: str) -> Path:
    path = Path(folder) / name
    write_atomic(path, json.dumps(data, indent=2, ensure_ascii=False, default=float) + "\n")
    return path


# Ids and names stay text when read back: partner 0101 is not the number 101.
ID_COLUMNS = ("partner", "criterion", "evaluator", "kpi_id", "segment", "name", "to_do", "fact")


def read_csv(folder, name: str) -> pd.DataFrame:
    """A CSV file written by :func:`write_csv`, read back with its text as it was."""
    frame = pd.read_csv(Path(folder) / name, keep_default_na=False, na_values=[""],
                        dtype={c: str for c in ID_COLUMNS})
    for column in frame.columns:
        values = frame[column]
        # only a cell written with an apostrophe changes: most columns have none, and stay as read
        if not pd.api.types.is_numeric_dtype(values) and \
                any(isinstance(v, str) and v.startswith("'") for v in values.to_numpy(object)):
            frame[column] = values.map(lambda v: restore(v) if isinstance(v, str) else v)
    frame.columns = [restore(str(c)) for c in frame.columns]
    return frame


def read_if_present(folder, name: str) -> pd.DataFrame | dict | None:
    """A results file read back (a CSV as a DataFrame, a JSON file as a dict), or None when
    there is none."""
    path = Path(folder) / name
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8")) if path.suffix == ".json" else read_csv(folder, name)


def _renameat2():
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        function = libc.renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return function


_RENAMEAT2 = _renameat2()


def exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths atomically; False when the system cannot (then nothing moved)."""
    if _RENAMEAT2 is None:
        return False
    if _RENAMEAT2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EPERM, errno.EXDEV, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def swap_in(staging: Path, final: Path) -> Path:
    """Put the finished ``staging`` folder at ``final``; the old report is removed afterwards."""
    if not final.exists():
        staging.rename(final)
        return final
    if exchange(staging, final):
        shutil.rmtree(staging, ignore_errors=True)  # it now holds the old report
        return final
    old = final.with_name(f".{final.name}.previous")
    shutil.rmtree(old, ignore_errors=True)
    final.rename(old)
    staging.rename(final)
    shutil.rmtree(old, ignore_errors=True)
    return final


@contextlib.contextmanager
def engagement_lock(out: Path, name: str, on_wait=None):
    """Hold ``out/.<name>.lock`` for the block; wait for another holder, telling ``on_wait``."""
    out.mkdir(parents=True, exist_ok=True)
    with open(out / f".{name}.lock", "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait is not None:
                on_wait(f"another render of {name} is running; waiting for it to finish ...")
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def data_lock(folder: Path):
    """Hold an exclusive lock on the engagement folder itself for the block.

    The lock is taken on the folder (``flock`` on its descriptor), so no lock file is left among
    the data; every writer of the engagement's files reads, changes and writes inside it.
    """
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def remove_leftovers(out: Path, name: str) -> None:
    """Staging folders of earlier renders that were killed (call while holding the lock)."""
    for stale in out.glob(f".{name}.rendering-*"):
        shutil.rmtree(stale, ignore_errors=True)
    shutil.rmtree(out / f".{name}.previous", ignore_errors=True)
