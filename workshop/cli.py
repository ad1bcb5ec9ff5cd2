"""Command line: the same services as the window, no widgets.

Each command imports what it needs when it runs, so ``workshop --help`` is instant and
opening the window does not pay for ReportLab.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Sequence

from . import __version__


def _tab_ids() -> list[str]:
    """The tabs ``screenshot --tab`` can show: the window's own list (importing it loads no Qt)."""
    from .ui.tabs import TAB_CLASSES

    return [tab_id for tab_id, _spec, _title in TAB_CLASSES]


def iso_date(text: str) -> dt.date:
    """An argparse type: ``2026-11-21``; anything else is a clean usage error, not a traceback."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” is not a date: give one like 2026-11-21 (year-month-day)") from None


def operator_ref(text: str) -> int:
    """An argparse type: an operator's id (``7``) or badge code (``OPR0007``)."""
    digits = text.strip().upper().removeprefix("OPR")
    if not digits.isdigit():
        raise argparse.ArgumentTypeError(f"“{text}” is not an operator: give the id or the badge code, "
                                         "like 7 or OPR0007")
    return int(digits)


def window_size(text: str) -> tuple[int, int]:
    """An argparse type: ``1280x720`` (WIDTHxHEIGHT, in pixels)."""
    width, sep, height = text.strip().lower().partition("x")
    if not (sep and width.isdigit() and height.isdigit()):
        raise argparse.ArgumentTypeError(f"“{text}” is not a size: give WIDTHxHEIGHT in pixels, like 1280x720")
    size = int(width), int(height)
    if not all(200 <= n <= 10_000 for n in size):
        raise argparse.ArgumentTypeError(f"{size[0]}x{size[1]} is out of range: each side from 200 to 10000 pixels")
    return size


def _db_arg(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    # A subcommand's --db must not reset one given before the command to None: only the
    # top-level parser has a default.
    parser.add_argument("--db", metavar="PATH_OR_URL", default=None if top else argparse.SUPPRESS,
                        help="database file or URL (default: $WORKSHOP_DB, else the file in your data folder)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="workshop",
        description="Workshop: job cards, routing, inspection and costing for a bespoke workshop. "
                    "With no command, opens the window.")
    parser.add_argument("--version", action="version", version=f"Workshop {__version__}")
    _db_arg(parser, top=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = commands.add_parser("gui", help="open the window (the default)")
    _db_arg(p)

    p = commands.add_parser("terminal", help="the bench terminal, full screen: scan badges and job cards to clock "
                                             "on and off, with the board of who is on what")
    _db_arg(p)

    p = commands.add_parser("demo", help="create a demo shop (furniture and metalwork) in a new database")
    _db_arg(p)
    p.add_argument("--today", metavar="YYYY-MM-DD", type=iso_date, help="date the demo is built around (default: today)")
    p.add_argument("--force", action="store_true", help="replace the file if it exists")

    p = commands.add_parser("check", help="check the database's integrity, links, numbering and schema version")
    _db_arg(p)
    p.add_argument("--repair", action="store_true",
                   help="fix what can be fixed, in one transaction after a backup, setting bad rows aside")
    p.add_argument("--salvage", action="store_true",
                   help="copy what a damaged file still lets be read into a new file beside it (never changes it)")

    p = commands.add_parser("backup", help="back up the shop: a checked copy in the backups folder beside it "
                                           "(pg_dump for a server database)")
    _db_arg(p)
    p.add_argument("-o", "--output", metavar="FILE", help="write the backup to FILE instead (never overwritten)")

    p = commands.add_parser("backups", help="list the shop's backups, newest first")
    _db_arg(p)

    p = commands.add_parser("restore", help="replace the shop with a backup, after backing up the current file")
    _db_arg(p)
    p.add_argument("file", metavar="FILE", help="the backup to restore (a .db file)")
    p.add_argument("--yes", action="store_true", help="do not ask; for scripts")

    p = commands.add_parser("migrate-to", help="copy the whole shop (--db) into an empty database: a file to a "
                                               "PostgreSQL server, or back; checked, in one transaction")
    _db_arg(p)
    p.add_argument("target", metavar="TARGET", help="where to copy it: a new .db file, or an empty server database's "
                                                    "URL (postgresql://user@host/name)")

    p = commands.add_parser("screenshot", help="render a tab of the real window to a PNG, offscreen")
    _db_arg(p)
    tabs = _tab_ids()
    p.add_argument("--tab", default="job-cards", choices=tabs, metavar="TAB",
                   help=f"the tab to show: {', '.join(tabs)} (default: job-cards)")
    p.add_argument("--job", metavar="NUMBER",
                   help="show this job (e.g. J-2026-0042) on the tab: its card, routing, checks, brief or WIP row")
    p.add_argument("--size", default=(1280, 800), type=window_size, metavar="WxH",
                   help="window size in pixels, WIDTHxHEIGHT (default 1280x800)")
    p.add_argument("-o", "--output", required=True, help="PNG file to write")

    p = commands.add_parser("print", help="print a document to PDF")
    _db_arg(p)
    what = p.add_subparsers(dest="document", metavar="DOCUMENT", required=True)
    jc = what.add_parser("job-card", help="job cards (travelers) for the bench")
    jc.add_argument("numbers", nargs="+", metavar="JOB", help="job numbers, e.g. J-2026-0042")
    jc.add_argument("-o", "--output", required=True, help="PDF file to write")
    _db_arg(jc)
    q = what.add_parser("quote", help="a quotation for the customer")
    q.add_argument("number", metavar="QUOTE", help="quote number, e.g. Q-2026-0012 (its latest revision)")
    q.add_argument("--rev", type=int, metavar="N", help="print revision N (1, 2 …) instead of the latest")
    inv = what.add_parser("invoice", help="an invoice or credit note for the customer")
    inv.add_argument("number", metavar="INVOICE", help="invoice or credit note number, e.g. INV-2026-0001")
    inv.add_argument("--facturx", action="store_true",
                     help="the Factur-X / ZUGFeRD e-invoice: a PDF/A-3 carrying its EN 16931 XML")
    badges = what.add_parser("badges", help="operator badges to scan at the Shop Floor terminal, eight to an A4 sheet "
                                            "(every active operator)")
    badges.add_argument("--operator", type=operator_ref, action="append", metavar="ID",
                        help="only this operator, by id or badge code (7 or OPR0007); give it again for more")
    what.add_parser("scanner-check", help="the scanner check card: a test code, and what the terminal says to it "
                                          "under each keyboard layout")
    purchase = what.add_parser("purchase-order", help="a purchase order to send to the supplier")
    purchase.add_argument("number", metavar="ORDER", help="purchase order number, e.g. PO-2026-0001")
    for name, help_ in (("cost-sheet", "a job's cost sheet: estimate against actual, variance and margin"),
                        ("certificate", "a job's certificate of conformity"),
                        ("delivery-note", "the delivery note of a job's latest delivery"),
                        ("traceability", "a job's whole history: statuses, operations, inspections, delivery")):
        doc = what.add_parser(name, help=help_)
        doc.add_argument("number", metavar="JOB", help="job number, e.g. J-2026-0042")
        if name == "certificate":
            doc.add_argument("--draft", action="store_true",
                             help="print a draft marked DRAFT, listing what is outstanding, for a job that "
                                  "does not conform yet")
    for doc in (q, inv, purchase, *(what.choices[n] for n in ("cost-sheet", "certificate", "delivery-note",
                                                              "traceability", "badges", "scanner-check"))):
        doc.add_argument("-o", "--output", required=True, help="PDF file to write")
        _db_arg(doc)
    reorder = what.add_parser("reorder-list", help="every material below its reorder level, with what to order")
    reorder.add_argument("-o", "--output", default="reorder-list.pdf",
                         help="PDF file to write (default: reorder-list.pdf)")
    _db_arg(reorder)
    wall = what.add_parser("schedule", help="the proposed schedule for the wall: a Gantt per workstation, "
                                            "landscape, and the jobs with due and predicted finish")
    wall.add_argument("-o", "--output", default="schedule.pdf", help="PDF file to write (default: schedule.pdf)")
    _db_arg(wall)

    p = commands.add_parser("reorder-list", help="every material below its reorder level: on hand, on order, "
                                                 "allocated, what to order and from whom")
    _db_arg(p)
    p.add_argument("--csv", metavar="FILE", help="write it as CSV to FILE instead of printing a table")

    p = commands.add_parser("export", help="export to an accounting program")
    _db_arg(p)
    which = p.add_subparsers(dest="export", metavar="WHAT", required=True)
    exp = which.add_parser("invoices", help="issued invoices and credit notes for Xero, QuickBooks Online or a "
                                            "spreadsheet")
    # Dates are checked by the command, so a bad one exits 1 with a message like any other refusal.
    exp.add_argument("--from", dest="date_from", required=True, metavar="YYYY-MM-DD", help="first issue date")
    exp.add_argument("--to", dest="date_to", required=True, metavar="YYYY-MM-DD", help="last issue date (included)")
    exp.add_argument("--format", required=True, choices=("csv", "xero", "quickbooks"),
                     help="csv (invoices, and their lines in NAME-lines.csv), xero or quickbooks")
    exp.add_argument("-o", "--output", required=True, help="CSV file to write")
    exp.add_argument("--again", action="store_true", help="export invoices that were exported before too")
    _db_arg(exp)

    p = commands.add_parser("job-cost", help="a job's cost: estimate against actual, by category and operation")
    _db_arg(p)
    p.add_argument("number", metavar="JOB", help="job number, e.g. J-2026-0042")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")

    p = commands.add_parser("report", help="reports over the whole shop")
    _db_arg(p)
    which = p.add_subparsers(dest="report", metavar="REPORT", required=True)
    wip = which.add_parser("wip", help="work in progress: open jobs' accrued cost, % complete, billed to date")
    wip.add_argument("--json", action="store_true", help="print JSON instead of a table")
    _db_arg(wip)
    for key, ranged, about in SHOP_REPORTS:  # workshop/reports/catalogue.py has them too (imported only to run one)
        one = which.add_parser(key, help=about)
        one.add_argument("--json", action="store_true", help="print JSON instead of tables")
        if ranged:
            one.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD",
                             help="first day (default: the first of the month eleven months ago)")
            one.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="last day (default: today)")
        one.add_argument("--csv", metavar="FILE", help="also write its tables as CSV (the first to FILE, "
                         "each further one beside it as FILE-name.csv)")
        one.add_argument("--pdf", metavar="FILE", help="also write it as a PDF, charts included")
        _db_arg(one)

    p = commands.add_parser("server-check", help="can Workshop use this PostgreSQL server? Connection, login, "
                                               "database, creating tables, version, clock and what it holds, "
                                               "one line each")
    p.add_argument("url", metavar="URL", help="the server's address, e.g. postgresql+psycopg://workshop@server-pc/"
                                              "workshop (a password left out is taken from ~/.pgpass)")

    p = commands.add_parser("install-desktop", help="put Workshop in this Linux desktop's applications menu "
                            "(an entry and an icon under $XDG_DATA_HOME, else ~/.local/share)")
    p.add_argument("--remove", action="store_true", help="take the entry and the icon away again")
    return parser


#: ``workshop report KEY``: (key, over a past range?, help).
SHOP_REPORTS = (
    ("lead-time", True, "lead time: brief to delivery and release to complete, month by month"),
    ("on-time", True, "on-time delivery: jobs delivered on or before their due date, month by month"),
    ("accuracy", True, "estimate accuracy: planned against booked hours by workstation and kind of job"),
    ("utilisation", True, "workstation utilisation: hours booked against capacity, week by week"),
    ("win-rate", True, "quote win rate: quotes sent and accepted, by count and value, month by month"),
    ("load", False, "the coming 12 weeks' load against capacity per workstation, and the bottleneck"),
    ("schedule", False, "the proposed schedule: each job's due date, predicted finish and whether it is late"),
)


def _db_target(args: argparse.Namespace) -> str | None:
    return getattr(args, "db", None)


#: What the window's first screen needs besides Qt: SQLAlchemy's ORM and SQLite dialect, the models,
#: the Start page's services, Babel's dates and numbers, the backups and the writer lock.
BEFORE_QT = ("babel.dates", "babel.numbers", "sqlalchemy.dialects.sqlite", "workshop.db.backup",
             "workshop.db.backup_schedule", "workshop.db.lock", "workshop.db.revisions", "workshop.db.storage_place",
             "workshop.services.start_page")


def _import_before_qt() -> None:
    """``BEFORE_QT``, imported before Qt is (issue 17): PySide6 reads the whole source of every module
    imported after it (its feature switch looks for "PySide6" in each), which for these cost 15 MiB and a
    tenth of start-up's time."""
    import importlib

    for name in BEFORE_QT:
        importlib.import_module(name)


def _run_migrate_to(args: argparse.Namespace) -> int:
    """``workshop migrate-to TARGET``: the copy (db/transfer.py), its progress on stderr, a summary."""
    import time

    from .db.transfer import migrate_to

    step, shown = 50_000, {}

    def progress(table: str, done: int, total: int) -> None:  # a big table's rows every 50,000 and at its end
        if not shown:
            shown[""] = 0
            print("Copying the shop, table by table (a big shop takes a few minutes) …", file=sys.stderr)
        if total >= step and (done == total or done // step > shown.get(table, 0)):
            shown[table] = done // step
            print(f"  {table}: {done:,} of {total:,} rows", file=sys.stderr)

    started = time.monotonic()
    report = migrate_to(args.target, _db_target(args), progress=progress)
    seconds = time.monotonic() - started
    print(f"Copied the shop from {report.source} to {report.target}: {len(report.tables)} tables, "
          f"{report.rows:,} rows, in {seconds:.1f} s.")
    print(f"Checked before saving: every table's row count and {report.totals_checked} money and quantity "
          "totals are the same as in the shop.")
    print(f"{report.source} was not changed. From now on open the shop with:  workshop --db {report.target}")
    if "***" in report.target:
        print("(the password is not shown: type it in place of ***, or keep it in a .pgpass file)")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    try:
        code = _run(argv)
        sys.stdout.flush()  # a closed pipe shows here, inside the try, not at interpreter exit
    except BrokenPipeError:
        # `workshop report wip | head`: the reader has gone. Python's documented recipe: point
        # stdout at devnull so the exit flush does not raise again, and stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    return code


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    # --db may come before or after the command; the subcommand's value wins.
    command = args.command or "gui"
    from .domain.errors import WorkshopError

    try:
        if command == "gui":
            import gc

            # start-up makes about a million objects and frees few: collecting as they come costs it
            # 10-15 % (issue 17); the window turns collecting back on once it has painted
            gc.disable()
            try:
                _import_before_qt()
                from .ui.app import run_gui

                return run_gui(_db_target(args))
            finally:
                gc.enable()
        if command == "terminal":
            from .ui.terminal_window import run_terminal

            return run_terminal(_db_target(args))
        if command == "demo":
            from .commands import run_demo

            return run_demo(args)
        if command == "check":
            from .commands import run_check

            return run_check(args)
        if command in ("backup", "backups", "restore"):
            from . import commands

            return getattr(commands, f"run_{command}")(args)
        if command == "migrate-to":
            return _run_migrate_to(args)
        if command == "screenshot":
            from .ui.screenshot import take_screenshot

            note = take_screenshot(_db_target(args), tab_id=args.tab, output=args.output, job_number=args.job,
                                   size=args.size)
            if note:
                print(f"workshop: {note}", file=sys.stderr)
            print(f"Wrote {args.output}")
            return 0
        if command == "print":
            from .commands import run_print

            return run_print(args)
        if command == "export":
            from .commands import run_export

            return run_export(args)
        if command == "reorder-list":
            from .commands import run_reorder_list

            return run_reorder_list(args)
        if command == "job-cost":
            from .commands import run_job_cost

            return run_job_cost(args)
        if command == "report":
            from .commands import run_report

            return run_report(args)
        if command == "server-check":
            from .db.server_check import all_passed, check_server, report_lines

            results = check_server(args.url)
            print("\n".join(report_lines(results, sys.stdout.encoding)))
            return 0 if all_passed(results) else 1
        if command == "install-desktop":
            from .desktop import run as install_desktop

            return install_desktop(remove=args.remove)
    except WorkshopError as exc:
        print(f"workshop: {exc.message}", file=sys.stderr)
        if exc.details:
            print(f"  ({exc.details})", file=sys.stderr)
        return exc.exit_code  # 1, or the storage fault's own code (domain/errors.py)
    parser.error(f"unknown command {command}")
    return 2


if __name__ == "__main__":
    sys.exit(main())
