"""The field's fixed words: value disciplines, criterion groups, directions and sources."""

import re

from workbook.core.numbers import written_decimals

# Treacy and Wiersema (HBR 1993): lead in one discipline, meet the threshold in the others.
DISCIPLINES = ("product_leadership", "customer_intimacy", "operational_excellence")
DISCIPLINE_LABELS = {
    "product_leadership": "Product leadership",
    "customer_intimacy": "Customer intimacy",
    "operational_excellence": "Operational excellence",
}

# Groups that switch on the field's analyses; any other group name is accepted as free text.
KNOWN_GROUPS = {
    "customer_focus": "Customer focus (listening, flexibility, exceeding expectations)",
    "track_record": "Track record and referenceable customers",
    "domain_knowledge": "Domain knowledge",
    "unique_competence": "Unique competencies",
    "culture": "Cultural chemistry",
    "innovation": "Innovation",
    "quality": "Quality",
    "cost": "Cost",
    "delivery": "Delivery",
    "supply": "Supply continuity",
}

DIRECTIONS = ("benefit", "cost")
SCORE_SOURCE = "score"
SCORE_MIN, SCORE_MAX = 1.0, 5.0
SCORE_LABELS = {1: "poor", 2: "weak", 3: "adequate", 4: "good", 5: "excellent"}
ADEQUATE = 3.0  # the lowest acceptable judgment: below it is a warning, never a strength
RELEVANCE_MAX = 3.0

# How quality is heard from customers, and every method a quality plan may name.
CUSTOMER_METHODS = ("survey", "focus group", "interview", "quality test", "designed conversation")
PLAN_METHODS = CUSTOMER_METHODS + ("delivery records", "complaint log", "system records")
# The methods that meet customers in person or by survey: the calendar schedules them by month.
TOUCHPOINT_METHODS = ("survey", "focus group", "interview", "designed conversation")

# The company's own rating of quality, set against the customers' (a measure of every family of
# the measure library, workbook.core.measure_library) in the perception gap.
INTERNAL_VIEW, CUSTOMER_VIEW = "internal_quality_rating", "quality_rating"
# A share's answers and readings are fractions (0.952), or percentages said so (95.2% or a unit of %).
PERCENT_UNITS = ("%", "percent")
# How often a measure is taken: by the calendar month (the calendar schedules these) or by event.
CADENCE_MONTHS = {"monthly": 1, "quarterly": 3, "twice a year": 6, "yearly": 12, "annually": 12}
EVENT_CADENCES = ("every order", "every lot", "every batch", "continuous")
ALL_SEGMENTS = "all segments"
# Below this many answers, orders or sessions in a period, a breach is an early signal, not a high
# alert (a plan's min_n column overrides it). A survey needs about 30 answers before a 95 %
# interval of a share narrows to +/- 15 points; a focus group or designed conversation is one
# session scored as a whole, so three sessions; a quality test is a measurement, not a sample
# of opinions, so one.
MIN_N = {"survey": 30, "interview": 8, "focus group": 3, "designed conversation": 3,
         "quality test": 1, "delivery records": 20, "complaint log": 20, "system records": 20}

YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0"}


def group_label(group: str) -> str:
    """Readable name of a criterion group (known groups get their full name)."""
    return KNOWN_GROUPS.get(group, group.replace("_", " ").capitalize())


def mid_sentence(name: str) -> str:
    """A name as it reads inside a sentence: "Conversion cost (EUR/kg)" -> "conversion cost
    (EUR/kg)"; acronyms ("OTIF record") stay as they are."""
    name = str(name)
    if len(name) > 1 and name[1].isupper():
        return name
    return name[:1].lower() + name[1:]


def unit_of(name: str) -> str:
    """The unit a criterion's name ends with, in brackets: "Conversion cost (EUR/kg)" -> "EUR/kg",
    "On-time in-full record, last 12 months (%)" -> "%"; "" when the name has none, or when the
    brackets hold no unit but an acronym or a standard ("Data protection (GDPR)", "(ISO 27001)").
    criteria.csv's ``unit`` column, when the file has one, says it outright instead."""
    match = re.search(r"\(([^(),]{1,15})\)\s*$", str(name))
    unit = match.group(1).strip() if match else ""
    if re.search(r"\d", unit) or re.fullmatch(r"[A-Z]{4,}", unit):
        return ""
    return unit


def in_prose(name: str) -> str:
    """A criterion's name inside a sentence (:func:`mid_sentence`), without the unit its brackets
    name: "fails the must-have on damage rate", not "on damage rate (%)"; a figure beside it
    carries its unit."""
    unit = unit_of(name)
    if unit:
        name = re.sub(r"\s*\(" + re.escape(unit) + r"\)\s*$", "", str(name))
    return mid_sentence(name)


def criterion_places(criteria, values, cid: str, most: int = 6) -> int:
    """The decimals criterion ``cid``'s figures are written with in ``values`` (partners x
    criteria), at most ``most``: 0 for counts, 1 for 96.8 beside 94.0, 2 for costs in cents;
    none for a judged criterion, whose means have decimals of their own (2.67 of 5)."""
    if "source" in criteria and criteria.at[cid, "source"] == SCORE_SOURCE:
        return 0
    return written_decimals(values[cid].astype(float), most)


def criterion_unit(criteria, cid: str, name: str = "") -> str:
    """The unit of criterion ``cid`` of a criteria table: its ``unit`` column (criteria.csv's own,
    or what the check took from the name), else the brackets of ``name`` (or of its name)."""
    if "unit" in criteria and cid in criteria.index:
        return str(criteria.at[cid, "unit"])
    return unit_of(name or (criteria.at[cid, "name"] if cid in criteria.index else ""))


YES_NO = "yes/no"  # the unit of a fact that is held or not (a certificate): 1 is yes, 0 is no


# Ways of writing one unit; a fact's unit and its criterion's are compared through them
UNIT_SPELLINGS = {"h": "hours", "hr": "hours", "hrs": "hours", "hour": "hours",
                  "d": "days", "day": "days", "min": "minutes", "mins": "minutes", "minute": "minutes",
                  "pct": "%", "percent": "%", "per cent": "%", "€": "eur", "$": "usd"}


def same_unit(a: str, b: str) -> bool:
    """Whether two spellings name one unit: ``h`` and ``hours``, ``EUR`` and ``eur``, ``%`` and
    ``percent``."""
    def plain(unit: str) -> str:
        text = " ".join(str(unit).lower().split())
        return UNIT_SPELLINGS.get(text, text)
    return plain(a) == plain(b)
