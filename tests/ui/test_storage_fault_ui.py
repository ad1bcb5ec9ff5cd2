"""A storage fault in the window: a short dialog that says what happened and what to do (not the
crash dialog), the form keeps what was typed, and saving works once the fault is gone."""

from __future__ import annotations

import sqlite3

from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from sqlalchemy import event

from support.gui import click, type_text, when_dialog_opens
from workshop.db.engine import open_database
from workshop.services import settings
from workshop.ui.context import AppContext
from workshop.ui.dialogs.company_settings import CompanySettingsDialog
from workshop.ui.dialogs.unsaved import Leave


def test_saving_while_another_program_writes_says_busy_and_keeps_the_typing(qtbot, tmp_path, monkeypatch):
    # should the test fail with typing unsaved, closing the dialog at the end leaves it without asking
    monkeypatch.setattr("workshop.ui.dialogs.company_settings.ask_unsaved", lambda parent, what: Leave.DISCARD)
    path = tmp_path / "shop.db"
    db = open_database(path)
    db.engine.dispose()
    event.listen(db.engine, "connect", lambda conn, _record: conn.execute("PRAGMA busy_timeout=0"))
    dialog = CompanySettingsDialog(AppContext(db))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    name = dialog.forms["company"].widgets["company_name"]
    name.clear()
    type_text(qtbot, name, "J&C <b>Ltd</b> Łódź")

    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another program holds the write lock
    said = []
    answered = when_dialog_opens(lambda box: (said.append((box.objectName(), box.text(), box.detailedText())),
                                              box.accept()), check=lambda d: isinstance(d, QMessageBox))
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
    qtbot.waitUntil(lambda: len(answered) == 1)
    (object_name, text, details), = said
    assert object_name == "errorDialog"  # the short dialog, not "crashDialog"
    assert text.startswith("The shop's database is busy") and "SQLITE_BUSY" in details
    assert dialog.isVisible() and name.text() == "J&C <b>Ltd</b> Łódź"  # nothing typed is lost

    other.execute("ROLLBACK")
    other.close()
    assert settings.get_settings(db).company_name == "My Workshop"  # nothing was saved
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert settings.get_settings(db).company_name == "J&C <b>Ltd</b> Łódź"
    db.close()
