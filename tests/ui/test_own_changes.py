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
