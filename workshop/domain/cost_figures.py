"""What every cost figure is made of: exact amounts and the one rounding rule, numbers as an
explanation writes them, the cost categories, a line (``CostLine``) and a figure (``Figure``).

Arithmetic is exact up to the line: hours that do not terminate are fractions (50 min is 5/6 h),
everything else exact decimals. The rounding rule (``money.line_rounding_rule``): each line (a
booking's labour, an issue, an estimated operation's machine time …) is rounded once, half-up to
0.01, and every sum (a category, an operation, the total) adds the rounded lines, so the figures on
paper add up as printed. Every figure carries an explanation.

Shared by the time lines (``time_costing``) and the materials and sheet (``costing``), below both;
the names with a leading underscore are theirs, not the services'.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Context, Decimal, DivisionByZero, Inexact, InvalidOperation, Overflow
from enum import StrEnum
from fractions import Fraction

from . import validation
from .errors import ValidationError
from .money import CENT, round_money

PERCENT = Decimal("0.01")  # percentages shown to 0.01, half-up


def decimal_input(field_name: str, value: object, *, label: str | None = None,
                  minimum: Decimal | None = Decimal(0), places: int = 6,
                  locale: str = validation.DEFAULT_LOCALE) -> Decimal:
    """A Decimal from code or a form (text read in the shop's ``locale``); otherwise a
    ValidationError naming ``field_name``."""
    if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
        number = Decimal(value)
        if number.is_finite() and (minimum is None or number >= minimum):
            return number
    try:
        return validation.decimal(field_name, value, minimum=minimum, places=places,  # type: ignore[return-value]
                                  locale=locale)
    except ValidationError as error:
        if label is None:
            raise
        auto = field_name.replace("_", " ").capitalize()
        raise ValidationError(field_name, error.message.replace(auto, label, 1)) from None


#: 60 significant digits (a context of its own: no context manager per division)
_SIXTY_DIGITS = Context(prec=60)


def exact_decimal(value: Fraction) -> Decimal:
    """A fraction as a Decimal: exact when it terminates, else to 60 digits (no tie possible then).
    For showing or rounding the value itself, never for multiplying: a product of the cut-short
    value can miss a tie (65 min is 1.0833…3 h; × 27.06 is 29.3149…, not 29.315)."""
    return _SIXTY_DIGITS.divide(Decimal(value.numerator), Decimal(value.denominator))


def money_of(value: Fraction | Decimal) -> Decimal:
    """The one rounding rule applied to an exact amount: to the minor unit, half away from zero
    (``money.round_money``), in whole numbers. The same as rounding the 60-digit ``exact_decimal``
    (a fraction that does not terminate is never a tie), sign of a zero included (−0.001 is −0.00).
    An exact Decimal (``_times``) is rounded as it is."""
    if type(value) is Decimal:
        return value.quantize(CENT, ROUND_HALF_UP)  # as round_money (an amount fits the usual 28 digits)
    if type(value) is not Fraction:
        return round_money(exact_decimal(value))
    numerator, denominator = value.numerator, value.denominator
    cents, rest = divmod(abs(numerator) * 100, denominator)
    if 2 * rest >= denominator:
        cents += 1
    amount = Decimal(cents).scaleb(-2)
    return amount.copy_negate() if numerator < 0 else amount


# --- exact products of decimal figures ----------------------------------------------------------
#
# Booked hours that terminate (``services.booking_views.hours``: 90 min is 1.5 h), rates, quantities and
# unit costs are decimals: their products, sums and hundredths are exact decimals, worked out in a
# context wide enough that nothing is ever rounded (Inexact is trapped: a figure too long is an
# error, never a silent rounding). That is the same exact amount as the product of their fractions,
# and it is rounded by the same rule; it is only faster than fractions. Hours that do not terminate
# (65 min is 13/12 h) are fractions, never a decimal cut short: 1.0833…(60 digits) × 27.06 is
# 29.3149…, a penny below the 29.315 → 29.32 the rule gives the exact amount.

_EXACT = Context(prec=400, traps=[Inexact, InvalidOperation, DivisionByZero, Overflow])
_NO_SIGN = Decimal(0)
_NOTHING = Fraction(0)
_FRACTIONS: dict[Decimal, Fraction] = {}


def _fraction(value: Decimal) -> Fraction:
    """``Fraction(value)`` for a rate or unit cost, kept: the same few rates come up on every line."""
    found = _FRACTIONS.get(value)
    if found is None:
        if len(_FRACTIONS) > 4096:
            _FRACTIONS.clear()
        found = _FRACTIONS[value] = Fraction(value)
    return found


def _times(exact: Fraction | Decimal, figure: Decimal) -> Fraction | Decimal:
    """``exact × figure``, exactly: a Decimal for a Decimal (a zero without a sign, as a fraction's).
    A fraction's product is kept per value: the same few lengths of time at the same few rates come
    up on booking after booking, and a product of fractions costs a new Fraction each time."""
    if type(exact) is Decimal:
        product = _EXACT.multiply(exact, figure)
        return product if product else _NO_SIGN
    key = (exact.numerator, exact.denominator, figure)
    found = _PRODUCTS.get(key)
    if found is None:
        if len(_PRODUCTS) > 8192:
            _PRODUCTS.clear()
        found = _PRODUCTS[key] = exact * _fraction(figure)
    return found


_PRODUCTS: dict[tuple[int, int, Decimal], Fraction] = {}


def percent_of(part: Fraction, whole: Fraction) -> Decimal | None:
    """``part`` as a percentage of ``whole``, half-up to 0.01; None when ``whole`` is zero."""
    if whole == 0:
        return None
    return exact_decimal(part * 100 / whole).quantize(PERCENT, rounding=ROUND_HALF_UP)


def num(value: Decimal | Fraction) -> str:
    """A number for an explanation: ``1,234.50``, ``0.0325``; ``≈0.83`` when it does not terminate."""
    if type(value) is Decimal and value:  # the same rates and amounts come up on line after line
        text = _NUM_TEXTS.get(value)  # (equal decimals read alike: 1.5 and 1.50 are both 1.50)
        if text is None:
            if len(_NUM_TEXTS) > 8192:
                _NUM_TEXTS.clear()
            text = _NUM_TEXTS[value] = _num(value)
        return text
    return _num(value)  # (a zero is never kept: −0.00 shows its sign)


_NUM_TEXTS: dict[Decimal, str] = {}


def _num(value: Decimal | Fraction) -> str:
    # (``type(…) is``: an isinstance check against Fraction, an abstract base class's, is slow)
    d = value if type(value) is Decimal else exact_decimal(value) if isinstance(value, Fraction) else Decimal(value)
    if d == d.quantize(PERCENT):
        return f"{d:,.2f}"
    if len(d.normalize().as_tuple().digits) > 20:
        return f"≈{d.quantize(PERCENT, rounding=ROUND_HALF_UP):,.2f}"
    return f"{d.normalize():,f}"


def plain(value: Decimal) -> str:
    """A count or a number of minutes as typed: ``0.5``, ``200``, ``12``."""
    return f"{value.normalize():,f}"


def signed_sum(amounts: Sequence[Decimal]) -> str:
    """``46.00 + 6.50 − 9.20``"""
    text = num(amounts[0]) if amounts else ""
    for amount in amounts[1:]:
        text += f" − {num(-amount)}" if amount < 0 else f" + {num(amount)}"
    return text


class CostCategory(StrEnum):
    LABOUR = "labour"
    MACHINE = "machine"
    OVERHEAD = "overhead"
    MATERIALS = "materials"
    OTHER = "other"


def _clean(obj: object, *names: str, minimum: Decimal | None = Decimal(0), exact: bool = False) -> None:
    """Validate and coerce the named number fields of a frozen dataclass in place. ``exact``: a
    Fraction is kept as it is (hours that do not terminate, ``TimeBooking``)."""
    for name in names:
        value = getattr(obj, name)
        if type(value) is Decimal and value.is_finite() and (minimum is None or value >= minimum):
            continue  # already a good Decimal (a booking read back): nothing to coerce
        if exact and type(value) is Fraction:
            if minimum is None or value >= minimum:
                continue
            value = Decimal(value.numerator) / value.denominator  # below the minimum: its message
        object.__setattr__(obj, name, decimal_input(name, value, minimum=minimum))


@dataclass(frozen=True)
class Figure:
    amount: Decimal  # rounded once, ready to store or show
    explanation: str


@dataclass(frozen=True)
class CostLine:
    category: CostCategory
    operation_key: str
    workstation_code: str
    amount: Decimal
    explanation: str
    exact: Fraction = field(repr=False, compare=False, default=Fraction(0))


def _line(category: CostCategory, op: str, ws: str, exact: Fraction | Decimal, explanation: str,
          amount: Decimal | None = None) -> CostLine:
    """``amount``: ``money_of(exact)`` when the caller has it already."""
    # (its fields set straight into the new line: the frozen dataclass's own __init__ sets each one
    # through object.__setattr__, a third of a line's cost, and a job's cost has hundreds of lines)
    line = _new(CostLine)
    fields = line.__dict__
    fields["category"], fields["operation_key"], fields["workstation_code"] = category, op, ws
    fields["amount"] = money_of(exact) if amount is None else amount
    fields["explanation"], fields["exact"] = explanation, exact
    return line


def _figure(amount: Decimal, explanation: str) -> Figure:
    """``Figure(amount, explanation)``, made as ``_line`` makes a line."""
    figure = _new(Figure)
    fields = figure.__dict__
    fields["amount"], fields["explanation"] = amount, explanation
    return figure


_new = object.__new__
