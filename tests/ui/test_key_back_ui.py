"""Keying back a paper traveler from the keyboard alone: the job's Bookings page ▸ Key back
traveler…, then only keys: the time typed, Tab through the cells, Enter books the row and moves
to the next. A refused row (negative minutes, a finish before its start) says which cell is wrong
next to the row, keeps what was typed, and saves nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from support.gui import click
from workshop.services import booking_views, jobs, routing
from workshop.ui.context import AppContext
from workshop.ui.dialogs.key_back import KeyBackDialog
from workshop.ui.job_pages.bookings import JobBookingsPage
from workshop.ui.tabs.job_cards import JobCardsTab

OFFSCREEN_LIMITS = r"^This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)


@pytest.fixture
def ops(db, shop):
    """Three operations; only the first has its own operator (Anna)."""
    cut = routing.add_operation(db, shop.job.id, name="Cut panels", workstation_id=shop.saw.id,
                                operator_id=shop.anna.id, setup_minutes="15", run_minutes="20")
    assemble = routing.add_operation(db, shop.job.id, name="Assemble carcass", workstation_id=shop.bench.id,
                                     setup_minutes="10", run_minutes="45")
    oil = routing.add_operation(db, shop.job.id, name="Check and oil", workstation_id=shop.bench.id,
                                setup_minutes="5", run_minutes="15")
    jobs.change_status(db, shop.job.id, "release")
    return cut, assemble, oil


@pytest.fixture
def sheet(qtbot, db, shop, ops):
    """The sheet opened as a person opens it: Job Cards, the job's Bookings page, Key back traveler…."""
    tab = JobCardsTab(AppContext(db))
    qtbot.addWidget(tab)
    tab.resize(1280, 720)
    tab.show()
    tab.open_job(shop.job.id)
    qtbot.waitUntil(lambda: tab.detail.job is not None)
    page = next(p for p in tab.detail.extra_pages if isinstance(p, JobBookingsPage))
    tab.detail.pages.setCurrentWidget(page)
    click(qtbot, page.key_back_button)
    dialog = page.dialog
    assert isinstance(dialog, KeyBackDialog)
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.tab = tab  # keep the tab alive as long as the test
    yield dialog
    dialog.close()


def keys(qtbot, *presses) -> None:
    """Typing into whatever has the focus: text, or a key (Tab, Enter, Space)."""
    for press in presses:
        target = QApplication.focusWidget()
        assert target is not None
        if isinstance(press, str):
            qtbot.keyClicks(target, press)
        else:
            qtbot.keyClick(target, press)


TAB, ENTER, SPACE = Qt.Key.Key_Tab, Qt.Key.Key_Return, Qt.Key.Key_Space


def status(db, job_id: int, operation_id: int) -> str:
    return next(op.status for op in routing.list_operations(db, job_id) if op.id == operation_id)


def logs(db, job_id: int):
    """What the database holds for the job, in the order booked."""
    return sorted(booking_views.list_time_logs(db, job_id), key=lambda log: log.id)


def test_two_rows_keyed_back_from_the_keyboard_alone(qtbot, db, shop, ops, sheet):
    cut, assemble, _oil = ops
    rows = sheet.rows
    # nothing pre-filled: the planned 15 + 20 × 2 = 55 min is shown for reference only
    assert all(cell.text() == "" for row in rows for cell in (row.time, row.start, row.finish, row.quantity))
    assert rows[0].operator.currentText() == "Anna Kowalska"  # the operation's own operator
    assert rows[1].operator.currentData() is None  # none of its own, and none chosen yet
    assert QApplication.focusWidget() is rows[0].time

    # row 1: "1h20", past Start and Finish and the operator (Anna), 2 done, finished, Enter
    keys(qtbot, "1h20", TAB, TAB, TAB, TAB, "2", TAB, SPACE, ENTER)
    booked = logs(db, shop.job.id)
    assert len(booked) == 1
    first = booked[0]
    # 1 h 20 = 80 minutes of labour (the saw's default kind is a person at the machine)
    assert (first.operation_id, first.operator_id, first.labour_minutes) == (cut, shop.anna.id, D(80))
    assert (first.source, first.quantity_done) == ("key_back", D(2))
    assert status(db, shop.job.id, cut) == "done"
    assert rows[0].booked.text().startswith("1 h 20 min")
    assert rows[0].time.text() == ""  # booked: Enter again books nothing twice
    assert QApplication.focusWidget() is rows[1].time  # on to the next row's first cell

    # row 2: Start 7:30, Finish 0915 on the sheet's date, Tom chosen by typing his initial
    keys(qtbot, TAB, "7:30", TAB, "0915", TAB, "T", TAB, ENTER)
    second = logs(db, shop.job.id)[1]
    today = db.today()
    # 9:15 − 7:30 = 1 h 45 = 105 minutes
    assert (second.operation_id, second.operator_id, second.labour_minutes) == (assemble, shop.tom.id, D(105))
    assert second.started_at.astimezone().replace(tzinfo=None) == dt.datetime.combine(today, dt.time(7, 30))
    assert second.quantity_done is None
    assert status(db, shop.job.id, assemble) != "done"  # not ticked finished
    # the third row has no operator of its own: it follows the one chosen last on the sheet
    assert rows[2].operator.currentData() == shop.tom.id
    assert QApplication.focusWidget() is rows[2].time


def test_negative_minutes_are_refused_next_to_the_row_and_nothing_is_saved(qtbot, db, shop, ops, sheet):
    row = sheet.rows[0]
    keys(qtbot, "-20", ENTER)
    assert logs(db, shop.job.id) == []
    assert row.message.isVisible()
    assert "time" in row.message.text().lower() and "negative" in row.message.text()  # names the cell
    assert row.time.text() == "-20"  # kept, to correct
    assert QApplication.focusWidget() is row.time

    # corrected in place, the same row books
    row.time.selectAll()
    keys(qtbot, "20", ENTER)
    assert [log.labour_minutes for log in logs(db, shop.job.id)] == [D(20)]
    assert row.message.text().startswith("Booked 20 min")


def test_a_finish_before_the_start_is_refused_and_nothing_is_saved(qtbot, db, shop, ops, sheet):
    row = sheet.rows[1]
    row.time.setFocus()
    keys(qtbot, TAB, "15:10", TAB, "14:00", ENTER)
    assert logs(db, shop.job.id) == []
    assert row.message.isVisible()
    assert "finish" in row.message.text().lower()  # names the cell
    assert row.finish.styleSheet()  # and marks it
    assert (row.start.text(), row.finish.text()) == ("15:10", "14:00")
    assert status(db, shop.job.id, ops[1]) in ("pending", "ready")  # nothing moved


def test_a_job_not_yet_released_says_why_and_takes_nothing(qtbot, db, shop):
    routing.add_operation(db, shop.job.id, name="Cut panels", workstation_id=shop.saw.id, run_minutes="20")
    sheet = KeyBackDialog(AppContext(db), shop.job.id)
    qtbot.addWidget(sheet)
    sheet.show()
    assert sheet.why_not.isVisible() and sheet.why_not.text().endswith("release it to the shop first.")
    assert not any(cell.isEnabled() for cell in sheet.rows[0].cells())
