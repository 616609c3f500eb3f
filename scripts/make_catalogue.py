"""Write the example partner catalogue, ``data/catalogue/``, from a fixed seed.

Contract manufacturers of specialty chemicals, consistent with the example engagement: its six
candidates with the same facts and supply set-up, and 44 more from across Europe. Among them, on
purpose, what a real catalogue holds and the workbook must catch:

- likely duplicates: "APEX Polymer Solutions N.V." (Apex again, under its legal form, with
  older facts), "Rheinburg Contract Chemicals GmbH" (a misspelt Rheinberg), and two records
  sharing one VAT number;
- expired certificates: Baltic Fine Chemicals, strong on every fact, whose ISO 9001 certificate
  lapsed in August 2026, and others;
- stale facts: Alpine Coatings Chemistry's figures were observed in 2023, and a few partners
  have one old figure among fresh ones.

Run ``python scripts/make_catalogue.py``, then ``workbook catalogue import data/catalogue``; the
files are identical each time.
"""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import numpy as np

SEED = 20261125
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "catalogue"
EXAMPLE = ROOT / "data" / "example"
UNITS = {"years_in_field": "years", "referenceable_customers": "customers", "otif_pct": "%",
         "lot_acceptance_pct": "%", "unit_cost_eur_kg": "EUR/kg", "capacity_t_year": "t/year",
         "reactor_volume_m3": "m3", "employees": "people"}
COUNTRIES = ("Germany", "Belgium", "Netherlands", "Poland", "Czechia", "Austria", "France", "Italy",
             "Spain", "Denmark", "Sweden", "Finland", "Hungary", "Slovakia", "Slovenia", "Portugal")
VAT_PREFIX = {"Germany": "DE", "Belgium": "BE", "Netherlands": "NL", "Poland": "PL", "Czechia": "CZ",
              "Austria": "AT", "France": "FR", "Italy": "IT", "Spain": "ES", "Denmark": "DK",
              "Sweden": "SE", "Finland": "FI", "Hungary": "HU", "Slovakia": "SK", "Slovenia": "SI",
              "Portugal": "PT", "Switzerland": "CH", "Lithuania": "LT"}
PLACES = ("Danube", "Nordic", "Weser", "Carpathian", "Iberian", "Adriatic", "Moravian", "Ardennes",
          "Tyrol", "Elbe", "Loire", "Vistula", "Tagus", "Rhone", "Oder", "Po Valley", "Jutland",
          "Bohemian", "Saxon", "Flemish", "Silesian", "Lombard", "Hanseatic", "Pannonian")
KINDS = ("Fine Chemicals", "Dispersion Works", "Custom Synthesis", "Polymer Services",
         "Chemical Manufacturing", "Specialty Toll Processing", "Formulation Services",
         "Coatings Additives")
FORMS = {"Germany": "GmbH", "Austria": "GmbH", "Belgium": "NV", "Netherlands": "B.V.",
         "Poland": "sp. z o.o.", "Czechia": "s.r.o.", "France": "SAS", "Italy": "S.p.A.",
         "Spain": "S.L.", "Denmark": "A/S", "Sweden": "AB", "Finland": "Oy", "Hungary": "Kft.",
         "Slovakia": "s.r.o.", "Slovenia": "d.o.o.", "Portugal": "Lda."}
INPUTS = ("Acrylic monomer blend", "Neutralising amine", "CIP cleaning agent (alkaline)",
          "Filter bags", "Nitrogen blanketing gas", "Wetting agent concentrate")
DECISION = date(2026, 11, 21)
SOURCES = ("partner's bid", "site audit", "partner's records, checked at audit", "registry filing")


def main() -> None:
    rng = np.random.default_rng(SEED)
    partners, facts, certs, refs, supply = [], [], [], [], []
    example = list(csv.DictReader(open(EXAMPLE / "partners.csv", encoding="utf-8")))
    for i, p in enumerate(example):
        vat = VAT_PREFIX[p["country"]] + f"{rng.integers(10**9, 10**10)}"
        partners.append({"id": p["id"], "name": p["name"], "country": p["country"],
                         "aliases": "", "duns": _duns(rng), "lei": "", "vat": vat})
        for fact in UNITS:
            if fact in p:
                facts.append(_fact(p["id"], fact, p[fact], DECISION - timedelta(days=30 + 7 * i),
                                   "partner's bid, checked at the 2026 site visit"))
        certs.append(_cert(rng, p["id"], "ISO 9001", DECISION,
                           expired=p["id"] == "meridian"))
        if p["id"] in ("apex", "rheinberg", "lakeside"):
            certs.append(_cert(rng, p["id"], "ISO 14001", DECISION))
        refs += _references(rng, p["id"], min(int(p["referenceable_customers"]), 4))
    for row in csv.DictReader(open(EXAMPLE / "supply.csv", encoding="utf-8")):
        supply.append(row)
    # The duplicates to find.
    apex = partners[0]
    partners.append({"id": "apex-polymer-nv", "name": "APEX Polymer Solutions N.V.",
                     "country": "Belgium", "aliases": "Apex Polymers", "duns": "", "lei": "",
                     "vat": ""})
    for fact, value in (("years_in_field", 16), ("otif_pct", 94.0), ("lot_acceptance_pct", 98.9)):
        facts.append(_fact("apex-polymer-nv", fact, value, date(2023, 3, 14), "trade-fair brochure"))
    partners.append({"id": "rheinburg", "name": "Rheinburg Contract Chemicals GmbH",
                     "country": "Germany", "aliases": "", "duns": "", "lei": "", "vat": ""})
    facts.append(_fact("rheinburg", "capacity_t_year", 14000, date(2024, 2, 1), "industry directory"))
    assert apex["id"] == "apex"
    # Generated partners.
    names = sorted({f"{rng.choice(PLACES)} {rng.choice(KINDS)}" for _ in range(80)})
    rng.shuffle(names)
    names = names[:40] + ["Baltic Fine Chemicals", "Alpine Coatings Chemistry"]
    for name in names:
        country = "Lithuania" if name.startswith("Baltic") else \
            "Switzerland" if name.startswith("Alpine") else str(rng.choice(COUNTRIES))
        pid = name.lower().replace(" ", "-")
        partners.append({"id": pid, "name": f"{name} {FORMS.get(country, 'AG')}", "country": country,
                         "aliases": "", "duns": _duns(rng) if rng.random() < 0.7 else "", "lei": "",
                         "vat": VAT_PREFIX[country] + f"{rng.integers(10**8, 10**9)}"})
        strong = name in ("Baltic Fine Chemicals", "Alpine Coatings Chemistry")
        years = int(rng.integers(18, 35)) if strong else int(rng.integers(1, 40))
        values = {
            "years_in_field": years,
            "referenceable_customers": int(min(20, rng.poisson(years / 2.5) + (6 if strong else 0))),
            "otif_pct": round(float(rng.normal(97.5 if strong else 93.0, 1.0 if strong else 3.0)), 1),
            "lot_acceptance_pct": round(float(min(99.9, rng.normal(99.3 if strong else 97.6,
                                                                   0.3 if strong else 1.2))), 1),
            "unit_cost_eur_kg": round(float(rng.normal(4.0 if strong else 4.4, 0.45)), 2),
            "capacity_t_year": int(rng.integers(3, 25)) * 1000,
            "reactor_volume_m3": int(rng.integers(5, 80)),
            "employees": int(rng.integers(40, 900)),
        }
        fresh = DECISION - timedelta(days=int(rng.integers(20, 400)))
        for fact, value in values.items():
            if not strong and fact not in ("years_in_field", "otif_pct") and rng.random() < 0.06:
                continue  # a figure the catalogue does not have
            observed = fresh
            if name.startswith("Alpine") or (not strong and rng.random() < 0.08):
                observed = date(2023, int(rng.integers(1, 12)), 15)  # stale
            facts.append(_fact(pid, fact, value, observed, str(rng.choice(SOURCES))))
        if name.startswith("Baltic"):
            certs.append(_cert(rng, pid, "ISO 9001", DECISION, expires=date(2026, 8, 31)))
        elif rng.random() < 0.88:
            certs.append(_cert(rng, pid, "ISO 9001", DECISION, expired=rng.random() < 0.12))
        if rng.random() < 0.4:
            certs.append(_cert(rng, pid, "ISO 14001", DECISION))
        refs += _references(rng, pid, int(min(values["referenceable_customers"], rng.integers(0, 4))))
        for material in rng.choice(INPUTS, size=int(rng.integers(2, 5)), replace=False):
            supply.append({"partner": pid, "input": str(material),
                           "sources": int(rng.integers(1, 4)),
                           "days_on_hand": int(rng.integers(3, 45)),
                           "replenish_days": int(rng.integers(3, 25)),
                           "critical": "no" if "bags" in material else "yes"})
    # Two records, one VAT number: a company filed under its trading name as well.
    twin = partners[-5]
    partners.append({"id": "vcw-trading", "name": "VCW Trading House", "country": twin["country"],
                     "aliases": "", "duns": "", "lei": "", "vat": twin["vat"]})
    facts.append(_fact("vcw-trading", "employees", 35, date(2025, 6, 1), "registry filing"))
    _write("partners.csv", ["id", "name", "country", "aliases", "duns", "lei", "vat"], partners)
    _write("facts.csv", ["partner", "fact", "value", "unit", "source", "observed", "verified"], facts)
    _write("certifications.csv", ["partner", "standard", "number", "issuer", "scope", "issued",
                                  "expires"], certs)
    _write("references.csv", ["partner", "customer", "consent", "consent_date", "contact"], refs)
    _write("supply.csv", ["partner", "input", "sources", "days_on_hand", "replenish_days",
                          "critical"], supply)
    print(f"Wrote {OUT}: {len(partners)} partners, {len(facts)} facts, {len(certs)} certificates.")


def _duns(rng) -> str:
    return f"{rng.integers(10**8, 10**9)}"


def _fact(pid: str, fact: str, value, observed: date, source: str) -> dict:
    verified = observed + timedelta(days=14) if "audit" in source else ""
    return {"partner": pid, "fact": fact, "value": value, "unit": UNITS[fact], "source": source,
            "observed": observed.isoformat(), "verified": verified and min(verified, DECISION).isoformat()}


def _cert(rng, pid: str, standard: str, today: date, expired: bool = False,
          expires: date | None = None) -> dict:
    if expires is None:
        expires = today - timedelta(days=int(rng.integers(20, 300))) if expired else \
            today + timedelta(days=int(rng.integers(60, 1000)))
    issued = expires - timedelta(days=3 * 365)
    issuer = str(rng.choice(("TÜV SÜD", "Bureau Veritas", "DNV", "SGS", "DEKRA", "Lloyd's Register")))
    return {"partner": pid, "standard": standard, "number": f"{standard.split()[-1]}-{rng.integers(10**5, 10**6)}",
            "issuer": issuer, "scope": "Contract manufacture of specialty chemicals",
            "issued": issued.isoformat(), "expires": expires.isoformat()}


CUSTOMERS = ("a European paint maker", "a packaging-ink producer", "an adhesives group",
             "a construction-chemicals firm", "a wood-coatings maker", "a plastics compounder")


def _references(rng, pid: str, count: int) -> list[dict]:
    chosen = rng.choice(CUSTOMERS, size=min(count, len(CUSTOMERS)), replace=False)
    out = []
    for k, customer in enumerate(chosen):
        consent = bool(rng.random() < 0.8)
        out.append({"partner": pid, "customer": f"{customer[0].upper()}{customer[1:]} ({k + 1})",
                    "consent": "yes" if consent else "no",
                    "consent_date": (DECISION - timedelta(days=int(rng.integers(30, 700)))).isoformat()
                    if consent else "", "contact": "via the partner's account manager"})
    return out


def _write(name: str, columns: list[str], rows: list[dict]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / name, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


if __name__ == "__main__":
    main()
