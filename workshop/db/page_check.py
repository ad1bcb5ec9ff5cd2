"""The page check: SQLite's ``PRAGMA quick_check`` over a shop's file, and the program's errors for a
file whose pages cannot be read.

``open_database`` (engine.py) reads every page while it opens a file unless told not to; the window
opens without it (a second on ten years of a shop) and runs ``check_pages`` off the GUI thread once it
has painted. ``opening_fault`` words what SQLite says while a file is opened or checked (damaged, busy,
a full disk …) for someone who was opening it, not saving. Nothing here writes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from ..domain.errors import (CannotOpenDatabase, DamagedDatabase, DatabaseBusy, DiskFull, ReadOnlyStorage,
                             StorageFault, StorageIOError)
from .connection import BUSY_TIMEOUT_MS
from .faults import storage_fault

#: How long the check waits for another program's write to finish before calling the file busy (the
#: probe's wait, probing.PROBE_TIMEOUT_S).
CHECK_TIMEOUT_S = BUSY_TIMEOUT_MS / 1000


def opening_fault(exc: BaseException, path: Path) -> StorageFault:
    """A database error met while opening ``path``, as the program's error with words that fit opening
    (nothing was being saved)."""
    fault = storage_fault(exc, str(path))
    details = fault.details if fault is not None else f"Database: {path}\n{type(exc).__name__}: {exc}"
    kind = type(fault) if fault is not None else DamagedDatabase
    if kind is StorageIOError and no_room(details, path):
        kind = DiskFull  # SQLite says "disk I/O error" (SQLITE_IOERR_SHMSIZE) when its -shm cannot grow
    name = path.name
    messages = {
        DamagedDatabase: f"{name} is damaged: SQLite cannot read all of it. It was not changed. Do not delete "
                         "it; restore the newest backup, or copy out what can still be read with “workshop check --salvage”.",
        DatabaseBusy: f"{name} is being changed by another program right now, so it cannot be opened. Close "
                      "the other program (or wait until it finishes), then try again.",
        DiskFull: f"The disk that holds {name} is full, so it cannot be opened (Workshop needs a little room "
                  "beside it to work). Free some space (empty the recycle bin, move old files), then try again.",
        ReadOnlyStorage: f"{name} can only be read here (the file or its folder is read-only), so it cannot "
                         "be opened for changes.",
        StorageIOError: f"The disk or network failed while reading {name}. Check the disk or the network "
                        "connection, then try again.",
        CannotOpenDatabase: f"{name} cannot be opened: the file or its folder is not reachable, or you are "
                            "not allowed to open it.",
    }
    return kind(messages.get(kind, fault.message if fault else str(exc)), details)


def no_room(details: str, path: Path) -> bool:
    """Whether a fault met beside ``path`` (its ``details``) came of a full disk."""
    import shutil

    if "SHMSIZE" in details:
        return True
    try:
        return shutil.disk_usage(path.parent).free < 256 * 1024
    except OSError:
        return False


def run_quick_check(conn: sqlite3.Connection) -> list[str]:
    """``PRAGMA quick_check``'s first 20 findings (``["ok"]`` when the pages are sound)."""
    return [row[0] for row in conn.execute("PRAGMA quick_check(20)")]


def broken_pages(path: Path, damage: list[str]) -> DamagedDatabase:
    return DamagedDatabase(
        f"{path.name} is damaged: SQLite's check found broken pages. It was not changed. Do not delete "
        "it; restore the newest backup, or copy out what can still be read with “workshop check --salvage”.",
        details=f"{path}: PRAGMA quick_check\n" + "\n".join(damage))


def check_pages(path: Path, cancelled: Callable[[], bool] = lambda: False) -> bool:
    """``PRAGMA quick_check`` over the whole SQLite file at ``path``, on a read-only connection of its
    own, so it can run off the GUI thread once a window shows the shop (it reads every page: about a
    second on ten years of a shop, which ``open_database(quick_check=False)`` leaves to it). Raises
    DamagedDatabase when pages are broken (and the program's error for a file that cannot be read);
    True when they are sound, False when ``cancelled()`` (asked every 20 ms) stopped it."""
    import threading

    try:
        conn = sqlite3.connect(f"{Path(path).as_uri()}?mode=ro", uri=True, timeout=CHECK_TIMEOUT_S,
                               check_same_thread=False)
    except sqlite3.Error as exc:
        raise opening_fault(exc, Path(path)) from exc
    done, stopped = threading.Event(), threading.Event()

    def watch() -> None:  # the check is one long step for SQLite: only an interrupt stops it at once
        while not done.wait(0.02):
            if cancelled():
                stopped.set()
                conn.interrupt()
                return

    watcher = threading.Thread(target=watch, name="check_pages", daemon=True)
    watcher.start()
    try:
        damage = run_quick_check(conn)
    except sqlite3.Error as exc:
        if stopped.is_set():
            return False
        raise opening_fault(exc, Path(path)) from exc
    finally:
        done.set()
        watcher.join()
        conn.close()
    if damage != ["ok"]:
        raise broken_pages(Path(path), damage)
    return True
