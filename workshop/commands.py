"""The command-line commands' bodies (parsing lives in cli.py)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from .domain.errors import WorkshopError


def run_demo(args: argparse.Namespace) -> int:
    from .db.engine import is_sqlite, open_database, resolve_url
    from .demo import build_demo, demo_clock

    today = args.today or dt.date.today()  # cli.iso_date has checked it
    url = resolve_url(args.db)
    if is_sqlite(url) and url.database:
        path = Path(url.database)
        if path.exists() and path.stat().st_size > 0:
            if not args.force:
                raise WorkshopError(f"{path} already exists; use --force to replace it with the demo shop.")
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
    def progress(line: str) -> None:  # to stderr: stdout keeps the one line a script reads
        print(line, file=sys.stderr, flush=True)

    clock = demo_clock(today)
    where = url.database if is_sqlite(url) else url.render_as_string(hide_password=True)
    progress(f"Making the demo shop in {where}…")
    db = open_database(url, clock=clock)
    try:
        from .services.jobs import count_jobs

        if count_jobs(db):
            raise WorkshopError("That database already holds jobs; the demo needs an empty one.")
        demo = build_demo(db, clock, today, progress)
        print(f"Demo shop written to {db.display_name}: {len(demo.customers)} customers, "
              f"{len(demo.briefs)} briefs, {len(demo.jobs)} jobs "
              f"(kitchen {demo.kitchen_job.number}, retrofit {demo.retrofit_job.number}).")
    finally:
        db.close()
    return 0


def run_check(args: argparse.Namespace) -> int:
    """``workshop check [--repair]``: a PROBLEM line per problem and the exit code of what was found
    (a storage fault's own code, 1 for problems in the data, 0 when healthy); never a traceback."""
    from .db.check import check_report

    if getattr(args, "salvage", False):
        return _run_salvage(args)
    if getattr(args, "repair", False):
        return _run_repair(args)
    report = check_report(args.db)
    for note in report.notes:
        print(f"NOTE: {note}")
    if report.fault is not None:
        _print_fault(report.fault)
    elif report.findings:
        _print_problems([(f.kind, f.message) for f in report.findings])
        if any(f.repairable for f in report.findings):
            print("workshop check --repair fixes the problems that can be fixed (after a backup); the others stay.")
    else:
        print("OK: integrity, links, stored files, numbering, job and invoice statuses, stock against its "
              "movements and schema version are healthy.")
    return report.exit_code


#: PROBLEM lines shown per kind; a shop broken the same way thousands of times gets a count for the rest.
PROBLEMS_SHOWN_PER_KIND = 20


def _print_problems(problems: list[tuple[str, str]]) -> None:
    shown: dict[str, int] = {}
    for kind, message in problems:
        shown[kind] = shown.get(kind, 0) + 1
        if shown[kind] <= PROBLEMS_SHOWN_PER_KIND:
            print(f"PROBLEM: {message}")
    for kind, count in shown.items():
        if count > PROBLEMS_SHOWN_PER_KIND:
            more = count - PROBLEMS_SHOWN_PER_KIND
            print(f"PROBLEM: … and {more:,} more like the ones above ({kind.replace('_', ' ')}).")


def _print_fault(fault: WorkshopError) -> None:
    print(f"PROBLEM: {fault.message}")
    for line in (fault.details or "").splitlines():
        print(f"  {line}")


def _run_salvage(args: argparse.Namespace) -> int:
    from .db.check import check_report
    from .db.salvage import salvage_database

    try:
        result = salvage_database(args.db)
    except WorkshopError as exc:
        _print_fault(exc)
        return exc.exit_code
    print(f"Copied what could be read into {result.path} (schema {result.revision}); the damaged file was not "
          "changed.")
    for t in result.tables:
        if t.stopped:
            where = ", ".join(f"after row id {r}" if r else "at its start" for r in t.skipped_from)
            print(f"LOST: {t.table}: {t.copied} rows copied; reading stopped at a damaged page ({where}): the rows "
                  "there are lost.")
        if t.refused:
            print(f"LOST: {t.table}: {t.refused} rows read off damaged pages were unusable and left out.")
    print(f"Copied {sum(t.copied for t in result.tables)} rows from {len(result.tables)} tables.")
    copy = check_report(result.path)
    if copy.problems:
        print(f"The copy has {len(copy.problems)} problem(s): workshop check --db \"{result.path}\" lists them, and "
              "--repair sets rows whose parent was lost aside.")
    print(f"To use the copy: workshop restore \"{result.path}\" (the damaged file is backed up first).")
    return 1 if result.lost_somewhere or copy.problems else 0


def _run_repair(args: argparse.Namespace) -> int:
    from .db.repair import repair_database

    try:
        result = repair_database(args.db)
    except WorkshopError as exc:
        _print_fault(exc)
        return exc.exit_code
    for note in result.notes:
        print(f"NOTE: {note}")
    if result.backup is not None:
        print(f"Backed up first to {result.backup}")
    for line in result.lines():
        print(f"REPAIRED: {line}")
    _print_problems([(problem.split(":")[0], problem) for problem in result.not_repaired])
    if result.changed:
        print("Rows set aside or changed are kept, with the reason, in the table set_aside_rows.")
    elif not result.not_repaired:
        print("OK: nothing to repair.")
    return result.exit_code


def _print_document(db, args: argparse.Namespace) -> bytes:
    """The PDF bytes of the document ``workshop print`` was asked for."""
    if args.document == "job-card":
        from .documents.job_cards import job_cards_pdf_by_number

        return job_cards_pdf_by_number(db, args.numbers)
    if args.document == "quote":
        from .documents.quote import quote_pdf_by_number

        return quote_pdf_by_number(db, args.number, args.rev)
    if args.document == "invoice" and args.facturx:
        from .documents.facturx import facturx_pdf_by_number

        return facturx_pdf_by_number(db, args.number)
    if args.document == "invoice":
        from .documents.invoice import invoice_pdf_by_number

        return invoice_pdf_by_number(db, args.number)
    if args.document == "badges":
        from .documents.badges import badges_pdf

        return badges_pdf(db, args.operator)
    if args.document == "scanner-check":
        from .documents.badges import scanner_check_pdf

        return scanner_check_pdf(db)
    if args.document == "purchase-order":
        from .documents.purchase_order import purchase_order_pdf_by_number

        return purchase_order_pdf_by_number(db, args.number)
    if args.document == "reorder-list":
        from .documents.reorder_list import reorder_list_pdf

        return reorder_list_pdf(db)
    if args.document == "schedule":
        from .documents.schedule import schedule_pdf

        return schedule_pdf(db)
    from .services.jobs import find_job_id

    job_id = find_job_id(db, args.number)
    if args.document == "cost-sheet":
        from .documents.cost_sheet import cost_sheet_pdf

        return cost_sheet_pdf(db, job_id)
    if args.document == "certificate":
        from .documents.certificate import certificate_pdf

        return certificate_pdf(db, job_id, draft=args.draft)
    if args.document == "delivery-note":
        from .documents.delivery_note import delivery_note_pdf

        return delivery_note_pdf(db, job_id)
    if args.document == "traceability":
        from .documents.traceability import traceability_pdf

        return traceability_pdf(db, job_id)
    raise WorkshopError(f"Unknown document {args.document}.")  # pragma: no cover - argparse restricts it


def _open_to_read(target):
    """A command that only reads (print, job-cost, report) also works on a file it may not change (a
    read-only file or folder, a backup on a CD): it then opens the shop read-only."""
    from .db.engine import open_database
    from .domain.errors import ReadOnlyStorage

    try:
        return open_database(target, create=False)
    except ReadOnlyStorage as exc:
        return open_database(target, create=False, read_only=True, read_only_reason=exc.message)


def run_print(args: argparse.Namespace) -> int:

    db = _open_to_read(args.db)
    try:
        data = _print_document(db, args)
    finally:
        db.close()
    try:
        Path(args.output).write_bytes(data)
    except OSError as exc:
        raise WorkshopError(f"Could not write {args.output}: {exc.strerror or exc}.") from None
    print(f"Wrote {args.output}", file=sys.stderr)
    return 0


def _iso_date(option: str, text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise WorkshopError(f"{option} {text}: not a date; give one like 2026-03-31 (year-month-day).") from None


def run_export(args: argparse.Namespace) -> int:
    from .db.engine import open_database
    from .documents.invoice_exports import export_invoices
    from .domain.wording import plural
    from .services.invoice_exports import choose_invoices

    start, end = _iso_date("--from", args.date_from), _iso_date("--to", args.date_to)
    db = open_database(args.db, create=False)
    try:
        choice = choose_invoices(db, date_from=start, date_to=end)  # refuses a range that ends before it starts
        if args.format == "quickbooks":  # its invoice import makes no credit memos: leave them out and say so
            invoices_only = choose_invoices(db, date_from=start, date_to=end, credit_notes=False)
            left_out = [number for number in choice.numbers if number not in invoices_only.numbers]
            if left_out:
                print(f"workshop: {', '.join(left_out)} left out: QuickBooks Online cannot import credit notes; "
                      "enter them in QuickBooks as credit memos.", file=sys.stderr)
            choice = invoices_only
        before = choice.exported_before
        if before and not args.again:
            print(f"workshop: {len(before)} of the {plural(len(choice.numbers), 'invoice')} "
                  f"{'was' if len(before) == 1 else 'were'} exported before (Xero and QuickBooks would import "
                  f"{'it' if len(before) == 1 else 'them'} twice):", file=sys.stderr)
            for number, when in zip(before, choice.exported_at, strict=True):
                print(f"  {number}  exported {when.astimezone():%Y-%m-%d %H:%M}", file=sys.stderr)
            print("Nothing was written. Add --again to export them again.", file=sys.stderr)
            return 1
        result = export_invoices(db, choice.invoice_ids, fmt=args.format, path=Path(args.output))
    finally:
        db.close()
    if args.format == "csv":
        print(f"Exported {plural(result.count, 'invoice')} to {result.files[0]} (their lines to {result.files[1]}).")
    else:
        print(f"Exported {plural(result.count, 'invoice')} to {', '.join(str(path) for path in result.files)}.")
    return 0


def _emit(report: dict, as_json: bool, text) -> None:
    import json

    print(json.dumps(report, indent=2, ensure_ascii=False) if as_json else text(report))


def run_job_cost(args: argparse.Namespace) -> int:
    from .reports.job_cost import format_job_cost_report, job_cost_report

    db = _open_to_read(args.db)
    try:
        report = job_cost_report(db, args.number)
    finally:
        db.close()
    _emit(report, args.json, format_job_cost_report)
    return 0


def run_reorder_list(args: argparse.Namespace) -> int:
    """The reorder list as a table, or with ``--csv FILE`` as a CSV file."""
    from .exports.reorder_csv import write_reorder_csv
    from .reports.reorder import format_reorder_list
    from .services.settings import get_settings
    from .services.stock_position import reorder_list

    db = _open_to_read(args.db)
    try:
        lines, currency = reorder_list(db), get_settings(db).currency
    finally:
        db.close()
    if args.csv:
        try:
            write_reorder_csv(lines, Path(args.csv))
        except OSError as exc:
            raise WorkshopError(f"Could not write {args.csv}: {exc.strerror or exc}.") from None
        print(f"Wrote {args.csv} ({len(lines)} materials)")
        return 0
    print(format_reorder_list(lines, currency))
    return 0


def run_report(args: argparse.Namespace) -> int:
    from .reports.wip import format_wip_report, wip_report

    if args.report != "wip":
        return _run_shop_report(args)
    db = _open_to_read(args.db)
    try:
        report = wip_report(db)
    finally:
        db.close()
    _emit(report, args.json, format_wip_report)
    return 0


def _run_shop_report(args: argparse.Namespace) -> int:
    """``workshop report lead-time`` and the others of workshop/reports/catalogue.py."""
    from .reports import output
    from .reports.catalogue import run_report as run_shop_report
    from .reports.export import report_pdf

    start = _iso_date("--from", args.date_from) if getattr(args, "date_from", None) else None
    end = _iso_date("--to", args.date_to) if getattr(args, "date_to", None) else None
    db = _open_to_read(args.db)
    try:
        report = run_shop_report(db, args.report, start, end)
        pdf = report_pdf(db, report) if args.pdf else None
    finally:
        db.close()
    try:
        written = output.write_csv(report, Path(args.csv)) if args.csv else []
        if pdf is not None:
            Path(args.pdf).write_bytes(pdf)
            written.append(Path(args.pdf))
    except OSError as exc:
        raise WorkshopError(f"Could not write {exc.filename or 'the file'}: {exc.strerror or exc}.") from None
    for path in written:
        print(f"Wrote {path}", file=sys.stderr)
    _emit(output.to_json(report) if args.json else report, args.json, output.to_text)
    return 0


# --- backups (workshop backup / backups / restore) ------------------------------------------------


def _shop_file(args: argparse.Namespace, what: str) -> Path:
    from .db.engine import is_sqlite, resolve_url

    url = resolve_url(args.db)
    if not is_sqlite(url) or not url.database or url.database == ":memory:":
        raise WorkshopError(f"{what} works on a shop file. A server database is backed up with workshop backup "
                            "-o FILE (pg_dump) and restored by its administrator with pg_restore.")
    return Path(url.database)


def _when(moment: dt.datetime) -> str:
    return f"{moment.astimezone():%Y-%m-%d %H:%M}"


def run_backup(args: argparse.Namespace) -> int:
    from .db.backup import make_backup
    from .db.server_dump import dump_server
    from .db.engine import is_sqlite, resolve_url
    from .services.backups import human_size

    url = resolve_url(args.db)
    if is_sqlite(url):
        info = make_backup(Path(url.database or ""), args.output, kind="manual")
    else:
        info = dump_server(url, args.output)
    print(f"Backed up to {info.path} ({human_size(info.size)}, {_when(info.taken_at)}).")
    return 0


def run_backups(args: argparse.Namespace) -> int:
    from .db.backup import backups_folder, list_backups
    from .services.backups import human_size

    path = _shop_file(args, "The list of backups")
    found = list_backups(path)
    if not found:
        print(f"No backups yet in {backups_folder(path)}. Make one with: workshop backup")
        return 0
    print(f"Backups of {path.name} in {backups_folder(path)}, newest first:")
    for info in found:
        print(f"  {_when(info.taken_at)}  {info.kind:<15} {human_size(info.size):>9}  {info.path.name}")
    return 0


def _writer_lock(path: Path):
    """OPEN's writer lock (workshop/db/lock.py): a restore must not run while a window holds the shop."""
    try:
        from .db.lock import acquire_writer_lock
    except ImportError:  # pragma: no cover - the lock module comes with the start-up work of issue 12
        return None
    return acquire_writer_lock(path)


def run_restore(args: argparse.Namespace) -> int:
    from .db.backup import restore_backup
    from .db.engine import open_database
    from .services.backups import check_and_measure, human_size

    path = _shop_file(args, "Restore")
    lock = _writer_lock(path)
    try:
        if path.is_file() and path.stat().st_size:
            try:
                db = open_database(path, create=False)
            except WorkshopError as exc:
                from .db.backup import check_backup_file

                info, loss = check_backup_file(args.file), None
                print(f"The current shop cannot be read ({exc.message}), so what a restore loses cannot be "
                      "counted; the current file is kept in the backups folder.")
            else:
                try:
                    info, loss = check_and_measure(db, args.file)
                finally:
                    db.close()
        else:
            from .db.backup import check_backup_file

            info, loss = check_backup_file(args.file), None
        print(f"Backup taken {_when(info.taken_at)} ({info.kind}, {human_size(info.size)}): {info.path}")
        if loss is not None:
            print(f"Restoring it loses what was saved after it: {loss.summary()}.")
        if not args.yes:
            if not sys.stdin.isatty():
                sys.stdout.flush()  # what it would lose comes before why nothing was done
                raise WorkshopError("Nothing was changed: add --yes to restore without being asked.")
            if input("Type yes to restore it: ").strip().lower() != "yes":
                print("Nothing was changed.")
                return 1
        before = restore_backup(path, args.file)
    finally:
        if lock is not None:
            lock.release()
    print(f"Restored {path} from the backup of {_when(info.taken_at)}.")
    if before is not None:
        print(f"The file it replaced is kept as {before.path}.")
    return 0
