"""The engagement: one validated object holding everything an outsourcing decision is made from."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from workbook.core import paths
from workbook.core.errors import InputError, Problem
from workbook.core.files import read_table
from workbook.core.names import canonical, suggest
from workbook.core.paths import display_path
from workbook.core.measure_library import family_names
from workbook.core.vocabulary import SCORE_SOURCE
from workbook.core.yaml_files import read_yaml
from workbook.engagement import handover
from workbook.engagement.checks import check_criteria, check_partners, check_scores, check_supply
from workbook.engagement.logo import LogoRefused, read_logo
from workbook.engagement.pairwise import Pairwise, check_pairwise
from workbook.engagement.must_haves import must_haves
from workbook.engagement.quality_files import QualityData, check_quality
from workbook.engagement.settings import Settings, check_settings


@dataclass(frozen=True)
class Engagement:
    """A validated engagement folder.

    Attributes
    ----------
    path : Path
        The folder.
    settings : Settings
        ``engagement.yaml``.
    criteria : DataFrame
        Indexed by criterion id: name, group, direction, source, the three relevances, weight
        (NaN = derive it), knockout (NaN = none), row, and any extra column as text.
    partners : DataFrame
        Indexed by partner id: name, the fact columns as floats, extra columns as text.
    scores : DataFrame
        One judgment a row: evaluator, partner, criterion, score, evidence, row. Empty when
        every criterion is a measured fact.
    supply : DataFrame or None
        ``supply.csv`` when present.
    pairwise : Pairwise or None
        ``ahp.csv`` when present: pairwise judgments of criteria or groups.
    quality : QualityData
        ``quality/``: tracking data and the edited plan (each None when absent).
    """

    path: Path
    settings: Settings
    criteria: pd.DataFrame
    partners: pd.DataFrame
    scores: pd.DataFrame
    supply: pd.DataFrame | None
    pairwise: Pairwise | None = None
    quality: QualityData = QualityData()

    @property
    def name(self) -> str:
        """The folder's name, which also names the report."""
        return self.path.name

    @property
    def fact_criteria(self) -> pd.DataFrame:
        return self.criteria[self.criteria["source"] != SCORE_SOURCE]

    @property
    def scored_criteria(self) -> pd.DataFrame:
        return self.criteria[self.criteria["source"] == SCORE_SOURCE]


def load_engagement(folder) -> Engagement:
    """Read and validate an engagement folder.

    Raises
    ------
    InputError
        With every problem found in every file, each naming file, row, column, value and fix.
    """
    path = Path(folder).resolve()
    if (handed := handover.received(path)) is not None:  # a render's, read once (see handover)
        return handed
    problems: list[Problem] = []
    if path.is_file():
        folder_hint = f"name its folder, {display_path(path.parent)}" if path.name == paths.ENGAGEMENT_FILE \
            else "name the folder that holds engagement.yaml"
        raise InputError([Problem(display_path(path), None, None, None,
                                  "this is a file, not an engagement folder", folder_hint)])
    if not path.is_dir():
        raise InputError([Problem(display_path(path), None, None, None,
                                  "the engagement folder does not exist",
                                  "check the path, or create one with `workbook new`")])

    def where(name):
        return path / name, display_path(path / name)

    doc = read_yaml(*where(paths.ENGAGEMENT_FILE), problems)
    known: dict = {}
    settings = check_settings(doc, problems, known) if doc is not None else None
    evaluators, segments = known.get("evaluators"), known.get("segments")
    skipped = []
    criteria_table = read_table(*where(paths.CRITERIA_FILE), problems)
    partners_table = read_table(*where(paths.PARTNERS_FILE), problems)
    partner_columns = partners_table.columns if partners_table is not None else None
    criteria = (check_criteria(criteria_table, partner_columns, problems)
                if criteria_table is not None else None)
    facts = [] if criteria is None else \
        sorted(set(criteria.loc[criteria["source"] != SCORE_SOURCE, "source"]))
    partners = (check_partners(partners_table, facts, problems)
                if partners_table is not None else None)
    scores = pd.DataFrame(columns=["evaluator", "partner", "criterion", "score", "evidence", "row"])
    scored = criteria is not None and (criteria["source"] == SCORE_SOURCE).any()
    if scored or where(paths.SCORES_FILE)[0].exists():
        table = read_table(*where(paths.SCORES_FILE), problems)
        if table is not None:
            scores = check_scores(table, criteria, partners, evaluators, problems)
            skipped += _skipped("scores.csv", evaluators=evaluators, partners=partners, criteria=criteria)
    supply = None
    if where(paths.SUPPLY_FILE)[0].exists():
        table = read_table(*where(paths.SUPPLY_FILE), problems)
        if table is not None:
            supply = check_supply(table, partners, problems)
            skipped += _skipped("supply.csv", partners=partners)
    pairwise = None
    if where(paths.AHP_FILE)[0].exists():
        table = read_table(*where(paths.AHP_FILE), problems)
        if table is not None:
            pairwise = check_pairwise(table, criteria, problems)
    elif settings is not None and settings.weighting == "ahp":
        problems.append(Problem(where(paths.AHP_FILE)[1], None, None, None,
                                "strategy.weighting is ahp but the file is missing",
                                "add the pairwise judgments, or set strategy.weighting to derived"))
    if (path / paths.QUALITY_DIR).is_dir():
        named = any("partner" in f.read_text(encoding="utf-8", errors="replace").split("\n", 1)[0]
                    for f in (path / paths.QUALITY_DIR).glob("*.csv"))
        skipped += _skipped("the quality/ files", segments=segments,
                            **({"partners": partners} if named else {}))
    # engagement.yaml unread: every measure of the library is taken as known, rather than each
    # row of a service's tracking files reported as not a measure of a goods plan
    families = settings.offering.measure_families if settings is not None else family_names()
    if settings is None and (path / paths.QUALITY_DIR).is_dir():
        skipped.append("the quality/ files: their measures against the measure library's family of the "
                       "engagement, because engagement.yaml could not be read")
    quality = check_quality(path / paths.QUALITY_DIR,
                            lambda name: display_path(path / paths.QUALITY_DIR / name),
                            segments, problems,
                            list(partners.index) if partners is not None else None, families,
                            must_haves(criteria, families)) or QualityData()
    if settings is not None and settings.chosen_partner and partners is not None:
        chosen = canonical(settings.chosen_partner, partners.index)
        if chosen is None:
            problems.append(Problem(where(paths.ENGAGEMENT_FILE)[1], doc.line("chosen_partner"),
                                    "chosen_partner", settings.chosen_partner,
                                    "no partner has this id in partners.csv",
                                    suggest(settings.chosen_partner, partners.index,
                                            "use an id from partners.csv, or remove the key")))
        else:
            settings = replace(settings, chosen_partner=chosen)
    if settings is not None and settings.branding.logo:
        try:
            read_logo(path, settings.branding.logo)
        except LogoRefused as refused:
            problems.append(Problem(where(paths.ENGAGEMENT_FILE)[1], doc.line("branding", "logo"),
                                    "branding.logo", settings.branding.logo, *refused.args))
    if criteria_table is not None and partners_table is None:
        skipped.append("criteria.csv's fact sources against partners.csv's columns, because "
                       "partners.csv could not be read")
    if problems:
        raise InputError(problems, skipped)
    return Engagement(path, settings, criteria, partners, scores, supply, pairwise, quality)


_NEEDS = {"evaluators": "the evaluator names, because engagement.yaml's team.evaluators could not be read",
          "segments": "the segment names, because engagement.yaml's strategy.customers could not be read",
          "partners": "the partner ids, because partners.csv could not be read",
          "criteria": "the criterion ids, because criteria.csv could not be read"}


def _skipped(file: str, **inputs) -> list[str]:
    """What was not checked in ``file`` because an input it is checked against is broken."""
    return [f"{file}: {_NEEDS[name]}" for name, value in inputs.items() if value is None]
