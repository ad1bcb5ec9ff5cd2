"""The status bar's word on backups: "Last backup: today 09:30", "yesterday 18:00" or a date, and a
warning in the alarm colour when there has been none for a week ("No backup for 9 days — File ▸ Back
up now"). It also runs the automatic daily backup off the GUI thread; a failure there turns into a
warning here, never a dialog in the owner's way at start-up nor a crash."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QLabel, QWidget

from ...services.shop_backups import WARN_AFTER_DAYS, BackupInfo, backups_of, daily_backup
from ...domain.errors import WorkshopError
from .. import theme
from ..dates import date_text
from ..plain_text import make_plain

NO_BACKUP_HINT = "File ▸ Back up now"


def status_text(newest: dt.datetime | None, now: dt.datetime) -> tuple[str, bool]:
    """(text, warn) for the newest backup's time, seen at ``now`` (both aware; shown in local time)."""
    if newest is None:
        return f"No backup yet — {NO_BACKUP_HINT}", True
    local, today = newest.astimezone(), now.astimezone().date()
    days = (today - local.date()).days
    if days >= WARN_AFTER_DAYS:
        return f"No backup for {days} days — {NO_BACKUP_HINT}", True
    if days <= 0:
        when = f"today {local:%H:%M}"
    elif days == 1:
        when = f"yesterday {local:%H:%M}"
    else:
        when = date_text(local)
    return f"Last backup: {when}", False


def _daily(_state, db_path: Path) -> BackupInfo | None:
    return daily_backup(db_path)


class BackupStatus(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusBackup")
        make_plain(self)
        self.db_path: Path | None = None
        self.task = None

    def show_for(self, db_path: Path | None, now: dt.datetime | None = None) -> None:
        """Show the state of ``db_path``'s backups (hidden for a server database: its backups are
        the administrator's)."""
        self.db_path = db_path
        self.setVisible(db_path is not None)
        if db_path is None:
            return
        try:
            backups = backups_of(db_path)
        except OSError:
            backups = []
        text, warn = status_text(backups[0].taken_at if backups else None, now or dt.datetime.now(dt.UTC))
        self._show(text, warn, f"Backups are kept in {db_path.parent / 'backups'}"
                   + (f"; the newest is {backups[0].path.name}" if backups else ""))

    def _show(self, text: str, warn: bool, tip: str) -> None:
        self.setText(text)
        self.setToolTip(tip)
        self.setProperty("warn", warn)
        self.setStyleSheet(f"color: {theme.ALARM}; font-weight: bold;" if warn else "")

    def start_daily_backup(self):
        """The automatic backup of the day, off the GUI thread (once the window shows)."""
        if self.db_path is None or (self.task is not None and self.task.running):
            return None
        from ..tasks import run_task

        path = self.db_path
        self.task = run_task(_daily, path, parent=self, on_done=lambda _made: self._after(path),
                             on_error=lambda exc: self._failed(path, exc))
        return self.task

    def _after(self, path: Path) -> None:
        if path == self.db_path:
            self.show_for(path)

    def _failed(self, path: Path, exc: BaseException) -> None:
        if path != self.db_path:
            return
        message = exc.message if isinstance(exc, WorkshopError) else f"{type(exc).__name__}: {exc}"
        self._show(f"Automatic backup failed — {NO_BACKUP_HINT}", True,
                   f"The automatic backup could not be made: {message}")
