"""Exact money: Decimal in code, integer hundredths in the database.

The one rounding rule: amounts are rounded to the minor unit (0.01) half-up,
once, at the point a figure is stored or shown — never on intermediate steps.
A figure made of lines adds the lines as rounded (a cost: each booking, issue
or estimated operation is a line; a price: each step, cost → contingency →
markup), so what is printed adds up with no "Rounding" line. Tax is computed
once per document total, not per line. Each document says its rule once, in
plain words: ``line_rounding_rule`` (cost sheet), ``tax_rounding_rule`` (quote).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def round_money(amount: Decimal) -> Decimal:
    """Round to the minor unit, half away from zero (0.005 -> 0.01, -0.005 -> -0.01)."""
    return Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)


def to_minor(amount: Decimal) -> int:
    """Decimal amount -> integer hundredths, after applying the rounding rule."""
    return int(round_money(amount) * 100)


def from_minor(minor: int) -> Decimal:
    return (Decimal(minor) / 100).quantize(CENT)


def currency_symbol(currency: str, locale: str = "en_GB") -> str:
    """The sign a person writes for the currency: ``£``, ``€``, ``zł`` (the code when it has none)."""
    from babel.numbers import get_currency_symbol

    return get_currency_symbol(currency, locale=locale)


def format_money(amount: Decimal, currency: str, locale: str = "en_GB") -> str:
    """Format in the shop's currency with Babel (``£1,234.50``, ``1 234,50 zł``)."""
    from babel.numbers import format_currency  # lazy: Babel's locale data is not needed at start-up

    return format_currency(round_money(amount), currency, locale=locale)


#: What the minor unit is called in plain words, for the documents' rounding rule.
_MINOR_UNIT_NAMES = {"GBP": "penny", "EUR": "cent", "USD": "cent", "CAD": "cent", "AUD": "cent", "NZD": "cent",
                     "IEP": "penny"}


def nearest_minor_unit(currency: str) -> str:
    """``the nearest penny`` (GBP), ``the nearest cent`` (EUR …), else ``the nearest 0.01 CHF``."""
    name = _MINOR_UNIT_NAMES.get(currency.upper())
    return f"the nearest {name}" if name else f"the nearest 0.01 {currency.upper()}"


def line_rounding_rule(currency: str) -> str:
    """The rounding rule of a document built from cost lines (the cost sheet), in plain words."""
    return (f"Amounts are rounded to {nearest_minor_unit(currency)} (half up) once, on each line; "
            "totals add the rounded lines.")


def tax_rounding_rule(currency: str, tax_label: str = "Tax") -> str:
    """The rounding rule of a document priced as a whole (a quote, later an invoice), in plain words."""
    return (f"Prices are rounded to {nearest_minor_unit(currency)} (half up); {tax_label} is worked out once, "
            "on the subtotal, and rounded the same way.")


def is_known_currency(code: str) -> bool:
    from babel.numbers import get_currency_name

    try:
        return get_currency_name(code, locale="en") != code
    except (ValueError, InvalidOperation):
        return False
