"""Warranty from the delivery date; tickets default to under warranty from it, overridable;
ticket statuses move only the allowed ways."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from workshop.domain import quality as q
from workshop.domain.errors import ValidationError
from workshop.services import aftercare, delivery, jobs, settings


def _error(fn, *args, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        fn(*args, **kwargs)
    return info.value


@pytest.fixture
def delivered(db, shop, today):
    for action in ("release", "start", "to_inspection", "complete"):
        jobs.change_status(db, shop.job.id, action)
    delivery.record_delivery(db, shop.job.id, method="delivered", received_by="Ruth",
                             delivered_on=today - dt.timedelta(days=400))
    return shop.job


def test_warranty_end_dates():
    assert q.warranty_end(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert q.warranty_end(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)
    assert q.warranty_end(dt.date(2026, 3, 15), 24) == dt.date(2028, 3, 15)
    assert q.warranty_end(None, 12) is None


def test_warranty_default_from_settings_and_per_job(db, shop, delivered, today):
    w = aftercare.get_warranty(db, delivered.id)
    start = today - dt.timedelta(days=400)
    assert (w.months, w.is_shop_default, w.start_date, w.end_date) == (12, True, start, q.add_months(start, 12))
    assert settings.update_settings(db, default_warranty_months="24").default_warranty_months == 24
    assert aftercare.get_warranty(db, delivered.id).end_date == q.add_months(start, 24)
    assert _error(settings.update_settings, db, default_warranty_months="two").field == "default_warranty_months"
    w = aftercare.set_warranty(db, delivered.id, months=6, notes="Outdoor use")
    assert (w.months, w.is_shop_default, w.end_date) == (6, False, q.add_months(start, 6))
    assert _error(aftercare.set_warranty, db, delivered.id, months="-1").field == "months"
    assert aftercare.set_warranty(db, delivered.id, months=None).is_shop_default
    assert aftercare.get_warranty(db, shop.job.id).months == 24


def test_ticket_under_warranty_defaults_from_the_end_date(db, shop, delivered, today):
    start = today - dt.timedelta(days=400)
    end = q.add_months(start, 12)
    inside = aftercare.open_ticket(db, delivered.id, problem="Drawer sticks", opened_on=end)
    outside = aftercare.open_ticket(db, delivered.id, problem="Finish worn", opened_on=end + dt.timedelta(days=1))
    assert (inside.under_warranty, outside.under_warranty) == (True, False)  # the end date itself is covered
    goodwill = aftercare.open_ticket(db, delivered.id, problem="Scratch", under_warranty=True)
    assert goodwill.under_warranty is True and goodwill.number.startswith("AC-")
    assert aftercare.update_ticket(db, outside.id, under_warranty=True).under_warranty is True
    assert aftercare.update_ticket(db, outside.id, under_warranty=None).under_warranty is False  # back to default


def test_ticket_statuses_and_bad_input(db, shop, delivered):
    assert _error(aftercare.open_ticket, db, delivered.id, problem=" ").field == "problem"
    assert _error(aftercare.open_ticket, db, delivered.id, problem="x", cost="-5").field == "cost"
    assert _error(aftercare.open_ticket, db, shop.job.id + 99, problem="x").field == "job"
    t = aftercare.open_ticket(db, delivered.id, problem="Hinge loose", cost="0")
    assert t.status == "open" and set(t.allowed_statuses) == {"in_progress", "resolved", "closed"}
    assert aftercare.set_ticket_status(db, t.id, "in_progress").status == "in_progress"
    assert _error(aftercare.set_ticket_status, db, t.id, "resolved").field == "action"
    aftercare.update_ticket(db, t.id, action="Tightened and re-drilled", cost="35.50")
    t = aftercare.set_ticket_status(db, t.id, "resolved")
    assert t.resolved_on is not None and t.cost == Decimal("35.50")
    t = aftercare.set_ticket_status(db, t.id, "closed")
    assert _error(aftercare.set_ticket_status, db, t.id, "open").field == "status"
    assert _error(aftercare.update_ticket, db, t.id, problem="More").field == "status"
    assert [x.number for x in aftercare.list_tickets(db, open_only=True)] == []
    assert [x.number for x in aftercare.list_tickets(db, job_id=delivered.id)] == [t.number]


def test_tickets_are_for_finished_work(db, shop):
    assert _error(aftercare.open_ticket, db, shop.job.id, problem="x").field == "job"
