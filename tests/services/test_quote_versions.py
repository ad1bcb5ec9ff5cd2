"""A draft quote edited on two PCs (issue 18): every change raises the quote's version and says who
made it (its lines and hours alone too: they are rows of their own); a save made from an older
version is refused with the quote as it is now and nothing of it is written; a draft sent meanwhile
is refused in its own words. On a server, a save that meets another in the same moment is the same
conflict. Two ``Database`` objects over one shop stand for two PCs."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal as D

import pytest
from sqlalchemy import event

from workshop.db.models import Quote
from workshop.domain.errors import EditConflict, ValidationError
from workshop.services import briefs, quotes

ANNA, TOM = "anna on OFFICE-PC", "tom on LAPTOP"
LINES = [("labour", "Making", "400.00"), ("materials", "Oak and fittings", "250.00")]


@pytest.fixture
def quote(db, shop, today):
    brief = briefs.create_brief(db, customer_id=shop.customer.id, title="Walnut desk", requirements="A desk",
                                required_by=today + dt.timedelta(days=40))
    return quotes.create_quote(db, brief.id, lines=LINES, contingency_pct="10", markup_pct="25")


@pytest.fixture
def pcs(db):
    return dataclasses.replace(db, author=ANNA), dataclasses.replace(db, author=TOM)


def test_each_change_raises_the_version_and_names_who_made_it(db, shop, quote, pcs):
    anna, tom = pcs
    assert (quote.version, quote.updated_by) == (1, db.author)
    assert quotes.update_quote(anna, quote.id, expected_version=1, design_fee="120").version == 2
    # the hours alone are rows of their own: the quote's version rises with them
    hours_only = quotes.update_quote(tom, quote.id, expected_version=2, hours=[(shop.bench.id, "6")])
    assert (hours_only.version, hours_only.updated_by, hours_only.design_fee) == (3, TOM, D("120.00"))
    lines_only = quotes.update_quote(anna, quote.id, expected_version=3, lines=[*LINES, ("other", "Delivery", "50")])
    assert (lines_only.version, lines_only.updated_by) == (4, ANNA)
    sent = quotes.send_quote(tom, quote.id)  # a status move is a change too
    assert (sent.version, sent.updated_by) == (5, TOM)


def test_a_save_from_an_older_version_is_refused_with_who_changed_it(db, quote, pcs):
    anna, tom = pcs
    quotes.update_quote(tom, quote.id, expected_version=quote.version, design_fee="150")

    with pytest.raises(EditConflict) as refused:
        quotes.update_quote(anna, quote.id, expected_version=quote.version, lines=[("labour", "Making", "480.00")],
                            payment_terms="Half with the order")
    conflict = refused.value
    assert conflict.changed_by == TOM and conflict.current.updated_by == TOM
    # Tom's quote: cost 650.00, contingency 65.00, markup 25% of 715.00 = 178.75, fee 150 → 1,043.75
    assert (conflict.current.version, conflict.current.design_fee, conflict.current.price) == (
        2, D("150.00"), D("1043.75"))
    assert conflict.message == (f"Quote {quote.label} was changed by {TOM} while you were editing it. "
                                "Nothing of yours has been saved yet.")
    stored = quotes.get_quote(db, quote.id)
    assert [ln.amount for ln in stored.lines] == [D("400.00"), D("250.00")]  # nothing of Anna's
    assert (stored.payment_terms, stored.version) == (quote.payment_terms, 2)

    saved = quotes.update_quote(anna, quote.id, expected_version=conflict.current.version,
                                lines=[("labour", "Making", "480.00")], payment_terms="Half with the order")
    # cost 480.00, contingency 48.00, markup 25% of 528.00 = 132.00, fee 150.00 → 810.00
    assert (saved.price, saved.design_fee, saved.payment_terms, saved.version, saved.updated_by) == (
        D("810.00"), D("150.00"), "Half with the order", 3, ANNA)


def test_a_draft_sent_meanwhile_is_refused_in_its_own_words(db, quote, pcs):
    anna, tom = pcs
    quotes.send_quote(tom, quote.id)
    with pytest.raises(ValidationError) as refused:
        quotes.update_quote(anna, quote.id, expected_version=quote.version, design_fee="99")
    assert not isinstance(refused.value, EditConflict)
    assert refused.value.message == f"{quote.label} is sent; revise it instead."
    assert quotes.get_quote(db, quote.id).design_fee == D("0.00")


def test_two_saves_in_the_same_moment_on_a_server(db, quote, pcs):
    """On PostgreSQL, Tom's save commits on its own connection after Anna's save has read the quote
    and before it writes: her UPDATE finds no row of the version it read, and she is told it was
    Tom, with his fee; nothing of hers (lines, terms) is saved."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("needs a server: SQLite lets one writer in at a time")
    anna, tom = pcs
    landed = []

    def tom_saves_first(_mapper, _connection, target) -> None:
        if not landed:  # once: Tom's own save passes here too
            landed.append(target.id)
            quotes.update_quote(tom, target.id, design_fee="150")

    event.listen(Quote, "before_update", tom_saves_first)
    try:
        with pytest.raises(EditConflict) as refused:
            quotes.update_quote(anna, quote.id, expected_version=1, lines=[("labour", "Making", "480.00")],
                                terms="Prices held for 60 days")
    finally:
        event.remove(Quote, "before_update", tom_saves_first)
    assert landed == [quote.id]
    assert refused.value.changed_by == TOM and refused.value.current.design_fee == D("150.00")
    stored = quotes.get_quote(db, quote.id)
    assert [ln.amount for ln in stored.lines] == [D("400.00"), D("250.00")]
    assert (stored.terms, stored.design_fee, stored.version, stored.updated_by) == (
        quote.terms, D("150.00"), 2, TOM)
