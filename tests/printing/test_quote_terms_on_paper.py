"""What the printed quote says: the customer's billing address and contact, the quote's own
payment terms, exclusions and terms; the brief's constraints only when the quote's box is ticked.
Markup-like and Polish text prints literally."""

from __future__ import annotations

import pytest

from workshop.documents.quote import quote_pdf
from workshop.services import briefs, customers, quotes, settings

CUSTOMER = "J&C <b>Ltd</b>"
CONSTRAINTS = "Customer slow to pay <always>"


@pytest.fixture
def quote(db, shop):
    settings.update_settings(db, quote_payment_terms="50% deposit & balance on delivery",
                             quote_exclusions="Decorating; <skirting>", quote_terms="Prices held for the period above.")
    c = customers.create_customer(db, name=CUSTOMER, contact_person="Zofia Żółć", country="PL",
                                  address="ul. Piotrkowska 104\n90-926 Łódź")
    brief = briefs.create_brief(db, customer_id=c.id, title="Walnut table", requirements="Walnut, seats eight",
                                constraints=CONSTRAINTS)
    return quotes.create_quote(db, brief.id, lines=[("labour", "Making", "800.00")], markup_pct="25")


def test_the_quote_prints_address_contact_and_its_terms(db, quote, pdf_text):
    text = pdf_text(quote_pdf(db, quote.id))
    assert "PREPARED FOR J&C <b>Ltd</b> ul. Piotrkowska 104 90-926 Łódź Poland For the attention of Zofia Żółć" in text
    assert "Not included Decorating; <skirting>" in text
    assert "Payment terms 50% deposit & balance on delivery" in text
    assert "Terms Prices held for the period above." in text
    assert "slow to pay" not in text  # the brief's constraints are ours: not printed unless ticked


def test_the_constraints_print_only_when_ticked(db, quote, pdf_text):
    quotes.update_quote(db, quote.id, print_constraints=True, payment_terms="Net 14")
    text = pdf_text(quote_pdf(db, quote.id))
    assert CONSTRAINTS in text
    assert "Payment terms Net 14" in text and "50% deposit" not in text  # this quote's own terms


def test_no_for_the_attention_of_when_the_name_already_says_who(db, shop, pdf_text):
    c = customers.create_customer(db, name="Mrs Aoife Brennan", contact_person="Aoife Brennan",
                                  address="2 Vicarage Gardens\nOmbersley WR9 0EW")
    brief = briefs.create_brief(db, customer_id=c.id, title="Display cabinets")
    q = quotes.create_quote(db, brief.id, lines=[("labour", "Making", "800.00")], markup_pct="25")
    text = pdf_text(quote_pdf(db, q.id))
    assert "PREPARED FOR Mrs Aoife Brennan 2 Vicarage Gardens Ombersley WR9 0EW" in text  # home: no country line
    assert "For the attention of" not in text
