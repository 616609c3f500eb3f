"""The engagement a render loads once and hands to its notebooks' kernels (workbook.engagement.handover):
used instead of the files only while no file has changed, and always as a copy of its own."""

from __future__ import annotations

import os
import shutil

import pytest

from workbook.core import paths
from workbook.engagement import handover, model
from workbook.engagement.model import load_engagement


@pytest.fixture
def example(tmp_path):
    folder = shutil.copytree(paths.DATA_DIR / "example", tmp_path / "example")
    yield folder
    handover.receive(None)


def handed_over(folder):
    read = handover.fingerprint(folder)
    engagement = load_engagement(folder)
    return read, engagement


def test_a_kernel_told_of_the_file_reads_no_file_of_the_engagement(example, monkeypatch):
    read, engagement = handed_over(example)
    with handover.handing(engagement, read) as path:
        handover.receive(path)
    assert not os.path.exists(path)  # removed with the render; the kernel holds its copy
    monkeypatch.setattr(model, "read_table", lambda *a: pytest.fail("a file was read again"))
    first, second = load_engagement(example), load_engagement(example)
    assert first.settings == engagement.settings and first.scores.equals(engagement.scores)
    first.partners.loc[first.partners.index[0], "name"] = "Changed by a notebook"
    assert second.partners["name"].iloc[0] == engagement.partners["name"].iloc[0]  # a copy each


@pytest.mark.parametrize("change", ["edit", "add", "remove"])
def test_a_file_changed_after_the_render_began_reading_is_read_again(example, change):
    read, engagement = handed_over(example)
    scores = example / "scores.csv"
    if change == "edit":  # one judgment changed, same length
        text = scores.read_text()
        scores.write_text(text.replace(",4,", ",5,", 1))
        assert scores.read_text() != text
    elif change == "add":
        (example / "quality" / "notes.txt").write_text("read by no one, yet a change")
    else:
        (example / "quality" / "complaints.csv").unlink()
    with handover.handing(engagement, read) as path:
        handover.receive(path)
    again = load_engagement(example)
    if change == "edit":
        assert not again.scores.equals(engagement.scores)
    elif change == "remove":
        assert again.quality.complaints is None and engagement.quality.complaints is not None
    assert handover.received(example.resolve()) is None


def test_another_folder_and_a_forgotten_handover_are_read_from_their_files(example, tmp_path):
    read, engagement = handed_over(example)
    other = shutil.copytree(example, tmp_path / "other")
    with handover.handing(engagement, read) as path:
        handover.receive(path)
        assert handover.received(other.resolve()) is None
        assert handover.received(example.resolve()) is not None
        handover.receive(None)
        assert handover.received(example.resolve()) is None
