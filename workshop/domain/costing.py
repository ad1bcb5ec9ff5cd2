"""Job costing: what a job cost (actual) and what it should cost (estimate), by the same rules,
put together into one sheet (``JobCost``: by category, by operation, by workstation).

- Labour, machine and overhead: the time lines, at the rates kept with each booking (``time_costing``).
- Materials at issue cost (quantity × unit cost; a return is a negative quantity and reduces cost).
- Other direct costs (subcontract, delivery, design time …) at their amount.

Each line is rounded once and every sum adds the rounded lines (``cost_figures``), so the figures on
paper add up as printed. Every figure carries an explanation, except in the amounts alone
(``cost_job(amounts_only=True)``) for a cost that is only compared.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from math import lcm

from . import validation
from .cost_figures import (_EXACT, _NO_SIGN, _NOTHING, _SIXTY_DIGITS, CostCategory, CostLine, Figure, _clean, _figure,
                           _line, _times, exact_decimal, money_of, num, plain, signed_sum)
from .errors import ValidationError
from .money import ZERO
from .time_costing import (_NOTHING_IN_MONEY, BookedTime, CostRates, OverheadRule, TimeBooking, _exact, _time_exact,
                           _time_lines)

HOURS = Decimal("0.01")  # hours shown to 0.01, half-up


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
