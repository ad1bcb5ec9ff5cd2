"""One writer at a time: a lock file beside the shop's database (``shop.db.lock``).

SQLite's own locks keep two writers from corrupting a file on one PC, but over a shared folder
they are unreliable, and two windows over one shop would each think their screens up to date. So
the window (and a command that replaces the file, such as restore) takes this lock first:

* The file is made with ``O_CREAT | O_EXCL`` (only one process can create it), then holds JSON
  saying who: host, process id, user and since when.
* A lock left by a process that died on this PC (a crash, a power cut) is taken over silently.
* A lock held by a live process, or by another PC (whose processes cannot be checked), raises
  ``ShopInUse`` naming who holds it and since when.
* Re-entrant within one process: taking it again only counts; the file goes with the last release.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import sys
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path

from ..domain.errors import ShopInUse
from .who import this_host, this_user

#: A lock file still empty after this long was left by a process that died while writing it.
EMPTY_LOCK_GRACE_S = 10.0


@dataclass(frozen=True)
class LockHolder:
    host: str
    pid: int
    user: str
    started_at: dt.datetime  # aware UTC
    token: str = ""

    @property
    def since(self) -> str:
        """``1 Dec 2026 08:15``, this PC's time: the window's form of a moment (no zero before the day)."""
        when = self.started_at.astimezone()
        return f"{when.day} {when:%b %Y %H:%M}"

    def describe(self) -> str:
        """``tom on BENCH-PC since 1 Dec 2026 08:15``."""
        return f"{self.user or 'someone'} on {self.host or 'another computer'} since {self.since}"

    @property
    def on_this_host(self) -> bool:
        return self.host == this_host()


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def _read(path: Path) -> LockHolder | None:
    """The holder written in a lock file; None when there is no file or it holds nothing readable."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    try:
        data = json.loads(raw)
        started = dt.datetime.fromisoformat(data["started_at"])
        if started.tzinfo is None:
            started = started.replace(tzinfo=dt.UTC)
        return LockHolder(host=str(data["host"]), pid=int(data["pid"]), user=str(data.get("user", "")),
                          started_at=started, token=str(data.get("token", "")))
    except (ValueError, KeyError, TypeError):
        return None


def lock_holder(db_path: Path) -> LockHolder | None:
    """Who holds the shop's write lock, or None when nobody does."""
    return _read(lock_path(Path(db_path)))


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` runs on this PC."""
    if pid <= 0:
        return False
    if sys.platform == "win32":  # os.kill(pid, 0) would send Ctrl+C there
        import ctypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return ctypes.get_last_error() == 5  # ERROR_ACCESS_DENIED: it exists, someone else's
        try:
            code = ctypes.c_ulong()
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


class WriterLock:
    """The shop's write lock, held by this process. ``release()`` once for each ``acquire_writer_lock``."""

    def __init__(self, db_path: Path, holder: LockHolder) -> None:
        self.db_path = db_path
        self.path = lock_path(db_path)
        self.holder = holder
        self._count = 1

    @property
    def held(self) -> bool:
        return self._count > 0

    def release(self) -> None:
        with _guard:
            if self._count == 0:
                return
            self._count -= 1
            if self._count:
                return
            _held.pop(_key(self.db_path), None)
            found = _read(self.path)
            if found is not None and found.token == self.holder.token:
                self.path.unlink(missing_ok=True)  # only our own: never one another process took over

    def __enter__(self) -> WriterLock:
        return self

    def __exit__(self, *_exc) -> None:
        self.release()


_guard = threading.Lock()
_held: dict[str, WriterLock] = {}


def _key(db_path: Path) -> str:
    return os.path.normcase(os.fspath(Path(db_path).resolve()))


def _in_use(holder: LockHolder | None, path: Path) -> ShopInUse:
    if holder is None:
        return ShopInUse("Another Workshop is opening this shop right now. Wait a moment, then try again.",
                         details=f"Lock file {path} is being written", holder=None)
    where = "on this PC" if holder.on_this_host else f"on {holder.host}"
    return ShopInUse(
        f"This shop is open in Workshop {where} ({holder.user or 'someone'}, since {holder.since}). Only one Workshop can change it at a "
        "time: close it there first, or open it read-only here to look things up.",
        details=f"Lock file: {path}\nHost: {holder.host}\nProcess: {holder.pid}\nUser: {holder.user}\n"
                f"Since: {holder.started_at.isoformat(timespec='seconds')}",
        holder=holder)


def _is_stale(holder: LockHolder | None, path: Path) -> bool:
    if holder is None:  # empty or half-written: its writer died unless it is still being written
        try:
            age = dt.datetime.now().timestamp() - path.stat().st_mtime
        except FileNotFoundError:
            return True
        return age > EMPTY_LOCK_GRACE_S
    if not holder.on_this_host:
        return False  # another PC's processes cannot be checked from here
    if not process_alive(holder.pid):
        return True
    started = process_started_at(holder.pid)
    # the number was reused: that process started after the lock was written, so it is not the holder
    return started is not None and started > holder.started_at + dt.timedelta(seconds=5)


def process_started_at(pid: int) -> dt.datetime | None:
    """When process ``pid`` started (Linux: /proc), or None where that cannot be told."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        boot = next(int(line.split()[1]) for line in Path("/proc/stat").read_text().splitlines()
                    if line.startswith("btime "))
        ticks = int(stat.rsplit(")", 1)[1].split()[19])  # field 22, starttime, after the command name
        return dt.datetime.fromtimestamp(boot + ticks / os.sysconf("SC_CLK_TCK"), dt.UTC)
    except (OSError, ValueError, StopIteration, IndexError, AttributeError):
        return None


def _create(path: Path, holder: LockHolder) -> None:
    """Make the lock file, failing with FileExistsError when one is there (O_EXCL: atomic, even between
    processes). The JSON is written and flushed to disk before anyone reads it as held."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
    try:
        data = json.dumps({"host": holder.host, "pid": holder.pid, "user": holder.user,
                           "started_at": holder.started_at.isoformat(), "token": holder.token,
                           "program": "Workshop"}).encode()
        os.write(fd, data)
        os.fsync(fd)
    except OSError:
        os.close(fd)
        path.unlink(missing_ok=True)  # a full disk leaves no empty lock behind
        raise
    os.close(fd)


def _take_over(path: Path, stale: LockHolder | None) -> None:
    """Move a stale lock out of the way, unless another process replaced it meanwhile."""
    aside = path.with_name(f"{path.name}.stale-{os.getpid()}-{uuid.uuid4().hex[:6]}")
    try:
        os.rename(path, aside)
    except FileNotFoundError:
        return  # someone else cleared it first
    if _read(aside) != stale:  # a fresh lock slipped in between reading and renaming: put it back
        try:
            os.link(aside, path)
        except OSError:
            pass
    aside.unlink(missing_ok=True)


def acquire_writer_lock(db_path: Path, *, take_over: bool = False) -> WriterLock:
    """Take the shop's write lock, or raise ShopInUse naming who holds it. A lock of a dead process on
    this PC is recovered by itself; ``take_over`` (the owner said “Open anyway” after a warning) also
    takes one held elsewhere. Faults of the folder (read-only, full, missing) raise OSError's
    program errors (probing.os_fault)."""
    from .probing import missing_folder, os_fault

    db_path = Path(db_path)
    path = lock_path(db_path)
    if not db_path.parent.is_dir():
        raise missing_folder(db_path)
    with _guard:
        mine = _held.get(_key(db_path))
        if mine is not None and mine.held:
            mine._count += 1
            return mine
        holder = LockHolder(host=this_host(), pid=os.getpid(), user=this_user(),
                            started_at=dt.datetime.now(dt.UTC).replace(microsecond=0), token=uuid.uuid4().hex)
        for _attempt in range(3):
            try:
                _create(path, holder)
            except FileExistsError:
                found = _read(path)
                if found is not None and found.on_this_host and found.pid == os.getpid():
                    _take_over(path, found)  # ours from before (a lock this process lost track of)
                elif take_over or _is_stale(found, path):
                    _take_over(path, found)
                else:
                    raise _in_use(found, path) from None
                continue
            except OSError as exc:
                if exc.errno == errno.EEXIST:
                    continue
                raise os_fault(exc, db_path, f"Creating the lock file {path.name} beside") from exc
            lock = WriterLock(db_path, holder)
            _held[_key(db_path)] = lock
            return lock
        raise _in_use(_read(path), path)
