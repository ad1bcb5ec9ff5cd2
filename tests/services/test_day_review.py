"""Reconciling a day: open clock-ons, each operator's segments, overlaps and gaps, and corrections
that never edit in place. Local times; figures by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from sqlalchemy import func, select

from workshop.db.models import TimeLog
from workshop.domain.errors import ValidationError
from workshop.domain.scan_codes import operation_code
from workshop.services import bookings, clocking, day_review, jobs, routing

DAY = dt.date(2027, 3, 3)


def at(hour: int, minute: int = 0, day: int = 3) -> dt.datetime:
    return dt.datetime(2027, 3, day, hour, minute).astimezone()


@pytest.fixture
def floor(db, shop):
    cut = routing.add_operation(db, shop.job.id, name="Cut panels", workstation_id=shop.saw.id, run_minutes="20")
    assemble = routing.add_operation(db, shop.job.id, name="Assemble", workstation_id=shop.bench.id,
                                     run_minutes="45")
    jobs.change_status(db, shop.job.id, "release")
    moment = {"now": at(7)}
    db.clock = lambda: moment["now"].astimezone(dt.UTC)
    return dict(cut=cut, assemble=assemble, moment=moment, code=lambda n: operation_code(shop.job.number, n))


def test_a_forgotten_clock_off_across_midnight(db, shop, floor):
    floor["moment"]["now"] = at(16)
    c = clocking.scan(db, floor["code"](20), shop.anna.id).clock_on  # 16:00 on the 3rd, never clocked off
    floor["moment"]["now"] = at(7, 30, day=4)
    review = day_review.day_review(db, DAY)
    assert [o.id for o in review.open_clock_ons] == [c.id]
    assert review.open_clock_ons[0].worked_minutes == D("930.00")  # 16:00 to 07:30 next day = 15 h 30 min, open
    assert review.operators == ()  # nothing booked on the 3rd yet
    clocking.close_forgotten(db, c.id, at(17, 15))
    review = day_review.day_review(db, DAY)
    assert review.open_clock_ons == ()
    [anna] = review.operators
    [segment] = anna.segments
    # 16:00 to 17:15 = 75 minutes, an estimate
    assert (anna.operator_name, segment.started_at, segment.ended_at, segment.minutes) == (
        "Anna Kowalska", at(16), at(17, 15), D("75.00"))
    assert (segment.source, segment.estimated, segment.op_number, segment.operation_name) == (
        "estimate", True, 20, "Assemble")
    assert day_review.day_review(db, DAY + dt.timedelta(days=1)).operators == ()  # nothing on the 4th


def test_overlaps_gaps_and_untimed_minutes_per_operator(db, shop, floor):
    floor["moment"]["now"] = at(18)
    for op, start, end in ((floor["cut"], at(8), at(10)), (floor["assemble"], at(9, 30), at(11)),
                           (floor["assemble"], at(12), at(13))):
        bookings.log_time(db, op, shop.anna.id, started_at=start, ended_at=end)
    bookings.log_time(db, floor["assemble"], shop.anna.id, minutes="30")  # booked today with no times
    bookings.log_time(db, floor["assemble"], shop.tom.id, started_at=at(8), ended_at=at(9))
    bookings.log_time(db, floor["cut"], shop.anna.id, started_at=at(8, day=2), ended_at=at(9, day=2))  # other day
    anna, tom = day_review.day_review(db, DAY).operators
    assert [(s.started_at, s.ended_at) for s in anna.segments] == [(at(8), at(10)), (at(9, 30), at(11)),
                                                                    (at(12), at(13))]
    assert [(o.started_at, o.ended_at, o.minutes) for o in anna.overlaps] == [(at(9, 30), at(10), D(30))]
    assert [(g.started_at, g.ended_at) for g in anna.gaps] == [(at(11), at(12))]
    # 120 + 90 + 60 = 270 placed on the line; 30 more booked without times
    assert (anna.minutes_booked, anna.untimed_minutes) == (D("270.00"), D("30.00"))
    assert (tom.operator_name, tom.minutes_booked, tom.overlaps, tom.gaps) == ("Tom Reed", D("60.00"), (), ())


def test_a_correction_reverses_the_original_with_its_reason_and_books_the_right_time(db, shop, floor):
    floor["moment"]["now"] = at(8)
    c = clocking.scan(db, floor["code"](10), shop.anna.id).clock_on
    floor["moment"]["now"] = at(10)
    clocking.clock_off(db, c.id, finished=False, quantity_done="1")
    [original] = day_review.day_review(db, DAY).operators[0].segments
    new = day_review.correct_time(db, original.time_log_id, reason="Stopped at 9:40 for the delivery",
                                  ended_at=at(9, 40))
    # 8:00 (kept) to 9:40 = 100 minutes, the same source, clock-on and quantity
    assert (new.started_at, new.ended_at, new.labour_minutes, new.machine_minutes) == (
        at(8), at(9, 40), D("100.00"), D("100.00"))
    assert (new.source, new.clock_on_id, new.quantity_done, new.operator_id) == ("scan", c.id, D("1.000"),
                                                                                shop.anna.id)
    with db.reader() as s:
        reversal = s.scalars(select(TimeLog).where(TimeLog.reverses_id == original.time_log_id)).one()
        assert (reversal.labour_minutes, reversal.reason) == (D("-120.00"), "Stopped at 9:40 for the delivery")
    [anna] = day_review.day_review(db, DAY).operators
    [segment] = anna.segments
    assert (segment.time_log_id, segment.minutes) == (new.id, D("100.00"))
    # the entry taken back is listed apart, 8:00 to 10:00 (120 min), with the correction's reason
    [taken_back] = anna.reversed
    assert (taken_back.started_at, taken_back.ended_at, taken_back.minutes, taken_back.reason) == (
        at(8), at(10), D("120.00"), "Stopped at 9:40 for the delivery")


@pytest.mark.parametrize("kwargs, field", [
    (dict(reason="", minutes="90"), "reason"),
    (dict(reason="Typo"), "minutes"),
    (dict(reason="Typo", started_at=at(11), ended_at=at(10)), "ended_at"),
])
def test_a_correction_without_a_reason_or_a_right_time_saves_nothing(db, shop, floor, kwargs, field):
    floor["moment"]["now"] = at(18)
    log = bookings.log_time(db, floor["cut"], shop.anna.id, started_at=at(8), ended_at=at(10))
    with pytest.raises(ValidationError) as info:
        day_review.correct_time(db, log.id, **kwargs)
    assert info.value.field == field
    with db.reader() as s:
        assert s.scalar(select(func.count()).select_from(TimeLog)) == 1
