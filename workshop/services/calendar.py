"""The shop's calendar (issue 16, item 2): its working week and hours, its holidays, and each
workstation's days off. The scheduler (``services.schedule``) reads what is kept here.

Holidays are edited one year at a time: a date outside the year being edited is a typing slip
(``14/01/2028`` while editing 2027) and is refused, as is a date already a holiday. The Shop
calendar dialog saves the week and the year's holidays together (``save_calendar``): all or nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..db.engine import Database
from ..db.models import ShopHoliday, Workstation, WorkstationDayOff
from ..domain import validation as v
from ..domain.changes import Change, writes
from ..domain.errors import ValidationError
from ..domain.locale_text import format_date
from .common import get_or_fail, session_locale, settings_row

WEEKDAYS = range(7)  # 0 = Monday … 6 = Sunday, as date.weekday()
_NAME_LENGTH = 100  # shop_holidays.name
_REASON_LENGTH = 200  # workstation_days_off.reason


@dataclass(frozen=True)
class HolidayView:
    id: int | None  # None for one not saved yet (the dialog's list)
    day: dt.date
    name: str


@dataclass(frozen=True)
class CalendarSettings:
    """The working week and the holidays of one year."""

    working_weekdays: tuple[int, ...]
    day_start: dt.time
    day_end: dt.time
    year: int
    holidays: tuple[HolidayView, ...]


@dataclass(frozen=True)
class DayOffView:
    id: int
    workstation_id: int
    day: dt.date
    reason: str


# --- checking what was typed (pure: the dialog checks a holiday as it is added) -----------------


def clean_week(weekdays: Iterable[int], day_start: object, day_end: object) -> tuple[tuple[int, ...], dt.time, dt.time]:
    """The working weekdays (sorted), and the day's start and end."""
    days = sorted(set(weekdays or ()))
    if any(not isinstance(day, int) or day not in WEEKDAYS for day in days):
        raise ValidationError("working_weekdays", "Working days are numbered 0 (Monday) to 6 (Sunday).")
    if not days:
        raise ValidationError("working_weekdays", "Choose at least one working day.")
    start = v.clock("day_start", day_start)
    end = v.clock("day_end", day_end)
    if end <= start:
        raise ValidationError("day_end", f"The working day must end after it starts: {end:%H:%M} is not after "
                                         f"{start:%H:%M}.")
    return tuple(days), start, end


def check_year(year: object) -> int:
    if isinstance(year, bool) or not isinstance(year, int) or not v.FIRST_DAY.year <= year <= v.LAST_DAY.year:
        raise ValidationError("year", f"Holidays are edited for a year between {v.FIRST_DAY.year} and "
                                      f"{v.LAST_DAY.year}, not {year}.")
    return year


def clean_holiday(day: object, name: object, *, year: int, taken: Mapping[dt.date, str],
                  locale: str) -> HolidayView:
    """A new holiday of ``year``, not one of the ``taken`` days (date -> name); nothing is saved."""
    when = v.date("day", day, locale=locale)
    if when.year != year:
        raise ValidationError("day", f"{format_date(when, locale)} is not in {year}: the holidays being edited are "
                                     f"{year}'s. Choose {when.year} to add it there.")
    if when in taken:
        already = f" ({taken[when]})" if taken[when] else ""
        raise ValidationError("day", f"{format_date(when, locale)} is already a holiday{already}.")
    return HolidayView(None, when, v.text("name", name, max_length=_NAME_LENGTH))


# --- reading -------------------------------------------------------------------------------------


def _holidays(s: Session, year: int) -> tuple[HolidayView, ...]:
    rows = s.scalars(select(ShopHoliday).where(ShopHoliday.day >= dt.date(year, 1, 1),
                                               ShopHoliday.day <= dt.date(year, 12, 31)).order_by(ShopHoliday.day))
    return tuple(HolidayView(h.id, h.day, h.name) for h in rows)


def holidays_in(db: Database, year: int) -> tuple[HolidayView, ...]:
    year = check_year(year)
    with db.reader() as s:
        return _holidays(s, year)


def stored_week(s: Session) -> tuple[tuple[int, ...], dt.time, dt.time]:
    """The working week as the settings hold it (weekdays "0,1,2,3,4", hours "08:00"), checked like
    typed input, so a hand-edited value is refused with a message rather than a crash."""
    row = settings_row(s)
    try:
        days = [int(day) for day in row.working_weekdays.split(",") if day.strip()]
    except ValueError:
        raise ValidationError("working_weekdays", f"The stored working days “{row.working_weekdays[:40]}” are not "
                                                  f"day numbers. {_SET_AGAIN}") from None
    try:
        return clean_week(days, row.day_start, row.day_end)
    except ValidationError as error:
        raise ValidationError(error.field, f"{error.message} {_SET_AGAIN}") from None


_SET_AGAIN = "Set the working week again in Shop ▸ Shop calendar."


def _settings(s: Session, year: int) -> CalendarSettings:
    days, start, end = stored_week(s)
    return CalendarSettings(days, start, end, year, _holidays(s, year))


def get_calendar(db: Database, year: int) -> CalendarSettings:
    """The working week and ``year``'s holidays."""
    year = check_year(year)
    with db.reader() as s:
        return _settings(s, year)


# --- writing -------------------------------------------------------------------------------------


def _write_week(s: Session, weekdays: Iterable[int], day_start: object, day_end: object) -> None:
    days, start, end = clean_week(weekdays, day_start, day_end)
    row = settings_row(s)
    row.working_weekdays = ",".join(str(day) for day in days)
    row.day_start, row.day_end = f"{start:%H:%M}", f"{end:%H:%M}"


@writes(Change.PLANNING)
def save_working_week(db: Database, weekdays: Iterable[int], day_start: object, day_end: object) -> CalendarSettings:
    with db.session() as s:
        _write_week(s, weekdays, day_start, day_end)
        s.flush()
        return _settings(s, db.today().year)


@writes(Change.PLANNING)
def save_calendar(db: Database, *, weekdays: Iterable[int], day_start: object, day_end: object,
                  holidays: Mapping[int, Sequence[tuple[object, object]]]) -> CalendarSettings:
    """The working week, and for each year given its holidays as ``(day, name)`` pairs, replacing
    that year's: one transaction, so a bad holiday saves nothing at all."""
    with db.session() as s:
        _write_week(s, weekdays, day_start, day_end)
        locale = session_locale(s)
        cleaned: list[HolidayView] = []
        for year, days in holidays.items():
            year = check_year(year)
            taken: dict[dt.date, str] = {}
            for day, name in days:
                holiday = clean_holiday(day, name, year=year, taken=taken, locale=locale)
                taken[holiday.day] = holiday.name
                cleaned.append(holiday)
            s.execute(delete(ShopHoliday).where(ShopHoliday.day >= dt.date(year, 1, 1),
                                                ShopHoliday.day <= dt.date(year, 12, 31)))
        s.add_all(ShopHoliday(day=h.day, name=h.name) for h in cleaned)
        s.flush()
        return _settings(s, min(holidays, default=db.today().year))


@writes(Change.PLANNING)
def add_holiday(db: Database, day: object, name: object = "", *, year: int) -> HolidayView:
    """A holiday in ``year`` (the year being edited)."""
    year = check_year(year)
    with db.session() as s:
        taken = {h.day: h.name for h in _holidays(s, year)}
        holiday = clean_holiday(day, name, year=year, taken=taken, locale=session_locale(s))
        row = ShopHoliday(day=holiday.day, name=holiday.name)
        s.add(row)
        s.flush()
        return HolidayView(row.id, row.day, row.name)


@writes(Change.PLANNING)
def remove_holiday(db: Database, holiday_id: int) -> None:
    with db.session() as s:
        s.delete(get_or_fail(s, ShopHoliday, holiday_id, "holiday", "holiday"))


# --- a workstation's days off --------------------------------------------------------------------


def days_off(db: Database, workstation_id: int) -> tuple[DayOffView, ...]:
    """A workstation's days off, in date order."""
    with db.reader() as s:
        rows = s.scalars(select(WorkstationDayOff).where(WorkstationDayOff.workstation_id == workstation_id)
                         .order_by(WorkstationDayOff.day))
        return tuple(DayOffView(d.id, d.workstation_id, d.day, d.reason) for d in rows)


@writes(Change.PLANNING)
def add_day_off(db: Database, workstation_id: int, day: object, reason: object = "") -> DayOffView:
    """A day ``workstation_id`` does not run; the reason is optional."""
    with db.session() as s:
        station = get_or_fail(s, Workstation, workstation_id, "workstation", "workstation")
        locale = session_locale(s)
        when = v.date("day", day, locale=locale)
        why = v.text("reason", reason, max_length=_REASON_LENGTH)
        clash = s.scalar(select(WorkstationDayOff).where(WorkstationDayOff.workstation_id == station.id,
                                                         WorkstationDayOff.day == when))
        if clash is not None:
            already = f" ({clash.reason})" if clash.reason else ""
            raise ValidationError("day", f"{format_date(when, locale)} is already a day off for {station.code}"
                                         f"{already}.")
        row = WorkstationDayOff(workstation_id=station.id, day=when, reason=why)
        s.add(row)
        s.flush()
        return DayOffView(row.id, row.workstation_id, row.day, row.reason)


@writes(Change.PLANNING)
def remove_day_off(db: Database, day_off_id: int) -> None:
    with db.session() as s:
        s.delete(get_or_fail(s, WorkstationDayOff, day_off_id, "day_off", "day off"))
