"""Quote terms: the shop's defaults (Company settings) are copied to a new quote, which then
keeps its own; the brief's constraints print only when the quote says so."""

from __future__ import annotations

import datetime as dt

import pytest

from workshop.db.models import Quote
from workshop.domain.errors import ValidationError
from workshop.services import briefs, quotes, settings


def test_quote_terms_come_from_the_settings_and_are_the_quotes_own_after(db, shop, today):
    settings.update_settings(db, quote_payment_terms="50% deposit, balance on delivery",
                             quote_exclusions="Decorating after fitting", quote_validity_days="45",
                             quote_terms="Prices in GBP.")
    assert settings.get_settings(db).quote_validity_days == 45
    brief = briefs.create_brief(db, customer_id=shop.customer.id, title="Walnut table",
                                constraints="Customer slow to pay")
    q = quotes.create_quote(db, brief.id, lines=[("labour", "Making", "800.00")], markup_pct="25")
    assert (q.payment_terms, q.exclusions, q.terms, q.print_constraints) == (
        "50% deposit, balance on delivery", "Decorating after fitting", "Prices in GBP.", False)

    # The shop's defaults change later: this quote keeps its own.
    settings.update_settings(db, quote_payment_terms="Net 30")
    edited = quotes.update_quote(db, q.id, exclusions="Delivery beyond 50 miles", print_constraints=True)
    with db.reader() as s:
        row = s.get(Quote, q.id)
        assert (row.payment_terms, row.exclusions, row.print_constraints) == (
            "50% deposit, balance on delivery", "Delivery beyond 50 miles", True)
    assert edited.print_constraints is True

    sent = quotes.send_quote(db, q.id)
    assert sent.valid_until == today + dt.timedelta(days=45)  # the shop's validity, set when sent
    revised = quotes.revise_quote(db, q.id, payment_terms="Net 14")
    assert (revised.payment_terms, revised.exclusions, revised.print_constraints) == (
        "Net 14", "Delivery beyond 50 miles", True)


@pytest.mark.parametrize("values, field", [
    (dict(quote_validity_days="0"), "quote_validity_days"),
    (dict(quote_validity_days="a month"), "quote_validity_days"),
    (dict(quote_payment_terms=7), "quote_payment_terms"),
])
def test_bad_quote_defaults_are_refused(db, values, field):
    with pytest.raises(ValidationError) as caught:
        settings.update_settings(db, **values)
    assert caught.value.field == field
    assert settings.get_settings(db).quote_validity_days == 30


def test_print_constraints_must_be_a_tick(db, shop):
    brief = briefs.create_brief(db, customer_id=shop.customer.id, title="Walnut table")
    with pytest.raises(ValidationError) as caught:
        quotes.create_quote(db, brief.id, lines=[("labour", "Making", "800.00")], markup_pct="25",
                            print_constraints="yes")
    assert caught.value.field == "print_constraints"
