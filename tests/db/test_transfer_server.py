"""``workshop migrate-to`` with a PostgreSQL server: the demo shop to the server and back, row for row,
and the server's ids and numbers carry on after it; a file made from the server is held by its writer
lock meanwhile. Needs WORKSHOP_TEST_DATABASE_URL (CI's PostgreSQL stage); skipped without one."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3

import pytest

from conftest import SERVER_URL
from support.model_rows import model_rows
from support.server_database import empty_databases

from workshop.db import transfer
from workshop.db.engine import open_database
from workshop.domain.errors import WorkshopError
from workshop.services import customers, jobs

TODAY = "2026-11-21"

pytestmark = pytest.mark.skipif(not SERVER_URL, reason="needs WORKSHOP_TEST_DATABASE_URL (a PostgreSQL server)")


@pytest.fixture
def server_database():
    """``make()``: a new, empty database on the test server (as support/server_database.py makes its
    own: the URL's user creates databases), dropped after the test."""
    with empty_databases(SERVER_URL, "move") as make:
        yield make


@pytest.fixture(scope="module")
def demo(tmp_path_factory, demo_copy):
    return demo_copy(tmp_path_factory.mktemp("transfer-server") / "demo.db", TODAY)


def test_the_demo_shop_goes_to_the_server_and_back_row_for_row(demo, tmp_path, server_database):
    server = server_database()
    there = transfer.migrate_to(server, demo)
    back = transfer.migrate_to(tmp_path / "back.db", server)

    assert model_rows(tmp_path / "back.db") == model_rows(demo)
    assert [(t.table, t.rows, t.totals) for t in back.tables] == [(t.table, t.rows, t.totals) for t in there.tables]
    assert there.target == server.render_as_string(hide_password=True)

    # on the server, a new job takes the next id and the next number of the demo's year
    with sqlite3.connect(demo) as conn:
        last_job = conn.execute("SELECT max(id) FROM jobs").fetchone()[0]
        last_number = conn.execute("SELECT last_value FROM number_sequences WHERE prefix = 'J' AND year = 2026"
                                   ).fetchone()[0]
        last_customer = conn.execute("SELECT max(id) FROM customers").fetchone()[0]
    noon = dt.datetime(2026, 11, 21, 12, tzinfo=dt.UTC)
    db = open_database(server, clock=lambda: noon)
    try:
        customer = customers.create_customer(db, name="New Customer Ltd")
        job = jobs.create_job(db, customer_id=customer.id, title="Oak bench", due_date=dt.date(2026, 12, 18))
    finally:
        db.close()
    assert customer.id == last_customer + 1
    assert job.id == last_job + 1
    assert job.number == f"J-2026-{last_number + 1:04d}"


def test_a_server_database_holding_a_shop_is_refused(demo, server_database):
    server = server_database()
    transfer.migrate_to(server, demo)
    with pytest.raises(WorkshopError, match="already holds a shop"):
        transfer.migrate_to(server, demo)


def test_two_copies_into_one_server_database_at_once_the_second_is_told_and_copies_nothing(demo, server_database):
    """Another copy holds the target (its transaction holds the copy's lock): this one is refused in
    plain words, before it deletes or copies anything."""
    from sqlalchemy import create_engine, text

    server = server_database()
    engine = create_engine(server)
    try:
        with engine.connect() as other:  # the other copy, under way
            assert other.execute(text("SELECT pg_try_advisory_xact_lock(:k)"), {"k": transfer.COPY_LOCK_KEY}).scalar()
            with pytest.raises(WorkshopError, match="Another copy into .* is under way.*Nothing was copied"):
                transfer.migrate_to(server, demo)
            other.rollback()
    finally:
        engine.dispose()
    assert transfer.migrate_to(server, demo).rows > 0  # left empty: it takes the shop now


def test_a_shop_copied_in_after_the_first_look_is_still_refused(demo, server_database, monkeypatch):
    """Two copies started together both find the target empty at their first look; the one that gets
    the target second finds the other's shop there, inside its own transaction, and copies nothing
    (it ended in a foreign-key error from its opening DELETE before)."""
    server = server_database()
    transfer.migrate_to(server, demo)
    monkeypatch.setattr(transfer, "_check_empty", lambda url: None)  # the first look was made before
    with pytest.raises(WorkshopError, match="already holds a shop"):
        transfer.migrate_to(server, demo)


def test_a_server_database_that_does_not_exist_is_explained(demo, server_database):
    missing = server_database(create=False)
    with pytest.raises(WorkshopError, match=f"“{missing.database}” does not exist on the server .*createdb"):
        transfer.migrate_to(missing, demo)


def test_a_user_the_server_does_not_know_is_not_a_missing_database(demo, server_database):
    """A trusting server with no such role says "role … does not exist": that is the login's fault,
    told as opening a shop tells it, not "the database does not exist"."""
    stranger = server_database().set(username="nobody_here")
    with pytest.raises(WorkshopError) as refused:
        transfer.migrate_to(stranger, demo)
    assert "does not exist on the server" not in refused.value.message


def test_the_server_has_statistics_for_its_new_tables(demo, server_database):
    """ANALYZE runs after the copy: the planner knows the jobs' count at once."""
    from sqlalchemy import create_engine

    server = server_database()
    transfer.migrate_to(server, demo)
    engine = create_engine(server)
    try:
        with engine.connect() as conn:
            analysed = conn.exec_driver_sql("SELECT last_analyze IS NOT NULL, n_live_tup FROM pg_stat_user_tables "
                                            "WHERE relname = 'jobs'").one()
            jobs = conn.exec_driver_sql("SELECT count(*) FROM jobs").scalar_one()
    finally:
        engine.dispose()
    assert analysed[0] and jobs > 0


def test_a_failure_on_the_server_leaves_it_empty(demo, server_database, monkeypatch):
    server = server_database()
    real = transfer._insert_rows

    def insert(conn, table, rows):
        if table.name == "time_logs":
            raise RuntimeError("the network went away")
        real(conn, table, rows)

    monkeypatch.setattr(transfer, "_insert_rows", insert)
    with pytest.raises(RuntimeError):
        transfer.migrate_to(server, demo)
    monkeypatch.undo()
    transfer.migrate_to(server, demo)  # still empty: it takes the shop now


def test_a_shop_copied_from_the_server_to_a_file_holds_the_files_writer_lock_meanwhile(demo, tmp_path, monkeypatch,
                                                                                       server_database):
    from workshop.cli import main
    from workshop.db.lock import lock_holder, lock_path

    server = server_database()
    transfer.migrate_to(server, demo)
    target = tmp_path / "shop.db"
    real, held = transfer._verify, []

    def verify(dst, tables, expected):  # every row across, not yet saved
        held.append(lock_holder(target).pid)
        real(dst, tables, expected)

    monkeypatch.setattr(transfer, "_verify", verify)
    assert main(["migrate-to", str(target), "--db", server.render_as_string(hide_password=False)]) == 0
    assert held == [os.getpid()] and not lock_path(target).exists()
    assert model_rows(target) == model_rows(demo)
