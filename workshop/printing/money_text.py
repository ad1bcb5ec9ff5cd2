"""Money, percentages and signed variances as printed documents show them.

Every amount goes through :func:`workshop.domain.money.format_money` (Babel, the document's
currency code and locale), so ``£1,234.50`` on paper is the same string as on screen. These
helpers only format what they are given; they never round to a business rule of their own
(``format_money`` applies the one money rounding rule, half-up to the minor unit).
"""

from __future__ import annotations

from decimal import Decimal

from workshop.domain.money import format_money

__all__ = ["money", "signed_money", "percent", "rate_percent", "DASH"]

#: What an empty figure prints as.
DASH = "—"


def money(amount: Decimal | int | None, currency: str, locale: str = "en_GB") -> str:
    """``£1,234.50``; ``—`` for None."""
    if amount is None:
        return DASH
    return format_money(Decimal(amount), currency, locale)


def signed_money(amount: Decimal | int | None, currency: str, locale: str = "en_GB") -> str:
    """A variance: ``+£120.00`` (over), ``-£80.00`` (under), ``£0.00``; ``—`` for None."""
    if amount is None:
        return DASH
    text = format_money(Decimal(amount), currency, locale)
    return f"+{text}" if Decimal(amount) > 0 and not text.startswith("+") else text


def percent(value: Decimal | int | None, locale: str = "en_GB", *, signed: bool = False) -> str:
    """A percentage given as a number of percent (``12.5`` -> ``12.5%``), up to two places as given.

    ``signed`` prints ``+`` before a positive value (variances). ``—`` for None.
    """
    if value is None:
        return DASH
    from babel.numbers import format_decimal

    value = Decimal(value)
    text = format_decimal(value, format="#,##0.0#", locale=locale) + "%"
    return f"+{text}" if signed and value > 0 else text


def rate_percent(value: Decimal | int, locale: str = "en_GB") -> str:
    """A tax rate: ``20%``, ``23%``, ``5.5%`` (no trailing zeros)."""
    from babel.numbers import format_decimal

    return format_decimal(Decimal(value), format="#,##0.####", locale=locale) + "%"
