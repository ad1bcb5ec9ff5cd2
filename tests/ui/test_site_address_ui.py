"""The job's delivery address on its Delivery & aftercare page: chosen from the customer's
delivery addresses or typed, saved on the job, and printed on the delivery note."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from workshop.db.models import Job
from workshop.documents.delivery_note import delivery_note_pdf
from workshop.services import customers, delivery, jobs
from workshop.ui.context import AppContext
from workshop.ui.job_pages.delivery import DeliveryAftercarePage
from support.gui import click, type_text


@pytest.fixture
def page(qtbot, db, shop):
    customers.update_customer(db, shop.customer.id, address="5 Yard Lane\nHarrow HA1 1AA", delivery_addresses=[
        dict(label="Client's flat", address="Flat 3, 8 Quay St\nDublin D02 X285", country="IE")])
    widget = DeliveryAftercarePage(AppContext(db))
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.set_job(jobs.get_job(db, shop.job.id))
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def site(db, job_id):
    with db.reader() as s:
        job = s.get(Job, job_id)
        return job.site_address, job.site_country


def note_text(db, job_id) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(delivery_note_pdf(db, job_id))).pages)


def test_choose_a_customers_address_then_type_one(qtbot, page, db, shop):
    box = page.site
    assert box.state.text() == "None set: the goods go to the billing address, 5 Yard Lane, Harrow HA1 1AA."
    assert box.choice.itemText(1) == "Client's flat: Flat 3, 8 Quay St, Dublin D02 X285"
    box.choice.setCurrentIndex(1)
    box.choice.activated.emit(1)  # as when a person picks it from the list
    assert box.address.toPlainText() == "Flat 3, 8 Quay St\nDublin D02 X285" and box.country.currentText() == "Ireland"
    click(qtbot, box.save_button)
    assert site(db, shop.job.id) == ("Flat 3, 8 Quay St\nDublin D02 X285", "IE")
    assert page.site.state.text() == "This job's own delivery address, printed on its delivery note."

    # Typed for this job alone: the customer's own list is not changed.
    box = page.site
    box.address.clear()
    type_text(qtbot, box.address, "Unit 4, Łódź Works <rear>")
    box.country.lineEdit().selectAll()
    type_text(qtbot, box.country.lineEdit(), "Poland")
    click(qtbot, box.save_button)
    assert site(db, shop.job.id) == ("Unit 4, Łódź Works <rear>", "PL")
    assert len(customers.get_customer(db, shop.customer.id).delivery_addresses) == 1

    for action in ("release", "start", "to_inspection", "complete"):
        jobs.change_status(db, shop.job.id, action)
    delivery.record_delivery(db, shop.job.id, method="delivered", received_by="Ruth Harrow")
    text = note_text(db, shop.job.id)
    assert "DELIVERY ADDRESS Unit 4, Łódź Works <rear> Poland" in text
    assert "5 Yard Lane Harrow HA1 1AA" in text  # the billing address, under CUSTOMER


def test_a_bad_country_is_named_under_its_field_and_nothing_saved(qtbot, page, db, shop):
    box = page.site
    type_text(qtbot, box.address, "1 Oak Road")
    box.country.lineEdit().selectAll()
    type_text(qtbot, box.country.lineEdit(), "Atlantis")
    click(qtbot, box.save_button)
    assert "“Atlantis” is not a country code" in box.errors.message("site_country")
    assert site(db, shop.job.id) == ("", "")
