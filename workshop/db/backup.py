"""Copies of the shop's database, taken before anything risky (a migration) and on demand."""

from __future__ import annotations

import datetime as dt
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


def backup_before_migration(url: URL, revision: str | None) -> Path | None:
    """Back up a SQLite file next to itself before upgrading it. A server database is the
    administrator's to back up (pg_dump), so nothing is done for one."""
    if url.get_backend_name() != "sqlite" or not url.database:
        return None
    source = Path(url.database)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    destination = source.with_name(f"{source.stem}.before-upgrade-{revision or 'base'}-{stamp}{source.suffix}")
    return backup_sqlite(source, destination)
