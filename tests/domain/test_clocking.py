"""Pure clocking rules: merged spans, overlaps, gaps, the scanner's double read, a forgotten
clock-off, clock times from a traveler. Worked by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from workshop.domain.bench_time import moment_on, parse_clock_time, stopped_moment
from workshop.domain.clocking import (RepeatGuard, elapsed_minutes, gaps, is_forgotten, merge_intervals, overlaps,
                                      span_minutes)


def at(hour: int, minute: int = 0, day: int = 3) -> dt.datetime:
    """A local time on the 3rd of March 2026 (this PC's zone, as the shop's day is)."""
    return dt.datetime(2026, 3, day, hour, minute).astimezone()


def test_merging_joins_overlapping_and_touching_spans_in_order():
    spans = [(at(13), at(14)), (at(9), at(11)), (at(8), at(10)), (at(14), at(15))]
    # 8-10 and 9-11 overlap: 8-11; 13-14 and 14-15 touch: 13-15
    assert merge_intervals(spans) == [(at(8), at(11)), (at(13), at(15))]
    assert merge_intervals([]) == []


def test_overlaps_are_where_two_spans_cover_the_same_time():
    # 8-12 holds 9-10 and half of 11-13: covered twice 9-10 and 11-12
    assert overlaps([(at(8), at(12)), (at(9), at(10)), (at(11), at(13))]) == [(at(9), at(10)), (at(11), at(12))]
    # three spans over one another give one merged overlap: 9:00-10:30 is covered at least twice
    assert overlaps([(at(8), at(11)), (at(9), at(10)), (at(9, 30), at(10, 30))]) == [(at(9), at(10, 30))]
    assert overlaps([(at(8), at(9)), (at(9), at(10))]) == []  # touching is not overlapping


def test_gaps_lie_between_the_first_start_and_the_last_end():
    spans = [(at(8), at(10)), (at(10, 30), at(12)), (at(11), at(12, 15)), (at(13), at(16))]
    assert gaps(spans) == [(at(10), at(10, 30)), (at(12, 15), at(13))]
    assert gaps([(at(8), at(9))]) == []


def test_labour_is_the_sum_and_elapsed_the_union():
    # Anna 9:00-11:00 and Tom 10:00-12:00 on one operation: labour 120 + 120 = 240 min,
    # elapsed 9:00-12:00 = 180 min
    anna, tom = (at(9), at(11)), (at(10), at(12))
    assert span_minutes(*anna) + span_minutes(*tom) == D(240)
    assert elapsed_minutes([anna, tom]) == D(180)
    assert span_minutes(at(9), at(9) + dt.timedelta(seconds=45)) == D("0.75")  # 45 s = 0.75 min


def test_the_same_code_again_within_three_seconds_is_ignored():
    guard = RepeatGuard(seconds=3)
    t = at(8)
    assert not guard.is_repeat("J20260042030", t)
    assert guard.is_repeat(" j20260042030 ", t + dt.timedelta(seconds=2.9))  # spaces and case aside
    assert not guard.is_repeat("J20260042030", t + dt.timedelta(seconds=3))  # 3 s after the first read
    assert not guard.is_repeat("OPR0001", t + dt.timedelta(seconds=3.5))  # another code
    assert not guard.is_repeat("J20260042030", t + dt.timedelta(seconds=4))  # afresh after another code
    guard.forget()  # an undo: the same code may come again at once
    assert not guard.is_repeat("J20260042030", t + dt.timedelta(seconds=4.5))


def test_a_clock_off_is_forgotten_from_an_earlier_day_or_after_twelve_hours():
    assert not is_forgotten(at(16), at(23, 59))  # same day, 8 h
    assert is_forgotten(at(16), at(0, 30, day=4))  # across midnight: an earlier day
    assert is_forgotten(at(6), at(18, 30))  # 12 h 30 min on one day
    assert not is_forgotten(at(6), at(18))  # exactly 12 h is not more than 12 h
    assert not is_forgotten(None, at(8, day=10))  # paused: never forgotten


@pytest.mark.parametrize("text, expected", [
    ("7:30", dt.time(7, 30)), ("07:30", dt.time(7, 30)), ("730", dt.time(7, 30)), ("0730", dt.time(7, 30)),
    ("7.30", dt.time(7, 30)), ("15h10", dt.time(15, 10)), (" 16 ", dt.time(16, 0)), ("0:05", dt.time(0, 5)),
])
def test_clock_times_as_a_traveler_writes_them(text, expected):
    assert parse_clock_time(text) == expected


@pytest.mark.parametrize("text, words", [("25:00", "0 to 23"), ("7:75", "00 to 59"), ("seven", "time of day"),
                                         ("7:3", "time of day"), ("", "time of day"), ("2400", "0 to 23")])
def test_impossible_clock_times_are_refused(text, words):
    with pytest.raises(ValueError) as info:
        parse_clock_time(text)
    assert words in str(info.value)


def test_when_did_you_stop_is_the_first_such_time_after_the_work_began():
    began = dt.datetime(2027, 3, 3, 16, 0).astimezone()
    # clocked on at 16:00: "17:30" is that evening; "01:30" (a night shift) is the next morning
    assert stopped_moment("17:30", began) == dt.datetime(2027, 3, 3, 17, 30).astimezone()
    assert stopped_moment("0130", began) == dt.datetime(2027, 3, 4, 1, 30).astimezone()
    assert moment_on(dt.date(2027, 3, 3), "7.30") == dt.datetime(2027, 3, 3, 7, 30).astimezone()
    with pytest.raises(ValueError, match="a day has hours 0 to 23"):
        stopped_moment("25:00", began)
