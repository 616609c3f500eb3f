"""The ``workbook`` command: a thin adapter over the package.

Exit status: 0 success, 1 a notebook failed, 2 bad input or usage, 3 the report was rendered and
raised early warnings (only with ``render --fail-on-alert``). The catalogue's commands are in
``cli.catalogue``.

May import: every layer below it.
"""

from __future__ import annotations

import argparse
import os
import sys
from contextlib import nullcontext

from workbook import __version__
from workbook.core.errors import (EXIT_ALERT, EXIT_FAILED, EXIT_INPUT, EXIT_OK, InputError,
                                  NotebookFailed, UsageError, summarise)
from workbook.core.paths import display_path
from workbook.engagement.model import load_engagement

SCHEDULER_ENV = "WORKBOOK_SCHEDULER"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="workbook", description="Outsourcing decision workbook: validate engagements and "
                                     "render their reports.")
    parser.add_argument("--version", action="version", version=f"workbook {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    new = commands.add_parser("new", help="create an engagement folder from commented templates")
    new.add_argument("folder", help="the folder to create, e.g. data/acme")
    validate = commands.add_parser("validate", help="check an engagement's files")
    validate.add_argument("folder", help="the engagement folder, e.g. data/example")
    render = commands.add_parser("render", help="execute the notebooks into an HTML report")
    render.add_argument("folder", nargs="?",
                        help="the engagement folder, e.g. data/example; with --all, the folder "
                             "holding engagements (default: data/)")
    render.add_argument("--all", action="store_true",
                        help="render every engagement under the folder; unchanged ones are skipped")
    render.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                        help="with --all: engagements rendered at once (default: number of cores)")
    render.add_argument("--force", action="store_true", help="with --all: render unchanged ones too")
    render.add_argument("--scheduler", default=None, metavar="ADDRESS",
                        help="with --all: send one task per engagement to this Dask scheduler, e.g. "
                             "tcp://10.0.0.5:8786 (default: $WORKBOOK_SCHEDULER, else this machine)")
    render.add_argument("--out", default=None, metavar="DIR",
                        help="where reports go (default: reports/)")
    render.add_argument("--no-pdf", action="store_true",
                        help="skip the PDF (printed by default)")
    render.add_argument("--no-notify", action="store_true",
                        help="send no notification of early warnings (notify: in engagement.yaml)")
    render.add_argument("--fail-on-alert", action="store_true",
                        help="exit with status 3 when the report raises early warnings (for schedulers)")
    plan = commands.add_parser("plan", help="save the generated quality plan to quality/plan.csv "
                                            "for the team to edit")
    plan.add_argument("folder", help="the engagement folder, e.g. data/example")
    plan.add_argument("--force", action="store_true",
                      help="replace an existing plan.csv (a backup is kept)")
    sheet = commands.add_parser("scoresheet", help="write an Excel scoresheet for one evaluator")
    sheet.add_argument("folder", help="the engagement folder, e.g. data/example")
    sheet.add_argument("--evaluator", required=True, metavar="NAME",
                       help="a name from team.evaluators in engagement.yaml")
    sheet.add_argument("-o", "--output", default=None, metavar="FILE.xlsx",
                       help="where to write it (default: scoresheets/scoresheet-<engagement>-<name>.xlsx)")
    sheet.add_argument("--force", action="store_true", help="replace an existing file")
    take = commands.add_parser("import-scores", help="take an evaluator's filled-in scoresheet "
                                                     "into scores.csv")
    take.add_argument("folder", help="the engagement folder, e.g. data/example")
    take.add_argument("file", help="the scoresheet (.xlsx)")
    status = commands.add_parser("status", help="show who has scored what")
    status.add_argument("folder", help="the engagement folder, e.g. data/example")
    catalogue_commands(commands)
    return parser


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    if argv is None:  # this process is the command's own, not a caller's
        from workbook.report.warm import collect_less
        collect_less()
    try:
        return COMMANDS[args.command](args)
    except InputError as exc:
        for line in summarise(exc.problems):
            print(line, file=sys.stderr)
        count = len(exc.problems)
        print(f"{count} problem{'s' if count != 1 else ''} found; nothing was written.",
              file=sys.stderr)
        for check in exc.skipped:
            print(f"Not checked until then: {check}.", file=sys.stderr)
        return EXIT_INPUT
    except UsageError as exc:
        print(f"workbook: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except NotebookFailed as exc:
        print(f"workbook: {exc}", file=sys.stderr)
        print("The previous report, if any, is unchanged.", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("workbook: interrupted; the previous report, if any, is unchanged.", file=sys.stderr)
        return 130
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        print(f"workbook: cannot use{where}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_INPUT
    except Exception as exc:  # a bug: one line for the user, the traceback on request
        if os.environ.get("WORKBOOK_DEBUG"):
            raise
        print(f"workbook: unexpected error ({type(exc).__name__}: {exc}). This is a bug in the "
              "workbook; run again with WORKBOOK_DEBUG=1 to see the traceback and report it.",
              file=sys.stderr)
        return EXIT_FAILED


def cmd_new(args) -> int:
    from workbook.engagement.scaffold import new_engagement
    folder = new_engagement(args.folder)
    print(f"Created {display_path(folder)}: edit its files, then run "
          f"`workbook validate {display_path(folder)}`.")
    return EXIT_OK


def cmd_validate(args) -> int:
    e = load_engagement(args.folder)
    print(f"{display_path(e.path)}: OK ({len(e.partners)} partners, {len(e.criteria)} criteria, "
          f"{len(e.settings.evaluators)} evaluators, {len(e.scores)} judgments"
          f"{', supply data' if e.supply is not None else ''}).")
    return EXIT_OK


def cmd_render(args) -> int:
    if args.all:
        return cmd_render_all(args)
    if args.folder is None:
        raise UsageError("name the engagement folder to render, or use --all")
    from workbook.report.kernels import KernelPool, pool_size, shared
    # the kernels start (and import what the notebooks need) while the renderer's own modules load
    with nullcontext(shared()) if shared() else KernelPool(pool_size()) as kernels:
        from workbook.report.render import render_engagement  # papermill and nbconvert load slowly
        folder = render_engagement(args.folder, args.out, log=lambda m: print(m, file=sys.stderr),
                                   pdf=not args.no_pdf, first=True, notify=not args.no_notify, pool=kernels)
    print(f"Report: {display_path(folder / 'index.html')}")
    from workbook.report.checklist import CHECKLIST
    steps = [line for line in (folder / CHECKLIST).read_text(encoding="utf-8").splitlines() if line.startswith("- ")]
    if steps:
        print(f"Analyst checklist ({display_path(folder / CHECKLIST)}, not part of the client report):")
        print("\n".join(steps))
    if args.fail_on_alert:
        from workbook.core.atomic import read_csv
        alerts = read_csv(folder / "results", "alerts.csv")
        if len(alerts):
            print(f"{len(alerts)} early warning{'s' if len(alerts) != 1 else ''} raised:", file=sys.stderr)
            for _, a in alerts.iterrows():
                print(f"  {a['severity']}: {a['what']} ({a['where']})", file=sys.stderr)
            return EXIT_ALERT
    return EXIT_OK


def cmd_render_all(args) -> int:
    from pathlib import Path

    from workbook.core import paths
    from workbook.report import batch
    data_dir = Path(args.folder) if args.folder else paths.DATA_DIR
    if not data_dir.is_dir():
        raise UsageError(f"{args.folder} is not a folder")
    if args.jobs is not None and args.jobs < 1:
        raise UsageError(f"--jobs takes a whole number of 1 or more (found {args.jobs}); leave it out "
                         f"for one render per core")
    out = Path(args.out) if args.out else paths.REPORTS_DIR
    scheduler = args.scheduler or os.environ.get(SCHEDULER_ENV) or None
    outcomes = batch.render_all(data_dir, out, args.jobs, args.force, not args.no_pdf,
                                batch.progress_bar(), scheduler=scheduler, notify=not args.no_notify,
                                log=lambda m: print(m, file=sys.stderr))
    print(batch.summary(outcomes))
    if any(o.status in ("failed", "bad input") for o in outcomes):
        return EXIT_FAILED
    if args.fail_on_alert and any(o.status == "alerts" for o in outcomes):
        return EXIT_ALERT
    return EXIT_OK


def cmd_plan(args) -> int:
    from workbook.quality.assessment import save_plan
    path = save_plan(args.folder, args.force)
    print(f"Saved the quality plan to {display_path(path)}: edit it; the edited plan wins.")
    return EXIT_OK


def cmd_scoresheet(args) -> int:
    from workbook.views.scoresheet import export_scoresheet
    exported = export_scoresheet(args.folder, args.evaluator, args.output, args.force)
    path, filled, total = exported
    print(f"Wrote {display_path(path)} for {exported.evaluator}: {total} judgments to make, "
          f"{filled} already filled in. When it comes back: "
          f"workbook import-scores {args.folder} {display_path(path)}")
    return EXIT_OK


def cmd_import_scores(args) -> int:
    from workbook.team.scoresheet_reader import import_scoresheet
    saved = import_scoresheet(args.folder, args.file)
    print(f"{display_path(saved.path)}: judgments of {saved.evaluator} from "
          f"{display_path(args.file)}")
    print("\n".join(saved.lines()))
    return EXIT_OK


def cmd_status(args) -> int:
    from workbook.views.team_progress import status_lines
    e = load_engagement(args.folder)
    print("\n".join(status_lines(e)))
    return EXIT_OK


from workbook.cli.catalogue import CATALOGUE_COMMANDS, catalogue_commands  # noqa: E402

COMMANDS = {"new": cmd_new, "validate": cmd_validate, "render": cmd_render, "plan": cmd_plan,
            "scoresheet": cmd_scoresheet, "import-scores": cmd_import_scores, "status": cmd_status,
            **CATALOGUE_COMMANDS}

