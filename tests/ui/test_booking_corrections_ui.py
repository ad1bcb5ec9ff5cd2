"""Correcting a booking from the Bookings page: choose the row, Correct…, give a reason; the
reversing entry appears beside the original and the job's cost for it nets to zero."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from PySide6.QtCore import Qt

from workshop.domain.money import format_money
from workshop.services import booking_views, bookings, job_costing, jobs, materials, routing
from workshop.ui.context import AppContext
from workshop.ui.job_pages.bookings import JobBookingsPage
from workshop.ui.tabs.job_cards import JobCardsTab
from support.gui import click, type_text, when_dialog_opens

OFFSCREEN_LIMITS = r"^This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)


@pytest.fixture
def page(qtbot, db, shop):
    cut = routing.add_operation(db, shop.job.id, name="Cut panels", workstation_id=shop.saw.id,
                                setup_minutes="15", run_minutes="20")
    jobs.change_status(db, shop.job.id, "release")
    bookings.log_time(db, cut, shop.anna.id, minutes="50", kind="both")
    bookings.issue_material(db, shop.job.id, material_id=shop.oak.id, quantity="2.5")
    tab = JobCardsTab(AppContext(db))
    qtbot.addWidget(tab)
    tab.resize(1280, 720)
    tab.show()
    tab.open_job(shop.job.id)
    qtbot.waitUntil(lambda: tab.detail.job is not None)
    page = next(p for p in tab.detail.extra_pages if isinstance(p, JobBookingsPage))
    tab.detail.pages.setCurrentWidget(page)
    page.tab = tab  # the page lives in the tab: keep the tab alive as long as the test
    yield page


def _choose_row(qtbot, section, row: int) -> None:
    view = section.view
    rect = view.visualRect(section.model.index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _answer_reason(qtbot, text: str):
    def act(dialog):
        assert dialog.objectName() == "reasonDialog"
        type_text(qtbot, dialog.text, text)
        click(qtbot, dialog.ok_button)
    return when_dialog_opens(act)


def test_correct_time_and_material_from_the_bookings_page(qtbot, db, shop, page):
    time = page.time_section
    assert not time.correct_button.isEnabled()  # nothing chosen yet
    _choose_row(qtbot, time, 0)
    answered = _answer_reason(qtbot, "Booked to the wrong job")
    click(qtbot, time.correct_button)
    assert answered

    # 50/60 × (32.00 + 18.00 + 12.00) = 51.666… → 51.67, and its reversal −51.67
    listed = booking_views.list_time_logs(db, shop.job.id)
    assert [t.cost for t in listed] == [D("51.67"), D("-51.67")]
    assert listed[1].reason == "Booked to the wrong job"
    model = time.model
    column = [c.title for c in model.columns()].index("Correction")
    assert model.rowCount() == 2
    assert model.index(0, column).data() == "Reversed"
    assert model.index(1, column).data() == "Reverses: Booked to the wrong job"
    time_column = [c.title for c in model.columns()].index("Time")
    assert [model.index(r, time_column).data() for r in (0, 1)] == ["50 min", "−50 min"]
    assert time.total.text().strip() == format_money(D("0.00"), "GBP", "en_GB")  # 51.67 − 51.67
    # neither the reversed entry nor its correction can be corrected again
    for row in (0, 1):
        _choose_row(qtbot, time, row)
        assert not time.correct_button.isEnabled()

    material = page.material_section
    _choose_row(qtbot, material, 0)
    _answer_reason(qtbot, "Board went back to the rack")
    click(qtbot, material.correct_button)
    assert materials.get_material(db, shop.oak.id).stock_on_hand == D("40")  # 37.5 + 2.5
    # the job's actual cost: time 51.67 − 51.67, oak 2.5 × 85.50 = 213.75 − 213.75
    assert job_costing.actual_job_cost(db, shop.job.id).total.amount == D("0.00")
    assert material.total.text().strip() == format_money(D("0.00"), "GBP", "en_GB")


def test_cancelling_the_reason_books_nothing(qtbot, db, shop, page):
    _choose_row(qtbot, page.time_section, 0)

    def cancel(dialog):
        dialog.reject()
    when_dialog_opens(cancel)
    click(qtbot, page.time_section.correct_button)
    assert len(booking_views.list_time_logs(db, shop.job.id)) == 1


def test_the_page_reads_the_jobs_bookings_and_status_in_one_read(qtbot, db, shop, page):
    """Showing the page reads the job's status with its bookings (``booking_views.job_bookings``), not the
    whole job again: the job, its time, material and other costs, in one unit of work."""
    from sqlalchemy import event

    pages = page.tab.detail.pages
    pages.setCurrentIndex(0)
    sent: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:
        sent.append(" ".join(statement.split()))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        page.set_job(page.job)  # (stale: read again when next shown)
        click(qtbot, pages.tabButton(pages.indexOf(page)))
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    # the shop's currency (the page's money), then one unit of work: the job and its three lists
    assert [s.split(" FROM ")[1].split(" ")[0] if s.startswith("SELECT") else s for s in sent] == [
        "BEGIN DEFERRED", "shop_settings", "BEGIN DEFERRED", "jobs", "time_logs", "material_issues",
        "other_costs"] if db.engine.dialect.name == "sqlite" else ["shop_settings", "jobs", "time_logs",
                                                                    "material_issues", "other_costs"]
    assert page.times.rowCount() == 1 and page.materials.rowCount() == 1
    assert page.book_time_button.isEnabled()

    # the job cancelled elsewhere: the page says so from the status read with its bookings
    done = page.ctx.call(page.tab, jobs.change_status, shop.job.id, "cancel", "The customer withdrew",
                         on_invalid=lambda error: pytest.fail(str(error)))
    assert done.ok
    assert not page.book_time_button.isEnabled() and not page.other_button.isEnabled()
    assert page.hint.text() == f"Job {shop.job.number} is cancelled: nothing more is booked to it."
    _choose_row(qtbot, page.time_section, 0)
    assert not page.time_section.correct_button.isEnabled()
