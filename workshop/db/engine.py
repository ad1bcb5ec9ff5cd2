"""Opening the shop's database to work in it: the only module that knows about SQLite.

``resolve_url(target)`` turns a ``--db`` value (a file path or a database URL) into the URL to open;
``open_database(target)`` returns a ``Database`` ready for services (an engine, a session per user
action, the clock), after it has

* looked at it without changing it (probing.py's ``probe``: one error each for what keeps it from
  opening: a missing folder, a 0-byte, foreign, newer or damaged file, a server that cannot be
  reached …),
* refused a read-only file or folder for changes (``open_database(read_only=True)`` opens it for
  looking; every write is then refused, saying why),
* backed up and migrated (in one transaction) a database from an older version.

``set_aside_damaged`` renames a damaged file aside for its backup to take its place.

Who may write (the lock file beside the database) is db/lock.py's, taken by the window and by
commands that replace the file, not here: tests open one file many times.

Every SQLite connection gets foreign keys on, a busy timeout, WAL journalling
with ``synchronous=FULL`` (durable on power loss, and background readers never
block the window's writes) and real ``BEGIN`` statements so that a unit of work
is one transaction (the pysqlite driver's own transaction handling is off):
see connection.py.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from ..domain.errors import (CannotOpenDatabase, ChangedMeanwhile, DiskFull, EmptyDatabaseFile, ReadOnlyStorage,
                             StorageFault, StorageIOError, WorkshopError)
from . import notices
from .base import AUTHOR, CLOCK
from .connection import checkpoint_quietly, is_sqlite, make_engine
from .credentials import with_kept_password
from .faults import storage_fault
from .probing import Probe, file_of, os_fault, probe, read_only_reason_of
from .who import this_author

Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


#: What is said when the PostgreSQL driver is missing (a checkout installed before it was a dependency).
NO_DRIVER = ("A PostgreSQL server needs the psycopg driver, which Workshop installs with itself but is missing "
             "here. In a checkout run scripts/run once more (it installs what is missing), or "
             "“.venv/bin/pip install 'psycopg[binary]'”; the bundle (dist/workshop) includes it.")


def resolve_url(target: str | os.PathLike | None) -> URL:
    """``--db`` value, else ``WORKSHOP_DB``, else the file in the user's data folder. A server's URL that
    gives no password gets the one kept in this PC's keyring for its login, as Open Recent opens it (with
    none kept there libpq reads its password file)."""
    if target is None:
        target = os.environ.get("WORKSHOP_DB") or None
    if target is None:
        from ..paths import default_database_path

        target = default_database_path()
    text = os.fspath(target)
    if "://" in text:
        url, _ = with_kept_password(_server_driver(make_url(text)))
        return url
    return URL.create("sqlite", database=str(Path(text).expanduser().resolve()))


def _server_driver(url: URL) -> URL:
    """``postgresql://`` means psycopg (3), the driver Workshop ships with, not SQLAlchemy's default
    psycopg2; and a missing psycopg is said plainly, with how to install it, instead of a traceback."""
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    if url.drivername != "postgresql+psycopg":
        return url
    try:
        importlib.import_module("psycopg")  # only whether it is there
    except ImportError as exc:
        raise WorkshopError(NO_DRIVER, details=str(exc)) from exc
    return url


@dataclass
class Database:
    """An open shop: the engine, the unit-of-work factory and the clock services use."""

    engine: Engine
    url: URL
    clock: Clock = utc_now
    #: opened for reading only (a read-only file or folder, or another PC holds the shop): every save
    #: is refused with ``read_only_reason`` in its message
    read_only: bool = False
    read_only_reason: str = ""
    #: who saves through this Database ("anna on OFFICE-PC"), kept on the rows that say who changed
    #: them last (a job), so another person's save of an older version can name them
    author: str = field(default_factory=this_author)
    #: this Database's own mark on what it announces to other windows (db.notices): its own are not news
    origin: str = field(default_factory=lambda: uuid.uuid4().hex)

    def __post_init__(self) -> None:
        self._on_close: list[Callable[[], object]] = []
        writer = self.engine
        if self.read_only:  # no write lock to take up front; a write is refused by the database itself
            writer = self.engine.execution_options(sqlite_begin="DEFERRED", postgresql_readonly=True)
        self._writer = sessionmaker(writer, expire_on_commit=False, info={AUTHOR: self.author, CLOCK: self.now})
        if notices.announces(self) and not self.read_only:  # the other windows on the server hear each save
            notices.announce_commits(self._writer, self.origin)
        read_engine = self.engine.execution_options(sqlite_begin="DEFERRED")
        self._reader = sessionmaker(read_engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One user action: commits when the block ends, rolls back everything on error. A storage
        fault (busy, disk full, read-only, damaged …) comes out as the program's own error."""
        if not self.read_only:
            with self._storage_faults_named(), self._writer() as session, session.begin():
                yield session
            return
        # Read-only: services that only read work as usual; the first write is refused, saying why.
        try:
            with self._storage_faults_named(), self._writer() as session, session.begin():
                yield session
        except ReadOnlyStorage as exc:
            raise ReadOnlyStorage(
                f"This shop is open read-only because {self.read_only_reason or 'it was opened that way'}. "
                "Nothing was saved.",
                details=f"Database: {self.display_name} (opened read-only)\n{exc.details}") from exc

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
        except StaleDataError as exc:  # a versioned row (a job) saved by another in the same moment
            raise ChangedMeanwhile(
                "Someone else saved a change to the same record at the same moment, so yours was not saved. "
                "Look at it again, then save once more.", details=f"Database: {self.display_name}\n{exc}") from exc
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

    def when_closed(self, fn: Callable[[], object]) -> None:
        """Call ``fn`` as the shop is closed, before its connections go (a window's change listener)."""
        self._on_close.append(fn)

    def close(self) -> None:
        for fn in self._on_close:
            fn()
        self._on_close.clear()
        self.engine.dispose()

    def tidy_log(self) -> bool:
        """Checkpoint a shop file's write-ahead log now, never waiting (``connection.checkpoint_quietly``):
        housekeeping between a terminal's scans. True when it ran; never for a server or a shop opened
        for reading."""
        return not self.read_only and checkpoint_quietly(self.engine)

    @property
    def file_path(self) -> Path | None:
        """The SQLite file, or None for a server database or an in-memory one."""
        if is_sqlite(self.url) and self.url.database not in (None, "", ":memory:"):
            return file_of(self.url)
        return None


# --- opening -----------------------------------------------------------------------------------


def _read_only_url(path: Path, immutable: bool) -> URL:
    query = {"mode": "ro", "uri": "true"}
    if immutable:
        query["immutable"] = "1"
    return URL.create("sqlite", database=path.as_uri(), query=query)


def _check_first_read(db: Database) -> None:
    """One read now, so a -wal/-shm that cannot be made (full disk, read-only folder) or a busy file is
    met here, as the program's error, rather than in the first tab."""
    try:
        with db.reader() as session:
            session.connection().exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
    except StorageFault as fault:
        from .page_check import no_room

        db.close()
        path = db.file_path
        if isinstance(fault, StorageIOError) and path is not None and no_room(fault.details, path):
            # SQLite says "disk I/O error" (SQLITE_IOERR_SHMSIZE) when its -shm file cannot grow
            raise DiskFull(f"The disk that holds {path.name} is full, so it cannot be opened (Workshop needs a "
                           "little room beside it to work). Free some space (empty the recycle bin, move old "
                           "files), then try again.", fault.details) from fault
        raise


def open_database(target: str | os.PathLike | URL | None = None, *, clock: Clock = utc_now,
                  create: bool = True, read_only: bool = False, read_only_reason: str = "",
                  start_in_empty: bool = False, quick_check: bool = True) -> Database:
    """Open (creating, or upgrading after a backup, as needed) the shop's database.

    ``read_only``: open for reading only (SQLite ``mode=ro``, and ``immutable=1`` when the folder cannot
    be written); ``read_only_reason`` says why, for the refusal every save then gets. A file that cannot
    be written is refused with ReadOnlyStorage unless opened read-only. ``start_in_empty`` (with
    ``create``): a 0-byte file is made into a new shop instead of being refused with EmptyDatabaseFile
    (only when the owner has said so). ``quick_check=False``: the pages are not all read now (a second on
    ten years of a shop): the caller runs ``page_check.check_pages`` later (the window does, once it has painted)."""
    from . import revisions

    url = target if isinstance(target, URL) else resolve_url(target)
    path = file_of(url) if is_sqlite(url) and url.database not in (None, "", ":memory:") else None
    try:
        found = probe(url, quick_check=quick_check)
    except EmptyDatabaseFile:
        if not (create and start_in_empty) or read_only:
            raise
        found = Probe(exists=False, revision=None, read_only_reason=read_only_reason_of(path))
    head = revisions.head_revision()
    if read_only:
        if not found.exists:
            raise CannotOpenDatabase(f"There is no Workshop database at {url.database or url} to look at.")
        if found.revision != head:
            raise ReadOnlyStorage(
                "This database was saved by an older version of Workshop and must be upgraded before it can be "
                "used, which needs write access. Open it where it can be changed (it has not been changed).",
                details=f"database schema {found.revision}, this program needs {head}")
        reason = read_only_reason or (f"{found.read_only_reason}" if found.read_only_reason else "")
        engine = make_engine(_read_only_url(path, found.needs_immutable)) if path is not None else make_engine(url)
        db = Database(engine=engine, url=url, clock=clock, read_only=True,
                      read_only_reason=reason or "it was opened for looking only")
        if path is not None:
            _check_first_read(db)
        return db
    if path is not None and found.read_only_reason:
        raise ReadOnlyStorage(
            f"{path.name} can only be read here: {found.read_only_reason}. You can open it read-only to look "
            "things up; to make changes, copy it somewhere you can write to, or ask whoever looks after the "
            "PC or the network folder for write access.", details=str(path))
    try:
        if found.exists:
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
    except (sqlite3.Error, DBAPIError) as exc:
        fault = storage_fault(exc, str(path or url))
        if fault is None:
            raise
        raise fault from exc
    except OSError as exc:
        if path is None or exc.errno is None:
            raise  # not the operating system's word on a file: a bug
        raise os_fault(exc, path, "Writing beside") from exc
    engine = make_engine(url)
    db = Database(engine=engine, url=url, clock=clock)
    if path is not None:
        _check_first_read(db)
    return db


def set_aside_damaged(path: Path, now: dt.datetime | None = None) -> Path:
    """Rename a damaged shop file aside, with its -wal and -shm (``shop.damaged-20261201-081500.db``),
    so a backup can take its place and nothing of it is lost. Returns the new name of the file."""
    stamp = (now or dt.datetime.now()).astimezone().strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.stem}.damaged-{stamp}{path.suffix}")
    number = 1
    while aside.exists():
        number += 1
        aside = path.with_name(f"{path.stem}.damaged-{stamp}-{number}{path.suffix}")
    try:
        for suffix in ("-wal", "-shm", ""):  # the main file last: until it moves, the shop is whole
            source = path.with_name(path.name + suffix)
            if source.exists():
                os.replace(source, aside.with_name(aside.name + suffix))
    except OSError as exc:
        raise os_fault(exc, path, "Renaming aside") from exc
    return aside
