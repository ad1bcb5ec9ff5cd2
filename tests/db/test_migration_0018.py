"""0018 gives each brief its edit version and who saved it last: briefs already there start at
version 1, by nobody; the downgrade drops the two columns and keeps the briefs."""

from __future__ import annotations

import sqlite3

from sqlalchemy.engine import URL

from workshop.db import migrate
from workshop.db.engine import open_database
from workshop.services import briefs, customers


def _columns(path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[1] for r in conn.execute("PRAGMA table_info(briefs)")]
    finally:
        conn.close()


def test_0018_versions_the_briefs_there_are_and_downgrades(tmp_path):
    path = tmp_path / "m.db"
    db = open_database(path)
    customer_id = customers.create_customer(db, name="Łódź Metal Works").id
    brief_id = briefs.create_brief(db, customer_id=customer_id, title="Gates").id
    db.close()
    url = URL.create("sqlite", database=str(path))

    migrate.downgrade(url, "0017")
    assert "version" not in _columns(path) and "updated_by" not in _columns(path)
    migrate.upgrade(url, "0018")
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT version, updated_by FROM briefs WHERE id = ?", (brief_id,)).fetchone() == (1, "")
    conn.close()

    db = open_database(path)
    saved = briefs.update_brief(db, brief_id, expected_version=1, title="Bronze gates")
    db.close()
    assert (saved.version, saved.updated_by, saved.title) == (2, db.author, "Bronze gates")

    migrate.downgrade(url, "0017")
    assert "version" not in _columns(path)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT title FROM briefs").fetchall() == [("Bronze gates",)]
    conn.close()
