"""The open shop's backups, as the window offers them (File ▸ Back up now… and Restore…, the status
bar's word, the automatic one of the day, Help ▸ About): a shop file's checked copies in the folder
beside it (db/backup.py, db/backup_schedule.py), a server's dump (pg_dump: db/server_dump.py).

Which of them a shop has follows from where it is (``Database.file_path``: None on a server), decided
here and not by the window. The functions take plain paths and URLs, so the window can run them off
its GUI thread. What a restore would lose is services/backups.py's."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import URL

from ..db import backup, backup_schedule
from ..db.backup import WARN_AFTER_DAYS, BackupInfo, Progress
from ..db.server_dump import dump_server

__all__ = ["WARN_AFTER_DAYS", "BackupInfo", "back_up_now", "backups_folder", "backups_of", "daily_backup",
           "newest_good", "restore"]


def back_up_now(shop_file: Path | None, url: URL, progress: Progress | None = None) -> BackupInfo:
    """A backup made by hand: a checked copy of ``shop_file`` in its backups folder, else (a shop on a
    server) the server's dump (pg_dump) there."""
    if shop_file is None:
        return dump_server(url)
    return backup.make_backup(shop_file, kind="manual", progress=progress)


def backups_folder(shop_file: Path | None) -> Path | None:
    """Where ``shop_file``'s backups are kept; None for a shop on a server (its administrator's)."""
    return backup.backups_folder(shop_file) if shop_file is not None else None


def backups_of(shop_file: Path | None) -> list[BackupInfo]:
    """``shop_file``'s backups, newest first; none for a shop on a server."""
    return backup.list_backups(shop_file) if shop_file is not None else []


def daily_backup(shop_file: Path) -> BackupInfo | None:
    """The automatic backup of the day, made when something changed since the newest (else None)."""
    return backup_schedule.daily_backup(shop_file)


def newest_good(shop_file: Path) -> BackupInfo | None:
    """The newest of ``shop_file``'s backups that passes its check (for a damaged shop), or None."""
    return backup.newest_good_backup(shop_file)


def restore(shop_file: Path, backup_path: Path, progress: Progress | None = None) -> BackupInfo | None:
    """Replace ``shop_file`` with the backup at ``backup_path`` (checked first); the file replaced is kept
    as a before-restore backup, which is returned (None when there was no file)."""
    return backup.restore_backup(shop_file, backup_path, progress=progress)
