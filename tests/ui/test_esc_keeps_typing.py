"""Esc never throws typing away: reverting a form with unsaved changes, or closing a dialog
with typing by Esc, asks "Discard your changes?" first; "Keep editing" keeps every character."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from workshop.services import booking_views, jobs, routing, workstations
from workshop.ui.app import create_main_window
from workshop.ui.context import AppContext
from workshop.ui.dialogs.booking import TimeBookingDialog
from workshop.ui.dialogs.unsaved import Leave
from workshop.ui.dialogs.workstations import WorkstationsDialog
from support.gui import click, press, when_dialog_opens

pytestmark = pytest.mark.qt_log_ignore(
    r"^This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")

KEEP, DISCARD = QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard


def answer(button):
    def act(box):
        assert box.objectName() == "discardQuestion" and box.windowTitle() == "Discard your changes?"
        box.button(button).click()
    return when_dialog_opens(act)


@pytest.fixture
def window(monkeypatch, qtbot, db, shop, tmp_path):
    monkeypatch.setattr("workshop.ui.main_window.ask_unsaved", lambda parent, what: Leave.DISCARD)  # closing
    w = create_main_window(db, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.show()
    w.select_tab("job-cards")
    cards = w.current_tab()
    cards.open_job(shop.job.id)
    qtbot.waitUntil(lambda: cards.detail.job is not None)
    return w


def test_esc_on_the_job_form_asks_and_keep_editing_keeps_the_typing(qtbot, window, db, shop):
    header = window.current_tab().detail.header
    header.title.setFocus()
    header.title.end(False)
    qtbot.keyClicks(header.title, ", walnut top")
    asked = answer(KEEP)
    press(qtbot, window, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier)
    assert asked
    assert header.title.text() == "Oak dresser, walnut top" and header.is_dirty()

    asked = answer(DISCARD)
    press(qtbot, window, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier)
    assert asked and header.title.text() == "Oak dresser" and not header.is_dirty()
    assert jobs.get_job(db, shop.job.id).title == "Oak dresser"


def test_esc_with_nothing_typed_asks_nothing(qtbot, window, monkeypatch):
    asked = []
    monkeypatch.setattr("workshop.ui.dialogs.unsaved.confirm_discard", lambda *a: asked.append(a) or True)
    press(qtbot, window, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier)
    assert asked == []  # nothing to lose: no question


def test_esc_in_a_booking_dialog_keeps_the_typing_until_discarded(qtbot, db, shop):
    op = routing.add_operation(db, shop.job.id, name="Cut panels", workstation_id=shop.saw.id, run_minutes="20")
    jobs.change_status(db, shop.job.id, "release")
    dialog = TimeBookingDialog(AppContext(db), jobs.get_job(db, shop.job.id))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.minutes, "95")

    asked = answer(KEEP)
    qtbot.keyClick(dialog.minutes, Qt.Key.Key_Escape)
    assert asked and dialog.isVisible() and dialog.minutes.text() == "95"

    asked = answer(DISCARD)
    qtbot.keyClick(dialog.minutes, Qt.Key.Key_Escape)
    assert asked and not dialog.isVisible() and dialog.result() == 0
    assert booking_views.list_time_logs(db, shop.job.id) == []

    # typed, then booked: OK asks nothing
    again = TimeBookingDialog(AppContext(db), jobs.get_job(db, shop.job.id), operation_id=op)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    qtbot.keyClicks(again.minutes, "95")
    click(qtbot, again.ok_button)
    assert not again.isVisible() and [t.labour_minutes for t in booking_views.list_time_logs(db, shop.job.id)] == [95]


def test_revert_in_a_shop_dialog_asks_first(qtbot, db, shop):
    dialog = WorkstationsDialog(AppContext(db))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.select_label(dialog.label(dialog.current))
    name = dialog.form.widgets["name"]
    before = name.text()
    qtbot.keyClicks(name, " (old)")
    answer(KEEP)
    click(qtbot, dialog.revert_button)
    assert name.text() == before + " (old)"
    answer(DISCARD)
    click(qtbot, dialog.revert_button)
    assert name.text() == before and not dialog.has_unsaved_changes()
    assert [w.name for w in workstations.list_workstations(db)] == ["Assembly bench", "Panel saw"]
