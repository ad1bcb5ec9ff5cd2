"""Booking one operation's time from the window in at most three clicks: the operation and its
operator are filled in, the cursor waits in Minutes, Enter books. Counted click by click, from the
Routing tab and from the job's Bookings page, and the database row checked."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from support.gui import open_window
from workshop.services import booking_views, jobs, routing
from workshop.ui.dialogs.booking import TimeBookingDialog
from workshop.ui.job_pages.bookings import JobBookingsPage

OFFSCREEN_LIMITS = r"^This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)


class Clicks:
    """A person's mouse: every click goes through here, so the test can count them."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot
        self.count = 0

    def button(self, button: QPushButton) -> None:
        assert button.isEnabled() and button.isVisible(), button.objectName()
        self.count += 1
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    def table_row(self, view, row: int) -> None:
        self.count += 1
        rect = view.visualRect(view.model().index(row, 2))
        self.qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


@pytest.fixture
def ops(db, shop):
    cut = routing.add_operation(db, shop.job.id, name="Cut panels", workstation_id=shop.saw.id,
                                setup_minutes="15", run_minutes="20")
    assemble = routing.add_operation(db, shop.job.id, name="Assemble carcass", workstation_id=shop.bench.id,
                                     operator_id=shop.tom.id, setup_minutes="10", run_minutes="45")
    jobs.change_status(db, shop.job.id, "release")
    return cut, assemble


def type_then_enter(qtbot, dialog: TimeBookingDialog, text: str) -> None:
    """Typed where the cursor already is (no click to get there), then Enter."""
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.minutes)
    qtbot.keyClicks(dialog.minutes, text)
    qtbot.keyClick(dialog.minutes, Qt.Key.Key_Return)


def test_from_the_routing_two_clicks_and_the_minutes(qtbot, db, shop, ops, tmp_path):
    _cut, assemble = ops
    window = open_window(qtbot, db, tmp_path, tab="routing")
    window.ctx.select_job(shop.job.id)
    tab = window.current_tab()
    qtbot.waitUntil(lambda: tab.table.isVisible() and tab.model.rowCount() == 2)
    clicks = Clicks(qtbot)
    clicks.table_row(tab.table, 1)  # 1: the operation, Assemble carcass
    clicks.button(tab.book_button)  # 2: Book time…
    dialog = tab.booking
    qtbot.waitExposed(dialog)
    assert dialog.operation.currentData() == assemble
    assert dialog.operator.currentData() == shop.tom.id  # the operation's operator
    type_then_enter(qtbot, dialog, "45")
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert clicks.count == 2  # at most 3; the minutes typed and Enter need none

    [log] = booking_views.list_time_logs(db, shop.job.id)
    # 45 minutes of Tom's labour on the bench operation
    assert (log.operation_id, log.operator_id, log.labour_minutes, log.machine_minutes) == (
        assemble, shop.tom.id, D(45), D(0))


def test_from_the_bookings_page_the_operation_at_the_bench_and_the_last_operator(qtbot, db, shop, ops, tmp_path):
    cut, _assemble = ops
    window = open_window(qtbot, db, tmp_path, tab="job-cards")
    window.ctx.last_operator_id = shop.anna.id  # Anna booked last in this run of the program
    tab = window.current_tab()
    tab.open_job(shop.job.id)
    qtbot.waitUntil(lambda: tab.detail.job is not None)
    page = next(p for p in tab.detail.extra_pages if isinstance(p, JobBookingsPage))
    page_button = next(b for b in tab.detail.pages.findChildren(QPushButton) if b.text() == "Bookings")
    qtbot.waitUntil(page_button.isVisible)
    clicks = Clicks(qtbot)
    clicks.button(page_button)  # 1: the job's Bookings page
    clicks.button(page.book_time_button)  # 2: Book time…
    dialog = page.dialog
    qtbot.waitExposed(dialog)
    # the first operation not done (nothing is running), and, having no operator of its own, Anna
    assert dialog.operation.currentData() == cut
    assert dialog.operator.currentData() == shop.anna.id
    type_then_enter(qtbot, dialog, "1h10")
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert clicks.count == 2

    [log] = booking_views.list_time_logs(db, shop.job.id)
    # 1 h 10 = 70 minutes; at the saw (a machine) the default kind is a person at the machine: both 70
    assert (log.operation_id, log.operator_id, log.labour_minutes, log.machine_minutes) == (
        cut, shop.anna.id, D(70), D(70))
