"""Turning what a person typed into clean values, or a ValidationError naming the field.

Services call these on every input, so a form, the command line and a test all
get the same messages. Values may arrive as text (from a form) or as numbers. Text is
read in the shop's ``locale`` (services pass ``settings.locale``; see ``locale_text``).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from .bench_time import parse_minutes
from .errors import ValidationError
from .locale_text import DEFAULT_LOCALE, NotInLocale, format_date, parse_date, parse_number

MAX_NAME = 200
MAX_TEXT = 100_000

#: The calendar a workshop's dates live in: outside it a date is a typing slip (``1/1/1``,
#: ``9999``), and year 1 or 9999 would overflow when moved between time zones.
FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2199, 12, 31)

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _label(field: str) -> str:
    return field.replace("_", " ").capitalize()


def text(field: str, value: object, *, required: bool = False, max_length: int = MAX_NAME) -> str:
    """Trimmed text. Markup is kept literally: escaping is the printer's job, not ours."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError(field, f"{_label(field)} must be text.")
    cleaned = value.strip()
    if required and not cleaned:
        raise ValidationError(field, f"{_label(field)} is required.")
    if len(cleaned) > max_length:
        raise ValidationError(
            field, f"{_label(field)} is too long ({len(cleaned):,} characters; at most {max_length:,})."
        )
    if "\x00" in cleaned:
        raise ValidationError(field, f"{_label(field)} contains a NUL character.")
    return cleaned


def long_text(field: str, value: object, *, required: bool = False) -> str:
    return text(field, value, required=required, max_length=MAX_TEXT)


def decimal(
    field: str,
    value: object,
    *,
    required: bool = True,
    minimum: Decimal | None = Decimal(0),
    maximum: Decimal | None = None,
    places: int = 2,
    allow_zero: bool = True,
    locale: str = DEFAULT_LOCALE,
    as_written: bool = False,
) -> Decimal | None:
    """A number with at most ``places`` decimals, the one reader of figures. Text is read as the
    shop's ``locale`` writes numbers (``12,50`` is 12.50 in de_DE and refused in en_GB, naming the
    right form). It comes back at ``places`` decimals, or ``as_written`` (600.1 stays 600.1)."""
    number = _read(field, value, required, lambda text: parse_number(text, locale))
    if number is None:
        return None
    checked = _in_range(field, number, minimum=minimum, maximum=maximum, places=places, allow_zero=allow_zero)
    return number if as_written else checked


def _read(field: str, value: object, required: bool, parse, *, time: bool = False) -> Decimal | None:
    """What was typed (text, read by ``parse``) or given (a number), or None when left empty."""
    if _is_blank(value):
        if required:
            raise ValidationError(field, f"{_label(field)} is required.")
        return None
    if not isinstance(value, str):
        return _number_value(field, value)
    try:
        return parse(value)
    except NotInLocale as exc:
        forms = f"; write a time like {exc.hint}" if time else ""
        raise _not_a_number(field, value, exc.hint, forms=forms) from None


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _not_a_number(field: str, value: str, hint: str | None, *, forms: str = "") -> ValidationError:
    typed = value.strip()[:40]
    if hint and not forms:
        return ValidationError(field, f"{_label(field)}: “{typed}” is not a number in this shop's format; write {hint}.")
    return ValidationError(field, f"{_label(field)} must be a number, not “{typed}”{forms}.")


def _number_value(field: str, value: object) -> Decimal:
    """A number given as a number (from code, never typed): Decimal, int or float."""
    if isinstance(value, bool) or not isinstance(value, (Decimal, int, float)):
        raise ValidationError(field, f"{_label(field)} must be a number.")
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite():
        raise ValidationError(field, f"{_label(field)} must be a number.")
    return number


def _in_range(field: str, number: Decimal, *, minimum: Decimal | None, maximum: Decimal | None, places: int,
              allow_zero: bool) -> Decimal:
    label = _label(field)
    if minimum is not None and number < minimum:
        if minimum == 0:
            raise ValidationError(field, f"{label} cannot be negative.")
        raise ValidationError(field, f"{label} must be at least {minimum}.")
    if not allow_zero and number == 0:
        raise ValidationError(field, f"{label} must be more than zero.")
    if maximum is not None and number > maximum:
        raise ValidationError(field, f"{label} must be at most {maximum}.")
    if number != number.quantize(Decimal(1).scaleb(-places)):
        raise ValidationError(field, f"{label} allows at most {places} decimal places.")
    if abs(number) >= Decimal(10) ** 12:
        raise ValidationError(field, f"{label} is too large.")
    return number.quantize(Decimal(1).scaleb(-places))


def money(field: str, value: object, *, required: bool = True, locale: str = DEFAULT_LOCALE) -> Decimal | None:
    """An amount of money, 2 places (``£3,200`` and ``3.200,00 €`` are read too)."""
    return decimal(field, value, required=required, places=2, locale=locale)


def quantity(field: str, value: object, *, required: bool = True, allow_zero: bool = False,
             maximum: Decimal | None = None, locale: str = DEFAULT_LOCALE) -> Decimal | None:
    """A quantity of material, 3 places (thousandths in the database)."""
    return decimal(field, value, required=required, places=3, allow_zero=allow_zero, maximum=maximum,
                   locale=locale)


def minutes(field: str, value: object, *, required: bool = True, allow_zero: bool = True,
            maximum: Decimal | None = Decimal(100_000), locale: str = DEFAULT_LOCALE) -> Decimal | None:
    """Minutes as the bench says them: ``80``, ``90m``, ``1h20``, ``1:20``, ``1.5h`` (hundredths kept)."""
    number = _read(field, value, required, lambda text: parse_minutes(text, locale), time=True)
    if number is None:
        return None
    return _in_range(field, number, minimum=Decimal(0), maximum=maximum, places=2, allow_zero=allow_zero)


def positive_int(field: str, value: object, *, maximum: int = 1_000_000, locale: str = DEFAULT_LOCALE) -> int:
    label = _label(field)
    if isinstance(value, bool):
        raise ValidationError(field, f"{label} must be a whole number.")
    if isinstance(value, str):
        if not value.strip():
            raise ValidationError(field, f"{label} is required.")
        try:
            number = parse_number(value, locale)
        except NotInLocale:
            number = None
        if number is None or number != number.to_integral_value():
            raise ValidationError(field, f"{label} must be a whole number, not “{value.strip()[:40]}”.")
        value = int(number)
    if not isinstance(value, int):
        raise ValidationError(field, f"{label} must be a whole number.")
    if value <= 0:
        raise ValidationError(field, f"{label} must be at least 1.")
    if value > maximum:
        raise ValidationError(field, f"{label} must be at most {maximum:,}.")
    return value


def date(field: str, value: object, *, required: bool = True, not_before: dt.date | None = None,
         locale: str = DEFAULT_LOCALE) -> dt.date | None:
    """A calendar date, from a ``date`` or text in the shop's ``locale`` forms or ISO (``2026-12-01``)."""
    label = _label(field)
    if _is_blank(value):
        if required:
            raise ValidationError(field, f"{label} is required.")
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = parse_date(value, locale)
        except NotInLocale as exc:
            raise ValidationError(field, f"{label} must be a date like {exc.hint}, not “{value.strip()[:40]}”.") from None
    if not isinstance(value, dt.date):
        raise ValidationError(field, f"{label} must be a date.")
    _in_calendar(field, value)
    if not_before is not None and value < not_before:
        raise ValidationError(field, f"{label} cannot be in the past ({format_date(value, locale)} is before "
                                     f"{format_date(not_before, locale)}).")
    return value


_CLOCK = re.compile(r"^(\d{1,2})[:.](\d{2})$")


def clock(field: str, value: object) -> dt.time:
    """A time of day on the 24-hour clock, from a ``time`` or text like ``07:30`` (``7.30`` too)."""
    label = _label(field)
    if isinstance(value, dt.time):
        return value.replace(second=0, microsecond=0, tzinfo=None)
    if _is_blank(value):
        raise ValidationError(field, f"{label} is required.")
    if isinstance(value, str):
        found = _CLOCK.match(value.strip())
        if found and int(found.group(1)) < 24 and int(found.group(2)) < 60:
            return dt.time(int(found.group(1)), int(found.group(2)))
        raise ValidationError(field, f"{label} must be a time on the 24-hour clock like 07:30, "
                                     f"not “{value.strip()[:40]}”.")
    raise ValidationError(field, f"{label} must be a time of day.")


def moment(field: str, value: object, *, required: bool = False) -> dt.datetime | None:
    """A date and time, from a ``datetime`` or ISO text (``2026-11-20 08:30``), in UTC. One given
    without a zone was typed on this PC, so it is this PC's local time."""
    label = _label(field)
    if _is_blank(value):
        if required:
            raise ValidationError(field, f"{label} is required.")
        return None
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            raise ValidationError(field, f"{label} must be a date and time like 2026-11-20 08:30, "
                                         f"not “{value.strip()[:40]}”.") from None
    if not isinstance(value, dt.datetime):
        raise ValidationError(field, f"{label} must be a date and time.")
    _in_calendar(field, value.date())  # before any time-zone move: year 1 or 9999 would overflow
    if value.tzinfo is None:
        value = value.astimezone()
    return value.astimezone(dt.UTC)


def _in_calendar(field: str, day: dt.date) -> None:
    """One rule for every date and moment: between ``FIRST_DAY`` and ``LAST_DAY``."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValidationError(field, f"{_label(field)} must be between {FIRST_DAY.year} and {LAST_DAY.year}, "
                                     f"not {day.isoformat()}.")


def email(field: str, value: object) -> str:
    cleaned = text(field, value, max_length=254)
    if cleaned and not _EMAIL.match(cleaned):
        raise ValidationError(field, f"“{cleaned[:60]}” is not an email address.")
    return cleaned


def choice(field: str, value: object, allowed: dict[str, object] | list[str] | tuple[str, ...]) -> str:
    if isinstance(value, str):
        value = value.strip()
    if value not in allowed:
        names = ", ".join(str(a) for a in allowed)
        raise ValidationError(field, f"{_label(field)} must be one of: {names}.")
    return value  # type: ignore[return-value]
