"""The shop-local day of many stored UTC moments at once (reports over ten years of records).

A report that groups by day or month turns each stored moment into its day in the shop's local time,
as ``moment.astimezone().date()`` does. Through the column type that costs a parse, a time-zone
object and a conversion per value (about 6 µs; 20,000 jobs × three moments is a third of a second).
``LocalDays`` gives the same day from the stored value itself: on SQLite the text as stored
(``YYYY-MM-DD HH:MM:SS[.ffffff]``, UTC), where the day is the text's date moved by at most one,
decided by comparing the time of day with the local offset of that date, worked out once per date
and then remembered per hour; anything else (another format, a date with a change of offset,
another database's datetime) goes the long way.
"""

from __future__ import annotations

import datetime as dt
import time

from sqlalchemy import String, type_coerce

_DAY = 86_400


def as_stored(column):
    """``column`` read as the database holds it (text on SQLite, a naive UTC datetime elsewhere)."""
    return type_coerce(column, String)


def _hms(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


class LocalDays:
    """A stored UTC moment (``as_stored``) → its day in the local time zone (None for None): ``days(value)``,
    or a whole column at once, ``days.days_of(values)``.

    Make one per report: it remembers each date's offset, and the time zone can change between reports."""

    def __init__(self) -> None:
        # "YYYY-MM-DD" → (that day, the day before, the day after, "HH:MM:SS" from which the local day is
        # the day after (a positive offset) or before which it is the day before (negative), the sign);
        # None for a date whose offset changes during it
        self._dates: dict[str, tuple[dt.date, dt.date, dt.date, str, int] | None] = {}
        # "YYYY-MM-DD HH" → the local day of every moment in that hour (hours the edge does not cut)
        self._hours: dict[str, dt.date] = {}
        self._days: dict[str, dt.date] = {}  # stored dates read so far (``date_of``)

    def __call__(self, value) -> dt.date | None:
        if value.__class__ is str:
            return self._hours.get(value[:13]) or self._first(value)
        return None if value is None else self._long_way(value)

    def days_of(self, values) -> list[dt.date | None]:
        """``[days(v) for v in values]``, without a call per value once its hour has been met."""
        hours, first = self._hours, self._first
        return [(hours.get(v[:13]) or first(v)) if v.__class__ is str else None if v is None else self._long_way(v)
                for v in values]

    def _first(self, value: str) -> dt.date:
        """The day of a moment whose hour has not been met (or whose hour the edge cuts)."""
        if not (len(value) >= 19 and value[10] in " T" and value[13] == ":"):
            return self._long_way(value)
        key = value[:10]
        entry = self._dates[key] if key in self._dates else self._dates.setdefault(key, self._date(key))
        if entry is None:
            return self._long_way(value)
        day, before, after, edge, sign = entry
        if sign > 0:
            found = after if value[11:19] >= edge else day
        elif sign < 0:
            found = before if value[11:19] < edge else day
        else:
            found = day
        if edge[:2] != value[11:13] or edge[3:] == "00:00":  # the whole hour is on one side of the edge
            self._hours[value[:13]] = found
        return found

    @staticmethod
    def _date(key: str) -> tuple[dt.date, dt.date, dt.date, str, int] | None:
        """The date's entry, or None when the local offset changes during it (or it is no date)."""
        try:
            day = dt.date.fromisoformat(key)
        except ValueError:
            return None
        midnight = int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())
        offset = time.localtime(midnight).tm_gmtoff
        if time.localtime(midnight + _DAY - 1).tm_gmtoff != offset or abs(offset) >= _DAY:
            return None  # a change of offset that day: each moment the long way
        edge = _hms(_DAY - offset) if offset > 0 else _hms(-offset)
        return day, day - dt.timedelta(days=1), day + dt.timedelta(days=1), edge, (offset > 0) - (offset < 0)

    def date_of(self, value) -> dt.date | None:
        """A stored date column's value (``as_stored``: ``YYYY-MM-DD`` text on SQLite) as a date."""
        if value is None or isinstance(value, dt.date):
            return value
        day = self._days.get(value)
        if day is None:
            day = self._days[value] = dt.date.fromisoformat(value)
        return day

    @staticmethod
    def _long_way(value) -> dt.date:
        moment = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)
        return moment.astimezone().date()


__all__ = ["LocalDays", "as_stored"]
