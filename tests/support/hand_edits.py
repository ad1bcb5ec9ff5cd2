"""Changes made outside the program, as a hand edit or a half-written file would leave them: for the
tests of ``workshop check`` and ``--repair``."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text

SQLITE_ONLY = "writes a dangling row with foreign keys off, which PostgreSQL never allows"


def run(db, *statements: str, **params) -> None:
    """Statements through the database's own engine (SQLite or PostgreSQL)."""
    with db.engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement), params)


def raw_sqlite(db, *statements: str) -> None:
    """Statements on the closed SQLite file with foreign keys off (skips on PostgreSQL)."""
    if db.url.get_backend_name() != "sqlite":
        pytest.skip(SQLITE_ONLY)
    db.close()
    conn = sqlite3.connect(db.url.database)
    conn.execute("PRAGMA foreign_keys=OFF")
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()
