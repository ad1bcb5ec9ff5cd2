"""Opening the shop's database: the only module that knows about SQLite.

``open_database(target)`` takes a file path or a database URL and returns a
``Database`` ready for services, after it has

* refused a file that is not a Workshop database (``PRAGMA application_id``),
* refused a schema newer than this program, touching nothing,
* backed up and migrated (in one transaction) a database from an older version.

Every SQLite connection gets foreign keys on, a busy timeout, WAL journalling
with ``synchronous=FULL`` (durable on power loss, and background readers never
block the window's writes) and real ``BEGIN`` statements so that a unit of work
is one transaction (the pysqlite driver's own transaction handling is off):
see connection.py.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, inspect
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from ..domain.errors import DatabaseRefused, WorkshopError
from .connection import APPLICATION_ID, is_sqlite, make_engine
from .faults import storage_fault

Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def resolve_url(target: str | os.PathLike | None) -> URL:
    """``--db`` value, else ``WORKSHOP_DB``, else the file in the user's data folder."""
    if target is None:
        target = os.environ.get("WORKSHOP_DB") or None
    if target is None:
        from ..paths import default_database_path

        target = default_database_path()
    text = os.fspath(target)
    if "://" in text:
        return make_url(text)
    return URL.create("sqlite", database=str(Path(text).expanduser().resolve()))


@dataclass
class Database:
    """An open shop: the engine, the unit-of-work factory and the clock services use."""

    engine: Engine
    url: URL
    clock: Clock = utc_now

    def __post_init__(self) -> None:
        self._writer = sessionmaker(self.engine, expire_on_commit=False)
        read_engine = self.engine.execution_options(sqlite_begin="DEFERRED")
        self._reader = sessionmaker(read_engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One user action: commits when the block ends, rolls back everything on error. A storage
        fault (busy, disk full, read-only, damaged …) comes out as the program's own error."""
        with self._storage_faults_named(), self._writer() as session, session.begin():
            yield session

    @contextmanager
    def reader(self) -> Iterator[Session]:
        """A read-only look (lists, reports); never blocks a writer."""
        with self._storage_faults_named(), self._reader() as session, session.begin():
            yield session
            session.rollback()

    @contextmanager
    def _storage_faults_named(self) -> Iterator[None]:
        try:
            yield
        except DBAPIError as exc:
            fault = storage_fault(exc, self.display_name)
            if fault is None:
                raise  # not the storage's doing: a bug
            raise fault from exc

    def now(self) -> dt.datetime:
        return self.clock()

    def today(self) -> dt.date:
        return self.clock().astimezone().date()

    @property
    def display_name(self) -> str:
        if is_sqlite(self.url):
            return self.url.database or ":memory:"
        return self.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()


# --- opening -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Probe:
    """What an existing database holds, read without changing it."""

    exists: bool  # has tables (a Workshop schema, possibly old)
    revision: str | None


def _probe_sqlite(path: Path) -> Probe:
    if not path.exists() or path.stat().st_size == 0:
        return Probe(exists=False, revision=None)
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise DatabaseRefused(f"Cannot open {path.name}: {exc}.") from exc
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        revision = None
        if "alembic_version" in tables:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
    except sqlite3.DatabaseError as exc:
        raise DatabaseRefused(
            f"{path.name} is not a Workshop database (it is not a database file at all).", details=str(exc)
        ) from exc
    finally:
        conn.close()
    if app_id == APPLICATION_ID:
        return Probe(exists=True, revision=revision)
    if app_id == 0 and not tables:
        return Probe(exists=False, revision=None)
    raise DatabaseRefused(
        f"{path.name} is not a Workshop database, so it was not opened or changed.",
        details=f"application_id={app_id:#x}, tables: {', '.join(sorted(tables)) or 'none'}",
    )


def _probe_server(url: URL) -> Probe:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            if not tables:
                return Probe(exists=False, revision=None)
            if "alembic_version" not in tables:
                raise DatabaseRefused("That database holds other tables and is not a Workshop database.")
            revision = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
            return Probe(exists=True, revision=revision)
    finally:
        engine.dispose()


def probe(url: URL) -> Probe:
    if is_sqlite(url):
        if url.database in (None, "", ":memory:"):
            return Probe(exists=False, revision=None)
        return _probe_sqlite(Path(url.database))
    return _probe_server(url)


def open_database(target: str | os.PathLike | URL | None = None, *, clock: Clock = utc_now,
                  create: bool = True) -> Database:
    """Open (creating, or upgrading after a backup, as needed) the shop's database."""
    from . import revisions

    url = target if isinstance(target, URL) else resolve_url(target)
    if is_sqlite(url) and url.database not in (None, "", ":memory:"):
        folder = Path(url.database).parent
        if not folder.is_dir():
            raise WorkshopError(f"The folder {folder} does not exist.")
    found = probe(url)
    head = revisions.head_revision()
    if found.exists:
        if found.revision is not None and found.revision not in revisions.known_revisions():
            raise DatabaseRefused(
                "This database was saved by a newer version of Workshop. Install that version to open it; "
                "it has not been changed.",
                details=f"database schema {found.revision}, this program knows up to {head}",
            )
        if found.revision != head:
            from . import migrate  # Alembic is loaded only when there is something to upgrade
            from .backup import backup_before_migration

            backup_before_migration(url, found.revision)
            migrate.upgrade(url)
    elif create:
        from . import migrate

        migrate.upgrade(url)
    else:
        raise WorkshopError(f"There is no Workshop database at {url.database or url}.")
    engine = make_engine(url)
    return Database(engine=engine, url=url, clock=clock)
