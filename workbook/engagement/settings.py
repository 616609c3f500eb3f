"""``engagement.yaml``: the client, the decision, the strategy profiles and the team."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date as Date

from workbook.core.dates import parse_date, to_iso, written_as
from workbook.core.errors import Problem
from workbook.core.names import canonical, nfc
from workbook.core.numbers import parse_number
from workbook.core.vocabulary import DISCIPLINES
from workbook.core.yaml_files import YamlDocument
from workbook.engagement.audience import check_audience, check_words
from workbook.engagement.branding import Branding, check_branding
from workbook.engagement.catalogue_link import CatalogueLink, check_catalogue
from workbook.engagement.keys import KEYS, check_keys
from workbook.engagement.notify_targets import Notify, check_notify
from workbook.engagement.offering import Offering, check_offering
from workbook.engagement.peaks import check_peak_months
from workbook.engagement.uncertainty import Uncertainty, check_uncertainty

DEFAULT_BLEND = 0.5
WEIGHTINGS = ("derived", "ahp")


@dataclass(frozen=True)
class Segment:
    """A customer segment: its name, its share of the business and its value-discipline profile."""

    name: str
    share: float
    profile: dict[str, float]
    audience: str = "business"  # who its customers are (workbook.engagement.audience)
    facing: str = ""  # who faces them for the company, when not the word book's default


@dataclass(frozen=True)
class Settings:
    """The validated content of ``engagement.yaml``.

    ``blend`` is the customers' part in the blended profile that drives the weights (0 = the
    company's own profile only, 1 = the customers' only). ``weighting`` is ``derived`` (from the
    strategy) or ``ahp`` (from the pairwise judgments in ``ahp.csv``).
    ``accept_knockout_proposals`` applies the strategy's proposed must-haves to criteria that have
    none. ``chosen_partner`` names the partner under contract, whose quality is tracked. ``date``
    is the report's date (ISO); ``as_of`` the date the quality figures are measured to: an ISO
    date, ``today``, or empty for the date of the newest tracking data. ``robustness`` says which
    uncertainty the robustness analysis draws from. ``offering`` says whether a product or a
    service is outsourced and what one order or request is called. ``catalogue`` names the partner
    catalogue the long list is matched from (None when the engagement names none). ``extra``
    keeps every key the contract does not name.
    """

    client: str
    decision: str
    term_years: float
    own: dict[str, float]
    customers: tuple[Segment, ...]
    leader: str
    evaluators: tuple[str, ...]
    blend: float = DEFAULT_BLEND
    weighting: str = "derived"
    accept_knockout_proposals: bool = False
    chosen_partner: str = ""
    prepared_by: str = ""
    date: str = ""
    as_of: str = ""
    outsourced: str = ""
    branding: Branding = field(default_factory=lambda: Branding())
    robustness: Uncertainty = field(default_factory=lambda: Uncertainty())
    offering: Offering = field(default_factory=lambda: Offering())
    catalogue: CatalogueLink | None = None
    extra: dict = field(default_factory=dict)
    words: dict = field(default_factory=dict)  # the engagement's own words for word-book entries
    peak_months: tuple[int, ...] = ()  # no customer touchpoint is planned in these (1-12)
    notify: Notify | None = None  # who is told of new early warnings (workbook.engagement.notify_targets)


class _Reader:
    """Collects problems while reading values at dotted paths of one YAML document."""

    def __init__(self, doc: YamlDocument, problems: list[Problem]):
        self.doc, self.problems = doc, problems

    def fail(self, path: tuple, value, message: str, fix: str) -> None:
        key = "".join(f"[{p + 1}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")
        self.problems.append(Problem(self.doc.file, self.doc.line(*path), key or None,
                                     value, message, fix))

    def get(self, mapping, path: tuple, kind: type, what: str, fix: str, required=True):
        if not isinstance(mapping, dict) or path[-1] not in mapping or mapping[path[-1]] is None:
            if required:
                self.fail(path, None, f"{what} is missing", fix)
            return None
        value = mapping[path[-1]]
        if not isinstance(value, kind) or isinstance(value, bool):
            self.fail(path, value, f"{what} must be {_KIND[kind]}", fix)
            return None
        return value

    def text(self, mapping, path, what, fix, required=True, one_line=False) -> str | None:
        value = self.get(mapping, path, (str, int, float, Date), what, fix, required)
        if value is None:
            return None
        # as written: YAML reads an id 0101 as the octal number 65, and 1.10 as 1.1
        value = (value if isinstance(value, str) else self.doc.raw.get(path, str(value))).strip()
        if required and not value:
            self.fail(path, value, f"{what} is empty", fix)
            return None
        if one_line and "\n" in value:
            self.fail(path, value, f"{what} must fit on one line", "shorten it to one sentence")
            return None
        return value

    def date(self, mapping, path, what, required=False, also=()) -> str | None:
        """An ISO date (YAML reads 2026-11-21 as a date), or one of the words in ``also``."""
        value = self.get(mapping, path, (str, int, float, Date), what, "write the date as YYYY-MM-DD",
                         required)
        if value is None:
            return None
        if isinstance(value, Date):
            return value.isoformat()
        text = str(value).strip()
        if text.lower() in also:
            return text.lower()
        if parse_date(text) is not None and len(text) == 10:
            return text
        written = written_as([text])
        iso = to_iso(text, written) if written else None
        if written and " or " in written:
            day_first, month_first = to_iso(text, written.split(" or ")[0]), to_iso(text, written.split(" or ")[1])
            fix = f"write the date as YYYY-MM-DD: {day_first} or {month_first}, whichever is meant"
        elif iso:
            fix = f"write it as YYYY-MM-DD: {iso}"
        else:
            fix = "write the date as YYYY-MM-DD, e.g. 2026-11-21"
        self.fail(path, text, f"{what} is written {written}, not YYYY-MM-DD" if written else
                  f"{what} is not a date", fix + (f" (or {' or '.join(also)})" if also else ""))
        return None

    def number(self, mapping, path, what, fix, low=None, high=None, required=True):
        raw = self.get(mapping, path, (int, float, str), what, fix, required)
        if raw is None:
            return None
        value = parse_number(raw)
        if value is None or (low is not None and value < low) or (high is not None and value > high):
            self.fail(path, raw, f"{what} must be a number{_range(low, high)}", fix)
            return None
        return value

    def profile(self, block: dict, path: tuple, whose: str) -> dict[str, float] | None:
        """The three discipline numbers found directly in ``block``."""
        values = {d: self.number(block, path + (d,), f"{whose}'s {d}",
                                 "write a number of 0 or more (higher = more important)", low=0)
                  for d in DISCIPLINES}
        if any(v is None for v in values.values()):
            return None
        if sum(values.values()) == 0:
            self.fail(path, 0, f"{whose}'s profile is all zero and cannot be normalised",
                      "give at least one discipline a number above 0")
            return None
        return values


_KIND = {dict: "a set of keys", list: "a list", (str, int, float, Date): "text",
         (int, float, str): "a number"}


def _range(low, high) -> str:
    def show(x):
        return f"{x:,.0f}" if x == int(x) else f"{x:g}"
    if low is not None and high is not None:
        return f" from {show(low)} to {show(high)}"
    return f" of {show(low)} or more" if low is not None else ""


def check_settings(doc: YamlDocument, problems: list[Problem],
                   partial: dict | None = None) -> Settings | None:
    """Validate ``engagement.yaml``; append every problem found; return Settings when clean.

    ``partial``, when given, receives the ``evaluators`` and ``segments`` that validated even if
    other keys did not, so that the other files can still be checked against them.
    """
    before = len(problems)
    r = _Reader(doc, problems)
    data = doc.data
    if not isinstance(data, dict):
        r.fail((), None, "the file must hold keys such as client, decision and strategy",
               "start from the template that `workbook new` writes")
        return None
    client = r.text(data, ("client",), "the client's name", "write the client's name")
    decision = r.text(data, ("decision",), "the decision", "state the decision in one line",
                      one_line=True)
    term = r.number(data, ("term_years",), "the term in years",
                    "write how many years the outsourcing contract runs, e.g. 5", low=0.1, high=100)
    strategy = r.get(data, ("strategy",), dict, "the strategy section",
                     "add strategy: with own: and customers:") or {}
    own_block = r.get(strategy, ("strategy", "own"), dict, "the company's own profile",
                      "give product_leadership, customer_intimacy and operational_excellence "
                      "as numbers of 0 or more") if strategy else None
    own = r.profile(own_block, ("strategy", "own"), "the company") if own_block else None
    blend = r.number(strategy, ("strategy", "blend"), "the blend",
                     "write the customers' part of the blend, from 0 (company only) to 1 "
                     "(customers only)", low=0, high=1, required=False)
    customers = _check_segments(r, strategy) if strategy else None
    weighting = r.text(strategy, ("strategy", "weighting"), "the weighting",
                       "write derived or ahp", required=False) if strategy else None
    weighting = canonical(weighting, WEIGHTINGS) or weighting if weighting is not None else None
    if weighting is not None and weighting not in WEIGHTINGS:
        r.fail(("strategy", "weighting"), weighting, "the weighting is not derived or ahp",
               "write derived (from the strategy) or ahp (from ahp.csv)")
    accept = strategy.get("accept_knockout_proposals", False) if strategy else False
    if not isinstance(accept, bool):
        r.fail(("strategy", "accept_knockout_proposals"), accept, "this must be true or false",
               "write true to apply the proposed must-haves, false to only show them")
    team = r.get(data, ("team",), dict, "the team section",
                 "add team: with leader: and evaluators:") or {}
    leader = r.text(team, ("team", "leader"), "the team leader",
                    "name the senior leader who fronts the engagement") if team else None
    evaluators = _check_evaluators(r, team) if team else None
    prepared_by = r.text(data, ("prepared_by",), "prepared_by", "write a name", required=False)
    date = r.date(data, ("date",), "the date")
    as_of = r.date(data, ("as_of",), "the as-of date", also=("today",))
    outsourced = r.text(data, ("outsourced",), "what is outsourced", "name it in a few words, e.g. "
                        "the production of the HALCOAT line", required=False, one_line=True)
    branding = check_branding(r, data)
    robustness = check_uncertainty(r, data)
    offering = check_offering(r, data)
    catalogue = check_catalogue(r, data)
    words, peaks, notify = check_words(r, data), check_peak_months(r, data), check_notify(r, data)
    chosen = r.text(data, ("chosen_partner",), "chosen_partner",
                    "write the id of the partner under contract", required=False)
    check_keys(r, data)
    if partial is not None:  # what other files are checked against, even if the rest is broken
        partial.update(evaluators=evaluators, segments=None if customers is None or any(
            s.name is None for s in customers) else [s.name for s in customers])
    if len(problems) > before:
        return None
    return Settings(client, decision, term, own, customers, leader, evaluators,
                    DEFAULT_BLEND if blend is None else blend, weighting or "derived", accept,
                    chosen or "", prepared_by or "", date or "", as_of or "", outsourced or "",
                    branding or Branding(), robustness or Uncertainty(), offering or Offering(),
                    catalogue, {k: v for k, v in data.items() if k not in KEYS}, words, peaks, notify)


def _check_segments(r: _Reader, strategy: dict) -> tuple[Segment, ...] | None:
    path = ("strategy", "customers")
    items = r.get(strategy, path, list, "the customer segments",
                  "list each segment with name, share and the three disciplines")
    if items is None:
        return None
    if not items:
        r.fail(path, [], "there are no customer segments", "list at least one segment")
        return None
    segments, names = [], set()
    for i, item in enumerate(items):
        at = path + (i,)
        if not isinstance(item, dict):
            r.fail(at, item, "a segment must be a set of keys", "give name, share and the disciplines")
            continue
        name = r.text(item, at + ("name",), "the segment's name", "name the segment")
        if name is not None and name in names:
            r.fail(at + ("name",), name, "two segments have this name", "give each segment its own name")
        names.add(name)
        share = r.number(item, at + ("share",), "the segment's share",
                         "write its share (of revenue, orders or staff), 0 or more (shares are normalised)", low=0)
        profile = r.profile(item, at, f"segment {name or i + 1}")
        segments.append(Segment(name, share, profile, *check_audience(r, item, at)))
    shares = [s.share for s in segments if s.share is not None]
    if shares and len(shares) == len(items) and sum(shares) == 0:
        r.fail(path, 0, "all segment shares are zero and cannot be normalised",
               "give at least one segment a share above 0")
    return tuple(segments)


def _check_evaluators(r: _Reader, team: dict) -> tuple[str, ...] | None:
    path = ("team", "evaluators")
    items = r.get(team, path, list, "the evaluators", "list the people who score partners")
    if items is None:
        return None
    if not items:
        r.fail(path, [], "there are no evaluators", "list the people who score partners")
    names: list[str] = []
    for i, item in enumerate(items):
        if not isinstance(item, (str, int)) or isinstance(item, bool) or not str(item).strip():
            r.fail(path + (i,), item, "an evaluator must be a name", "write the person's name")
            continue
        name = nfc(str(item).strip())
        twin = canonical(name, names)  # Ann Lee and ann lee would be one person in scores.csv
        if twin is not None:
            r.fail(path + (i,), item, "this evaluator is listed twice" if twin == name else
                   f"this evaluator is listed already as {twin}", "list each person once")
        else:
            names.append(name)
    return tuple(names)
