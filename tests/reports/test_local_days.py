"""``db.local_days.LocalDays``: the shop-local day of a stored UTC moment from its stored text, the same
day as ``moment.astimezone().date()`` in every time zone, on the days the clocks change too."""

from __future__ import annotations

import datetime as dt

import pytest

from workshop.db.local_days import LocalDays


def _moments():
    """Every 7 min 13.5 s over a year: each hour of the day, the clocks' changes, odd seconds."""
    moment = dt.datetime(2025, 12, 31, 0, 0, 0, 500_000, tzinfo=dt.UTC)
    while moment.year < 2027:
        yield moment
        moment += dt.timedelta(minutes=7, seconds=13.5)
    yield dt.datetime(2026, 3, 29, 0, 59, 59, tzinfo=dt.UTC)  # a second before London's clocks go forward
    yield dt.datetime(2026, 3, 29, 1, 0, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize("name", ["UTC", "Europe/London", "America/New_York", "Asia/Kolkata", "America/St_Johns",
                                  "Pacific/Chatham", "Pacific/Kiritimati", "Pacific/Pago_Pago"])
def test_the_same_day_as_astimezone(zone, name):
    zone(name)
    days = LocalDays()
    column, expected = [], []
    for moment in _moments():
        stored = moment.replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")  # as SQLAlchemy stores it on SQLite
        expected.append(moment.astimezone().date())
        column.append(stored)
        assert days(stored) == expected[-1], (name, stored)
        assert days(moment.replace(tzinfo=None)) == expected[-1]  # a naive UTC datetime, as another database gives
    assert days(None) is None
    assert LocalDays().days_of([*column, None]) == [*expected, None]  # a whole column at once, from scratch
    assert days.days_of(column) == expected  # and with every hour met already


def test_other_stored_forms_and_dates(zone):
    zone("America/New_York")
    days = LocalDays()
    assert days("2026-07-01 02:30:00") == dt.date(2026, 6, 30)  # no fraction of a second
    assert days("2026-07-01T04:00:00.000000") == dt.date(2026, 7, 1)  # EDT is UTC−4
    assert days("2026-07-01 03:59") == dt.date(2026, 6, 30)  # no seconds: the long way
    assert days("2026-07-01 04:00") == dt.date(2026, 7, 1)  # … even once its date is known
    assert days.days_of(["2026-07-01 04:00", "2026-07-01 03:59:59"]) == [dt.date(2026, 7, 1), dt.date(2026, 6, 30)]
    assert days.date_of("2026-07-01") == dt.date(2026, 7, 1) and days.date_of(dt.date(2026, 7, 2)) == dt.date(2026, 7, 2)
    assert days.date_of(None) is None
