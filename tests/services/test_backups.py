"""What a restore would lose: the jobs, invoices and bookings saved after the backup's time, counted by
hand from records made at known moments."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from support.invoicing import issued_manual, manual_draft, with_billing_address
from workshop.db.backup import make_backup
from workshop.domain.errors import DamagedDatabase, EmptyDatabaseFile
from workshop.services import bookings, jobs, routing
from workshop.services.backups import RestoreLoss, check_and_measure, human_size, what_restore_loses

MON_9 = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)


def _at(db, moment: dt.datetime) -> None:
    db.clock = lambda: moment


def test_only_what_was_saved_after_the_backup_is_counted(db, shop, today):
    # The shop fixture's job was saved at the real "now"; put the backup after it, then work on.
    backup_time = db.now() + dt.timedelta(hours=1)
    cut = routing.add_operation(db, shop.job.id, name="Cut panels", workstation_id=shop.saw.id, run_minutes="20")
    jobs.change_status(db, shop.job.id, "release")
    bookings.log_time(db, cut, shop.anna.id, minutes="30", booked_at=backup_time - dt.timedelta(minutes=1))
    bookings.log_time(db, cut, shop.anna.id, minutes="45", booked_at=backup_time + dt.timedelta(minutes=1))
    bookings.issue_material(db, shop.job.id, material_id=shop.oak.id, quantity="2",
                            issued_at=backup_time + dt.timedelta(hours=2))
    bookings.issue_material(db, shop.job.id, material_id=shop.oak.id, quantity="1",
                            issued_at=backup_time - dt.timedelta(hours=2))
    _at(db, backup_time + dt.timedelta(hours=3))
    second = jobs.create_job(db, customer_id=shop.customer.id, title="Hall bench", due_date=today)
    third = jobs.create_job(db, customer_id=shop.customer.id, title="Shoe rack", due_date=today)
    with_billing_address(db, shop)
    draft = manual_draft(db, shop)  # a draft counts as an invoice saved, though it has no number yet
    issued = issued_manual(db, shop)

    loss = what_restore_loses(db, backup_time)
    assert loss == RestoreLoss(taken_at=backup_time, jobs=2, invoices=2, time_logs=1, material_issues=1,
                               job_numbers=(third.number, second.number), invoice_numbers=(issued.number,))
    assert loss.bookings == 2 and not loss.nothing
    # The draft has no number to name: "…" stands for it.
    assert loss.summary() == (f"2 jobs ({third.number}, {second.number}), 2 invoices ({issued.number}, …) "
                              "and 2 bookings")
    assert draft.number is None

    # Just before the first job was saved: it counts too, and the time booked a minute before the backup;
    # the oak issued (back-dated) two hours before the backup, an hour before the job, does not.
    early = what_restore_loses(db, shop.job.created_at - dt.timedelta(seconds=1))
    assert (early.jobs, early.invoices, early.time_logs, early.material_issues) == (3, 2, 2, 1)
    # After everything: nothing.
    late = what_restore_loses(db, backup_time + dt.timedelta(days=1))
    assert late.nothing and late.summary() == "nothing: no jobs, invoices or bookings were saved after it"


def test_only_five_numbers_are_named(db, shop, today):
    before = shop.job.created_at - dt.timedelta(seconds=1)
    made = [jobs.create_job(db, customer_id=shop.customer.id, title=f"Stool {n}", due_date=today) for n in range(6)]
    loss = what_restore_loses(db, before)
    assert loss.jobs == 7
    # Jobs saved in the same second come newest id first.
    assert loss.job_numbers == tuple(j.number for j in reversed(made[1:]))
    assert loss.summary().startswith(f"7 jobs ({made[5].number}, {made[4].number}, {made[3].number}, "
                                     f"{made[2].number}, {made[1].number}, …), 0 invoices and 0 bookings")


def test_a_file_offered_for_restore_is_checked_and_measured(db, shop, tmp_path):
    from pathlib import Path

    if not db.url.get_backend_name() == "sqlite":
        pytest.skip("backups of a server database are pg_dump's")
    backup = make_backup(Path(db.url.database), tmp_path / "copy.db", now=shop.job.created_at - dt.timedelta(hours=1))
    info, loss = check_and_measure(db, backup.path)
    assert info.kind == "file" and info.size == backup.size  # a file of its own name: its modification time
    assert loss.taken_at == info.taken_at
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    with pytest.raises(EmptyDatabaseFile):
        check_and_measure(db, empty)
    cut = tmp_path / "cut.db"
    shutil.copyfile(backup.path, cut)
    with open(cut, "r+b") as f:
        f.truncate(backup.size // 2)
    with pytest.raises(DamagedDatabase):
        check_and_measure(db, cut)


@pytest.mark.parametrize("size, text", [(0, "0 bytes"), (999, "999 bytes"), (1000, "1 KB"), (942_080, "942 KB"),
                                        (1_499_999, "1.5 MB"), (99_940_000, "99.9 MB"), (104_857_600, "105 MB"),
                                        (2_147_483_648, "2.1 GB")])
def test_sizes_read_as_a_file_manager_shows_them(size, text):
    assert human_size(size) == text


def test_what_the_backup_holds_is_never_counted_as_lost(db, shop, today, tmp_path):
    """A backup whose own time is earlier than records it holds (a demo shop's clock runs ahead, a PC's
    clock was set back): counted from its newest record instead."""
    from pathlib import Path

    if not db.url.get_backend_name() == "sqlite":
        pytest.skip("backups of a server database are pg_dump's")
    _at(db, shop.job.created_at + dt.timedelta(hours=5))  # the shop's clock runs five hours ahead
    ahead = jobs.create_job(db, customer_id=shop.customer.id, title="Hall bench", due_date=today)
    backup = make_backup(Path(db.url.database), tmp_path / "copy.db", now=shop.job.created_at + dt.timedelta(hours=1))
    _at(db, shop.job.created_at + dt.timedelta(hours=6))
    after = jobs.create_job(db, customer_id=shop.customer.id, title="Shoe rack", due_date=today)
    assert what_restore_loses(db, backup.taken_at).jobs == 2  # by the backup's time alone: wrong
    info, loss = check_and_measure(db, backup.path)
    assert (loss.jobs, loss.job_numbers) == (1, (after.number,))  # Hall bench is in the backup
    assert loss.taken_at == info.taken_at  # the backup's own time is what the owner is shown
    assert ahead.number not in loss.job_numbers
