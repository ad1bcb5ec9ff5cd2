"""The copy taken before an upgrade: through SQLite's online backup API, with every committed row,
even while another program is reading the file (more in tests/db/test_backups.py)."""

from __future__ import annotations

import sqlite3

from workshop.db.backup import backup_before_migration
from workshop.db.engine import open_database, resolve_url


def _customers(path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM customers ORDER BY id")]
    finally:
        conn.close()


def _add_customer(conn, name: str) -> None:
    with conn:
        conn.execute("INSERT INTO customers (name, contact_person, email, phone, address, tax_number, notes,"
                     " archived, created_at, country) VALUES (?, '', '', '', '', '', '', 0, '2026-01-01', '')",
                     (name,))


def test_a_file_another_program_is_reading_is_backed_up_with_every_committed_row(tmp_path):
    path = tmp_path / "shop.db"
    open_database(path).close()
    writer, reader = sqlite3.connect(path), sqlite3.connect(path, isolation_level=None)
    try:
        _add_customer(writer, "Ruth")
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM customers").fetchone()  # holds its snapshot open
        _add_customer(writer, "Tom")  # in the WAL, past the reader's snapshot: cannot be folded in yet

        backup = backup_before_migration(resolve_url(path), "0006")
        assert backup.parent == tmp_path / "backups"
        assert backup.name.startswith("shop-") and backup.name.endswith("-before-upgrade-from-0006.db")
        assert _customers(backup) == ["Ruth", "Tom"]
        assert [p.name for p in backup.parent.iterdir()] == [backup.name]  # no partial file left
    finally:
        reader.close()
        writer.close()
