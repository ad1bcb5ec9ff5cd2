"""Migrations: up from empty, down to base, up again; and the models match them."""

from __future__ import annotations

import sqlite3

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import URL

import workshop.db.models  # noqa: F401
from workshop.db import migrate
from workshop.db.base import Base
from workshop.db.search_index import index_tables


def _url(tmp_path) -> URL:
    return URL.create("sqlite", database=str(tmp_path / "m.db"))


def _read(url: URL, look):
    """What ``look(connection)`` sees in the database at ``url``."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return look(conn)
    finally:
        engine.dispose()


def _stored_in(path):
    """``stored(sql, *args)``: the rows the SQLite file at ``path`` gives, read apart from the program."""
    def stored(sql: str, *args) -> list[tuple]:
        conn = sqlite3.connect(path)
        try:
            return conn.execute(sql, args).fetchall()
        finally:
            conn.close()

    return stored


def _columns_in(path):
    """``columns(table)``: the names of a table's columns in the SQLite file at ``path``."""
    stored = _stored_in(path)
    return lambda table: [r[1] for r in stored(f"PRAGMA table_info({table})")]


def _tables(url: URL) -> set[str]:
    """The tables, but the job search's trigram index (migration 0015: not a model; kept by triggers)."""
    return _read(url, lambda conn: set(inspect(conn).get_table_names()) - index_tables())


def _differences_from_the_models(url: URL) -> list:
    def compare(conn):
        def include_name(name, type_, _parents):  # as migrations/env.py: the index's tables are not models
            return not (type_ == "table" and name in index_tables())

        opts = {"compare_type": True, "include_name": include_name}
        return compare_metadata(MigrationContext.configure(conn, opts=opts), Base.metadata)

    return _read(url, compare)


def _settings_row(url: URL) -> tuple:
    sql = text("SELECT company_name, currency, locale, job_prefix FROM shop_settings")
    return _read(url, lambda conn: tuple(conn.execute(sql).one()))


def test_upgrade_from_empty_down_to_base_and_up_again(tmp_path):
    url = _url(tmp_path)
    migrate.upgrade(url)
    assert set(Base.metadata.tables) <= _tables(url)
    migrate.downgrade(url, "base")
    assert _tables(url) <= {"alembic_version"}
    migrate.upgrade(url)
    # Every table, column, type, index and constraint is back as the models say, and so is the
    # one settings row the first migration writes.
    assert _tables(url) == set(Base.metadata.tables) | {"alembic_version"}
    assert _differences_from_the_models(url) == []
    assert _settings_row(url) == ("My Workshop", "GBP", "en_GB", "J")


def test_models_and_migrations_agree(tmp_path):
    url = _url(tmp_path)
    migrate.upgrade(url)
    diff = _differences_from_the_models(url)
    assert diff == [], f"models differ from migrations: {diff}"


def test_every_migration_has_a_downgrade_and_single_head():
    script = migrate._script()
    assert len(script.get_heads()) == 1
    for revision in script.walk_revisions():
        source = open(revision.path).read()
        assert "def downgrade" in source and "pass\n" not in source.split("def downgrade", 1)[1][:60]


def test_the_quick_revision_reader_agrees_with_alembic():
    from workshop.db import revisions

    assert revisions.head_revision() == migrate.head_revision()
    assert revisions.known_revisions() == migrate.known_revisions()


def test_0020_and_0021_version_the_quotes_and_operations_there_are_and_downgrade(tmp_path):
    """0020 gives each quote, 0021 each operation, its edit version and who saved it last (issue 18):
    those already there start at version 1, by nobody; a save then raises it and names its author.
    Down to 0019 the columns go and the rows stay."""
    import datetime as dt

    from workshop.db.engine import open_database
    from workshop.services import briefs, customers, jobs, quotes, routing, workstations

    path = tmp_path / "m.db"
    db = open_database(path)
    today = db.today()
    customer = customers.create_customer(db, name="Łódź Metal Works")
    bench = workstations.create_workstation(db, code="BENCH", name="Bench", kind="manual", labour_rate="28.00")
    brief = briefs.create_brief(db, customer_id=customer.id, title="Gate", requirements="Wrought iron",
                                required_by=today + dt.timedelta(days=30))
    quote = quotes.create_quote(db, brief.id, lines=[("labour", "Forging", "900.00")], markup_pct="20")
    job = jobs.create_job(db, customer_id=customer.id, title="Gate", quantity=1, due_date=today + dt.timedelta(days=30))
    op_id = routing.add_operation(db, job.id, name="Forge", workstation_id=bench.id, setup_minutes="30")
    db.close()
    url = URL.create("sqlite", database=str(path))

    stored, columns = _stored_in(path), _columns_in(path)

    migrate.downgrade(url, "0019")
    for table in ("quotes", "operations"):
        assert "version" not in columns(table) and "updated_by" not in columns(table)
    migrate.upgrade(url, "0021")
    assert stored("SELECT version, updated_by FROM quotes WHERE id = ?", quote.id) == [(1, "")]
    assert stored("SELECT version, updated_by FROM operations WHERE id = ?", op_id) == [(1, "")]

    db = open_database(path)
    saved = quotes.update_quote(db, quote.id, expected_version=1, design_fee="50")
    routing.update_operation(db, op_id, expected_version=1, instructions="Hot work permit first")
    edited = routing.get_operation(db, op_id)
    db.close()
    assert (saved.version, saved.updated_by) == (2, db.author)
    assert (edited.version, edited.updated_by) == (2, db.author)

    migrate.downgrade(url, "0020")
    assert "version" not in columns("operations") and "version" in columns("quotes")
    migrate.downgrade(url, "0019")
    assert "version" not in columns("quotes")
    assert stored("SELECT design_fee FROM quotes") == [(5000,)]  # 50.00 in minor units
    assert stored("SELECT instructions FROM operations") == [("Hot work permit first",)]


def test_0022_keeps_when_each_edited_record_was_saved_and_downgrades(tmp_path):
    """0022 gives every record people edit the time of its last save (issue 18): jobs and briefs start
    from when they were last edited, the rest with none (nobody kept it); a save then sets it by the
    saving PC's clock. Down to 0021 the column goes and the rows stay."""
    import dataclasses
    import datetime as dt

    from workshop.db.engine import open_database
    from workshop.services import briefs, customers, jobs

    edited = ("jobs", "customers", "briefs", "invoices", "quotes", "operations")
    path = tmp_path / "m.db"
    made_at = dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC)
    db = open_database(path, clock=lambda: made_at)
    customer = customers.create_customer(db, name="Łódź Metal Works")
    brief = briefs.create_brief(db, customer_id=customer.id, title="Gate", requirements="Wrought iron")
    job = jobs.create_job(db, customer_id=customer.id, title="Gate", quantity=1, due_date=dt.date(2026, 12, 18))
    db.close()
    url = URL.create("sqlite", database=str(path))

    stored, columns = _stored_in(path), _columns_in(path)

    migrate.downgrade(url, "0021")
    for table in edited:
        assert "saved_at" not in columns(table)
    migrate.upgrade(url, "0022")
    assert stored("SELECT saved_at FROM jobs") == [("2026-11-02 09:30:00.000000",)]  # its updated_at
    assert stored("SELECT saved_at FROM briefs") == [("2026-11-02 09:30:00.000000",)]
    assert stored("SELECT saved_at FROM customers") == [(None,)]

    saved_at = dt.datetime(2026, 11, 30, 16, 5, tzinfo=dt.UTC)
    db = dataclasses.replace(open_database(path), clock=lambda: saved_at)
    saved = customers.update_customer(db, customer.id, expected_version=1, phone="0113 496 0000")
    db.close()
    assert saved.saved_at == saved_at
    assert stored("SELECT phone, saved_at FROM customers") == [("0113 496 0000", "2026-11-30 16:05:00.000000")]

    migrate.downgrade(url, "0021")
    assert stored("SELECT phone FROM customers") == [("0113 496 0000",)]
    assert stored("SELECT number FROM briefs") == [(brief.number,)]
    assert stored("SELECT number FROM jobs") == [(job.number,)]
