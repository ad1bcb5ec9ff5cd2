"""The time lines of a job's cost: labour, machine and overhead for some hours, at rates frozen
with each booking (``CostRates``), so a later rate change never rewrites history.

- Labour: labour hours × the operator's rate, or the workstation's labour rate when no operator.
- Machine: machine hours × the workstation's machine rate.
- Overhead, per workstation, by its basis: a rate per labour hour, a rate per machine hour, or a
  percentage of the labour cost; a workstation with no overhead rate uses the shop-wide default.

Hours are exact, minutes ÷ 60 (a fraction when they do not terminate: 65 min at 27.06/h is exactly
29.315, its line 29.32). ``_time_exact`` is the rule's one home, for the lines with their
explanations (``_time_lines``) and for the amounts alone (``costing._amounts_only``). Kept apart
from ``costing``, which puts these lines together with the materials into a sheet and imports this
module (never the reverse).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple

from .cost_figures import (_EXACT, _NO_SIGN, _NOTHING, _SIXTY_DIGITS, CostCategory, CostLine, _clean, _line, _times,
                           decimal_input, money_of, num)
from .errors import ValidationError
from .money import ZERO
from .statuses import OverheadBasis


def _hundredth(exact: Fraction | Decimal) -> Fraction | Decimal:
    if type(exact) is Decimal:
        part = _EXACT.divide(exact, 100)
        return part if part else _NO_SIGN
    return exact / 100


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
    13/12; ``services.booking_views.hours``), never a decimal cut short, so each line is the exact amount
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


_NOTHING_IN_MONEY = money_of(_NOTHING)  # 0.00: a booking at a workstation with no overhead rate


def _time_exact(labour_h: Fraction | Decimal, machine_h: Fraction | Decimal, rates: CostRates,
                shop_overhead: OverheadRule | None
                ) -> tuple[Fraction | Decimal, Fraction | Decimal | None, Fraction | Decimal | None, CostRates]:
    """The exact labour, machine (None: no machine hours) and overhead (None: no overhead rate)
    amounts of some hours, and the rates they were worked out at (the shop default filled in): the
    one home of the time rule, for ``_time_lines`` and for amounts alone (``costing._amounts_only``)."""
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
