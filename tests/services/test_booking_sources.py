"""How a booking was made (manual, scan, key-back, estimate), the quantity it finished, and the
setting for several clock-ons at once. Figures worked by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from sqlalchemy import func, select

from workshop.db.models import TimeLog
from workshop.domain.errors import ValidationError
from workshop.services import booking_corrections as corrections
from workshop.services import bookings, jobs, routing, settings


@pytest.fixture
def cut(db, shop):
    op = routing.add_operation(db, shop.job.id, name="Cut panels", workstation_id=shop.bench.id, run_minutes="20")
    jobs.change_status(db, shop.job.id, "release")
    return op


def _count(db) -> int:
    with db.reader() as s:
        return s.scalar(select(func.count()).select_from(TimeLog))


def test_a_manual_booking_says_so_and_may_give_the_quantity_done(db, shop, cut):
    log = bookings.log_time(db, cut, shop.tom.id, minutes="30", quantity_done="2")
    assert (log.source, log.estimated, log.quantity_done, log.clock_on_id) == ("manual", False, D("2.000"), None)
    plain = bookings.log_time(db, cut, shop.tom.id, minutes="10")
    assert plain.quantity_done is None  # not said is not zero


def test_quantity_done_is_read_in_the_shops_locale(db, shop, cut):
    settings.update_settings(db, locale="de_DE")
    log = bookings.log_time(db, cut, shop.tom.id, minutes="30", quantity_done="1,5")
    assert log.quantity_done == D("1.500")  # 1,5 in German is one and a half, never 15


@pytest.mark.parametrize("value, words", [("-1", "negative"), ("two", "number")])
def test_a_bad_quantity_done_saves_nothing(db, shop, cut, value, words):
    with pytest.raises(ValidationError) as info:
        bookings.log_time(db, cut, shop.tom.id, minutes="30", quantity_done=value)
    assert info.value.field == "quantity_done" and words in info.value.message
    assert _count(db) == 0


def test_booking_in_session_records_source_estimate_and_refuses_an_unknown_source(db, shop, cut):
    start = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)
    with db.session() as s:
        log = bookings.book_time_in_session(s, db, cut, shop.tom.id, started_at=start,
                                            ended_at=start + dt.timedelta(minutes=75), source="estimate",
                                            estimated=True, quantity_done=D(1))
        view = bookings.time_log_view(log)
    assert (view.source, view.estimated, view.labour_minutes) == ("estimate", True, D("75.00"))
    with pytest.raises(ValidationError) as info, db.session() as s:
        bookings.book_time_in_session(s, db, cut, shop.tom.id, minutes="5", source="guess")
    assert info.value.field == "source"
    assert _count(db) == 1


def test_a_reversal_keeps_the_source_and_negates_the_quantity_done(db, shop, cut):
    log = bookings.log_time(db, cut, shop.tom.id, minutes="30", quantity_done="2")
    reversal = corrections.reverse_time_log(db, log.id, "Booked to the wrong job")
    # minus 30 minutes and minus 2 done: the operation's totals net back to nothing
    assert (reversal.source, reversal.labour_minutes, reversal.quantity_done) == ("manual", D("-30.00"), D("-2.000"))
    unsaid = corrections.reverse_time_log(db, bookings.log_time(db, cut, shop.tom.id, minutes="5").id, "Typo")
    assert unsaid.quantity_done is None


def test_several_clock_ons_is_a_company_setting(db):
    assert settings.get_settings(db).several_clock_ons is False  # one operation at a time, by default
    assert settings.update_settings(db, several_clock_ons=True).several_clock_ons is True
    assert settings.get_settings(db).several_clock_ons is True
