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


def test_the_cluster_part_compares_adjacent_rounds_in_pairs():
    """The machine's speed moves by a fifth within a minute: the cluster's figure comes from pairs
    of adjacent rounds, one on each side (by hand: a slow minute that falls on both rounds of a
    pair leaves its ratio alone), the median of the pairs; each side's median round is also shown."""
    import bench_cluster
    order = bench_cluster.CLUSTER_ORDER
    assert order.count("local") == order.count("dask") == len(order) // 2
    assert all({a, b} == {"local", "dask"} for a, b in zip(order[::2], order[1::2]))

    def run(where, steady, cpu):
        return {"where": where, "seconds": 10 * steady, "cpu": cpu, "first": 4.0, "steady": steady}
    # pair 2 ran in a slow minute (both rounds 1.5 times as long); pair 4's Dask round was disturbed
    runs = [run("local", 2.0, 3.0), run("dask", 2.1, 3.0), run("dask", 3.15, 4.5), run("local", 3.0, 4.5),
            run("local", 2.0, 3.2), run("dask", 2.06, 3.2), run("dask", 3.0, 3.0), run("local", 2.0, 3.0)]
    ratios = bench_cluster.pair_ratios(runs)
    assert [round(r["steady"], 3) for r in ratios] == [1.05, 1.05, 1.03, 1.5]
    assert [round(r["cpu"], 3) for r in ratios] == [1.0, 1.0, 1.0, 1.0]
    sides = {w: [r for r in runs if r["where"] == w] for w in ("local", "dask")}
    m = bench_cluster.medians(sides)
    assert m["local"]["steady"] == 2.0 and m["dask"]["steady"] == (2.1 + 3.0) / 2
    section = bench_cluster.cluster_section(
        {"count": 6, "runs": runs, "median": m, "pairs": ratios,
         "ratio": {"steady": 1.05, "cpu": 1.0}, "nightly": {1: 2100.0, 10: 210.0, 100: 21.0}}, "2 cores")
    assert "+5.0%, +5.0%, +3.0%, +50.0%; their median **+5.0%**" in section
    assert "Each side's median round against the other's: +27.5%" in section
