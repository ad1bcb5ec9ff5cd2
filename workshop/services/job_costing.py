"""Job costing: the estimate (routing + bill of materials at today's rates), the actual cost
(bookings at the rates they were booked at), and the cost sheet that sets them side by side with
variance and margin. The rules are the domain's (``workshop.domain.costing``); this module only
gathers the figures; the command line's ``job-cost`` report is ``workshop.reports.job_cost``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from collections.abc import Callable
from functools import cached_property
from typing import NamedTuple

from sqlalchemy import Integer, Row, Select, bindparam, func, select, type_coerce
from sqlalchemy.orm import Session, aliased, selectinload

from ..db.engine import Database
from ..db.models import (BomItem, DirectCost, Job, MaterialIssue, Operation, Operator, Supplier, TimeLog,
                         Workstation)
from ..domain import planning
from ..domain import validation as v
from ..domain.changes import Change, writes
from ..domain.costing import (
    BomLine,
    CostCategory,
    CostRates,
    Figure,
    JobCost,
    MaterialCharge,
    OtherCost,
    OverheadRule,
    PlannedOperation,
    BookedTime,
    cost_job,
    estimate_job,
    money_of,
    num,
)
from ..domain.cost_figures import percent_of
from ..domain.labels import COST_CATEGORY_LABELS
from ..domain.variance import CostVariance, WorkDone, cost_at_standard, variance
from ..domain.statuses import OverheadBasis
from . import booking_views, bookings
from .cost_progress import against_work_done, operation_progress
from .outside_operations import outside_estimates
from .common import get_or_fail, settings_row, shop_locale

# --- the shop-wide default overhead ------------------------------------------------------------


def get_shop_overhead(db: Database) -> OverheadRule | None:
    """The overhead applied at a workstation that has no rate of its own (None: no default)."""
    with db.reader() as s:
        return bookings.shop_overhead_rule(s)


@writes(Change.SETTINGS)
def set_shop_overhead(db: Database, rate, basis: str = OverheadBasis.PER_LABOUR_HOUR.value) -> OverheadRule | None:
    """Set (or with ``rate=None`` clear) the shop default. Work already booked keeps its rates."""
    clean_rate = v.money("overhead_rate", rate, required=False, locale=shop_locale(db))
    basis = v.choice("overhead_basis", basis, [b.value for b in OverheadBasis])
    with db.session() as s:
        row = settings_row(s)
        row.default_overhead_rate = clean_rate
        row.default_overhead_basis = basis
        return bookings.shop_overhead_rule(s)


# --- what a job's figures are made of, read once per unit of work ---------------------------------
#
# Plain rows, one statement each (the operations come with their workstation, operator and
# supplier in one join; the time logs with their operation's number and name, workstation code
# and operator name), read when first asked for and kept for the rest of the unit of work, so a
# cost sheet reads each thing once however many figures it works out from it.

_Station = aliased(Workstation, name="workstation")
_Operator = aliased(Operator, name="operator")
_Supplier = aliased(Supplier, name="supplier")


def _stored(column):
    """A scaled-decimal column as stored (whole hundredths), for ``_decimal`` to read once per value."""
    return type_coerce(column, Integer).label(column.key)


def _decimal(column) -> Callable[[int | None], Decimal | None]:
    """Stored value → Decimal, by the column's own type (``db.base.ScaledDecimal``)."""
    kind = column.type  # (looked up once: a mapped attribute finds .type the slow way)
    return lambda stored: kind.process_result_value(stored, None)


class _Snapshot(NamedTuple):
    """A time log's rates, as ``bookings.log_rates`` reads them."""
    labour_rate: Decimal
    machine_rate: Decimal
    overhead_rate: Decimal | None
    overhead_basis: str | None
    overhead_is_shop_default: bool


_JOB = bindparam("job_id")
_QUERIES: dict[str, Select] = {}


def _built(name: str, build: Callable[[], Select]) -> Select:
    """A statement of ``JobFigures``, built the first time (building one costs more than running it
    on one job), the job a bound value."""
    query = _QUERIES.get(name)
    if query is None:
        query = _QUERIES[name] = build()
    return query


class JobFigures:
    """One job's operations, bill of materials, bookings and today's rates, read once in ``s``."""

    def __init__(self, s: Session, job: Job) -> None:
        self.s, self.job = s, job
        self._rates: dict[tuple[int, int | None], CostRates] = {}

    @cached_property
    def operations(self) -> list[Row]:
        """In routing order; each row reads like an Operation (``workstation``, ``operator``,
        ``supplier``: their records)."""
        return list(self.s.execute(_built("operations", lambda: (
            select(Operation.id, Operation.op_number, Operation.name, Operation.status, Operation.setup_minutes,
                   Operation.run_minutes, Operation.labour_run_minutes, Operation.subassembly_id,
                   Operation.supplier_id, Operation.days_away, _Station, _Operator, _Supplier)
            .join(_Station, _Station.id == Operation.workstation_id)
            .outerjoin(_Operator, _Operator.id == Operation.operator_id)
            .outerjoin(_Supplier, _Supplier.id == Operation.supplier_id)
            .where(Operation.job_id == _JOB).order_by(Operation.sequence, Operation.id))), {"job_id": self.job.id}))

    @cached_property
    def items(self) -> list[Row]:
        """The bill of materials' lines, in order."""
        return self._rows("items", lambda: (
            select(BomItem.id, BomItem.parent_id, BomItem.quantity, BomItem.unit_cost, BomItem.is_assembly,
                   BomItem.material_id, BomItem.description, BomItem.operation_id)
            .where(BomItem.job_id == _JOB).order_by(BomItem.position, BomItem.id)))

    @cached_property
    def inputs(self) -> list[planning.BomNodeInput]:
        return [planning.BomNodeInput(i.id, i.parent_id, i.quantity, i.unit_cost, i.is_assembly) for i in self.items]

    @cached_property
    def effective(self) -> dict[int, Decimal]:
        """BOM line id → its quantity for the whole job."""
        return planning.effective_quantities(self.inputs, self.job.quantity)

    def units(self, op) -> Decimal:
        """How many units ``op``'s run time is multiplied by."""
        return planning.operation_quantity(op.subassembly_id, self.effective, self.job.quantity)

    def rates_now(self, op) -> CostRates:
        """Today's rates for work on ``op`` (``bookings.rates_now``), once per workstation and operator."""
        key = (op.workstation.id, op.operator.id if op.operator else None)
        if key not in self._rates:
            self._rates[key] = bookings.rates_now(self.s, op, op.operator)
        return self._rates[key]

    @cached_property
    def names(self) -> dict[int, tuple[str, str]]:
        return operation_names(self.operations)

    @cached_property
    def logs(self) -> list[Row]:
        """The time logs in the order they were worked: operation id, labour and machine minutes, the
        rates snapshot (those four as stored: whole hundredths, ``_stored``), overhead basis and
        whether it was the shop's, what it reverses, operation number and name, workstation code,
        operator name. Hundreds of logs: the stored numbers become Decimals once per value
        (``bookings``), not once per log."""
        return self._rows("logs", lambda: (
            select(TimeLog.operation_id, _stored(TimeLog.labour_minutes), _stored(TimeLog.machine_minutes),
                   _stored(TimeLog.labour_rate), _stored(TimeLog.machine_rate), _stored(TimeLog.overhead_rate),
                   TimeLog.overhead_basis, TimeLog.overhead_is_shop_default, TimeLog.reverses_id,
                   Operation.op_number, Operation.name, Workstation.code, Operator.name.label("operator_name"))
            .join(Operation, Operation.id == TimeLog.operation_id)
            .join(Workstation, Workstation.id == TimeLog.workstation_id)
            .outerjoin(Operator, Operator.id == TimeLog.operator_id)
            .where(TimeLog.job_id == _JOB)
            .order_by(func.coalesce(TimeLog.started_at, TimeLog.booked_at), TimeLog.id)))

    def _rows(self, name: str, build: Callable[[], Select]) -> list[Row]:
        """Plain rows of a query naming no records (built once, ``_built``), through the session's
        connection (the ORM's handling of a statement costs more than reading a few rows)."""
        return self.s.connection().execute(_built(name, build), {"job_id": self.job.id}).all()

    @cached_property
    def bookings(self) -> list[BookedTime]:
        """Each log as costing books it (``bookings.time_booking``), from its row: hours and rates
        worked out once per value stored, the operation's key once per operation."""
        minutes_of, money_of_ = _decimal(TimeLog.labour_minutes), _decimal(TimeLog.labour_rate)
        rates: dict[tuple, CostRates] = {}
        hours: dict[int, Decimal | Fraction] = {}
        keys: dict[int, str] = {}
        result = []
        for log in self.logs:
            (operation_id, labour, machine, labour_rate, machine_rate, overhead_rate, basis, shop_default,
             reverses_id, _number, _name, station, operator) = log
            rate_key = (labour_rate, machine_rate, overhead_rate, basis, shop_default)
            log_rates = rates.get(rate_key)
            if log_rates is None:
                log_rates = rates[rate_key] = bookings.log_rates(_Snapshot(
                    money_of_(labour_rate), money_of_(machine_rate), money_of_(overhead_rate), basis, shop_default))
            key = keys.get(operation_id)
            if key is None:
                key = keys[operation_id] = bookings.operation_key(log)
            labour_hours = hours.get(labour)
            if labour_hours is None:
                labour_hours = hours[labour] = booking_views.hours(minutes_of(labour))
            machine_hours = hours.get(machine)
            if machine_hours is None:
                machine_hours = hours[machine] = booking_views.hours(minutes_of(machine))
            result.append(BookedTime(key, station, labour_hours, machine_hours, log_rates, operator or "",
                                     reverses_id is not None))
        return result

    @cached_property
    def booked_minutes(self) -> dict[int, Decimal]:
        """Operation id → the time booked on it (``worked_minutes`` of each log)."""
        booked: dict[int, int] = {}
        for operation_id, labour, machine, *_ in self.logs:
            booked[operation_id] = booked.get(operation_id, 0) + _worked(labour, machine)
        minutes_of = _decimal(TimeLog.labour_minutes)
        return {operation_id: minutes_of(total) for operation_id, total in booked.items()}

    @cached_property
    def issues(self) -> list[Row]:
        return self._rows("issues", lambda: (
            select(MaterialIssue.material_id, MaterialIssue.description, MaterialIssue.quantity,
                   MaterialIssue.unit_cost)
            .where(MaterialIssue.job_id == _JOB).order_by(MaterialIssue.issued_at, MaterialIssue.id)))

    @cached_property
    def others(self) -> list[Row]:
        return self._rows("others", lambda: (
            select(DirectCost.category, DirectCost.description, DirectCost.amount, DirectCost.reverses_id)
            .where(DirectCost.job_id == _JOB).order_by(DirectCost.incurred_on, DirectCost.id)))

    @cached_property
    def charges(self) -> list[MaterialCharge]:
        """The issues as costing charges them, each at the operation its material is used at."""
        return _charges(self.issues, self.material_operations)

    @cached_property
    def other_costs(self) -> list[OtherCost]:
        return _other_costs(self.others)

    @cached_property
    def material_operations(self) -> dict[int, tuple[str, str]]:
        """Material id → the operation its issues are charged to (``_material_operations``): from
        the operations and BOM already read, else from the BOM lines' materials and operations alone."""
        if "operations" in self.__dict__ and "items" in self.__dict__:
            return _material_operations(self.items, self.names)
        rows = self._rows("material_operations", lambda: (
            select(BomItem.material_id, BomItem.is_assembly, BomItem.operation_id, Operation.op_number,
                   Operation.name, Workstation.code)
            .outerjoin(Operation, (Operation.id == BomItem.operation_id) & (Operation.job_id == BomItem.job_id))
            .outerjoin(Workstation, Workstation.id == Operation.workstation_id)
            .where(BomItem.job_id == _JOB, BomItem.material_id.is_not(None)).distinct()))
        names = {r.operation_id: (bookings.operation_key(r), r.code) for r in rows if r.op_number is not None}
        return _material_operations(rows, names)


def operation_names(ops) -> dict[int, tuple[str, str]]:
    """Operation id → (key as in cost sheets, workstation code): where a BOM line's material is used."""
    return {op.id: (bookings.operation_key(op), op.workstation.code) for op in ops}


def _material_operations(items, names: dict[int, tuple[str, str]]) -> dict[int, tuple[str, str]]:
    """Material id → the one operation its BOM lines name, so an issue of it is charged there. A
    material with lines at two operations, or a line naming none, stays with the job as a whole."""
    found: dict[int, set[tuple[str, str]]] = {}
    for i in items:
        if i.material_id is not None and not i.is_assembly:
            found.setdefault(i.material_id, set()).add(names.get(i.operation_id, ("", "")))
    return {m: next(iter(ops)) for m, ops in found.items() if len(ops) == 1 and ("", "") not in ops}


def _planned(f: JobFigures, op) -> PlannedOperation:
    """An operation as the estimate sees it, at today's rates (its assigned operator's, if any)."""
    units = f.units(op)
    run, attended, qty = op.run_minutes, op.labour_run_minutes, units
    if qty != qty.to_integral_value() or qty < 1:  # a fractional sub-assembly count: fold it into the run
        run, qty = op.run_minutes * units, Decimal(1)
        attended = None if attended is None else attended * units
    return PlannedOperation(bookings.operation_key(op), op.workstation.code, op.setup_minutes, run, int(qty),
                            f.rates_now(op), op.workstation.kind == "machine", op.operator.name if op.operator else "",
                            attended)


# --- estimate and actual, inside a unit of work ------------------------------------------------


def _estimate(f: JobFigures) -> JobCost:
    planned = [_planned(f, op) for op in f.operations]
    per_unit = planning.effective_quantities(f.inputs, 1)  # the BOM per finished unit
    lines = [BomLine(i.description, per_unit[i.id], i.unit_cost, *f.names.get(i.operation_id, ("", "")))
             for i in f.items if not i.is_assembly]
    # work done outside is estimated at its purchase order's amount (nothing until it is ordered);
    # a job with no outside operation has no orders to read
    outside = (outside_estimates(f.s, f.job, f.operations)
               if any(op.supplier_id is not None for op in f.operations) else [])
    return estimate_job(planned, lines, outside, f.job.quantity)


def estimate_in_session(s: Session, job: Job) -> JobCost:
    """What the job should cost: its routing (setup + run × quantity) and bill of materials at
    today's rates and costs, by the same rules as the actual cost."""
    return _estimate(JobFigures(s, job))


def time_logs(s: Session, job_ids: list[int]) -> list[TimeLog]:
    """The jobs' time bookings, in the order they were worked, with what costing reads of them."""
    if not job_ids:
        return []
    return list(s.scalars(select(TimeLog).where(TimeLog.job_id.in_(job_ids))
                          .options(selectinload(TimeLog.operation), selectinload(TimeLog.workstation),
                                   selectinload(TimeLog.operator))
                          .order_by(func.coalesce(TimeLog.started_at, TimeLog.booked_at), TimeLog.id)))


def actual_from(quantity: int, logs: list[TimeLog], issues: list[MaterialIssue], others: list[DirectCost],
                material_operations: dict[int, tuple[str, str]] | None = None) -> JobCost:
    """The actual cost: every log at its own snapshot rates (no shop default is filled in later).
    ``material_operations``: material id → (operation key, workstation) an issue is charged to."""
    return cost_job([bookings.time_booking(log) for log in logs], _charges(issues, material_operations),
                    _other_costs(others), quantity)


def _charges(issues, material_operations: dict[int, tuple[str, str]] | None) -> list:
    at = material_operations or {}
    return [MaterialCharge(i.description, i.quantity, i.unit_cost, *at.get(i.material_id, ("", ""))) for i in issues]


def _other_costs(others) -> list[OtherCost]:
    return [OtherCost(c.category, c.description, c.amount, c.reverses_id is not None) for c in others]


def _actual(f: JobFigures, memo: dict | None = None) -> JobCost:
    return cost_job(f.bookings, f.charges, f.other_costs, f.job.quantity, memo=memo)


def actual_in_session(s: Session, job: Job) -> JobCost:
    return _actual(JobFigures(s, job))


def _at_standard(f: JobFigures, memo: dict | None = None, amounts_only: bool = False) -> JobCost:
    """The work actually done (hours, material) at the estimate's rates and unit costs: the
    middle figure of the rate / usage split (``workshop.domain.variance``). ``amounts_only``: its
    figures without explanations (a cost sheet only compares them)."""
    rates = {bookings.operation_key(op): f.rates_now(op) for op in f.operations}
    unit_costs: dict[object, Decimal] = {}
    for i in f.items:  # a material's estimated unit cost: its first line in the bill of materials
        if not i.is_assembly:
            unit_costs.setdefault(i.material_id or i.description, i.unit_cost)
    charges = [(c, unit_costs.get(i.material_id or i.description))
               for c, i in zip(f.charges, f.issues)]
    return cost_at_standard(f.bookings, charges, f.other_costs, f.job.quantity, rates, memo=memo,
                            amounts_only=amounts_only)


def at_standard_in_session(s: Session, job: Job) -> JobCost:
    return _at_standard(JobFigures(s, job))


def worked_minutes(log: TimeLog) -> Decimal:
    """Time spent on the operation by a log: a person's time, or an unattended machine's."""
    return _worked(log.labour_minutes, log.machine_minutes)


def _worked(labour_minutes: Decimal, machine_minutes: Decimal) -> Decimal:
    return max(labour_minutes, machine_minutes)


def planned_minutes_in_session(s: Session, job: Job) -> Decimal:
    f = JobFigures(s, job)
    return sum((planning.planned_minutes(o.setup_minutes, o.run_minutes, f.units(o))
                for o in s.execute(select(Operation.setup_minutes, Operation.run_minutes, Operation.subassembly_id)
                                   .where(Operation.job_id == job.id))), Decimal(0))


def hours_of(minutes: Decimal) -> Decimal:
    """Minutes as hours to 0.01, half-up (for display and reports)."""
    return Decimal(money_of(Fraction(minutes) / 60))


# --- the cost sheet ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CategoryRow:
    category: str  # a CostCategory value, or "total"
    label: str
    estimate: Figure  # the whole estimate
    actual: Figure
    variance: Decimal  # actual − the estimate for the work done (see cost_progress): positive is over
    variance_pct: Decimal | None  # of the work done; None when there is none
    variance_explanation: str
    work_done: Figure | None = None  # the estimate for the work done so far (all of it once complete)
    rate_variance: Decimal | None = None  # a rate or price changed
    usage_variance: Decimal | None = None  # more or fewer hours or material
    split_explanation: str = ""


@dataclass(frozen=True)
class OperationRow:
    operation_id: int | None
    key: str  # "020 Assemble carcass"
    workstation_code: str
    status: str
    planned_hours: Decimal
    booked_hours: Decimal
    estimate: Figure
    actual: Figure
    variance: Decimal
    variance_pct: Decimal | None
    variance_explanation: str
    materials_estimate: Figure = Figure(Decimal("0.00"), "none")  # of the estimate: BOM lines naming it
    materials_actual: Figure = Figure(Decimal("0.00"), "none")  # of the actual: issues charged to it
    work_done: Figure | None = None  # as for a category (variance likewise against it)
    rate_variance: Decimal | None = None
    usage_variance: Decimal | None = None
    split_explanation: str = ""


@dataclass(frozen=True)
class CostSheet:
    job_id: int
    number: str
    title: str
    customer_name: str
    status: str
    quantity: int
    due_date: dt.date
    currency: str
    price: Decimal | None  # the job's budget: quoted price plus approved changes
    estimate: JobCost
    actual: JobCost
    variance: CostVariance
    categories: tuple[CategoryRow, ...]
    total: CategoryRow
    operations: tuple[OperationRow, ...]
    planned_hours: Decimal
    booked_hours: Decimal
    percent_complete: Decimal | None  # booked over planned hours, uncapped (None: nothing planned)
    estimated_margin: Figure | None  # price − estimate (None: no price)
    estimated_margin_pct: Decimal | None
    margin: Figure | None  # final: price − actual; under way: the price's share for the work done − actual
    margin_pct: Decimal | None
    as_of: dt.datetime
    work_done: WorkDone | None = None  # the estimate for the work done so far (domain.variance)
    margin_label: str = "Margin so far"  # "Final margin" once complete, else "Margin on the work done"
    rounding_rule: str = ""  # in plain words, for every page and report that shows these figures

    @property
    def complete(self) -> bool:
        return self.work_done is not None and self.work_done.complete

    @property
    def percent_complete_display(self) -> Decimal | None:
        return None if self.percent_complete is None else min(self.percent_complete, Decimal("100.00"))


def _margin(price: Decimal | None, cost: Figure, what: str) -> tuple[Figure | None, Decimal | None]:
    if price is None:
        return None, None
    amount = price - cost.amount
    pct = percent_of(Fraction(amount), Fraction(price))
    return Figure(amount, f"price {num(price)} − {what} {num(cost.amount)}"), pct


def cost_sheet_in_session(s: Session, db: Database, job: Job) -> CostSheet:
    f = JobFigures(s, job)  # every figure below from one read of each thing
    memo: dict = {}  # the actual work's lines, shared with the same work at the estimate's rates
    estimate = _estimate(f)
    actual = _actual(f, memo)
    var = variance(estimate, actual)
    categories = tuple(
        CategoryRow(c.value, COST_CATEGORY_LABELS[c], estimate.by_category[c], actual.by_category[c],
                    line.variance, line.variance_pct, line.explanation)
        for c, line in zip(CostCategory, var.by_category, strict=True))
    total = CategoryRow("total", "Total", estimate.total, actual.total, var.total.variance, var.total.variance_pct,
                        var.total.explanation)
    booked = f.booked_minutes
    est_ops = {o.operation_key: o.total for o in estimate.by_operation}
    act_ops = {o.operation_key: o.total for o in actual.by_operation}
    var_ops = {line.key: line for line in var.by_operation}
    none = Figure(Decimal("0.00"), "none")
    est_materials = {o.operation_key: o.materials for o in estimate.by_operation}
    act_materials = {o.operation_key: o.materials for o in actual.by_operation}
    rows = []
    planned_total = Decimal(0)
    progress = {}  # operation key → the part of it done (cost_progress)
    for op in f.operations:
        key = bookings.operation_key(op)
        minutes = planning.planned_minutes(op.setup_minutes, op.run_minutes, f.units(op))
        planned_total += minutes
        progress[key] = operation_progress(op.status, minutes, booked.get(op.id, Decimal(0)))
        line = var_ops[key]
        rows.append(OperationRow(op.id, key, op.workstation.code, op.status, hours_of(minutes),
                                 hours_of(booked.get(op.id, Decimal(0))), est_ops.get(key, none),
                                 act_ops.get(key, none), line.variance, line.variance_pct, line.explanation,
                                 est_materials.get(key, none), act_materials.get(key, none)))
    booked_total = sum(booked.values(), Decimal(0))
    est_margin, est_pct = _margin(job.budget, estimate.total, "estimate")
    margin, pct = _margin(job.budget, actual.total, "actual cost")
    sheet = CostSheet(
        job.id, job.number, job.title, job.customer.name, job.status, job.quantity, job.due_date,
        settings_row(s).currency, job.budget, estimate, actual, var, categories, total, tuple(rows),
        hours_of(planned_total), hours_of(booked_total), percent_of(Fraction(booked_total), Fraction(planned_total)),
        est_margin, est_pct, margin, pct, db.now(),
    )
    return against_work_done(sheet, _at_standard(f, memo, amounts_only=True), progress)


def cost_sheet(db: Database, job_id: int) -> CostSheet:
    """Estimate against actual, by category and by operation, with variance and margin. Live:
    it is worked out afresh from the bookings each time."""
    with db.reader() as s:
        return cost_sheet_in_session(s, db, get_or_fail(s, Job, job_id, "job", "job"))


def estimate_job_cost(db: Database, job_id: int) -> JobCost:
    with db.reader() as s:
        return estimate_in_session(s, get_or_fail(s, Job, job_id, "job", "job"))


def actual_job_cost(db: Database, job_id: int) -> JobCost:
    with db.reader() as s:
        return actual_in_session(s, get_or_fail(s, Job, job_id, "job", "job"))


__all__ = ["CostSheet", "CategoryRow", "OperationRow", "cost_sheet", "estimate_job_cost", "actual_job_cost",
           "get_shop_overhead", "set_shop_overhead", "time_logs", "actual_from", "worked_minutes",
           "planned_minutes_in_session", "hours_of", "estimate_in_session", "actual_in_session"]
