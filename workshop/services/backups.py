"""What a restore would lose: the work saved in the shop after a backup was taken.

Counted from the records' own timestamps in the current database (a job's and an invoice's
``created_at``, a time log's ``booked_at``, a material issue's ``issued_at``) against the backup's
time, or against the newest such timestamp inside the backup when that is later (a demo shop's clock,
a PC's clock set back): what the backup holds is never counted as lost. The backup file itself is
only read by ``workshop.db.backup`` (its check, its time, its newest record)."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, replace

from sqlalchemy import func, select

from ..db.backup import BackupInfo, check_backup_file, newest_record_time
from ..db.engine import Database
from ..db.models import Invoice, Job, MaterialIssue, TimeLog
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
    invoice_numbers: tuple[str, ...]  # the newest few issued ones (drafts have no number)

    @property
    def bookings(self) -> int:
        return self.time_logs + self.material_issues

    @property
    def nothing(self) -> bool:
        return not (self.jobs or self.invoices or self.bookings)

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
        return f"{', '.join(parts[:-1])} and {parts[-1]}"


def what_restore_loses(db: Database, taken_at: dt.datetime) -> RestoreLoss:
    """Jobs, invoices and bookings (time logs and material issues) saved after ``taken_at``."""
    with db.reader() as s:
        def count(column) -> int:
            return s.scalar(select(func.count()).where(column > taken_at)) or 0

        job_numbers = s.scalars(select(Job.number).where(Job.created_at > taken_at)
                                .order_by(Job.created_at.desc(), Job.id.desc()).limit(NAMED)).all()
        invoice_numbers = s.scalars(select(Invoice.number).where(Invoice.created_at > taken_at,
                                                                 Invoice.number.is_not(None))
                                    .order_by(Invoice.created_at.desc(), Invoice.id.desc()).limit(NAMED)).all()
        return RestoreLoss(taken_at=taken_at, jobs=count(Job.created_at), invoices=count(Invoice.created_at),
                           time_logs=count(TimeLog.booked_at), material_issues=count(MaterialIssue.issued_at),
                           job_numbers=tuple(job_numbers), invoice_numbers=tuple(invoice_numbers))


def check_and_measure(db: Database, backup_path: os.PathLike | str) -> tuple[BackupInfo, RestoreLoss]:
    """Check a file offered for restore (refusing a foreign, damaged, empty or newer one) and say
    what restoring it would lose."""
    info = check_backup_file(backup_path)
    held_until = max(filter(None, (info.taken_at, newest_record_time(info.path))))
    loss = what_restore_loses(db, held_until)
    return info, replace(loss, taken_at=info.taken_at)


def human_size(size: int) -> str:
    """``532 KB``, ``1.4 MB``: a file's size for the owner (decimal units, as file managers show)."""
    if size < 1000:
        return f"{size} bytes"
    for unit in ("KB", "MB", "GB"):
        size /= 1000
        if size < 999.5 or unit == "GB":
            return f"{size:.0f} {unit}" if size >= 100 or unit == "KB" else f"{size:.1f} {unit}"
    raise AssertionError  # pragma: no cover
