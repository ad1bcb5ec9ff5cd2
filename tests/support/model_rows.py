"""Every row of every models' table of a SQLite file, for comparing two shops row for row
(``workshop migrate-to``'s tests)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from workshop.db.base import Base


def model_rows(path: Path) -> dict[str, list[tuple]]:
    """Every row of every models' table (and the schema's revision), in key order."""
    conn = sqlite3.connect(path)
    try:
        rows = {t.name: conn.execute(f'SELECT * FROM "{t.name}" ORDER BY '
                                     + ", ".join(c.name for c in t.primary_key.columns)).fetchall()
                for t in Base.metadata.sorted_tables}
        rows["alembic_version"] = conn.execute("SELECT * FROM alembic_version").fetchall()
        return rows
    finally:
        conn.close()
