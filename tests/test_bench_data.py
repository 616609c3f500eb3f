"""The data `make bench` generates: what the benchmarks time must be the data their sections describe."""

import sys

import pandas as pd

from workbook.core import paths

sys.path.insert(0, str(paths.PROJECT_DIR / "benchmarks"))
import bench_tracking  # noqa: E402


def test_the_tracking_year_is_the_csv_pandas_would_write(tmp_path):
    """The year of orders is written as text from numpy arrays: pandas reads it back and writes
    the same bytes, the rows run by promised date (ties in the order drawn), and the weekly
    totals count every order."""
    bench_tracking.write_year(tmp_path, orders=3_000)
    file = tmp_path / "events" / "quality" / "deliveries.csv"
    written = file.read_text(encoding="utf-8")
    frame = pd.read_csv(file, dtype=str, keep_default_na=False)
    assert frame.to_csv(index=False) == written
    assert len(frame) == 3_000 and frame["order"].is_unique
    key = pd.DataFrame({"promised": frame["promised"], "n": frame["order"].str[3:].astype(int)})
    assert key.equals(key.sort_values(["promised", "n"]))  # by date, then as drawn
    assert set(frame["accepted"]) <= {"yes", "no", ""} and set(frame["segment"]) == set(bench_tracking.SEGMENTS)
    assert (frame["delivered"] >= frame["promised"]).all() and (frame["promised"] >= frame["order_date"]).all()
    weekly = pd.read_csv(tmp_path / "weekly" / "quality" / "observations.csv")
    assert weekly["n"].sum() == 3_000
    on_time = ((frame["delivered"] <= frame["promised"])
               & (frame["delivered_qty"].astype(int) >= frame["ordered_qty"].astype(int))).sum()
    assert round((weekly["value"] / 100 * weekly["n"]).sum()) == on_time
