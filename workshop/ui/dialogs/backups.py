"""File ▸ Back up now… and File ▸ Restore…

Back up now copies the shop off the GUI thread (with progress), then says where the copy went and
how big it is, with a button that shows the folder. Restore lists the shop's backups with their
dates (or takes another file), checks the chosen one (a foreign, damaged, empty or newer file is
refused with its own message and the shop is untouched), says what restoring it would lose (the
jobs, invoices and bookings saved after it) and asks; then the window closes the shop, the file is
replaced (the current one kept as a "before-restore" backup) and the window opens it again."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QFileDialog, QHeaderView, QMessageBox,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ...domain.errors import WorkshopError
from ...services import shop_backups
from ...services.backups import RestoreLoss, check_and_measure, human_size
from ...services.shop_backups import BackupInfo
from ..dates import date_time_text
from ..errors import show_error
from ..plain_text import plain_label
from ..tasks import run_with_progress
from ..widgets.sizing import fit_to_screen

KIND_WORDS = {"daily": "Automatic (daily)", "manual": "Made by hand", "before-upgrade": "Before an upgrade",
              "before-restore": "Before a restore", "file": "A file"}


def shop_file(window) -> Path | None:
    """The open shop's file, or None for a server database."""
    return window.ctx.db.file_path


# --- Back up now --------------------------------------------------------------------------------


def _make(state, path: Path | None, url) -> BackupInfo:
    return shop_backups.back_up_now(path, url, progress=state.progress)


def back_up_now(window):
    """File ▸ Back up now…: the task (tests wait on it)."""
    path = shop_file(window)
    return run_with_progress(window, "Backing up the shop…", _make, path, window.ctx.db.url,
                             on_done=lambda info: _backed_up(window, info),
                             on_error=lambda exc: _failed(window, exc))


def _failed(window, exc: BaseException) -> None:
    from ..tasks import report_failure

    if isinstance(exc, WorkshopError):
        show_error(window, exc, "Back up now")
    else:
        report_failure(exc)


def _backed_up(window, info: BackupInfo) -> None:
    status = getattr(window, "backup_status", None)
    if status is not None:
        status.show_for(shop_file(window))
    box = QMessageBox(QMessageBox.Icon.Information, "Back up now",
                      f"Backed up to {info.path} ({human_size(info.size)}).", QMessageBox.StandardButton.Ok, window)
    box.setObjectName("backupDoneDialog")
    box.setTextFormat(Qt.TextFormat.PlainText)
    show = box.addButton("Show folder", QMessageBox.ButtonRole.ActionRole)
    show.setObjectName("showFolderButton")
    box.exec()
    if box.clickedButton() is show:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(info.path.parent)))


# --- Restore ------------------------------------------------------------------------------------


class RestoreDialog(QDialog):
    """The shop's backups, newest first; Restore… checks the chosen one and asks."""

    def __init__(self, window, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.window_ = window
        self.db_path = shop_file(window)
        self.setObjectName("restoreDialog")
        self.setWindowTitle("Restore a backup")
        layout = QVBoxLayout(self)
        folder = shop_backups.backups_folder(self.db_path)
        layout.addWidget(plain_label(
            "Choose the backup to go back to. Before anything changes you are told what work saved after it "
            f"would be lost; the shop as it is now is kept in {folder}." if folder else
            "A server database is restored by its administrator (pg_restore).", wordWrap=True,
            objectName="restoreIntro"))
        self.backups = shop_backups.backups_of(self.db_path)
        self.table = QTableWidget(len(self.backups), 3, self)
        self.table.setObjectName("backupList")
        self.table.setHorizontalHeaderLabels(["Taken", "Kind", "Size"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        for row, info in enumerate(self.backups):
            for col, text in enumerate((date_time_text(info.taken_at), KIND_WORDS.get(info.kind, info.kind),
                                        human_size(info.size))):
                item = QTableWidgetItem(text)
                item.setToolTip(str(info.path))
                if col == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col, width in ((1, 160), (2, 90)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
            self.table.setColumnWidth(col, width)
        layout.addWidget(self.table)
        self.empty = plain_label("There are no backups of this shop yet.", objectName="noBackups")
        self.empty.setVisible(not self.backups)
        layout.addWidget(self.empty)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.other = QPushButton("Other file…")
        self.other.setObjectName("otherFileButton")
        self.restore_button = QPushButton("Restore…")
        self.restore_button.setObjectName("restoreButton")
        self.buttons.addButton(self.other, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self._restore_chosen)
        self.other.clicked.connect(self._restore_other)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self._restore_chosen())
        layout.addWidget(self.buttons)
        for widget in (self.other, self.restore_button, self.table):
            widget.setEnabled(self.db_path is not None)
        if self.backups:
            self.table.selectRow(0)
        self._selection_changed()
        fit_to_screen(self, 620, 420, minimum=(480, 300))

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.db_path is not None and bool(self.table.selectedItems()))

    def chosen(self) -> BackupInfo | None:
        rows = {index.row() for index in self.table.selectedIndexes()}
        return self.backups[min(rows)] if rows else None

    def _restore_chosen(self) -> None:
        info = self.chosen()
        if info is not None:
            self.offer(info.path)

    def _restore_other(self) -> None:
        start = str(shop_backups.backups_folder(self.db_path) or "")
        path, _ = QFileDialog.getOpenFileName(self, "Restore from a file", start,
                                              "Workshop database (*.db *.sqlite);;All files (*)")
        if path:
            self.offer(Path(path))

    def offer(self, path: Path):
        """Check ``path`` off the GUI thread, then ask with what it would lose (the task)."""
        return run_with_progress(self, "Checking the backup…", _check, self.window_.ctx.db, path,
                                 on_done=self._confirm, on_error=lambda exc: _failed(self, exc))

    def _confirm(self, found: tuple[BackupInfo, RestoreLoss]) -> None:
        info, loss = found
        box = QMessageBox(QMessageBox.Icon.Warning, "Restore a backup", confirmation_text(info, loss),
                          QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("restoreConfirmDialog")
        box.setTextFormat(Qt.TextFormat.PlainText)
        go = box.addButton("Restore", QMessageBox.ButtonRole.DestructiveRole)
        go.setObjectName("confirmRestoreButton")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is go:
            self.accept()
            restore_into(self.window_, info)


def _check(_state, db, path: Path) -> tuple[BackupInfo, RestoreLoss]:
    return check_and_measure(db, path)


def confirmation_text(info: BackupInfo, loss: RestoreLoss) -> str:
    lost = ("Nothing was saved after it: no jobs, invoices or bookings are lost." if loss.nothing
            else f"Work saved after it will be lost: {loss.summary()}.")
    return (f"Go back to the backup taken {date_time_text(info.taken_at)}?\n\n{lost}\n\n"
            "The shop as it is now is backed up first, so this can be undone by restoring that copy.")


def _restore(state, db_path: Path, backup_path: Path) -> BackupInfo | None:
    return shop_backups.restore(db_path, backup_path, progress=state.progress)


def restore_into(window, info: BackupInfo):
    """Close the shop, replace its file with the backup, open it again (the task)."""
    db_path = shop_file(window)
    if db_path is None or not window.confirm_leave():
        return None
    window.ctx.db.close()  # its connections let go of the file (and its WAL) before it is replaced

    def done(before: BackupInfo | None) -> None:
        window.open_database_target(str(db_path), create=False)
        kept = f"\n\nThe shop as it was is kept as {before.path.name} in the backups folder." if before else ""
        box = QMessageBox(QMessageBox.Icon.Information, "Restore a backup",
                          f"The shop is back as it was on {date_time_text(info.taken_at)}.{kept}",
                          QMessageBox.StandardButton.Ok, window)
        box.setObjectName("restoreDoneDialog")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()

    return run_with_progress(window, "Restoring the backup…", _restore, db_path, info.path, on_done=done,
                             on_error=lambda exc: _failed(window, exc))


def open_restore_dialog(window) -> RestoreDialog:
    dialog = RestoreDialog(window)
    dialog.open()
    return dialog
