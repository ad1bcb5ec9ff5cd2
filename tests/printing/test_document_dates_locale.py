"""Dates on the delivery note, the certificate, the job card and the traceability report are
written as the shop writes them (its locale's medium form), like the quote and the cost sheet.

One job is built through the services in the shop's default locale (en_GB: figures typed the
British way), on a fixed day, 15 January 2027 (a Friday), due on 3 February 2027 (a Wednesday)
and delivered the same day it is inspected; then the shop's locale is set and each document is
printed from the database and read back. The expected strings are written out by hand (Babel's
medium form: ``15.01.2027`` in de_DE, ``15 Jan 2027`` in en_GB; weekdays ``Fr.`` / ``Fri``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from workshop.documents.certificate import certificate_pdf
from workshop.documents.delivery_note import delivery_note_pdf
from workshop.documents.job_cards import job_card_pdf, job_cards_pdf
from workshop.documents.traceability import traceability_pdf
from workshop.services import delivery, inspection, jobs, settings

DAY = dt.datetime(2027, 1, 15, 12, 0, tzinfo=dt.UTC)  # noon: the same calendar day in any local zone
DUE = dt.date(2027, 2, 3)


@dataclass(frozen=True)
class Written:
    """How one shop writes the test's dates."""

    locale: str
    day: str  # 15 January 2027
    day_with_weekday: str
    due: str  # 3 February 2027
    due_with_weekday: str
    warranty_end: str  # 12 months after the delivery: 15 January 2028
    foreign: tuple[str, ...]  # the other shop's forms, which must not appear


GERMAN = Written("de_DE", "15.01.2027", "Fr. 15.01.2027", "03.02.2027", "Mi. 03.02.2027", "15.01.2028",
                 foreign=("15 Jan 2027", "3 Feb 2027", "15 Jan 2028", "Jan 2027"))
BRITISH = Written("en_GB", "15 Jan 2027", "Fri 15 Jan 2027", "3 Feb 2027", "Wed 3 Feb 2027", "15 Jan 2028",
                  foreign=("15.01.2027", "03.02.2027", "15.01.2028"))


@pytest.fixture(params=[GERMAN, BRITISH], ids=lambda w: w.locale)
def written(request) -> Written:
    return request.param


@pytest.fixture
def delivered(db, shop, written):
    """A job made, inspected and delivered on 15 Jan 2027, then the shop's locale set."""
    db.clock = lambda: DAY
    job = jobs.create_job(db, customer_id=shop.customer.id, title="Walnut hall bench",
                          specification="One bench, oiled", quantity=1, due_date=DUE)
    check = inspection.add_check(db, job_id=job.id, characteristic="Oil finish even", check_type="visual")
    for action in ("release", "start", "to_inspection"):
        jobs.change_status(db, job.id, action)
    inspection.record_result(db, check.id, result="pass", inspector="Anna Kowalska")
    delivery.record_delivery(db, job.id, method="delivered", received_by="Ruth Harrow")
    settings.update_settings(db, locale=written.locale)
    return job


def _no_foreign_dates(text: str, written: Written) -> None:
    for other in written.foreign:
        assert other not in text, other


def test_delivery_note_dates_follow_the_shop_locale(db, pdf_text, delivered, written):
    text = pdf_text(delivery_note_pdf(db, delivered.id))
    assert written.day_with_weekday in text  # the DATE field
    assert f"Delivered {written.day}" in text  # the footer
    assert f"from the first delivery, until {written.warranty_end}." in text
    _no_foreign_dates(text, written)


def test_certificate_dates_follow_the_shop_locale(db, pdf_text, delivered, written):
    text = pdf_text(certificate_pdf(db, delivered.id))
    assert "CERTIFICATE OF CONFORMITY" in text and "DRAFT" not in text
    assert f"Issued {written.day}" in text  # the footer
    # ISSUED field, the inspection's date and time, and the signature block's DATE
    assert text.count(written.day) >= 4
    local_time = DAY.astimezone().strftime("%H:%M")
    assert f"Anna Kowalska {written.day} {local_time}" in text
    _no_foreign_dates(text, written)


def test_job_card_dates_follow_the_shop_locale(db, pdf_text, delivered, written):
    text = pdf_text(job_card_pdf(db, delivered.id))
    assert text.count(written.due_with_weekday) >= 2  # DUE DATE field and the DEADLINE box
    assert f"Printed {written.day}" in text  # the footer
    assert text.count(written.day) >= 2  # and the PRINTED field
    _no_foreign_dates(text, written)
    batch = pdf_text(job_cards_pdf(db, [delivered.id]))  # several cards at once: the same forms
    assert written.due_with_weekday in batch and f"Printed {written.day}" in batch
    _no_foreign_dates(batch, written)


def test_traceability_dates_follow_the_shop_locale(db, pdf_text, delivered, written):
    text = pdf_text(traceability_pdf(db, delivered.id))
    assert written.day_with_weekday in text  # the history's row for the day
    assert f"Printed {written.day}" in text  # the footer
    assert written.warranty_end in text  # WARRANTY UNTIL
    assert text.count(written.day) >= 5  # FIRST ENTRY, LAST ENTRY, DELIVERED, the day row, the footer
    _no_foreign_dates(text, written)
