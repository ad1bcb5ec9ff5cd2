"""Backups that check themselves, kept on a rotation in a folder beside the shop's file, and restore.

A backup is made with SQLite's online backup API (every committed row, the WAL included, while the
window keeps working) into ``NAME.partial`` in the destination folder, then checked with
``PRAGMA integrity_check``, switched to a plain rollback journal (one self-contained file), flushed
to the disk, and only then renamed into place. A backup that cannot be made (no room, a damaged
source) leaves no partial file behind.

Backups live in ``backups/`` beside the data file, named by the shop file's name, the local time
and the kind, so the list can be read back from the names alone:
``shop-2026-12-01-093012-daily.db``. Kinds:

* ``daily``: the automatic one (``backup_schedule.daily_backup``), on the first start of a day when something changed since the
  newest backup. Kept on a rotation: the newest of each of the last 7 days that have one, of the
  last 4 weeks and of the last 12 months (``rotation_keep``).
* ``manual``: File ▸ Back up now / ``workshop backup``: never removed by the program.
* ``before-upgrade`` (before a migration) and ``before-restore`` (the file a restore replaced): the
  newest 5 of each are kept.

Why file times decide "something changed": a database write always changes the file or its WAL (the
commit is written there first), and nothing else of ours writes to them; ``PRAGMA data_version``
only tells one connection about other connections' writes since *it* last looked, so a program
started afresh cannot use it. A WAL file that is empty (SQLite creates it on opening) is not a change.

A PostgreSQL shop is backed up with ``pg_dump`` instead (``server_dump``).
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import shutil
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import URL

from ..domain import errors as e

#: The kinds of backup, as they appear at the end of a backup's name.
KINDS = ("daily", "manual", "before-upgrade", "before-restore")
#: Of these kinds, the newest so many are kept; manual backups are never removed by the program.
KEEP_NEWEST = {"before-upgrade": 5, "before-restore": 5}
#: After so many days without a backup the window warns.
WARN_AFTER_DAYS = 7

_PAGES_PER_STEP = 1024  # 4 MiB a step with 4 KiB pages: progress for a large file, still quick
STAMP = "%Y-%m-%d-%H%M%S"

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: dt.datetime  # aware, UTC
    kind: str  # one of KINDS, or "file" for a file whose name is not one of ours
    size: int  # bytes


# --- names and the folder -----------------------------------------------------------------------


def backups_folder(db_path: os.PathLike | str) -> Path:
    """The "backups" folder beside the data file."""
    return Path(db_path).parent / "backups"


def local_time(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone() if moment.tzinfo else moment


def _backup_name(db_path: Path, moment: dt.datetime, kind: str, note: str = "") -> str:
    tail = f"-{note}" if note else ""
    return f"{db_path.stem}-{local_time(moment).strftime(STAMP)}-{kind}{tail}.db"


def _pattern(stem: str) -> re.Pattern[str]:
    kinds = "|".join(re.escape(k) for k in KINDS)
    return re.compile(rf"^{re.escape(stem)}-(\d{{4}}-\d\d-\d\d-\d{{6}})-({kinds})(?:-[\w.-]+)?\.db$")


def _info(path: Path, stem: str | None = None) -> BackupInfo | None:
    """A backup read back from its name; None when the name is not one of ours."""
    found = _pattern(stem if stem is not None else _stem_of(path)).match(path.name)
    if found is None:
        return None
    try:
        taken = dt.datetime.strptime(found.group(1), STAMP).astimezone(dt.UTC)  # local time in the name
        size = path.stat().st_size
    except (ValueError, OSError):
        return None
    return BackupInfo(path=path, taken_at=taken, kind=found.group(2), size=size)


def _stem_of(path: Path) -> str:
    found = re.match(r"^(.*)-\d{4}-\d\d-\d\d-\d{6}-", path.name)
    return found.group(1) if found else path.stem


def describe_file(path: os.PathLike | str) -> BackupInfo:
    """A file's BackupInfo: its time and kind from its name when it is one of ours, else its
    modification time and the kind "file"."""
    path = Path(path)
    info = _info(path)
    if info is not None:
        return info
    stat = path.stat()
    return BackupInfo(path=path, taken_at=dt.datetime.fromtimestamp(stat.st_mtime, dt.UTC), kind="file",
                      size=stat.st_size)


def list_backups(db_path: os.PathLike | str) -> list[BackupInfo]:
    """This shop's backups in its backups folder, newest first."""
    db_path = Path(db_path)
    folder = backups_folder(db_path)
    if not folder.is_dir():
        return []
    found = [info for p in folder.iterdir() if p.is_file() and (info := _info(p, db_path.stem)) is not None]
    # Two made in the same second (the second one named -2): the later written is the newer.
    return sorted(found, key=lambda i: (i.taken_at, _mtime_ns(i.path), i.path.name), reverse=True)


def _mtime_ns(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def unique_path(path: Path) -> Path:
    """``path``, or the same name with -2, -3 … when it is taken: a backup never overwrites one."""
    if not path.exists():
        return path
    for n in range(2, 1000):
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        if not candidate.exists():
            return candidate
    raise e.WorkshopError(f"Too many backups named {path.name} in {path.parent}.")


# --- making one ---------------------------------------------------------------------------------


def fault_while(action: str, place: Path, exc: BaseException) -> e.WorkshopError:
    """The program's error for an OSError or a SQLite error met while ``action`` (in ``place``)."""
    code = getattr(exc, "sqlite_errorcode", None)
    details = f"{type(exc).__name__}: {exc}"
    if (code is not None and code & 0xFF == 13) or getattr(exc, "errno", None) in (errno.ENOSPC, errno.EDQUOT):
        return e.DiskFull(f"There is not enough room on the disk for {action} in {place}, so none was made "
                          "(nothing half-written was left behind). Free some space, or back up to another "
                          "disk (workshop backup -o FILE), then try again.", details)
    if (code is not None and code & 0xFF in (3, 8)) or getattr(exc, "errno", None) in (errno.EROFS, errno.EACCES,
                                                                                         errno.EPERM):
        return e.ReadOnlyStorage(f"{place} cannot be written to, so {action} was not made. Choose a folder you "
                                 "can write to.", details)
    if code is not None and code & 0xFF in (11, 26):
        return e.DamagedDatabase(f"{place.name} is damaged, so {action} could not be made from it.", details)
    if code is not None and code & 0xFF == 5:
        return e.DatabaseBusy(f"The database was too busy for {action}; try again in a moment.", details)
    return e.StorageIOError(f"{action[0].upper()}{action[1:]} could not be written to {place}.", details)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    try:
        _fsync(folder)
    except OSError:  # not every system can flush a folder (Windows): the rename is still atomic
        pass


def _open_source(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def _open_destination(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def _integrity(conn: sqlite3.Connection) -> list[str]:
    return [row[0] for row in conn.execute("PRAGMA integrity_check") if row[0] != "ok"]


def _copy_checked(source: Path, final: Path, action: str, progress: Progress | None = None) -> None:
    """Copy ``source`` (with its WAL) through the online backup API into ``final.partial``, check the
    copy, flush it and rename it to ``final``. On any failure nothing is left at either name."""
    partial = final.with_name(final.name + ".partial")
    partial.unlink(missing_ok=True)  # left by a power cut during an earlier try
    try:
        try:
            src = _open_source(source)
            try:
                dst = _open_destination(partial)
                try:
                    def step(_status: int, remaining: int, total: int) -> None:
                        if progress is not None:
                            progress(total - remaining, total)

                    src.backup(dst, pages=_PAGES_PER_STEP, progress=step)
                    problems = _integrity(dst)
                    if problems:
                        raise e.DamagedDatabase(
                            f"The copy of {source.name} failed its check, so it was removed: {source.name} is "
                            "probably damaged. Run workshop check.", "\n".join(problems[:20]))
                    dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
                finally:
                    dst.close()
            finally:
                src.close()
            _fsync(partial)
            os.replace(partial, final)
            _fsync_folder(final.parent)
        except (sqlite3.Error, OSError) as exc:
            raise fault_while(action, final.parent, exc) from exc
    finally:
        for leftover in (partial, *(partial.with_name(partial.name + s) for s in ("-journal", "-wal", "-shm"))):
            leftover.unlink(missing_ok=True)


def make_backup(db_path: os.PathLike | str, destination: os.PathLike | str | None = None, *, kind: str = "manual",
                note: str = "", now: dt.datetime | None = None, progress: Progress | None = None) -> BackupInfo:
    """Back up the shop's file: into ``destination`` (a file that must not exist yet), else a new file
    in the backups folder beside it. Raises DiskFull (no partial file left), DamagedDatabase …"""
    if kind not in KINDS:
        raise ValueError(f"unknown kind of backup {kind!r}")
    db_path = Path(db_path)
    if not db_path.is_file() or db_path.stat().st_size == 0:
        raise e.WorkshopError(f"There is no shop database at {db_path} to back up.")
    moment = now or dt.datetime.now(dt.UTC)
    if destination is not None:
        final = Path(destination).expanduser().resolve()
        if final.exists():
            raise e.WorkshopError(f"{final} already exists; a backup never overwrites a file. Choose a new name.")
        if not final.parent.is_dir():
            raise e.WorkshopError(f"The folder {final.parent} does not exist.")
    else:
        folder = backups_folder(db_path)
        try:
            folder.mkdir(exist_ok=True)
        except OSError as exc:
            raise fault_while("a backup", folder, exc) from exc
        final = unique_path(folder / _backup_name(db_path, moment, kind, note))
    _copy_checked(db_path, final, "a backup", progress)
    return BackupInfo(path=final, taken_at=moment.astimezone(dt.UTC), kind=kind, size=final.stat().st_size)


def backup_before_migration(url: URL, revision: str | None) -> Path | None:
    """Back up a SQLite file into its backups folder before upgrading it. When that fails (no room)
    the upgrade does not start: the error says why. A server database is the administrator's to
    back up (``workshop backup`` runs pg_dump), so nothing is done for one."""
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return make_backup(Path(url.database), kind="before-upgrade", note=f"from-{revision or 'base'}").path


# --- the rotation -------------------------------------------------------------------------------


def rotation_keep(taken: Iterable[dt.datetime], *, daily: int = 7, weekly: int = 4,
                  monthly: int = 12) -> set[dt.datetime]:
    """Which automatic backups to keep: the newest of each of the last ``daily`` days that have one,
    of the last ``weekly`` ISO weeks and of the last ``monthly`` months. Times are taken as given
    (pass local times: a day is the owner's day)."""
    newest_first = sorted(set(taken), reverse=True)
    keep: set[dt.datetime] = set()
    for period, count in ((lambda t: t.date(), daily), (lambda t: t.isocalendar()[:2], weekly),
                          (lambda t: (t.year, t.month), monthly)):
        seen: list = []
        for moment in newest_first:
            key = period(moment)
            if key in seen:
                continue
            if len(seen) == count:
                break
            seen.append(key)
            keep.add(moment)  # the first met in a period is its newest
    return keep


def prune_backups(db_path: os.PathLike | str) -> list[Path]:
    """Remove the automatic backups the rotation no longer keeps, and all but the newest few
    before-upgrade and before-restore ones. Manual backups stay. Returns what was removed."""
    backups = list_backups(db_path)
    daily = [b for b in backups if b.kind == "daily"]
    keep = rotation_keep(local_time(b.taken_at) for b in daily)
    doomed = [b.path for b in daily if local_time(b.taken_at) not in keep]
    for kind, count in KEEP_NEWEST.items():
        doomed += [b.path for b in backups if b.kind == kind][count:]
    removed = []
    for path in doomed:
        try:
            path.unlink()
            path.with_name(path.name + "-wal").unlink(missing_ok=True)  # beside a damaged file kept as it was
            removed.append(path)
        except OSError:  # a read-only folder: keeping too many is no harm
            pass
    return removed


# --- checking and restoring ---------------------------------------------------------------------


_SQLITE_HEADER = b"SQLite format 3\x00"


def check_backup_file(path: os.PathLike | str) -> BackupInfo:
    """Is this file a whole Workshop database this program can open? Its application id, its
    integrity (``PRAGMA integrity_check``, more than the quick check at opening) and its schema
    revision (an older one is fine: it is upgraded when opened; a newer one is refused). Read through
    a read-only connection: the file is never changed.

    The rules are the probe's (probing.py): the application id from ``connection``, the known
    revisions from ``revisions``; it reads more than the probe (every page's integrity), so it does not
    go through it."""
    from . import revisions
    from .connection import APPLICATION_ID

    path = Path(path).expanduser()
    if not path.is_file():
        raise e.WorkshopError(f"There is no file {path}.")
    size = path.stat().st_size
    if size == 0:
        raise e.EmptyDatabaseFile(f"{path.name} is empty (0 bytes): it holds no shop. Choose another backup.",
                                  f"{path}: 0 bytes")
    with path.open("rb") as file:
        header = file.read(100)
    if not header.startswith(_SQLITE_HEADER):
        raise e.ForeignDatabase(f"{path.name} is not a Workshop database (it is not a database file at all), so it "
                                "cannot be restored.", f"{path}: starts with {header[:16]!r}, not a SQLite header")
    damaged = f"{path.name} is damaged and cannot be restored. Choose another backup."
    try:
        conn = _open_source(path)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if app_id != APPLICATION_ID:
                raise e.ForeignDatabase(
                    f"{path.name} is not a Workshop database (another program's, or an empty one), so it cannot "
                    "be restored.", f"application_id={app_id:#x}, tables: {', '.join(sorted(tables)) or 'none'}")
            revision = None
            if "alembic_version" in tables:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
            if revision is not None and revision not in revisions.known_revisions():
                raise e.NewerSchema(
                    f"{path.name} was saved by a newer version of Workshop, so this version cannot restore it. "
                    "Install the newer version first.",
                    f"backup schema {revision}, this program knows up to {revisions.head_revision()}")
            problems = _integrity(conn)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise e.DamagedDatabase(damaged, f"{path}: {type(exc).__name__}: {exc}") from exc
    if problems:
        raise e.DamagedDatabase(damaged, f"{path}: PRAGMA integrity_check\n" + "\n".join(problems[:20]))
    return describe_file(path)


@dataclass(frozen=True)
class RecordsHeld:
    """Which jobs, invoices (with their number and status) and bookings a shop holds, by id: what a
    restore compares to know what it would lose. Ids, not times: a demo shop's clock that runs ahead or a
    PC's clock set back cannot hide work or invent it."""

    jobs: frozenset[int] = frozenset()
    invoices: Mapping[int, tuple[str | None, str]] = field(default_factory=dict)  # id → (number, status)
    time_logs: frozenset[int] = frozenset()
    material_issues: frozenset[int] = frozenset()
    clock_ons: frozenset[int] = frozenset()  # at the bench, clocked on (open or closed since)
    purchase_orders: frozenset[int] = frozenset()
    # goods in, adjustments, counts, items made for stock (an issue's movement goes with its booking)
    stock_movements: frozenset[int] = frozenset()


def records_held(conn) -> RecordsHeld:
    """What the database behind ``conn`` (a SQLAlchemy connection or session) holds; a table an older
    schema lacks holds nothing."""
    from sqlalchemy import select
    from sqlalchemy.exc import SQLAlchemyError

    from .models import ClockOn, Invoice, Job, MaterialIssue, PurchaseOrder, StockMovement, TimeLog

    def ids(model, *where) -> frozenset[int]:
        try:
            return frozenset(conn.execute(select(model.id).where(*where)).scalars())
        except SQLAlchemyError:
            return frozenset()

    try:
        invoices = {i: (number, status) for i, number, status
                    in conn.execute(select(Invoice.id, Invoice.number, Invoice.status))}
    except SQLAlchemyError:
        invoices = {}
    return RecordsHeld(jobs=ids(Job), invoices=invoices, time_logs=ids(TimeLog), material_issues=ids(MaterialIssue),
                       clock_ons=ids(ClockOn), purchase_orders=ids(PurchaseOrder),
                       stock_movements=ids(StockMovement, StockMovement.material_issue_id.is_(None)))


def records_held_in(path: os.PathLike | str) -> RecordsHeld:
    """What a backup file holds, read through a read-only connection."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    path = Path(path)
    engine = create_engine("sqlite://", creator=lambda: _open_source(path), poolclass=NullPool)
    try:
        with engine.connect() as conn:
            return records_held(conn)
    finally:
        engine.dispose()


def newest_good_backup(db_path: os.PathLike | str) -> BackupInfo | None:
    """The newest backup of this shop that passes ``check_backup_file``."""
    for info in list_backups(db_path):
        try:
            check_backup_file(info.path)
        except e.WorkshopError:
            continue
        return info
    return None


def _set_aside_damaged(db_path: Path, now: dt.datetime) -> BackupInfo:
    """A damaged current file cannot go through the backup API's check: keep its bytes (and its WAL)
    in the backups folder instead, so a restore never destroys anything."""
    folder = backups_folder(db_path)
    folder.mkdir(exist_ok=True)
    final = unique_path(folder / _backup_name(db_path, now, "before-restore", "damaged"))
    try:
        for suffix in ("", "-wal"):
            source = db_path.with_name(db_path.name + suffix)
            if source.exists():
                partial = final.with_name(final.name + suffix + ".partial")
                try:
                    shutil.copyfile(source, partial)
                    _fsync(partial)
                    os.replace(partial, final.with_name(final.name + suffix))
                finally:
                    partial.unlink(missing_ok=True)
    except OSError as exc:
        raise fault_while("a copy of the current file", folder, exc) from exc
    return BackupInfo(path=final, taken_at=now.astimezone(dt.UTC), kind="before-restore", size=final.stat().st_size)


def restore_backup(db_path: os.PathLike | str, backup_path: os.PathLike | str, *,
                   now: dt.datetime | None = None, progress: Progress | None = None) -> BackupInfo | None:
    """Replace the shop's file with a checked backup. The current file is backed up first (kind
    "before-restore"; returned, None when there was no current file). Its -wal and -shm are removed
    before the backup takes its place, so none of the old file's journal is applied to the restored
    one. The caller makes sure nothing has the file open (the window closes it; the command holds
    the writer lock)."""
    db_path = Path(db_path)
    backup_path = Path(backup_path).expanduser()
    check_backup_file(backup_path)
    if backup_path.resolve() == db_path.resolve():
        raise e.WorkshopError("That is the shop's own file, not a backup of it.")
    moment = now or dt.datetime.now(dt.UTC)
    before = None
    if db_path.is_file() and db_path.stat().st_size:
        try:
            before = make_backup(db_path, kind="before-restore", now=moment)
        except e.DamagedDatabase:
            before = _set_aside_damaged(db_path, moment)
    incoming = db_path.with_name(db_path.name + ".restoring")
    _copy_checked(backup_path, incoming, "the restore", progress)
    try:
        for suffix in ("-wal", "-shm", "-journal"):
            db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
        os.replace(incoming, db_path)
        _fsync_folder(db_path.parent)
    except OSError as exc:
        raise fault_while("the restore", db_path.parent, exc) from exc
    finally:
        incoming.unlink(missing_ok=True)
    prune_backups(db_path)
    return before
