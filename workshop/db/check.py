"""``workshop check``: is the database whole, are its links intact, do its numbers and derived values agree?

Checking only reads. A SQLite file is opened with ``mode=ro`` (so a read-only file or folder can be
checked, and nothing is ever written), in one read transaction (one consistent picture, even while the
window saves). A storage fault (missing, empty, damaged, foreign or newer file, a lock held, a full
disk …) never escapes as a traceback: it becomes the report's ``fault`` and its exit code.

What is checked, and why each is a rule of this program:

* integrity (SQLite's ``PRAGMA integrity_check``): damaged pages cannot be repaired in place;
* links: every foreign key of the models points at a row that exists (the same query on SQLite and
  PostgreSQL, so it also names the row's own id);
* stored files (``attachment_blobs``) that no attachment, inspection photo or logo uses any more;
* human numbers (``PREFIX-YEAR-NNNN`` from ``number_sequences``): a number used twice, a counter behind
  the highest number used (the next save would fail), and gaps in invoice and credit-note numbers,
  which must run without gaps (a gap cannot be repaired: issued documents never change), and in
  purchase order numbers (an order keeps its number even when cancelled);
* derived values: a job's status against the latest row of its status history (every status move
  writes one, services/jobs.py); an issued invoice's status (issued, part paid, paid) against its
  payments and credit notes (domain.invoice_status.settled_status);
* the company settings row;
* stock: a material's stock on hand and stock value against the sums of its stock movements
  (stock_check.py). Stock below zero is not a problem: issuing beyond stock is the owner's choice.

This module opens the database for the check, runs the scans (each kind is check_scans.py's, stock is
stock_check.py's), puts what they find in words (``Finding``) and reports it (``CheckReport``).
``repair.py`` fixes what can be fixed from the same findings; ``salvage.py`` copies what a damaged file
still lets be read into a new one.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from ..domain import errors as e
from ..domain.statuses import JobStatus
from .check_scans import (Counter, DanglingLink, InvoiceStatusMismatch, JobStatusMismatch, counters, dangling_links,
                          integrity_problems, invoice_status_mismatches, job_status_mismatches, orphan_blobs)
from .connection import is_sqlite
from .engine import resolve_url
from .faults import storage_fault
from .probing import probe
from .read_access import read_only_notes, reading, refuse_what_is_not_a_database
from .stock_check import StockMismatch, stock_mismatches

#: Less free space than this beside the database, and a save would fail: reported as a full disk.
FULL_BELOW_BYTES = 64 * 1024


# --- what a check finds --------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """One problem. ``kind`` groups them in a repair's counts; ``repairable`` says whether
    ``workshop check --repair`` can fix it."""

    kind: str
    message: str
    repairable: bool


@dataclass(frozen=True)
class CheckReport:
    """What ``workshop check`` found. ``fault`` is set when the database could not be checked at all
    (then ``exit_code`` is the fault's own); otherwise ``findings`` lists the problems (exit 1 when any)."""

    findings: tuple[Finding, ...] = ()
    notes: tuple[str, ...] = ()
    fault: e.WorkshopError | None = None
    revision: str | None = None

    @property
    def problems(self) -> list[str]:
        if self.fault is not None:
            return [self.fault.message]
        return [f.message for f in self.findings]

    @property
    def exit_code(self) -> int:
        if self.fault is not None:
            return self.fault.exit_code
        if any(f.kind == "integrity" for f in self.findings):
            return e.DamagedDatabase.exit_code  # damaged pages: a storage fault, found by looking
        if any(f.kind == "disk_full" for f in self.findings):
            return e.DiskFull.exit_code
        return 1 if self.findings else 0


# --- what the scans return (repair works from these) ------------------------------------------


@dataclass
class Scan:
    integrity: list[str] = field(default_factory=list)
    dangling: list[DanglingLink] = field(default_factory=list)
    orphan_blobs: list[tuple[str, int]] = field(default_factory=list)  # sha256, size
    counters: list[Counter] = field(default_factory=list)
    job_statuses: list[JobStatusMismatch] = field(default_factory=list)
    invoice_statuses: list[InvoiceStatusMismatch] = field(default_factory=list)
    stock: list[StockMismatch] = field(default_factory=list)
    settings_missing: bool = False


# --- public entry points -------------------------------------------------------------------------


def check_database(target) -> list[str]:
    """A list of problems; empty when healthy. Never changes the database."""
    return check_report(target).problems


def check_report(target) -> CheckReport:
    """Everything ``workshop check`` says: findings, notes, or the storage fault that stopped it."""
    try:
        url = target if isinstance(target, URL) else resolve_url(target)
        return _check(url)
    except e.WorkshopError as exc:
        return CheckReport(fault=exc)
    except (DBAPIError, sqlite3.Error) as exc:
        fault = storage_fault(exc, str(target))
        if fault is None:
            raise  # not the storage's doing: a bug
        return CheckReport(fault=fault)


def _check(url: URL) -> CheckReport:
    notes: list[str] = []
    findings: list[Finding] = []
    path = Path(url.database) if is_sqlite(url) and url.database not in (None, "", ":memory:") else None
    if path is not None:
        refuse_what_is_not_a_database(path)
        notes += read_only_notes(path)
        findings += _disk_full(path)
    try:
        # no quick_check in the probe: the scan runs the full integrity_check (1.7 s of 10 on ten years)
        found = probe(url, quick_check=False)
        # a WAL file in a folder that cannot be written has no shared-memory file to read through
        snapshot = path is not None and (getattr(found, "needs_immutable", False) or (
            not os.access(path.parent, os.W_OK) and not Path(f"{path}-shm").exists() and not _wal_holds_more(path)))
    except (e.CannotOpenDatabase, e.StorageIOError, e.ReadOnlyStorage, e.DiskFull):
        # A read-only folder or a full disk cannot give SQLite its shared-memory file: read the file as
        # it stands (immutable), which is exactly the shop when no write-ahead log holds more.
        if path is None or _wal_holds_more(path):
            raise
        snapshot = True
        found = _probe_snapshot(path)
        notes.append("SQLite could not make its shared-memory file beside the database (read-only folder or full "
                     "disk), so the file was read as it stands.")
    if not found.exists:
        raise e.DatabaseRefused("The database is empty: it holds no Workshop tables.")
    if found.revision is None:
        raise e.DatabaseRefused("The database holds Workshop tables but no schema version, so it cannot be checked.")
    from . import revisions

    head = revisions.head_revision()
    if found.revision not in revisions.known_revisions():
        raise e.NewerSchema(
            f"Schema version {found.revision} is newer than this program (which knows up to {head}): it was "
            "saved by a newer Workshop. Install that version to check it; nothing was changed.")
    with reading(url, immutable=snapshot) as conn:
        if found.revision == head:
            aside = conn.execute(text("SELECT count(*) FROM set_aside_rows")).scalar()
            if aside:
                notes.append(f"{aside} row(s) set aside by an earlier workshop check --repair are kept, with the "
                             "reason, in the table set_aside_rows.")
        if found.revision != head:
            notes.append(f"Schema version {found.revision} is older than {head}; opening it in Workshop upgrades "
                         "it. Only its integrity and links were checked.")
            scan = Scan(integrity=integrity_problems(conn), dangling=[])
            findings = _integrity_findings(scan) + _sqlite_link_findings(conn) + findings
        else:
            findings = findings_of(scan_database(conn)) + findings
    return CheckReport(findings=tuple(findings), notes=tuple(notes), revision=found.revision)


def _disk_full(path: Path) -> list[Finding]:
    """The data can be read on a full disk, but nothing can be saved: that is a problem to report."""
    try:
        free = shutil.disk_usage(path.parent).free
    except OSError:
        return []
    if free >= FULL_BELOW_BYTES:
        return []
    return [Finding("disk_full", f"The disk that holds {path.name} is full ({free // 1024} KB free): Workshop "
                                 "cannot save anything there. Free some space (empty the recycle bin, move old "
                                 "files), then try again.", repairable=False)]


def _wal_holds_more(path: Path) -> bool:
    wal = Path(f"{path}-wal")
    return wal.exists() and wal.stat().st_size > 0


def _probe_snapshot(path: Path):
    """The probe's answer (exists, revision) read from an immutable view of the file."""
    from .connection import APPLICATION_ID
    from .probing import Probe

    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if app_id != APPLICATION_ID:
            raise e.ForeignDatabase(f"{path.name} is not a Workshop database, so it was not opened or changed.",
                                    details=f"application_id={app_id:#x}")
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone() if "alembic_version" in tables \
            else None
        return Probe(exists=True, revision=row[0] if row else None)
    finally:
        conn.close()


# --- running the scans ---------------------------------------------------------------------------


def scan_database(conn: Connection) -> Scan:
    """Everything wrong with a database at the newest schema, as data (repair works from it)."""
    scan = Scan(integrity=integrity_problems(conn))
    if scan.integrity:
        return scan  # damaged pages: what the other queries read cannot be trusted
    scan.dangling = dangling_links(conn)
    scan.orphan_blobs = orphan_blobs(conn)
    scan.counters = counters(conn)
    scan.job_statuses = job_status_mismatches(conn)
    scan.invoice_statuses = invoice_status_mismatches(conn)
    scan.stock = stock_mismatches(conn)
    scan.settings_missing = conn.execute(text("SELECT count(*) FROM shop_settings WHERE id = 1")).scalar() != 1
    return scan


# --- findings in words ---------------------------------------------------------------------------


def _integrity_findings(scan: Scan) -> list[Finding]:
    if not scan.integrity:
        return []
    more = len(scan.integrity) - 5
    shown = "; ".join(scan.integrity[:5]) + (f" (and {more} more)" if more > 0 else "")
    return [Finding("integrity", f"The file is damaged: {shown}. This cannot be repaired in place: restore the "
                                 "newest backup (File ▸ Restore… or workshop restore FILE); without a good backup, "
                                 "workshop check --salvage copies what can still be read into a new file.",
                    repairable=False)]


def _sqlite_link_findings(conn: Connection) -> list[Finding]:
    """Broken links in a database at an older schema (the models describe the newest one)."""
    if conn.dialect.name != "sqlite":
        return []
    return [Finding("broken_link", f"Broken link: a row in {table} (rowid {rowid}) points to a missing row in "
                                   f"{parent}.", repairable=False)
            for table, rowid, parent, _fk in conn.exec_driver_sql("PRAGMA foreign_key_check")]


def findings_of(scan: Scan) -> list[Finding]:
    findings = _integrity_findings(scan)
    for d in scan.dangling:
        findings.append(Finding("broken_link", d.message, repairable=not d.issued))
    if scan.orphan_blobs:
        size = sum(s for _sha, s in scan.orphan_blobs)
        findings.append(Finding(
            "unused_file", f"{len(scan.orphan_blobs)} stored file(s) ({_size(size)}) are used by no attachment, "
                           "photo or logo (harmless, but they take room): "
                           + ", ".join(sha[:12] for sha, _s in scan.orphan_blobs[:5])
                           + (" …" if len(scan.orphan_blobs) > 5 else "") + ".", repairable=True))
    for c in scan.counters:
        for n in c.duplicates:
            findings.append(Finding("duplicate_number", f"The number {c.number(n)} is used more than once.",
                                    repairable=False))
        if c.used and (c.last_value is None or c.last_value < c.highest):
            had = "there is no counter" if c.last_value is None else f"the counter stands at {c.last_value}"
            findings.append(Finding(
                "counter_behind", f"Numbers {c.prefix}-{c.year}: {had} but {c.number(c.highest)} is used, so "
                                  "the next save would take a number already used.", repairable=True))
        gaps = c.gaps if c.invoices or c.purchase_orders or c.job_orders else []
        missing = ", ".join(c.number(n) for n in gaps[:10]) + (" …" if len(gaps) > 10 else "")
        if c.invoices and gaps:
            findings.append(Finding(
                "number_gap", f"Invoice numbers {c.prefix}-{c.year} have a gap: no invoice holds {missing}. Issued "
                              "invoice numbers must run without gaps; this cannot be repaired here (issued documents "
                              "never change): restore a backup that has them, or tell your accountant.",
                repairable=False))
        if c.purchase_orders and gaps:
            findings.append(Finding(
                "number_gap", f"Purchase order numbers {c.prefix}-{c.year} have a gap: no order holds {missing}. An "
                              "order keeps its number even when cancelled, so one was removed: restore a backup that "
                              "has it, or tell your accountant.", repairable=False))
        if c.job_orders and gaps:
            findings.append(Finding(
                "number_gap", f"Job order numbers {c.prefix}-{c.year} have a gap: no order holds {missing}. Orders "
                              "are never deleted, so one was removed: restore a backup that has it.",
                repairable=False))
    for j in scan.job_statuses:
        if j.history_status is None:
            words = f"Job {j.number} is {j.status} but has no status history."
        else:
            words = f"Job {j.number} is {j.status} but its status history ends at {j.history_status}."
        known = valid_job_status(j.status) or (j.history_status is not None and valid_job_status(j.history_status))
        findings.append(Finding("job_status", words, repairable=known))
    for i in scan.invoice_statuses:
        findings.append(Finding("invoice_status", f"Invoice {i.number} is marked {i.status} but its payments and "
                                                  f"credit notes make it {i.expected}.", repairable=True))
    for m in scan.stock:
        findings.append(Finding("stock", m.message, repairable=True))
    if scan.settings_missing:
        findings.append(Finding("settings", "The company settings row is missing.", repairable=True))
    return findings


def valid_job_status(status: str) -> bool:
    return status in {s.value for s in JobStatus}


def _size(n: int) -> str:
    return f"{n / 1048576:.1f} MB" if n >= 1048576 else f"{n / 1024:.0f} KB" if n >= 1024 else f"{n} bytes"
