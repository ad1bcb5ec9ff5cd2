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

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from ..db.engine import Database
from ..db.models import BomItem, DirectCost, Job, MaterialIssue, Operation, TimeLog
from ..domain import planning
from ..domain import validation as v
from ..domain.changes import Change, writes
from ..domain.costing import (
    BomLine,
    CostCategory,
    Figure,
    JobCost,
    MaterialCharge,
    OtherCost,
    OverheadRule,
    PlannedOperation,
    cost_job,
    estimate_job,
    money_of,
    num,
    percent_of,
)
from ..domain.labels import COST_CATEGORY_LABELS
from ..domain.variance import CostVariance, WorkDone, cost_at_standard, variance
from ..domain.statuses import OverheadBasis
from . import bookings
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


# --- estimate and actual, inside a unit of work ------------------------------------------------


def _operations(s: Session, job: Job) -> list[Operation]:
    return list(s.scalars(select(Operation).where(Operation.job_id == job.id)
                          .options(selectinload(Operation.workstation), selectinload(Operation.operator))
                          .order_by(Operation.sequence, Operation.id)))


def _bom_inputs(s: Session, job: Job) -> tuple[list[BomItem], list[planning.BomNodeInput]]:
    items = list(s.scalars(select(BomItem).where(BomItem.job_id == job.id).order_by(BomItem.position, BomItem.id)))
    return items, [planning.BomNodeInput(i.id, i.parent_id, i.quantity, i.unit_cost, i.is_assembly) for i in items]


def planned_operation(s: Session, op: Operation, units: Decimal) -> PlannedOperation:
    """An operation as the estimate sees it, at today's rates (its assigned operator's, if any)."""
    rates = bookings.rates_now(s, op, op.operator)
    run, attended, qty = op.run_minutes, op.labour_run_minutes, units
    if qty != qty.to_integral_value() or qty < 1:  # a fractional sub-assembly count: fold it into the run
        run, qty = op.run_minutes * units, Decimal(1)
        attended = None if attended is None else attended * units
    return PlannedOperation(bookings.operation_key(op), op.workstation.code, op.setup_minutes, run, int(qty), rates,
                            op.workstation.kind == "machine", op.operator.name if op.operator else "", attended)


def operation_names(ops: list[Operation]) -> dict[int, tuple[str, str]]:
    """Operation id → (key as in cost sheets, workstation code): where a BOM line's material is used."""
    return {op.id: (bookings.operation_key(op), op.workstation.code) for op in ops}


def _material_operations(items: list[BomItem], names: dict[int, tuple[str, str]]) -> dict[int, tuple[str, str]]:
    """Material id → the one operation its BOM lines name, so an issue of it is charged there. A
    material with lines at two operations, or a line naming none, stays with the job as a whole."""
    found: dict[int, set[tuple[str, str]]] = {}
    for i in items:
        if i.material_id is not None and not i.is_assembly:
            found.setdefault(i.material_id, set()).add(names.get(i.operation_id, ("", "")))
    return {m: next(iter(ops)) for m, ops in found.items() if len(ops) == 1 and ("", "") not in ops}


def estimate_in_session(s: Session, job: Job) -> JobCost:
    """What the job should cost: its routing (setup + run × quantity) and bill of materials at
    today's rates and costs, by the same rules as the actual cost."""
    items, inputs = _bom_inputs(s, job)
    effective = planning.effective_quantities(inputs, job.quantity)
    ops = _operations(s, job)
    planned = [planned_operation(s, op, planning.operation_quantity(op.subassembly_id, effective, job.quantity))
               for op in ops]
    per_unit = planning.effective_quantities(inputs, 1)  # the BOM per finished unit
    names = operation_names(ops)
    lines = [BomLine(i.description, per_unit[i.id], i.unit_cost, *names.get(i.operation_id, ("", "")))
             for i in items if not i.is_assembly]
    # work done outside is estimated at its purchase order's amount (nothing until it is ordered)
    return estimate_job(planned, lines, outside_estimates(s, job, ops), job.quantity)


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


def _charges(issues: list[MaterialIssue], material_operations: dict[int, tuple[str, str]] | None) -> list:
    at = material_operations or {}
    return [MaterialCharge(i.description, i.quantity, i.unit_cost, *at.get(i.material_id, ("", ""))) for i in issues]


def _other_costs(others: list[DirectCost]) -> list[OtherCost]:
    return [OtherCost(c.category, c.description, c.amount, c.reverses_id is not None) for c in others]


def _spent(s: Session, job: Job) -> tuple[list[MaterialIssue], list[DirectCost], dict[int, tuple[str, str]]]:
    """The job's material issues and other costs, and the operation each material is charged to."""
    issues = list(s.scalars(select(MaterialIssue).where(MaterialIssue.job_id == job.id)
                            .order_by(MaterialIssue.issued_at, MaterialIssue.id)))
    others = list(s.scalars(select(DirectCost).where(DirectCost.job_id == job.id)
                            .order_by(DirectCost.incurred_on, DirectCost.id)))
    items, _ = _bom_inputs(s, job)
    return issues, others, _material_operations(items, operation_names(_operations(s, job)))


def actual_in_session(s: Session, job: Job) -> JobCost:
    issues, others, at = _spent(s, job)
    return actual_from(job.quantity, time_logs(s, [job.id]), issues, others, at)


def at_standard_in_session(s: Session, job: Job) -> JobCost:
    """The work actually done (hours, material) at the estimate's rates and unit costs: the
    middle figure of the rate / usage split (``workshop.domain.variance``)."""
    issues, others, at = _spent(s, job)
    rates = {bookings.operation_key(op): bookings.rates_now(s, op, op.operator) for op in _operations(s, job)}
    items, _ = _bom_inputs(s, job)
    unit_costs: dict[object, Decimal] = {}
    for i in items:  # a material's estimated unit cost: its first line in the bill of materials
        if not i.is_assembly:
            unit_costs.setdefault(i.material_id or i.description, i.unit_cost)
    charges = [(c, unit_costs.get(i.material_id or i.description)) for c, i in zip(_charges(issues, at), issues)]
    return cost_at_standard([bookings.time_booking(log) for log in time_logs(s, [job.id])], charges,
                            _other_costs(others), job.quantity, rates)


def worked_minutes(log: TimeLog) -> Decimal:
    """Time spent on the operation by a log: a person's time, or an unattended machine's."""
    return max(log.labour_minutes, log.machine_minutes)


def planned_minutes_in_session(s: Session, job: Job) -> Decimal:
    _, inputs = _bom_inputs(s, job)
    effective = planning.effective_quantities(inputs, job.quantity)
    return sum((planning.planned_minutes(o.setup_minutes, o.run_minutes,
                                         planning.operation_quantity(o.subassembly_id, effective, job.quantity))
                for o in s.scalars(select(Operation).where(Operation.job_id == job.id))), Decimal(0))


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
    estimate = estimate_in_session(s, job)
    actual = actual_in_session(s, job)
    var = variance(estimate, actual)
    categories = tuple(
        CategoryRow(c.value, COST_CATEGORY_LABELS[c], estimate.by_category[c], actual.by_category[c],
                    line.variance, line.variance_pct, line.explanation)
        for c, line in zip(CostCategory, var.by_category, strict=True))
    total = CategoryRow("total", "Total", estimate.total, actual.total, var.total.variance, var.total.variance_pct,
                        var.total.explanation)
    ops = _operations(s, job)
    _, inputs = _bom_inputs(s, job)
    effective = planning.effective_quantities(inputs, job.quantity)
    logs = time_logs(s, [job.id])
    booked: dict[int, Decimal] = {}
    for log in logs:
        booked[log.operation_id] = booked.get(log.operation_id, Decimal(0)) + worked_minutes(log)
    est_ops = {o.operation_key: o.total for o in estimate.by_operation}
    act_ops = {o.operation_key: o.total for o in actual.by_operation}
    var_ops = {line.key: line for line in var.by_operation}
    none = Figure(Decimal("0.00"), "none")
    est_materials = {o.operation_key: o.materials for o in estimate.by_operation}
    act_materials = {o.operation_key: o.materials for o in actual.by_operation}
    rows = []
    planned_total = Decimal(0)
    progress = {}  # operation key → the part of it done (cost_progress)
    for op in ops:
        key = bookings.operation_key(op)
        minutes = planning.planned_minutes(op.setup_minutes, op.run_minutes,
                                           planning.operation_quantity(op.subassembly_id, effective, job.quantity))
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
    return against_work_done(sheet, at_standard_in_session(s, job), progress)


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
