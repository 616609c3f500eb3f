"""A finding and the record of them: every judgement of a render as codes, subjects and figures.

A :class:`Finding` has a ``kind`` (what sort of judgement: :data:`KINDS`), a ``code`` (which one),
at most one ``severity`` (``high``, ``medium``, ``low``; None where the kind has none), its
``subjects`` (ids: ``partner``, ``input``, ``criterion``, ``measure``, ``segment``, ``method``)
and its ``figures`` (numbers, months, lists of codes). Never a sentence: the words come from the
views, so every page, the summary, the PDF, the checklist and results.xlsx say one thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# The kinds of finding, in the order the record lists them.
RECOMMENDATION = "recommendation"  # code: the verdict's kind (robust, conditional, close call) or "ranked"
CONDITION = "condition"    # a condition the winner is recommended on (workbook.scoring.conditions)
FLAG = "flag"              # a warning sign or strength of a partner (ranking.csv's flags)
PROPOSAL = "proposal"      # a must-have proposed from the strategy, not yet applied, that a partner fails
SUPPLY = "supply"          # a supply risk (workbook.scoring.continuity.supply_risks)
CONTINUITY = "continuity"  # a partner's chance of a supply-caused miss or an outage over the term
STATUS = "status"          # a quality measure's one status (workbook.quality.status)
ALERT = "alert"            # an early warning (workbook.quality.alerts)
KINDS = (RECOMMENDATION, CONDITION, FLAG, PROPOSAL, SUPPLY, CONTINUITY, STATUS, ALERT)
SEVERITIES = ("high", "medium", "low")


@dataclass(frozen=True)
class Finding:
    """One judgement: see the module's description."""

    kind: str
    code: str
    severity: str | None = None
    subjects: dict = field(default_factory=dict, hash=False, compare=False)
    figures: dict = field(default_factory=dict, hash=False, compare=False)
    id: str = ""

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"not a kind of finding: {self.kind!r}")
        if self.severity is not None and self.severity not in SEVERITIES:
            raise ValueError(f"not a severity: {self.severity!r}")

    def about(self, key: str):
        """The subject ``key`` (``partner``, ``input``…), or None."""
        return self.subjects.get(key)

    def to_dict(self) -> dict:
        return {"id": self.id, "kind": self.kind, "code": self.code, "severity": self.severity,
                "subjects": dict(self.subjects), "figures": dict(self.figures)}

    @classmethod
    def from_dict(cls, data: dict) -> Finding:
        return cls(data["kind"], data["code"], data.get("severity"), dict(data.get("subjects") or {}),
                   dict(data.get("figures") or {}), data.get("id", ""))


@dataclass(frozen=True)
class Findings:
    """The findings of one render, in :data:`KINDS` order (the most severe first within a kind
    where the kind is ranked by severity)."""

    items: tuple[Finding, ...] = ()

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __add__(self, other: Findings) -> Findings:
        return Findings(tuple(sorted(self.items + other.items, key=lambda f: KINDS.index(f.kind))))

    def of(self, kind: str, code: str | None = None, **subjects) -> list[Finding]:
        """The findings of ``kind`` (and ``code``) whose subjects are as given."""
        return [f for f in self.items if f.kind == kind and (code is None or f.code == code)
                and all(f.about(k) == v for k, v in subjects.items())]

    @property
    def recommendation(self) -> Finding | None:
        found = self.of(RECOMMENDATION)
        return found[0] if found else None

    @property
    def winner(self) -> str | None:
        r = self.recommendation
        return None if r is None else r.about("partner")

    def count(self, kind: str) -> dict[str, int]:
        """How many findings of ``kind`` carry each code."""
        counts: dict[str, int] = {}
        for f in self.of(kind):
            counts[f.code] = counts.get(f.code, 0) + 1
        return counts

    def to_dict(self) -> dict:
        return {"findings": [f.to_dict() for f in self.items]}

    @classmethod
    def from_dict(cls, data: dict | None) -> Findings:
        return cls(tuple(Finding.from_dict(f) for f in (data or {}).get("findings", [])))
