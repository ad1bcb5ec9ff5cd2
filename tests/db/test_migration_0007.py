"""0007 adds booking corrections (reverses_id, reason) to time logs, material issues and other
costs: existing entries keep their figures with an empty reason, an entry can be reversed at most
once, and the downgrade takes the columns away again."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import IntegrityError

from workshop.db import migrate


def _job_with_a_cost(conn) -> None:
    conn.execute(text("INSERT INTO customers (id, name, contact_person, email, phone, address, tax_number, notes, "
                      "archived, created_at) VALUES (1, 'Oak & Co', '', '', '', '', '', '', 0, '2026-01-01')"))
    conn.execute(text("INSERT INTO jobs (id, number, customer_id, title, specification, quantity, due_date, "
                      "priority, status, notes, created_at, updated_at) VALUES (1, 'J-2026-0001', 1, "
                      "'Walnut table', '', 1, '2026-02-01', 'normal', 'in_progress', '', '2026-01-01', "
                      "'2026-01-01')"))
    conn.execute(text("INSERT INTO other_costs (id, job_id, category, description, amount, incurred_on, created_at) "
                      "VALUES (1, 1, 'delivery', 'Van hire', 12050, '2026-01-05', '2026-01-05')"))


def test_0007_adds_corrections_keeps_figures_and_downgrades(tmp_path):
    url = URL.create("sqlite", database=str(tmp_path / "m.db"))
    migrate.upgrade(url, "0006")
    engine = create_engine(url)
    with engine.begin() as conn:
        _job_with_a_cost(conn)
    engine.dispose()

    migrate.upgrade(url, "0007")
    engine = create_engine(url)
    with engine.begin() as conn:
        row = conn.execute(text("SELECT amount, reverses_id, reason FROM other_costs WHERE id = 1")).one()
        assert tuple(row) == (12050, None, "")  # £120.50 kept to the penny, no correction
        for table in ("time_logs", "material_issues", "other_costs"):
            columns = {c["name"] for c in inspect(conn).get_columns(table)}
            assert {"reverses_id", "reason"} <= columns, table
        conn.execute(text("INSERT INTO other_costs (id, job_id, category, description, amount, incurred_on, "
                          "created_at, reverses_id, reason) VALUES (2, 1, 'delivery', 'Van hire', -12050, "
                          "'2026-01-06', '2026-01-06', 1, 'Booked to the wrong job')"))
    with pytest.raises(IntegrityError), engine.begin() as conn:  # reversed at most once
        conn.execute(text("INSERT INTO other_costs (id, job_id, category, description, amount, incurred_on, "
                          "created_at, reverses_id, reason) VALUES (3, 1, 'delivery', 'Van hire', -12050, "
                          "'2026-01-07', '2026-01-07', 1, 'Again')"))
    engine.dispose()

    migrate.downgrade(url, "0006")
    engine = create_engine(url)
    with engine.connect() as conn:
        for table in ("time_logs", "material_issues", "other_costs"):
            columns = {c["name"] for c in inspect(conn).get_columns(table)}
            assert not {"reverses_id", "reason"} & columns, table
        assert conn.execute(text("SELECT sum(amount) FROM other_costs")).scalar() == 0  # 12050 − 12050
    engine.dispose()

    migrate.upgrade(url, "0007")  # up again: the columns are back, the entries kept, no link restored
    engine = create_engine(url)
    with engine.connect() as conn:
        for table in ("time_logs", "material_issues", "other_costs"):
            columns = {c["name"] for c in inspect(conn).get_columns(table)}
            assert {"reverses_id", "reason"} <= columns, table
        assert conn.execute(text("SELECT id, amount, reverses_id, reason FROM other_costs ORDER BY id")).all() \
            == [(1, 12050, None, ""), (2, -12050, None, "")]
    engine.dispose()
