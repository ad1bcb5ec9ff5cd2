"""The customer's addresses on paper: the delivery note prints the billing address and where
the goods went (the job's site address, else the billing address, never "as the customer's
address" with none held); markup-like and Polish text prints literally."""

from __future__ import annotations

import pytest

from workshop.documents.delivery_note import delivery_note_pdf
from workshop.services import customers, delivery, jobs, site_address

CUSTOMER = "J&C <b>Ltd</b>"
BILLING = "ul. Piotrkowska 104\n90-926 Łódź"


@pytest.fixture
def delivered(db, shop):
    """The shop's job, for a Polish customer (the shop is in GB), complete and delivered."""
    customers.update_customer(db, shop.customer.id, name=CUSTOMER, address=BILLING, country="PL",
                              delivery_addresses=[dict(label="Holiday flat", address="Flat 2, 1 Quay Street\n"
                                                       "Whitby YO21 3PU", country="GB")])
    for action in ("release", "start", "to_inspection", "complete"):
        jobs.change_status(db, shop.job.id, action)
    delivery.record_delivery(db, shop.job.id, method="installed", received_by="Zofia Żółć")
    return shop.job


def test_delivery_note_prints_billing_and_site_address(db, delivered, pdf_text):
    chosen = site_address.get_site_address(db, delivered.id).choices[0]
    site_address.set_site_address(db, delivered.id, chosen.address, chosen.country)
    text = pdf_text(delivery_note_pdf(db, delivered.id))
    # Billing: the lines, then the country's name (Poland is abroad for a GB shop).
    assert "CUSTOMER J&C <b>Ltd</b> ul. Piotrkowska 104 90-926 Łódź Poland" in text
    # Delivery: the job's site, in the shop's own country, so no country line.
    assert "DELIVERY ADDRESS Flat 2, 1 Quay Street Whitby YO21 3PU" in text
    assert "As the customer's address" not in text


def test_without_a_site_address_the_goods_go_to_the_billing_address(db, delivered, pdf_text):
    text = pdf_text(delivery_note_pdf(db, delivered.id))
    assert "DELIVERY ADDRESS ul. Piotrkowska 104 90-926 Łódź Poland" in text


def test_with_no_address_held_the_note_leaves_room_to_write_one(db, delivered, pdf_text):
    customers.update_customer(db, delivered.customer_id, address="")
    text = pdf_text(delivery_note_pdf(db, delivered.id))
    assert "DELIVERY ADDRESS No address held: write it here." in text
    assert "As the customer's address" not in text
