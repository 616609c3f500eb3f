"""An engagement read and validated once per render, handed to the kernels that run its notebooks.

The renderer loads the engagement, then :func:`handing` writes it, pickled, to a file of its own
in a private temporary folder (removed when the render ends). Each notebook's kernel is told of
that file before the notebook starts (:func:`receive`, called by ``workbook.report.warm.fresh``),
and :func:`~workbook.engagement.model.load_engagement` of the same folder then returns a copy of
the renderer's engagement instead of reading and validating every file again, unless a file of
the folder changed after the renderer began reading it. A kernel never takes an engagement from
the engagement's or the report's folders, so nothing a user can write there is ever unpickled.
"""

from __future__ import annotations

import os
import pickle
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from workbook.core.files import input_paths

_received: dict = {}


def fingerprint(folder: Path) -> tuple:
    """Every input file of ``folder`` (:func:`~workbook.core.files.input_paths`) with its size and
    modification time: what any change to the engagement's files changes."""
    found = []
    for path in input_paths(folder):
        try:
            stat = path.stat()
        except OSError:  # removed meanwhile: the fingerprint still differs from a later one
            continue
        found.append((path.relative_to(folder).as_posix(), stat.st_size, stat.st_mtime_ns))
    return tuple(found)


@contextmanager
def handing(engagement, read: tuple):
    """The path of a file holding ``engagement`` (its folder's :func:`fingerprint` as it was
    before it was read: ``read``) for the render's kernels; None when it cannot be pickled."""
    try:
        data = pickle.dumps((str(engagement.path), read, pickle.dumps(engagement, pickle.HIGHEST_PROTOCOL)),
                            pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError):
        yield None
        return
    folder = tempfile.mkdtemp(prefix="workbook-engagement-")  # readable by this user alone
    path = os.path.join(folder, "engagement.pickle")
    try:
        with open(path, "wb") as file:
            file.write(data)
        yield path
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def receive(path: str | None) -> None:
    """Take the engagement the renderer handed over at ``path`` (None: forget the last one)."""
    _received.clear()
    if path:
        with open(path, "rb") as file:
            _received["folder"], _received["read"], _received["data"] = pickle.load(file)


def received(folder: Path):
    """A copy of the handed-over engagement of ``folder`` (resolved), or None when none was handed
    over for it or one of its files has changed since it was read."""
    if _received.get("folder") != str(folder) or fingerprint(folder) != _received["read"]:
        return None
    return pickle.loads(_received["data"])
