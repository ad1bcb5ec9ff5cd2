"""Time typed as the bench says it: ``80`` (minutes), ``90m``, ``1h20``, ``1:20``, ``1.5h``.

Every minutes field (bookings, operations, change orders, rework) reads through ``parse_minutes``,
so the same words mean the same time everywhere. Figures inside follow the shop's locale
(``1,5h`` in a German shop).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

from .locale_text import DEFAULT_LOCALE, NotInLocale, parse_number

_NUMBER = r"\d[\d.,\s\u00a0\u202f]*"
_HOURS_MINUTES = re.compile(rf"(?P<h>{_NUMBER})\s*(?:h|hr|hrs|hours?|std|godz?)\.?\s*(?:(?P<m>\d+)\s*(?:m|min|mins|minutes?)?\.?)?",
                            re.IGNORECASE)
_MINUTES = re.compile(rf"(?P<m>{_NUMBER})\s*(?:m|min|mins|minutes?)?\.?", re.IGNORECASE)
_CLOCK = re.compile(r"(?P<h>\d+):(?P<m>[0-5]\d)")

EXAMPLES = "80, 90m, 1h20, 1:20 or 1.5h"


def parse_minutes(text: str, locale: str = DEFAULT_LOCALE) -> Decimal:
    """Minutes (to the hundredth, half-up) from bench words. Raises ``NotInLocale`` whose hint
    lists the forms understood. A minus sign is kept, for the caller to refuse by name."""
    cleaned = text.strip()
    if cleaned[:1] in "-−":
        return -parse_minutes(cleaned[1:], locale)
    if match := _CLOCK.fullmatch(cleaned):
        return Decimal(int(match["h"]) * 60 + int(match["m"]))
    if match := _HOURS_MINUTES.fullmatch(cleaned):
        hours = _figure(match["h"], text, locale)
        minutes = Decimal(match["m"] or 0)
        if match["m"] is not None and minutes >= 60:
            raise NotInLocale(text, _examples(locale))
        return (hours * 60 + minutes).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if match := _MINUTES.fullmatch(cleaned):
        return _figure(match["m"], text, locale)
    raise NotInLocale(text, _examples(locale))


def _figure(part: str, text: str, locale: str) -> Decimal:
    try:
        return parse_number(part.strip(), locale)
    except NotInLocale:
        raise NotInLocale(text, _examples(locale)) from None


def _examples(locale: str) -> str:
    from babel.numbers import get_decimal_symbol

    return EXAMPLES.replace("1.5h", f"1{get_decimal_symbol(locale)}5h")


_CLOCK_TIME = re.compile(r"(?P<h>\d{1,2})\s*[:.hH]\s*(?P<m>\d{2})|(?P<hh>\d{1,2})(?P<mm>\d{2})|(?P<only>\d{1,2})")
CLOCK_EXAMPLES = "7:30, 0730, 7.30 or 15h10"


def parse_clock_time(text: str) -> dt.time:
    """A time of day as written on a traveler: ``7:30``, ``07:30``, ``730``, ``0730``, ``7.30``,
    ``15h10``, or a bare hour ``7``. Raises ``ValueError`` saying what is wrong (``25:00``,
    ``7:75``, letters)."""
    cleaned = text.strip()
    match = _CLOCK_TIME.fullmatch(cleaned)
    if not match:
        raise ValueError(f"“{cleaned[:20]}” is not a time of day: write it like {CLOCK_EXAMPLES}.")
    hours = int(match["h"] or match["hh"] or match["only"])
    minutes = int(match["m"] or match["mm"] or 0)
    if hours > 23:
        raise ValueError(f"“{cleaned}”: a day has hours 0 to 23.")
    if minutes > 59:
        raise ValueError(f"“{cleaned}”: an hour has minutes 00 to 59.")
    return dt.time(hours, minutes)


def moment_on(day: dt.date, text: str) -> dt.datetime:
    """A clock time written on a traveler (``7:30``) on ``day``, in this PC's time zone. Raises
    ``ValueError`` saying what is wrong with the text."""
    return dt.datetime.combine(day, parse_clock_time(text)).astimezone()


def stopped_moment(text: str, since: dt.datetime) -> dt.datetime:
    """The moment a person means by a clock time typed for "when did you stop": the first time
    of day ``text`` at or after ``since`` (a night shift's 01:30 is the next morning), local time.
    Raises ValueError saying what is wrong with the text."""
    local_since = since.astimezone()
    moment = moment_on(local_since.date(), text)
    return moment if moment >= local_since else moment_on(local_since.date() + dt.timedelta(days=1), text)
