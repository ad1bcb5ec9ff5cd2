"""The widget that saved a change keeps what is typed beside it when the broadcast comes back;
a change made anywhere else still refreshes it."""

from __future__ import annotations

import pytest

from workshop.db.models import Job
from workshop.services import delivery, jobs
from workshop.ui.context import AppContext
from workshop.ui.job_pages.delivery import DeliveryAftercarePage
from workshop.ui.tabs.job_cards import JobCardsTab
from support.gui import click, type_text


@pytest.fixture
def tab(qtbot, db, shop):
    for action in ("release", "start", "to_inspection"):
        jobs.change_status(db, shop.job.id, action)
    tab = JobCardsTab(AppContext(db))
    qtbot.addWidget(tab)
    tab.resize(1280, 720)
    tab.show()
    tab.open_job(shop.job.id)
    return tab


@pytest.fixture
def page(qtbot, tab):
    page = next(p for p in tab.detail.extra_pages if isinstance(p, DeliveryAftercarePage))
    tab.detail.pages.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.current is not None)
    return page


def _site(db, job_id):
    with db.reader() as s:
        job = s.get(Job, job_id)
        return job.site_address, job.site_country


def test_saving_the_site_address_keeps_the_delivery_being_typed(qtbot, page, db, shop):
    type_text(qtbot, page.received_by, "Ruth Harrow")
    type_text(qtbot, page.notes, "Left with the porter")
    box = page.site
    type_text(qtbot, box.address, "Unit 4, Mill Yard")
    click(qtbot, box.save_button)
    assert _site(db, shop.job.id)[0] == "Unit 4, Mill Yard"  # the job changed (JOBS was broadcast)
    assert box.state.text() == "This job's own delivery address, printed on its delivery note."
    # ... and the delivery typed beside it, not saved yet, is still there
    assert page.received_by.text() == "Ruth Harrow"
    assert page.notes.toPlainText() == "Left with the porter"


def test_a_delivery_recorded_elsewhere_shows_on_the_page(qtbot, page, db, shop):
    type_text(qtbot, page.received_by, "Someone else")
    assert page.deliveries_model.rowCount() == 0
    recorded = page.ctx.call(None, delivery.record_delivery, shop.job.id, method="collected",
                             received_by="Ruth Harrow", completion_reason="")
    assert recorded.ok
    assert page.deliveries_model.rowCount() == 1
    assert page.state.text().startswith("Delivered.")
    assert page.received_by.text() == ""  # the page was loaded again, for the next delivery


def test_closing_a_report_from_the_quality_pages_own_panel_reloads_the_page(qtbot, tab, db, shop):
    from workshop.services import nonconformance as ncrs
    from workshop.ui.job_pages.quality import JobQualityPage

    report = ncrs.raise_ncr(db, shop.job.id, description="Scratch on the top")
    ncrs.disposition(db, report.id, disposition="use_as_is", cause="Handling", concession_reference="Email 12 May")
    ncrs.verify(db, report.id, verified_by="Anna Kowalska")
    page = next(p for p in tab.detail.extra_pages if isinstance(p, JobQualityPage))
    tab.detail.pages.setCurrentWidget(page)
    qtbot.waitUntil(lambda: report.number in page.gate.text())  # an open report holds the job back
    page.pages.setCurrentWidget(page.ncr)
    assert page.ncr.current().id == report.id
    click(qtbot, page.ncr.close_button)
    assert ncrs.get_ncr(db, report.id).status == "closed"
    assert report.number not in page.gate.text()  # the page, not only the panel, shows it closed


def test_saving_feedback_and_warranty_keeps_the_delivery_being_typed(qtbot, page, db, shop):
    from workshop.services import aftercare

    completed = page.ctx.call(None, jobs.change_status, shop.job.id, "complete", "Finished on the bench")
    assert completed.ok and page.feedback_button.isEnabled()  # a change made elsewhere reloaded the page
    type_text(qtbot, page.received_by, "Ruth Harrow")
    type_text(qtbot, page.notes, "Left with the porter")
    page.rating.setCurrentIndex(page.rating.findData(4))
    type_text(qtbot, page.comments, "Lovely grain")
    click(qtbot, page.feedback_button)
    assert [(f.rating, f.comments) for f in delivery.list_feedback(db, job_id=shop.job.id)] == [(4, "Lovely grain")]
    assert "4/5 — Lovely grain" in page.feedback_list.text() and page.comments.toPlainText() == ""
    page.warranty_months.clear()
    type_text(qtbot, page.warranty_months, "24")
    click(qtbot, page.warranty_button)
    assert aftercare.get_warranty(db, shop.job.id).months == 24
    assert page.warranty_end.text().startswith("24 months (this job's own period)")
    # the delivery typed beside them, not saved yet, is still there
    assert page.received_by.text() == "Ruth Harrow"
    assert page.notes.toPlainText() == "Left with the porter"
