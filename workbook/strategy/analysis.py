"""Value-discipline profiles: the company's, its customers', their blend and their alignment.

Pure functions over plain numbers; :func:`analyse_strategy` runs them on an engagement's settings.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from workbook.core.vocabulary import DISCIPLINE_LABELS, DISCIPLINES
from workbook.core.wordbook import Voice, common_audience, say
from workbook.engagement.settings import Settings


def normalise(profile: dict[str, float]) -> dict[str, float]:
    """Scale a profile so that its disciplines sum to 1."""
    total = sum(profile[d] for d in DISCIPLINES)
    return {d: profile[d] / total for d in DISCIPLINES}


def customer_profile(segments) -> dict[str, float]:
    """Share-weighted mean of the segments' normalised profiles (shares are normalised too)."""
    shares = np.array([s.share for s in segments], dtype=float)
    shares = shares / shares.sum()
    rows = np.array([[normalise(s.profile)[d] for d in DISCIPLINES] for s in segments])
    return {d: float(v) for d, v in zip(DISCIPLINES, shares @ rows)}


def blend_profiles(own: dict[str, float], customers: dict[str, float], blend: float) -> dict[str, float]:
    """``(1 - blend) * own + blend * customers``, both normalised first."""
    own, customers = normalise(own), normalise(customers)
    return {d: float((1 - blend) * own[d] + blend * customers[d]) for d in DISCIPLINES}


def overlap(a: dict[str, float], b: dict[str, float]) -> float:
    """How much two normalised profiles agree: 1 - half the L1 distance (1 = identical, 0 = disjoint)."""
    return 1.0 - 0.5 * sum(abs(a[d] - b[d]) for d in DISCIPLINES)


def lead_discipline(profile: dict[str, float]) -> str:
    """The discipline with the largest share (ties go to the first in the canonical order)."""
    return max(DISCIPLINES, key=lambda d: profile[d])


@dataclass(frozen=True)
class StrategyAnalysis:
    """The strategy's figures, each kept for traceability.

    ``gap`` is the customers' share minus the company's share per discipline (positive: the
    customers care more about it than the company does).
    """

    own: dict[str, float]
    customers: dict[str, float]
    segments: dict[str, dict[str, float]]
    blended: dict[str, float]
    blend: float
    own_lead: str
    customer_lead: str
    lead: str
    thresholds: tuple[str, ...]
    gap: dict[str, float]
    shares: dict[str, float]
    share_of: str = "revenue"  # what a segment's share is a share of, in the engagement's words
    customers_are: str = "customers"  # what the customers are called: the company's own are its users
    buy: str = "buy"  # what customers do on a discipline: users rely on one

    def alignment(self) -> list[dict]:
        """Per segment: share, lead discipline, overlap with the company, widest gap (None, and a
        gap of 0, where the segment's profile is the company's to half a point)."""
        rows = []
        for name, profile in self.segments.items():
            widest = max(DISCIPLINES, key=lambda d: abs(profile[d] - self.own[d]))
            gap = profile[widest] - self.own[widest]
            rows.append({"segment": name, "share": self.shares[name],
                         "buys_on": lead_discipline(profile),
                         "overlap": overlap(profile, self.own),
                         "widest_gap": widest if abs(gap) >= 0.005 else None,
                         "gap": gap if abs(gap) >= 0.005 else 0.0})
        return rows

    def to_dict(self) -> dict:
        """Everything as plain data, for ``results/strategy.json``."""
        return dict(asdict(self), aligned=self.aligned, summary=self.summary(),
                    overlap=overlap(self.customers, self.own), alignment=self.alignment())

    @property
    def aligned(self) -> bool:
        return self.own_lead == self.customer_lead

    def summary(self) -> list[str]:
        """Plain sentences a client executive reads."""
        label = DISCIPLINE_LABELS
        lines = [f"The company leads on {label[self.own_lead].lower()} "
                 f"({self.own[self.own_lead]:.0%} of its profile)."]
        lines.append(f"Its {self.customers_are}, weighted by their share of {self.share_of}, {self.buy} mainly on "
                     f"{label[self.customer_lead].lower()} "
                     f"({self.customers[self.customer_lead]:.0%}).")
        if self.aligned:
            lines.append(f"Company and {self.customers_are} agree on the lead discipline: the partner must "
                         f"excel at {label[self.lead].lower()}.")
        else:
            lines.append(f"Company and {self.customers_are} disagree: the partner must support "
                         f"{label[self.own_lead].lower()} without failing {self.customers_are} who {self.buy} on "
                         f"{label[self.customer_lead].lower()}.")
        widest = max(DISCIPLINES, key=lambda d: abs(self.gap[d]))
        if abs(self.gap[widest]) >= 0.05:
            more = "more" if self.gap[widest] > 0 else "less"
            lines.append(f"The widest gap is {label[widest].lower()}: {self.customers_are} weigh it "
                         f"{abs(self.gap[widest]) * 100:.0f} percentage points {more} than the "
                         "company does.")
        lines.append(f"Overall the two profiles overlap {overlap(self.customers, self.own):.0%} "
                     "(100% = the same priorities).")
        for row in self.alignment():
            if row["buys_on"] != self.own_lead:
                lines.append(f"{row['segment']} ({row['share']:.0%} of {self.share_of}) {self.buy} mainly on "
                             f"{label[row['buys_on']].lower()} "
                             f"({self.segments[row['segment']][row['buys_on']]:.0%} of their profile, "
                             f"against {self.own[row['buys_on']]:.0%} in the company's).")
        lines.append("Threshold disciplines (meet the market's standard, do not lead): "
                     + ", ".join(label[d].lower() for d in self.thresholds) + ".")
        return lines


def analyse_strategy(settings: Settings, blend: float | None = None) -> StrategyAnalysis:
    """Profiles, lead and threshold disciplines and gaps for an engagement's settings."""
    blend = settings.blend if blend is None else blend
    own = normalise(settings.own)
    customers = customer_profile(settings.customers)
    blended = blend_profiles(own, customers, blend)
    lead = lead_discipline(blended)
    total = sum(s.share for s in settings.customers)
    return StrategyAnalysis(
        own=own, customers=customers,
        segments={s.name: normalise(s.profile) for s in settings.customers},
        blended=blended, blend=blend,
        own_lead=lead_discipline(own), customer_lead=lead_discipline(customers), lead=lead,
        thresholds=tuple(d for d in DISCIPLINES if d != lead),
        gap={d: float(customers[d] - own[d]) for d in DISCIPLINES},
        shares={s.name: s.share / total for s in settings.customers},
        **_words(Voice(settings.offering.kind, common_audience(s.audience for s in settings.customers),
                       settings.words)),
    )


def _words(voice: Voice) -> dict[str, str]:
    """How the summary names the customers, what they do on a discipline and what a share is of."""
    return {"share_of": say("share_of", voice), "customers_are": say("customers_are", voice), "buy": say("buy", voice)}
