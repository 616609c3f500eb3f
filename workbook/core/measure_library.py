"""The measure library: customer-side quality measures by family of business, as data.

Each family is a file of ``templates/measures/`` (goods, contact-centre, logistics, it-services,
professional-services); ``docs/measures.md`` documents them id by id. A measure says what it is
(name, definition, in the engagement's words for one order or request), its ``unit`` and good
``direction``, where it comes from (``source``), the discipline it serves (``universal`` for every
plan), its targets for a lead and for a threshold discipline, its alert threshold, and how, how
often and by whom it is measured; ``for`` keeps a measure to the segments of one audience
(marketplace, business, consumers, internal), and the plan leaves it out when no segment is one;
``counts`` names what a system's total for it counts, one and many (``[call offered, calls
offered]``), so that a warning rests on "3,071 calls offered", not on "3,071 records".

Sources: ``orders.on_time_in_full``, ``orders.on_time``, ``orders.accepted``, ``orders.days``
(computed from deliveries.csv, one row per order, claim or ticket), ``complaints.per_order``
(complaints.csv over deliveries.csv), ``answers`` (feedback.csv or readings.csv, one answer or
reading a row) and ``observations`` (observations.csv: a period's total from a WMS, telephony or
ticketing system). Whatever its source, a measure may also be given as observations.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import yaml

from workbook.core import paths
from workbook.core.vocabulary import DISCIPLINES

LIBRARY_DIR = paths.TEMPLATES_DIR / "measures"
UNIVERSAL = "universal"
# unit -> how a target writes it; a share is a fraction (0.95) that targets write as a percentage
UNITS = {"share": "%", "percent": "%", "count": "", "per_1000": "per 1,000", "seconds": "s",
         "minutes": "min", "hours": "h", "days": "days", "score": "", "nps": ""}
SHARE_UNITS = ("share", "percent")
SCORE_SCALE = (1.0, 5.0)  # a score is a rating from 1 to 5: no mean of ratings lies outside it
DURATION_UNITS = ("seconds", "minutes", "hours", "days")
DIRECTIONS = ("higher", "lower")
EVENT_SOURCES = ("orders.on_time_in_full", "orders.on_time", "orders.accepted", "orders.days",
                 "complaints.per_order")
SOURCES = EVENT_SOURCES + ("answers", "observations")
DEFAULT_FAMILY = {"product": "goods", "service": "professional-services"}
_FIELDS = ("id", "name", "definition", "unit", "direction", "from", "discipline", "target", "alert",
           "method", "cadence", "owner")


@dataclass(frozen=True)
class Measure:
    """One measure of the library (see the module's text for the fields)."""

    id: str
    family: str
    name: str
    definition: str
    unit: str
    direction: str
    source: str
    discipline: str
    target: str
    threshold: str
    alert: str
    method: str
    cadence: str
    owner: str
    aliases: tuple[str, ...] = ()
    audience: str = ""  # only for segments of this audience (marketplace, business …); "" for all
    min_n: int | None = None  # the fewest for a finding when not the method's (a month of weekly figures)
    counts: tuple[str, ...] = ()  # what a system's total counts, one and many: ("call offered", "calls offered")

    @property
    def is_share(self) -> bool:
        return self.unit in SHARE_UNITS

    @property
    def scale(self) -> tuple[float, float] | None:
        """The lowest and highest value an answer can take, when the unit bounds it (a 1-5 score)."""
        return SCORE_SCALE if self.unit == "score" else None

    def target_for(self, role: str) -> str:
        """The target of a ``lead`` or ``threshold`` discipline (a universal measure has one)."""
        return self.threshold if role == "threshold" and self.threshold else self.target


def _measure(family: str, raw: dict) -> Measure:
    missing = [f for f in _FIELDS if not str(raw.get(f, "")).strip()]
    if missing:
        raise ValueError(f"measure {raw.get('id')!r} of family {family} lacks {', '.join(missing)}")
    measure = Measure(str(raw["id"]), family, str(raw["name"]), str(raw["definition"]), raw["unit"],
                      raw["direction"], raw["from"], raw["discipline"], str(raw["target"]),
                      str(raw.get("threshold", "")), str(raw["alert"]), raw["method"],
                      str(raw["cadence"]), str(raw["owner"]), tuple(raw.get("aliases", ())),
                      str(raw.get("for", "")), raw.get("min_n"), tuple(str(w) for w in raw.get("counts", ())))
    if measure.counts and len(measure.counts) != 2:
        raise ValueError(f"measure {measure.id!r} of family {family}: counts needs one and many, "
                         f"not {list(measure.counts)}")
    bad = [(what, value) for what, value, allowed in (
        ("unit", measure.unit, UNITS), ("direction", measure.direction, DIRECTIONS),
        ("from", measure.source, SOURCES), ("discipline", measure.discipline, (UNIVERSAL, *DISCIPLINES)))
        if value not in allowed]
    if bad:
        raise ValueError(f"measure {measure.id!r} of family {family}: {bad}")
    return measure


@lru_cache(maxsize=None)
def family(name: str) -> tuple[Measure, ...]:
    """The measures of one family, in the library's order (KeyError for an unknown family)."""
    path = LIBRARY_DIR / f"{name}.yaml"
    if name not in family_names():
        raise KeyError(name)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return tuple(_measure(name, raw) for raw in data["measures"])


@lru_cache(maxsize=1)
def family_names() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in LIBRARY_DIR.glob("*.yaml")))


def family_title(name: str) -> str:
    return str(yaml.safe_load((LIBRARY_DIR / f"{name}.yaml").read_text(encoding="utf-8"))["title"])


def measures_of(families: tuple[str, ...]) -> tuple[Measure, ...]:
    """The measures of ``families``, first family first; an id met twice keeps its first definition."""
    seen: dict[str, Measure] = {}
    for name in families:
        for measure in family(name):
            seen.setdefault(measure.id, measure)
    return tuple(seen.values())


def find(measure_id: str, families: tuple[str, ...] = ()) -> Measure | None:
    """The measure with this id: from ``families`` first, then from any family of the library."""
    for measure in measures_of(tuple(families) + tuple(f for f in family_names() if f not in families)):
        if measure.id == measure_id:
            return measure
    return None


def aliases(families: tuple[str, ...]) -> dict[str, str]:
    """Other names a client's export may give a measure (csat, fcr, aht) -> the library's id."""
    return {alias: m.id for m in measures_of(families) for alias in m.aliases}


# The methods by which customers tell us themselves: what they measure, customers have noticed already
HEARD = ("survey", "focus group", "interview", "designed conversation", "complaint log")
# How each plan method hears or reads quality (docs/measures.md); MIN_N is its fewest for a finding.
METHODS = {
    "survey": "questions asked of many customers after a delivery, a call or a closed ticket (CSAT, NPS, FCR)",
    "focus group": "a moderated session with a handful of customers of one segment, scored as a whole",
    "interview": "a one-to-one conversation with a customer, scored by the interviewer",
    "designed conversation": "a senior leader's structured conversation with an account on needs, irritants "
                             "and plans",
    "quality test": "an audit or inspection of what was delivered: a lot, a picked order, a recorded call",
    "delivery records": "the orders, claims or tickets one row each (deliveries.csv): promised, delivered, "
                        "complete, accepted",
    "complaint log": "the customers' complaints one row each (complaints.csv), over what was delivered",
    "system records": "a system's own totals for a period (observations.csv), from a warehouse management "
                      "system, a contact centre's telephony, a ticketing system or monitoring, or the orders "
                      "one row each",
}


def library_markdown() -> str:
    """docs/measures.md: every family's measures, id by id, and the methods (a test keeps it current)."""
    from workbook.core.vocabulary import DISCIPLINE_LABELS, MIN_N

    lines = ["# The measure library", "",
             "Written from `workbook/templates/measures/*.yaml` by `python -m workbook.core.measure_library`; "
             "a test fails when this page and the library differ. `measures:` in engagement.yaml names one "
             "family or a list (the first wins on a shared id); without it a product gets `goods`, a service "
             "`professional-services`. `{unit}` and `{units}` read as the engagement's `unit:`.", "",
             "A share is kept as a fraction (0.952) and written as a percentage (95.2%); a value written as a "
             "percentage needs a % sign or a `unit` of %. Targets: the lead discipline's, then a threshold "
             "discipline's; universal measures have one. No target of a plan is weaker than the engagement's "
             "must-have on the same measure.", "", "## Methods", "",
             "| method | what it is | fewest for a finding |", "|---|---|---|"]
    lines += [f"| {m} | {what} | {MIN_N[m]} |" for m, what in METHODS.items()]
    for name in family_names():
        lines += ["", f"## {family_title(name)} (`{name}`)", "",
                  "| id | name | definition | unit | better | from | discipline | targets (lead / threshold) "
                  "| alert | method, cadence, owner |", "|---|---|---|---|---|---|---|---|---|---|"]
        for m in family(name):
            discipline = "every plan" if m.discipline == UNIVERSAL else DISCIPLINE_LABELS[m.discipline].lower()
            also = f" ({', '.join(m.aliases)})" if m.aliases else ""
            audience = f"; only for {m.audience} segments" if m.audience else ""
            targets = m.target + (f" / {m.threshold}" if m.threshold else "")
            lines.append(f"| `{m.id}`{also} | {m.name} | {m.definition} | {m.unit} | {m.direction} | "
                         f"{m.source} | {discipline}{audience} | {targets} | {m.alert} | "
                         f"{m.method}, {m.cadence}, {m.owner}" + (f"; fewest {m.min_n}" if m.min_n else "") + " |")
    return "\n".join(lines).replace(">=", "≥").replace("<=", "≤") + "\n"



def claims(fact: str, measure: str) -> bool:
    """Whether a partner's fact (a column of partners.csv, a catalogue fact) is its claim of a
    measure: ``otif_pct`` claims ``otif``, ``lot_acceptance_pct`` claims ``lot_acceptance``."""
    return fact == measure or fact in (f"{measure}_pct", f"{measure}_percent", f"{measure}_rate")


if __name__ == "__main__":
    (paths.PROJECT_DIR / "docs" / "measures.md").write_text(library_markdown(), encoding="utf-8")
