"""Write the fulfilment engagement, ``data/fulfilment/``, from a fixed seed.

The story: Fjällhamn Outdoor, an online outdoor-gear retailer (about 2.1 million orders a year),
chooses the third-party logistics provider (3PL) to run its warehousing and fulfilment for the
next four years. It leads on operational excellence, with customer intimacy second; its customers
are online shoppers (the largest share), marketplace buyers (where cancellations and late dispatch
hurt the seller rating) and specialist stores (business accounts ordering by EDI).

Five candidates: Nordlager Logistik (the proven all-rounder and front-runner), Baltic Bulk
Fulfilment (low-cost volume, fails the order-accuracy must-have), Fjordkant Fulfilment (a
customer-intimate boutique 3PL), Centrallager Express (one warehouse management system platform
and one carrier contract, single points of failure) and Kinetica Robotics (two years old,
dazzling automation, no track record in e-commerce fulfilment).

Nordlager runs a ten-month pilot from February 2026 on the orders of the southern region. Orders
leave on the promised day and audits find few picking errors until November: Black Friday
volumes meet a temporary-labour agency that sends half the pickers booked, dispatch on the
promised day collapses, marketplace buyers complain first, and inbound pallets wait longer to
be put away. ``quality/deliveries.csv`` holds a daily random sample of the pilot's orders (one row
per order, ``delivered`` is the day it was dispatched, quantities are order lines, ``accepted`` is
the outcome of the pick-and-pack audit of one order in eight). ``quality/observations.csv`` holds
the monthly totals the warehouse management system, the carriers and the marketplaces' seller
dashboards report over all the pilot's orders (damage, returns, store EDI, cycle counts, delivery
within the promised days, marketplace cancellations and late dispatch).

Every file of the folder is written by this script. Run ``python scripts/make_fulfilment.py``
to rewrite them; the output is identical each time (byte for byte).
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import numpy as np

from engagement_data import (CRITERIA_HEADER, DELIVERIES_HEADER, FEEDBACK_HEADER, OBSERVATIONS_HEADER,
                             READINGS_HEADER, SCORES_HEADER, SUPPLY_HEADER, judged_scores, month_starts,
                             write_csv)

SEED = 20260202
OUT = Path(__file__).resolve().parent.parent / "data" / "fulfilment"
START, END = date(2026, 2, 2), date(2026, 11, 30)
PEAK = (date(2026, 11, 1), date(2026, 11, 30))
SEGMENTS = {"Online shoppers": 0.62, "Marketplace buyers": 0.26, "Specialist stores": 0.12}

ENGAGEMENT = """\
# A third engagement, from logistics: an online outdoor-gear retailer choosing its 3PL.
# Written by scripts/make_fulfilment.py (fixed seed); edit the script, not this file.
client: Fjällhamn Outdoor
decision: Choose the third-party logistics provider (3PL) to run warehousing and fulfilment for the next four years
outsourced: the warehousing and fulfilment of our online orders
term_years: 4
prepared_by: Operations
date: 2026-11-30
as_of: 2026-11-30
chosen_partner: nordlager

strategy:
  own:                        # Fjällhamn competes on operational excellence, customer intimacy second
    product_leadership: 1
    customer_intimacy: 3
    operational_excellence: 5
  customers:                  # weighted by their share of orders
    - name: Online shoppers   # consumers: the right item, in the promised days, easy returns
      share: 0.62
      audience: consumers     # reached by e-mail and a notice on the site and in the app
      product_leadership: 2
      customer_intimacy: 3
      operational_excellence: 4
    - name: Marketplace buyers  # late dispatch and cancellations hurt the seller rating
      share: 0.26
      audience: marketplace   # reached through the marketplaces; the marketplace team faces them
      product_leadership: 1
      customer_intimacy: 1
      operational_excellence: 5
    - name: Specialist stores   # business accounts ordering by EDI: labelling, kitting, pallets
      share: 0.12
      audience: business      # each store has an account manager
      product_leadership: 1
      customer_intimacy: 5
      operational_excellence: 3
  blend: 0.5

team:
  leader: Karin Lindqvist, Chief Operating Officer
  evaluators:
    - Lena Holm
    - Jussi Korhonen
    - Sofia Ek

offering: service             # the 3PL does work for our customers: picking, packing, dispatch, returns
peak_months: [November, December]  # Black Friday and Christmas: no customer touchpoint is planned then
unit: order                   # what one request is called in the plan and its alerts
measures: logistics           # the measure library's family the quality plan is drawn from
words:
  share_of: orders            # a segment's share above is its share of orders, not of revenue
"""

# The quality measure a reported figure is checked against, where its id or column does not name it
MEASURED = {"returns_48h": "returns_within_48h"}
# id, name, group, direction, source, PL, CI, OE, knockout, worst, best, definition
CRITERIA = [
    ("order_accuracy", "Order accuracy, last 12 months (%)", "quality", "benefit", "order_accuracy_pct",
     1, 2, 3, "99.5", "99", "99.95",
     "Orders shipped without a picking error (right item, size, colour and quantity), from the "
     "partner's audited records."),
    ("damage_rate", "Damage rate (%)", "quality", "cost", "damage_rate_pct", 1, 2, 2, "", "1", "0.1",
     "Orders that reach the customer damaged, share of orders shipped, last 12 months."),
    ("dispatch_on_time", "Dispatch on the promised day, last 12 months (%)", "delivery", "benefit",
     "on_time_dispatch_pct", 1, 2, 3, "", "95", "99.8",
     "Orders handed to the carrier on the day promised at checkout (same day before the cut-off)."),
    ("dock_to_stock", "Dock-to-stock time (hours)", "delivery", "cost", "dock_to_stock_hours",
     0, 1, 3, "", "48", "8", "Hours from a supplier's delivery at the dock to stock available for sale."),
    ("returns_48h", "Returns processed within 48 h (%)", "delivery", "benefit", "returns_48h_pct",
     0, 3, 2, "", "60", "98", "Returns received, inspected, restocked and refunded within 48 hours."),
    ("cost_per_order", "Cost per order (EUR)", "cost", "cost", "cost_per_order_eur", 0, 0, 3, "",
     "5", "2.5", "Pick, pack, storage and handling per order at our volume and mix, carriage excluded."),
    ("peak_capacity", "Peak-season surge capacity", "delivery", "benefit", "score", 0, 1, 3, "", "", "",
     "Can take three times the normal daily orders in Black Friday and Christmas weeks without "
     "missing the promised day; a 5 has done it for clients of our size."),
    ("integration", "WMS and marketplace integration", "systems", "benefit", "score", 1, 2, 3, "", "",
     "", "Connects our web shop, the marketplaces and the stores' EDI to its warehouse management "
     "system, with stock and tracking sent back within minutes."),
    ("listening", "Listens to and understands our needs", "customer_focus", "benefit", "score",
     0, 3, 1, "", "", "", "Asks, listens and plays back how our customers order and return; a 5 "
     "catches what we did not say."),
    ("flexibility", "Flexibility on volumes, promotions and packing rules", "customer_focus",
     "benefit", "score", 0, 3, 2, "", "", "",
     "Takes campaign peaks, new packing or labelling rules and store-specific kitting within days."),
    ("exceeds", "Exceeds expectations", "customer_focus", "benefit", "score", 1, 3, 0, "", "", "",
     "Does more than the contract asks: proposals, early warnings, improvements offered unasked."),
    ("years_in_field", "Years in e-commerce fulfilment", "track_record", "benefit",
     "years_ecom_fulfilment", 0, 1, 2, "", "0", "20", "Years running fulfilment for online retailers."),
    ("referenceable_clients", "Referenceable e-commerce clients", "track_record", "benefit",
     "referenceable_clients", 0, 2, 1, "", "0", "12",
     "Online retailers who agree to take a reference call about the partner."),
    ("culture", "Cultural chemistry with our teams", "culture", "benefit", "score", 0, 2, 1, "", "", "",
     "Working style like ours: openness, speed of decisions, escalation, language."),
    ("domain_knowledge", "Knowledge of outdoor gear and marketplaces", "domain_knowledge", "benefit",
     "score", 1, 2, 1, "", "", "",
     "Knows bulky and seasonal outdoor gear (tents, skis, gas canisters) and the marketplaces' "
     "dispatch and cancellation rules."),
    ("core_strength", "Unique competence in multichannel fulfilment", "unique_competence", "benefit",
     "score", 1, 2, 1, "", "", "",
     "A strength others in the field do not have: one stock for web, marketplaces and EDI stores, "
     "store-ready kitting, or the like; say which."),
    ("automation", "Warehouse automation and robotics", "innovation", "benefit", "score", 3, 0, 2, "",
     "", "", "Goods-to-person robots, automated packing and their record of uptime."),
    ("supply_continuity", "Continuity of systems, carriers, labour and packaging", "supply", "benefit",
     "score", 0, 1, 3, "", "", "",
     "Fallbacks for the warehouse management system, more than one carrier, agencies for peak "
     "labour, and second sources for cartons and void fill."),
]

PARTNERS_HEADER = ["id", "name", "country", "years_ecom_fulfilment", "referenceable_clients",
                   "order_accuracy_pct", "damage_rate_pct", "on_time_dispatch_pct", "dock_to_stock_hours",
                   "returns_48h_pct", "cost_per_order_eur"]
PARTNERS = [
    ("nordlager", "Nordlager Logistik", "Sweden", 17, 10, 99.82, 0.22, 99.1, 18, 91, 3.45),
    ("balticbulk", "Baltic Bulk Fulfilment", "Lithuania", 11, 6, 99.3, 0.55, 97.6, 30, 72, 2.7),
    ("fjordkant", "Fjordkant Fulfilment", "Norway", 9, 7, 99.75, 0.18, 98.6, 24, 96, 4.3),
    ("centrallager", "Centrallager Express", "Denmark", 13, 8, 99.62, 0.3, 98.8, 16, 85, 3.05),
    ("kinetica", "Kinetica Robotics", "Finland", 2, 0, 99.9, 0.25, 98.0, 6, 80, 3.2),
]

# Packaging is used up and kept in stock: consumables, with days on hand against replenishment.
# The warehouse management system, the carrier contracts and the peak labour pool are what the
# work runs on: capabilities, with their providers (a standby instance, a second carrier, a second
# agency), the hours a switch to them takes, the hours to restore service when nothing can take
# over, and the longest outage the work rides out (a WMS outage past 4 hours misses the day's
# carrier cut-off; parcels can wait a day for another carrier; overtime bridges two days of
# missing temps).
_ = ""
SUPPLY = [
    # partner, input, kind, sources, critical, days on hand, replenish days, failover, recovery, tolerable
    ("nordlager", "Warehouse management system platform", "capability", 2, "yes", _, _, 1, 12, 4),
    ("nordlager", "Parcel carrier contract", "capability", 3, "yes", _, _, 6, 336, 24),
    ("nordlager", "Temporary labour pool for peak", "capability", 3, "yes", _, _, 24, 240, 48),
    ("nordlager", "Packaging cartons", "consumable", 3, "yes", 35, 10, _, _, _),
    ("nordlager", "Void fill (paper)", "consumable", 2, "yes", 28, 7, _, _, _),
    ("balticbulk", "Warehouse management system platform", "capability", 2, "yes", _, _, 8, 24, 4),
    ("balticbulk", "Parcel carrier contract", "capability", 2, "yes", _, _, 24, 336, 24),
    ("balticbulk", "Temporary labour pool for peak", "capability", 2, "yes", _, _, 72, 240, 48),
    ("balticbulk", "Packaging cartons", "consumable", 2, "yes", 20, 10, _, _, _),
    ("balticbulk", "Void fill (paper)", "consumable", 2, "no", 14, 7, _, _, _),
    ("fjordkant", "Warehouse management system platform", "capability", 2, "yes", _, _, 2, 12, 4),
    ("fjordkant", "Parcel carrier contract", "capability", 2, "yes", _, _, 12, 336, 24),
    ("fjordkant", "Temporary labour pool for peak", "capability", 2, "yes", _, _, 48, 240, 48),
    ("fjordkant", "Packaging cartons", "consumable", 2, "yes", 30, 12, _, _, _),
    ("fjordkant", "Void fill (paper)", "consumable", 2, "no", 21, 7, _, _, _),
    ("centrallager", "Warehouse management system platform", "capability", 1, "yes", _, _, _, 24, 4),
    ("centrallager", "Parcel carrier contract", "capability", 1, "yes", _, _, _, 336, 24),
    ("centrallager", "Temporary labour pool for peak", "capability", 2, "yes", _, _, 48, 240, 48),
    ("centrallager", "Packaging cartons", "consumable", 2, "yes", 20, 10, _, _, _),
    ("centrallager", "Void fill (paper)", "consumable", 2, "no", 15, 7, _, _, _),
    ("kinetica", "Warehouse management system platform", "capability", 1, "yes", _, _, _, 8, 4),
    ("kinetica", "Robot spare parts", "consumable", 1, "yes", 10, 42, _, _, _),
    ("kinetica", "Parcel carrier contract", "capability", 2, "yes", _, _, 24, 336, 24),
    ("kinetica", "Packaging cartons", "consumable", 2, "yes", 14, 10, _, _, _),
    ("kinetica", "Void fill (paper)", "consumable", 1, "no", 6, 7, _, _, _),
]

EVALUATORS = ["Lena Holm", "Jussi Korhonen", "Sofia Ek"]
JUDGED = [c[0] for c in CRITERIA if c[4] == "score"]
# The team's central view of each partner on the judged criteria, in JUDGED's order.
BASE = {
    #              peak integ listen flex exceeds culture domain core autom supply
    "nordlager":    (5, 4, 4, 4, 4, 4, 5, 4, 3, 4),
    "balticbulk":   (4, 3, 2, 3, 2, 3, 3, 2, 3, 3),
    "fjordkant":    (3, 4, 5, 5, 5, 5, 4, 4, 2, 4),
    "centrallager": (4, 3, 3, 3, 3, 3, 4, 3, 3, 2),
    "kinetica":     (3, 4, 3, 3, 4, 3, 2, 3, 5, 2),
}
EVIDENCE = {
    ("Lena Holm", "peak_capacity"): "Black Friday 2025 volumes of two reference clients",
    ("Lena Holm", "integration"): "Test orders from our web shop and two marketplaces",
    ("Jussi Korhonen", "automation"): "Site visit: robots, pack stations, uptime log",
    ("Jussi Korhonen", "supply_continuity"): "Carrier contracts, agency contracts and carton suppliers seen",
    ("Sofia Ek", "listening"): "Workshop on returns and store kitting",
    ("Sofia Ek", "domain_knowledge"): "Asked how they store gas canisters and wet tents",
}
MISSING = {("Sofia Ek", "centrallager", "integration"), ("Sofia Ek", "kinetica", "supply_continuity")}


def peak(day: date) -> bool:
    return PEAK[0] <= day <= PEAK[1]


def months():
    return month_starts(START, END)


def scores(rng: np.random.Generator):
    return judged_scores(rng, EVALUATORS, BASE, JUDGED, MISSING, EVIDENCE)


def orders(rng: np.random.Generator):
    """A daily random sample of the pilot's orders: ordered, promised dispatch day, dispatched."""
    rows, number, day = [], 0, START
    while day <= END:
        for _ in range(rng.poisson(16 if peak(day) else 9)):
            number += 1
            segment = str(rng.choice(list(SEGMENTS), p=list(SEGMENTS.values())))
            if segment == "Specialist stores":
                promised = day + timedelta(days=2)
                lines = int(rng.integers(5, 41))
            else:
                promised = day + timedelta(days=0 if rng.random() < 0.7 else 1)
                lines = int(rng.integers(1, 5))
            if promised > END:  # promised after the pilot's last day: not yet due, left out
                continue
            late = rng.random() < (0.2 if peak(day) else 0.012)
            dispatched = promised + timedelta(days=int(rng.integers(1, 4)) if late else 0)
            short = rng.random() < (0.015 if peak(day) else 0.004)
            audited = rng.random() < 1 / 8
            accepted = ("yes" if rng.random() > (0.012 if peak(day) else 0.003) else "no") if audited else ""
            rows.append((f"FH-{number:06d}", segment, day, promised,
                         dispatched if dispatched <= END else "", lines, lines - 1 if short else lines,
                         accepted))
        day += timedelta(days=1)
    return rows


def complaints(rng: np.random.Generator, records):
    reasons = {"Online shoppers": ("parcel arrived later than promised", "wrong size sent",
                                   "return refunded slowly", "box damaged"),
               "Marketplace buyers": ("dispatched late, marketplace flagged the order",
                                      "order cancelled after purchase", "wrong colour sent"),
               "Specialist stores": ("EDI delivery incomplete", "store labels missing on cartons")}
    rows = []
    for order, segment, ordered, _, dispatched, *_ in records:
        chance = 0.06 if peak(ordered) else 0.011
        if segment == "Marketplace buyers":
            chance *= 1.5
        if dispatched and rng.random() < chance:
            rows.append((dispatched + timedelta(days=int(rng.integers(2, 6))), segment, order,
                         str(rng.choice(reasons[segment]))))
    return [r for r in rows if r[0] <= END]


def feedback(rng: np.random.Generator):
    rows = []
    mix = list(SEGMENTS)
    for month in months():
        bad = peak(month)
        for i in range(36):  # the monthly after-delivery survey
            segment = str(rng.choice(mix, p=list(SEGMENTS.values())))
            centre = 7.2 if bad else 8.4
            if bad and segment == "Marketplace buyers":
                centre = 5.6
            value = int(np.clip(round(rng.normal(centre, 1.4)), 0, 10))
            rows.append((month + timedelta(days=3 + i % 25), segment, "survey", "nps", value, ""))
        if month.month in (4, 7, 10, 11):  # quarterly service rating, and once more after the peak
            for i in range(32):
                segment = str(rng.choice(mix, p=list(SEGMENTS.values())))
                centre = 3.5 if bad else 4.3
                value = int(np.clip(round(rng.normal(centre, 0.7)), 1, 5))
                rows.append((month + timedelta(days=5 + i % 20), segment, "survey", "quality_rating", value, ""))
        if month.month in (4, 7, 10):
            for i, segment in enumerate(SEGMENTS):
                rows.append((month + timedelta(days=16 + i), segment, "designed conversation",
                             "account_health", round(float(np.clip(rng.normal(4.1, 0.2), 1, 5)), 1),
                             "COO-led review"))
        if month.month in (5, 11):
            for i in range(3):
                rows.append((month + timedelta(days=20 + i), mix[i], "focus group", "perceived_innovation",
                             round(float(np.clip(rng.normal(3.9, 0.2), 1, 5)), 2),
                             "parcel-locker delivery and paperless returns"))
    return rows


def readings(rng: np.random.Generator):
    rows = []
    for month in months():
        bad = peak(month)
        rows.append((month + timedelta(days=27), "internal_quality_rating",
                     round(float(rng.normal(4.0 if bad else 4.35, 0.08)), 2), "", "monthly operations review"))
    day = START + timedelta(days=4)
    while day <= END:
        rows.append((day, "dock_to_stock", round(float(rng.normal(31 if peak(day) else 18, 1.8)), 1), "h",
                     "median hours from dock to stock available, this week"))
        day += timedelta(days=7)
    return rows


def observations(rng: np.random.Generator):
    """The systems' monthly totals over all the pilot's orders: (measure, segment, normal, at the
    peak, what n counts), a share in % with a unit column; damage as a fraction, without one."""
    kinds = (("damage_rate", "all", 0.0025, 0.0046, "orders delivered"),
             ("returns_within_48h", "all", 0.972, 0.861, "returns arrived"),
             ("edi_accuracy", "Specialist stores", 0.9965, 0.9852, "dispatch advices sent"),
             ("inventory_accuracy", "all", 0.9972, 0.9931, "locations counted"),
             ("on_time_delivery", "all", 0.957, 0.874, "parcels delivered"),
             ("marketplace_cancellation", "Marketplace buyers", 0.006, 0.029, "marketplace orders"),
             ("marketplace_late_dispatch", "Marketplace buyers", 0.012, 0.066, "marketplace orders"))
    share = {"all": 1.0, **SEGMENTS}
    rows = []
    for month in months():
        orders = int(rng.normal(104_000 if peak(month) else 58_000, 2_500))
        for measure, segment, normal, worse, counts in kinds:
            n = int(orders * share[segment] * (0.11 if measure == "returns_within_48h" else 1))
            n = int(n * 0.4) if measure == "inventory_accuracy" else n
            value = rng.binomial(n, worse if peak(month) else normal) / n
            written = (f"{value:.5f}", "") if measure == "damage_rate" else (f"{100 * value:.2f}", "%")
            rows.append((f"{month:%Y-%m}", segment, measure, written[0], n, written[1], counts))
    return rows


def main() -> None:
    rng = np.random.default_rng(SEED)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "engagement.yaml").write_text(ENGAGEMENT, encoding="utf-8")
    write_csv(OUT / "criteria.csv", [*CRITERIA_HEADER, "measure"],
              [(*c[:8], "", *c[8:], MEASURED.get(c[0], "")) for c in CRITERIA], sort=False)
    write_csv(OUT / "partners.csv", PARTNERS_HEADER, PARTNERS, sort=False)
    write_csv(OUT / "supply.csv", SUPPLY_HEADER, SUPPLY, sort=False)
    write_csv(OUT / "scores.csv", SCORES_HEADER,
              scores(rng), sort=False)
    records = orders(rng)
    write_csv(OUT / "quality" / "deliveries.csv", DELIVERIES_HEADER, records)
    write_csv(OUT / "quality" / "complaints.csv", ["date", "segment", "order", "comment"],
              complaints(rng, records))
    write_csv(OUT / "quality" / "feedback.csv", FEEDBACK_HEADER,
              feedback(rng))
    write_csv(OUT / "quality" / "readings.csv", READINGS_HEADER, readings(rng))
    write_csv(OUT / "quality" / "observations.csv", OBSERVATIONS_HEADER,
              observations(rng))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
