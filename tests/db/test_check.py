"""check_report: each broken state built for real, then named in plain words with the right exit code.

Links pointing nowhere are written with SQLite's foreign keys off (PostgreSQL enforces them always, so
those tests run on SQLite only); the other checks are the same queries on both and run on both."""

from __future__ import annotations

import datetime as dt
import sqlite3
from decimal import Decimal

from support.hand_edits import raw_sqlite, run
from support.invoicing import issued_manual, with_billing_address
from workshop.db import migrate
from workshop.db.check import check_database, check_report
from workshop.db.check_scans import numbered_tables
from workshop.db.engine import resolve_url
from workshop.db.revisions import head_revision
from workshop.services import attachments, jobs, payments


def messages(db) -> list[str]:
    return check_database(db.url)


def test_a_working_shop_is_healthy(db, shop, today):
    """A job moved on, a file attached, an invoice part paid: everything agrees."""
    jobs.change_status(db, shop.job.id, "release")
    attachments.add_to_job(db, shop.job.id, "drawing.pdf", b"%PDF-1.4 drawing")
    shop = with_billing_address(db, shop)
    invoice = issued_manual(db, shop)
    payments.record_payment(db, invoice.id, paid_on=today, amount="500.00", method="bank_transfer")
    report = check_report(db.url)
    assert (report.findings, report.fault, report.exit_code) == ((), None, 0)
    assert messages(db) == []


def test_every_numbered_table_is_looked_at():
    assert {t.name for t in numbered_tables()} == {"briefs", "quotes", "jobs", "invoices", "nonconformances",
                                                   "aftercare_tickets", "purchase_orders", "job_orders"}


def test_a_link_to_a_missing_row_names_the_row(db, shop):
    job_id = shop.job.id
    raw_sqlite(db, f"UPDATE jobs SET customer_id = 9999 WHERE id = {job_id}")
    report = check_report(db.url)
    assert report.problems == [f"Broken link: jobs {job_id} has customer_id = 9999, but there is no such row in "
                               "customers."]
    assert report.exit_code == 1
    assert report.findings[0].repairable


def test_a_link_from_an_issued_invoice_is_named_as_not_repairable(db, shop):
    shop = with_billing_address(db, shop)
    invoice = issued_manual(db, shop)
    raw_sqlite(db, f"UPDATE invoices SET customer_id = 9999 WHERE id = {invoice.id}")
    [finding] = check_report(db.url).findings
    assert finding.message == (
        f"Broken link: invoices {invoice.id} has customer_id = 9999, but there is no such row in customers. It "
        f"cannot be set aside: issued invoice(s) {invoice.number} depend on it (issued documents never change). "
        "Restore a backup that has the missing row.")
    assert not finding.repairable


def test_bytes_nothing_uses_any_more(db, shop):
    """Removing a job's file takes its bytes with it; bytes nothing uses (written by hand, or left by an
    older version) are found."""
    view = attachments.add_to_job(db, shop.job.id, "drawing.pdf", b"%PDF-1.4 drawing")
    assert messages(db) == []
    attachments.remove_attachment(db, view.id)
    assert messages(db) == []
    run(db, "INSERT INTO attachment_blobs (sha256, size, data) VALUES (:sha, 3, :data)", sha="ab" * 32,
        data=b"\x01\x02\x03")
    run(db, "INSERT INTO attachment_blobs (sha256, size, data) VALUES (:sha, 16, :data)", sha="cd" * 32,
        data=b"%PDF-1.4 drawing")
    assert messages(db) == ["2 stored file(s) (19 bytes) are used by no attachment, photo or logo (harmless, but "
                            "they take room): abababababab, cdcdcdcdcdcd."]


def test_a_counter_behind_the_numbers_it_gave(db, shop, today):
    year = today.year
    jobs.create_job(db, customer_id=shop.customer.id, title="Second", due_date=today + dt.timedelta(days=9))
    run(db, f"UPDATE number_sequences SET last_value = 1 WHERE prefix = 'J' AND year = {year}")
    assert messages(db) == [f"Numbers J-{year}: the counter stands at 1 but J-{year}-0002 is used, so the next "
                            "save would take a number already used."]
    run(db, f"DELETE FROM number_sequences WHERE prefix = 'J' AND year = {year}")
    assert messages(db) == [f"Numbers J-{year}: there is no counter but J-{year}-0002 is used, so the next save "
                            "would take a number already used."]


def test_gaps_in_invoice_numbers_and_numbers_used_twice(db, shop):
    shop = with_billing_address(db, shop)
    first, second, third = (issued_manual(db, shop) for _ in range(3))
    year = 2026  # support.invoicing issues on 10 March 2026
    assert [first.number, third.number] == [f"INV-{year}-0001", f"INV-{year}-0003"]
    run(db, f"DELETE FROM invoice_lines WHERE invoice_id = {second.id}", f"DELETE FROM invoices WHERE id = {second.id}",
        f"UPDATE number_sequences SET last_value = 4 WHERE prefix = 'INV' AND year = {year}")
    report = check_report(db.url)
    assert report.problems == [
        f"Invoice numbers INV-{year} have a gap: no invoice holds INV-{year}-0002, INV-{year}-0004. Issued invoice "
        "numbers must run without gaps; this cannot be repaired here (issued documents never change): restore a "
        "backup that has them, or tell your accountant."]
    assert [f.repairable for f in report.findings] == [False]
    # A job numbered like an invoice (a hand edit) uses INV-2026-0001 a second time.
    run(db, f"UPDATE jobs SET number = 'INV-{year}-0001' WHERE id = {shop.job.id}")
    assert f"The number INV-{year}-0001 is used more than once." in messages(db)


def test_a_job_status_against_its_history(db, shop):
    jobs.change_status(db, shop.job.id, "release")
    number = shop.job.number
    run(db, f"DELETE FROM job_status_history WHERE id = (SELECT max(id) FROM job_status_history "
            f"WHERE job_id = {shop.job.id})")
    assert messages(db) == [f"Job {number} is released but its status history ends at planned."]
    run(db, f"DELETE FROM job_status_history WHERE job_id = {shop.job.id}")
    assert messages(db) == [f"Job {number} is released but has no status history."]


def test_an_invoice_status_against_its_payments(db, shop, today):
    shop = with_billing_address(db, shop)
    invoice = issued_manual(db, shop)
    payments.record_payment(db, invoice.id, paid_on=today, amount=Decimal("1757.48"), method="bank_transfer")
    assert messages(db) == []
    run(db, f"UPDATE invoices SET status = 'part_paid' WHERE id = {invoice.id}")
    assert messages(db) == [f"Invoice {invoice.number} is marked part_paid but its payments and credit notes make "
                            "it paid."]


def test_the_settings_row(db):
    run(db, "DELETE FROM shop_settings")
    assert messages(db) == ["The company settings row is missing."]


def test_damaged_pages_exit_as_a_damaged_file(db, shop):
    raw_sqlite(db)  # skips on PostgreSQL: pages are SQLite's
    path = db.url.database
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'ix_jobs_status'").fetchone()[0]
    conn.close()
    with open(path, "r+b") as file:  # scribble over an index's page, past its header
        file.seek((root - 1) * page_size + 8)
        file.write(b"\xff" * 200)
    report = check_report(db.url)
    assert report.exit_code == 6
    assert "damaged" in report.problems[0]


def test_an_older_schema_is_checked_for_integrity_and_links_only(tmp_path):
    path = tmp_path / "old.db"
    migrate.upgrade(resolve_url(path), "0009")
    report = check_report(path)
    assert (report.findings, report.exit_code) == ((), 0)
    assert report.notes == (f"Schema version 0009 is older than {head_revision()}; opening it in Workshop upgrades "
                            "it. Only its integrity and links were checked.",)
