"""Reconcile the day, driven as a person does: a clock-off forgotten across midnight (on at 16:00
on the 3rd, never off, looked at the next morning) shows as still clocked on; "Clock off at…"
17:15 books an estimated 75-minute segment; Correct… with a reason reverses it and books the right
time as a new entry, never an edit in place."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from PySide6.QtWidgets import QApplication

from support.gui import click
from workshop.domain.scan_codes import operation_code
from workshop.services import booking_views, clocking, jobs, routing
from workshop.ui.context import AppContext
from workshop.ui.dialogs.day_review import DayReviewDialog

OFFSCREEN_LIMITS = r"^This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)

THIRD = dt.date(2026, 11, 3)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute)).astimezone()


@pytest.fixture
def forgotten(db, shop):
    """Anna clocked on to Cut panels at 16:00 on the 3rd and went home; it is now 8:00 on the 4th."""
    db.clock = lambda: at(THIRD + dt.timedelta(days=1), 8)
    cut = routing.add_operation(db, shop.job.id, name="Cut panels", workstation_id=shop.saw.id,
                                setup_minutes="15", run_minutes="20")
    jobs.change_status(db, shop.job.id, "release")
    number = jobs.get_job(db, shop.job.id).number
    on = clocking.scan(db, operation_code(number, 10), shop.anna.id, now=at(THIRD, 16))
    return cut, on.clock_on.id


@pytest.fixture
def review(qtbot, db, forgotten):
    dialog = DayReviewDialog(AppContext(db))
    qtbot.addWidget(dialog)
    dialog.resize(1280, 700)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def time_logs(db, job_id: int):
    return sorted(booking_views.list_time_logs(db, job_id), key=lambda log: log.id)


def test_a_forgotten_clock_off_across_midnight_closed_then_corrected(qtbot, db, shop, forgotten, review):
    cut, clock_on_id = forgotten
    assert review.shown_day() == THIRD + dt.timedelta(days=1)  # today, the 4th
    click(qtbot, review.before)  # ◀: the 3rd
    assert review.shown_day() == THIRD
    assert review.open_table.isVisible() and review.open_table.rowCount() == 1
    assert review.open_table.item(0, 0).text() == "Anna Kowalska"
    assert review.open_table.item(0, 4).text() == "running"
    assert review.sections == []  # nothing closed on the 3rd yet: no segment to place

    click(qtbot, review.clock_off_buttons[clock_on_id])
    form = review.edit_dialog
    qtbot.waitExposed(form)
    assert form.day.date() == THIRD  # the day it was begun
    qtbot.keyClicks(form.stopped, "17:15")
    click(qtbot, form.ok_button)
    assert not form.isVisible()

    [estimate] = time_logs(db, shop.job.id)
    # 16:00 to 17:15 = 75 minutes, as an estimate; the saw books a person at a machine: both 75
    assert (estimate.operator_id, estimate.labour_minutes, estimate.machine_minutes) == (shop.anna.id, D(75), D(75))
    assert (estimate.source, estimate.estimated) == ("estimate", True)
    assert (estimate.started_at, estimate.ended_at) == (at(THIRD, 16), at(THIRD, 17, 15))
    # the screen follows: nobody left clocked on, Anna's day has the estimated segment
    assert review.open_table.rowCount() == 0 and not review.open_table.isVisible()
    assert review.open_hint.text() == "Nobody is left clocked on."
    section = review.section_of(shop.anna.id)
    table = section.table
    assert [table.item(0, c).text() for c in range(5)] == ["16:00", "17:15", "1 h 15 min",
                                                          f"{jobs.get_job(db, shop.job.id).number} / 010 Cut panels",
                                                          "estimate"]
    assert section.title.text().startswith("Anna Kowalska — 1 h 15 min booked")

    # She really stopped at 17:45: Correct…, the finish and a reason
    click(qtbot, section.correct_buttons[estimate.id])
    fix = review.edit_dialog
    qtbot.waitExposed(fix)
    assert (fix.start.text(), fix.end.text()) == ("16:00", "17:15")
    fix.end.selectAll()
    qtbot.keyClicks(fix.end, "17:45")
    click(qtbot, fix.ok_button)
    assert fix.isVisible()  # no reason: refused, nothing saved
    assert fix.errors.message("reason")
    assert len(time_logs(db, shop.job.id)) == 1
    fix.reason.setFocus()
    qtbot.keyClicks(fix.reason, "Stayed to finish the cut")
    click(qtbot, fix.ok_button)
    assert not fix.isVisible()

    original, reversal, right = time_logs(db, shop.job.id)
    assert original.id == estimate.id and original.labour_minutes == D(75)  # never edited in place
    assert (reversal.reverses_id, reversal.labour_minutes, reversal.reason) == (
        estimate.id, D(-75), "Stayed to finish the cut")
    # 16:00 to 17:45 = 105 minutes
    assert (right.started_at, right.ended_at, right.labour_minutes) == (at(THIRD, 16), at(THIRD, 17, 45), D(105))
    assert right.operator_id == shop.anna.id
    section = review.section_of(shop.anna.id)
    table = section.table
    shown = [[table.item(r, c).text() for c in (0, 1, 2, 5)] for r in range(table.rowCount())]
    # the reversed entry stays in sight, struck through, before the entry that now counts
    assert shown == [["16:00", "17:15", "1 h 15 min", "reversed: Stayed to finish the cut"],
                     ["16:00", "17:45", "1 h 45 min", ""]]
    assert table.item(0, 0).font().strikeOut() and not table.item(1, 0).font().strikeOut()
    assert list(section.correct_buttons) == [right.id]  # only what counts can be corrected again
    assert section.title.text().startswith("Anna Kowalska — 1 h 45 min booked")
    assert QApplication.activeModalWidget() is None
