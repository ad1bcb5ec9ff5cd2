"""Storage faults named, not guessed: the database's own error codes mapped to the program's errors.

SQLite reports a result code on every error (``sqlite3.Error.sqlite_errorcode``; the primary code is
its low byte), PostgreSQL an SQLSTATE (``psycopg.Error.sqlstate``). Both map onto the same
``StorageFault`` kinds in ``domain.errors``, each with a message for the owner saying what to do and
the database's own words as copyable details. Anything not listed here (a foreign key broken, a
NOT NULL column left empty) stays what it is: a bug, for the crash dialog.
"""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError

from ..domain import errors as e

# SQLite primary result codes (sqlite.org/rescode.html)
_SQLITE = {
    3: e.ReadOnlyStorage,  # SQLITE_PERM
    5: e.DatabaseBusy,  # SQLITE_BUSY
    6: e.DatabaseBusy,  # SQLITE_LOCKED
    8: e.ReadOnlyStorage,  # SQLITE_READONLY
    10: e.StorageIOError,  # SQLITE_IOERR
    11: e.DamagedDatabase,  # SQLITE_CORRUPT
    13: e.DiskFull,  # SQLITE_FULL
    14: e.CannotOpenDatabase,  # SQLITE_CANTOPEN
    26: e.DamagedDatabase,  # SQLITE_NOTADB
}
_SQLITE_UNIQUE = {2067, 1555}  # SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY

# PostgreSQL SQLSTATEs (postgresql.org/docs/current/errcodes-appendix.html): exact codes, then classes.
_POSTGRES = {
    "40001": e.DatabaseBusy,  # serialization_failure
    "40P01": e.DatabaseBusy,  # deadlock_detected
    "55P03": e.DatabaseBusy,  # lock_not_available
    "57014": e.DatabaseBusy,  # query_canceled (a statement or lock timeout)
    "53100": e.DiskFull,  # disk_full
    "25006": e.ReadOnlyStorage,  # read_only_sql_transaction (a standby, or default_transaction_read_only)
    "42501": e.ReadOnlyStorage,  # insufficient_privilege
    "58030": e.StorageIOError,  # io_error
    "XX001": e.DamagedDatabase,  # data_corrupted
    "XX002": e.DamagedDatabase,  # index_corrupted
    "23505": e.DuplicateSave,  # unique_violation
}
_POSTGRES_CLASSES = {"08": e.CannotOpenDatabase, "53": e.DiskFull, "58": e.StorageIOError}

_MESSAGES = {
    e.DatabaseBusy: "The shop's database is busy: another program or another Workshop is saving. Nothing "
                    "was saved; wait a moment and try again. If it keeps happening, close the other "
                    "Workshop windows.",
    e.DiskFull: "The disk that holds the shop's database is full, so nothing was saved. Free some space "
                "(empty the recycle bin, move old files), then try again: what you typed is still here.",
    e.ReadOnlyStorage: "The shop's database can be read but not changed here (the file or its folder is "
                       "read-only, or the server allows reading only). Nothing was saved.",
    e.StorageIOError: "The disk or network could not read or write the shop's database. Nothing was saved. "
                      "Check the disk or the network connection, then try again.",
    e.DamagedDatabase: "The shop's database file is damaged. Nothing was saved. Do not delete it: close "
                       "Workshop and restore the newest backup (File ▸ Restore…).",
    e.CannotOpenDatabase: "The shop's database cannot be opened (the file, its folder or the server is not "
                          "reachable). Nothing was saved.",
    e.DuplicateSave: "Someone else saved the same number or code at the same moment, so this save was not "
                     "made. Try again: it will take the next one.",
}


def _kind(orig: BaseException) -> type[e.StorageFault] | None:
    sqlite_code = getattr(orig, "sqlite_errorcode", None)
    if sqlite_code is not None:
        if sqlite_code in _SQLITE_UNIQUE:
            return e.DuplicateSave
        return _SQLITE.get(sqlite_code & 0xFF)
    sqlstate = getattr(orig, "sqlstate", None)
    if sqlstate:
        return _POSTGRES.get(sqlstate) or _POSTGRES_CLASSES.get(sqlstate[:2])
    if _server_unreachable(orig):
        return e.CannotOpenDatabase
    return None


def _server_unreachable(orig: BaseException) -> bool:
    """psycopg's OperationalError with no SQLSTATE: the client could not reach the server or lost it
    (refused, timed out, the connection closed under a save), which a server never reports itself.
    Told by name: the driver is imported only where a server is used."""
    kind = type(orig)
    return kind.__name__ == "OperationalError" and kind.__module__.partition(".")[0] == "psycopg"


def storage_fault(exc: BaseException, where: str = "") -> e.StorageFault | None:
    """The program's error for a database error, or None when it is not a storage fault (a bug).
    ``where`` names the database (a file or a server) in the details."""
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    kind = _kind(orig) if orig is not None else None
    if kind is None:
        return None
    code = getattr(orig, "sqlite_errorname", None) or getattr(orig, "sqlstate", None) or ""
    details = "\n".join(part for part in (
        f"Database: {where}" if where else "",
        f"{type(orig).__name__} {code}: {str(orig).strip()}",
        f"While running: {' '.join(str(exc.statement).split())[:300]}" if isinstance(exc, DBAPIError) else "",
    ) if part)
    return kind(_MESSAGES[kind], details)
