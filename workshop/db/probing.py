"""Looking at a shop's database without working in it: ``probe(url)`` tells, with one error each, what
keeps a database from opening, touching nothing.

On a SQLite file: a missing folder, a 0-byte file, a file that is not SQLite at all or is another
program's (``PRAGMA application_id``), a schema newer than this program, damaged pages (``PRAGMA
quick_check``: ~2 ms on the demo shop, a second on ten years of one, so the window opens without it and
has ``check_pages`` (page_check.py) read them off the GUI thread once it has painted), a file another
program holds, a full disk, an unreadable or failing disk; and whether the file or its folder can only
be read here (``read_only_reason``). On a server: one that cannot be reached, a login refused, a
database that holds other tables, a newer schema.

``os_fault`` names an operating-system error met on the file as the program's own error (also for
engine.py's writes beside it and lock.py's lock file). Opening the shop to work in it is engine.py's.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, inspect
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from ..domain.errors import (CannotOpenDatabase, DamagedDatabase, DiskFull, EmptyDatabaseFile, ForeignDatabase,
                             NewerSchema, ReadOnlyStorage, StorageFault, StorageIOError)
from .connection import APPLICATION_ID, BUSY_TIMEOUT_MS, is_sqlite
from .credentials import is_kept_password
from .faults import storage_fault

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


def file_of(url: URL) -> Path:
    """The file a ``sqlite:`` URL names."""
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


def read_only_reason_of(path: Path | None) -> str:
    return read_only_reason(path) if path is not None else ""


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
            fault = CannotOpenDatabase(_refused_login(url), details=f"{where}: {exc.orig}")
        elif fault is None or type(fault) is CannotOpenDatabase:
            fault = CannotOpenDatabase("The database server cannot be reached. Check the network and the "
                                       "server, then try again.", details=f"{where}: {exc.orig}")
        raise fault from exc
    finally:
        engine.dispose()


def _refused_login(url: URL) -> str:
    """What to do about a refused login; a password the owner never typed (the keyring's) is named."""
    if is_kept_password(url):
        return (f"The server did not let “{url.username}” in with the password kept in this PC's keyring: it may "
                "have been changed on the server since, or the server has no user of that name. Open the server "
                "again (File ▸ Open server…) and type the password, with Remember ticked to keep the new one.")
    return (f"The server did not let “{url.username or 'you'}” in: the password is wrong or missing, or the server "
            "has no user of that name. Check them (File ▸ Open server… asks for the password), then try again.")


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
        return _probe_sqlite(file_of(url), quick_check=quick_check)
    return _probe_server(url)
