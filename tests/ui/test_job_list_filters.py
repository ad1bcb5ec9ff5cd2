"""The job list hides nothing that is waiting, and everything on screen follows what the list shows:
quick filters, counts, the status bar, the Inspection form."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from workshop.services import inspection, jobs, routing
from workshop.ui.models.jobs_model import JobsModel
from support.gui import click, open_window
from support.invoicing import final_invoice_issued

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support")

TO_DELIVERED = ("release", "start", "to_inspection", "complete", "deliver")


def moved(db, job, actions):
    for action in actions:
        jobs.change_status(db, job.id, action, "")
    return job


@pytest.fixture
def old_work(db, shop):
    """A job delivered in October 2025 and never invoiced, one finished then and never delivered,
    and one invoiced and closed."""
    real = db.clock
    db.clock = lambda: dt.datetime(2025, 10, 1, 9, 0, tzinfo=dt.timezone.utc)
    try:
        def job(title):
            return jobs.create_job(db, customer_id=shop.customer.id, title=title, due_date=dt.date(2025, 10, 20))
        delivered = moved(db, job("Walnut table"), TO_DELIVERED)
        complete = moved(db, job("Garden bench"), TO_DELIVERED[:-1])
        closed = moved(db, job("Hall stand"), TO_DELIVERED)
        final_invoice_issued(db, shop, closed.id)
        jobs.change_status(db, closed.id, "close", "Paid in cash")
    finally:
        db.clock = real
    return dict(delivered=delivered, complete=complete, closed=closed)


@pytest.fixture
def window(qtbot, db, tmp_path):
    return open_window(qtbot, db, tmp_path)


def titles(panel) -> list[str]:
    model = panel.model
    return sorted(model.index(r, JobsModel.TITLE).data() for r in range(model.rowCount()))


def choose_filter(panel, key: str) -> None:
    panel.status_filter.setCurrentIndex(panel.status_filter.findData(key))


def test_nothing_waiting_is_hidden_and_quick_filters_find_it(qtbot, window, db, shop, old_work):
    window.select_tab("job-cards")
    panel = window.current_tab().list
    # by default: every job not closed, among them the one delivered in October 2025 and never invoiced
    assert panel.status_filter.currentText() == "Not closed"
    assert titles(panel) == ["Garden bench", "Oak dresser", "Walnut table"]
    assert panel.count_label.text() == "3 jobs"
    # the quick filters say how many wait there (one each), and show just those
    assert panel.status_filter.itemText(panel.status_filter.findData("awaiting_delivery")) == "Awaiting delivery (1)"
    assert panel.status_filter.itemText(panel.status_filter.findData("awaiting_invoice")) == "Awaiting invoice (1)"
    choose_filter(panel, "awaiting_invoice")
    assert titles(panel) == ["Walnut table"] and panel.count_label.text() == "1 job"
    assert window.counts_label.text().startswith("1 job listed")
    choose_filter(panel, "awaiting_delivery")
    assert titles(panel) == ["Garden bench"]
    choose_filter(panel, "open")
    assert titles(panel) == ["Oak dresser"]
    choose_filter(panel, "")
    assert titles(panel) == ["Garden bench", "Hall stand", "Oak dresser", "Walnut table"]
    assert window.counts_label.text().startswith("4 jobs listed")


def test_status_bar_follows_the_search(qtbot, window, db, shop, old_work):
    window.select_tab("job-cards")
    panel = window.current_tab().list
    assert window.counts_label.text().startswith("3 jobs listed")
    qtbot.keyClicks(panel.search, "walnut")
    qtbot.waitUntil(lambda: window.counts_label.text().startswith("1 job listed"))
    panel.late_only.click()  # the walnut table was due in October 2025, delivered: finished, not late
    assert window.counts_label.text().startswith("0 jobs listed")


def test_status_bar_follows_a_template_applied(qtbot, window, db, shop):
    window.select_tab("routing")
    window.ctx.select_job(shop.job.id)
    tab = window.current_tab()
    assert window.counts_label.text().startswith(f"{shop.job.number}: 0 operations")
    tab.template_combo.setCurrentIndex(tab.template_combo.findData(shop.template.id))
    click(qtbot, tab.apply_button)
    assert window.counts_label.text().startswith(f"{shop.job.number}: 3 operations")


def test_inspection_form_clears_when_the_search_hides_its_row(qtbot, window, db, shop, today):
    other = jobs.create_job(db, customer_id=shop.customer.id, title="Walnut desk", due_date=today + dt.timedelta(days=9))
    for job, check in ((shop.job, "Top flatness"), (other, "Drawer runs smooth")):
        routing.apply_template(db, job.id, shop.template.id)
        moved(db, job, ("release", "start", "to_inspection"))
        inspection.add_check(db, job_id=job.id, characteristic=check, check_type="visual")
    window.select_tab("inspection")
    tab = window.current_tab()
    qtbot.waitUntil(lambda: not tab.loading)  # the work list is read off the GUI thread
    row = tab.model.find_row(lambda r: r.characteristic == "Top flatness")
    rect = tab.table.visualRect(tab.model.index(row, 0))
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tab.record.check.characteristic == "Top flatness"
    # one check on each of the two jobs
    assert window.counts_label.text().startswith("2 due on 2 jobs")

    qtbot.keyClicks(tab.search, "drawer")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    assert tab.record.check is None  # the form no longer shows a check that is not listed
    assert tab.job_label.text() == "Choose an inspection on the left to record its result."
    assert window.counts_label.text().startswith("1 due on 1 job ")


def test_routing_follows_a_template_changed_in_shop_templates(qtbot, window, db, shop):
    from workshop.services import templates

    window.select_tab("routing")
    window.ctx.select_job(shop.job.id)
    combo = window.current_tab().template_combo
    assert combo.itemText(combo.findData(shop.template.id)) == "Oak cabinet (3 operations)"
    steps = [dict(name=s.name, workstation_id=s.workstation_id, setup_minutes=str(s.setup_minutes),
                  run_minutes=str(s.run_minutes)) for s in shop.template.steps[:1]]
    window.ctx.call(None, templates.update_template, shop.template.id, name="Oak shelf", steps=steps)
    assert combo.itemText(combo.findData(shop.template.id)) == "Oak shelf (1 operation)"
    assert combo.currentData() is None  # still nothing picked


def test_a_result_being_typed_keeps_its_row_listed(qtbot, window, db, shop, today):
    routing.apply_template(db, shop.job.id, shop.template.id)
    moved(db, shop.job, ("release", "start", "to_inspection"))
    inspection.add_check(db, job_id=shop.job.id, characteristic="Top length", nominal="2000",
                         lower_tolerance="-1", upper_tolerance="1", unit="mm")
    inspection.add_check(db, job_id=shop.job.id, characteristic="Drawer runs smooth", check_type="visual")
    window.select_tab("inspection")
    tab = window.current_tab()
    qtbot.waitUntil(lambda: not tab.loading)  # the work list is read off the GUI thread
    tab.select_check(next(r.check_id for r in tab.model.rows() if r.characteristic == "Top length"))
    qtbot.keyClicks(tab.record.readings, "2000.4")
    assert tab.record.has_unsaved_changes()
    qtbot.keyClicks(tab.search, "drawer")
    qtbot.waitUntil(lambda: not tab._timer.isActive())
    # the typed reading is not lost: its row stays listed and selected, the form still its own
    assert sorted(r.characteristic for r in tab.model.rows()) == ["Drawer runs smooth", "Top length"]
    assert tab.record.check.characteristic == "Top length" and tab.record.readings.text() == "2000.4"
    assert tab.model.row_at(tab.table.currentIndex().row()).characteristic == "Top length"
    tab.revert()  # Esc: nothing left to ask about when the window closes


def test_the_due_column_shows_whole_dates(qtbot, window):
    """The widest month's date fits the list's Due column at 1280×720 (80 px cut "31 Dec 2026")."""
    from workshop.ui.dates import date_text
    from workshop.ui.models.jobs_model import JobsModel

    window.select_tab("job-cards")
    table = window.current_tab().list.table
    padding = 2 * table.style().pixelMetric(table.style().PixelMetric.PM_FocusFrameHMargin) + 2
    due_width = table.horizontalHeader().sectionSize(JobsModel.DUE)
    for month in range(1, 13):
        text = date_text(dt.date(2026, month, 28))
        assert table.fontMetrics().horizontalAdvance(text) + padding <= due_width, text
