"""Issuing checks the invoice against the EN 16931 rules the program can decide itself: a breach
refuses it naming the rule and where to put it right, and takes no number."""

from __future__ import annotations

import pytest

from support.invoicing import FOUR_LINES, MARCH_10, error, manual_draft, with_billing_address
from workshop.services import customers, invoice_views, invoices, settings


@pytest.fixture
def billed(db, shop):
    return with_billing_address(db, shop)


def _refused_without_a_number(db, draft_id):
    e = error(invoices.issue, db, draft_id, issue_date=MARCH_10)
    assert invoice_views.get_invoice(db, draft_id).number is None
    return e


@pytest.mark.parametrize("missing, rule, words", [
    ("tax_number", "BR-S-02", "VAT number"),  # EN 16931 has no standard-rated invoice without it
    ("address", "BR-08", "postal address"),
])
def test_what_the_shop_lacks_is_added_in_company_settings(db, billed, missing, rule, words):
    draft = manual_draft(db, billed)
    settings.update_settings(db, **{missing: ""})
    e = _refused_without_a_number(db, draft.id)
    assert (e.field, e.message) == ("settings", f"{rule}: The shop has no {words}, and an invoice must state it "
                                                "(EN 16931): add it in Company settings before issuing.")
    settings.update_settings(db, address="Unit 4, Mill Lane\nLeeds LS1 4AB", tax_number="GB123456789")
    assert invoices.issue(db, draft.id, issue_date=MARCH_10).number == "INV-2026-0001"  # no number was lost


def test_reverse_charge_needs_the_customers_vat_number(db, billed):
    draft = manual_draft(db, billed, lines=[
        dict(description="Gates for export", quantity="1", unit_price="900.00", category="reverse_charge",
             exemption_reason="Reverse charge")])
    customers.update_customer(db, billed.customer.id, tax_number="")  # broken after the draft
    e = _refused_without_a_number(db, draft.id)
    assert (e.field, e.message) == ("customer", "BR-AE-02: Harrow & Finch Interiors has no VAT number: add it to "
                                                "the customer before issuing.")


def test_a_buyer_country_removed_after_the_draft_names_br_11(db, billed):
    draft = manual_draft(db, billed, lines=FOUR_LINES)
    customers.update_customer(db, billed.customer.id, country="")
    e = _refused_without_a_number(db, draft.id)
    assert (e.field, e.message) == ("customer", "BR-11: Harrow & Finch Interiors's billing address has no country: "
                                                "add it to the customer before issuing.")
