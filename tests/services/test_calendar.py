"""The shop's calendar (issue 16, item 2): working week and hours, holidays one year at a time,
workstation capacity, machines side by side and days off; bad input gets a clear message and saves
nothing. The schedule reads what is saved here."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from workshop.db.models import ShopHoliday, ShopSettings, Workstation, WorkstationDayOff
from workshop.domain.changes import Change, changes_of
from workshop.domain.errors import ValidationError
from workshop.services import calendar, schedule, workstations

XMAS = dt.date(2027, 12, 25)


def rows(db, query):
    with db.reader() as s:
        return s.execute(query).all()


def settings_row(db):
    with db.reader() as s:
        row = s.get(ShopSettings, 1)
        return row.working_weekdays, row.day_start, row.day_end


def refused(fn, *args, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        fn(*args, **kwargs)
    return info.value


# --- working week -----------------------------------------------------------------------------


def test_a_new_shop_works_monday_to_friday_eight_to_half_past_four(db):
    week = calendar.get_calendar(db, 2027)
    assert (week.working_weekdays, week.day_start, week.day_end) == ((0, 1, 2, 3, 4), dt.time(8), dt.time(16, 30))
    assert week.holidays == ()


def test_the_working_week_is_saved_and_the_schedule_reads_it(db):
    saved = calendar.save_working_week(db, [3, 0, 1, 2], "07:30", dt.time(16, 0))
    assert saved.working_weekdays == (0, 1, 2, 3)
    assert settings_row(db) == ("0,1,2,3", "07:30", "16:00")
    with db.reader() as s:
        cal = schedule.shop_calendar_in_session(s)
    # 07:30 to 16:00 is 8 h 30 min = 510 minutes
    assert (cal.working_weekdays, cal.day_start, cal.day_minutes) == (frozenset({0, 1, 2, 3}), dt.time(7, 30), 510)
    assert changes_of(calendar.save_working_week) == Change.PLANNING


@pytest.mark.parametrize("weekdays, start, end, field, words", [
    ([], "08:00", "16:30", "working_weekdays", "Choose at least one working day."),
    ([0, 7], "08:00", "16:30", "working_weekdays", "0 (Monday) to 6 (Sunday)"),
    ([0], "16:00", "07:30", "day_end", "must end after it starts: 07:30 is not after 16:00"),
    ([0], "08:00", "08:00", "day_end", "08:00 is not after 08:00"),
    ([0], "8 am", "16:30", "day_start", "24-hour clock like 07:30, not “8 am”"),
    ([0], "08:00", "24:00", "day_end", "not “24:00”"),
    ([0], "08:00", "", "day_end", "Day end is required."),
])
def test_a_bad_working_week_is_refused_and_nothing_changes(db, weekdays, start, end, field, words):
    error = refused(calendar.save_working_week, db, weekdays, start, end)
    assert error.field == field and words in error.message
    assert settings_row(db) == ("0,1,2,3,4", "08:00", "16:30")


# --- holidays, one year at a time ---------------------------------------------------------------


def test_holidays_are_added_and_removed_in_their_year(db):
    christmas = calendar.add_holiday(db, "25/12/2027", "Christmas Day", year=2027)
    calendar.add_holiday(db, dt.date(2027, 1, 1), "New Year's Day", year=2027)
    calendar.add_holiday(db, dt.date(2028, 1, 3), "New Year (substitute)", year=2028)
    assert [(h.day, h.name) for h in calendar.holidays_in(db, 2027)] == [
        (dt.date(2027, 1, 1), "New Year's Day"), (XMAS, "Christmas Day")]
    assert [h.day for h in calendar.get_calendar(db, 2028).holidays] == [dt.date(2028, 1, 3)]
    calendar.remove_holiday(db, christmas.id)
    assert rows(db, select(ShopHoliday.day).order_by(ShopHoliday.day)) == [(dt.date(2027, 1, 1),),
                                                                         (dt.date(2028, 1, 3),)]


def test_a_holiday_outside_the_year_being_edited_is_refused(db):
    error = refused(calendar.add_holiday, db, "14/01/2028", "Stocktake", year=2027)
    assert error.field == "day"
    assert error.message == "14 Jan 2028 is not in 2027: the holidays being edited are 2027's. Choose 2028 to add it there."
    assert rows(db, select(ShopHoliday.id)) == []


def test_a_date_twice_is_refused_naming_the_holiday_it_already_is(db):
    calendar.add_holiday(db, XMAS, "Christmas Day", year=2027)
    error = refused(calendar.add_holiday, db, "25 Dec 2027", "Shutdown", year=2027)
    assert (error.field, error.message) == ("day", "25 Dec 2027 is already a holiday (Christmas Day).")
    assert rows(db, select(ShopHoliday.name)) == [("Christmas Day",)]


def test_a_holiday_that_is_no_date_is_refused(db):
    error = refused(calendar.add_holiday, db, "Boxing Day", year=2027)
    assert error.field == "day" and "must be a date like" in error.message and "“Boxing Day”" in error.message


def test_saving_the_calendar_replaces_the_years_holidays_all_or_nothing(db):
    calendar.add_holiday(db, dt.date(2027, 5, 3), "Early May", year=2027)
    calendar.add_holiday(db, dt.date(2026, 12, 25), "Christmas Day", year=2026)
    saved = calendar.save_calendar(db, weekdays=[0, 1, 2, 3], day_start="07:30", day_end="16:00",
                                   holidays={2027: [(XMAS, "Christmas Day"), ("27/12/2027", "Boxing Day (substitute)")]})
    assert saved.year == 2027 and [h.name for h in saved.holidays] == ["Christmas Day", "Boxing Day (substitute)"]
    # 2027's May holiday is gone (not in the list), 2026's is another year and stays
    assert rows(db, select(ShopHoliday.day).order_by(ShopHoliday.day)) == [
        (dt.date(2026, 12, 25),), (XMAS,), (dt.date(2027, 12, 27),)]
    assert settings_row(db) == ("0,1,2,3", "07:30", "16:00")

    # one holiday in the wrong year: neither the week nor any holiday changes
    error = refused(calendar.save_calendar, db, weekdays=[0, 1, 2, 3, 4], day_start="08:00", day_end="16:30",
                    holidays={2027: [(XMAS, "Christmas Day"), (dt.date(2028, 1, 14), "Stocktake")]})
    assert "14 Jan 2028 is not in 2027" in error.message
    error = refused(calendar.save_calendar, db, weekdays=[0], day_start="08:00", day_end="16:30",
                    holidays={2027: [(XMAS, "Christmas Day"), ("25/12/2027", "Again")]})
    assert "25 Dec 2027 is already a holiday (Christmas Day)." == error.message
    assert settings_row(db) == ("0,1,2,3", "07:30", "16:00")
    assert len(rows(db, select(ShopHoliday.id))) == 3


def test_a_year_outside_the_calendar_is_refused(db):
    assert refused(calendar.holidays_in, db, 1066).field == "year"


# --- workstations: capacity, machines side by side, days off -------------------------------------


@pytest.mark.parametrize("typed, words", [
    ("0", "Capacity hours per day must be more than zero."),
    ("24.01", "Capacity hours per day must be at most 24."),
    ("abc", "“abc”"),
    ("-1", "Capacity hours per day cannot be negative."),
])
def test_capacity_must_be_more_than_0_and_at_most_24_hours(db, shop, typed, words):
    error = refused(workstations.update_workstation, db, shop.saw.id, capacity_hours_per_day=typed)
    assert error.field == "capacity_hours_per_day" and words in error.message
    error = refused(workstations.create_workstation, db, code="X", name="X", capacity_hours_per_day=typed)
    assert error.field == "capacity_hours_per_day"
    assert rows(db, select(Workstation.code, Workstation.capacity_hours_per_day).order_by(Workstation.code)) == [
        ("BENCH", Decimal(16)), ("SAW", Decimal(8))]


def test_24_hours_and_machines_side_by_side_are_saved(db, shop):
    bench = workstations.update_workstation(db, shop.bench.id, capacity_hours_per_day="24", parallel="2")
    assert (bench.capacity_hours_per_day, bench.parallel) == (Decimal(24), 2)
    assert workstations.create_workstation(db, code="CNC", name="Router").parallel == 1
    assert rows(db, select(Workstation.parallel).where(Workstation.id == shop.bench.id)) == [(2,)]
    assert changes_of(workstations.update_workstation) & Change.PLANNING


@pytest.mark.parametrize("typed", ["0", "51", "1.5", "two", ""])
def test_machines_side_by_side_is_a_whole_number_from_1_to_50(db, shop, typed):
    error = refused(workstations.update_workstation, db, shop.bench.id, parallel=typed)
    assert error.field == "parallel" and error.message.startswith(
        "Machines side by side must be a whole number from 1 to 50")
    assert workstations.get_workstation(db, shop.bench.id).parallel == 1


def test_days_off_are_added_refused_twice_and_removed(db, shop):
    service = calendar.add_day_off(db, shop.saw.id, "7/12/2026", "Service visit")
    calendar.add_day_off(db, shop.saw.id, dt.date(2026, 12, 3))  # no reason: fine
    calendar.add_day_off(db, shop.bench.id, dt.date(2026, 12, 7), "Tom on leave")  # another workstation: fine
    error = refused(calendar.add_day_off, db, shop.saw.id, "7 Dec 2026", "Again")
    assert (error.field, error.message) == ("day", "7 Dec 2026 is already a day off for SAW (Service visit).")
    assert [(d.day, d.reason) for d in calendar.days_off(db, shop.saw.id)] == [
        (dt.date(2026, 12, 3), ""), (dt.date(2026, 12, 7), "Service visit")]
    calendar.remove_day_off(db, service.id)
    assert rows(db, select(WorkstationDayOff.workstation_id, WorkstationDayOff.day).order_by(WorkstationDayOff.id)) == [
        (shop.saw.id, dt.date(2026, 12, 3)), (shop.bench.id, dt.date(2026, 12, 7))]
    assert refused(calendar.add_day_off, db, shop.saw.id, "someday").field == "day"
    assert refused(calendar.add_day_off, db, 999, dt.date(2026, 12, 8)).field == "workstation"
