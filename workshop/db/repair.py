"""``workshop check --repair``: fix what can be fixed, in one transaction, after a backup.

Nothing is deleted outright. A row that is moved out of its table, and a row a repair changes, is first
written to ``set_aside_rows`` (the row as JSON, bytes as base64, with the reason), so whoever looks after
the shop can read it back and put it back by hand. What is done, kind by kind:

* a link pointing nowhere (its customer, job … is gone): the row is set aside, and with it every row
  that hangs off it (children before parents), unless an issued invoice or credit note would go with
  it (issued documents never change: that is reported, not repaired). A link the schema clears when
  its target goes (``ON DELETE SET NULL``) is cleared instead, the row kept;
* stored file bytes that nothing uses any more: set aside;
* a number counter behind the highest number used: raised to it (never lowered: numbers given out
  stay given out);
* a job whose status disagrees with its history: a history row is added recording the status the
  job has, with a reason. The job's row is what the rest of the program acted on (a final invoice
  marks it invoiced, completing stamps completed_at), so it is the newer truth and a lost history row
  the likelier fault; a correction is a new entry with a reason, never an edit in place. Only a
  status this program does not know is set back to the history's latest;
* an issued invoice whose status (issued, part paid, paid) disagrees with its payments and credit
  notes: set to what they make it (the status is derived; the document itself is not touched);
* a missing company settings row: written with the defaults (as the program itself does);
* a material whose stock on hand or stock value is not the sum of its stock movements: set to the
  sums (stock_check.py: the movements are the record, the stored figures a copy for lists).

Not repairable in place: damaged pages (restore a backup), numbers used twice, gaps in invoice
numbers. Those stay in the report. A second run finds nothing to do.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, and_, select
from sqlalchemy.engine import URL

from ..domain import errors as e
from .check import Scan, check_report, findings_of, scan_database, valid_job_status
from .read_access import faults_named
from .row_links import group_of, key_text, read_row, where_key
from .stock_check import repair_stock
from .connection import is_sqlite, make_engine
from .engine import resolve_url, utc_now

Clock = Callable[[], dt.datetime]

#: The words a repair's counts are reported in, per kind of fix.
KIND_WORDS = {
    "broken_link": "rows with a broken link set aside",
    "link_cleared": "broken links cleared (the row kept)",
    "dependent_row": "rows set aside with them (they hung off those rows)",
    "unused_file": "unused stored files set aside",
    "counter_behind": "number counters raised to the highest number used",
    "job_status": "job status histories completed",
    "invoice_status": "invoice statuses set from their payments",
    "settings": "company settings rows written with the defaults",
    "stock": "materials' stock set to the sums of their movements",
}


DAMAGED = ("The file is damaged (some of its pages cannot be read), and that cannot be repaired in place; it was "
           "not changed. Restore the newest backup (File ▸ Restore…, or workshop backups and workshop restore "
           "FILE). "
           "If there is no good backup, workshop check --salvage copies what can still be read into a new file.")


@dataclass(frozen=True)
class RepairReport:
    fixed: dict[str, int] = field(default_factory=dict)  # kind (KIND_WORDS) -> how many
    not_repaired: tuple[str, ...] = ()  # problems that stay, in words
    backup: Path | None = None
    notes: tuple[str, ...] = ()
    exit_code: int = 0  # what a check of the shop exits with afterwards: 0 when nothing stays

    @property
    def changed(self) -> bool:
        return any(self.fixed.values())

    def lines(self) -> list[str]:
        return [f"{self.fixed[kind]} {words}" for kind, words in KIND_WORDS.items() if self.fixed.get(kind)]


def repair_database(target, *, clock: Clock = utc_now) -> RepairReport:
    """Repair what ``check_report`` found and can be repaired; raise the storage fault that stops it
    (busy, read-only, full …), or DamagedDatabase when the file's pages are damaged."""
    url = target if isinstance(target, URL) else resolve_url(target)
    report = check_report(url)
    if isinstance(report.fault, e.DamagedDatabase):
        raise e.DamagedDatabase(DAMAGED, details=f"{report.fault.message}\n{report.fault.details}".strip())
    if report.fault is not None:
        raise report.fault
    from . import revisions

    if report.revision != revisions.head_revision():
        raise e.WorkshopError(
            f"This database is at an older schema ({report.revision}). Open it in Workshop first (it is upgraded "
            "after a backup), then repair it.")
    damaged = [f for f in report.findings if f.kind == "integrity"]
    if damaged:
        raise e.DamagedDatabase(DAMAGED, details=damaged[0].message)
    if not any(f.repairable for f in report.findings):
        return RepairReport(not_repaired=tuple(f.message for f in report.findings), notes=report.notes,
                            exit_code=report.exit_code)

    lock = _writer_lock(url)
    try:
        backup, notes = _backup_first(url)
        fixed, left = _repair(url, clock())
    finally:
        if lock is not None:
            lock.release()
    after = check_report(url)
    stays = [f.message for f in after.findings] if after.fault is None else [after.fault.message]
    not_repaired = tuple(dict.fromkeys(left + stays))
    return RepairReport(fixed=fixed, not_repaired=not_repaired, backup=backup, notes=tuple(notes),
                        exit_code=(after.exit_code or 1) if not_repaired else 0)


def _writer_lock(url: URL):
    """The shop's write lock (db/lock.py) while repairing a file: not while a window has it open."""
    if not is_sqlite(url):
        return None
    try:
        from .lock import acquire_writer_lock
    except ImportError:  # the lock arrives with issue 12's opening work
        return None
    return acquire_writer_lock(Path(url.database))


def _backup_first(url: URL) -> tuple[Path | None, list[str]]:
    if not is_sqlite(url):
        return None, ["No backup was made first: a server database is backed up with pg_dump (workshop backup)."]
    from . import backup

    make_backup = getattr(backup, "make_backup", None)
    if make_backup is None:
        return None, ["No backup was made first: this version cannot make one."]
    info = make_backup(Path(url.database), kind="manual", note="before-repair")
    return info.path, []


def _repair(url: URL, now: dt.datetime) -> tuple[dict[str, int], list[str]]:
    """The fixes, in one transaction: all of them or none. On SQLite the foreign keys are off while
    rows move (set aside in any order, nothing cascades behind our back); before the commit a fresh
    scan must find nothing repairable left."""
    where = url.database if is_sqlite(url) else url.render_as_string(hide_password=True)
    engine = make_engine(url, foreign_keys=False)
    try:
        with faults_named(where), engine.begin() as conn:
            fixer = _Fixer(conn, now)
            fixer.links(scan_database(conn))
            fixer.rest(scan_database(conn))
            left = [f.message for f in findings_of(scan_database(conn)) if f.repairable]
            if left:  # a bug: undo everything rather than leave a half-repaired shop
                raise RuntimeError(f"repair left repairable problems: {left[:10]}")
            return fixer.fixed, fixer.not_repaired
    finally:
        engine.dispose()


def _json_value(value):
    if isinstance(value, bytes | bytearray | memoryview):
        return {"base64": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


class _Fixer:
    def __init__(self, conn: Connection, now: dt.datetime) -> None:
        from . import models  # noqa: F401 - registers every table
        from .base import Base

        self.conn, self.now = conn, now
        self.tables = Base.metadata.tables
        self.set_aside = self.tables["set_aside_rows"]
        self.fixed: dict[str, int] = {}
        self.not_repaired: list[str] = []

    def _count(self, kind: str, n: int = 1) -> None:
        self.fixed[kind] = self.fixed.get(kind, 0) + n

    def _row(self, table, key: tuple) -> dict | None:
        return read_row(self.conn, table, key)

    def _record(self, table, key: tuple, row: dict, reason: str) -> None:
        self.conn.execute(self.set_aside.insert().values(
            table_name=table.name, row_id=key_text(key),
            row_json=json.dumps({k: _json_value(v) for k, v in row.items()}, ensure_ascii=False, sort_keys=True),
            reason=reason, set_aside_at=self.now))

    # --- links ---------------------------------------------------------------------------------

    def links(self, scan: Scan) -> None:
        done: set[tuple[str, tuple]] = set()
        for d in scan.dangling:
            table = self.tables[d.table]
            if (d.table, d.key) in done:
                continue
            row = self._row(table, d.key)
            if row is None:
                continue
            columns = ", ".join(f"{c} = {v}" for c, v in zip(d.columns, d.values, strict=True))
            if d.issued:
                continue  # reported by the check: issued documents never change
            if d.set_null:
                self._record(table, d.key, row, f"Kept; its {columns} was cleared: there is no such row in "
                                                f"{d.parent}.")
                self.conn.execute(table.update().where(where_key(table, d.key))
                                  .values({c: None for c in d.columns}))
                self._count("link_cleared")
                continue
            group, clear = group_of(self.conn, table, d.key)
            reason = f"Its {columns} pointed to no row in {d.parent}."
            for child, child_key, null_columns, parent_name, parent_key in clear:
                child_row = self._row(child, child_key)
                if child_row is None:
                    continue
                cleared = ", ".join(f"{c} = {child_row[c]}" for c in null_columns)
                self._record(child, child_key, child_row, f"Kept; its {cleared} was cleared: that row of "
                                                          f"{parent_name} ({key_text(parent_key)}) was set aside.")
                self.conn.execute(child.update().where(where_key(child, child_key))
                                  .values({c: None for c in null_columns}))
                self._count("link_cleared")
            for t, k, r in reversed(group):  # children before parents
                first = (t.name, k) == (d.table, d.key)
                self._record(t, k, r, reason if first else
                             f"It hung off {d.table} {key_text(d.key)}, set aside: {reason[0].lower()}{reason[1:]}")
                self.conn.execute(t.delete().where(where_key(t, k)))
                self._count("broken_link" if first else "dependent_row")
                done.add((t.name, k))

    # --- the rest, on what the links left ----------------------------------------------------

    def rest(self, scan: Scan) -> None:
        blobs = self.tables["attachment_blobs"]
        for sha, _size in scan.orphan_blobs:
            row = self._row(blobs, (sha,))
            self._record(blobs, (sha,), row, "No attachment, inspection photo or logo uses these bytes any more.")
            self.conn.execute(blobs.delete().where(blobs.c.sha256 == sha))
            self._count("unused_file")

        sequences = self.tables["number_sequences"]
        for c in scan.counters:
            if not c.used or (c.last_value is not None and c.last_value >= c.highest):
                continue
            if c.last_value is None:
                self.conn.execute(sequences.insert().values(prefix=c.prefix, year=c.year, last_value=c.highest))
            else:
                where = and_(sequences.c.prefix == c.prefix, sequences.c.year == c.year)
                row = self.conn.execute(select(sequences).where(where)).mappings().one()
                self._record(sequences, (row["id"],), dict(row),
                             f"Counter raised from {c.last_value} to {c.highest}: {c.number(c.highest)} is used.")
                self.conn.execute(sequences.update().where(where).values(last_value=c.highest))
            self._count("counter_behind")

        jobs, history = self.tables["jobs"], self.tables["job_status_history"]
        recorded = []
        for j in scan.job_statuses:
            if valid_job_status(j.status):
                since = f"its history ended at {j.history_status}" if j.history_status else "it had no status history"
                reason = f"Recorded by workshop check --repair: the job was {j.status} but {since}."
                recorded.append(dict(job_id=j.job_id, at=self.now, from_status=j.history_status, to_status=j.status,
                                     reason=reason))
                self._count("job_status")
            elif j.history_status is not None and valid_job_status(j.history_status):
                row = self._row(jobs, (j.job_id,))
                self._record(jobs, (j.job_id,), row, f"Status {j.status!r} is not one this program knows: set back "
                                                     f"to {j.history_status}, the latest in its history.")
                self.conn.execute(jobs.update().where(jobs.c.id == j.job_id).values(status=j.history_status))
                self._count("job_status")
            else:
                self.not_repaired.append(f"Job {j.number} has status {j.status!r}, which this program does not "
                                         "know, and no history to take one from.")
        if recorded:
            self.conn.execute(history.insert(), recorded)  # one statement for them all (thousands, after a salvage)

        invoices = self.tables["invoices"]
        for i in scan.invoice_statuses:
            row = self._row(invoices, (i.invoice_id,))
            self._record(invoices, (i.invoice_id,), row, f"Status set from {i.status} to {i.expected}, as its "
                                                         "payments and credit notes make it.")
            self.conn.execute(invoices.update().where(invoices.c.id == i.invoice_id).values(status=i.expected))
            self._count("invoice_status")

        if scan.stock:
            self._count("stock", repair_stock(self.conn, scan.stock, self._record))

        if scan.settings_missing:
            self.conn.execute(self.tables["shop_settings"].insert().values(id=1))
            self._count("settings")
