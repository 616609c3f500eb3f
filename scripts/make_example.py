"""Write the bundled example engagement, ``data/example/``, from a fixed seed.

The story: Halden Specialty Chemicals, a product leader in dispersant additives for coatings,
moves its HALCOAT line to a contract manufacturer. Six candidates: a proven all-rounder (Apex),
a low-cost volume player (Rheinberg), a customer-intimate custom house (Coastal), a well-run site
whose only cleaning-agent supplier is a single point of failure (Lakeside), the cheapest bidder
whose delivery record fails the must-have (Meridian), and a two-year-old start-up with dazzling
continuous-flow technology and no track record in coatings (NovaSynth).

Run ``python scripts/make_example.py`` to rewrite the files; the output is identical each time.
"""

from __future__ import annotations

import csv
from pathlib import Path

import example_quality
import numpy as np

SEED = 20261121
OUT = Path(__file__).resolve().parent.parent / "data" / "example"

ENGAGEMENT = """\
# The example engagement: a specialty-chemicals maker choosing a contract manufacturer.
client: Halden Specialty Chemicals
decision: Choose the contract manufacturer for the HALCOAT dispersant line for the next five years
outsourced: the manufacture of the HALCOAT dispersant line
term_years: 5
prepared_by: Strategy & Operations Office
date: 2026-11-21
as_of: 2026-11-21                 # quality figures as they stood that day (later data is left out, and said so)
chosen_partner: apex              # under contract since September 2025: its quality is tracked in quality/

# Value-discipline profiles (Treacy and Wiersema), any non-negative scale; they are normalised.
strategy:
  own:                        # Halden leads on product leadership
    product_leadership: 5
    customer_intimacy: 3
    operational_excellence: 2
  customers:                  # share of HALCOAT revenue per segment
    - name: Coatings OEMs
      share: 0.55
      product_leadership: 4
      customer_intimacy: 3
      operational_excellence: 3
    - name: Industrial distributors
      share: 0.30
      product_leadership: 1
      customer_intimacy: 2
      operational_excellence: 5
    - name: Specialty formulators
      share: 0.15
      product_leadership: 3
      customer_intimacy: 5
      operational_excellence: 2
  blend: 0.5                  # customers' part of the profile that drives the weights

team:
  leader: Maria Lindqvist, Chief Operating Officer
  evaluators:
    - Tom Becker
    - Aisha Rahman
    - Jonas Weber

# The partner catalogue the long list is matched from (data/catalogue.sqlite unless
# $WORKBOOK_CATALOGUE or location: says otherwise); `workbook catalogue import data/catalogue` fills it.
catalogue:
  certifications: [ISO 9001]  # must be valid on the decision date
  fresh_months: 24            # a fact observed longer ago is stale
"""

CRITERIA = [
    # id, name, group, direction, source, PL, CI, OE, weight, knockout, definition (scales: SCALES)
    ("formulation_innovation", "New-formulation development", "innovation", "benefit", "score", 3, 1, 0, "", "", "Brings forward new dispersant formulations; a 5 has launched several for customers in the last three years."),
    ("process_technology", "Dispersion and milling technology", "innovation", "benefit", "score", 3, 0, 2, "", "", "Dispersion and milling equipment and know-how: particle size, repeatability, scale-up."),
    ("lot_acceptance", "Lot acceptance rate, last 24 months (%)", "quality", "benefit", "lot_acceptance_pct", 3, 1, 2, "", "95", "Share of lots accepted at incoming inspection over 24 months, from the partner's records."),
    ("quality_system", "Quality system and quality-agreement readiness", "quality", "benefit", "score", 2, 1, 2, "", "", "ISO 9001 maturity, change control, and readiness to sign our quality agreement."),
    ("listening", "Listens and understands our requirements", "customer_focus", "benefit", "score", 1, 3, 1, "", "", "Asks, listens and plays back our requirements correctly; a 5 catches what we did not say."),
    ("flexibility", "Flexibility on volumes, recipes and schedules", "customer_focus", "benefit", "score", 1, 3, 1, "", "", "Takes volume swings, recipe changes and rush orders without renegotiating each time."),
    ("exceeding", "Exceeds expectations", "customer_focus", "benefit", "score", 2, 2, 1, "", "", "Does more than the specification asks: proposals, early warnings, improvements offered unasked."),
    ("years_in_field", "Years in specialty chemicals", "track_record", "benefit", "years_in_field", 1, 1, 2, "", "", "Years in contract manufacturing of specialty chemicals."),
    ("references", "Referenceable customers", "track_record", "benefit", "referenceable_customers", 2, 2, 1, "", "", "Customers who agree to take a reference call about the partner."),
    ("domain_knowledge", "Knowledge of coatings applications", "domain_knowledge", "benefit", "score", 3, 2, 0, "", "", "Understands coatings applications and how our dispersants behave in customers' paints."),
    ("core_strength", "Unique competence in dispersant chemistry", "unique_competence", "benefit", "score", 2, 1, 0, "", "", "A competence in dispersant chemistry others in the field do not have."),
    ("culture", "Cultural chemistry with our teams", "culture", "benefit", "score", 1, 2, 1, "", "", "Working style like ours: openness, speed of decisions, escalation, language."),
    ("unit_cost", "Conversion cost (EUR/kg)", "cost", "cost", "unit_cost_eur_kg", 0, 0, 3, "", "", "Conversion cost per kg quoted for the contract volume."),
    ("otif", "On-time in-full record, last 12 months (%)", "delivery", "benefit", "otif_pct", 1, 2, 3, "", "90", "Orders delivered on time and in full over the last 12 months, from the partner's records."),
    ("supply_assurance", "Supply continuity of inputs and consumables", "supply", "benefit", "score", 1, 1, 3, "", "", "Second sources, stock and contracts for every critical input, consumables such as cleaning agents included."),
]

# Each fact's scale (worst, best), so that no partner's score depends on who else is in the field.
SCALES = {"lot_acceptance": (90, 100), "years_in_field": (0, 30), "references": (0, 15),
          "unit_cost": (6, 3), "otif": (80, 100)}

PARTNERS = [
    # id, name, country, years, references, otif, lot acceptance, cost, capacity
    ("apex", "Apex Polymer Solutions", "Belgium", 19, 11, 95.5, 99.2, 4.60, 9000),
    ("rheinberg", "Rheinberg Contract Chemicals", "Germany", 28, 14, 96.8, 98.4, 4.05, 15000),
    ("coastal", "Coastal Custom Synthesis", "Netherlands", 12, 9, 93.1, 98.1, 4.85, 5000),
    ("lakeside", "Lakeside Formulators", "Poland", 22, 8, 94.9, 98.8, 4.35, 11000),
    ("meridian", "Meridian Chemical Services", "Czechia", 15, 6, 86.2, 95.9, 3.70, 14000),
    ("novasynth", "NovaSynth Labs", "Denmark", 2, 1, 91.0, 96.6, 4.30, 3000),
]

# The team's underlying view of each partner (1-5) per scored criterion, before evaluator noise.
VIEW = {
    #              innov proc  qsys  listen flex exceed domain core  cult  supply
    "apex":       (4.3, 4.2, 4.6, 4.0, 3.6, 4.1, 4.7, 4.5, 3.9, 4.0),
    "rheinberg":  (2.6, 3.6, 4.2, 3.1, 2.8, 3.0, 3.7, 3.0, 3.2, 4.5),
    "coastal":    (3.4, 3.1, 3.8, 4.7, 4.8, 4.4, 3.9, 3.3, 4.6, 3.6),
    "lakeside":   (3.3, 3.7, 4.2, 3.7, 3.6, 3.6, 4.1, 3.4, 3.7, 2.4),
    "meridian":   (2.3, 3.0, 3.2, 2.9, 3.4, 2.6, 3.0, 2.5, 3.0, 3.3),
    "novasynth":  (4.9, 4.9, 2.6, 3.5, 3.7, 3.3, 1.9, 4.6, 3.3, 2.6),
}
SCORED = [c[0] for c in CRITERIA if c[4] == "score"]
EVALUATORS = {"Tom Becker": 0.0, "Aisha Rahman": -0.25, "Jonas Weber": 0.2}  # leniency
# Jonas Weber missed the NovaSynth site visit: these judgments are not in yet.
NOT_YET = {("Jonas Weber", "novasynth", "culture"), ("Jonas Weber", "novasynth", "supply_assurance")}

EVIDENCE = {
    ("apex", "domain_knowledge"): "Ran three coatings trials with our R&D; knew the OEM specs",
    ("novasynth", "formulation_innovation"): "Flow-reactor demo cut development loop to days",
    ("novasynth", "domain_knowledge"): "No coatings customers yet; asked basic questions on dispersion",
    ("novasynth", "quality_system"): "Quality manual in draft; no quality agreement signed to date",
    ("coastal", "flexibility"): "Re-planned a trial batch within 48 hours at our request",
    ("lakeside", "supply_assurance"): "One supplier of CIP cleaning agent, 3 days on hand",
    ("rheinberg", "supply_assurance"): "Dual-sourced all inputs incl. cleaning agents",
    ("meridian", "exceeding"): "Two late shipments during the 2026 sample programme",
}

SUPPLY = [
    # partner, input, sources, days on hand, replenish days, critical, kind: what the product is made
    # of is a material; what is used up making it (the cleaning agent that once stopped a partner's
    # deliveries, filter bags, blanketing gas, catalyst cartridges) a consumable
    ("apex", "Acrylic monomer blend", 2, 21, 10, "yes", "material"),
    ("apex", "Neutralising amine", 3, 30, 7, "yes", "material"),
    ("apex", "CIP cleaning agent (alkaline)", 2, 18, 5, "yes", "consumable"),
    ("apex", "Filter bags", 4, 60, 10, "no", "consumable"),
    ("rheinberg", "Acrylic monomer blend", 3, 25, 10, "yes", "material"),
    ("rheinberg", "Neutralising amine", 2, 28, 7, "yes", "material"),
    ("rheinberg", "CIP cleaning agent (alkaline)", 2, 20, 5, "yes", "consumable"),
    ("coastal", "Acrylic monomer blend", 2, 14, 12, "yes", "material"),
    ("coastal", "Neutralising amine", 2, 20, 7, "yes", "material"),
    ("coastal", "CIP cleaning agent (alkaline)", 1, 15, 6, "yes", "consumable"),
    ("lakeside", "Acrylic monomer blend", 2, 18, 10, "yes", "material"),
    ("lakeside", "Neutralising amine", 2, 16, 7, "yes", "material"),
    ("lakeside", "CIP cleaning agent (alkaline)", 1, 3, 14, "yes", "consumable"),
    ("lakeside", "Nitrogen blanketing gas", 1, 5, 2, "no", "consumable"),
    ("meridian", "Acrylic monomer blend", 1, 12, 21, "yes", "material"),
    ("meridian", "CIP cleaning agent (alkaline)", 2, 10, 5, "yes", "consumable"),
    ("novasynth", "Flow-reactor catalyst cartridges", 1, 20, 45, "yes", "consumable"),
    ("novasynth", "Acrylic monomer blend", 1, 7, 10, "yes", "material"),
    ("novasynth", "CIP cleaning agent (alkaline)", 2, 12, 5, "yes", "consumable"),
]


# The team's pairwise view of the criterion groups, for AHP as an alternative way to weigh.
GROUP_IMPORTANCE = {"innovation": 9, "quality": 8, "domain_knowledge": 7, "customer_focus": 6,
                    "track_record": 5, "delivery": 5, "supply": 4, "unique_competence": 4,
                    "culture": 3, "cost": 2}


def saaty(ratio: float) -> str:
    """The nearest value on Saaty's 1-9 scale, as text (reciprocals as 1/n)."""
    whole = int(min(9, max(1, round(ratio if ratio >= 1 else 1 / ratio))))
    return str(whole) if ratio >= 1 or whole == 1 else f"1/{whole}"


def pairwise_rows():
    groups = list(GROUP_IMPORTANCE)
    for i, a in enumerate(groups):
        for b in groups[i + 1:]:
            yield a, b, saaty(GROUP_IMPORTANCE[a] / GROUP_IMPORTANCE[b])


def write_csv(path: Path, header, rows) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def judgments(rng: np.random.Generator):
    for evaluator, leniency in EVALUATORS.items():
        for partner, view in VIEW.items():
            for criterion, mean in zip(SCORED, view):
                if (evaluator, partner, criterion) in NOT_YET:
                    continue
                score = int(np.clip(np.rint(mean + leniency + rng.normal(0, 0.45)), 1, 5))
                yield evaluator, partner, criterion, score, EVIDENCE.get((partner, criterion), "")


def write_quality(folder: Path, rng: np.random.Generator) -> None:
    folder.mkdir(exist_ok=True)
    orders = example_quality.deliveries(rng)
    write_csv(folder / "deliveries.csv", ["order", "segment", "order_date", "promised", "delivered",
                                          "ordered_qty", "delivered_qty", "accepted"], orders)
    write_csv(folder / "complaints.csv", ["date", "segment", "order", "comment"],
              example_quality.complaints(rng, orders))
    write_csv(folder / "feedback.csv", ["date", "segment", "method", "measure", "value", "comment"],
              example_quality.feedback(rng))
    write_csv(folder / "readings.csv", ["date", "measure", "value", "unit", "note"],
              example_quality.readings(rng))


def main(out: Path = OUT) -> None:
    rng = np.random.default_rng(SEED)
    out.mkdir(parents=True, exist_ok=True)
    (out / "engagement.yaml").write_text(ENGAGEMENT, encoding="utf-8")
    write_csv(out / "criteria.csv", ["id", "name", "group", "direction", "source",
                                     "product_leadership", "customer_intimacy",
                                     "operational_excellence", "weight", "knockout", "worst", "best",
                                     "definition"],
              [c[:10] + SCALES.get(c[0], ("", "")) + c[10:] for c in CRITERIA])
    write_csv(out / "partners.csv", ["id", "name", "country", "years_in_field",
                                     "referenceable_customers", "otif_pct", "lot_acceptance_pct",
                                     "unit_cost_eur_kg", "capacity_t_year"], PARTNERS)
    write_csv(out / "scores.csv", ["evaluator", "partner", "criterion", "score", "evidence"],
              judgments(rng))
    write_csv(out / "supply.csv", ["partner", "input", "sources", "days_on_hand",
                                   "replenish_days", "critical", "kind"], SUPPLY)
    write_csv(out / "ahp.csv", ["a", "b", "judgment"], pairwise_rows())
    write_quality(out / "quality", np.random.default_rng(SEED + 1))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
