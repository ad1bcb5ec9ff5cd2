"""Opening the shop's database: the only module that knows about SQLite.

``open_database(target)`` takes a file path or a database URL and returns a
``Database`` ready for services, after it has

* told apart, with one error each (``probe``), what keeps a file from opening: a missing folder, a
  0-byte file, a file that is not SQLite at all or is another program's (``PRAGMA application_id``),
  a schema newer than this program, damaged pages (``PRAGMA quick_check``: ~2 ms on the demo shop, a
  second on ten years of one, so the window opens without it and has ``check_pages`` (page_check.py)
  read them off the GUI thread once it has painted),
  a file another program holds, a full disk, an unreadable or failing disk, touching nothing,
* refused a read-only file or folder for changes (``open_database(read_only=True)`` opens it for
  looking; every write is then refused, saying why),
* backed up and migrated (in one transaction) a database from an older version.

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
import errno
import importlib
import os
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, inspect
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from ..domain.errors import (CannotOpenDatabase, ChangedMeanwhile, DamagedDatabase, DiskFull, EmptyDatabaseFile,
                             ForeignDatabase, NewerSchema, ReadOnlyStorage, StorageFault, StorageIOError,
                             WorkshopError)
from . import notices
from .base import AUTHOR, CLOCK
from .connection import APPLICATION_ID, BUSY_TIMEOUT_MS, is_sqlite, make_engine
from .credentials import with_kept_password
from .faults import storage_fault
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

    @property
    def file_path(self) -> Path | None:
        """The SQLite file, or None for a server database or an in-memory one."""
        if is_sqlite(self.url) and self.url.database not in (None, "", ":memory:"):
            return _file_of(self.url)
        return None


# --- opening -----------------------------------------------------------------------------------

#: The first 16 bytes of every SQLite database file (sqlite.org/fileformat.html).
SQLITE_HEADER = b"SQLite format 3\x00"
#: How long the probe waits for another program's write to finish before calling the file busy.
PROBE_TIMEOUT_S = BUSY_TIMEOUT_MS / 1000


@dataclass(frozen=True)
class Probe:
    """What an existing database holds, read without changing it."""

    exists: bool  # has tables (a Workshop schema, possibly old)
    revision: str | None
    #: why the file can only be read here ("" when it can be written): "the file … is read-only" …
    read_only_reason: str = ""
    #: the folder cannot be written and the WAL file has no -shm beside it: only ``immutable=1`` reads it
    needs_immutable: bool = False


def _file_of(url: URL) -> Path:
    return Path(url.database)


def read_only_reason(path: Path) -> str:
    """Why ``path`` (a database file, existing or not) cannot be written here; "" when it can. A WAL
    database also needs its folder writable (for its -wal and -shm files)."""
    folder = path.parent
    if folder.is_dir() and not os.access(folder, os.W_OK):
        return f"its folder {folder} is read-only"
    if path.exists() and not os.access(path, os.W_OK):
        return f"the file {path.name} is read-only"
    return ""


def os_fault(exc: OSError, path: Path, doing: str) -> StorageFault:
    """The program's error for an operating-system error met while ``doing`` something to ``path``."""
    details = f"{doing} {path}: {exc.strerror or exc} (errno {exc.errno})"
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return DiskFull(f"The disk that holds {path.name} is full. Free some space (empty the recycle bin, "
                        "move old files), then try again.", details)
    if exc.errno == errno.EROFS:
        return ReadOnlyStorage(f"{path.name} is on a disk that can only be read, so it cannot be changed here.",
                               details)
    if exc.errno in (errno.EACCES, errno.EPERM):
        return CannotOpenDatabase(f"You are not allowed to open {path.name} (its permissions do not let you in). "
                                  "Ask whoever looks after this PC, or open another file.", details)
    if exc.errno == errno.ENOENT:
        return CannotOpenDatabase(f"{path.name} or its folder cannot be found. If it is on a network drive or a "
                                  "USB disk, connect it, then try again.", details)
    return StorageIOError(f"The disk or network failed while reading {path.name}. Check the disk or the "
                          "network connection, then try again.", details)


def missing_folder(path: Path) -> CannotOpenDatabase:
    folder = path.parent
    return CannotOpenDatabase(
        f"The folder {folder} does not exist (or cannot be reached), so {path.name} cannot be opened. "
        "If it is on a network drive or a USB disk, connect it, then try again.", details=str(path))


def _newer_schema(revision: str, where: str) -> NewerSchema:
    from . import revisions

    return NewerSchema(
        "This database was saved by a newer version of Workshop. Install that version to open it; "
        "it has not been changed.",
        details=f"{where}: database schema {revision}, this program knows up to {revisions.head_revision()}")


def _probe_sqlite(path: Path, *, quick_check: bool = True) -> Probe:
    from . import revisions

    folder = path.parent
    if not folder.is_dir():
        raise missing_folder(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return Probe(exists=False, revision=None, read_only_reason=read_only_reason(path))
    except OSError as exc:
        raise os_fault(exc, path, "Looking at") from exc
    if size == 0:
        raise EmptyDatabaseFile(
            f"{path.name} is empty (0 bytes): it holds no shop, so it was not opened or changed. It may be a "
            "copy that did not finish. Restore a backup, or open another file.", details=f"{path}: 0 bytes")
    try:
        with path.open("rb") as file:
            header = file.read(100)
    except OSError as exc:
        raise os_fault(exc, path, "Reading") from exc
    if not header.startswith(SQLITE_HEADER):
        raise ForeignDatabase(
            f"{path.name} is not a Workshop database (it is not a database file at all), so it was not opened "
            "or changed.", details=f"{path}: starts with {header[:16]!r}, not a SQLite header")
    if len(header) < 100:
        raise DamagedDatabase(f"{path.name} is damaged: the file is cut short ({size} bytes). It was not changed. "
                              "Restore the newest backup.", details=f"{path}: {size} bytes")
    reason = read_only_reason(path)
    wal = header[18] == 2 and header[19] == 2
    shm = path.with_name(path.name + "-shm")
    wal_file = path.with_name(path.name + "-wal")
    folder_read_only = reason.startswith("its folder")
    # sqlite.org/wal.html "read-only databases": without a -shm a WAL file in a folder that cannot be written
    # can only be read as immutable (which would ignore a -wal, so not when one holds changes)
    immutable = wal and folder_read_only and not shm.exists() and not (wal_file.exists() and wal_file.stat().st_size)
    uri = f"{path.as_uri()}?mode=ro" + ("&immutable=1" if immutable else "")
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=PROBE_TIMEOUT_S)
    except sqlite3.Error as exc:
        from .page_check import opening_fault  # page_check is loaded only when used: engine is on the start-up path

        raise opening_fault(exc, path) from exc
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        revision = None
        if "alembic_version" in tables:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
        damage: list[str] = []
        if app_id == APPLICATION_ID and quick_check:
            from .page_check import run_quick_check  # the window opens without the check

            damage = run_quick_check(conn)
    except sqlite3.Error as exc:
        from .page_check import opening_fault

        raise opening_fault(exc, path) from exc
    finally:
        conn.close()
    if app_id == APPLICATION_ID:
        if revision is not None and revision not in revisions.known_revisions():
            raise _newer_schema(revision, str(path))
        if damage and damage != ["ok"]:
            from .page_check import broken_pages

            raise broken_pages(path, damage)
        return Probe(exists=True, revision=revision, read_only_reason=reason, needs_immutable=immutable)
    if app_id == 0 and not tables:
        return Probe(exists=False, revision=None, read_only_reason=reason, needs_immutable=immutable)
    raise ForeignDatabase(
        f"{path.name} is not a Workshop database, so it was not opened or changed.",
        details=f"application_id={app_id:#x}, tables: {', '.join(sorted(tables)) or 'none'}",
    )


def _probe_server(url: URL) -> Probe:
    from . import revisions

    where = url.render_as_string(hide_password=True)
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            if not tables:
                return Probe(exists=False, revision=None)
            if "alembic_version" not in tables:
                raise ForeignDatabase("That database holds other tables and is not a Workshop database.",
                                      details=f"{where}: tables {', '.join(sorted(tables))}")
            revision = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
            if revision is not None and revision not in revisions.known_revisions():
                raise _newer_schema(revision, where)
            return Probe(exists=True, revision=revision)
    except DBAPIError as exc:
        fault = storage_fault(exc, where)
        if _login_refused(exc.orig):
            fault = CannotOpenDatabase(
                f"The server did not let “{url.username or 'you'}” in: the password is wrong or missing, or "
                "the server has no user of that name. Check them (File ▸ Open server… asks for the password), "
                "then try again.", details=f"{where}: {exc.orig}")
        elif fault is None or type(fault) is CannotOpenDatabase:
            fault = CannotOpenDatabase("The database server cannot be reached. Check the network and the "
                                       "server, then try again.", details=f"{where}: {exc.orig}")
        raise fault from exc
    finally:
        engine.dispose()


def _login_refused(orig: BaseException | None) -> bool:
    """The server asked for a password and none came, or refused the one that came (psycopg says so in
    words only: a failed connection has no SQLSTATE)."""
    pgconn = getattr(orig, "pgconn", None)
    return bool(pgconn is not None and pgconn.needs_password) or "password authentication failed" in str(orig)


def probe(url: URL, *, quick_check: bool = True) -> Probe:
    """What the database at ``url`` holds, read without changing it. Raises the program's own error for
    each thing that keeps it from being opened: a missing folder (CannotOpenDatabase), a 0-byte file
    (EmptyDatabaseFile), another program's file (ForeignDatabase), a newer schema (NewerSchema), damaged
    pages (DamagedDatabase, from ``PRAGMA quick_check`` on a SQLite file), a busy, unreadable or failing
    disk (DatabaseBusy, CannotOpenDatabase, StorageIOError). A read-only file or folder is no refusal here:
    ``Probe.read_only_reason`` says so."""
    if is_sqlite(url):
        if url.database in (None, "", ":memory:"):
            return Probe(exists=False, revision=None)
        return _probe_sqlite(_file_of(url), quick_check=quick_check)
    return _probe_server(url)


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
    path = _file_of(url) if is_sqlite(url) and url.database not in (None, "", ":memory:") else None
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


def read_only_reason_of(path: Path | None) -> str:
    return read_only_reason(path) if path is not None else ""


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
