"""What a restore would lose: the work saved in the shop after a backup was taken.

Counted by comparing what the shop holds now with what the backup holds, record by record (ids): jobs
and bookings (time logs, material issues) the backup lacks, and invoices it lacks or holds in another
state (a draft issued since, a payment recorded since). Clocks play no part, so a demo shop's clock
that runs ahead or a PC's clock set back cannot hide lost work. The backup file itself is only read by
``workshop.db.backup`` (its check, what it holds)."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from sqlalchemy import select

from ..db.backup import BackupInfo, RecordsHeld, check_backup_file, records_held, records_held_in
from ..db.engine import Database
from ..db.models import Job
from ..domain.wording import plural

#: How many numbers of lost jobs and invoices are named; the rest are counted.
NAMED = 5


@dataclass(frozen=True)
class RestoreLoss:
    """The work saved after ``taken_at`` that a restore of that backup would undo."""

    taken_at: dt.datetime
    jobs: int
    invoices: int
    time_logs: int
    material_issues: int
    job_numbers: tuple[str, ...]  # the newest few
    invoice_numbers: tuple[str, ...]  # the newest few with a number (drafts have none)
    clock_ons: int = 0  # scans at the bench: someone clocked on (their closed time is in time_logs)
    purchase_orders: int = 0
    stock_movements: int = 0  # goods in, adjustments, counts, items made for stock (not issues: bookings)

    @property
    def bookings(self) -> int:
        return self.time_logs + self.material_issues

    @property
    def nothing(self) -> bool:
        return not (self.jobs or self.invoices or self.bookings or self.clock_ons or self.purchase_orders
                    or self.stock_movements)

    def summary(self) -> str:
        """One line for the owner: "2 jobs (J-2026-0042, J-2026-0043), 1 invoice and 5 bookings"."""
        if self.nothing:
            return "nothing: no jobs, invoices or bookings were saved after it"

        def named(count: int, word: str, numbers: tuple[str, ...]) -> str:
            text = plural(count, word)
            if numbers:
                more = ", …" if count > len(numbers) else ""
                text += f" ({', '.join(numbers)}{more})"
            return text

        parts = [named(self.jobs, "job", self.job_numbers), named(self.invoices, "invoice", self.invoice_numbers),
                 plural(self.bookings, "booking")]
        if self.clock_ons:  # only said when there are: most shops never scan
            parts.append(plural(self.clock_ons, "clock-on") + " at the bench")
        if self.purchase_orders:  # only said when there are, like clock-ons
            parts.append(plural(self.purchase_orders, "purchase order"))
        if self.stock_movements:
            parts.append(plural(self.stock_movements, "stock movement"))
        return f"{', '.join(parts[:-1])} and {parts[-1]}"


def what_restore_loses(db: Database, held: RecordsHeld, taken_at: dt.datetime) -> RestoreLoss:
    """Jobs, invoices and bookings the shop holds now that a backup holding ``held`` (taken at
    ``taken_at``) lacks; an invoice counts too when the backup has it in another state."""
    with db.reader() as s:
        now = records_held(s)
        lost_jobs = sorted(now.jobs - held.jobs, reverse=True)
        lost_invoices = sorted((i for i, state in now.invoices.items() if held.invoices.get(i) != state),
                               reverse=True)
        job_numbers = s.scalars(select(Job.number).where(Job.id.in_(lost_jobs[:NAMED]))
                                .order_by(Job.id.desc())).all()
        issued = [now.invoices[i][0] for i in lost_invoices if now.invoices[i][0] is not None]
        return RestoreLoss(taken_at=taken_at, jobs=len(lost_jobs), invoices=len(lost_invoices),
                           time_logs=len(now.time_logs - held.time_logs),
                           material_issues=len(now.material_issues - held.material_issues),
                           job_numbers=tuple(job_numbers), invoice_numbers=tuple(issued[:NAMED]),
                           clock_ons=len(now.clock_ons - held.clock_ons),
                           purchase_orders=len(now.purchase_orders - held.purchase_orders),
                           stock_movements=len(now.stock_movements - held.stock_movements))


def check_and_measure(db: Database, backup_path: os.PathLike | str) -> tuple[BackupInfo, RestoreLoss]:
    """Check a file offered for restore (refusing a foreign, damaged, empty or newer one) and say
    what restoring it would lose."""
    info = check_backup_file(backup_path)
    return info, what_restore_loses(db, records_held_in(info.path), info.taken_at)


def human_size(size: int) -> str:
    """``532 KB``, ``1.4 MB``: a file's size for the owner (decimal units, as file managers show)."""
    if size < 1000:
        return f"{size} bytes"
    for unit in ("KB", "MB", "GB"):
        size /= 1000
        if size < 999.5 or unit == "GB":
            return f"{size:.0f} {unit}" if size >= 100 or unit == "KB" else f"{size:.1f} {unit}"
    raise AssertionError  # pragma: no cover
