"""Tracking at a client's scale, and control charts that neither cry wolf nor sleep (``make bench``).

1. A year of 2,000,000 orders (deliveries.csv, one row each) read, validated and computed into the
   quality plan's monthly series, against plain pandas (read_csv, then a groupby by month of the
   on-time-in-full share) in the same run; and the same year as weekly totals (observations.csv).
   Each is timed in a fresh process, which also reports its peak memory (VmHWM).
2. The control charts' rules simulated: false alarms in in-control months and the periods to
   detect a 3-sigma shift, for the p-chart and the individuals chart, judged month by month as a
   render judges the latest month; beside the rules the charts used before (all four Western
   Electric rules on limits that ignore the baseline's own uncertainty), in the same run.

Writes its section of benchmarks/README.md. Run alone: ``python benchmarks/bench_tracking.py``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbook.quality.control import (CONTROL_RULES, baseline_p, baseline_size, baseline_xmr,  # noqa: E402
                                      western_electric)
from workbook.quality.control_limits import MIN_MONTHS, MIN_READINGS  # noqa: E402

OUT = ROOT / "benchmarks" / "README.md"
START, END = "<!-- tracking -->", "<!-- /tracking -->"
ORDERS = 2_000_000
SEGMENTS = {"Online shoppers": 0.62, "Marketplace buyers": 0.26, "Specialist stores": 0.12}

# The process's own peak resident memory: VmHWM starts afresh at exec, where ru_maxrss would carry
# the parent's peak over into the child.
PEAK = """
def peak_mib():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) / 1024
"""
OURS = """
import json, sys, time
PEAK
t = time.perf_counter()
from workbook.engagement.model import load_engagement
from workbook.quality.assessment import cut_at, measured_until
from workbook.quality.plan import engagement_plan
from workbook.quality.tracking import track
from workbook.strategy.analysis import analyse_strategy
start = time.perf_counter()
engagement = load_engagement(sys.argv[1])
as_of = measured_until(engagement)
quality, _ = cut_at(engagement.quality, as_of)
series = track(engagement_plan(engagement, analyse_strategy(engagement.settings)), quality, as_of,
               engagement.settings.offering.measure_families)
seconds = time.perf_counter() - start
october = series[sys.argv[2]].set_index(series[sys.argv[2]]["month"].astype(str)).loc["2026-10"]
print(json.dumps({"seconds": seconds, "mib": peak_mib(), "value": float(october["value"]), "n": int(october["n"])}))
"""
PLAIN = """
import json, sys, time
PEAK
import pandas as pd
start = time.perf_counter()
if sys.argv[2] == "events":
    d = pd.read_csv(sys.argv[1], parse_dates=["promised", "delivered"])
    ok = (d["delivered"] <= d["promised"]) & (d["delivered_qty"] >= d["ordered_qty"])
    table = ok.groupby(d["promised"].dt.to_period("M")).agg(["mean", "count"])
else:
    o = pd.read_csv(sys.argv[1])
    o = o[o["measure"] == "dispatch_on_time"]
    thursday = pd.to_datetime(o["period"] + "-4", format="%G-W%V-%u")  # a week counts in its Thursday's month
    o["month"] = thursday.dt.to_period("M")
    o["weighted"] = o["value"] / 100 * o["n"]
    table = o.groupby("month")[["weighted", "n"]].sum()
    table["mean"], table["count"] = table["weighted"] / table["n"], table["n"]
seconds = time.perf_counter() - start
october = table.loc[pd.Period("2026-10", "M")]
print(json.dumps({"seconds": seconds, "mib": peak_mib(), "value": float(october["mean"]), "n": int(october["count"])}))
"""


def write_year(folder: Path, orders: int = ORDERS, seed: int = 3) -> None:
    """The fulfilment engagement with a year of ``orders`` (deliveries.csv) and its weekly totals
    by segment (observations.csv, in its own folder ``folder.parent / "weekly"``).

    The rows are written as text from numpy arrays (dates looked up from the year's few hundred
    days), not through pandas' ``to_csv``: the same file in a tenth of the time, outside the timing."""
    rng = np.random.default_rng(seed)
    placed = np.datetime64("2025-12-01") + rng.integers(0, 365, orders).astype("timedelta64[D]")
    promised = placed + rng.integers(0, 2, orders).astype("timedelta64[D]")
    late = rng.random(orders) < 0.025
    delivered = promised + np.where(late, rng.integers(1, 4, orders), 0).astype("timedelta64[D]")
    qty = rng.integers(1, 5, orders)
    short = rng.random(orders) < 0.004
    audited = rng.random(orders) < 1 / 8
    accepted = np.where(audited, np.where(rng.random(orders) < 0.996, "yes", "no"), "")
    segment = rng.choice(list(SEGMENTS), orders, p=list(SEGMENTS.values()))
    order = np.argsort(promised, kind="stable")  # the file runs by promised date
    first = placed.min()
    days = np.arange(first, delivered.max() + 1).astype(str)

    def day(values):
        return days[(values[order] - first).astype(int)].tolist()

    columns = {"order": [f"FH-{k:08d}" for k in order.tolist()], "segment": segment[order].tolist(),
               "order_date": day(placed), "promised": day(promised), "delivered": day(delivered),
               "ordered_qty": qty[order].astype(str).tolist(),
               "delivered_qty": (qty - short)[order].astype(str).tolist(), "accepted": accepted[order].tolist()}
    for name, keep in (("events", "deliveries.csv"), ("weekly", "observations.csv")):
        target = folder / name
        shutil.copytree(ROOT / "data" / "fulfilment", target)
        for old in (target / "quality").glob("*.csv"):
            if old.name != keep:
                old.unlink()
    with open(folder / "events" / "quality" / "deliveries.csv", "w", encoding="utf-8") as out:
        out.write(",".join(columns) + "\n")
        out.write("\n".join(map(",".join, zip(*columns.values()))) + "\n")
    weeks = pd.DatetimeIndex(promised[order]).isocalendar()
    ok = (delivered <= promised) & (qty - short >= qty)
    weekly = pd.DataFrame({"year": weeks["year"].to_numpy(), "week": weeks["week"].to_numpy(),
                           "segment": segment[order], "ok": ok[order]}) \
        .groupby(["year", "week", "segment"])["ok"].agg(["mean", "count"]).reset_index()
    pd.DataFrame({"period": [f"{y}-W{w:02d}" for y, w in zip(weekly["year"], weekly["week"])],
                  "segment": weekly["segment"], "measure": "dispatch_on_time",
                  "value": (100 * weekly["mean"]).round(4), "n": weekly["count"], "unit": "%"}) \
        .to_csv(folder / "weekly" / "quality" / "observations.csv", index=False)


def in_process(script: str, *args: str, repeat: int = 3) -> dict:
    """The best of ``repeat`` fresh processes (time; the peak memory of that run)."""
    runs = []
    for _ in range(repeat):
        done = subprocess.run([sys.executable, "-c", script.replace("PEAK", PEAK), *args], capture_output=True, text=True,
                              cwd=ROOT, check=True)
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return min(runs, key=lambda r: r["seconds"])


def bench_scale() -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_year(folder)
        size = (folder / "events" / "quality" / "deliveries.csv").stat().st_size / 2**20
        weekly_rows = len(pd.read_csv(folder / "weekly" / "quality" / "observations.csv"))
        return {"file_mib": size, "weekly_rows": weekly_rows,
                "events": in_process(OURS, str(folder / "events"), "dispatch_on_time"),
                "events_plain": in_process(PLAIN, str(folder / "events" / "quality" / "deliveries.csv"), "events"),
                "weekly": in_process(OURS, str(folder / "weekly"), "dispatch_on_time"),
                "weekly_plain": in_process(PLAIN, str(folder / "weekly" / "quality" / "observations.csv"), "weekly")}


def _judge(values, centre, sigma, side, rules, widen):
    return western_electric(values, centre, sigma * widen, side, rules)


def simulate(kind: str, rules, corrected: bool, trials: int, seed: int = 17, months: int = 36,
             shift_after: int = 28) -> dict:
    """False alarms per in-control period judged, and periods to detect a 3-sigma shift on the bad
    side (the run length), judging each period as the render judges the latest one."""
    rng = np.random.default_rng(seed)
    alarms = judged = 0
    lengths = []
    minimum = MIN_MONTHS if kind == "p" else MIN_READINGS
    for _ in range(trials):
        if kind == "p":
            n = rng.poisson(500, months).astype(float)
            p = np.full(months, 0.97)
            shifted = p.copy()
            shifted[shift_after:] -= 3 * np.sqrt(0.97 * 0.03 / 500)
            series = [rng.binomial(n.astype(int), q).astype(float) for q in (p, shifted)]
        else:
            values = rng.normal(0.0, 1.0, months)
            series = [values, values + np.where(np.arange(months) >= shift_after, 3.0, 0.0)]

        def signal(data, t):
            if kind == "p":
                chart = baseline_p(data[:t + 1], n[:t + 1], minimum) if corrected else \
                    _uncorrected_p(data[:t + 1], n[:t + 1], minimum)
                return western_electric(chart.values, chart.centre, chart.sigma, -1, rules)
            chart = baseline_xmr(data[:t + 1], minimum) if corrected else _uncorrected_x(data[:t + 1], minimum)
            return western_electric(chart.values, chart.centre, chart.sigma, 1, rules)

        for t in range(minimum, months):
            judged += 1
            alarms += signal(series[0], t) is not None
        length = next((k + 1 for k, t in enumerate(range(shift_after, months)) if signal(series[1], t) is not None),
                      months - shift_after + 1)
        lengths.append(length)
    lengths = np.array(lengths)
    return {"false_alarms": alarms / judged, "judged": judged, "arl": float(lengths.mean()),
            "within_2": float((lengths <= 2).mean())}


def _uncorrected_p(successes, totals, minimum):
    """The p-chart as drawn before: Phase I centre, binomial limits around it as if it were known."""
    chart = baseline_p(successes, totals, minimum)
    sigma = np.sqrt(chart.centre * (1 - chart.centre) / totals)
    return chart.__class__(chart.values, chart.centre, chart.centre - 3 * sigma, chart.centre + 3 * sigma, sigma)


def _uncorrected_x(values, minimum):
    """The individuals chart as drawn before: from eight readings, limits as if the baseline's
    centre and spread were known."""
    chart = baseline_xmr(values, 8)
    m = baseline_size(len(values), 8)
    sigma = chart.sigma / np.sqrt(1 + 1 / m)
    return chart.__class__(chart.values, chart.centre, chart.centre - 3 * sigma, chart.centre + 3 * sigma, sigma)


def bench_rules(trials: int = 1500) -> dict:
    return {kind: {"now": simulate(kind, CONTROL_RULES, True, trials),
                   "before": simulate(kind, (0, 1, 2, 3), False, trials)} for kind in ("p", "x")}


def section(scale: dict, rules: dict, machine: str, day: str) -> str:
    e, ep, w, wp = scale["events"], scale["events_plain"], scale["weekly"], scale["weekly_plain"]
    aim = e["seconds"] < 5 and e["mib"] < 1024 and w["seconds"] < 5 and w["mib"] < 1024
    rows = [f"| a year of {ORDERS:,} orders, one row each ({scale['file_mib']:.0f} MiB deliveries.csv) | "
            f"{e['seconds']:.2f} | {e['mib']:.0f} | {ep['seconds']:.2f} | {ep['mib']:.0f} | "
            f"{ep['seconds'] / e['seconds']:.2f}x | {e['value']:.4f} ({e['n']:,}) / {ep['value']:.4f} ({ep['n']:,}) |",
            f"| the same year as weekly totals by segment ({scale['weekly_rows']:,} rows of observations.csv) | "
            f"{w['seconds']:.2f} | {w['mib']:.0f} | {wp['seconds']:.2f} | {wp['mib']:.0f} | "
            f"{wp['seconds'] / w['seconds']:.2f}x | {w['value']:.4f} ({w['n']:,}) / {wp['value']:.4f} ({wp['n']:,}) |"]
    charts = []
    for kind, name in (("p", "p-chart (n about 500 a month, p 0.97)"), ("x", "individuals chart")):
        for when, label in (("now", "rules 1-2, limits widened by the baseline's uncertainty"),
                            ("before", "all four rules, limits as if known (before)")):
            r = rules[kind][when]
            charts.append(f"| {name} | {label} | {100 * r['false_alarms']:.2f}% of {r['judged']:,} | "
                          f"{r['arl']:.2f} | {100 * r['within_2']:.0f}% |")
    now_ok = all(rules[k]["now"]["false_alarms"] <= 0.01 and rules[k]["now"]["arl"] <= 2 for k in ("p", "x"))
    return "\n".join([
        START, "## Tracking at a client's scale, and control charts", "",
        f"Machine: {machine}. Run on {day}. Each run in a fresh process (best of 3); memory is that "
        "process's peak. Ours: `load_engagement` (every cell of every file validated, a large file "
        "read a column at a time), the rows as of the as-of date, and every measure of the plan "
        "computed into its monthly series. Baseline: plain pandas, `read_csv` and a `groupby` by "
        "month of the on-time-in-full share (no checks, one measure). The last column is "
        "October 2026's dispatch-on-time share and its orders, ours / baseline: the same figure.", "",
        "| data | ours (s) | ours (MiB) | pandas (s) | pandas (MiB) | pandas time / ours | October 2026 |",
        "|---|---|---|---|---|---|---|", *rows, "",
        f"The aim, under 5 s and 1 GB for both: **{'met' if aim else 'not met'}**.", "",
        "Control charts, simulated as a render judges the latest period each month: false alarms among "
        "the in-control periods judged, and the average run length to detect a shift of 3 sigma on "
        "the bad side (1.0 is the first period after it). Rules: 1, one point beyond 3 sigma; 2, two "
        "of the last three beyond 2 sigma on the bad side.", "",
        "| chart | rules and limits | false alarms | periods to detect (mean) | detected within 2 |",
        "|---|---|---|---|---|", *charts, "",
        f"The aim, at most 1% false alarms and a 3-sigma shift detected within 2 periods on average: "
        f"**{'met' if now_ok else 'not met'}**. The limits judged now widen by the uncertainty of "
        f"the baseline they come from (a p-chart's centre estimated from N orders: "
        f"sqrt(p(1-p)(1/n + 1/N)); an individuals chart's from m readings: sigma sqrt(1 + 1/m)), "
        f"and an individuals chart waits for {MIN_READINGS} readings; rules 3 and 4 (4 of 5 beyond 1 "
        "sigma, 8 in a row) are left to the drift warning, which also asks that the target be missed.",
        END])


def write_section(text: str) -> None:
    current = OUT.read_text(encoding="utf-8")
    if START in current:
        head, rest = current.split(START, 1)
        current = head + text + rest.split(END, 1)[1]
    else:
        current = current.rstrip("\n") + "\n\n" + text + "\n"
    OUT.write_text(current, encoding="utf-8")


def main() -> None:
    from bench import machine  # the same machine line as the other sections
    from datetime import date
    scale, rules = bench_scale(), bench_rules()
    write_section(section(scale, rules, machine(), date.today().isoformat()))
    print(f"written to {OUT}")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "benchmarks"))
    main()
