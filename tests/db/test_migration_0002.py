"""Migration 0002 (costing, quotes, change orders) on a database that already holds a shop."""

from __future__ import annotations

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import URL

from workshop.db import migrate

NEW_TABLES = {"time_logs", "material_issues", "other_costs", "quotes", "quote_lines", "change_orders",
              "change_order_hours", "change_order_materials"}


def _look(url: URL):
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            settings_cols = {c["name"] for c in inspect(conn).get_columns("shop_settings")}
            jobs = conn.execute(text("SELECT number, budget FROM jobs ORDER BY id")).all()
            company = conn.execute(text("SELECT company_name FROM shop_settings")).scalar()
            version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            extra = None
            if "default_overhead_basis" in settings_cols:
                extra = conn.execute(text("SELECT default_overhead_rate, default_overhead_basis, quote_validity_days,"
                                          " quote_terms FROM shop_settings")).one()
            return tables, settings_cols, jobs, company, version, extra
    finally:
        engine.dispose()


def test_0002_upgrades_a_populated_database_and_downgrades(tmp_path):
    url = URL.create("sqlite", database=str(tmp_path / "old.db"))
    migrate.upgrade(url, "0001")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE shop_settings SET company_name = 'Oak & Iron'"))
        conn.execute(text("INSERT INTO customers (id, name, contact_person, email, phone, address, tax_number, notes,"
                          " archived, created_at) VALUES (1, 'Ruth', '', '', '', '', '', '', 0, '2026-01-01')"))
        conn.execute(text("INSERT INTO jobs (id, number, customer_id, title, specification, quantity, due_date,"
                          " priority, status, budget, notes, created_at, updated_at) VALUES (1, 'J-2026-0001', 1,"
                          " 'Desk', '', 1, '2026-02-01', 'normal', 'in_progress', 123450, '', '2026-01-01',"
                          " '2026-01-01')"))
    engine.dispose()

    migrate.upgrade(url, "0002")  # pinned: later migrations have their own tests
    upgraded = _look(url)
    tables, cols, jobs, company, version, extra = upgraded
    assert NEW_TABLES <= tables and version == "0002"
    assert jobs == [("J-2026-0001", 123450)] and company == "Oak & Iron"
    assert extra == (None, "per_labour_hour", 30, "")  # the existing settings row got the defaults

    migrate.downgrade(url, "0001")
    tables, cols, jobs, company, version, extra = _look(url)
    assert not (NEW_TABLES & tables) and version == "0001"
    assert "default_overhead_rate" not in cols and extra is None
    assert jobs == [("J-2026-0001", 123450)] and company == "Oak & Iron"

    migrate.upgrade(url, "0002")
    assert _look(url) == upgraded  # the round trip ends where the first upgrade did: tables, columns, rows


def test_the_program_opens_and_uses_an_upgraded_database(tmp_path):
    from workshop.db.engine import open_database
    from workshop.services import job_costing

    url = URL.create("sqlite", database=str(tmp_path / "old.db"))
    migrate.upgrade(url, "0001")
    db = open_database(tmp_path / "old.db")
    try:
        assert job_costing.get_shop_overhead(db) is None
        rule = job_costing.set_shop_overhead(db, "15.00", "per_labour_hour")
        assert str(rule.rate) == "15.00"
    finally:
        db.close()
