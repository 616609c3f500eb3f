"""Large tracking files read a column at a time (workbook.engagement.bulk) mean what the careful,
cell-by-cell reading means: the same series from the same rows, and a broken file still gets the
careful reading's exact messages."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from workbook.cli import main
from workbook.core import paths
from workbook.engagement import bulk, quality_files
from workbook.engagement.model import load_engagement
from workbook.quality.assessment import cut_at, measured_until
from workbook.quality.plan import engagement_plan
from workbook.quality.tracking import track
from workbook.strategy.analysis import analyse_strategy


def _series(folder):
    engagement = load_engagement(folder)
    as_of = measured_until(engagement)
    quality, _ = cut_at(engagement.quality, as_of)
    plan = engagement_plan(engagement, analyse_strategy(engagement.settings))
    return engagement, track(plan, quality, as_of, engagement.settings.offering.measure_families)


@pytest.mark.parametrize("name", ["fulfilment", "contact-centre", "example", "service-desk"])
def test_the_column_reading_gives_the_careful_readings_series(monkeypatch, name):
    careful_engagement, careful = _series(paths.DATA_DIR / name)
    monkeypatch.setattr(quality_files, "BULK_BYTES", 0)  # every file is large
    read = []
    monkeypatch.setattr(bulk, "_read", lambda *a, _read=bulk._read, **k: read.append(a[0].name) or _read(*a, **k))
    engagement, fast = _series(paths.DATA_DIR / name)
    assert "deliveries.csv" in read and (name == "example" or "observations.csv" in read)
    # the column way was taken: datetime64 columns, not dates cell by cell
    assert pd.api.types.is_datetime64_any_dtype(engagement.quality.deliveries["promised"])
    assert not pd.api.types.is_datetime64_any_dtype(careful_engagement.quality.deliveries["promised"])
    assert fast.keys() == careful.keys()
    for measure in careful:
        pd.testing.assert_frame_equal(fast[measure].reset_index(drop=True), careful[measure].reset_index(drop=True),
                                      check_dtype=False, obj=measure)
    assert measured_until(engagement) == measured_until(careful_engagement)


@pytest.fixture
def fulfilment(tmp_path, monkeypatch):
    folder = shutil.copytree(paths.DATA_DIR / "fulfilment", tmp_path / "fulfilment")
    monkeypatch.chdir(folder)
    monkeypatch.setattr(quality_files, "BULK_BYTES", 0)
    return folder


@pytest.mark.parametrize("old,new,expected", [
    (",2026-03-02,", ",02/03/2026,", "column order_date: the dates are written DD/MM/YYYY or MM/DD/YYYY"),
    ("FH-000003,", "FH-000002,", "column order: the order is listed already on row"),
    (",Online shoppers,", ",Online shopper,", "column segment: this is not a customer segment"),
])
def test_a_large_file_with_a_bad_cell_gets_the_careful_message(fulfilment, capsys, old, new, expected):
    path = fulfilment / "quality" / "deliveries.csv"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    assert main(["validate", "."]) == 2
    assert expected in capsys.readouterr().err


def test_a_large_observations_file_in_the_wrong_unit_gets_the_careful_message(fulfilment, capsys):
    path = fulfilment / "quality" / "observations.csv"
    path.write_text(path.read_text().replace(",97.04,6696,%,", ",97.04,6696,,", 1))
    assert main(["validate", "."]) == 2
    assert capsys.readouterr().err.splitlines()[0].startswith(
        "quality/observations.csv, row 3, column value: returns_within_48h is a share")
