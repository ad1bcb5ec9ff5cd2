"""workshop check --repair: what it moves aside, what it fixes, what it leaves, all in one transaction
after a backup; a second run changes nothing."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest
from sqlalchemy import text

from support.damage import scribble_root_page
from support.hand_edits import raw_sqlite, run
from support.invoicing import issued_manual, with_billing_address
from workshop.db import repair as repair_module
from workshop.db.check import check_database
from workshop.db.repair import repair_database
from workshop.db.salvage import salvage_database
from workshop.db.search_index import index_tables
from workshop.domain.errors import DamagedDatabase
from workshop.services import attachments, bom, jobs, routing


def dump(path) -> str:
    conn = sqlite3.connect(path)
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()


def set_aside(db) -> list[tuple[str, str, dict, str]]:
    with db.engine.connect() as conn:
        rows = conn.execute(text("SELECT table_name, row_id, row_json, reason FROM set_aside_rows ORDER BY id"))
        return [(t, r, json.loads(j), why) for t, r, j, why in rows]


def test_a_job_whose_customer_is_gone_is_set_aside_with_what_hangs_off_it(db, shop, today, tmp_path):
    job_id, number = shop.job.id, shop.job.number
    operation = routing.add_operation(db, job_id, name="Cut", workstation_id=shop.saw.id)
    line = bom.add_line(db, job_id, material_id=shop.oak.id, quantity="2", operation_id=operation)
    attachments.add_to_job(db, job_id, "drawing.pdf", b"%PDF-1.4 drawing")
    raw_sqlite(db, f"UPDATE jobs SET customer_id = 9999 WHERE id = {job_id}")
    before = dump(db.url.database)

    result = repair_database(db.url)

    # the job, its history row, operation, BOM line and attachment; then the drawing's bytes nothing uses
    assert result.fixed == {"dependent_row": 4, "broken_link": 1, "unused_file": 1}
    assert result.lines() == ["1 rows with a broken link set aside", "4 rows set aside with them (they hung off "
                              "those rows)", "1 unused stored files set aside"]
    assert result.not_repaired == ()
    assert check_database(db.url) == []
    # The backup holds the shop as it was, broken link and all.
    assert result.backup is not None and result.backup.parent == tmp_path / "backups"
    assert dump(result.backup) == before
    aside = set_aside(db)
    # children before their parent, the job; the bytes last (nothing used them once the attachment went)
    assert [(t, r) for t, r, _row, _why in aside] == [
        ("operations", str(operation)), ("job_status_history", "1"), ("bom_items", str(line)), ("attachments", "1"),
        ("jobs", str(job_id)), ("attachment_blobs", aside[-1][1])]
    job_row, reason = aside[4][2], aside[4][3]
    assert (job_row["number"], job_row["customer_id"], reason) == (number, 9999, "Its customer_id = 9999 pointed "
                                                                                  "to no row in customers.")
    assert aside[3][3] == (f"It hung off jobs {job_id}, set aside: its customer_id = 9999 pointed to no row in "
                           "customers.")
    assert aside[-1][2]["data"] == {"base64": "JVBERi0xLjQgZHJhd2luZw=="}  # the file's bytes, kept
    with db.engine.connect() as conn:
        assert conn.execute(text(f"SELECT count(*) FROM jobs WHERE id = {job_id}")).scalar() == 0

    # A second run changes nothing: not a byte.
    after = dump(db.url.database)
    second = repair_database(db.url)
    assert (second.fixed, second.not_repaired, second.backup) == ({}, (), None)
    assert dump(db.url.database) == after


def test_a_set_null_link_is_cleared_and_the_row_kept(db, shop):
    line = bom.add_line(db, shop.job.id, description="Oak", quantity="1")
    raw_sqlite(db, f"UPDATE bom_items SET operation_id = 777 WHERE id = {line}")
    result = repair_database(db.url)
    assert result.fixed == {"link_cleared": 1}
    [(table, row_id, row, reason)] = set_aside(db)
    assert (table, row_id, row["operation_id"], reason) == (
        "bom_items", str(line), 777, "Kept; its operation_id = 777 was cleared: there is no such row in operations.")
    with db.engine.connect() as conn:
        assert conn.execute(text(f"SELECT operation_id, description FROM bom_items WHERE id = {line}")).one() \
            == (None, "Oak")
    assert check_database(db.url) == []


def test_an_issued_invoice_is_never_set_aside(db, shop):
    shop = with_billing_address(db, shop)
    invoice = issued_manual(db, shop)
    raw_sqlite(db, f"UPDATE invoices SET customer_id = 9999 WHERE id = {invoice.id}")
    before = dump(db.url.database)
    result = repair_database(db.url)
    assert (result.fixed, result.backup) == ({}, None)  # nothing it may do: no backup either
    assert result.not_repaired == (
        f"Broken link: invoices {invoice.id} has customer_id = 9999, but there is no such row in customers. It "
        f"cannot be set aside: issued invoice(s) {invoice.number} depend on it (issued documents never change). "
        "Restore a backup that has the missing row.",)
    assert dump(db.url.database) == before


def test_counters_histories_statuses_and_settings(db, shop, today):
    """The portable repairs (SQLite and PostgreSQL alike)."""
    year = today.year
    jobs.create_job(db, customer_id=shop.customer.id, title="Second", due_date=today + dt.timedelta(days=9))
    jobs.change_status(db, shop.job.id, "release")
    shop = with_billing_address(db, shop)
    invoice = issued_manual(db, shop)
    run(db, f"UPDATE number_sequences SET last_value = 0 WHERE prefix = 'J' AND year = {year}",
        f"DELETE FROM job_status_history WHERE id = (SELECT max(id) FROM job_status_history WHERE job_id = "
        f"{shop.job.id})",
        f"UPDATE invoices SET status = 'paid' WHERE id = {invoice.id}",
        "DELETE FROM shop_settings")
    result = repair_database(db.url, clock=lambda: dt.datetime(2026, 12, 1, 3, 0, tzinfo=dt.UTC))
    assert result.fixed == {"counter_behind": 1, "job_status": 1, "invoice_status": 1, "settings": 1}
    assert result.not_repaired == ()
    assert check_database(db.url) == []
    with db.engine.connect() as conn:
        assert conn.execute(text(f"SELECT last_value FROM number_sequences WHERE prefix = 'J' AND year = {year}")
                            ).scalar() == 2
        assert conn.execute(text(f"SELECT from_status, to_status, reason FROM job_status_history WHERE job_id = "
                                 f"{shop.job.id} ORDER BY id DESC")).first() == (
            "planned", "released", "Recorded by workshop check --repair: the job was released but its history "
                                   "ended at planned.")
        assert conn.execute(text(f"SELECT status FROM invoices WHERE id = {invoice.id}")).scalar() == "issued"
        assert conn.execute(text("SELECT company_name FROM shop_settings WHERE id = 1")).scalar() == "My Workshop"
    reasons = [(t, why) for t, _r, _row, why in set_aside(db)]
    assert reasons == [("number_sequences", f"Counter raised from 0 to 2: J-{year}-0002 is used."),
                       ("invoices", "Status set from paid to issued, as its payments and credit notes make it.")]
    again = repair_database(db.url)
    assert (again.fixed, again.not_repaired) == ({}, ())


def test_a_status_the_program_does_not_know_is_set_back_to_the_history(db, shop):
    run(db, f"UPDATE jobs SET status = 'lost' WHERE id = {shop.job.id}")
    assert check_database(db.url) == [f"Job {shop.job.number} is lost but its status history ends at planned."]
    assert repair_database(db.url).fixed == {"job_status": 1}
    with db.engine.connect() as conn:
        assert conn.execute(text(f"SELECT status FROM jobs WHERE id = {shop.job.id}")).scalar() == "planned"


def test_all_or_nothing(db, shop, monkeypatch):
    """A failure half-way (here after the links were set aside) leaves the shop exactly as it was."""
    raw_sqlite(db, f"UPDATE jobs SET customer_id = 9999 WHERE id = {shop.job.id}",
               "UPDATE number_sequences SET last_value = 0")
    before = dump(db.url.database)

    def fail(self, scan):
        raise OSError("the disk went away")

    monkeypatch.setattr(repair_module._Fixer, "rest", fail)
    with pytest.raises(OSError):
        repair_database(db.url)
    assert dump(db.url.database) == before


def test_damaged_pages_are_not_repaired_in_place(db, shop):
    raw_sqlite(db)
    path = db.url.database
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'ix_jobs_status'").fetchone()[0]
    conn.close()
    with open(path, "r+b") as file:
        file.seek((root - 1) * page_size + 8)
        file.write(b"\xff" * 200)
    before = open(path, "rb").read()
    with pytest.raises(DamagedDatabase) as info:
        repair_database(db.url)
    assert "damaged" in info.value.message and "restore" in info.value.message.lower()
    assert open(path, "rb").read() == before


# --- salvage: what a damaged file still lets be read, into a new file ---------------------------


def counts(path) -> dict[str, int]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                                            "'sqlite_%' AND name != 'alembic_version'")]
        return {n: conn.execute(f'SELECT count(*) FROM "{n}" NOT INDEXED').fetchone()[0] for n in names
                if n not in index_tables()}  # the job search's index: not copied, made again by its triggers
    finally:
        conn.close()


def test_salvage_copies_every_row_past_a_damaged_index(db, shop, tmp_path):
    raw_sqlite(db)
    path = db.url.database
    before = counts(path)
    scribble_root_page(path, "ix_jobs_status")
    damaged = open(path, "rb").read()
    result = salvage_database(path, tmp_path / "copy.db")
    assert result.path == tmp_path / "copy.db" and not result.lost_somewhere
    assert {t.table: t.copied for t in result.tables} == before
    assert check_database(result.path) == []
    assert open(path, "rb").read() == damaged  # the damaged file is never changed


def test_salvage_says_what_a_damaged_table_lost(db, shop, tmp_path):
    raw_sqlite(db)
    path = db.url.database
    before = counts(path)
    scribble_root_page(path, "jobs")  # the jobs table's only page: its one job is lost
    result = salvage_database(path, tmp_path / "copy.db")
    lost = [t for t in result.tables if t.stopped]
    assert [(t.table, t.copied, t.skipped_from) for t in lost] == [("jobs", 0, (0,))]
    assert {t.table: t.copied for t in result.tables} == {**before, "jobs": 0}
    # what hung off the lost job shows as broken links, which repair sets aside
    job_id = shop.job.id
    assert f"Broken link: job_status_history 1 has job_id = {job_id}, but there is no such row in jobs." \
        in check_database(result.path)
    assert repair_database(result.path).fixed == {"broken_link": 1}
    assert check_database(result.path) == []
