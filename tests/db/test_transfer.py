"""``workshop migrate-to``: a whole shop copied into an empty database in one checked transaction
(db/transfer.py). File to file here, the target file held by its writer lock meanwhile (another program
cannot open it half made; one open in another Workshop is refused); file to server and back in
test_transfer_server.py."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from support.model_rows import model_rows

from workshop.cli import main
from workshop.db import migrate, transfer
from workshop.db.base import Base
from workshop.db.engine import open_database, resolve_url
from workshop.domain.errors import ShopInUse, WorkshopError
from workshop.services import customers, invoice_views, job_costing

TODAY = "2026-11-21"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def costs_and_totals(path: Path) -> tuple[dict, dict]:
    """What the services read: every job's actual cost, every invoice's totals."""
    db = open_database(path)
    try:
        with db.reader() as s:
            job_ids = s.connection().exec_driver_sql("SELECT id FROM jobs ORDER BY id").scalars().all()
            invoice_ids = s.connection().exec_driver_sql("SELECT id FROM invoices ORDER BY id").scalars().all()
        return ({i: job_costing.actual_job_cost(db, i) for i in job_ids},
                {i: invoice_views.get_invoice(db, i).totals for i in invoice_ids})
    finally:
        db.close()


@pytest.fixture(scope="module")
def demo(tmp_path_factory, demo_copy) -> Path:
    """The module's own copy of ``workshop demo --today TODAY``; never written (the tests copy from it)."""
    return demo_copy(tmp_path_factory.mktemp("transfer") / "demo.db", TODAY)


@pytest.fixture
def empty_shop(tmp_path, migrated_template) -> Path:
    """A new database at the newest revision: only what the migrations write."""
    path = tmp_path / "empty.db"
    shutil.copyfile(migrated_template, path)
    return path


def test_the_migrations_write_only_the_settings_row(migrated_template):
    counts = {name: len(rows) for name, rows in model_rows(migrated_template).items() if name != "alembic_version"}
    assert {name: n for name, n in counts.items() if n} == transfer.MIGRATION_ROWS == {"shop_settings": 1}


def test_the_demo_shop_moves_to_a_new_file_row_for_row(demo, tmp_path):
    before = digest(demo)
    target = tmp_path / "moved" / "shop.db"
    target.parent.mkdir()
    seen: list[tuple[str, int, int]] = []

    report = transfer.migrate_to(target, demo, progress=lambda *step: seen.append(step))

    source_rows, copied_rows = model_rows(demo), model_rows(target)
    assert copied_rows == source_rows
    assert digest(demo) == before  # read only
    # the report, against the file read here
    assert report.created and report.source == str(demo) and report.target == str(target)
    assert [t.table for t in report.tables] == [t.name for t in Base.metadata.sorted_tables]
    assert report.rows == sum(len(rows) for name, rows in source_rows.items() if name != "alembic_version")
    blobs = next(t for t in report.tables if t.table == "attachment_blobs")
    assert blobs.rows == 2 and len(source_rows["attachment_blobs"]) == 2  # the brief's files, bytes and all
    invoice_lines = next(t for t in report.tables if t.table == "invoice_lines")
    with sqlite3.connect(demo) as conn:
        net = conn.execute("SELECT sum(unit_price) FROM invoice_lines").fetchone()[0]
        settings = conn.execute("SELECT * FROM shop_settings").fetchall()
    assert dict(invoice_lines.totals)["unit_price"] == net
    assert report.totals_checked == sum(len(transfer.summed_columns(t)) for t in Base.metadata.sorted_tables) > 0
    assert copied_rows["shop_settings"] == settings  # the shop's own, not the migrations' row beside it
    # progress: each table's last batch says all its rows are copied
    finished = {table: done for table, done, total in seen if done == total}
    assert finished == {t.table: t.rows for t in report.tables if t.rows}
    # the copy opens, the job search's index finds what the source's finds, the services read the same
    assert costs_and_totals(target) == costs_and_totals(demo)
    with sqlite3.connect(demo) as a, sqlite3.connect(target) as b:
        query = "SELECT rowid FROM jobs_search WHERE jobs_search MATCH '\"oak\"' ORDER BY rowid"
        assert b.execute(query).fetchall() == a.execute(query).fetchall() != []


def test_an_empty_new_database_is_filled(demo, empty_shop):
    transfer.migrate_to(empty_shop, demo)
    assert model_rows(empty_shop) == model_rows(demo)


def test_a_target_holding_a_shop_is_refused_untouched(demo, tmp_path):
    target = shutil.copyfile(demo, tmp_path / "other.db")
    before = digest(target)
    with pytest.raises(WorkshopError, match="already holds a shop .*nothing was changed"):
        transfer.migrate_to(target, demo)
    assert digest(target) == before


def test_one_customer_makes_a_target_not_empty(demo, empty_shop):
    db = open_database(empty_shop)
    try:
        customers.create_customer(db, name="Ada Lovelace")
    finally:
        db.close()
    before = model_rows(empty_shop)
    with pytest.raises(WorkshopError, match=r"already holds a shop \(1 rows: 1 in customers\)"):
        transfer.migrate_to(empty_shop, demo)
    assert model_rows(empty_shop) == before


def test_a_failure_mid_copy_leaves_the_target_empty(demo, empty_shop, monkeypatch):
    before = model_rows(empty_shop)
    real = transfer._insert_rows

    def insert(conn, table, rows):
        if table.name == "invoices":
            raise RuntimeError("the disk went away")
        real(conn, table, rows)

    monkeypatch.setattr(transfer, "_insert_rows", insert)
    with pytest.raises(RuntimeError, match="the disk went away"):
        transfer.migrate_to(empty_shop, demo)
    assert model_rows(empty_shop) == before  # the settings row too: the migrations', as it was


def test_a_file_the_failed_copy_made_is_removed(demo, tmp_path, monkeypatch):
    def insert(conn, table, rows):
        raise RuntimeError("the disk went away")

    monkeypatch.setattr(transfer, "_insert_rows", insert)
    with pytest.raises(RuntimeError):
        transfer.migrate_to(tmp_path / "new.db", demo)
    assert list(tmp_path.iterdir()) == []


def test_a_total_that_differs_rolls_back_naming_table_and_column(demo, empty_shop, monkeypatch):
    before = model_rows(empty_shop)
    real = transfer._insert_rows

    def insert(conn, table, rows):
        if table.name == "invoice_lines":
            at = [c.name for c in table.columns].index("unit_price")
            first = list(rows[0])
            first[at] += 1  # a penny more
            rows = [tuple(first), *rows[1:]]
        real(conn, table, rows)

    monkeypatch.setattr(transfer, "_insert_rows", insert)
    with pytest.raises(transfer.TransferMismatch, match="invoice_lines .*unit_price") as caught:
        transfer.migrate_to(empty_shop, demo)
    assert "column unit_price" in caught.value.details
    assert model_rows(empty_shop) == before


def test_a_row_lost_rolls_back_naming_the_table(demo, empty_shop, monkeypatch):
    real = transfer._insert_rows
    with sqlite3.connect(demo) as conn:
        payments = conn.execute("SELECT count(*) FROM payments").fetchone()[0]

    def insert(conn, table, rows):
        real(conn, table, rows[1:] if table.name == "payments" else rows)

    monkeypatch.setattr(transfer, "_insert_rows", insert)
    with pytest.raises(transfer.TransferMismatch,
                       match=f"payments does not match the shop: {payments - 1:,} rows instead of {payments:,}"):
        transfer.migrate_to(empty_shop, demo)


def test_a_source_of_an_older_version_is_refused_untouched(tmp_path):
    old = tmp_path / "old.db"
    migrate.upgrade(resolve_url(old), "0014")
    before = digest(old)
    with pytest.raises(WorkshopError, match="older version of Workshop. Open it with this Workshop once"):
        transfer.migrate_to(tmp_path / "new.db", old)
    assert digest(old) == before
    assert not (tmp_path / "new.db").exists()


def test_no_shop_and_the_same_file_are_refused(demo, tmp_path):
    with pytest.raises(WorkshopError, match="no Workshop shop at"):
        transfer.migrate_to(tmp_path / "new.db", tmp_path / "missing.db")
    with pytest.raises(WorkshopError, match="the same database"):
        transfer.migrate_to(demo, demo)
    assert not (tmp_path / "new.db").exists()


def test_the_command_moves_the_shop_and_says_what_next(demo, tmp_path, capsys):
    target = tmp_path / "shop.db"
    assert main(["migrate-to", str(target), "--db", str(demo)]) == 0
    out = capsys.readouterr().out
    rows = sum(len(r) for name, r in model_rows(demo).items() if name != "alembic_version")
    assert f"Copied the shop from {demo} to {target}: {len(Base.metadata.sorted_tables)} tables, {rows:,} rows" in out
    summed = sum(len(transfer.summed_columns(t)) for t in Base.metadata.sorted_tables)
    assert f"row count and {summed} money and quantity totals are the same" in out
    assert f"open the shop with:  workshop --db {target}" in out

    assert main(["migrate-to", str(target), "--db", str(demo)]) == 1
    assert "already holds a shop" in capsys.readouterr().err


def test_a_server_target_that_does_not_exist_is_explained_without_its_password(demo, monkeypatch, capsys):
    from sqlalchemy.exc import OperationalError

    def connect_fails(url):
        class Engine:
            def connect(self):
                raise OperationalError("connect", {}, Exception('FATAL:  database "shop" does not exist'))

            def dispose(self):
                pass
        return Engine()

    monkeypatch.setattr(transfer, "make_engine", connect_fails)
    assert main(["migrate-to", "postgresql://owner:s3cret@db.example/shop", "--db", str(demo)]) == 1
    err = capsys.readouterr().err
    assert "“shop” does not exist on the server db.example" in err and "createdb -O owner shop" in err
    assert "s3cret" not in err and "owner:***@db.example" in err


def test_money_columns_are_the_scaled_ones():
    from workshop.db.models import InvoiceLine

    assert "unit_price" in transfer.summed_columns(InvoiceLine.__table__)
    assert "description" not in transfer.summed_columns(InvoiceLine.__table__)


# --- the target file's writer lock -------------------------------------------------------------------

#: A second program taking the file's writer lock as opening a shop does (ui/startup.py): what it is told.
SECOND_PROGRAM = """
import sys
from pathlib import Path
from workshop.db.lock import acquire_writer_lock
from workshop.domain.errors import ShopInUse
try:
    acquire_writer_lock(Path(sys.argv[1])).release()
except ShopInUse as exc:
    print("in use", exc.holder.pid if exc.holder else None)
else:
    print("taken")
"""


def second_program_takes_the_lock(path: Path) -> str:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", SECOND_PROGRAM, str(path)], capture_output=True, text=True,
                          timeout=120, check=True)
    return done.stdout.strip()


def test_the_target_file_is_locked_while_it_is_made_so_no_other_workshop_opens_it(demo, tmp_path):
    import os

    from workshop.db.lock import lock_holder, lock_path

    target = tmp_path / "shop.db"
    during: list[tuple] = []

    def progress(table: str, done: int, total: int) -> None:
        if not during:  # the first batch copied: the file is half made
            holder = lock_holder(target)
            during.append((target.exists(), holder.pid if holder else None, second_program_takes_the_lock(target)))

    transfer.migrate_to(target, demo, progress=progress)
    assert during == [(True, os.getpid(), f"in use {os.getpid()}")]
    assert not lock_path(target).exists()  # released once the copy is saved
    assert second_program_takes_the_lock(target) == "taken"


def test_a_target_file_open_in_another_workshop_is_refused_untouched(demo, empty_shop, capsys):
    import json

    from workshop.db.lock import lock_path

    lock = lock_path(empty_shop)
    lock.write_text(json.dumps({"host": "BENCH-PC", "pid": 4242, "user": "tom",
                                "started_at": "2026-11-21T08:15:00+00:00", "token": "theirs"}), encoding="utf-8")
    held, before = lock.read_text(encoding="utf-8"), digest(empty_shop)
    with pytest.raises(ShopInUse) as refused:
        transfer.migrate_to(empty_shop, demo)
    assert refused.value.message == (
        f"{empty_shop} is open by tom on BENCH-PC since {refused.value.holder.since}: the shop is only ever copied "
        "into a file nobody has open. Nothing was copied; close it there first, or choose another file.")
    assert main(["migrate-to", str(empty_shop), "--db", str(demo)]) == ShopInUse.exit_code == 3
    assert capsys.readouterr().err.startswith(f"workshop: {empty_shop} is open by tom on BENCH-PC since ")
    assert digest(empty_shop) == before and lock.read_text(encoding="utf-8") == held  # theirs, left as it was
