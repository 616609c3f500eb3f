"""Learning from delivery: what an engagement measured of its contracted partner, and what its
team judged about the partners themselves, written into the catalogue with the engagement as
their source."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select

from workbook.catalogue import schema
from workbook.catalogue.match import CLIENT_GROUPS
from workbook.catalogue.store import Catalogue, stamp, upsert, writing
from workbook.core.errors import UsageError
from workbook.engagement.model import Engagement


@dataclass(frozen=True)
class Recorded:
    """What was recorded: months of each measure, judgments, and partners not in the catalogue."""

    partner: str
    months: dict[str, int]
    judgments: int
    not_in_catalogue: list[str]


def record_engagement(engagement: Engagement, quality, matrix, catalogue: Catalogue) -> Recorded:
    """Write the contracted partner's complete months of every tracked measure (``quality``, a
    :class:`workbook.quality.assessment.QualityReport`) and the team's aggregated judgments
    (``matrix``, a :class:`workbook.scoring.matrix.DecisionMatrix`) on criteria about the partner
    itself into the catalogue. A second record of the same engagement replaces the first."""
    partner = engagement.settings.chosen_partner
    if not partner:
        raise UsageError(f"{engagement.name} has no chosen_partner in engagement.yaml: there is no "
                         f"delivery to record yet")
    source, now = engagement.name, stamp()
    units = {r["kpi_id"]: ("%" if "%" in str(r["target"]) else "days" if "day" in str(r["target"]) else "")
             for _, r in quality.plan.iterrows()}
    rows, months = [], {}
    for measure, series in quality.series.items():
        complete = series[~series.get("partial", False)] if "partial" in series else series
        complete = complete.dropna(subset=["value"])
        scale = 100.0 if units.get(measure) == "%" else 1.0
        for _, r in complete.iterrows():
            rows.append({"partner_id": partner, "measure": measure, "month": str(r["month"]),
                         "engagement": source, "value": float(r["value"]) * scale,
                         "unit": units.get(measure, ""), "n": int(r["n"]) if "n" in r and r["n"] == r["n"] else None,
                         "recorded": now})
        if len(complete):
            months[measure] = len(complete)
    scored = engagement.scored_criteria
    about_partner = scored[~scored["group"].isin(CLIENT_GROUPS)].index
    judged_rows = []
    counts = matrix.judgments
    for pid in matrix.values.index:
        for cid in about_partner:
            if counts.at[pid, cid] and counts.at[pid, cid] > 0:
                judged_rows.append({"partner_id": pid, "criterion": cid, "engagement": source,
                                    "criterion_group": scored.at[cid, "group"],
                                    "name": scored.at[cid, "name"],
                                    "score": float(matrix.values.at[pid, cid]),
                                    "evaluators": int(counts.at[pid, cid]),
                                    "judged": engagement.settings.date or now[:10]})
    with writing(catalogue) as conn:
        known = set(conn.execute(select(schema.partners.c.id)).scalars())
        if partner not in known:
            raise UsageError(f"the chosen partner {partner} is not in the catalogue at "
                             f"{catalogue.shown}; import it first")
        for table in (schema.performance, schema.judgments):
            conn.execute(delete(table).where(table.c.engagement == source))
        upsert(conn, schema.performance, rows, ["partner_id", "measure", "month", "engagement"])
        upsert(conn, schema.judgments, [r for r in judged_rows if r["partner_id"] in known],
               ["partner_id", "criterion", "engagement"])
    outside = sorted({r["partner_id"] for r in judged_rows} - known)
    return Recorded(partner, months, len([r for r in judged_rows if r["partner_id"] in known]), outside)
