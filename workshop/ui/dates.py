"""Dates as the window shows them: the one display form (``domain.locale_text.format_date``, the
shop locale's medium form: ``15 Jan 2027``, ``Jan 15, 2027``, ``15.01.2027``) in every list,
label and dialog.

The window shows one shop, so its locale is held here once (``AppContext`` sets it when it reads
the settings, and again when they change) and table columns need not carry it.
"""

from __future__ import annotations

import datetime as dt

from ..domain.locale_text import DEFAULT_LOCALE, format_clock, format_date, format_date_time

_shop_locale = DEFAULT_LOCALE


def set_shop_locale(locale: str) -> None:
    global _shop_locale
    _shop_locale = locale


def date_text(value: dt.date | dt.datetime | None, empty: str = "") -> str:
    """A day (a moment's day in this PC's time zone)."""
    if value is None:
        return empty
    if isinstance(value, dt.datetime):
        value = value.astimezone()
    return format_date(value, _shop_locale)


def date_time_text(value: dt.datetime | None, empty: str = "") -> str:
    """A moment in this PC's time zone: ``15 Jan 2027 14:05``."""
    return empty if value is None else format_date_time(value.astimezone(), _shop_locale)


def clock_text(value: dt.datetime | None, empty: str = "") -> str:
    """A moment's time of day in this PC's time zone: ``14:05`` (``2:05 PM`` in en_US)."""
    return empty if value is None else format_clock(value.astimezone(), _shop_locale)


def month_samples(year: int = 2028) -> list[str]:
    """Each month's 28th in the shop's form, to size a date column for the widest: a fixed pixel
    width cut ``12 Dec 2026`` to ``12 Dec 2…``."""
    return [date_text(dt.date(year, month, 28)) for month in range(1, 13)]
