"""Opening a shop only to read it, for ``workshop check`` and the repair: a read-only SQLite
connection (or the file as it stands, ``immutable``), one transaction for one consistent picture,
and storage faults named as the program's own errors."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, create_engine, event
from sqlalchemy.engine import URL, Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from ..domain import errors as e
from .connection import is_sqlite
from .faults import storage_fault

#: How long a reader waits for a writer's lock before saying the shop is busy.
BUSY_TIMEOUT_S = 5.0


def refuse_what_is_not_a_database(path: Path) -> None:
    """A missing or empty file says so (the probe takes both for "no shop yet", which is right for
    opening a new shop and wrong for checking one)."""
    if not path.parent.is_dir():
        raise e.CannotOpenDatabase(f"The folder {path.parent} does not exist, so there is no database to check.")
    if not path.exists():
        raise e.CannotOpenDatabase(f"There is no database at {path}.")
    if path.is_dir():
        raise e.CannotOpenDatabase(f"{path} is a folder, not a database file.")
    if path.stat().st_size == 0:
        raise e.EmptyDatabaseFile(
            f"{path.name} is empty (0 bytes): it holds no shop. It is most likely a copy that failed. Restore a "
            "backup (workshop backups lists them; workshop restore FILE), or give the right file with --db.")


def read_only_notes(path: Path) -> list[str]:
    if not os.access(path.parent, os.W_OK):
        return [f"The folder {path.parent} is read-only here: the shop can be read but not changed."]
    if not os.access(path, os.W_OK):
        return [f"The file {path.name} is read-only here: the shop can be read but not changed."]
    return []


def sqlite_reader(path: Path, immutable: bool = False) -> Engine:
    """An engine that can only read ``path`` (``mode=ro``), or its file as it stands (``immutable``)."""
    uri = f"{path.as_uri()}?mode=ro{'&immutable=1' if immutable else ''}"

    def connect() -> sqlite3.Connection:
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S, check_same_thread=False)
        conn.isolation_level = None  # BEGIN is emitted below: one read transaction, one picture
        return conn

    engine = create_engine("sqlite://", creator=connect, poolclass=NullPool)

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:
        connection.exec_driver_sql("BEGIN")

    return engine


@contextmanager
def reading(url: URL, *, immutable: bool = False) -> Iterator[Connection]:
    """One read-only transaction on the database, storage faults named."""
    where = url.database if is_sqlite(url) else url.render_as_string(hide_password=True)
    if is_sqlite(url):
        engine = sqlite_reader(Path(url.database), immutable)
    else:
        engine = create_engine(url, poolclass=NullPool)
    try:
        with faults_named(where), engine.connect() as conn:
            if not is_sqlite(url):
                conn = conn.execution_options(postgresql_readonly=True)
            with conn.begin():
                yield conn
    finally:
        engine.dispose()


@contextmanager
def faults_named(where: str) -> Iterator[None]:
    try:
        yield
    except DBAPIError as exc:
        fault = storage_fault(exc, where)
        if fault is None:
            raise
        raise fault from exc
