"""The automatic daily backup: made on the first start of a day when the shop changed since the
newest backup, then the rotation applied (``backup.prune_backups``)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from .backup import BackupInfo, list_backups, local_time, make_backup, prune_backups


def last_change(db_path: os.PathLike | str) -> dt.datetime | None:
    """When the shop's data was last written: the file's or its (non-empty) WAL's modification time."""
    db_path = Path(db_path)
    times = []
    for path in (db_path, db_path.with_name(db_path.name + "-wal")):
        try:
            stat = path.stat()
        except OSError:
            continue
        if stat.st_size:
            times.append(stat.st_mtime)
    return dt.datetime.fromtimestamp(max(times), dt.UTC) if times else None


def daily_backup_due(db_path: os.PathLike | str, now: dt.datetime | None = None) -> bool:
    """True on the first start of a day (no daily backup yet today) when the data changed since the
    newest backup of any kind."""
    now = now or dt.datetime.now(dt.UTC)
    backups = list_backups(db_path)
    today = local_time(now).date()
    if any(b.kind == "daily" and local_time(b.taken_at).date() == today for b in backups):
        return False
    changed = last_change(db_path)
    if changed is None:
        return False
    # A backup's name keeps whole seconds: a change in the same second as the newest backup counts.
    return not backups or changed >= backups[0].taken_at


def daily_backup(db_path: os.PathLike | str, now: dt.datetime | None = None) -> BackupInfo | None:
    """The automatic backup: made when due, then the rotation applied. None when none was due."""
    made = make_backup(db_path, kind="daily", now=now) if daily_backup_due(db_path, now) else None
    prune_backups(db_path)
    return made
