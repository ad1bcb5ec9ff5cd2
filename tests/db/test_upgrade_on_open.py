"""A shop saved by an older Workshop, opened the way the owner opens it (``open_database``): backed
up byte for byte, upgraded to the newest schema with every row carried and new columns filled as
each migration says; a failed upgrade leaves the file exactly as it was; a newer schema is refused
on PostgreSQL too."""

from __future__ import annotations

import os
import sqlite3

import pytest
from sqlalchemy import inspect, text

from workshop.db import migrate, revisions
from workshop.db.engine import open_database, resolve_url
from workshop.domain.errors import DatabaseRefused, WorkshopError

#: Rows a shop adds while it runs each version, in that version's own schema (plain SQL).
ROWS_ADDED_AT = {
    "0001": [
        "UPDATE shop_settings SET company_name = 'Oak & Iron', locale = 'de_DE', currency = 'EUR'",
        "INSERT INTO customers (id, name, contact_person, email, phone, address, tax_number, notes, archived,"
        " created_at) VALUES (1, 'Łódź Metal', '', '', '', 'ul. Piotrkowska 1', '', '', 0, '2026-01-01')",
        "INSERT INTO workstations (id, code, name, kind, machine_rate, labour_rate, overhead_rate, overhead_basis,"
        " capacity_hours_per_day, active) VALUES (1, 'CNC', 'Router', 'machine', 4500, 3000, NULL,"
        " 'per_machine_hour', 800, 1)",
        "INSERT INTO jobs (id, number, customer_id, title, specification, quantity, due_date, priority, status,"
        " budget, notes, created_at, updated_at) VALUES (1, 'J-2026-0001', 1, 'Oak TABLE', 'Ø 25 mm', 1,"
        " '2026-02-01', 'normal', 'in_progress', 123450, '', '2026-01-01', '2026-01-01')",
        "INSERT INTO operations (id, job_id, sequence, op_number, name, instructions, workstation_id, setup_minutes,"
        " run_minutes, inspection_required, status) VALUES (1, 1, 1, 10, 'Cut top', '', 1, 3000, 12000, 0, 'done')",
        "INSERT INTO bom_items (id, job_id, position, is_assembly, description, quantity, unit, unit_cost)"
        " VALUES (1, 1, 1, 0, 'Walnut board', 2500, 'm2', 9000)",
    ],
    "0002": [
        "INSERT INTO time_logs (id, job_id, operation_id, workstation_id, labour_minutes, machine_minutes,"
        " labour_rate, machine_rate, overhead_is_shop_default, note, booked_at) VALUES (1, 1, 1, 1, 3000, 12000,"
        " 3000, 4500, 0, '', '2026-01-05')",
        "INSERT INTO other_costs (id, job_id, category, description, amount, incurred_on, created_at)"
        " VALUES (1, 1, 'delivery', 'Van hire', 12050, '2026-01-05', '2026-01-05')",
    ],
    "0003": [
        "INSERT INTO briefs (id, number, customer_id, title, requirements, constraints, status, status_reason,"
        " created_at, updated_at) VALUES (1, 'B-2026-0001', 1, 'Gate', 'Straße side', 'ÉTROIT', 'new', '',"
        " '2026-01-01', '2026-01-01')",
    ],
    "0004": [
        "INSERT INTO jobs (id, number, customer_id, title, specification, quantity, due_date, priority, status,"
        " notes, created_at, updated_at, search_text) VALUES (2, 'J-2026-0002', 1, 'Hall bench', '', 1,"
        " '2026-03-01', 'normal', 'planned', '', '2026-02-01', '2026-02-01', 'j-2026-0002\nhall bench')",
    ],
    "0005": [
        "INSERT INTO customers (id, name, contact_person, email, phone, address, tax_number, notes, archived,"
        " created_at, country) VALUES (2, 'Harrow & Finch', '', '', '', '', '', '', 0, '2026-02-01', 'GB')",
    ],
    "0006": [
        "INSERT INTO operations (id, job_id, sequence, op_number, name, instructions, workstation_id, setup_minutes,"
        " run_minutes, labour_run_minutes, inspection_required, status) VALUES (2, 2, 1, 10, 'Rout legs', '', 1,"
        " 1000, 15000, 3000, 0, 'pending')",
    ],
}
OLDER = sorted(ROWS_ADDED_AT)


def _rows(path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _shop_at(tmp_path, revision: str):
    """A populated file at ``revision``: each version's rows added while it was the newest."""
    path = tmp_path / "shop.db"
    for step in OLDER[:OLDER.index(revision) + 1]:
        migrate.upgrade(resolve_url(path), step)
        conn = sqlite3.connect(path)
        with conn:
            for sql in ROWS_ADDED_AT[step]:
                conn.execute(sql)
        conn.close()
    assert _rows(path, "SELECT version_num FROM alembic_version") == [(revision,)]
    return path


def _expected(revision: str) -> dict[str, list[tuple]]:
    """The rows at the newest schema, worked out by hand from ROWS_ADDED_AT and each migration's
    back-fill: 0004 folds the search text, 0005 gives old customers the shop's country (de_DE:
    DE), 0006 leaves old runs attended throughout (no labour run) and BOM lines unassigned, 0007
    gives old bookings no correction and an empty reason."""
    at = OLDER.index(revision)
    since = lambda step: at >= OLDER.index(step)  # noqa: E731
    return {
        "SELECT company_name, locale, currency FROM shop_settings": [("Oak & Iron", "de_DE", "EUR")],
        "SELECT id, name, address, country FROM customers ORDER BY id":
            [(1, "Łódź Metal", "ul. Piotrkowska 1", "DE")] + [(2, "Harrow & Finch", "", "GB")] * since("0005"),
        "SELECT id, number, title, budget, status, search_text FROM jobs ORDER BY id":
            [(1, "J-2026-0001", "Oak TABLE", 123450, "in_progress", "j-2026-0001\noak table\nø 25 mm")]
            + [(2, "J-2026-0002", "Hall bench", None, "planned", "j-2026-0002\nhall bench")] * since("0004"),
        "SELECT id, name, run_minutes, labour_run_minutes, status FROM operations ORDER BY id":
            [(1, "Cut top", 12000, None, "done")] + [(2, "Rout legs", 15000, 3000, "pending")] * since("0006"),
        "SELECT id, description, quantity, unit_cost, operation_id FROM bom_items":
            [(1, "Walnut board", 2500, 9000, None)],
        "SELECT id, labour_minutes, machine_minutes, labour_rate, reverses_id, reason FROM time_logs":
            [(1, 3000, 12000, 3000, None, "")] * since("0002"),
        "SELECT id, amount, reverses_id, reason FROM other_costs": [(1, 12050, None, "")] * since("0002"),
        "SELECT id, number, search_text FROM briefs":
            [(1, "B-2026-0001", "b-2026-0001\ngate\nstrasse side\nétroit")] * since("0003"),
    }


@pytest.mark.parametrize("revision", OLDER)
def test_an_older_shop_is_backed_up_with_every_row_and_upgraded_with_its_rows(tmp_path, revision):
    path = _shop_at(tmp_path, revision)
    before = _dump(path)

    open_database(path).close()

    assert _rows(path, "SELECT version_num FROM alembic_version") == [(revisions.head_revision(),)]
    for sql, rows in _expected(revision).items():
        assert _rows(path, sql) == rows, sql
    # The backup is made through SQLite's online backup API (workshop/db/backup.py), which rewrites
    # the header's counters and journal mode: the same schema and rows, not the same bytes.
    backups = list((tmp_path / "backups").glob(f"shop-*-before-upgrade-from-{revision}.db"))
    assert len(backups) == 1 and _dump(backups[0]) == before


def _dump(path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [*conn.iterdump(), f"application_id={conn.execute('PRAGMA application_id').fetchone()[0]}"]
    finally:
        conn.close()


def test_the_program_works_on_an_upgraded_shop(tmp_path):
    from workshop.services import jobs

    db = open_database(_shop_at(tmp_path, "0001"))
    try:
        assert [r.number for r in jobs.list_jobs(db, jobs.JobFilter(search="oak table"))] == ["J-2026-0001"]
        assert jobs.change_status(db, 1, "hold", "Waiting for glass").status == "on_hold"
    finally:
        db.close()


def test_an_upgrade_refused_by_the_data_leaves_the_file_as_it_was(tmp_path):
    path = _shop_at(tmp_path, "0006")
    conn = sqlite3.connect(path)  # foreign keys are off here: an old fault the upgrade's check finds
    with conn:
        conn.execute("INSERT INTO other_costs (id, job_id, category, description, amount, incurred_on,"
                     " created_at) VALUES (2, 999, 'delivery', 'Lost job', 500, '2026-01-05', '2026-01-05')")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(WorkshopError, match="break links between records"):
        open_database(path)
    assert path.read_bytes() == before
    assert not path.with_name("shop.db-wal").exists()


def test_an_upgrade_failing_half_way_leaves_the_file_as_it_was(tmp_path, monkeypatch):
    from alembic import command

    path = _shop_at(tmp_path, "0003")
    before = path.read_bytes()
    upgrade = command.upgrade

    def two_steps_then_fail(config, _revision):
        upgrade(config, "0005")  # 0004 and 0005 rebuild tables; then the disk fills up
        raise OSError("No space left on device")

    monkeypatch.setattr(command, "upgrade", two_steps_then_fail)
    with pytest.raises(OSError):
        open_database(path)
    assert path.read_bytes() == before
    assert _rows(path, "SELECT name FROM sqlite_master WHERE name LIKE '_alembic_tmp%'") == []


def test_the_db_fixture_is_a_current_copy_neither_migrated_nor_backed_up_again(db, tmp_path):
    if db.url.get_backend_name() != "sqlite":
        pytest.skip("the template copy is for SQLite files")
    with db.reader() as s:
        assert s.execute(text("SELECT version_num FROM alembic_version")).scalar() == revisions.head_revision()
    assert [p.name for p in tmp_path.iterdir() if "before-upgrade" in p.name] == []


@pytest.mark.skipif(not os.environ.get("WORKSHOP_TEST_DATABASE_URL"),
                    reason="needs a PostgreSQL server: WORKSHOP_TEST_DATABASE_URL (CI sets it)")
def test_a_newer_schema_on_postgresql_is_refused_and_left_untouched(db):
    with db.session() as s:
        s.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
        s.execute(text("UPDATE shop_settings SET company_name = 'Oak & Iron'"))
    db.close()

    def look():
        with db.engine.connect() as conn:
            return (sorted(inspect(conn).get_table_names()),
                    conn.execute(text("SELECT version_num FROM alembic_version")).all(),
                    conn.execute(text("SELECT company_name FROM shop_settings")).all())

    before = look()
    with pytest.raises(DatabaseRefused) as refused:
        open_database(db.url)
    assert "newer version of Workshop" in refused.value.message
    assert look() == before and before[1] == [("9999_from_the_future",)]
