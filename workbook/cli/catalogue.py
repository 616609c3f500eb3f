"""The catalogue's commands: ``workbook catalogue import|export|merge|duplicates|record``,
``workbook match`` and ``workbook shortlist``, thin adapters over :mod:`workbook.catalogue`."""

from __future__ import annotations

import os
from pathlib import Path

from workbook.core.errors import EXIT_OK, UsageError
from workbook.core.paths import display_path
from workbook.engagement.model import load_engagement

CATALOGUE_ENV = "WORKBOOK_CATALOGUE"


def catalogue_commands(commands) -> None:
    where = dict(default=None, metavar="URL",
                 help=f"the catalogue: a database URL or an SQLite file (default: ${CATALOGUE_ENV}, "
                      f"else the engagement's catalogue.location, else data/catalogue.sqlite)")
    catalogue = commands.add_parser("catalogue", help="the partner catalogue: import, export, "
                                                      "merge, duplicates, record")
    actions = catalogue.add_subparsers(dest="action", required=True, metavar="ACTION")
    take = actions.add_parser("import", help="check a folder of CSV files and add them to the catalogue")
    take.add_argument("folder", help="the folder holding partners.csv and facts.csv, e.g. data/catalogue")
    give = actions.add_parser("export", help="write the catalogue as the CSV files import reads")
    give.add_argument("folder", help="the folder to write into")
    merge = actions.add_parser("merge", help="merge two records of one partner, with a log")
    merge.add_argument("keep", help="the id that stays")
    merge.add_argument("drop", help="the id merged into it and removed")
    actions.add_parser("duplicates", help="list likely duplicates in the whole catalogue")
    record = actions.add_parser("record", help="write an engagement's measured performance of its "
                                               "contracted partner into the catalogue")
    record.add_argument("folder", help="the engagement folder, e.g. data/example")
    for parser in (take, give, merge, actions.choices["duplicates"], record):
        parser.add_argument("--catalogue", **where)
    match = commands.add_parser("match", help="rank the catalogue's partners for an engagement")
    match.add_argument("folder", help="the engagement folder, e.g. data/example")
    match.add_argument("--top", type=int, default=None, metavar="N",
                       help="how many partners to list (default: catalogue.top, else 10)")
    match.add_argument("--catalogue", **where)
    short = commands.add_parser("shortlist", help="write chosen catalogue partners into an "
                                                  "engagement's partners.csv and supply.csv")
    short.add_argument("folder", help="the engagement folder, e.g. data/example")
    short.add_argument("ids", nargs="+", metavar="ID", help="catalogue ids of the partners")
    short.add_argument("--catalogue", **where)


def _open(args, engagement=None, create=True):
    from workbook.catalogue.store import locate, open_catalogue
    link = engagement.settings.catalogue if engagement is not None else None
    where = locate(args.catalogue, link, engagement.path if engagement is not None else None)
    return open_catalogue(where, create=create)


def cmd_catalogue(args) -> int:
    return CATALOGUE_ACTIONS[args.action](args)


def cmd_catalogue_import(args) -> int:
    from workbook.catalogue.exchange import import_folder
    catalogue = _open(args)
    result = import_folder(catalogue, args.folder)
    counts = ", ".join(f"{n} {f.removesuffix('.csv')}" for f, n in result.written.items() if n)
    print(f"Imported {display_path(args.folder)} into {catalogue.shown}: {counts or 'nothing'} "
          f"({result.new_partners} new partners).")
    if result.kept_newer:
        print(f"{result.kept_newer} facts left as they were: the catalogue holds a newer observation.")
    _print_duplicates(result.duplicates, result.names)
    return EXIT_OK


def _print_duplicates(duplicates, names) -> None:
    if not duplicates:
        return
    print(f"{len(duplicates)} likely duplicate{'s' if len(duplicates) != 1 else ''} (not merged):")
    for d in duplicates:
        print(f"  {d.first} ({names.get(d.first, d.first)}) and {d.second} "
              f"({names.get(d.second, d.second)}): {d.reason}")
    first = duplicates[0]
    print(f"Merge one into the other with `workbook catalogue merge KEEP DROP`, e.g. "
          f"`workbook catalogue merge {first.first} {first.second}`.")


def cmd_catalogue_export(args) -> int:
    from workbook.catalogue.exchange import export_folder
    catalogue = _open(args, create=False)
    counts = export_folder(catalogue, args.folder)
    print(f"Exported {catalogue.shown} to {display_path(args.folder)}: "
          + ", ".join(f"{f} ({n} rows)" for f, n in counts.items()) + ".")
    return EXIT_OK


def cmd_catalogue_merge(args) -> int:
    from workbook.catalogue.merge import merge_partners
    print("\n".join(merge_partners(_open(args, create=False), args.keep, args.drop)))
    return EXIT_OK


def cmd_catalogue_duplicates(args) -> int:
    from workbook.catalogue.exchange import find_duplicates
    duplicates, names = find_duplicates(_open(args, create=False))
    if not duplicates:
        print("No likely duplicates.")
    _print_duplicates(duplicates, names)
    return EXIT_OK


def cmd_catalogue_record(args) -> int:
    from workbook.catalogue.record import record_engagement
    from workbook.quality.assessment import assess_quality
    from workbook.scoring.assessment import assess_partners
    from workbook.strategy.weights import weigh_engagement
    e = load_engagement(args.folder)
    strategy, weights = weigh_engagement(e)
    assessment = assess_partners(e, weights.series, strategy=strategy)
    quality = assess_quality(e, strategy, assessment)
    catalogue = _open(args, e, create=False)
    done = record_engagement(e, quality, assessment.matrix, catalogue)
    print(f"Recorded in {catalogue.shown} from {e.name}: {done.partner}'s "
          f"{sum(done.months.values())} measured months of {len(done.months)} measures, and "
          f"{done.judgments} judgments about the partners themselves.")
    if done.not_in_catalogue:
        print(f"Not in the catalogue, so not recorded: {', '.join(done.not_in_catalogue)}.")
    return EXIT_OK


def cmd_match(args) -> int:
    from workbook.catalogue.match import match_engagement
    from workbook.catalogue.store import DEFAULT, ENV
    from workbook.views.match_page import text_lines
    if args.top is not None and not 1 <= args.top <= 1000:
        raise UsageError(f"--top takes a whole number from 1 to 1000 (found {args.top})")
    e = load_engagement(args.folder)
    catalogue = _open(args, e, create=False)
    if e.settings.catalogue is None and not args.catalogue and not os.environ.get(ENV):
        # its report has no matchmaking page: say whose catalogue this is before ranking it
        print(f"{display_path(e.path)} names no catalogue (engagement.yaml's catalogue:), so this is the "
              f"default one, {display_path(DEFAULT)}; name it in engagement.yaml to add the matchmaking page.\n")
    print("\n".join(text_lines(match_engagement(e, catalogue, args.top))))
    return EXIT_OK


def cmd_shortlist(args) -> int:
    from workbook.catalogue.shortlist import shortlist
    from workbook.catalogue.store import locate, open_catalogue
    from workbook.engagement.catalogue_link import link_as_written
    link, fresh_since = link_as_written(args.folder)
    catalogue = open_catalogue(locate(args.catalogue, link, args.folder), create=False)
    done = shortlist(args.folder, catalogue, args.ids, fresh_since)
    print(f"Shortlisted {', '.join(done.partners)} from {catalogue.shown} (snapshot "
          f"{done.snapshot[:12]}) into {display_path(Path(args.folder) / 'partners.csv')} and "
          f"supply.csv; the previous files are kept as .bak.")
    if done.missing:
        print("No figure in the catalogue, to fill in: " +
              ", ".join(f"{p} {f}" for p, f in done.missing) + ".")
    if done.other_unit:
        print("Left empty, in another unit than the criterion's (ask for the figure in its unit): " +
              "; ".join(f"{p} {f} {v:g} {u}, not {e}" for p, f, v, u, e in done.other_unit) + ".")
    if done.stale:
        print(f"Observed before {fresh_since}, to confirm with the partners before scoring: " +
              "; ".join(f"{p} {f} ({day})" for p, f, day in done.stale) + ".")
    print(f"Next: `workbook validate {args.folder}`, then score the new partners as usual.")
    return EXIT_OK


CATALOGUE_ACTIONS = {"import": cmd_catalogue_import, "export": cmd_catalogue_export,
                     "merge": cmd_catalogue_merge, "duplicates": cmd_catalogue_duplicates,
                     "record": cmd_catalogue_record}

CATALOGUE_COMMANDS = {"catalogue": cmd_catalogue, "match": cmd_match, "shortlist": cmd_shortlist}
