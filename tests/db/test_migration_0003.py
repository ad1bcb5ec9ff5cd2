"""Migration 0003 (quality) on a database that already holds a shop with costing records."""

from __future__ import annotations

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import URL

from workshop.db import migrate

NEW_TABLES = {"inspection_checks", "template_step_checks", "inspection_results", "inspection_readings",
              "inspection_photos", "nonconformances", "finished_tests", "deliveries", "feedback", "warranties",
              "aftercare_tickets"}


def _look(url: URL):
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            cols = {c["name"] for c in inspect(conn).get_columns("shop_settings")}
            jobs = conn.execute(text("SELECT number, status FROM jobs ORDER BY id")).all()
            logs = conn.execute(text("SELECT labour_minutes FROM time_logs")).all()
            version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            months = (conn.execute(text("SELECT default_warranty_months FROM shop_settings")).scalar()
                      if "default_warranty_months" in cols else None)
            return tables, jobs, logs, version, months
    finally:
        engine.dispose()


def test_0003_upgrades_a_populated_database_and_downgrades(tmp_path):
    url = URL.create("sqlite", database=str(tmp_path / "old.db"))
    migrate.upgrade(url, "0002")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO customers (id, name, contact_person, email, phone, address, tax_number, notes,"
                          " archived, created_at) VALUES (1, 'Ruth', '', '', '', '', '', '', 0, '2026-01-01')"))
        conn.execute(text("INSERT INTO workstations (id, code, name, kind, machine_rate, labour_rate, overhead_basis,"
                          " capacity_hours_per_day, active) VALUES (1, 'QC', 'Inspection', 'inspection', 0, 3600,"
                          " 'per_labour_hour', 800, 1)"))
        conn.execute(text("INSERT INTO jobs (id, number, customer_id, title, specification, quantity, due_date,"
                          " priority, status, budget, notes, created_at, updated_at) VALUES (1, 'J-2026-0001', 1,"
                          " 'Desk', '', 1, '2026-02-01', 'normal', 'inspection', 123450, '', '2026-01-01',"
                          " '2026-01-01')"))
        conn.execute(text("INSERT INTO operations (id, job_id, sequence, op_number, name, instructions,"
                          " workstation_id, setup_minutes, run_minutes, inspection_required, status) VALUES"
                          " (1, 1, 1, 10, 'Inspect', '', 1, 0, 0, 1, 'done')"))
        conn.execute(text("INSERT INTO time_logs (job_id, operation_id, workstation_id, labour_minutes,"
                          " machine_minutes, labour_rate, machine_rate, overhead_is_shop_default, note, booked_at)"
                          " VALUES (1, 1, 1, 3000, 0, 3600, 0, 0, '', '2026-01-05')"))
    engine.dispose()

    migrate.upgrade(url, "0003")  # pinned: later migrations have their own tests
    upgraded = _look(url)
    tables, jobs, logs, version, months = upgraded
    assert NEW_TABLES <= tables and version == "0003" and months == 12  # the settings row got the default
    assert jobs == [("J-2026-0001", "inspection")] and logs == [(3000,)]

    migrate.downgrade(url, "0002")
    tables, jobs, logs, version, months = _look(url)
    assert not (NEW_TABLES & tables) and version == "0002" and months is None
    assert jobs == [("J-2026-0001", "inspection")] and logs == [(3000,)]

    migrate.upgrade(url, "0003")
    assert _look(url) == upgraded  # the round trip ends where the first upgrade did: tables, rows, defaults


def test_the_program_uses_an_upgraded_database(tmp_path):
    from workshop.db.engine import open_database
    from workshop.services import inspection, jobs

    url = URL.create("sqlite", database=str(tmp_path / "old.db"))
    migrate.upgrade(url, "0002")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO shop_settings (id, company_name, address, phone, email, tax_number, currency,"
                          " locale, default_tax_rate, brief_prefix, quote_prefix, job_prefix, invoice_prefix,"
                          " page_size, default_overhead_basis, quote_validity_days, quote_terms) VALUES (1, 'Oak',"
                          " '', '', '', '', 'GBP', 'en_GB', 2000, 'B', 'Q', 'J', 'INV', 'A4', 'per_labour_hour', 30,"
                          " '') ON CONFLICT (id) DO NOTHING"))
        conn.execute(text("INSERT INTO customers (id, name, contact_person, email, phone, address, tax_number, notes,"
                          " archived, created_at) VALUES (1, 'Ruth', '', '', '', '', '', '', 0, '2026-01-01')"))
        conn.execute(text("INSERT INTO jobs (id, number, customer_id, title, specification, quantity, due_date,"
                          " priority, status, budget, notes, created_at, updated_at) VALUES (1, 'J-2026-0001', 1,"
                          " 'Desk', '', 1, '2026-02-01', 'normal', 'inspection', 123450, '', '2026-01-01',"
                          " '2026-01-01')"))
    engine.dispose()
    db = open_database(tmp_path / "old.db")
    try:
        check = inspection.add_check(db, job_id=1, characteristic="Width", nominal="1200", lower_tolerance="-1",
                                     upper_tolerance="1", unit="mm")
        assert inspection.record_result(db, check.id, readings="1200.5", inspector="Ruth").result == "pass"
        assert jobs.change_status(db, 1, "complete").status == "complete"
    finally:
        db.close()
