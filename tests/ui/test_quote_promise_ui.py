"""A promise date at quote time, through the window (issue 16, item 7): the hours to make it typed in
the quote editor, "Propose a date" schedules them behind the shop's load, the date is saved with the
quote, printed on it, and the job is due then once the quote is accepted.

Worked by hand: the shop opens Monday to Friday, 08:00-16:30; it is Wednesday 9 December 2026, 08:00.
The spray booth (8 h a day) is booked Wed 9, Thu 10 and Fri 11 by a released job; Sat 12 and Sun 13
are no working days and Mon 14 is a shop holiday, so 6 quoted hours (360 minutes) go on Tue 15."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal as D

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from support.gui import click, open_brief_quotes
from support.planning import booked_spray_booth
from workshop.db.models import Job, Quote, QuoteHours
from workshop.documents.quote import quote_pdf
from workshop.services import briefs

TUESDAY_15 = dt.date(2026, 12, 15)


@pytest.fixture
def booked_booth(db, shop):
    db.clock = lambda: dt.datetime(2026, 12, 9, 8, 0).astimezone()  # the shop's wall clock, Wednesday 08:00
    return booked_spray_booth(db, shop.customer.id)


@pytest.fixture
def tab(qtbot, db, shop, booked_booth):
    brief = briefs.create_brief(db, customer_id=shop.customer.id, title="Lacquered panels",
                                requirements="Six lacquered wall panels")
    return open_brief_quotes(qtbot, db, brief.id)


def _type_hours(qtbot, table, row, text):
    table.setFocus()
    table.setCurrentCell(row, 1)
    qtbot.keyClicks(table, text)  # typing on a cell starts editing it
    qtbot.keyClick(table.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.item(row, 1).text() == text)  # Qt commits the edit on its next turn


def _open_hours_tab(qtbot, dialog):
    bar = dialog.lower_tabs.tabBar()
    index = dialog.lower_tabs.indexOf(dialog.hours_box)
    assert bar.tabText(index) == "Hours to make it"
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert dialog.lower_tabs.currentWidget() is dialog.hours_box


def test_the_editor_proposes_a_date_saves_it_prints_it_and_the_job_is_due_then(qtbot, db, tab, booked_booth):
    panel = tab.quotes
    click(qtbot, panel.new_button)
    dialog = panel.dialog
    dialog.set_lines([])
    dialog.add_line("labour", "Spraying", "600.00")
    _open_hours_tab(qtbot, dialog)
    hours = dialog.hours_box
    click(qtbot, hours.add_button)
    combo = hours.table.cellWidget(0, 0)
    combo.setCurrentIndex(combo.findData(booked_booth.id))
    assert combo.currentText() == "SPRAY — Spray booth"

    # No hours yet: said under the table, and no date is made up.
    _type_hours(qtbot, hours.table, 0, "0")
    click(qtbot, dialog.propose_button)
    qtbot.waitUntil(lambda: dialog.propose_button.isEnabled())
    error = hours.findChild(type(dialog.promise_note), "quoteHoursError")
    assert error.isVisible() and error.text() == "Line 1: the hours must be more than 0 and at most 1,000, not 0."
    assert dialog.promised.value() is None

    _type_hours(qtbot, hours.table, 0, "6")
    click(qtbot, dialog.propose_button)
    qtbot.waitUntil(lambda: dialog.promised.value() == TUESDAY_15)
    assert not error.isVisible()
    assert dialog.promise_note.text() == "Ready by 15 Dec 2026: 6 h of work after the work the shop has on."

    click(qtbot, dialog.ok_button)
    assert not dialog.isVisible()
    with db.reader() as s:
        q = s.query(Quote).one()
        assert q.promised_date == TUESDAY_15
        assert [(h.workstation_id, h.hours) for h in s.query(QuoteHours).filter_by(quote_id=q.id)] == [
            (booked_booth.id, D("6.00"))]
        quote_id = q.id

    # The printed quote states it.
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(quote_pdf(db, quote_id))).pages)
    assert "Delivery: by 15 Dec 2026." in " ".join(text.split())

    # Editing the draft shows the hours and the date again.
    panel.view.selectRow(0)
    click(qtbot, panel.edit_button)
    dialog = panel.dialog
    assert (dialog.hours_box.rows(), dialog.promised.value()) == ([(booked_booth.id, "6")], TUESDAY_15)
    dialog.reject()

    # Sent, then accepted: the job's due date starts at the promise.
    panel.view.selectRow(0)
    click(qtbot, panel.send_button)
    panel.view.selectRow(0)
    click(qtbot, panel.accept_button)
    accept = panel.dialog
    assert accept.due_date.value() == TUESDAY_15
    click(qtbot, accept.ok_button)
    with db.reader() as s:
        job_id = s.get(Quote, quote_id).job_id
        assert s.get(Job, job_id).due_date == TUESDAY_15
