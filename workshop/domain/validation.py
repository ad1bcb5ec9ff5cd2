"""Turning what a person typed into clean values, or a ValidationError naming the field.

Services call these on every input, so a form, the command line and a test all
get the same messages. Values may arrive as text (from a form) or as numbers.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from .errors import ValidationError

MAX_NAME = 200
MAX_TEXT = 100_000

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
) -> Decimal | None:
    """A number with at most ``places`` decimals. Accepts ``1,250.50`` and ``12.5`` as text."""
    label = _label(field)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValidationError(field, f"{label} is required.")
        return None
    if isinstance(value, bool):
        raise ValidationError(field, f"{label} must be a number.")
    if isinstance(value, float):
        value = repr(value)
    try:
        number = Decimal(str(value).strip().replace(",", "").replace(" ", ""))
    except InvalidOperation:
        raise ValidationError(field, f"{label} must be a number, not “{str(value).strip()[:40]}”.") from None
    if not number.is_finite():
        raise ValidationError(field, f"{label} must be a number.")
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


def money(field: str, value: object, *, required: bool = True) -> Decimal | None:
    return decimal(field, value, required=required, places=2)


def positive_int(field: str, value: object, *, maximum: int = 1_000_000) -> int:
    label = _label(field)
    if isinstance(value, bool):
        raise ValidationError(field, f"{label} must be a whole number.")
    if isinstance(value, str):
        value = value.strip().replace(",", "")
        if not value:
            raise ValidationError(field, f"{label} is required.")
        if not re.fullmatch(r"[+-]?\d+", value):
            raise ValidationError(field, f"{label} must be a whole number, not “{value[:40]}”.")
        value = int(value)
    if not isinstance(value, int):
        raise ValidationError(field, f"{label} must be a whole number.")
    if value <= 0:
        raise ValidationError(field, f"{label} must be at least 1.")
    if value > maximum:
        raise ValidationError(field, f"{label} must be at most {maximum:,}.")
    return value


def date(field: str, value: object, *, required: bool = True, not_before: dt.date | None = None) -> dt.date | None:
    """A calendar date, from a ``date`` or ISO text (``2026-12-01``)."""
    label = _label(field)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValidationError(field, f"{label} is required.")
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValidationError(field, f"{label} must be a date like 2026-12-31, not “{value.strip()[:40]}”.") from None
    if not isinstance(value, dt.date):
        raise ValidationError(field, f"{label} must be a date.")
    if not_before is not None and value < not_before:
        raise ValidationError(field, f"{label} cannot be in the past ({value.isoformat()} is before {not_before.isoformat()}).")
    return value


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
