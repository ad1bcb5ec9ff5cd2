"""Invoice lines, tax and totals by EN 16931, the European e-invoicing norm.

- A line's net amount (BT-131) is quantity × unit price − discount, rounded half-up to the minor
  unit once (``exponent``: 2 for GBP and EUR, 0 for JPY).
- Tax is worked out per tax category and rate: on the *sum* of that group's line nets, rounded
  half-up once per group, never per line (EN 16931 BR-CO-17 and the BR-S-08/BR-AA-08 family).
- Zero-rated, exempt and reverse-charge groups carry rate 0 and tax 0; exempt and reverse charge
  say why (BR-E-10, BR-AE-10), and every exempt line of one invoice gives the same reason, since
  an e-invoice has one exemption reason per tax breakdown group.
- Totals: net BT-106 (the sum of line nets), tax BT-110, gross BT-112 = net + tax, paid BT-113,
  due BT-115 = gross − paid.

Everything here is plain arithmetic on Decimals: no database, no Qt. ``check_lines`` refuses bad
lines with a ValidationError whose field is ``lines[i].<name>`` (``i`` counts from 0, as the list
does) and whose message starts "Line i+1:" (as a person counts).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from enum import StrEnum

from .errors import ValidationError

MAX_DESCRIPTION = 500
HUNDRED = Decimal(100)

#: The rounding rule each invoice prints once, in plain words.
RULE_TEXT = ("Tax is worked out for each tax rate on the total of that rate's line amounts and rounded "
             "half up to the minor unit once per rate, never line by line (EN 16931).")


class TaxCategory(StrEnum):
    STANDARD = "standard"
    REDUCED = "reduced"
    ZERO = "zero"
    EXEMPT = "exempt"
    REVERSE_CHARGE = "reverse_charge"

    @property
    def code(self) -> str:
        """The UNCL5305 duty/tax category code an EN 16931 (CII) invoice uses (BT-118, BT-151)."""
        return _UNCL5305[self]

    @property
    def charges_tax(self) -> bool:
        """True for the categories that carry a rate above 0 (standard, reduced)."""
        return self in (TaxCategory.STANDARD, TaxCategory.REDUCED)

    def allows_rate(self, rate: Decimal) -> bool:
        """Standard and reduced rates lie above 0% and at most 100%; the others are 0%."""
        return Decimal(0) < rate <= HUNDRED if self.charges_tax else rate == 0

    @property
    def needs_reason(self) -> bool:
        """Exempt and reverse charge must say why on the invoice (BR-E-10, BR-AE-10)."""
        return self in (TaxCategory.EXEMPT, TaxCategory.REVERSE_CHARGE)

    @property
    def label(self) -> str:
        """"Standard", "Zero rated", "Reverse charge": the category as forms and documents name it."""
        return "Zero rated" if self is TaxCategory.ZERO else self.value.replace("_", " ").capitalize()


# Standard and reduced rates are both "S" in UNCL5305: the rate tells them apart.
_UNCL5305 = {TaxCategory.STANDARD: "S", TaxCategory.REDUCED: "S", TaxCategory.ZERO: "Z",
             TaxCategory.EXEMPT: "E", TaxCategory.REVERSE_CHARGE: "AE"}


class InvoiceKind(StrEnum):
    DEPOSIT = "deposit"
    PROGRESS = "progress"
    FINAL = "final"
    MANUAL = "manual"
    CREDIT_NOTE = "credit_note"

    @property
    def label(self) -> str:
        """"Deposit", "Credit note": the kind as lists and titles name it."""
        return self.value.replace("_", " ").capitalize()


@dataclass(frozen=True, kw_only=True)
class LineInput:
    """One invoice line as typed or built from a job. Keyword-only: the fields are many and alike.

    ``discount`` is an amount off the line (not a percentage). ``rate`` is a percentage
    (``Decimal("20")``). ``deduction`` marks a "Less deposit invoice INV-…" line of a final
    invoice, the one kind of line besides a credit note's that may have a negative quantity.
    """

    description: str
    quantity: Decimal
    unit: str
    unit_price: Decimal
    discount: Decimal = Decimal(0)
    category: TaxCategory
    rate: Decimal
    exemption_reason: str = ""
    deduction: bool = False


@dataclass(frozen=True)
class TaxSubtotal:
    """One EN 16931 VAT breakdown group (BG-23): taxable BT-116, tax BT-117, category BT-118,
    rate BT-119, exemption reason BT-120."""

    category: TaxCategory
    rate: Decimal
    taxable: Decimal
    tax: Decimal
    exemption_reason: str


@dataclass(frozen=True)
class InvoiceTotals:
    net: Decimal  # BT-106, the sum of line nets (also BT-109: we have no document-level allowances)
    subtotals: tuple[TaxSubtotal, ...]
    tax: Decimal  # BT-110
    gross: Decimal  # BT-112
    paid: Decimal  # BT-113
    due: Decimal  # BT-115


def minor_unit(exponent: int = 2) -> Decimal:
    """The currency's smallest amount: 0.01 for exponent 2, 1 for exponent 0."""
    return Decimal(1).scaleb(-exponent)


def round_to_minor(amount: Decimal, exponent: int = 2) -> Decimal:
    """Half-up (away from zero) to the minor unit: 0.005 -> 0.01, -0.005 -> -0.01."""
    with localcontext() as ctx:
        ctx.prec = 60  # exact products of big quantities and prices before the one rounding
        return Decimal(amount).quantize(minor_unit(exponent), rounding=ROUND_HALF_UP)


def line_net(line: LineInput, exponent: int = 2) -> Decimal:
    """BT-131: quantity × unit price − discount, rounded half-up to the minor unit once."""
    with localcontext() as ctx:
        ctx.prec = 60
        exact = Decimal(line.quantity) * Decimal(line.unit_price) - Decimal(line.discount)
    return round_to_minor(exact, exponent)


def tax_of(taxable: Decimal, rate: Decimal, exponent: int = 2) -> Decimal:
    """One group's tax: taxable × rate ÷ 100, rounded half-up once."""
    with localcontext() as ctx:
        ctx.prec = 60
        exact = Decimal(taxable) * Decimal(rate) / HUNDRED
    return round_to_minor(exact, exponent)


def invoice_totals(lines: Sequence[LineInput], *, paid: Decimal = Decimal(0), exponent: int = 2) -> InvoiceTotals:
    """The invoice's figures from lines that passed ``check_lines``.

    Groups come out in the order of ``TaxCategory`` (standard first), highest rate first.
    """
    nets: dict[tuple[TaxCategory, Decimal], Decimal] = {}
    reasons: dict[tuple[TaxCategory, Decimal], str] = {}
    zero = round_to_minor(Decimal(0), exponent)
    for line in lines:
        key = (TaxCategory(line.category), Decimal(line.rate))  # 20 and 20.00 are one key: equal Decimals hash alike
        nets[key] = nets.get(key, zero) + line_net(line, exponent)
        reasons.setdefault(key, line.exemption_reason.strip())
    order = list(TaxCategory)
    keys = sorted(nets, key=lambda key: (order.index(key[0]), -key[1]))
    subtotals = tuple(
        TaxSubtotal(category=category, rate=rate, taxable=nets[(category, rate)],
                    tax=tax_of(nets[(category, rate)], rate, exponent) if category.charges_tax else zero,
                    exemption_reason=reasons[(category, rate)] if category.needs_reason else "")
        for category, rate in keys)
    net = sum((s.taxable for s in subtotals), zero)
    tax = sum((s.tax for s in subtotals), zero)
    gross = net + tax
    paid = round_to_minor(paid, exponent)
    return InvoiceTotals(net=net, subtotals=subtotals, tax=tax, gross=gross, paid=paid, due=gross - paid)


def check_lines(lines: Sequence[LineInput], *, credit_note: bool = False) -> None:
    """Refuse lines an invoice cannot carry, naming the line and the field; None when all are good.

    A negative quantity is allowed only on a credit note or on a deduction line.
    """
    if not lines:
        raise ValidationError("lines", "An invoice needs at least one line.")
    exempt_reason: tuple[int, str] | None = None  # the first exempt line's number and reason
    for index, line in enumerate(lines):
        _check_line(index, line, credit_note=credit_note)
        if line.category == TaxCategory.EXEMPT:
            reason = line.exemption_reason.strip()
            if exempt_reason is None:
                exempt_reason = (index + 1, reason)
            elif reason != exempt_reason[1]:
                raise line_error(index, "exemption_reason",
                                  f"every exempt line gives the same exemption reason (line {exempt_reason[0]} "
                                  f"says \u201c{exempt_reason[1]}\u201d).")


def line_error(index: int, name: str, message: str) -> ValidationError:
    """The error for field ``name`` of line ``index`` (from 0): field ``lines[i].name``, "Line i+1: …"."""
    return ValidationError(f"lines[{index}].{name}", f"Line {index + 1}: {message}")


def _exact(index: int, name: str, label: str, value: object) -> Decimal:
    """A Decimal (or int) that is a real number; floats are refused, they are not exact."""
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        raise line_error(index, name, f"{label} must be an exact number (Decimal), not {type(value).__name__}.")
    number = Decimal(value)
    if not number.is_finite():
        raise line_error(index, name, f"{label} must be a number.")
    return number


def _check_line(index: int, line: LineInput, *, credit_note: bool) -> None:
    if not isinstance(line.description, str) or not line.description.strip():
        raise line_error(index, "description", "a description is required.")
    if len(line.description.strip()) > MAX_DESCRIPTION:
        raise line_error(index, "description", f"the description is too long ({len(line.description.strip()):,} "
                                                f"characters; at most {MAX_DESCRIPTION}).")
    if "\x00" in line.description:
        raise line_error(index, "description", "the description contains a NUL character.")
    if not isinstance(line.unit, str) or not line.unit.strip():
        raise line_error(index, "unit", "a unit is required (EN 16931 BR-23), e.g. \u201cea\u201d or \u201ch\u201d.")
    quantity = _exact(index, "quantity", "the quantity", line.quantity)
    price = _exact(index, "unit_price", "the unit price", line.unit_price)
    discount = _exact(index, "discount", "the discount", line.discount)
    rate = _exact(index, "rate", "the tax rate", line.rate)
    if quantity < 0 and not (credit_note or line.deduction):
        raise line_error(index, "quantity", "a negative quantity is only for a credit note or a deduction line.")
    if price < 0:
        raise line_error(index, "unit_price", "a unit price cannot be negative (EN 16931 BR-27); take an amount "
                                              "off with a negative quantity.")
    if discount < 0:
        raise line_error(index, "discount", "a discount cannot be negative.")
    if discount and quantity * price <= 0:
        raise line_error(index, "discount", "a line of no or negative amount takes no discount.")
    if discount > quantity * price > 0:
        raise line_error(index, "discount", f"the discount ({discount}) is more than the line's amount "
                                             f"({quantity * price}).")
    try:
        category = TaxCategory(line.category)
    except ValueError:
        raise line_error(index, "category", f"unknown tax category \u201c{line.category}\u201d.") from None
    _check_tax(index, category, rate, line.exemption_reason)


def _check_tax(index: int, category: TaxCategory, rate: Decimal, reason: object) -> None:
    if not isinstance(reason, str):
        raise line_error(index, "exemption_reason", "the exemption reason must be text.")
    if category.charges_tax and not category.allows_rate(rate):
        raise line_error(index, "rate", f"a {category.value} line needs a tax rate above 0% and at most 100%.")
    if not category.allows_rate(rate):
        raise line_error(index, "rate", f"{_category_words(category)} line has a tax rate of 0%, not {rate}%.")
    if category.needs_reason and not reason.strip():
        raise line_error(index, "exemption_reason",
                          f"{_category_words(category)} line needs the reason it carries no tax "
                          "(EN 16931 BR-E-10, BR-AE-10).")
    if not category.needs_reason and reason.strip():
        raise line_error(index, "exemption_reason",
                          "only an exempt or reverse-charge line gives an exemption reason.")


def _category_words(category: TaxCategory) -> str:
    """"a zero-rated", "an exempt", "a reverse-charge": the category as a sentence names it."""
    return {TaxCategory.ZERO: "a zero-rated", TaxCategory.EXEMPT: "an exempt"}.get(
        category, f"a {category.value.replace('_', '-')}")
