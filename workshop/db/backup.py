"""Copies of the shop's database, taken before anything risky (a migration) and on demand."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
from pathlib import Path

from sqlalchemy.engine import URL


def backup_sqlite(source: Path, destination: Path) -> Path:
    """A consistent copy through SQLite's online backup API (safe while the file is in use)."""
    src = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(destination)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return destination


def copy_while_locked(source: Path, destination: Path) -> bool:
    """A byte-for-byte copy: the WAL folded into the file and the write lock held, so nothing can
    change the file while it is copied (the online backup API would rewrite the copy's header
    counters). False, with nothing written, when another program is using the file: then nobody
    waits on it, the online backup API copies it instead."""
    conn = sqlite3.connect(source, isolation_level=None, timeout=0)
    try:
        if conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]:
            return False  # a reader elsewhere holds frames the file does not have yet
        conn.execute("BEGIN IMMEDIATE")
        try:
            wal = source.with_name(source.name + "-wal")
            if wal.exists() and wal.stat().st_size:
                return False  # someone wrote between the checkpoint and the lock
            partial = destination.with_name(destination.name + ".partial")
            try:
                shutil.copyfile(source, partial)
                os.replace(partial, destination)
            finally:
                partial.unlink(missing_ok=True)  # a full disk leaves no half copy behind
        finally:
            conn.execute("ROLLBACK")
    except sqlite3.OperationalError:  # "database is locked": a writer elsewhere
        return False
    finally:
        conn.close()
    return True


def backup_before_migration(url: URL, revision: str | None) -> Path | None:
    """Back up a SQLite file next to itself before upgrading it. A server database is the
    administrator's to back up (pg_dump), so nothing is done for one."""
    if url.get_backend_name() != "sqlite" or not url.database:
        return None
    source = Path(url.database)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    destination = source.with_name(f"{source.stem}.before-upgrade-{revision or 'base'}-{stamp}{source.suffix}")
    if copy_while_locked(source, destination):
        return destination
    return backup_sqlite(source, destination)
