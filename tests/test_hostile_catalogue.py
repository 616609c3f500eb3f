"""Hostile files and everyday faults on the catalogue side (issue 23): names that begin alike by
the thousand, the duplicate scan outside the write lock, a database that never answers, cells a
spreadsheet would run as formulas, and files that are not what they claim to be. Each case checks
the exact message, the exit status and that nothing on disk changed."""

from __future__ import annotations

import csv
import difflib
import os
import random
import socket
import sqlite3
import string
import textwrap
import time

import pytest
from sqlalchemy import select

from workbook.catalogue import duplicates, exchange, schema, store
from workbook.catalogue.duplicates import CLOSE, likely_duplicates, normalise
from workbook.cli import main
from workbook.core import paths

EXAMPLE = paths.DATA_DIR / "catalogue"
FACTS_HEADER = "partner,fact,value,unit,source,observed\n"


def _folder(tmp_path, name="incoming", **files) -> str:
    folder = tmp_path / name
    folder.mkdir()
    for file, text in files.items():
        data = text if isinstance(text, bytes) else textwrap.dedent(text).encode("utf-8")
        (folder / f"{file}.csv").write_bytes(data)
    return str(folder)


def _digest(catalogue) -> str:
    with store.reading(catalogue) as conn:
        return store.digest(conn)


def _partners(names: list[str]) -> list[dict]:
    return [{"id": f"p{i}", "name": n, "aliases": [], "duns": None, "lei": None, "vat": None}
            for i, n in enumerate(names)]


def _pairwise(partners: list[dict]) -> set[tuple[str, str]]:
    """The close-spelling scan before issue 23: every name against every other beginning alike."""
    found = set()
    for p in partners:
        for q in partners:
            a, b = normalise(p["name"]), normalise(q["name"])
            if p["id"] != q["id"] and a != b and a[:3] == b[:3] and len(a) >= 6 and \
                    difflib.SequenceMatcher(None, a, b).ratio() >= CLOSE:
                found.add(tuple(sorted((p["id"], q["id"]))))
    return found


# 1. Names that begin alike ------------------------------------------------------------------------

def test_ten_thousand_names_sharing_a_prefix_import_in_under_ten_seconds(tmp_path, capsys):
    rng = random.Random(5)
    names = ["Chemie " + "".join(rng.choice(string.ascii_lowercase) for _ in range(8)) + " GmbH"
             for _ in range(10_000)]
    names[1] = names[0][:9] + names[0][10] + names[0][9] + names[0][11:]  # one typo, swapped letters
    folder = _folder(tmp_path, partners="id,name\n" + "".join(f"p{i},{n}\n" for i, n in enumerate(names)),
                     facts=FACTS_HEADER)
    start = time.perf_counter()
    assert main(["catalogue", "import", folder, "--catalogue", str(tmp_path / "c.sqlite")]) == 0
    assert time.perf_counter() - start < 10
    out = capsys.readouterr().out
    assert "10000 partners (10000 new partners)" in out
    a, b = normalise(names[0]), normalise(names[1])
    assert f"  p0 ({names[0]}) and p1 ({names[1]}): close spellings ({a!r} and {b!r})" in out.splitlines()


def test_the_blocked_scan_finds_exactly_what_the_pairwise_scan_finds():
    rng = random.Random(11)
    base = ["Rhein " + "".join(rng.choice("aeiouklmnrst") for _ in range(rng.randint(3, 9)))
            for _ in range(150)]
    typos = []
    for name in base[:60]:  # a letter changed, dropped or doubled: some close, some not
        k = rng.randrange(6, len(name))
        typos.append(rng.choice([name[:k] + "x" + name[k + 1:], name[:k] + name[k + 1:],
                                 name[:k] + name[k] + name[k:]]))
    partners = _partners(base + typos + ["Rheinberg Chemie GmbH", "Rheinburg Chemie AG"])
    found = {(d.first, d.second) for d in likely_duplicates(partners, partners)
             if d.reason.startswith("close spellings")}
    assert found == _pairwise(partners) and len(found) > 40


def test_names_that_differ_in_their_numbers_are_not_close_spellings(tmp_path, capsys):
    folder = _folder(tmp_path, partners="""\
        id,name
        p1234,Partner 1234 Chemicals
        p1243,Partner 1243 Chemicals
        werk2,Chemiewerk 2 GmbH
        werk-2,Chemiewerc 2 AG
        """, facts=FACTS_HEADER)
    assert main(["catalogue", "import", folder, "--catalogue", str(tmp_path / "c.sqlite")]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == [
        "1 likely duplicate (not merged):",
        "  werk-2 (Chemiewerc 2 AG) and werk2 (Chemiewerk 2 GmbH): close spellings "
        "('chemiewerk 2' and 'chemiewerc 2')",
        "Merge one into the other with `workbook catalogue merge KEEP DROP`, e.g. "
        "`workbook catalogue merge werk-2 werk2`."]


def test_a_thousand_records_of_one_name_are_paired_with_the_first_not_with_each_other():
    partners = _partners(["Apex Polymer GmbH"] * 1000)
    for p in partners:
        p["vat"] = "BE0123456789"
    found = likely_duplicates(partners, partners)
    assert len(found) == 999 and {d.first for d in found} == {"p0"}
    assert found[0].reason == "the same VAT number, BE0123456789"


def test_the_example_catalogue_gives_the_same_three_duplicates(tmp_path, capsys):
    assert main(["catalogue", "import", str(EXAMPLE), "--catalogue", str(tmp_path / "c.sqlite")]) == 0
    assert capsys.readouterr().out.splitlines()[1:5] == [
        "3 likely duplicates (not merged):",
        "  apex (Apex Polymer Solutions) and apex-polymer-nv (APEX Polymer Solutions N.V.): the same "
        "name once case, punctuation and legal form are set aside ('apex polymer solutions')",
        "  rheinberg (Rheinberg Contract Chemicals) and rheinburg (Rheinburg Contract Chemicals GmbH): "
        "close spellings ('rheinberg contract chemicals' and 'rheinburg contract chemicals')",
        "  vcw-trading (VCW Trading House) and vistula-polymer-services (Vistula Polymer Services s.r.o.): "
        "the same VAT number, CZ767320265"]
    assert main(["catalogue", "duplicates", "--catalogue", str(tmp_path / "c.sqlite")]) == 0
    assert capsys.readouterr().out.splitlines()[:4] == [
        "3 likely duplicates (not merged):",
        "  apex (Apex Polymer Solutions) and apex-polymer-nv (APEX Polymer Solutions N.V.): the same "
        "name once case, punctuation and legal form are set aside ('apex polymer solutions')",
        "  rheinberg (Rheinberg Contract Chemicals) and rheinburg (Rheinburg Contract Chemicals GmbH): "
        "close spellings ('rheinberg contract chemicals' and 'rheinburg contract chemicals')",
        "  vcw-trading (VCW Trading House) and vistula-polymer-services (Vistula Polymer Services s.r.o.): "
        "the same VAT number, CZ767320265"]


# 2. The duplicate scan outside the write transaction ----------------------------------------------

def _write_lock_is_free(catalogue) -> bool:
    if catalogue.dialect == "sqlite":
        conn = sqlite3.connect(catalogue.engine.url.database, timeout=0.2, isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ROLLBACK")
            return True
        except sqlite3.OperationalError:
            return False
        finally:
            conn.close()
    with catalogue.engine.connect() as conn:
        free = conn.exec_driver_sql(f"SELECT pg_try_advisory_lock({store._LOCK_KEY})").scalar()
        if free:
            conn.exec_driver_sql(f"SELECT pg_advisory_unlock({store._LOCK_KEY})")
        return free


def test_the_duplicate_scan_runs_after_the_write_lock_is_released(catalogue_url, monkeypatch):
    catalogue = store.open_catalogue(catalogue_url)
    seen = []

    def watched(new, existing):
        seen.append(_write_lock_is_free(catalogue))
        return likely_duplicates(new, existing)
    monkeypatch.setattr(exchange, "likely_duplicates", watched)
    result = exchange.import_folder(catalogue, EXAMPLE)
    assert seen == [True]
    assert [(d.first, d.second) for d in result.duplicates] == [
        ("apex", "apex-polymer-nv"), ("rheinberg", "rheinburg"), ("vcw-trading", "vistula-polymer-services")]
    assert result.new_partners == 51 and result.names["apex"] == "Apex Polymer Solutions"
    again = exchange.import_folder(catalogue, EXAMPLE)  # the same again: nothing new, same pairs
    assert again.new_partners == 0 and again.duplicates == result.duplicates
