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


EXAMPLE_DUPLICATES = [
    "3 likely duplicates (not merged):",
        "  apex (Apex Polymer Solutions) and apex-polymer-nv (APEX Polymer Solutions N.V.): the same "
        "name once case, punctuation and legal form are set aside ('apex polymer solutions')",
        "  rheinberg (Rheinberg Contract Chemicals) and rheinburg (Rheinburg Contract Chemicals GmbH): "
        "close spellings ('rheinberg contract chemicals' and 'rheinburg contract chemicals')",
        "  vcw-trading (VCW Trading House) and vistula-polymer-services (Vistula Polymer Services s.r.o.): "
        "the same VAT number, CZ767320265"]


def test_the_example_catalogue_gives_the_same_three_duplicates(tmp_path, capsys):
    assert main(["catalogue", "import", str(EXAMPLE), "--catalogue", str(tmp_path / "c.sqlite")]) == 0
    assert capsys.readouterr().out.splitlines()[1:5] == EXAMPLE_DUPLICATES
    assert main(["catalogue", "duplicates", "--catalogue", str(tmp_path / "c.sqlite")]) == 0
    assert capsys.readouterr().out.splitlines()[:4] == EXAMPLE_DUPLICATES


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


# 3. A database that never answers -----------------------------------------------------------------

@pytest.fixture
def silent_server():
    """A TCP server on 127.0.0.1 that accepts connections and never says a word."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    yield f"postgresql://alice:s3cret@127.0.0.1:{server.getsockname()[1]}/catalogue"
    server.close()


@pytest.mark.parametrize("command", [["catalogue", "import", str(EXAMPLE)], ["catalogue", "export", "out"],
                                     ["catalogue", "duplicates"], ["catalogue", "merge", "apex", "apex-polymer-nv"]])
def test_a_server_that_never_answers_fails_within_seconds(silent_server, command, tmp_path, monkeypatch,
                                                          capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("WORKBOOK_DB_TIMEOUT", "2")
    start = time.perf_counter()
    assert main(command + ["--catalogue", silent_server]) == 2
    assert time.perf_counter() - start < 8
    shown = silent_server.replace("s3cret", "***")
    assert capsys.readouterr().err == (
        f"workbook: cannot use the catalogue at {shown}: the server did not answer within 2 s; check "
        f"the address and that the server is up, or give it longer with WORKBOOK_DB_TIMEOUT=60\n")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("value", ["abc", "0", "-5", "1e9"])
def test_a_timeout_that_is_not_a_number_of_seconds_is_refused(value, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("WORKBOOK_DB_TIMEOUT", value)
    assert main(["catalogue", "import", str(EXAMPLE), "--catalogue", str(tmp_path / "c.sqlite")]) == 2
    assert capsys.readouterr().err == (
        f"workbook: WORKBOOK_DB_TIMEOUT is a number of seconds from 1 to 86400, e.g. 10 (found "
        f"{value!r}); set it so or unset it\n")
    assert not (tmp_path / "c.sqlite").exists()


def test_a_writer_held_up_past_the_statement_timeout_stops_and_writes_nothing(postgres, tmp_path,
                                                                           monkeypatch, capsys):
    url = postgres.new_database()
    catalogue = store.open_catalogue(url)
    before = _digest(catalogue)
    monkeypatch.setenv("WORKBOOK_DB_STATEMENT_TIMEOUT", "1")
    with store.writing(catalogue):  # another writer holds the catalogue
        start = time.perf_counter()
        assert main(["catalogue", "import", str(EXAMPLE), "--catalogue", url]) == 2
        assert time.perf_counter() - start < 8
    shown = store.open_catalogue(url).shown
    assert capsys.readouterr().err == (
        f"workbook: cannot use the catalogue at {shown}: a statement did not finish within 1 s (another "
        f"writer may hold the catalogue, or the server is overloaded); nothing was written; try again "
        f"later, or allow longer with WORKBOOK_DB_STATEMENT_TIMEOUT=900\n")
    assert _digest(catalogue) == before


def test_a_writer_held_up_on_sqlite_stops_after_the_statement_timeout(tmp_path, monkeypatch, capsys):
    url = str(tmp_path / "c.sqlite")
    catalogue = store.open_catalogue(url)
    before = _digest(catalogue)
    monkeypatch.setenv("WORKBOOK_DB_STATEMENT_TIMEOUT", "1")
    holder = sqlite3.connect(url, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        assert main(["catalogue", "import", str(EXAMPLE), "--catalogue", url]) == 2
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert capsys.readouterr().err.startswith(
        f"workbook: cannot use the catalogue at {catalogue.shown}: a statement did not finish within 1 s")
    assert _digest(catalogue) == before


# 4. Cells a spreadsheet would run ------------------------------------------------------------------

FORMULAS = ['=HYPERLINK("http://evil.example","x")', "=cmd|' /C calc'!A0", "@SUM(1)", "-2+3", "+33 612"]


def _formula_folder(tmp_path) -> str:
    rows = [[f"f{i}", name, "DE", f"{name};alias {i}"] for i, name in enumerate(FORMULAS)]
    facts = [[f"f{i}", "otif_pct", "-3.5" if i == 0 else "95", "%", name, "2026-01-01"]
             for i, name in enumerate(FORMULAS)]
    folder = tmp_path / "hostile"
    folder.mkdir()
    for file, header, body in (("partners.csv", ["id", "name", "country", "aliases"], rows),
                               ("facts.csv", FACTS_HEADER.strip().split(","), facts),
                               ("supply.csv", ["partner", "input", "sources", "days_on_hand",
                                               "replenish_days", "critical"],
                                [["f0", "=1+1", "1", "10", "20", "yes"]])):
        with open(folder / file, "w", newline="", encoding="utf-8") as out:
            csv.writer(out).writerows([header] + body)
    return str(folder)


def _cells(folder) -> list[str]:
    out = []
    for path in sorted(folder.glob("*.csv")):
        with open(path, newline="", encoding="utf-8") as f:
            out += [c for row in csv.reader(f) for c in row]
    return out


def _inert(cell: str) -> bool:
    if not cell.startswith(("=", "+", "-", "@", "\t", "\r")):
        return True
    try:
        float(cell)
        return True
    except ValueError:
        return False


def test_export_writes_no_cell_a_spreadsheet_would_run_and_import_restores_them(catalogue_url, tmp_path):
    catalogue = store.open_catalogue(catalogue_url)
    exchange.import_folder(catalogue, _formula_folder(tmp_path))
    exchange.export_folder(catalogue, tmp_path / "out")
    cells = _cells(tmp_path / "out")
    assert [c for c in cells if not _inert(c)] == []
    assert "'=HYPERLINK(\"http://evil.example\",\"x\")" in cells and "-3.5" in cells and "'=1+1" in cells
    again = store.open_catalogue(str(tmp_path / "again.sqlite"))
    exchange.import_folder(again, tmp_path / "out")
    with store.reading(again) as conn:
        names = dict(conn.execute(select(schema.partners.c.id, schema.partners.c.name)).all())
        sources = set(conn.execute(select(schema.facts.c.source)).scalars())
    assert [names[f"f{i}"] for i in range(len(FORMULAS))] == FORMULAS and sources == set(FORMULAS)
    assert _digest(again) == _digest(catalogue)


def test_shortlist_writes_no_cell_a_spreadsheet_would_run(tmp_path, capsys):
    catalogue = str(tmp_path / "c.sqlite")
    exchange.import_folder(store.open_catalogue(catalogue), _formula_folder(tmp_path))
    engagement = tmp_path / "acme"
    engagement.mkdir()
    (engagement / "criteria.csv").write_text(
        "id,name,group,direction,source,product_leadership,customer_intimacy,operational_excellence\n"
        "otif,On-time in-full (%),delivery,benefit,otif_pct,0,1,3\n", encoding="utf-8")
    (engagement / "engagement.yaml").write_text("client: Acme\n", encoding="utf-8")
    assert main(["shortlist", str(engagement), "f0", "f1", "f2", "f3", "--catalogue", catalogue]) == 0
    cells = [c for c in _cells(engagement) if not c.startswith("#")]
    assert [c for c in cells if not _inert(c)] == []
    assert "'=cmd|' /C calc'!A0" in cells and "'@SUM(1)" in cells and "'-2+3" in cells and "'=1+1" in cells


# 5. Files that are not what they claim to be ------------------------------------------------------

FIX_UTF8 = "Fix: save it as UTF-8 text (in Excel: Save As, then 'CSV UTF-8 (Comma delimited)')."
HOSTILE_FILES = {
    "utf-16": ({"partners": "id,name\nacme,Acme\n".encode("utf-16")},
               [f"incoming/partners.csv, row 1: the file is in UTF-16, not UTF-8 (found 'ff'). {FIX_UTF8}"]),
    "windows-1252": ({"partners": "id,name\nmueller,Müller Chemie\n".encode("cp1252")},
                     ["incoming/partners.csv, row 2: the file is in Windows-1252 (Excel's usual Western "
                      f"encoding), not UTF-8 (found 'mueller,Müller Chemie'). {FIX_UTF8}"]),
    "nul byte": ({"partners": b"id,name\nacme,Ac\x00me\n"},
                 ["incoming/partners.csv, row 2: the row holds a NUL character, which no spreadsheet "
                  "writes. Fix: save the file again from the spreadsheet as CSV UTF-8."]),
    "a 140,000-character cell": ({"partners": "id,name\nacme," + "A" * 140_000 + "\n"},
                                 ["incoming/partners.csv, row 2: the file is not valid CSV (field larger "
                                  "than field limit (131072)). Fix: save it again from the spreadsheet as CSV."]),
    "no header": ({"partners": "\n\n# only a comment\n"},
                  ["incoming/partners.csv: the file has no header row. Fix: write the column names on the "
                   "first row."]),
    "an id that is a path": ({"partners": "id,name\n../../etc/passwd,Evil\n"},
                             ["incoming/partners.csv, row 2, column id: an id may not hold blanks or slashes "
                              "and is at most 120 characters (found '../../etc/passwd'). Fix: write a short id "
                              "such as apex or rheinberg-gmbh."]),
    "infinite and missing numbers": (
        {"partners": "id,name\nacme,Acme\n",
         "facts": FACTS_HEADER + "acme,otif_pct,inf,%,bid,2026-01-01\nacme,employees,NaN,people,bid,"
                                 "2026-01-01\nacme,revenue_meur,1e400,MEUR,bid,2026-01-01\n"},
        [f"incoming/facts.csv, row {row}, column value: must be a number (found {value!r}). Fix: write the "
         f"value as a plain number, its unit in the unit column." for row, value in
         ((2, "inf"), (3, "NaN"), (4, "1e400"))]),
    "a formula as a date": ({"partners": "id,name\nacme,Acme\n",
                             "facts": FACTS_HEADER + "acme,otif_pct,95,%,bid,=TODAY()\n"},
                            ["incoming/facts.csv, row 2, column observed: is not a date (found '=TODAY()'). "
                             "Fix: write dates as YYYY-MM-DD, e.g. 2026-03-31 (in Excel: select the column, "
                             "Format Cells, Custom, type yyyy-mm-dd, and save as CSV again)."]),
}


@pytest.mark.parametrize("case", HOSTILE_FILES)
def test_a_hostile_file_is_named_with_its_fix_and_nothing_is_written(case, tmp_path, monkeypatch, capsys):
    files, expected = HOSTILE_FILES[case]
    files = {"facts": FACTS_HEADER, **files}
    monkeypatch.chdir(tmp_path)
    _folder(tmp_path, **files)
    catalogue = store.open_catalogue(str(tmp_path / "c.sqlite"))
    before = _digest(catalogue)
    assert main(["catalogue", "import", "incoming", "--catalogue", "c.sqlite"]) == 2
    problems = "1 problem found" if len(expected) == 1 else f"{len(expected)} problems found"
    assert capsys.readouterr().err.splitlines() == expected + [f"{problems}; nothing was written."]
    assert _digest(catalogue) == before


@pytest.mark.parametrize("kind", ["pipe", "device", "too large"])
def test_a_pipe_a_device_or_a_huge_file_is_refused_before_it_is_read(kind, tmp_path, monkeypatch, capsys):
    from workbook.catalogue import files
    monkeypatch.chdir(tmp_path)
    _folder(tmp_path, facts=FACTS_HEADER)
    partners = tmp_path / "incoming" / "partners.csv"
    if kind == "pipe":
        os.mkfifo(partners)  # reading it would wait for a writer for ever
    elif kind == "device":
        partners.symlink_to("/dev/zero")  # reading it would never end
    else:
        partners.write_text("id,name\n" + "".join(f"p{i},Partner {i}\n" for i in range(2_000)))
        monkeypatch.setattr(files, "MAX_FILE_BYTES", 2**15)
    catalogue = store.open_catalogue(str(tmp_path / "c.sqlite"))
    before = _digest(catalogue)
    assert main(["catalogue", "import", "incoming", "--catalogue", "c.sqlite"]) == 2
    expected = ("incoming/partners.csv: the file is 35 KiB, more than one import reads at once (32 KiB; 256 "
                "MiB is some 3 million fact rows). Fix: split its rows into several folders and import them "
                "one after the other." if kind == "too large" else
                "incoming/partners.csv: this is not a file but a pipe or a device. Fix: put the CSV file "
                "itself in the folder.")
    assert capsys.readouterr().err.splitlines() == [expected, "1 problem found; nothing was written."]
    assert _digest(catalogue) == before


def test_markup_tags_and_templates_in_names_are_kept_and_shown_as_data(tmp_path, capsys):
    names = ["<script>alert(1)</script> Polymer GmbH", "<script>alert(1)</script> Polymer AG",
             "!!python/object/apply:os.system ['id']", "{{7*7}} ${jndi:ldap://x} Chemie"]
    folder = tmp_path / "incoming"
    folder.mkdir()
    with open(folder / "partners.csv", "w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows([["id", "name"]] + [[f"h{i}", n] for i, n in enumerate(names)])
    (folder / "facts.csv").write_text(FACTS_HEADER)
    url = str(tmp_path / "c.sqlite")
    assert main(["catalogue", "import", str(folder), "--catalogue", url]) == 0
    assert capsys.readouterr().out.splitlines()[1:3] == [
        "1 likely duplicate (not merged):",
        f"  h0 ({names[0]}) and h1 ({names[1]}): the same name once case, punctuation and legal form "
        "are set aside ('script alert 1 script polymer')"]
    with store.reading(store.open_catalogue(url)) as conn:
        assert list(conn.execute(select(schema.partners.c.name).order_by(schema.partners.c.id)).scalars()) == names
