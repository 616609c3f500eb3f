"""The example engagement's tracking data, ``data/example/quality/`` (used by make_example.py).

Story: Apex has run the HALCOAT line under a pilot contract since September 2025. In March 2026
it ran out of the alkaline cleaning agent for its vessels (a single supplier then; dual-sourced
since April): batches waited for cleaning and deliveries slipped a day or two, and OTIF dipped.
Since September 2026 the viscosity of batches has drifted upwards. Distributors noticed first:
complaints and lower quality ratings, while the company's own rating of quality stayed high.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

START, END = date(2025, 9, 1), date(2026, 11, 20)
SEGMENTS = {"Coatings OEMs": 0.55, "Industrial distributors": 0.30, "Specialty formulators": 0.15}
SHORTAGE = (date(2026, 3, 2), date(2026, 3, 27))
DRIFT_FROM = date(2026, 9, 1)


def months():
    y, m = START.year, START.month
    while date(y, m, 1) <= END:
        yield date(y, m, 1)
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


def deliveries(rng: np.random.Generator):
    rows, number = [], 0
    day = START
    while day <= END:
        for _ in range(rng.poisson(1.2) if day.weekday() < 5 else 0):
            number += 1
            segment = rng.choice(list(SEGMENTS), p=list(SEGMENTS.values()))
            ordered = int(rng.choice([500, 1000, 2000, 5000]))
            promised = day + timedelta(days=int(rng.integers(8, 13)))
            slip = 0
            if SHORTAGE[0] <= promised <= SHORTAGE[1] and rng.random() < 0.55:
                slip = int(rng.integers(1, 3))  # waiting for the cleaning agent
            elif rng.random() < 0.03:
                slip = 1
            delivered = promised + timedelta(days=slip - int(rng.integers(0, 2)))
            short = rng.random() < 0.015
            qty = ordered - (int(ordered * 0.1) if short else 0)
            accepted = "no" if rng.random() < 0.01 else "yes"
            if delivered > END:
                rows.append((f"HC-{number:05d}", segment, day, promised, "", ordered, "", ""))
            else:
                rows.append((f"HC-{number:05d}", segment, day, promised, delivered, ordered, qty, accepted))
        day += timedelta(days=1)
    return rows


def drift(day: date) -> float:
    """How far the viscosity has drifted by ``day`` (0 before September 2026)."""
    return max(0, (day - DRIFT_FROM).days) * 1.4


def readings(rng: np.random.Generator):
    rows = []
    day = START
    while day <= END:  # one batch a week
        rows.append((day, "viscosity", round(1200 + drift(day) + rng.normal(0, 18), 1), "mPa·s", "batch release"))
        day += timedelta(days=7)
    for month in months():
        rows.append((month + timedelta(days=27), "internal_quality_rating",
                     round(float(np.clip(4.4 + rng.normal(0, 0.08), 1, 5)), 2), "", "monthly quality review"))
        in_spec = 0.992 - (0.03 if month >= DRIFT_FROM else 0) - (0.01 if month >= date(2026, 10, 1) else 0)
        rows.append((month + timedelta(days=27), "batch_consistency", round(in_spec + rng.normal(0, 0.003), 3),
                     "", "share of batches inside +/- 2 sigma"))
    return sorted(rows)


def complaints(rng: np.random.Generator, orders):
    rows = []
    for number, segment, _, _, delivered, *_ in orders:
        if not delivered:
            continue
        chance = 0.008
        if segment == "Industrial distributors" and delivered >= DRIFT_FROM:
            chance = 0.06 + 0.004 * (delivered - DRIFT_FROM).days
        if SHORTAGE[0] <= delivered <= SHORTAGE[1] + timedelta(days=3):
            chance += 0.04
        if rng.random() < chance:
            reason = "product thicker than usual; dosing pumps clogged" if delivered >= DRIFT_FROM \
                else "late delivery, line stopped" if delivered <= SHORTAGE[1] + timedelta(days=3) \
                else "label damaged"
            rows.append((delivered + timedelta(days=int(rng.integers(2, 9))), segment, number, reason))
    return sorted(r for r in rows if r[0] <= END)


def feedback(rng: np.random.Generator):
    rows = []
    base = {"Coatings OEMs": 4.4, "Industrial distributors": 4.2, "Specialty formulators": 4.3}
    for month in months():
        quarter_end = month.month in (11, 2, 5, 8)
        half_year = month.month in (11, 5)
        for segment, level in base.items():
            fall = 0.0
            if segment == "Industrial distributors" and month >= DRIFT_FROM:
                fall = 0.25 * ((month.month - 8) if month.year == 2026 else 0)
            if month.month == 3 and month.year == 2026:
                fall += 0.3
            if quarter_end or month >= DRIFT_FROM:
                for _ in range(8):
                    rows.append((month + timedelta(days=20), segment, "survey", "quality_rating",
                                 int(np.clip(round(level - fall + rng.normal(0, 0.5)), 1, 5)), ""))
            if half_year:
                for _ in range(12):
                    score = level * 2 + 0.3 - 2.5 * fall + rng.normal(0, 1.1)
                    rows.append((month + timedelta(days=22), segment, "survey", "nps",
                                 int(np.clip(round(score), 0, 10)), ""))
        if half_year:
            rows.append((month + timedelta(days=12), "Coatings OEMs", "focus group", "perceived_innovation",
                         round(4.2 + rng.normal(0, 0.15), 2), "new low-VOC grade well received"))
            rows.append((month + timedelta(days=14), "Industrial distributors", "interview", "price_rating",
                         round(3.6 + rng.normal(0, 0.15), 2), "prices in line with the market"))
        if quarter_end:
            rows.append((month + timedelta(days=10), "Coatings OEMs", "quality test", "application_performance",
                         round(0.975 + rng.normal(0, 0.006), 3), "customer application trials"))
            rows.append((month + timedelta(days=16), "Specialty formulators", "interview", "customisation_days",
                         round(12 + rng.normal(0, 2), 1), "days from request to trial sample"))
            rows.append((month + timedelta(days=18), "Specialty formulators", "designed conversation",
                         "account_health", round(4.0 + rng.normal(0, 0.2), 2), "quarterly leader conversation"))
    return sorted(rows)
