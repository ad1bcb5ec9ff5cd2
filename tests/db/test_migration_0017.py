"""0017 gives each customer its edit version and who saved it last: customers already there start at
version 1, by nobody; the downgrade drops the two columns and keeps the customers."""

from __future__ import annotations

import sqlite3

from sqlalchemy.engine import URL

from workshop.db import migrate
from workshop.db.engine import open_database
from workshop.services import customers


def _columns(path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[1] for r in conn.execute("PRAGMA table_info(customers)")]
    finally:
        conn.close()


def test_0017_versions_the_customers_there_are_and_downgrades(tmp_path):
    path = tmp_path / "m.db"
    db = open_database(path)
    customer_id = customers.create_customer(db, name="Łódź Metal Works").id
    db.close()
    url = URL.create("sqlite", database=str(path))

    migrate.downgrade(url, "0016")
    assert "version" not in _columns(path) and "updated_by" not in _columns(path)
    migrate.upgrade(url, "0017")
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT version, updated_by FROM customers WHERE id = ?", (customer_id,)).fetchone() == (1, "")
    conn.close()

    db = open_database(path)
    saved = customers.update_customer(db, customer_id, expected_version=1, phone="+48 42 000 00 00")
    db.close()
    assert (saved.version, saved.updated_by, saved.phone) == (2, db.author, "+48 42 000 00 00")

    migrate.downgrade(url, "0016")
    assert "version" not in _columns(path)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT name, phone FROM customers").fetchall() == [("Łódź Metal Works", "+48 42 000 00 00")]
    conn.close()
