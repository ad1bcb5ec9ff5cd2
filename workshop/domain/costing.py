"""Job costing: what a job cost (actual) and what it should cost (estimate), by the same rules.

- Labour: labour hours × the operator's rate, or the workstation's labour rate when no operator.
- Machine: machine hours × the workstation's machine rate.
- Overhead, per workstation, by its basis: a rate per labour hour, a rate per machine hour, or a
  percentage of the labour cost; a workstation with no overhead rate uses the shop-wide default.
- Materials at issue cost (quantity × unit cost; a return is a negative quantity and reduces cost).
- Other direct costs (subcontract, delivery, design time …) at their amount.

Rates are a snapshot (``CostRates``) kept with each booking, so a later rate change never rewrites
history. Arithmetic is exact up to the line: hours are minutes ÷ 60, a fraction when it does not
terminate (50 min is 5/6 h, planned or booked alike), so 65 min at 27.06/h is exactly 29.315 and
its line 29.32; the rounding rule (``money.line_rounding_rule``): each line (a booking's labour, an issue, an estimated
operation's machine time …) is rounded once, half-up to 0.01, and every sum (a category, an
operation, the total) adds the rounded lines, so the figures on paper add up as printed. Every
figure carries an explanation.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Context, Decimal, DivisionByZero, Inexact, InvalidOperation, Overflow
from enum import StrEnum
from typing import NamedTuple
from fractions import Fraction
from math import lcm

from . import validation
from .errors import ValidationError
from .money import CENT, ZERO, round_money
from .statuses import OverheadBasis

HOURS = PERCENT = Decimal("0.01")  # hours and percentages shown to 0.01, half-up


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
# Booked hours that terminate (``services.bookings.hours``: 90 min is 1.5 h), rates, quantities and
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


def _hundredth(exact: Fraction | Decimal) -> Fraction | Decimal:
    if type(exact) is Decimal:
        part = _EXACT.divide(exact, 100)
        return part if part else _NO_SIGN
    return exact / 100


class _Hours:
    """Hours added up exactly: the decimals as an exact Decimal, the fractions (hours that do not
    terminate) as a whole numerator over a common denominator, so that adding one is a few integer
    operations, not a new Fraction (a job's cost adds up every booking's hours per operation)."""
    __slots__ = ("decimal", "numerator", "denominator")

    def __init__(self) -> None:
        self.decimal, self.numerator, self.denominator = _NO_SIGN, 0, 1

    def add(self, value: Fraction | Decimal) -> None:
        if type(value) is Decimal:
            if value:
                self.decimal = _EXACT.add(self.decimal, value)
            return
        numerator, denominator = value.numerator, value.denominator
        if not numerator:
            return
        common = self.denominator
        if common % denominator:
            wider = lcm(common, denominator)
            self.numerator *= wider // common
            self.denominator = common = wider
        self.numerator += numerator * (common // denominator)

    def exact(self) -> Fraction | Decimal:
        if not self.numerator:
            return self.decimal
        part = Fraction(self.numerator, self.denominator)
        return part + Fraction(self.decimal) if self.decimal else part


def _num_exact(value: Fraction | Decimal) -> str:
    """``num`` of an exact amount, a fraction or an exact Decimal alike (to 60 digits first, as
    ``exact_decimal`` gives a fraction). Kept per value: the same booked hours come up on line
    after line (the text depends on the value alone; a zero's sign is dropped by ``plus``; a
    fraction kept by its numerator and denominator, quicker to hash than the Fraction)."""
    key = value if type(value) is Decimal else (value.numerator, value.denominator)
    text = _EXACT_TEXTS.get(key)
    if text is None:
        if len(_EXACT_TEXTS) > 8192:
            _EXACT_TEXTS.clear()
        text = _EXACT_TEXTS[key] = num(_SIXTY_DIGITS.plus(value) if type(value) is Decimal else value)
    return text


_EXACT_TEXTS: dict[Decimal | tuple[int, int], str] = {}


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


def _basis(value: object) -> OverheadBasis:
    try:
        return OverheadBasis(value)
    except ValueError:
        names = ", ".join(b.value for b in OverheadBasis)
        raise ValidationError("overhead_basis", f"Overhead basis must be one of: {names}.") from None


@dataclass(frozen=True)
class OverheadRule:
    """An overhead rate and its basis (a workstation's own, or the shop-wide default)."""
    rate: Decimal
    basis: OverheadBasis

    def __post_init__(self) -> None:
        object.__setattr__(self, "rate", decimal_input("overhead_rate", self.rate))
        object.__setattr__(self, "basis", _basis(self.basis))


@dataclass(frozen=True)
class CostRates:
    """The rates a booking was costed at. ``overhead_rate`` None: use the shop default."""
    labour_rate: Decimal
    machine_rate: Decimal = ZERO
    overhead_rate: Decimal | None = None
    overhead_basis: OverheadBasis | None = None
    overhead_is_shop_default: bool = False

    def __post_init__(self) -> None:
        _clean(self, "labour_rate", "machine_rate")
        if self.overhead_rate is not None:
            _clean(self, "overhead_rate")
            object.__setattr__(self, "overhead_basis", _basis(self.overhead_basis))

    def with_shop_default(self, shop_overhead: OverheadRule | None) -> CostRates:
        """A snapshot with the shop default filled in, so a later change to the default cannot reach it."""
        if self.overhead_rate is not None or shop_overhead is None:
            return self
        return replace(self, overhead_rate=shop_overhead.rate, overhead_basis=shop_overhead.basis,
                       overhead_is_shop_default=True)


def labour_rate_for(operator_rate: Decimal | None, workstation_labour_rate: Decimal) -> Decimal:
    """The operator's own rate when they have one, else the workstation's labour rate."""
    if operator_rate is not None:
        return decimal_input("operator_rate", operator_rate)
    return decimal_input("workstation_labour_rate", workstation_labour_rate)


@dataclass(frozen=True)
class TimeBooking:
    """Booked hours, exact: a Decimal when they terminate (90 min: 1.5), else a Fraction (65 min:
    13/12; ``services.bookings.hours``), never a decimal cut short, so each line is the exact amount
    rounded once."""
    operation_key: str
    workstation_code: str
    labour_hours: Decimal | Fraction
    machine_hours: Decimal | Fraction
    rates: CostRates
    operator_name: str = ""

    #: a correction negating an earlier booking (its hours are negative)
    correction: bool = False

    def __post_init__(self) -> None:
        _clean(self, "labour_hours", "machine_hours", minimum=None if self.correction else Decimal(0), exact=True)
        if not isinstance(self.rates, CostRates):
            raise ValidationError("rates", "A time booking needs its cost rates.")


class BookedTime(NamedTuple):
    """A time booking read back from the database, as ``TimeBooking`` has it: checked when it was
    booked, so it is not checked again each time a cost is worked out from it (a big job has
    hundreds). ``cost_job`` and ``variance.cost_at_standard`` take either."""
    operation_key: str
    workstation_code: str
    labour_hours: Decimal | Fraction  # exact, as ``TimeBooking``'s
    machine_hours: Decimal | Fraction
    rates: CostRates
    operator_name: str = ""
    correction: bool = False


@dataclass(frozen=True)
class MaterialCharge:
    """Material issued at cost; a negative quantity is a return and reduces the cost."""
    description: str
    quantity: Decimal
    unit_cost: Decimal
    operation_key: str = ""  # the operation that uses it ("" : the job as a whole)
    workstation_code: str = ""

    def __post_init__(self) -> None:
        _clean(self, "quantity", minimum=None)
        _clean(self, "unit_cost")


@dataclass(frozen=True)
class OtherCost:
    category: str  # subcontract, delivery, design time …
    description: str
    amount: Decimal
    #: a correction negating an earlier cost (its amount is negative)
    correction: bool = False

    def __post_init__(self) -> None:
        _clean(self, "amount", minimum=None if self.correction else Decimal(0))


@dataclass(frozen=True)
class BomLine:
    """A leaf of the (flattened) bill of materials: how much one finished unit needs."""
    description: str
    quantity_per_unit: Decimal
    unit_cost: Decimal
    operation_key: str = ""  # the operation that uses it ("" : the job as a whole)
    workstation_code: str = ""

    def __post_init__(self) -> None:
        _clean(self, "quantity_per_unit", "unit_cost")


@dataclass(frozen=True)
class PlannedOperation:
    """An operation as estimated: planned minutes = setup + run per unit × quantity.

    ``labour_run_minutes``: a person's minutes per unit of the run (a CNC runs 120, attended 30);
    None means attended throughout. Setup is always attended."""
    operation_key: str
    workstation_code: str
    setup_minutes: Decimal
    run_minutes_per_unit: Decimal
    quantity: int
    rates: CostRates
    is_machine: bool
    operator_name: str = ""
    labour_run_minutes: Decimal | None = None

    def __post_init__(self) -> None:
        _clean(self, "setup_minutes", "run_minutes_per_unit")
        if self.labour_run_minutes is not None:
            _clean(self, "labour_run_minutes")
        object.__setattr__(self, "quantity", validation.positive_int("quantity", self.quantity))
        object.__setattr__(self, "is_machine", bool(self.is_machine))
        if not isinstance(self.rates, CostRates):
            raise ValidationError("rates", "An estimate needs the workstation's cost rates.")

    @property
    def planned_minutes(self) -> Decimal:
        return self.setup_minutes + self.run_minutes_per_unit * self.quantity

    @property
    def planned_hours(self) -> Decimal:
        """Exact when it terminates (78 min = 1.3 h), else to 60 digits (50 min): for showing (the
        estimate costs the exact fraction, ``estimate_job``)."""
        return exact_decimal(Fraction(self.planned_minutes) / 60)

    @property
    def attended_run_minutes(self) -> Decimal:
        return self.run_minutes_per_unit if self.labour_run_minutes is None else self.labour_run_minutes

    @property
    def labour_minutes(self) -> Decimal:
        """A person's minutes: setup + attended run per unit × quantity."""
        return self.setup_minutes + self.attended_run_minutes * self.quantity


def estimate_operation(setup_minutes: Decimal, run_minutes_per_unit: Decimal, quantity: int,
                       rates: CostRates, is_machine: bool, *, operation_key: str = "",
                       workstation_code: str = "", operator_name: str = "",
                       labour_run_minutes: Decimal | None = None) -> PlannedOperation:
    """Machine hours (at a machine) = (setup + run × quantity) / 60; labour hours the same unless
    ``labour_run_minutes`` says how much of each unit's run a person attends."""
    return PlannedOperation(operation_key, workstation_code, setup_minutes, run_minutes_per_unit, quantity,
                            rates, is_machine, operator_name, labour_run_minutes)


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


@dataclass(frozen=True)
class OperationCost:
    operation_key: str
    workstation_code: str
    labour_hours: Decimal  # to 0.01 h, for display
    machine_hours: Decimal
    labour: Figure
    machine: Figure
    overhead: Figure
    total: Figure  # time and the materials the operation uses
    materials: Figure = Figure(ZERO, "none")  # bill-of-materials lines that name this operation


@dataclass(frozen=True)
class WorkstationCost:
    """A workstation's (department's) share of a job: its time, overhead and the materials used there."""
    workstation_code: str
    labour: Figure
    machine: Figure
    overhead: Figure
    materials: Figure
    total: Figure


@dataclass(frozen=True)
class JobCost:
    quantity: int
    labour: Figure
    machine: Figure
    overhead: Figure
    materials: Figure
    other: Figure
    total: Figure
    unit_cost: Figure
    labour_hours: Decimal
    machine_hours: Decimal
    by_operation: tuple[OperationCost, ...]
    lines: tuple[CostLine, ...]
    by_workstation: tuple[WorkstationCost, ...] = ()

    @property
    def by_category(self) -> dict[CostCategory, Figure]:
        return {c: getattr(self, c.value) for c in CostCategory}


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
_NOTHING_IN_MONEY = money_of(_NOTHING)  # 0.00: a booking at a workstation with no overhead rate


def _time_exact(labour_h: Fraction | Decimal, machine_h: Fraction | Decimal, rates: CostRates,
                shop_overhead: OverheadRule | None
                ) -> tuple[Fraction | Decimal, Fraction | Decimal | None, Fraction | Decimal | None, CostRates]:
    """The exact labour, machine (None: no machine hours) and overhead (None: no overhead rate)
    amounts of some hours, and the rates they were worked out at (the shop default filled in): the
    one home of the time rule, for ``_time_lines`` and for amounts alone (``_amounts_only``)."""
    labour = _times(labour_h, rates.labour_rate)
    machine = _times(machine_h, rates.machine_rate) if machine_h else None
    if shop_overhead is not None:
        rates = rates.with_shop_default(shop_overhead)
    rate = rates.overhead_rate
    if rate is None:
        return labour, machine, None, rates
    if rates.overhead_basis is OverheadBasis.PER_LABOUR_HOUR:
        overhead = _times(labour_h, rate)
    elif rates.overhead_basis is OverheadBasis.PER_MACHINE_HOUR:
        overhead = _times(machine_h, rate)
    else:
        overhead = _hundredth(_times(labour, rate))
    return labour, machine, overhead, rates


def _time_lines(op: str, ws: str, labour_h: Fraction | Decimal, machine_h: Fraction | Decimal, rates: CostRates,
                who: str, hours_note: str, shop_overhead: OverheadRule | None) -> list[CostLine]:
    """Labour, machine and overhead lines of some hours; the hours are fractions (an estimate's
    minutes ÷ 60) or exact decimals (bookings' hours), and the lines come out the same either way."""
    note = f" ({hours_note})" if hours_note else ""
    booked = rates
    labour, machine, overhead, rates = _time_exact(labour_h, machine_h, rates, shop_overhead)
    labour_hours = _num_exact(labour_h)
    whose = f"operator {who}" if who else "workstation rate"
    lines = [_line(CostCategory.LABOUR, op, ws, labour,
                   f"{labour_hours} h{note} × {num(booked.labour_rate)}/h ({whose})")]
    if machine is not None:
        lines.append(_line(CostCategory.MACHINE, op, ws, machine,
                           f"{_num_exact(machine_h)} machine h × {num(booked.machine_rate)}/h ({ws or 'machine'})"))
    if overhead is None:
        lines.append(_line(CostCategory.OVERHEAD, op, ws, _NOTHING, "no overhead rate set", _NOTHING_IN_MONEY))
        return lines
    source = "shop default" if rates.overhead_is_shop_default else (ws or "workstation")
    rate = rates.overhead_rate
    if rates.overhead_basis is OverheadBasis.PER_LABOUR_HOUR:
        how = f"{labour_hours} h × {num(rate)}/h overhead per labour hour"
    elif rates.overhead_basis is OverheadBasis.PER_MACHINE_HOUR:
        how = f"{_num_exact(machine_h)} machine h × {num(rate)}/h overhead"
    else:
        how = f"{num(rate)}% of labour {_num_exact(labour)}"
    lines.append(_line(CostCategory.OVERHEAD, op, ws, overhead, f"{how} ({source})"))
    return lines


def _material_line(m: MaterialCharge) -> CostLine:
    what = "returned " if m.quantity < 0 else ""
    return _line(CostCategory.MATERIALS, m.operation_key, m.workstation_code,
                 _times(_EXACT.plus(m.quantity) or _NO_SIGN, m.unit_cost),
                 f"{what}{plain(abs(m.quantity))} × {num(m.unit_cost)} ({m.description})")


def _other_line(o: OtherCost) -> CostLine:
    return _line(CostCategory.OTHER, "", "", o.amount if o.amount else _NO_SIGN,
                 f"{o.category}: {o.description}".strip(": "))


def _sum_figure(lines: Sequence[CostLine], empty: str = "nothing booked") -> Figure:
    """The rounded lines added up (``money.line_rounding_rule``)."""
    if not lines:
        return _figure(ZERO, empty)
    amounts = [line.amount for line in lines]
    amount = sum(amounts, ZERO)
    if len(lines) == 1:
        return _figure(amount, lines[0].explanation)
    parts = signed_sum(amounts) if len(lines) <= 8 else f"sum of {len(lines)} lines"
    return _figure(amount, parts)


def _by_category(lines: Sequence[CostLine]) -> list[Figure]:
    """The figures of ``_ATTRIBUTED``'s categories over ``lines`` (which are all of those)."""
    found: dict[CostCategory, list[CostLine]] = {c: [] for c in _ATTRIBUTED}
    for ln in lines:
        found[ln.category].append(ln)
    return [_sum_figure(found[c], "none") for c in _ATTRIBUTED]


_TIME_CATEGORIES = (CostCategory.LABOUR, CostCategory.MACHINE, CostCategory.OVERHEAD)


def _hours(value: Fraction | Decimal) -> Decimal:
    shown = _SIXTY_DIGITS.plus(value) if type(value) is Decimal else exact_decimal(value)
    return shown.quantize(HOURS, rounding=ROUND_HALF_UP)


def _assemble(timed: Iterable[tuple[str, str, Fraction, Fraction, CostRates, str, str]],
              materials: Sequence[MaterialCharge], others: Sequence[OtherCost], quantity: int,
              shop_overhead: OverheadRule | None, memo: dict | None = None) -> JobCost:
    """``memo``: lines already worked out for the same figures (``cost_job``), or None."""
    quantity = validation.positive_int("quantity", quantity)
    lines: list[CostLine] = []
    op_hours: dict[str, tuple[_Hours, _Hours]] = {}  # labour and machine hours per operation
    for op, ws, lh, mh, rates, who, note in timed:
        if memo is None:
            lines += _time_lines(op, ws, lh, mh, rates, who, note, shop_overhead)
        else:  # the type too: a fraction's line keeps a fraction, a decimal's a decimal
            key = (op, ws, type(lh), lh, type(mh), mh, rates, who, note, shop_overhead)
            found = memo.get(key)
            if found is None:
                found = memo[key] = _time_lines(op, ws, lh, mh, rates, who, note, shop_overhead)
            lines += found
        hours = op_hours.get(op)
        if hours is None:
            hours = op_hours[op] = (_Hours(), _Hours())
        hours[0].add(lh)
        hours[1].add(mh)
    if memo is None:
        lines += [_material_line(m) for m in materials]
    else:
        for m in materials:
            found = memo.get(m)
            if found is None:
                found = memo[m] = _material_line(m)
            lines.append(found)
    lines += [_other_line(o) for o in others]
    by_category: dict[CostCategory, list[CostLine]] = {c: [] for c in CostCategory}
    for ln in lines:
        by_category[ln.category].append(ln)
    cats = {c: _sum_figure(by_category[c]) for c in CostCategory}
    total = Figure(sum((f.amount for f in cats.values()), ZERO),
                   " + ".join(f"{c.value} {num(f.amount)}" for c, f in cats.items()))
    unit = Figure(money_of(Fraction(total.amount) / quantity), f"total {num(total.amount)} ÷ {quantity} unit(s)")
    each = {op: (labour.exact(), machine.exact()) for op, (labour, machine) in op_hours.items()}
    hours = [_total_hours([h[i] for h in each.values()]) for i in (0, 1)]
    return JobCost(quantity, *cats.values(), total, unit, _hours(hours[0]), _hours(hours[1]),
                   _operation_costs(lines, each), tuple(lines), _workstation_costs(lines))


def _amounts_only(timed: Iterable[tuple[str, str, Fraction, Fraction, CostRates, str, str]],
                  materials: Sequence[MaterialCharge], others: Sequence[OtherCost], quantity: int,
                  shop_overhead: OverheadRule | None, memo: dict | None = None) -> JobCost:
    """``_assemble``'s amounts and hours, by the same rule (each line rounded once, the rounded lines
    added up), without the texts: every explanation is empty, and there are no lines and no
    workstations. For a cost that is only compared (the work done at the estimate's rates on a cost
    sheet: ``variance.cost_at_standard``). A line already in ``memo`` is taken from there; nothing
    is added to it."""
    quantity = validation.positive_int("quantity", quantity)
    labour = machine = overhead = materials_sum = other = ZERO
    op_hours: dict[str, tuple[_Hours, _Hours]] = {}
    per_op: dict[str, list[Decimal]] = {}  # operation key → its labour, machine, overhead, materials
    for op, ws, lh, mh, rates, who, note in timed:
        sums = per_op.get(op)
        if sums is None:
            sums = per_op[op] = [ZERO, ZERO, ZERO, ZERO]
            op_hours[op] = (_Hours(), _Hours())
        found = None if memo is None else memo.get((op, ws, type(lh), lh, type(mh), mh, rates, who, note,
                                                     shop_overhead))
        if found is not None:
            for ln in found:
                slot = _SLOTS[ln.category]
                sums[slot] += ln.amount
        else:
            exact_labour, exact_machine, exact_overhead, _rates = _time_exact(lh, mh, rates, shop_overhead)
            sums[0] += money_of(exact_labour)
            if exact_machine is not None:
                sums[1] += money_of(exact_machine)
            sums[2] += _NOTHING_IN_MONEY if exact_overhead is None else money_of(exact_overhead)
        hours = op_hours[op]
        hours[0].add(lh)
        hours[1].add(mh)
    for sums in per_op.values():
        labour += sums[0]
        machine += sums[1]
        overhead += sums[2]
    for m in materials:
        found = None if memo is None else memo.get(m)
        amount = found.amount if found is not None else money_of(
            _times(_EXACT.plus(m.quantity) or _NO_SIGN, m.unit_cost))
        materials_sum += amount
        if m.operation_key:
            sums = per_op.get(m.operation_key)
            if sums is None:
                sums = per_op[m.operation_key] = [ZERO, ZERO, ZERO, ZERO]
            sums[3] += amount
    for o in others:
        other += money_of(o.amount if o.amount else _NO_SIGN)
    total = labour + machine + overhead + materials_sum + other
    nothing = (_NOTHING, _NOTHING)
    each = {op: (lh.exact(), mh.exact()) for op, (lh, mh) in op_hours.items()}
    operations = []
    for op, (lab, mach, over, mat) in per_op.items():
        lh, mh = each.get(op, nothing)
        operations.append(OperationCost(op, "", _hours(lh), _hours(mh), _figure(lab, ""), _figure(mach, ""),
                                        _figure(over, ""), _figure(lab + mach + over + mat, ""), _figure(mat, "")))
    hours = [_total_hours([h[i] for h in each.values()]) for i in (0, 1)]
    return JobCost(quantity, _figure(labour, ""), _figure(machine, ""), _figure(overhead, ""),
                   _figure(materials_sum, ""), _figure(other, ""), _figure(total, ""),
                   _figure(money_of(Fraction(total) / quantity), ""), _hours(hours[0]), _hours(hours[1]),
                   tuple(operations), ())


_SLOTS = {c: i for i, c in enumerate((CostCategory.LABOUR, CostCategory.MACHINE, CostCategory.OVERHEAD,
                                      CostCategory.MATERIALS))}  # _ATTRIBUTED's, by place


def _total_hours(hours: list[Fraction | Decimal]) -> Fraction | Decimal:
    total = _Hours()
    for h in hours:
        total.add(h)
    return total.exact()


_ATTRIBUTED = (*_TIME_CATEGORIES, CostCategory.MATERIALS)  # what an operation or a workstation can carry


def _operation_costs(lines: Sequence[CostLine],
                     op_hours: dict[str, tuple[Fraction | Decimal, Fraction | Decimal]]) -> tuple[OperationCost, ...]:
    """Per operation: its time, overhead and the materials that name it (an operation with
    materials but no time yet is listed too, after the timed ones)."""
    keys = dict.fromkeys([*op_hours, *(ln.operation_key for ln in lines
                                       if ln.category is CostCategory.MATERIALS and ln.operation_key)])
    # in one pass, each operation's lines by category and all together, in their order
    by_operation: dict[str, tuple[list[CostLine], ...]] = {}
    for ln in lines:
        slot = _SLOTS.get(ln.category)
        if slot is not None:
            found = by_operation.get(ln.operation_key)
            if found is None:
                found = by_operation[ln.operation_key] = ([], [], [], [], [])
            found[slot].append(ln)
            found[4].append(ln)
    operations = []
    for op in keys:
        lh, mh = op_hours.get(op, (_NOTHING, _NOTHING))
        labour, machine, overhead, materials, mine = by_operation.get(op, ([], [], [], [], []))
        stations = ", ".join(dict.fromkeys(ln.workstation_code for ln in mine if ln.workstation_code))
        operations.append(OperationCost(op, stations, _hours(lh), _hours(mh), _sum_figure(labour, "none"),
                                        _sum_figure(machine, "none"), _sum_figure(overhead, "none"),
                                        _sum_figure(mine, "none"), _sum_figure(materials, "none")))
    return tuple(operations)


def _workstation_costs(lines: Sequence[CostLine]) -> tuple[WorkstationCost, ...]:
    """Per workstation (department), in the order first met: the textbook job-cost record's columns.
    Materials not tied to an operation, and other direct costs, belong to the job as a whole."""
    by_station: dict[str, list[CostLine]] = {}  # in the order first met, each with its lines in order
    for ln in lines:
        if ln.workstation_code and ln.category in _SLOTS:
            by_station.setdefault(ln.workstation_code, []).append(ln)
    result = []
    for code, mine in by_station.items():
        per = _by_category(mine)
        result.append(WorkstationCost(code, *per, _sum_figure(mine, "none")))
    return tuple(result)


def cost_job(bookings: Sequence[TimeBooking | BookedTime], materials: Sequence[MaterialCharge] = (),
             others: Sequence[OtherCost] = (), quantity: int = 1,
             shop_overhead: OverheadRule | None = None, *, memo: dict | None = None,
             amounts_only: bool = False) -> JobCost:
    """The actual cost of a job from its bookings, each at the rates it was booked at.

    ``memo``: a dict shared by several costs of the same work (the actual cost and the same work at
    the estimate's rates, on one cost sheet): a booking or an issue whose figures and rates are the
    same in both is worked out once. Lines are plain values, so sharing them changes nothing.
    ``amounts_only``: the same amounts and hours without explanations, lines or workstations
    (``_amounts_only``), for a cost that is only compared with others."""
    return (_amounts_only if amounts_only else _assemble)(((b.operation_key, b.workstation_code, _exact(b.labour_hours), _exact(b.machine_hours),
                       b.rates, b.operator_name, "") for b in bookings),
                     materials, others, quantity, shop_overhead, memo)


def booking_lines(booking: TimeBooking | BookedTime, shop_overhead: OverheadRule | None = None) -> list[CostLine]:
    """One booking's lines (labour, machine, overhead), as ``cost_job`` of it alone has them: its
    cost is their sum, without a whole job's figures worked out around it (a job's Bookings page
    shows hundreds)."""
    return _time_lines(booking.operation_key, booking.workstation_code, _exact(booking.labour_hours),
                       _exact(booking.machine_hours), booking.rates, booking.operator_name, "", shop_overhead)


def _exact(hours: Decimal | Fraction) -> Decimal | Fraction:
    """Booked hours as an exact amount for ``_times`` (a zero without a sign, as a fraction's): a
    Decimal, or a Fraction when they do not terminate."""
    if not hours:
        return _NO_SIGN
    kind = type(hours)
    return hours if kind is Decimal or kind is Fraction else _EXACT.plus(hours)


def materials_from_bom(bill_of_materials: Sequence[BomLine], quantity: int) -> tuple[MaterialCharge, ...]:
    quantity = validation.positive_int("quantity", quantity)
    return tuple(MaterialCharge(b.description, b.quantity_per_unit * quantity, b.unit_cost, b.operation_key,
                                b.workstation_code) for b in bill_of_materials)


def estimate_job(operations: Sequence[PlannedOperation], bill_of_materials: Sequence[BomLine] = (),
                 others: Sequence[OtherCost] = (), quantity: int = 1,
                 shop_overhead: OverheadRule | None = None) -> JobCost:
    """The planned cost of a job, by the same rules as ``cost_job``."""
    def timed(p: PlannedOperation) -> tuple[str, str, Fraction, Fraction, CostRates, str, str]:
        hours = Fraction(p.planned_minutes) / 60
        labour = Fraction(p.labour_minutes) / 60  # a person minds the machine for the attended part of its run
        note = f"{plain(p.setup_minutes)} + {p.quantity} × {plain(p.attended_run_minutes)} min"
        if p.labour_run_minutes is not None:
            note += " attended"
        return (p.operation_key, p.workstation_code, labour, hours if p.is_machine else Fraction(0), p.rates,
                p.operator_name, note)

    return _assemble((timed(p) for p in operations),
                     materials_from_bom(bill_of_materials, quantity), others, quantity, shop_overhead)
