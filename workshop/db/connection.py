"""Making an engine: the connection settings every SQLite connection gets (foreign keys, busy
timeout, WAL with ``synchronous=FULL``, real ``BEGIN``). Both opening a database (engine.py) and
migrating one (migrate.py) build on this, so neither needs the other."""

from __future__ import annotations

import sqlite3

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Engine

#: Marks a SQLite file as ours ("WKSH"); anything else is refused.
APPLICATION_ID = 0x574B5348
BUSY_TIMEOUT_MS = 10_000


def is_sqlite(url: URL) -> bool:
    return url.get_backend_name() == "sqlite"


def _unicode_lower(value):
    return value.lower() if isinstance(value, str) else value


def make_engine(url: URL, *, foreign_keys: bool = True) -> Engine:
    if not is_sqlite(url):
        return create_engine(url, pool_pre_ping=True)

    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()
        # SQLite's lower() folds ASCII only; searches for "łódź" must find "Łódź".
        dbapi_connection.create_function("lower", 1, _unicode_lower, deterministic=True)

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:
        # Writers take the write lock up front: no "database is locked" half-way
        # through a save when a second writer got there first.
        mode = connection.get_execution_options().get("sqlite_begin", "IMMEDIATE")
        connection.exec_driver_sql(f"BEGIN {mode}")

    return engine


def checkpoint_quietly(engine: Engine) -> bool:
    """Copy what the write-ahead log holds into the database file now, while nobody is waiting.

    SQLite does this by itself inside the commit that takes the log past 1,000 pages: that commit
    then takes ~50 ms more (the pages are synced), which a person at the bench feels. Done between
    scans instead, the log stays short. PASSIVE never waits for a reader or writer, and a checkpoint
    that cannot run now (busy, read-only, full disk) is simply left for later: it is housekeeping,
    the data is safe in the log either way. True when it ran.
    """
    if engine.dialect.name != "sqlite":
        return False  # a server looks after its own log
    raw = engine.raw_connection()  # the driver's own: a checkpoint cannot run inside the BEGIN a Connection sends
    try:
        raw.driver_connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
        return True
    except sqlite3.Error:
        return False
    finally:
        raw.close()
