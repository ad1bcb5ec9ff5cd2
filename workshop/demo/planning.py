"""The demo shop's calendar (issue 16): England and Wales bank holidays for the demo's years, the
Christmas shutdown, three assembly benches side by side, and the spray booth out for two days (its queue is the
demo's bottleneck, and a job waiting in it is late: the Schedule tab's "why late" names it).

Everything goes through ``services.calendar`` and ``services.workstations`` as a person would
enter it in Shop ▸ Shop calendar… and Shop ▸ Workstations….
"""

from __future__ import annotations

import datetime as dt

from ..services import calendar, workstations

_MONDAY = 0


def _easter(year: int) -> dt.date:
    """Easter Sunday in the Gregorian calendar (the anonymous algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _monday_on_or_after(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=(_MONDAY - day.weekday()) % 7)


def _last_monday(year: int, month: int) -> dt.date:
    last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - _MONDAY) % 7)


def bank_holidays(year: int) -> list[tuple[dt.date, str]]:
    """England and Wales's regular bank holidays, a weekend one moved to the next free weekday
    (the one-off ones, a coronation or a jubilee, are not included)."""
    new_year = dt.date(year, 1, 1)
    if new_year.weekday() >= 5:
        new_year, new_year_name = _monday_on_or_after(new_year), "New Year's Day (substitute day)"
    else:
        new_year_name = "New Year's Day"
    easter = _easter(year)
    days = [(new_year, new_year_name),
            (easter - dt.timedelta(days=2), "Good Friday"),
            (easter + dt.timedelta(days=1), "Easter Monday"),
            (_monday_on_or_after(dt.date(year, 5, 1)), "Early May bank holiday"),
            (_last_monday(year, 5), "Spring bank holiday"),
            (_last_monday(year, 8), "Summer bank holiday")]
    taken = {day for day, _name in days}
    for day, name in ((dt.date(year, 12, 25), "Christmas Day"), (dt.date(year, 12, 26), "Boxing Day")):
        if day.weekday() >= 5:  # the next weekday not already a holiday
            day, name = _monday_on_or_after(day), f"{name} (substitute day)"
            while day in taken:
                day += dt.timedelta(days=1)
        taken.add(day)
        days.append((day, name))
    return sorted(days)


def shutdown_days(year: int, holidays: set[dt.date]) -> list[tuple[dt.date, str]]:
    """The weekdays between Christmas and New Year that are not bank holidays: the shop closes."""
    days = [dt.date(year, 12, 27) + dt.timedelta(days=n) for n in range(5)]
    return [(day, "Christmas shutdown") for day in days if day.weekday() < 5 and day not in holidays]


def seed(db, demo) -> None:
    demo.progress("The shop calendar: bank holidays, the Christmas shutdown, days off…")
    first_year = (demo.today - dt.timedelta(days=550)).year  # the demo's history starts then
    closed: set[dt.date] = set()
    for year in range(first_year, demo.today.year + 2):
        holidays = bank_holidays(year)
        for day, name in holidays + shutdown_days(year, {day for day, _name in holidays}):
            calendar.add_holiday(db, day, name, year=year)
            closed.add(day)
    station = {w.code: w for w in demo.workstations}
    # the same 24 hours a day at the benches as before, as three benches of 8 hours side by side
    workstations.update_workstation(db, station["BENCH"].id, capacity_hours_per_day="8", parallel=3)
    # The spray booth is out for its first two working days from today: its queue (jobs of higher
    # priority first) then makes the bar counter late, whatever the weekday the demo is made on.
    for day in _working_days_from(demo.today, closed)[:2]:
        calendar.add_day_off(db, station["SPRAY"].id, day, "Booth relined, filters changed")


def _working_days_from(today: dt.date, closed: set[dt.date]) -> list[dt.date]:
    """The shop's working days (Monday to Friday, not a holiday) in the fortnight from ``today`` on."""
    days = (today + dt.timedelta(days=n) for n in range(14))
    return [day for day in days if day.weekday() < 5 and day not in closed]
