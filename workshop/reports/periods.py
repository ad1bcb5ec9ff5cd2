"""The ranges reports cover: a start and an end day (both included), by default the last 12
months: the calendar month holding today and the eleven before it, up to today. Figures are
grouped by calendar month (or ISO week, Monday to Sunday) in the shop's local time."""

from __future__ import annotations

import datetime as dt
import statistics
from decimal import ROUND_HALF_UP, Decimal

from ..domain.errors import ValidationError


def default_range(today: dt.date) -> tuple[dt.date, dt.date]:
    """The last 12 months: 21 Nov 2026 -> 1 Dec 2025 … 21 Nov 2026."""
    months = today.year * 12 + today.month - 1 - 11
    return dt.date(months // 12, months % 12 + 1, 1), today


def checked_range(start: dt.date | None, end: dt.date | None, today: dt.date) -> tuple[dt.date, dt.date]:
    """The range asked for, the default's ends where none is given; an end before its start is refused."""
    first, last = default_range(today)
    start, end = start or first, end or last
    if end < start:
        raise ValidationError("end", "The range must end on or after the day it starts.")
    return start, end


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def months(start: dt.date, end: dt.date) -> list[dt.date]:
    """The first day of every calendar month touching the range, in order."""
    out, month = [], month_of(start)
    while month <= end:
        out.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return out


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def weeks(start: dt.date, end: dt.date) -> list[dt.date]:
    """The Monday of every week touching the range, in order."""
    out, monday = [], monday_of(start)
    while monday <= end:
        out.append(monday)
        monday += dt.timedelta(weeks=1)
    return out


def local_day(moment: dt.datetime) -> dt.date:
    """A stored (UTC) moment's day in the shop's local time."""
    return moment.astimezone().date()


def local_midnight(day: dt.date) -> dt.datetime:
    """The UTC moment the shop-local ``day`` begins: the first moment whose ``local_day`` is ``day``
    (where the clocks skip midnight, the moment they skip)."""
    return dt.datetime(day.year, day.month, day.day).astimezone(dt.UTC)


def local_range(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The UTC moments from the start of ``start`` to the start of the day after ``end`` (shop-local):
    a stored moment ``m`` is in the range by its local day exactly when ``first <= m < after``, so the
    database can select and group by it with no day worked out per row."""
    return local_midnight(start), local_midnight(end + dt.timedelta(days=1))


def one_place(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def percent(part: int | Decimal, whole: int | Decimal) -> Decimal | None:
    """``part`` of ``whole`` in percent to one place, half up; None of nothing."""
    if not whole:
        return None
    return one_place(Decimal(part) * 100 / Decimal(whole))


def mean(values: list[int]) -> Decimal | None:
    return one_place(Decimal(sum(values)) / len(values)) if values else None


def median(values: list[int]) -> Decimal | None:
    """The middle figure (the mean of the two middle ones for an even count)."""
    return one_place(Decimal(str(statistics.median(values)))) if values else None


__all__ = ["default_range", "checked_range", "month_of", "months", "monday_of", "weeks", "local_day",
           "local_midnight", "local_range", "one_place", "percent", "mean", "median"]
