"""A promise date worked by hand on a known load (issue 16, item 7). The shop opens Monday to Friday,
08:00-16:30; the quote is priced on Wednesday 9 December 2026 at 08:00."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from support.planning import booked_spray_booth
from workshop.db.models import Job, Operation, Quote, QuoteHours
from workshop.domain.errors import ValidationError
from workshop.domain.locale_text import format_date
from workshop.services import briefs, promise, quotes, routing, suppliers

WEDNESDAY_8AM = dt.datetime(2026, 12, 9, 8, 0)


@pytest.fixture
def booth(db, shop):
    return booked_spray_booth(db, shop.customer.id)


def test_six_quoted_hours_go_after_three_booked_days_a_weekend_and_a_holiday(db, shop, booth):
    # The booth is full Wed 9, Thu 10, Fri 11; Sat 12 and Sun 13 are no working days, Mon 14 a holiday:
    # 6 h = 360 minutes fit on Tue 15, the 4th working day.
    found = promise.promise_for_hours(db, [(booth.id, D("6"))], now=WEDNESDAY_8AM)
    assert found.day == dt.date(2026, 12, 15)
    assert found.text == "Ready by 15 Dec 2026: 6 h of work after the work the shop has on."


def test_steps_follow_one_another_and_an_urgent_quote_goes_first(db, shop, booth):
    # 2 h at the saw (free: Wed 08:00-10:00), then 7.5 h = 450 minutes in the booth, behind its 3 days:
    # Tue 15 → the same promise; 8 h = 480 minutes fits Tue 15 whole: still Tue 15; 8.5 h spills to Wed 16.
    assert promise.promise_for_hours(db, [(shop.saw.id, "2"), (booth.id, "7.5")], now=WEDNESDAY_8AM).day == \
        dt.date(2026, 12, 15)
    assert promise.promise_for_hours(db, [(shop.saw.id, "2"), (booth.id, "8.5")], now=WEDNESDAY_8AM).day == \
        dt.date(2026, 12, 16)
    # Urgent, the quote goes before the booked job: saw Wed 08:00-10:00, booth ready at minute 120:
    # Wed 360 of 480 fits (120 + 360 = 480) → Wed 9.
    assert promise.promise_for_hours(db, [(shop.saw.id, "2"), (booth.id, "6")], now=WEDNESDAY_8AM,
                                     priority="urgent").day == dt.date(2026, 12, 9)
    with db.reader() as s:  # nothing was saved: still the shop's two jobs
        assert s.query(Job).count() == 2


def test_bad_hours_are_refused_by_line(db, shop, booth):
    coater = suppliers.create_supplier(db, name="Acme Powder Coating", lead_time_days="5")
    outside = routing.add_operation(db, shop.job.id, name="Powder coat", supplier_id=coater.id, days_away=3)
    with db.reader() as s:
        outside_station = s.get(Operation, outside).workstation_id
    cases = [
        ([], "Enter the hours it takes at one workstation at least."),
        ([(booth.id, "0")], "Line 1: the hours must be more than 0 and at most 1,000, not 0."),
        ([(booth.id, "2"), (booth.id, "-1")], "Line 2: the hours must be more than 0 and at most 1,000, not -1."),
        ([(booth.id, "lots")], "Line 1: Hours must be a number, not “lots”."),
        ([(booth.id, "2.125")], "Line 1: Hours allows at most 2 decimal places."),
        ([(9999, "2")], "Line 1: choose a workstation."),
        ([(outside_station, "2")], "Line 1: work done outside takes days away, not hours; choose a workstation "
                                   "in the shop."),
    ]
    for rows, message in cases:
        with pytest.raises(ValidationError) as info:
            promise.promise_for_hours(db, rows, now=WEDNESDAY_8AM)
        assert (info.value.field, info.value.message) == ("hours", message)


# --- the promise kept with the quote --------------------------------------------------------------


def _hours_rows(db, quote_id):
    with db.reader() as s:
        return [(row.position, row.workstation_id, row.hours) for row in
                s.query(QuoteHours).filter_by(quote_id=quote_id).order_by(QuoteHours.position)]


def test_a_quote_keeps_its_hours_and_promise_and_the_accepted_job_is_due_then(db, shop, today):
    brief = briefs.create_brief(db, customer_id=shop.customer.id, title="Walnut desk", requirements="A desk",
                                required_by=today + dt.timedelta(days=40))
    promised = today + dt.timedelta(days=20)
    q = quotes.create_quote(db, brief.id, lines=[("labour", "Making", "400")], markup_pct="20",
                            hours=[(shop.saw.id, "1.5"), (shop.bench.id, D("6"))], promised_date=promised)
    assert q.promised_date == promised
    assert [(h.workstation_code, h.hours) for h in q.hours] == [("SAW", D("1.50")), ("BENCH", D("6.00"))]
    assert _hours_rows(db, q.id) == [(1, shop.saw.id, D("1.50")), (2, shop.bench.id, D("6.00"))]

    q = quotes.update_quote(db, q.id, hours=[(shop.bench.id, "8")])  # the hours replaced, the promise kept
    assert (_hours_rows(db, q.id), q.promised_date) == ([(1, shop.bench.id, D("8.00"))], promised)
    revised = quotes.revise_quote(db, q.id, markup_pct="25")  # a revision keeps both
    assert ([(h.workstation_id, h.hours) for h in revised.hours], revised.promised_date) == (
        [(shop.bench.id, D("8.00"))], promised)

    quotes.send_quote(db, revised.id)
    accepted = quotes.accept_quote(db, revised.id)  # no due date given: the promise, not the brief's date
    with db.reader() as s:
        assert s.get(Job, accepted.job_id).due_date == promised


def test_a_promise_in_the_past_or_bad_hours_save_nothing(db, shop, today):
    brief = briefs.create_brief(db, customer_id=shop.customer.id, title="Walnut desk", requirements="A desk")
    yesterday = today - dt.timedelta(days=1)
    with pytest.raises(ValidationError) as info:
        quotes.create_quote(db, brief.id, lines=[("labour", "", "400")], markup_pct="20", promised_date=yesterday)
    assert (info.value.field, info.value.message) == (
        "promised_date", f"Promised date cannot be in the past ({format_date(yesterday)} is before "
                         f"{format_date(today)}).")
    with pytest.raises(ValidationError) as info:
        quotes.create_quote(db, brief.id, lines=[("labour", "", "400")], markup_pct="20",
                            hours=[(shop.saw.id, "2"), (shop.bench.id, "0")])
    assert info.value.message == "Line 2: the hours must be more than 0 and at most 1,000, not 0."
    with db.reader() as s:
        assert s.query(Quote).count() == 0 and s.query(QuoteHours).count() == 0
