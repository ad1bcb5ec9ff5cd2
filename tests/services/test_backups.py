"""What a restore would lose: the jobs, invoices and bookings the backup lacks (or holds in another
state), counted by hand."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from support.bench_floor import released_job
from support.invoicing import issued_manual, manual_draft, with_billing_address
from workshop.db.backup import RecordsHeld, make_backup, records_held
from workshop.domain.errors import DamagedDatabase, EmptyDatabaseFile
from workshop.domain.scan_codes import operation_code
from workshop.services import bookings, clocking, invoices, jobs, routing
from workshop.services.backups import RestoreLoss, check_and_measure, human_size, what_restore_loses

MON_9 = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)


def _at(db, moment: dt.datetime) -> None:
    db.clock = lambda: moment


def _held(db):
    """What the shop holds at this moment: what a backup taken now would hold."""
    with db.reader() as s:
        return records_held(s)


def test_only_what_the_backup_lacks_is_counted(db, shop, today):
    cut = routing.add_operation(db, shop.job.id, name="Cut panels", workstation_id=shop.saw.id, run_minutes="20")
    jobs.change_status(db, shop.job.id, "release")
    bookings.log_time(db, cut, shop.anna.id, minutes="30")
    bookings.issue_material(db, shop.job.id, material_id=shop.oak.id, quantity="1")
    with_billing_address(db, shop)
    kept_draft = manual_draft(db, shop)
    kept_issued = issued_manual(db, shop)
    held = _held(db)  # the backup
    # Work after it, back-dated an hour: dates do not matter, what the backup holds does.
    bookings.log_time(db, cut, shop.anna.id, minutes="45", booked_at=db.now() - dt.timedelta(hours=1))
    bookings.issue_material(db, shop.job.id, material_id=shop.oak.id, quantity="2")
    second = jobs.create_job(db, customer_id=shop.customer.id, title="Hall bench", due_date=today)
    third = jobs.create_job(db, customer_id=shop.customer.id, title="Shoe rack", due_date=today)
    issued_since = invoices.issue(db, kept_draft.id, issue_date=today)  # a draft in the backup, issued since
    new_draft = manual_draft(db, shop)  # a draft counts as an invoice saved, though it has no number yet
    new_issued = issued_manual(db, shop)

    loss = what_restore_loses(db, held, MON_9)
    # Lost: the two jobs, three invoices (the issue of the old draft, the new draft, the new invoice) and
    # one booking of each kind; the invoice issued before the backup and the first bookings are in it.
    assert loss == RestoreLoss(taken_at=MON_9, jobs=2, invoices=3, time_logs=1, material_issues=1,
                               job_numbers=(third.number, second.number),
                               invoice_numbers=(new_issued.number, issued_since.number))
    assert kept_issued.number not in loss.invoice_numbers and new_draft.number is None
    assert loss.bookings == 2 and not loss.nothing
    # The new draft has no number to name: "…" stands for it.
    assert loss.summary() == (f"2 jobs ({third.number}, {second.number}), 3 invoices ({new_issued.number}, "
                              f"{issued_since.number}, …) and 2 bookings")

    # Measured against what it holds now: nothing.
    late = what_restore_loses(db, _held(db), MON_9)
    assert late.nothing and late.summary() == "nothing: no jobs, invoices or bookings were saved after it"
    # Against a backup of an empty shop: everything, the sample job too.
    empty = what_restore_loses(db, RecordsHeld(), MON_9)
    assert (empty.jobs, empty.invoices, empty.time_logs, empty.material_issues) == (3, 4, 2, 2)


def test_scans_at_the_bench_since_the_backup_are_counted(db, shop):
    # Anna clocked on to the cut after the backup and is still on it: nothing booked yet (a segment
    # becomes a booking when it closes), but the restore would forget she is at work.
    released_job(db, shop, operations=1)
    held = _held(db)
    clocking.scan(db, operation_code(shop.job.number, 10), shop.anna.id)
    loss = what_restore_loses(db, held, MON_9)
    assert (loss.clock_ons, loss.bookings, loss.nothing) == (1, 0, False)
    assert loss.summary() == "0 jobs, 0 invoices, 0 bookings and 1 clock-on at the bench"
    assert what_restore_loses(db, _held(db), MON_9).nothing


def test_only_five_numbers_are_named(db, shop, today):
    held = _held(db)
    made = [jobs.create_job(db, customer_id=shop.customer.id, title=f"Stool {n}", due_date=today) for n in range(6)]
    loss = what_restore_loses(db, held, MON_9)
    assert loss.jobs == 6
    assert loss.job_numbers == tuple(j.number for j in reversed(made[1:]))  # newest first
    assert loss.summary().startswith(f"6 jobs ({made[5].number}, {made[4].number}, {made[3].number}, "
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


def test_what_the_backup_holds_is_never_counted_as_lost(db, shop, tmp_path):
    """A backup whose own time is earlier than records it holds (a demo shop's clock runs ahead, a PC's
    clock was set back) or later than records it lacks (a clock running behind): what it holds decides."""
    from pathlib import Path

    if not db.url.get_backend_name() == "sqlite":
        pytest.skip("backups of a server database are pg_dump's")
    _at(db, shop.job.created_at + dt.timedelta(hours=5))  # the shop's clock runs five hours ahead
    # due on the shop's own today: five hours ahead is tomorrow from 19:00 UTC (it failed in the evening)
    ahead = jobs.create_job(db, customer_id=shop.customer.id, title="Hall bench", due_date=db.today())
    backup = make_backup(Path(db.url.database), tmp_path / "copy.db", now=shop.job.created_at + dt.timedelta(hours=1))
    _at(db, shop.job.created_at - dt.timedelta(days=1))  # and now a day behind
    after = jobs.create_job(db, customer_id=shop.customer.id, title="Shoe rack", due_date=db.today())
    info, loss = check_and_measure(db, backup.path)
    assert (loss.jobs, loss.job_numbers) == (1, (after.number,))  # Hall bench is in the backup
    assert loss.taken_at == info.taken_at  # the backup's own time is what the owner is shown
    assert ahead.number not in loss.job_numbers
