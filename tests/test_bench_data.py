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


def test_a_batch_is_timed_as_its_engagements_end():
    """The cluster part's cost per engagement once running comes from the progress lines `render
    --all` writes as each engagement ends (other lines are not ends): by hand, ends at 5.0, 7.0 and
    9.5 s are 2.25 s each."""
    import bench_render
    script = ("import sys, time\n"
              "time.sleep(0.2); print('[1/3] a: ok (0.2 s)', file=sys.stderr, flush=True)\n"
              "print('a note, not an end', file=sys.stderr, flush=True)\n"
              "time.sleep(0.3); print('[2/3] b: ok (0.3 s)', file=sys.stderr, flush=True)\n"
              "time.sleep(0.3); print('[3/3] c: alerts (0.3 s)', file=sys.stderr, flush=True)\n"
              "sys.exit(3)\n")  # 3: rendered, with early warnings
    seconds, ended = bench_render.timed_batch([sys.executable, "-c", script], retries=0)
    # a line is read no sooner than it is written, after the sleeps before it (later, by any delay)
    assert len(ended) == 3 and seconds >= ended[2] >= 0.8 and ended[1] >= 0.5 and ended[0] >= 0.2
    assert ended == sorted(ended)
    assert bench_render.steady(ended) == (ended[2] - ended[0]) / 2
    assert bench_render.steady([5.0, 7.0, 9.5]) == 2.25


def test_the_cluster_part_compares_the_median_round_of_each_side():
    """One slow round (the machine's speed moves by a fifth within a minute) does not decide the
    cluster's figure: each side's is the median of its three rounds, figure by figure."""
    import bench_render
    assert bench_render.CLUSTER_ORDER.count("local") == bench_render.CLUSTER_ORDER.count("dask") == 3

    def rounds(*steady):
        return [{"seconds": 10 * s, "cpu": 1.5 * s, "first": 4.0, "steady": s} for s in steady]
    m = bench_render.medians({"local": rounds(1.26, 2.12, 1.80), "dask": rounds(2.23, 2.26, 1.90)})
    assert m["local"] == {"seconds": 18.0, "cpu": 1.5 * 1.80, "first": 4.0, "steady": 1.80}
    assert m["dask"]["steady"] == 2.23 and m["dask"]["seconds"] == 22.3
