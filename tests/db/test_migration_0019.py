"""0019 gives each invoice its edit version and who saved it last: invoices already there start at
version 1, by nobody; the downgrade drops the two columns and keeps the invoices."""

from __future__ import annotations

import sqlite3

from sqlalchemy.engine import URL

from workshop.db import migrate
from workshop.db.engine import open_database
from workshop.services import customers, invoices


def _columns(path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[1] for r in conn.execute("PRAGMA table_info(invoices)")]
    finally:
        conn.close()


def test_0019_versions_the_invoices_there_are_and_downgrades(tmp_path):
    path = tmp_path / "m.db"
    db = open_database(path)
    customer_id = customers.create_customer(db, name="Łódź Metal Works").id
    draft_id = invoices.create_draft(db, kind="manual", customer_id=customer_id,
                                     lines=[dict(description="Gate", quantity="1", unit_price="900.00")]).id
    db.close()
    url = URL.create("sqlite", database=str(path))

    migrate.downgrade(url, "0018")
    assert "version" not in _columns(path) and "updated_by" not in _columns(path)
    migrate.upgrade(url, "0019")
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT version, updated_by FROM invoices WHERE id = ?", (draft_id,)).fetchone() == (1, "")
    conn.close()

    db = open_database(path)
    saved = invoices.update_draft(db, draft_id, expected_version=1, notes="Painted black")
    db.close()
    assert (saved.version, saved.updated_by, saved.notes) == (2, db.author, "Painted black")

    migrate.downgrade(url, "0018")
    assert "version" not in _columns(path)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT notes FROM invoices").fetchall() == [("Painted black",)]
    conn.close()
