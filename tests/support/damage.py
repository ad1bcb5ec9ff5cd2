"""Damaging a SQLite file's page on purpose, the same way every run."""

from __future__ import annotations

import sqlite3


def scribble_root_page(path, object_name: str) -> None:
    """Overwrite the first page (the root) of a table or index with 0xff, its header included.

    0xff is no b-tree page type, so SQLite refuses the page whenever it is read. Scribbling only past
    the header left the page type valid and the cell pointers 0xffff, which SQLite masks to the page's
    last byte and reads a cell from there, past the page into memory that differs from run to run:
    now and then a row of garbage came back instead of an error (a flaky test)."""
    conn = sqlite3.connect(path)
    try:
        # Every page in the file itself first: a page still in the WAL (a connection left open elsewhere
        # keeps the last close from folding it in) would be read from there, unharmed.
        busy, _log, _moved = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        assert busy == 0, "another connection kept the WAL from being folded into the file"
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (object_name,)).fetchone()[0]
    finally:
        conn.close()
    assert root > 1, "page 1 holds the file's header and the list of tables"
    with open(path, "r+b") as file:
        file.seek((root - 1) * page_size)
        file.write(b"\xff" * page_size)
