"""95 % intervals of the quality measures, against published and hand-computed cases."""

import numpy as np
import pytest

from workbook.quality.intervals import mean_interval, nps_interval, wilson


@pytest.mark.parametrize("successes,n,low,high", [
    (81, 263, 0.2553, 0.3662),  # Newcombe (1998), Statistics in Medicine 17, Table I
    (15, 148, 0.0624, 0.1605),
    (0, 20, 0.0, 0.1611),
    (1, 29, 0.0061, 0.1718),
])
def test_wilson_reproduces_newcombe(successes, n, low, high):
    assert wilson(successes, n) == pytest.approx((low, high), abs=5e-5)


def test_wilson_stays_inside_zero_and_one_and_knows_no_data():
    assert wilson(20, 20)[1] == 1.0 and wilson(0, 20)[0] == 0.0
    assert np.isnan(wilson(0, 0)).all()


def test_nps_interval_by_hand():
    # 12 answers: 3 promoters (25 %), 6 detractors (50 %): NPS -25; variance of the difference
    # (0.25 + 0.5 - 0.25^2) / 12 = 0.057292, sd 0.23936, half-width 1.96 x 23.936 = 46.91 points
    low, high = nps_interval([10, 9, 9, 8, 8, 7, 6, 5, 3, 2, 0, 1])
    assert (low, high) == pytest.approx((-71.91, 21.91), abs=0.01)
    assert nps_interval([10] * 5) == (100.0, 100.0)  # no spread: no width, clipped at +100


def test_mean_interval_by_hand():
    # mean 4, s = 1, n = 3: 4 ± t(2) 4.3027 x 1 / sqrt(3) = 4 ± 2.4842 (Student's t, not z)
    assert mean_interval([3, 4, 5]) == pytest.approx((4 - 2.4842, 4 + 2.4842), abs=1e-4)
    # two ratings, 4.0 and 3.9: 3.95 ± 12.7062 x 0.0707 / sqrt(2) = 3.95 ± 0.6353
    assert mean_interval([4.0, 3.9]) == pytest.approx((3.3147, 4.5853), abs=1e-4)
    assert np.isnan(mean_interval([4])).all()


@pytest.mark.parametrize("df,t", [(1, 12.7062), (10, 2.2281), (30, 2.0423), (40, 2.0211), (60, 2.0003),
                                  (120, 1.9799), (10_000, 1.9602)])
def test_students_t_quantile_as_tables_give_it(df, t):
    from workbook.quality.intervals import t975
    assert t975(df) == pytest.approx(t, abs=2e-4)


def test_a_mean_of_ratings_stays_on_their_scale():
    """Two service reviews scored 3.0 and 4.8: Student's t with one degree of freedom gives
    3.9 ± 11.4, which a 1-5 rating cannot reach; the interval is the scale itself. A team's own
    measure, whose scale the library does not know, keeps Student's interval."""
    import math
    import statistics
    from datetime import date

    import pandas as pd

    from workbook.quality.tracking import answers_by_month
    answers = pd.DataFrame({"date": [date(2026, 9, 21), date(2026, 9, 22)], "segment": "Staff",
                            "measure": "account_health", "value": [3.0, 4.8]})
    row = answers_by_month(answers, "account_health").iloc[0]
    half = 12.7062 * statistics.stdev([3.0, 4.8]) / math.sqrt(2)
    assert half == pytest.approx(11.44, abs=0.01)
    assert row["value"] == pytest.approx(3.9) and (row["low"], row["high"]) == (1.0, 5.0)
    own = answers_by_month(answers.assign(measure="ward_rounds"), "ward_rounds").iloc[0]
    assert (own["low"], own["high"]) == (pytest.approx(3.9 - half, abs=1e-3), pytest.approx(3.9 + half, abs=1e-3))


def test_yes_no_answers_are_a_share_with_wilsons_interval():
    """A review: a month of five answers, four of them yes, drew a shaded interval up to 145% on a
    share's chart (Student's t: 0.8 +- 2.776 * 0.447 / sqrt(5)). As a share, 4 of 5 has Wilson's
    interval, 0.376 to 0.964 (Newcombe 1998's method 3, by hand)."""
    import pandas as pd
    from datetime import date

    from workbook.quality.intervals import answers_interval
    from workbook.quality.tracking import answers_by_month
    assert answers_interval([1, 1, 1, 1, 0]) == pytest.approx((0.3755, 0.9638), abs=1e-4)
    assert answers_interval([1, 1, 1, 1, 0]) == wilson(4, 5)
    assert answers_interval([4.0, 3.9]) == mean_interval([4.0, 3.9])  # ratings keep Student's t
    answers = pd.DataFrame({"date": [date(2026, 8, d) for d in range(1, 6)], "segment": "Policyholders",
                            "measure": "resolved_first_contact", "value": [1, 1, 1, 1, 0]})
    row = answers_by_month(answers, "resolved_first_contact").iloc[0]
    assert 0 <= row["low"] < row["value"] < row["high"] <= 1


@pytest.mark.parametrize("measure", ["nps", "account_health", "resolved_first_contact", "ward_rounds"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_measures_months_are_pandas_groups_of_its_answers(measure, seed):
    """answers_by_month groups with numpy; the same months, means, counts and intervals as a plain
    pandas groupby of the answers by month (the way it was written first), for every segment."""
    import pandas as pd

    from workbook.core.measure_library import find
    from workbook.quality.intervals import answers_interval
    from workbook.quality.measures import nps
    from workbook.quality.tracking import answers_by_month

    rng = np.random.default_rng(seed)
    n = 300
    values = {"nps": rng.integers(0, 11, n), "resolved_first_contact": rng.integers(0, 2, n)}.get(
        measure, rng.integers(1, 6, n)).astype(float)
    frame = pd.DataFrame({
        "date": pd.Timestamp("2025-11-03") + pd.to_timedelta(rng.integers(0, 390, n), unit="D"),
        "segment": rng.choice(["Brokers", "Policyholders", "Staff"], n),
        "measure": rng.choice([measure, "other"], n, p=[0.8, 0.2]), "value": values})
    frame.loc[rng.random(n) < 0.03, "date"] = pd.NaT  # answers no month holds
    frame.loc[rng.random(n) < 0.03, "value"] = np.nan  # and none a mean or a count holds
    for segment in (None, "Brokers", "Nobody"):
        rows = frame[frame["measure"] == measure]
        rows = rows if segment is None else rows[rows["segment"] == segment]
        got = answers_by_month(frame, measure, segment)
        if rows["date"].notna().sum() == 0:
            assert got.empty
            continue
        grouped = rows.groupby(pd.to_datetime(rows["date"]).dt.to_period("M"))["value"]
        means = grouped.apply(lambda v: nps(v.to_numpy())) if measure == "nps" else grouped.mean()
        bounds = [answers_interval(v.to_numpy(float), measure == "nps") for _, v in grouped]
        scale = getattr(find(measure), "scale", None)
        if scale is not None:
            bounds = [tuple(np.clip(b, *scale)) for b in bounds]
        assert list(got["month"]) == list(means.index)
        assert got["value"].to_numpy() == pytest.approx(means.to_numpy(float), nan_ok=True)
        assert list(got["n"]) == list(grouped.count())
        assert got[["low", "high"]].to_numpy() == pytest.approx(np.array(bounds, float), nan_ok=True)
