"""0013 adds planning: the calendar settings default to a Monday-to-Friday 08:00-16:30 shop, every
workstation is one machine, and nothing is pinned or planned; its downgrade drops exactly that."""

from __future__ import annotations

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import URL

from workshop.db import migrate

NEW_TABLES = {"shop_holidays", "workstation_days_off", "job_orders", "quote_hours"}


def test_0013_gives_defaults_to_existing_rows_and_downgrades(tmp_path):
    url = URL.create("sqlite", database=str(tmp_path / "m.db"))
    migrate.upgrade(url, "0012")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE shop_settings SET company_name = 'Ash & Oak'"))
        conn.execute(text("INSERT INTO workstations (id, code, name, kind, machine_rate, labour_rate, "
                          "overhead_basis, capacity_hours_per_day, active) "
                          "VALUES (1, 'SAW', 'Panel saw', 'machine', 0, 0, 'per_labour_hour', 750, 1)"))
    engine.dispose()

    migrate.upgrade(url, "0013")
    engine = create_engine(url)
    with engine.begin() as conn:
        assert NEW_TABLES <= set(inspect(conn).get_table_names())
        settings = conn.execute(text("SELECT working_weekdays, day_start, day_end, job_order_prefix "
                                     "FROM shop_settings")).one()
        assert tuple(settings) == ("0,1,2,3,4", "08:00", "16:30", "JO")
        assert conn.execute(text("SELECT capacity_hours_per_day, parallel FROM workstations")).one() == (750, 1)
        job_columns = {c["name"] for c in inspect(conn).get_columns("jobs")}
        assert {"pinned_start", "planned_finish", "job_order_id", "kind"} <= job_columns
    engine.dispose()

    migrate.downgrade(url, "0012")
    engine = create_engine(url)
    with engine.begin() as conn:
        assert not NEW_TABLES & set(inspect(conn).get_table_names())
        assert "parallel" not in {c["name"] for c in inspect(conn).get_columns("workstations")}
        assert conn.execute(text("SELECT code FROM workstations")).scalar_one() == "SAW"
    engine.dispose()
