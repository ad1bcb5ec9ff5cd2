"""File ▸ Back up now… and File ▸ Restore…, and the status bar's word on backups, driven as the owner
would: menus, the list of backups, the confirmation naming what is lost, the reopened shop."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from support.gui import click, when_dialog_opens
from workshop.db import backup as b
from workshop.services import jobs
from workshop.ui.app import create_main_window
from workshop.ui.dates import date_text, date_time_text
from workshop.ui.widgets.backup_status import status_text

UTC = dt.UTC


@pytest.fixture
def db(file_db):
    """Backups of the shop's file (a server's are pg_dump's): the shop is a file in every run."""
    return file_db


@pytest.fixture
def window(qtbot, db, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    w = create_main_window(db, settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def _at(y, mo, d, h, mi) -> dt.datetime:
    return dt.datetime(y, mo, d, h, mi).astimezone(UTC)


def test_status_text_by_hand():
    now = _at(2026, 12, 10, 15, 0)
    assert status_text(None, now) == ("No backup yet — File ▸ Back up now", True)
    assert status_text(_at(2026, 12, 10, 9, 30), now) == ("Last backup: today 09:30", False)
    assert status_text(_at(2026, 12, 9, 18, 5), now) == ("Last backup: yesterday 18:05", False)
    assert status_text(_at(2026, 12, 4, 18, 5), now) == (f"Last backup: {date_text(dt.date(2026, 12, 4))}", False)
    assert status_text(_at(2026, 12, 3, 23, 59), now) == ("No backup for 7 days — File ▸ Back up now", True)
    assert status_text(_at(2026, 12, 1, 9, 30), now) == ("No backup for 9 days — File ▸ Back up now", True)


def _answer_box(button_name: str | None = None, texts: list | None = None):
    def act(box):
        if texts is not None:
            texts.append(box.text())
        if button_name:
            box.findChild(type(box.buttons()[0]), button_name).click()
        else:
            box.button(QMessageBox.StandardButton.Ok).click()
    return act


def test_back_up_now_says_where_and_the_status_bar_follows(qtbot, window, db, monkeypatch):
    status = window.backup_status
    assert status.isVisible() and status.text() == "No backup yet — File ▸ Back up now"
    assert status.property("warn") is True
    opened = []
    monkeypatch.setattr("workshop.ui.dialogs.backups.QDesktopServices.openUrl", lambda url: opened.append(url))
    texts: list[str] = []
    answered = when_dialog_opens(_answer_box("showFolderButton", texts),
                                 check=lambda d: d.objectName() == "backupDoneDialog")
    window.actions.backup_now.trigger()
    qtbot.waitUntil(lambda: bool(answered), timeout=10_000)
    (made,) = b.list_backups(Path(db.url.database))
    assert texts == [f"Backed up to {made.path} ({round(made.size / 1000)} KB)."]
    assert [u.toLocalFile() for u in opened] == [str(made.path.parent)]
    assert status.text() == f"Last backup: today {made.taken_at.astimezone():%H:%M}"
    assert status.property("warn") is False


def test_the_file_menu_has_back_up_now_and_restore(window):
    from PySide6.QtWidgets import QMenu

    file_menu = window.menuBar().findChild(QMenu, "menu_file")
    names = [a.text() for a in file_menu.actions()]
    assert names.index("&Back up now…") + 1 == names.index("Res&tore…") < names.index("&Quit")


def test_a_backup_that_cannot_be_made_gets_a_short_dialog(qtbot, window, monkeypatch):
    from workshop.domain.errors import DiskFull

    def full(*_a, **_k):
        raise DiskFull("There is not enough room on the disk for a backup in /x, so none was made.")

    monkeypatch.setattr("workshop.db.backup.make_backup", full)
    texts: list[str] = []
    answered = when_dialog_opens(_answer_box(texts=texts), check=lambda d: d.objectName() == "errorDialog")
    window.actions.backup_now.trigger()
    qtbot.waitUntil(lambda: bool(answered), timeout=10_000)
    assert texts == ["There is not enough room on the disk for a backup in /x, so none was made."]


def test_restore_from_the_list_says_what_is_lost_then_reopens_the_shop(qtbot, db, tmp_path, request):
    shop_path = Path(db.url.database)
    yesterday = b.make_backup(shop_path, kind="daily", now=db.now() - dt.timedelta(days=1))
    shop = request.getfixturevalue("shop")  # a customer and job J-… saved after the backup
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = create_main_window(db, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.backup_status.text() == f"Last backup: yesterday {yesterday.taken_at.astimezone():%H:%M}"

    dialog = window.restore_backup()
    table = dialog.table
    assert table.rowCount() == 1
    assert [table.item(0, c).text() for c in range(3)] == [date_time_text(yesterday.taken_at), "Automatic (daily)",
                                                           f"{round(yesterday.size / 1000)} KB"]
    texts: list[str] = []
    confirmed = when_dialog_opens(_answer_box("confirmRestoreButton", texts),
                                  check=lambda d: d.objectName() == "restoreConfirmDialog")
    done: list[str] = []
    finished = when_dialog_opens(_answer_box(texts=done), check=lambda d: d.objectName() == "restoreDoneDialog")
    click(qtbot, dialog.restore_button)
    qtbot.waitUntil(lambda: bool(confirmed and finished), timeout=15_000)
    assert texts == [f"Go back to the backup taken {date_time_text(yesterday.taken_at)}?\n\n"
                     # the shop's three materials came with their opening stock: three movements
                     f"Work saved after it will be lost: 1 job ({shop.job.number}), 0 invoices, 0 bookings and "
                     "3 stock movements.\n\n"
                     "The shop as it is now is backed up first, so this can be undone by restoring that copy."]
    before = next(i for i in b.list_backups(shop_path) if i.kind == "before-restore")
    assert done == [f"The shop is back as it was on {date_time_text(yesterday.taken_at)}.\n\n"
                    f"The shop as it was is kept as {before.path.name} in the backups folder."]
    # The window shows the restored shop: the job saved after the backup is gone, the customer too.
    assert window.ctx.db is not db
    assert jobs.count_jobs(window.ctx.db) == 0
    window.ctx.db.close()


@pytest.mark.parametrize("content, words", [
    (b"", "empty (0 bytes)"),
    (b"shopping list: glue, screws\n" * 300, "not a Workshop database"),
])
def test_a_hostile_file_offered_to_restore_is_refused_and_the_shop_untouched(qtbot, window, db, tmp_path,
                                                                            content, words):
    hostile = tmp_path / "elsewhere" / "hostile.db"
    hostile.parent.mkdir()
    hostile.write_bytes(content)
    shop_path = Path(db.url.database)
    dialog = window.restore_backup()
    assert dialog.table.rowCount() == 0 and dialog.empty.isVisibleTo(dialog)
    assert not dialog.restore_button.isEnabled()
    texts: list[str] = []
    answered = when_dialog_opens(_answer_box(texts=texts), check=lambda d: d.objectName() == "errorDialog")
    dialog.offer(hostile)
    qtbot.waitUntil(lambda: bool(answered), timeout=10_000)
    assert len(texts) == 1 and words in texts[0] and texts[0].startswith("hostile.db ")
    assert not b.backups_folder(shop_path).exists()  # nothing was done
    assert window.ctx.db is db and jobs.count_jobs(db) == 0
    dialog.reject()


def test_restore_dialog_fits_1280x720(qtbot, window, db):
    for n in range(30):
        b.make_backup(Path(db.url.database), kind="daily", now=db.now() - dt.timedelta(days=n))
    dialog = window.restore_backup()
    qtbot.waitExposed(dialog)
    screen = QApplication.primaryScreen().availableGeometry()
    assert dialog.frameGeometry().width() <= max(1280, screen.width())
    assert dialog.table.rowCount() == len(b.list_backups(Path(db.url.database)))
    dialog.grab().save(str(Path(db.url.database).parent / "restore.png"))
    dialog.reject()


def _old_shop(db) -> Path:
    """The shop's file, last written yesterday, with no backups yet."""
    import os

    path = Path(db.url.database)
    db.close()  # the WAL folded into the file
    yesterday = (dt.datetime.now() - dt.timedelta(days=1)).timestamp()
    os.utime(path, (yesterday, yesterday))
    return path


def test_the_daily_backup_runs_off_the_gui_thread_and_the_status_follows(qtbot, db):
    from workshop.ui.widgets.backup_status import BackupStatus

    path = _old_shop(db)
    status = BackupStatus()
    qtbot.addWidget(status)
    status.show_for(path)
    assert status.text() == "No backup yet — File ▸ Back up now"
    task = status.start_daily_backup()
    qtbot.waitUntil(lambda: not task.running, timeout=10_000)
    (made,) = b.list_backups(path)
    assert made.kind == "daily"
    assert status.text() == f"Last backup: today {made.taken_at.astimezone():%H:%M}"
    again = status.start_daily_backup()  # once a day
    qtbot.waitUntil(lambda: not again.running, timeout=10_000)
    assert len(b.list_backups(path)) == 1


def test_a_failed_daily_backup_is_a_warning_in_the_status_bar_not_a_dialog(qtbot, db, monkeypatch):
    from workshop.domain.errors import DiskFull
    from workshop.ui.widgets import backup_status

    def full(_path):
        raise DiskFull("There is not enough room on the disk for a backup in /x, so none was made.")

    monkeypatch.setattr(backup_status, "daily_backup", full)
    path = _old_shop(db)
    status = backup_status.BackupStatus()
    qtbot.addWidget(status)
    status.show_for(path)
    task = status.start_daily_backup()
    qtbot.waitUntil(lambda: not task.running, timeout=10_000)
    assert QApplication.activeModalWidget() is None
    assert status.text() == "Automatic backup failed — File ▸ Back up now"
    assert status.property("warn") is True
    assert status.toolTip() == ("The automatic backup could not be made: There is not enough room on the disk for "
                                "a backup in /x, so none was made.")


@pytest.mark.parametrize("owners_window", [True, False])
def test_the_owners_window_backs_up_once_it_shows_and_a_test_window_does_not(qtbot, db, tmp_path, owners_window):
    from workshop.db.engine import open_database

    path = _old_shop(db)  # written yesterday, never backed up: a daily backup is due
    shop = open_database(path)
    window = create_main_window(shop, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                                daily_backups=owners_window)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    if owners_window:
        qtbot.waitUntil(lambda: len(b.list_backups(path)) == 1, timeout=10_000)
        (made,) = b.list_backups(path)
        assert made.kind == "daily"
        qtbot.waitUntil(lambda: window.backup_status.text().startswith("Last backup: today"))
    else:
        assert window.backup_status.task is None  # none was started (showing is done by now)
        assert b.list_backups(path) == []
        assert window.backup_status.text() == "No backup yet — File ▸ Back up now"
    window.close()
    shop.close()
