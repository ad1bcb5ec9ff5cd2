"""0011 adds clock_ons, where each time booking came from, and the several-clock-ons setting; a time
log booked before it reads as typed in the window ("manual"), not estimated, with no quantity. Its
downgrade removes exactly that and keeps the bookings."""

from __future__ import annotations

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import URL

from workshop.db import migrate

# A job with one operation and a time log on it, as 0010 stored them.
OLD_ROWS = (
    "INSERT INTO customers (id, name, contact_person, email, phone, address, tax_number, notes, archived, created_at) "
    "VALUES (1, 'J&C <b>Ltd</b>', '', '', '', '', '', '', 0, '2026-11-01 09:00:00')",
    "INSERT INTO jobs (id, number, customer_id, title, specification, quantity, due_date, priority, status, notes, "
    "created_at, updated_at) VALUES (1, 'J-2026-0001', 1, 'Table', '', 1, '2026-12-20', 'normal', 'in_progress', '', "
    "'2026-11-01 09:00:00', '2026-11-01 09:00:00')",
    "INSERT INTO workstations (id, code, name, kind, machine_rate, labour_rate, overhead_basis, capacity_hours_per_day, "
    "active) VALUES (1, 'BENCH', 'Bench', 'manual', 0, 3500, 'per_labour_hour', 800, 1)",
    "INSERT INTO operations (id, job_id, sequence, op_number, name, instructions, workstation_id, setup_minutes, "
    "run_minutes, inspection_required, status) VALUES (1, 1, 1, 10, 'Cut', '', 1, 0, 9000, 0, 'running')",
    "INSERT INTO operators (id, name, hourly_rate, active) VALUES (1, 'Anna', 3500, 1)",
)
OLD_LOG = ("INSERT INTO time_logs (id, job_id, operation_id, workstation_id, labour_minutes, machine_minutes, "
           "labour_rate, machine_rate, overhead_is_shop_default, note, booked_at, reason) "
           "VALUES (1, 1, 1, 1, 9000, 0, 3500, 0, 0, 'Łódź <b>bench</b>', '2026-11-30 08:00:00', '')")


def test_0011_adds_clock_ons_and_booking_sources_and_downgrades(tmp_path):
    url = URL.create("sqlite", database=str(tmp_path / "m.db"))
    migrate.upgrade(url, "0010")
    engine = create_engine(url)
    with engine.begin() as conn:
        for row in OLD_ROWS:
            conn.execute(text(row))
        conn.execute(text(OLD_LOG))
    engine.dispose()

    migrate.upgrade(url, "0011")
    engine = create_engine(url)
    with engine.begin() as conn:
        inspector = inspect(conn)
        assert {c["name"] for c in inspector.get_columns("clock_ons")} == {
            "id", "job_id", "operation_id", "operator_id", "started_at", "segment_started_at", "ended_at",
            "finished", "ended_by"}
        assert {i["column_names"][0] for i in inspector.get_indexes("time_logs")} >= {"started_at", "ended_at"}
        assert sorted(i["column_names"][0] for i in inspector.get_indexes("clock_ons")) == [
            "ended_at", "job_id", "operation_id", "operator_id", "started_at"]
        # the old booking: typed in the window, not an estimate, no quantity, its figures untouched
        assert conn.execute(text("SELECT source, estimated, clock_on_id, quantity_done, labour_minutes, note "
                                 "FROM time_logs")).one() == ("manual", 0, None, None, 9000, "Łódź <b>bench</b>")
        assert conn.execute(text("SELECT several_clock_ons FROM shop_settings")).scalar() == 0
        conn.execute(text("INSERT INTO clock_ons (job_id, operation_id, operator_id, started_at, finished) "
                          "VALUES (1, 1, 1, '2026-12-01 07:30:00', 0)"))
        assert conn.execute(text("SELECT ended_by, ended_at, segment_started_at FROM clock_ons")).one() == (
            "", None, None)
    engine.dispose()

    migrate.downgrade(url, "0010")
    engine = create_engine(url)
    with engine.connect() as conn:
        inspector = inspect(conn)
        assert "clock_ons" not in inspector.get_table_names()
        assert not {"source", "estimated", "clock_on_id", "quantity_done"} & {
            c["name"] for c in inspector.get_columns("time_logs")}
        assert "several_clock_ons" not in {c["name"] for c in inspector.get_columns("shop_settings")}
        assert not {"started_at", "ended_at"} & {i["column_names"][0] for i in inspector.get_indexes("time_logs")}
        assert conn.execute(text("SELECT labour_minutes, note FROM time_logs")).one() == (9000, "Łódź <b>bench</b>")
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0010"
    engine.dispose()
