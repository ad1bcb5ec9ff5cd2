"""Shop ▸ Shop calendar… and the workstations' machines side by side and days off, driven as a
person does: the database holds exactly what was chosen, and bad input shows its message and saves
nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from sqlalchemy import select

from support.gui import click, ok, when_dialog_opens
from workshop.db.models import ShopHoliday, ShopSettings, WorkstationDayOff
from workshop.services import calendar
from workshop.services import workstations as ws
from workshop.ui.context import AppContext
from workshop.ui.dialogs.shop_calendar import ShopCalendarDialog, weekdays_in_locale_order
from workshop.ui.dialogs.unsaved import Leave
from workshop.ui.dialogs.workstation_days_off import DaysOffDialog
from workshop.ui.dialogs.workstations import WorkstationsDialog

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def ctx(db, monkeypatch):
    monkeypatch.setattr("workshop.ui.dialogs.record_editor.ask_unsaved", lambda parent, what: Leave.DISCARD)
    return AppContext(db)


def open_calendar(qtbot, ctx) -> ShopCalendarDialog:
    dialog = ShopCalendarDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def retype(qtbot, widget, text: str) -> None:
    """Select what the field holds and type over it, as a person does."""
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(widget, text)


def type_time(qtbot, dialog, edit, digits: str) -> None:
    """Into a time field as a person does: focus it (its hours are selected), type the figures."""
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    qtbot.keyClicks(edit, digits)


def saved_week(db):
    with db.reader() as s:
        row = s.get(ShopSettings, 1)
        return row.working_weekdays, row.day_start, row.day_end


def saved_holidays(db):
    with db.reader() as s:
        return s.execute(select(ShopHoliday.day, ShopHoliday.name).order_by(ShopHoliday.day)).all()


def test_weekdays_start_on_the_locales_first_day():
    assert [name for _day, name in weekdays_in_locale_order("en_GB")][:2] == ["Monday", "Tuesday"]
    assert weekdays_in_locale_order("en_US")[0] == (6, "Sunday")
    assert weekdays_in_locale_order("de_DE")[4] == (4, "Freitag")


def test_four_day_week_from_half_past_seven_and_christmas(qtbot, ctx, db):
    d = open_calendar(qtbot, ctx)
    assert [box.text() for box in d.day_boxes.values()][0] == "Monday"  # en_GB: the week starts on Monday
    click(qtbot, d.day_boxes[4])  # untick Friday
    type_time(qtbot, d, d.day_start, "0730")
    type_time(qtbot, d, d.day_end, "1600")
    retype(qtbot, d.year_box.lineEdit(), "2027")
    qtbot.keyClicks(d.new_day.edit, "25/12/2027")
    qtbot.keyClicks(d.new_name, "Christmas Day")
    qtbot.keyClick(d.new_name, Qt.Key.Key_Return)  # Enter adds it
    assert [(d.table.item(0, 0).text(), d.table.item(0, 1).text())] == [("25 Dec 2027", "Christmas Day")]
    assert d.new_day.edit.text() == "" and saved_holidays(db) == []  # listed, saved only with OK

    # a date of another year is refused at once, and not listed
    qtbot.keyClicks(d.new_day.edit, "14/01/2028")
    qtbot.keyClicks(d.new_name, "Stocktake")
    click(qtbot, d.add_button)
    assert d.error.isVisible()
    assert d.error.text() == "14 Jan 2028 is not in 2027: the holidays being edited are 2027's. Choose 2028 to add it there."
    assert d.table.rowCount() == 1
    d.new_day.edit.clear()

    with qtbot.waitSignal(ctx.changed):
        ok(qtbot, d)
    assert d.result() == QDialog.DialogCode.Accepted
    assert saved_week(db) == ("0,1,2,3", "07:30", "16:00")
    assert saved_holidays(db) == [(dt.date(2027, 12, 25), "Christmas Day")]


def test_a_day_that_ends_before_it_starts_saves_nothing(qtbot, ctx, db):
    calendar.add_holiday(db, dt.date(2027, 1, 1), "New Year's Day", year=2027)
    d = open_calendar(qtbot, ctx)
    click(qtbot, d.day_boxes[5])  # Saturday as well
    type_time(qtbot, d, d.day_end, "0700")  # before 08:00
    retype(qtbot, d.year_box.lineEdit(), "2027")
    assert d.table.item(0, 1).text() == "New Year's Day"
    d.table.selectRow(0)
    d.table.setFocus()
    qtbot.keyClick(d.table, Qt.Key.Key_Delete)  # removed from the list
    assert d.table.rowCount() == 0
    ok(qtbot, d)
    assert d.isVisible() and d.error.text() == ("The working day must end after it starts: 07:00 is not after "
                                                "08:00.")
    assert d.day_end.hasFocus()
    assert saved_week(db) == ("0,1,2,3,4", "08:00", "16:30")
    assert saved_holidays(db) == [(dt.date(2027, 1, 1), "New Year's Day")]  # the removal waits for OK too


def test_no_working_day_is_refused(qtbot, ctx, db):
    d = open_calendar(qtbot, ctx)
    for day in range(5):
        click(qtbot, d.day_boxes[day])
    ok(qtbot, d)
    assert d.error.text() == "Choose at least one working day."
    assert saved_week(db) == ("0,1,2,3,4", "08:00", "16:30")


def test_machines_side_by_side_and_a_day_off(qtbot, ctx, db, shop):
    d = WorkstationsDialog(ctx)
    qtbot.addWidget(d)
    d.show()
    assert d.select_label(shop.bench.label)
    spin = d.form.widgets["parallel"]
    assert spin.value() == 1
    retype(qtbot, spin.lineEdit(), "2")
    capacity = d.form.widgets["capacity_hours_per_day"]
    capacity.clear()
    qtbot.keyClicks(capacity, "0")
    click(qtbot, d.save_button)
    assert d.form.errors.message("capacity_hours_per_day") == "Capacity hours per day must be more than zero."
    assert ws.get_workstation(db, shop.bench.id).parallel == 1  # nothing saved
    capacity.clear()
    qtbot.keyClicks(capacity, "7.5")
    with qtbot.waitSignal(ctx.changed):
        click(qtbot, d.save_button)
    bench = ws.get_workstation(db, shop.bench.id)
    assert (bench.parallel, str(bench.capacity_hours_per_day)) == (2, "7.50")

    def add_days(dialog: DaysOffDialog) -> None:
        qtbot.keyClicks(dialog.new_day.edit, "7/12/2026")
        qtbot.keyClicks(dialog.reason, "Tom on leave")
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
        qtbot.keyClicks(dialog.new_day.edit, "7 Dec 2026")  # the same day again
        click(qtbot, dialog.add_button)
        assert dialog.error.text() == "7 Dec 2026 is already a day off for BENCH (Tom on leave)."
        dialog.new_day.edit.clear()
        qtbot.keyClicks(dialog.new_day.edit, "3/12/2026")
        click(qtbot, dialog.add_button)
        assert [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())] == ["3 Dec 2026", "7 Dec 2026"]
        dialog.table.selectRow(0)
        click(qtbot, dialog.remove_button)
        dialog.reject()

    answered = when_dialog_opens(add_days, check=lambda dialog: isinstance(dialog, DaysOffDialog))
    click(qtbot, d.days_off_button)
    assert answered
    with db.reader() as s:
        assert s.execute(select(WorkstationDayOff.workstation_id, WorkstationDayOff.day,
                                WorkstationDayOff.reason)).all() == [(shop.bench.id, dt.date(2026, 12, 7),
                                                                      "Tom on leave")]
    click(qtbot, d.new_button)
    assert not d.days_off_button.isEnabled()  # a workstation not saved yet has no days off
