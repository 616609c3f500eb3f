"""The partner catalogue, on SQLite and on a real PostgreSQL server the tests start themselves:
import with its checks and duplicate report, export, merge, match, shortlist and record."""

from __future__ import annotations

import csv
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import threading

import numpy as np
import pytest
from sqlalchemy import func, select

from workbook.catalogue import exchange, longlist, schema, store
from workbook.catalogue.match import match_engagement, standard_key
from workbook.catalogue.merge import merge_partners
from workbook.catalogue.record import record_engagement
from workbook.catalogue.shortlist import shortlist
from workbook.cli import main
from workbook.core import paths
from workbook.core.paths import display_path
from workbook.core.errors import InputError, UsageError
from workbook.engagement.model import load_engagement
from workbook.scoring.robustness import draw_weights
from workbook.views import match_page

EXAMPLE = paths.DATA_DIR / "catalogue"


def _imported(url):
    catalogue = store.open_catalogue(url)
    exchange.import_folder(catalogue, EXAMPLE)
    return catalogue


def _digest(catalogue) -> str:
    with store.reading(catalogue) as conn:
        return store.digest(conn)


def _folder(tmp_path, name="incoming", **files) -> str:
    folder = tmp_path / name
    folder.mkdir()
    for file, text in files.items():
        (folder / f"{file}.csv").write_text(textwrap.dedent(text), encoding="utf-8")
    return str(folder)


def test_import_reports_the_example_duplicates_and_never_merges_them(catalogue_url):
    catalogue = store.open_catalogue(catalogue_url)
    result = exchange.import_folder(catalogue, EXAMPLE)
    assert result.written["partners.csv"] == 51 and result.new_partners == 51
    pairs = {(d.first, d.second): d.reason for d in result.duplicates}
    assert pairs[("apex", "apex-polymer-nv")].startswith("the same name once case, punctuation")
    assert pairs[("rheinberg", "rheinburg")] == ("close spellings ('rheinberg contract chemicals' "
                                                 "and 'rheinburg contract chemicals')")
    assert any(r.startswith("the same VAT number") for r in pairs.values())
    with store.reading(catalogue) as conn:
        assert conn.execute(select(func.count()).select_from(schema.partners)).scalar() == 51


def test_export_then_import_gives_the_same_catalogue(catalogue_url, tmp_path):
    catalogue = _imported(catalogue_url)
    exchange.export_folder(catalogue, tmp_path / "out")
    again = store.open_catalogue(str(tmp_path / "again.sqlite"))
    exchange.import_folder(again, tmp_path / "out")
    assert _digest(again) == _digest(catalogue)


def test_bad_files_name_every_problem_and_write_nothing(catalogue_url, tmp_path):
    catalogue = _imported(catalogue_url)
    before = _digest(catalogue)
    folder = _folder(tmp_path, partners="""\
        id,name,duns,lei
        acme,Acme Chemicals,12345678,HWUPKR0MPOU8FGXBT395
        """, facts="""\
        partner,fact,value,unit,source,observed
        acme,otif_pct,ninety,%,bid,2026-01-10
        acme,Lot Acceptance,98,%,bid,2026-01-10
        nobody,otif_pct,95,%,bid,2026-01-10
        apex,otif_pct,95,%,bid,10/01/2026
        """)
    with pytest.raises(InputError) as caught:
        exchange.import_folder(catalogue, folder)
    lines = [str(p).replace(folder + "/", "") for p in caught.value.problems]
    assert lines == [
        "partners.csv, row 2, column duns: a DUNS number has 9 digits (found '12345678'). "
        "Fix: write the 9 digits of the D-U-N-S number, e.g. 15-048-3782.",
        "partners.csv, row 2, column lei: this is not a valid LEI (20 characters whose check digits "
        "add up, ISO 17442) (found 'HWUPKR0MPOU8FGXBT395'). Fix: copy the 20-character LEI from the "
        "GLEIF register.",
        "facts.csv, row 2, column value: must be a number (found 'ninety'). Fix: write the value as a "
        "plain number, its unit in the unit column.",
        "facts.csv, row 3, column fact: a fact's name is lower-case letters, digits and underscores "
        "(found 'Lot Acceptance'). Fix: write the name partners.csv of an engagement uses, e.g. otif_pct.",
        "facts.csv, row 4, column partner: no partner has this id in partners.csv or in the catalogue "
        "(found 'nobody'). Fix: use an id from partners.csv, or add the partner there.",
        "facts.csv, row 5, column observed: the dates are written DD/MM/YYYY or MM/DD/YYYY, not "
        "YYYY-MM-DD (found '10/01/2026'). Fix: write dates as YYYY-MM-DD, e.g. 2026-03-31 (in Excel: "
        "select the column, Format Cells, Custom, type yyyy-mm-dd, and save as CSV again).",
    ]
    assert _digest(catalogue) == before


def test_the_cli_says_what_is_wrong_with_exit_status_2(tmp_path, capsys):
    folder = _folder(tmp_path, partners="id,name\nacme,Acme\n", facts="""\
        partner,fact,value,unit,source,observed
        acme,otif_pct,95,%,,2099-01-01
        """)
    url = str(tmp_path / "c.sqlite")
    assert main(["catalogue", "import", folder, "--catalogue", url]) == 2
    err = capsys.readouterr().err.replace(folder + "/", "").splitlines()
    assert err == [
        "facts.csv, row 2, column observed: the date is in the future (found '2099-01-01'). "
        "Fix: write the day the value was observed or checked.",
        "facts.csv, row 2, column source: the source is empty (found ''). Fix: say where the value "
        "comes from, e.g. partner's records, audit 2026.",
        "2 problems found; nothing was written."]


def test_an_older_observation_never_replaces_a_newer_one(catalogue_url, tmp_path):
    catalogue = _imported(catalogue_url)
    folder = _folder(tmp_path, partners="id,name\napex,Apex Polymer Solutions\n", facts="""\
        partner,fact,value,unit,source,observed
        apex,otif_pct,80,%,old brochure,2020-01-01
        apex,employees,300,people,registry,2026-11-01
        """)
    result = exchange.import_folder(catalogue, folder)
    assert result.kept_newer == 1
    with store.reading(catalogue) as conn:
        f = schema.facts.c
        held = dict(conn.execute(select(f.fact, f.value).where(f.partner_id == "apex")).all())
    assert held["otif_pct"] == 95.5 and held["employees"] == 300


def test_hostile_text_is_kept_as_data(catalogue_url, tmp_path):
    catalogue = store.open_catalogue(catalogue_url)
    name = "<script>alert('x')</script> !!python/object:os.system"
    folder = _folder(tmp_path, partners=f'id,name\nevil,"{name}"\n', facts="""\
        partner,fact,value,unit,source,observed
        evil,otif_pct,95,%,"=HYPERLINK(""http://x"")",2026-01-01
        """)
    exchange.import_folder(catalogue, folder)
    exchange.export_folder(catalogue, tmp_path / "out")
    assert name in (tmp_path / "out" / "partners.csv").read_text(encoding="utf-8")
    with store.reading(catalogue) as conn:
        assert conn.execute(select(schema.partners.c.name)).scalar() == name


def test_merge_moves_what_the_dropped_record_knew_and_logs_it(catalogue_url):
    catalogue = _imported(catalogue_url)
    log = merge_partners(catalogue, "apex", "apex-polymer-nv")
    assert log[0] == "Merged apex-polymer-nv (APEX Polymer Solutions N.V.) into apex (Apex Polymer Solutions)."
    assert "Fact otif_pct: kept 95.5 observed 2026-10-22 (apex-polymer-nv's 94 observed 2023-03-14 is not newer)." in log
    with store.reading(catalogue) as conn:
        ids = set(conn.execute(select(schema.partners.c.id)).scalars())
        aliases = set(conn.execute(select(schema.aliases.c.alias)
                                   .where(schema.aliases.c.partner_id == "apex")).scalars())
        logged = conn.execute(select(schema.merges.c.kept, schema.merges.c.dropped)).all()
    assert "apex-polymer-nv" not in ids and "APEX Polymer Solutions N.V." in aliases
    assert logged == [("apex", "apex-polymer-nv")]
    with pytest.raises(UsageError, match="no partner has the id apex-polymer-nv"):
        merge_partners(catalogue, "apex", "apex-polymer-nv")


def test_match_excludes_an_expired_certificate_and_names_stale_facts(catalogue_url):
    m = match_engagement(load_engagement(paths.EXAMPLE_ENGAGEMENT), _imported(catalogue_url))
    out = m.excluded.set_index("partner")
    assert out.loc["baltic-fine-chemicals", "kind"] == "certificate"
    assert out.loc["baltic-fine-chemicals", "detail"] == "expired 2026-08-31"
    assert "baltic-fine-chemicals" not in set(m.long_list["partner"])
    assert (out.loc["meridian", "kind"] == ["certificate", "must-have"]).all()
    alpine = m.stale[m.stale["partner"] == "alpine-coatings-chemistry"]
    assert set(alpine["criterion"]) == set(m.criteria.index)
    assert alpine["months"].min() >= 24
    # a stale leader is less certain than its score says; a fresh one is not widened
    top = m.long_list.set_index("partner")
    assert top.at["alpine-coatings-chemistry", "first"] < 1.0
    assert list(m.long_list["rank"]) == list(range(1, len(m.long_list) + 1))
    assert m.long_list["score"].is_monotonic_decreasing


def test_a_certificate_counts_however_written_and_only_from_its_issue(catalogue_url):
    catalogue = _imported(catalogue_url)
    c = schema.certifications.c
    with store.writing(catalogue) as conn:
        conn.execute(schema.certifications.update().where(c.partner_id == "rheinberg", c.standard == "ISO 9001")
                     .values(standard="iso 9001:2015"))
        conn.execute(schema.certifications.update().where(c.partner_id == "tagus-dispersion-works",
                                                          c.standard == "ISO 9001")
                     .values(issued="2026-12-01"))  # the decision is on 21 November 2026
    m = match_engagement(load_engagement(paths.EXAMPLE_ENGAGEMENT), catalogue)
    assert "rheinberg" in set(m.long_list["partner"])
    out = m.excluded.set_index("partner")
    assert out.loc["tagus-dispersion-works", "detail"] == "valid from 2026-12-01"
    assert ("its ISO 9001 certificate is valid only from 1 December 2026, after the decision date"
            in match_page.reasons(m))
    assert [standard_key(s) for s in ("ISO/IEC 27001:2022", "iso 27001 (2013)", "ISO-27001")] == ["ISO 27001"] * 3


def test_a_fact_in_another_unit_is_named_never_ranked_nor_shortlisted(catalogue_url, tmp_path):
    catalogue = _imported(catalogue_url)
    f = schema.facts.c
    with store.writing(catalogue) as conn:
        for pid, fact, unit in (("tagus-dispersion-works", "unit_cost_eur_kg", "USD/kg"),
                                ("tagus-dispersion-works", "otif_pct", "per cent"),  # the same unit
                                ("rheinberg", "lot_acceptance_pct", "ppm")):
            conn.execute(schema.facts.update().where(f.partner_id == pid, f.fact == fact).values(unit=unit))
    m = match_engagement(load_engagement(paths.EXAMPLE_ENGAGEMENT), catalogue)
    assert sorted(map(tuple, m.unusable[["partner", "criterion", "unit"]].to_numpy())) == [
        ("rheinberg", "lot_acceptance", "ppm"), ("tagus-dispersion-works", "unit_cost", "USD/kg")]
    tagus = m.long_list.set_index("partner").loc["tagus-dispersion-works"]
    assert tagus["missing"] == ("unit_cost",) and tagus["otif"] == 91.6
    assert ("lot acceptance rate, last 24 months, a must-have, is given as 98.4 ppm, not in %: ask "
            "for the figure in %") in match_page.reasons(m)
    folder = tmp_path / "engagement"
    shutil.copytree(paths.EXAMPLE_ENGAGEMENT, folder)
    done = shortlist(folder, catalogue, ["tagus-dispersion-works", "alpine-coatings-chemistry"], "2024-11-21")
    assert done.other_unit == [("tagus-dispersion-works", "unit_cost_eur_kg", 4.0, "USD/kg", "EUR/kg")]
    rows = {r["id"]: r for r in csv.DictReader(line for line in (folder / "partners.csv").open()
                                                if not line.startswith("#"))}
    assert rows["tagus-dispersion-works"]["unit_cost_eur_kg"] == ""
    assert rows["tagus-dispersion-works"]["otif_pct"] == "91.6"
    assert {(p, fact) for p, fact, _ in done.stale} == {("alpine-coatings-chemistry", fact) for fact in (
        "lot_acceptance_pct", "years_in_field", "referenceable_customers", "unit_cost_eur_kg", "otif_pct")}


def test_a_newcomer_at_the_top_is_flagged_as_a_shiny_object(catalogue_url):
    catalogue = _imported(catalogue_url)
    f = schema.facts.c
    with store.writing(catalogue) as conn:  # unbeatable claims, one year in the field, one reference
        for fact, value in (("lot_acceptance_pct", 100), ("otif_pct", 100), ("unit_cost_eur_kg", 3),
                            ("years_in_field", 1), ("referenceable_customers", 1)):
            conn.execute(schema.facts.update().where(f.partner_id == "oder-dispersion-works", f.fact == fact)
                         .values(value=value))
    m = match_engagement(load_engagement(paths.EXAMPLE_ENGAGEMENT), catalogue, top=30)
    assert "oder-dispersion-works" in set(m.top["partner"])
    line = next(x for x in match_page.rationale_lines(m) if x.startswith("Oder Dispersion Works"))
    assert line.endswith("Beware the shiny object: little track record (years in specialty chemicals 1; "
                         "referenceable customers 1); check its references before shortlisting it.")
    alpine = next(x for x in match_page.rationale_lines(m) if x.startswith("Alpine"))  # 27 years, 18 customers
    assert "shiny" not in alpine


def test_sqlite_and_postgresql_give_the_same_results(postgres, tmp_path):
    engagement = load_engagement(paths.EXAMPLE_ENGAGEMENT)
    results = [match_engagement(engagement, _imported(url))
               for url in (str(tmp_path / "c.sqlite"), postgres.new_database())]
    a, b = results
    assert a.snapshot == b.snapshot
    assert a.long_list.drop(columns=["stale", "missing"]).equals(b.long_list.drop(columns=["stale", "missing"]))
    assert a.excluded.equals(b.excluded)


def test_catalogue_order_and_engagement_order_agree(catalogue_url, tmp_path):
    # The same fixed scales and weights: shortlisted partners keep the catalogue's order when the
    # engagement ranks them on its measured criteria.
    catalogue = _imported(catalogue_url)
    folder = tmp_path / "engagement"
    shutil.copytree(paths.EXAMPLE_ENGAGEMENT, folder)
    m = match_engagement(load_engagement(folder), catalogue)
    chosen = list(m.long_list["partner"][:5])
    done = shortlist(folder, catalogue, chosen)
    assert done.missing == [] and len(done.snapshot) == 64
    text = (folder / "partners.csv").read_text(encoding="utf-8")
    assert text.startswith("# Shortlisted from the partner catalogue at ")
    assert f"snapshot {done.snapshot[:12]}: {', '.join(chosen)}" in text.splitlines()[0]
    engagement = load_engagement(folder)
    assert set(chosen) <= set(engagement.partners.index)
    assert "meridian" in engagement.partners.index  # the partners already there are kept
    from workbook.scoring import mcda
    facts = m.criteria
    x = engagement.partners.loc[chosen, facts["fact"]].to_numpy(float)
    scores = mcda.scale(x, facts["worst"].to_numpy(), facts["best"].to_numpy()) @ facts["weight"].to_numpy()
    assert list(np.array(chosen)[np.argsort(-scores, kind="stable")]) == chosen
    assert np.allclose(scores, m.long_list["score"][:5])


def test_record_brings_delivery_back_into_the_long_list(catalogue_url):
    from workbook.quality.assessment import assess_quality
    from workbook.scoring.assessment import assess_partners
    from workbook.strategy.weights import weigh_engagement
    catalogue = _imported(catalogue_url)
    engagement = load_engagement(paths.EXAMPLE_ENGAGEMENT)
    strategy, weights = weigh_engagement(engagement)
    assessment = assess_partners(engagement, weights.series, strategy=strategy)
    quality = assess_quality(engagement, strategy, assessment)
    done = record_engagement(engagement, quality, assessment.matrix, catalogue)
    assert done.partner == "apex" and done.months["otif"] >= 12
    again = record_engagement(engagement, quality, assessment.matrix, catalogue)  # replaces, not adds
    assert again.months == done.months
    m = match_engagement(engagement, catalogue, top=50)
    seen = m.performance.set_index(["partner", "measure"])
    assert seen.at[("apex", "otif"), "engagements"] == 1 and seen.at[("apex", "otif"), "months"] == 12
    assert seen.at[("apex", "otif"), "unit"] == "%"
    claimed = m.long_list.set_index("partner").at["apex", "otif"]  # 95.5% claimed in the bid
    assert claimed == 95.5 and m.measured("apex", "otif")["value"] == seen.at[("apex", "otif"), "value"] < claimed
    judged = m.judgments[m.judgments["partner"] == "apex"]
    assert len(judged) and not judged["criterion"].isin(["culture", "listening", "flexibility"]).any()


def test_two_imports_at_once_both_land(catalogue_url, tmp_path):
    store.open_catalogue(catalogue_url)
    folders = [_folder(tmp_path, f"batch{k}", partners="id,name\n" + "".join(
        f"p{k}-{i},Partner {k}-{i}\n" for i in range(300)), facts="partner,fact,value,unit,source,observed\n"
        + "".join(f"p{k}-{i},otif_pct,9{k},%,bid,2026-01-01\n" for i in range(300))) for k in (1, 2)]
    errors = []

    def run(folder):
        try:
            exchange.import_folder(store.open_catalogue(catalogue_url), folder)
        except Exception as exc:  # noqa: BLE001 (reported below)
            errors.append(exc)
    threads = [threading.Thread(target=run, args=(f,)) for f in folders]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with store.reading(store.open_catalogue(catalogue_url)) as conn:
        assert conn.execute(select(func.count()).select_from(schema.facts)).scalar() == 600


def test_an_import_killed_midway_leaves_the_catalogue_as_before(catalogue_url, tmp_path):
    catalogue = _imported(catalogue_url)
    before = _digest(catalogue)
    script = textwrap.dedent(f"""
        import os, signal
        from workbook.catalogue import exchange, store, schema
        from workbook.catalogue.files import read_folder
        catalogue = store.open_catalogue({catalogue_url!r})
        files = read_folder({str(EXAMPLE)!r}, [])
        for p in files.partners:
            p["name"] = p["name"] + " (changed)"
        with store.writing(catalogue) as conn:
            exchange.write_files(conn, files)
            os.kill(os.getpid(), signal.SIGKILL)  # killed before the transaction commits
    """)
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert run.returncode == -signal.SIGKILL, run.stderr
    assert _digest(store.open_catalogue(catalogue_url)) == before


def test_a_catalogue_from_a_newer_workbook_is_refused(tmp_path):
    url = str(tmp_path / "c.sqlite")
    catalogue = store.open_catalogue(url)
    with store.writing(catalogue) as conn:
        conn.execute(schema.meta.update().values(value=str(schema.VERSION + 1)))
    with pytest.raises(UsageError, match=f"has schema version {schema.VERSION + 1}, newer than"):
        store.open_catalogue(url)


def test_scoring_only_the_contenders_gives_what_scoring_everyone_gives():
    rng = np.random.default_rng(7)
    standing = rng.random((2_000, 6))
    spread = np.where(rng.random((2_000, 6)) < 0.6, 0.15, 0.0)
    w = draw_weights(np.array([0.3, 0.2, 0.2, 0.1, 0.1, 0.1]), 300)  # as matching draws them
    shares = longlist.top_shares(standing, spread, w, 10, seed=5)
    assert shares.scored < 400  # of 2,000: the pruning works
    everyone = longlist.draw_scores(standing, spread, np.arange(2_000), w, 0, seed=5)
    order = np.argsort(-everyone, axis=1, kind="stable")
    assert np.array_equal(shares.in_top, np.bincount(order[:, :10].ravel(), minlength=2_000) / 300)
    assert np.array_equal(shares.first, np.bincount(order[:, 0], minlength=2_000) / 300)


def test_a_cells_move_does_not_depend_on_what_else_is_drawn():
    alone = longlist.moves(3, np.array([17]), np.array([40_000]), 5)
    among = longlist.moves(3, np.arange(10, 20), np.array([5, 40_000, 7]), 5)
    assert np.array_equal(alone[0, 0], among[7, 1])
    many = longlist.moves(3, np.arange(200), np.arange(500), 5)
    assert many.min() >= -1 and many.max() < 1 and abs(many.mean()) < 0.01  # uniform on [-1, 1)
    assert not np.array_equal(many, longlist.moves(4, np.arange(200), np.arange(500), 5))


def test_duplicates_lists_them_until_they_are_merged(tmp_path, capsys):
    url = str(tmp_path / "c.sqlite")
    assert main(["catalogue", "import", str(EXAMPLE), "--catalogue", url]) == 0
    capsys.readouterr()
    assert main(["catalogue", "duplicates", "--catalogue", url]) == 0
    out = capsys.readouterr().out
    assert out.startswith("3 likely duplicates (not merged):\n")
    assert ("  rheinberg (Rheinberg Contract Chemicals) and rheinburg (Rheinburg Contract Chemicals GmbH): "
            "close spellings ('rheinberg contract chemicals' and 'rheinburg contract chemicals')\n") in out
    for keep, drop in (("apex", "apex-polymer-nv"), ("rheinberg", "rheinburg"),
                       ("vistula-polymer-services", "vcw-trading")):
        assert main(["catalogue", "merge", keep, drop, "--catalogue", url]) == 0
    capsys.readouterr()
    assert main(["catalogue", "duplicates", "--catalogue", url]) == 0
    assert capsys.readouterr().out == "No likely duplicates.\n"


def test_match_and_shortlist_from_the_command_line(tmp_path, capsys):
    url = str(tmp_path / "c.sqlite")
    folder = tmp_path / "engagement"
    shutil.copytree(paths.EXAMPLE_ENGAGEMENT, folder)
    assert main(["catalogue", "import", str(EXAMPLE), "--catalogue", url]) == 0
    assert "3 likely duplicates (not merged):" in capsys.readouterr().out
    assert main(["match", str(folder), "--catalogue", url, "--top", "3"]) == 0
    out = capsys.readouterr().out
    assert "- baltic-fine-chemicals (Baltic Fine Chemicals AG): its ISO 9001 certificate expired on 31 August 2026" in out
    assert main(["shortlist", str(folder), "rheinberg", "nosuch", "--catalogue", url]) == 2
    assert "nosuch is not in the catalogue" in capsys.readouterr().err
    assert main(["shortlist", str(folder), "tagus-dispersion-works", "--catalogue", url]) == 0
    assert main(["validate", str(folder)]) == 0


@pytest.fixture(autouse=True)
def _no_catalogue_from_the_environment(monkeypatch):
    monkeypatch.delenv(store.ENV, raising=False)


def test_shortlist_then_render_with_the_matchmaking_page(catalogue_url, tmp_path, monkeypatch):
    from workbook.report import provenance
    from workbook.report.render import render_engagement
    catalogue = _imported(catalogue_url)
    folder = tmp_path / "halden"
    shutil.copytree(paths.EXAMPLE_ENGAGEMENT, folder)
    shortlist(folder, catalogue, ["rheinberg", "tagus-dispersion-works"])
    monkeypatch.setenv(store.ENV, catalogue_url)
    report = render_engagement(folder, tmp_path / "out", log=lambda m: None, pdf=False)
    page = (report / "04_matchmaking.html").read_text(encoding="utf-8")
    assert "its ISO 9001 certificate expired on 31 August 2026" in page
    assert "Stale facts in the top list" in page and "Traceback" not in page
    long_list = (report / "results" / "long_list.csv").read_text(encoding="utf-8").splitlines()
    assert [line.split(",")[0] for line in long_list[1:4]] == [
        "alpine-coatings-chemistry", "tyrol-polymer-services", "rheinberg"]
    manifest = provenance.read_manifest(report)
    assert manifest["catalogue"]["snapshot"] == _digest(catalogue)
    assert provenance.is_current(folder, report, provenance.render_options(folder, pdf=False))
    merge_partners(catalogue, "apex", "apex-polymer-nv")  # the catalogue changed: render again
    assert not provenance.is_current(folder, report, provenance.render_options(folder, pdf=False))


def test_a_missing_catalogue_stops_the_render_before_any_notebook(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "halden"
    shutil.copytree(paths.EXAMPLE_ENGAGEMENT, folder)
    monkeypatch.setenv(store.ENV, str(tmp_path / "none.sqlite"))
    assert main(["render", str(folder), "--out", str(tmp_path / "out"), "--no-pdf"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("workbook: there is no catalogue at ") and "workbook catalogue import" in err
    assert not (tmp_path / "out" / "halden").exists()


def test_the_catalogue_settings_are_checked(tiny, capsys):
    with open(tiny / "engagement.yaml", "a", encoding="utf-8") as f:
        f.write("catalogue:\n  certifications: ISO 9001\n  fresh_months: 0\n  top: 2.5\n  colour: red\n")
    assert main(["validate", str(tiny)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "acme/engagement.yaml, line 20, key catalogue.fresh_months: catalogue.fresh_months must be a number "
        "from 1 to 240 (found 0). Fix: write a whole number of months from 1 to 240, e.g. 24.",
        "acme/engagement.yaml, line 21, key catalogue.top: catalogue.top must be a whole number (found 2.5). "
        "Fix: write a whole number of partners, e.g. 10.",
        "acme/engagement.yaml, line 22, key catalogue.colour: this key is not a catalogue setting "
        "(found 'colour'). Fix: use location, certifications, fresh_months, stale_spread or top.",
        "3 problems found; nothing was written."]


def test_shortlist_keeps_the_other_partners_supply_columns(tmp_path, capsys):
    """A capability's kind and hours, or an input's kind, on rows shortlist does not replace, are
    kept: the supply file is rewritten with the union of its columns."""
    url = str(tmp_path / "c.sqlite")
    folder = shutil.copytree(paths.EXAMPLE_ENGAGEMENT, tmp_path / "engagement")
    assert main(["catalogue", "import", str(EXAMPLE), "--catalogue", url]) == 0
    before = [r for r in csv.DictReader((folder / "supply.csv").open(encoding="utf-8"))]
    assert "kind" in before[0]
    assert main(["shortlist", str(folder), "tagus-dispersion-works", "--catalogue", url]) == 0
    lines = (folder / "supply.csv").read_text(encoding="utf-8").splitlines()
    after = list(csv.DictReader(lines[1:]))  # the first line names the snapshot
    kept = {(r["partner"], r["input"]): r["kind"] for r in after if r["partner"] != "tagus-dispersion-works"}
    assert kept == {(r["partner"], r["input"]): r["kind"] for r in before}
    assert main(["validate", str(folder)]) == 0


def test_match_says_when_the_engagement_names_no_catalogue(tmp_path, capsys, monkeypatch):
    """The service desk names no catalogue: `workbook match` ranked it against the default one,
    51 partners out, without a word about whose catalogue that was."""
    from workbook.catalogue import store
    url = tmp_path / "c.sqlite"
    assert main(["catalogue", "import", str(EXAMPLE), "--catalogue", str(url)]) == 0
    monkeypatch.setattr(store, "DEFAULT", url)
    monkeypatch.delenv(store.ENV, raising=False)
    folder = shutil.copytree(paths.DATA_DIR / "service-desk", tmp_path / "service-desk")
    capsys.readouterr()
    assert main(["match", str(folder)]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.endswith("service-desk names no catalogue (engagement.yaml's catalogue:), so this is the default "
                          f"one, {display_path(url)}; name it in engagement.yaml to add the matchmaking page.")
    assert main(["match", str(folder), "--catalogue", str(url)]) == 0  # named on the command line: no note
    assert "names no catalogue" not in capsys.readouterr().out


def test_a_partner_rises_to_the_top_only_for_a_clear_lead(catalogue_url):
    """A review: "rises to the top on on-time in-full record, last 12 months: 93.8% against a
    median of 93.7%" claimed a lead of a tenth of a point."""
    from workbook.catalogue.match import CLEAR_LEAD
    m = match_engagement(load_engagement(paths.EXAMPLE_ENGAGEMENT), _imported(catalogue_url))
    lines = dict(zip(m.rises["partner"], match_page.rationale_lines(m)))
    for r in m.rises.itertuples():
        assert r.clear == (r.gap >= CLEAR_LEAD)
        assert ("stands out for its" in lines[r.partner]) == r.clear, lines[r.partner]
    assert m.rises["clear"].any() and not m.rises["clear"].all()
    assert "does not stand out on any one criterion of the top list" in lines["adriatic-chemical-manufacturing"]
    assert "stands out for its on-time in-full record, last 12 months: 98.0% against a median of 93.7%" in \
        lines["alpine-coatings-chemistry"]  # the two figures with the same decimals
