"""0006 adds a person's run time to operations and template steps (empty: attended throughout, so
old routings keep their cost) and a BOM line's operation (set back to empty when the operation goes)."""

from __future__ import annotations

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import URL

from workshop.db import migrate


def _engine(url):
    engine = create_engine(url)
    event.listen(engine, "connect", lambda conn, _rec: conn.execute("PRAGMA foreign_keys=ON"))
    return engine


def _columns(url, table: str) -> set[str]:
    engine = create_engine(url)
    with engine.connect() as conn:
        names = {c["name"] for c in inspect(conn).get_columns(table)}
    engine.dispose()
    return names


def test_0006_keeps_old_operations_attended_and_lines_unassigned_and_downgrades(tmp_path):
    url = URL.create("sqlite", database=str(tmp_path / "m.db"))
    migrate.upgrade(url, "0005")
    engine = _engine(url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO customers (id, name, contact_person, email, phone, address, tax_number, "
                          "notes, archived, created_at) VALUES (1, 'Walnut & Co', '', '', '', '', '', '', 0, "
                          "'2026-01-01')"))
        conn.execute(text("INSERT INTO workstations (id, code, name, kind, machine_rate, labour_rate, "
                          "overhead_rate, overhead_basis, capacity_hours_per_day, active) VALUES "
                          "(1, 'CNC', 'Router', 'machine', 4500, 3000, NULL, 'per_machine_hour', 800, 1)"))
        conn.execute(text("INSERT INTO jobs (id, number, customer_id, title, specification, quantity, due_date, "
                          "priority, status, notes, created_at, updated_at) VALUES (1, 'J-2026-0001', 1, "
                          "'Walnut table', '', 1, '2026-02-01', 'normal', 'planned', '', '2026-01-01', "
                          "'2026-01-01')"))
        conn.execute(text("INSERT INTO operations (id, job_id, sequence, op_number, name, instructions, "
                          "workstation_id, setup_minutes, run_minutes, inspection_required, status) VALUES "
                          "(1, 1, 1, 10, 'Cut top', '', 1, 3000, 12000, 0, 'pending')"))
        conn.execute(text("INSERT INTO bom_items (id, job_id, position, is_assembly, description, quantity, unit, "
                          "unit_cost) VALUES (1, 1, 1, 0, 'Walnut board', 2500, 'm2', 9000)"))
        conn.execute(text("INSERT INTO routing_templates (id, name, description, active) VALUES "
                          "(1, 'Table', '', 1)"))
        conn.execute(text("INSERT INTO routing_template_steps (id, template_id, sequence, name, instructions, "
                          "workstation_id, setup_minutes, run_minutes, inspection_required) VALUES "
                          "(1, 1, 1, 'Cut top', '', 1, 3000, 12000, 0)"))
    engine.dispose()

    migrate.upgrade(url, "0006")
    engine = _engine(url)
    with engine.begin() as conn:
        # Old data keeps its meaning: nobody said how long the run is attended, so all of it is.
        assert conn.execute(text("SELECT labour_run_minutes, run_minutes FROM operations")).one() == (None, 12000)
        assert conn.execute(text("SELECT labour_run_minutes FROM routing_template_steps")).scalar() is None
        assert conn.execute(text("SELECT operation_id, unit_cost FROM bom_items")).one() == (None, 9000)
        # A line can name its operation; removing the operation leaves the line on the job, unassigned.
        conn.execute(text("UPDATE operations SET labour_run_minutes = 3000 WHERE id = 1"))
        conn.execute(text("UPDATE bom_items SET operation_id = 1 WHERE id = 1"))
        conn.execute(text("DELETE FROM operations WHERE id = 1"))
        assert conn.execute(text("SELECT id, operation_id FROM bom_items")).one() == (1, None)
    engine.dispose()

    migrate.downgrade(url, "0005")
    assert "labour_run_minutes" not in _columns(url, "operations")
    assert "labour_run_minutes" not in _columns(url, "routing_template_steps")
    assert "operation_id" not in _columns(url, "bom_items")
    engine = create_engine(url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT description FROM bom_items")).scalar() == "Walnut board"
    engine.dispose()
    migrate.upgrade(url, "0006")
    assert "operation_id" in _columns(url, "bom_items")
