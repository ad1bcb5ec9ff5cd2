"""A shop open read-only: the yellow banner says why and how to get write access, saving says why it
cannot (and keeps the typing), "Open for changes" works once the cause is gone; File ▸ Open offers
read-only mode for a shop another PC holds; a shop in a network folder is warned about once."""

from __future__ import annotations

import json
import os
from pathlib import PurePath

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from support.gui import click, open_window, type_text, when_dialog_opens
from workshop.db import lock as lock_module
from workshop.db.engine import open_database
from workshop.db.storage_place import Place
from workshop.services import settings as shop_settings
from workshop.ui.dialogs.unsaved import Leave


def _held_by_bench_pc(path) -> None:
    lock_module.lock_path(path).write_text(json.dumps(
        {"host": "BENCH-PC", "pid": 4242, "user": "tom", "started_at": "2026-12-01T08:15:00+00:00", "token": "x"}))


def _read_only_window(qtbot, tmp_path):
    path = tmp_path / "shop.db"
    open_database(path).close()
    _held_by_bench_pc(path)
    db = open_database(path, read_only=True, read_only_reason="Workshop is open for changes by tom on BENCH-PC")
    return path, open_window(qtbot, db, tmp_path)


def test_the_banner_says_why_and_saving_says_why_not(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr("workshop.ui.dialogs.company_settings.ask_unsaved", lambda parent, what: Leave.DISCARD)
    path, window = _read_only_window(qtbot, tmp_path)
    banner = window.read_only_banner
    assert banner.isVisible()
    assert banner.label.text().startswith("Read-only: this shop is open read-only because Workshop is open for "
                                          "changes by tom on BENCH-PC. You can look things up")
    assert banner.geometry().top() < window.tabs.geometry().top()  # above the tabs

    dialog = window.open_shop_dialog("settings")
    qtbot.waitExposed(dialog)
    name = dialog.forms["company"].widgets["company_name"]
    name.clear()
    type_text(qtbot, name, "Oak & Iron")
    said = []
    answered = when_dialog_opens(lambda box: (said.append((box.objectName(), box.text())), box.accept()),
                                 check=lambda d: isinstance(d, QMessageBox))
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
    qtbot.waitUntil(lambda: len(answered) == 1)
    assert said == [("errorDialog", "This shop is open read-only because Workshop is open for changes by tom on "
                                    "BENCH-PC. Nothing was saved.")]
    assert dialog.isVisible() and name.text() == "Oak & Iron"  # the typing stays
    dialog.close()
    assert shop_settings.get_settings(window.ctx.db).company_name == "My Workshop"
    window.ctx.db.close()


def test_open_for_changes_once_the_other_pc_let_go(qtbot, tmp_path):
    path, window = _read_only_window(qtbot, tmp_path)
    refused = []
    when_dialog_opens(lambda box: (refused.append(box.text()), box.findChild(type(box.buttons()[0]),
                                                                              "choice_cancel").click()),
                      check=lambda d: isinstance(d, QMessageBox) and d.objectName() == "openFaultDialog")
    click(qtbot, window.read_only_banner.reopen_button)  # still held there: asked again, cancelled
    assert refused and "on BENCH-PC" in refused[0]
    assert window.ctx.db.read_only and window.read_only_banner.isVisible()

    lock_module.lock_path(path).unlink()  # Tom closed Workshop on the bench PC
    click(qtbot, window.read_only_banner.reopen_button)
    assert not window.ctx.db.read_only
    assert not window.read_only_banner.isVisible()
    assert lock_module.lock_holder(path).pid == os.getpid()
    window.close()
    assert lock_module.lock_holder(path) is None  # closing the window lets go of the shop
    window.ctx.db.close()


def test_file_open_of_a_shop_held_elsewhere_offers_read_only(qtbot, db, tmp_path):
    window = open_window(qtbot, db, tmp_path)
    other = tmp_path / "other.db"
    open_database(other).close()
    _held_by_bench_pc(other)
    seen = []
    when_dialog_opens(lambda box: (seen.append(sorted(b.objectName() for b in box.buttons()
                                                      if b.objectName().startswith("choice_"))),
                                   box.findChild(type(box.buttons()[0]), "choice_read_only").click()),
                      check=lambda d: isinstance(d, QMessageBox) and d.objectName() == "openFaultDialog")
    assert window.open_database_target(str(other))
    assert seen == [["choice_cancel", "choice_open_anyway", "choice_read_only"]]  # Cancel keeps the shop open
    assert window.ctx.db.read_only and window.read_only_banner.isVisible()
    assert window.writer_lock is None
    window.ctx.db.close()


def test_a_shop_in_a_network_folder_is_warned_about_once(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr("workshop.db.storage_place.place_of", lambda path: Place("network", "SMB/CIFS share"))
    path = tmp_path / "shop.db"
    open_database(path).close()
    said = []
    when_dialog_opens(lambda box: (said.append(box.text()), box.accept()),
                      check=lambda d: isinstance(d, QMessageBox) and d.objectName() == "storagePlaceDialog")
    window = open_window(qtbot, open_database(path), tmp_path)
    qtbot.waitUntil(lambda: len(said) == 1)
    assert said[0] == Place("network", "SMB/CIFS share").warning(PurePath(path))
    assert "PostgreSQL" in said[0]
    assert window.open_database_target(str(path))  # the same file again: no second warning
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert settings.value("storage/warned") in ([str(path)], str(path))
    assert len(said) == 1
    window.close()
    window.ctx.db.close()


def test_the_read_only_window_at_1280x720(qtbot, tmp_path):
    _path, window = _read_only_window(qtbot, tmp_path)
    window.resize(1280, 720)
    qtbot.waitUntil(lambda: window.read_only_banner.isVisible())
    image = window.grab()
    image.save(str(tmp_path / "read_only.png"))
    if os.environ.get("WORKSHOP_KEEP_SCREENSHOTS"):
        image.save(os.environ["WORKSHOP_KEEP_SCREENSHOTS"])
    banner = window.read_only_banner
    assert banner.reopen_button.isVisible()
    assert banner.reopen_button.geometry().right() <= banner.width()  # the button is on screen
    window.ctx.db.close()
