"""Write the contact-centre engagement's service records, ``data/contact-centre/quality/``, from a
fixed seed.

The story: Aldmark Mutual moved its claims calls to Harbour Support in June 2026. Claims are
resolved within the agreed five days and audits find little wrong until the October storms double
the claims; then resolution slips past the service level, complaints rise and brokers notice
first. The team's survey answers (nps, quality_rating) and the company's own ratings were typed
by hand and are kept as they are; this script owns the claims (deliveries.csv), the complaints,
the answers it adds to feedback.csv (first-contact resolution asked after the call, account
reviews, a focus group), the readings it owns in readings.csv (none now: the audits are the
claims' ``accepted``) and the telephony's weekly totals (observations.csv: service level,
abandonment, speed of answer, handle time; calls offered as ``n``).

Run ``python scripts/make_contact_centre.py`` to rewrite them; the output is identical each time.
"""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import numpy as np

SEED = 20260601
OUT = Path(__file__).resolve().parent.parent / "data" / "contact-centre" / "quality"
START, END = date(2026, 6, 1), date(2026, 11, 28)
STORM = (date(2026, 10, 1), date(2026, 11, 28))
SLA_DAYS = 5
SEGMENTS = {"Policyholders": 0.7, "Brokers": 0.3}
GENERATED_FEEDBACK = {"customisation_days", "account_health", "price_rating", "perceived_innovation",
                      "first_contact_resolution"}
GENERATED_READINGS = {"application_performance", "batch_consistency"}


def storm(day: date) -> bool:
    return STORM[0] <= day <= STORM[1]


def months():
    month = START
    while month <= END:
        yield month
        month = (month.replace(day=28) + timedelta(days=4)).replace(day=1)


def claims(rng: np.random.Generator):
    """One row per claim: opened, promised (five days on), resolved, audited (one in twelve)."""
    rows, number, day = [], 0, START
    while day <= END:
        for _ in range(rng.poisson(26 if storm(day) else 13)):
            number += 1
            segment = rng.choice(list(SEGMENTS), p=list(SEGMENTS.values()))
            days = rng.lognormal(np.log(3.8 if storm(day) else 2.4), 0.45)
            resolved = day + timedelta(days=int(round(days)))
            complete = rng.random() > (0.04 if storm(day) else 0.01)
            audited = rng.random() < 1 / 12
            accepted = ("yes" if rng.random() > (0.06 if storm(day) else 0.02) else "no") if audited else ""
            rows.append((f"CL-{number:05d}", segment, day, day + timedelta(days=SLA_DAYS),
                         resolved if resolved <= END else "", 1, 1 if complete else 0, accepted))
        day += timedelta(days=1)
    return rows


def complaints(rng: np.random.Generator, records):
    reasons = ("no call back when promised", "claim took too long", "had to explain it twice",
               "payment amount wrong")
    rows = []
    for claim, segment, opened, _, resolved, *_ in records:
        if resolved and rng.random() < (0.035 if storm(opened) else 0.012):
            rows.append((resolved, segment, claim, rng.choice(reasons)))
    return sorted(rows)


def feedback(rng: np.random.Generator):
    rows = []
    for month in months():
        for i in range(44):  # asked after the call: was your need met, with no follow-up? (1 yes, 0 no)
            segment = str(rng.choice(list(SEGMENTS), p=list(SEGMENTS.values())))
            met = rng.random() < (0.7 if storm(month) else 0.82)
            rows.append((month + timedelta(days=2 + i % 26), segment, "survey", "first_contact_resolution",
                         int(met), ""))
        quarter_end = month.month in (8, 11)
        if quarter_end:
            for i, segment in enumerate(SEGMENTS):
                rows.append((month + timedelta(days=14 + i), segment, "designed conversation",
                             "account_health", round(float(np.clip(rng.normal(4.1, 0.2), 1, 5)), 1),
                             "leader-led review"))
        if month.month in (6, 11):
            for i in range(3):
                rows.append((month + timedelta(days=20 + i), "Policyholders", "focus group",
                             "perceived_innovation", round(float(np.clip(rng.normal(3.9, 0.2), 1, 5)), 2),
                             "online claim tracking"))
    return rows


def observations(rng: np.random.Generator):
    """The telephony's weekly totals (ISO weeks): calls offered, and how they were answered."""
    rows, monday = [], START - timedelta(days=START.weekday())
    while monday + timedelta(days=6) <= END:
        rough = storm(monday + timedelta(days=3))
        offered = int(rng.poisson(620 if rough else 310))
        week = f"{monday.isocalendar()[0]}-W{monday.isocalendar()[1]:02d}"
        answered_in_time = rng.binomial(offered, 0.66 if rough else 0.84)
        abandoned = rng.binomial(offered, 0.092 if rough else 0.038)
        handled = offered - abandoned
        rows += [(week, "all", "service_level", round(100 * answered_in_time / offered, 1), offered, "%",
                  "answered within 20 s"),
                 (week, "all", "abandonment", round(abandoned / offered, 4), offered, "", ""),
                 (week, "all", "speed_of_answer", round(float(rng.normal(49 if rough else 17, 3))), handled,
                  "s", "mean seconds in queue"),
                 (week, "all", "handle_time", round(float(rng.normal(468 if rough else 405, 12))), handled,
                  "s", "talk, hold and wrap-up")]
        monday += timedelta(days=7)
    return rows


def kept(path: Path, owned: set[str]):
    """The hand-typed rows of ``path``: every row whose measure this script does not own."""
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        column = header.index("measure")
        return header, [row for row in reader if row[column] not in owned]


def write_csv(path: Path, header, rows) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(sorted(rows, key=lambda r: str(r[0])))


def main() -> None:
    rng = np.random.default_rng(SEED)
    records = claims(rng)
    write_csv(OUT / "deliveries.csv", ["order", "segment", "order_date", "promised", "delivered",
                                       "ordered_qty", "delivered_qty", "accepted"],
              [(c, s, o, p, r, q, d, a) for c, s, o, p, r, q, d, a in records])
    write_csv(OUT / "complaints.csv", ["date", "segment", "order", "comment"], complaints(rng, records))
    header, typed = kept(OUT / "feedback.csv", GENERATED_FEEDBACK)
    write_csv(OUT / "feedback.csv", header, typed + [list(map(str, r)) for r in feedback(rng)])
    header, typed = kept(OUT / "readings.csv", GENERATED_READINGS)
    columns = ["date", "measure", "value", "unit", "note"]
    typed = [[dict(zip(header, row)).get(c, "") for c in columns] for row in typed]
    write_csv(OUT / "readings.csv", columns, typed)
    write_csv(OUT / "observations.csv", ["period", "segment", "measure", "value", "n", "unit", "note"],
              observations(rng))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
