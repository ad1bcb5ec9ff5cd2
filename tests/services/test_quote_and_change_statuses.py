"""Quote and change-order statuses are typed (issue 10, item 6): the services hand back
QuoteStatus and ChangeOrderStatus members, and the database keeps their plain words; a quote's
refusal writes its date in the shop's one date form."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from workshop.domain.errors import ValidationError
from workshop.domain.statuses import ChangeOrderStatus, QuoteStatus
from workshop.services import briefs, change_orders, jobs, quotes, settings


def _stored(db, table: str, row_id: int) -> str:
    with db.reader() as s:
        return s.execute(text(f"SELECT status FROM {table} WHERE id = :id"), {"id": row_id}).scalar_one()


def test_a_quote_moves_draft_sent_and_is_revised_with_typed_statuses(db, shop):
    brief = briefs.create_brief(db, customer_id=shop.customer.id, title="Oak bookcase", requirements="Shelves")
    draft = quotes.create_quote(db, brief.id, lines=[("labour", "Making", "400.00")], markup_pct="0")
    assert draft.status is QuoteStatus.DRAFT and _stored(db, "quotes", draft.id) == "draft"
    sent = quotes.send_quote(db, draft.id)
    assert sent.status is QuoteStatus.SENT and sent.status.label == "Sent"
    revised = quotes.revise_quote(db, draft.id)
    assert revised.status is QuoteStatus.DRAFT and revised.revision == 2
    (first,) = [r for r in quotes.list_quotes(db, brief_id=brief.id) if r.revision == 1]
    assert first.status is QuoteStatus.SUPERSEDED and _stored(db, "quotes", first.id) == "superseded"


def test_a_change_order_is_proposed_then_approved_with_typed_statuses(db, shop):
    jobs.change_status(db, shop.job.id, "release")
    co = change_orders.create_change_order(db, shop.job.id, description="Extra shelf", price_change="20")
    assert co.status is ChangeOrderStatus.PROPOSED and _stored(db, "change_orders", co.id) == "proposed"
    approved = change_orders.approve_change_order(db, co.id)
    assert approved.status is ChangeOrderStatus.APPROVED and approved.status.label == "Approved"
    assert _stored(db, "change_orders", co.id) == "approved"


def test_a_quote_refusal_writes_its_date_as_the_shop_does(db, shop):
    db.clock = lambda: dt.datetime(2027, 1, 15, 12, 0, tzinfo=dt.UTC)
    brief = briefs.create_brief(db, customer_id=shop.customer.id, title="Oak bookcase", requirements="Shelves")
    draft = quotes.create_quote(db, brief.id, lines=[("labour", "Making", "400.00")], markup_pct="0")
    sent = quotes.send_quote(db, draft.id, valid_until=dt.date(2027, 1, 20))
    with pytest.raises(ValidationError) as refused:
        quotes.expire_quote(db, sent.id)
    assert refused.value.message == f"{sent.label} is valid until 20 Jan 2027."
    settings.update_settings(db, locale="de_DE")
    db.clock = lambda: dt.datetime(2027, 1, 25, 12, 0, tzinfo=dt.UTC)  # five days after it ran out
    with pytest.raises(ValidationError) as refused:
        quotes.accept_quote(db, sent.id)
    assert refused.value.message == f"{sent.label} expired on 20.01.2027; revise it to quote again."
