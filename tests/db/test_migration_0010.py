"""0010 adds set_aside_rows (where ``workshop check --repair`` moves bad rows); its downgrade drops it and
nothing else."""

from __future__ import annotations

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import URL

from workshop.db import migrate


def test_0010_adds_set_aside_rows_and_downgrades(tmp_path):
    url = URL.create("sqlite", database=str(tmp_path / "m.db"))
    migrate.upgrade(url, "0009")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE shop_settings SET company_name = 'Łódź Joinery'"))
        assert "set_aside_rows" not in inspect(conn).get_table_names()
    engine.dispose()

    migrate.upgrade(url, "0010")
    engine = create_engine(url)
    with engine.begin() as conn:
        columns = {c["name"]: c["nullable"] for c in inspect(conn).get_columns("set_aside_rows")}
        assert columns == {"id": False, "table_name": False, "row_id": False, "row_json": False, "reason": False,
                           "set_aside_at": False}
        assert [i["column_names"] for i in inspect(conn).get_indexes("set_aside_rows")] == [["table_name"]]
        conn.execute(text("INSERT INTO set_aside_rows (table_name, row_id, row_json, reason, set_aside_at) "
                          "VALUES ('jobs', '7', '{\"id\": 7}', 'its customer 99 is missing', '2026-12-01 03:00:00')"))
        assert conn.execute(text("SELECT table_name, row_id FROM set_aside_rows")).one() == ("jobs", "7")
    engine.dispose()

    migrate.downgrade(url, "0009")
    engine = create_engine(url)
    with engine.connect() as conn:
        assert "set_aside_rows" not in inspect(conn).get_table_names()
        assert conn.execute(text("SELECT company_name FROM shop_settings")).scalar() == "Łódź Joinery"
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0009"
    engine.dispose()
