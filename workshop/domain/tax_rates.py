"""A shop's tax rates as the accounting exports use them: how a rate is named in a message, which
rates a category allows, and a rate group's tax shared among its lines.

EN 16931 works tax out once per category and rate (``invoicing.invoice_totals``), never per
line, but Xero and QuickBooks take a tax amount on each line. ``share_tax`` splits the group's
tax in proportion to the lines' nets by the largest-remainder method, so the shares add up to the
group's tax exactly and the accounting tool shows the invoice's own total.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_FLOOR, ROUND_HALF_EVEN, Decimal, localcontext

from .errors import ValidationError
from .invoicing import TaxCategory, minor_unit


def rate_words(category: TaxCategory, rate: Decimal) -> str:
    """How a message names a tax rate: "20% (standard)", "0% (reverse charge)"."""
    return f"{format(Decimal(rate).normalize(), 'f')}% ({TaxCategory(category).value.replace('_', ' ')})"


def check_category_rate(field: str, category: TaxCategory, rate: Decimal) -> None:
    """The rate a category allows (``TaxCategory.allows_rate``, as a line's check asks), or a message."""
    if category.charges_tax and not category.allows_rate(rate):
        raise ValidationError(field, f"A {category.value} rate lies above 0% and at most 100%.")
    if not category.allows_rate(rate):
        words = category.value.replace("_", " ")
        raise ValidationError(field, f"The {words} category has a rate of 0%, not {format(rate.normalize(), 'f')}%.")


def share_tax(nets: Sequence[Decimal], tax: Decimal, exponent: int = 2) -> list[Decimal]:
    """``tax`` (one rate group's, already rounded) shared among lines of these ``nets``, in
    proportion, each share in whole minor units, the shares adding up to ``tax`` exactly.

    Each line first gets its exact share rounded down; the minor units left over go one each to
    the lines whose shares lost the most in that rounding (the first line wins a tie). A group
    whose nets add up to nothing carries no tax, and each line's share is 0.
    """
    unit = minor_unit(exponent)
    zero = Decimal(0).quantize(unit)
    total = sum(nets, Decimal(0))
    if total == 0:
        if tax:
            raise ValueError(f"a group of lines totalling 0 cannot carry tax {tax}")
        return [zero for _ in nets]
    with localcontext() as ctx:
        ctx.prec = 60
        exact = [Decimal(tax) * Decimal(net) / total for net in nets]
        floors = [(share / unit).to_integral_value(ROUND_FLOOR) * unit for share in exact]
        left = int(((Decimal(tax) - sum(floors, Decimal(0))) / unit).to_integral_value(ROUND_HALF_EVEN))
    order = sorted(range(len(nets)), key=lambda i: (floors[i] - exact[i], i))  # largest loss first
    for i in order[:left]:
        floors[i] += unit
    return [share.quantize(unit) for share in floors]


__all__ = ["check_category_rate", "rate_words", "share_tax"]
