"""Job costing: the estimate (routing + bill of materials at today's rates), the actual cost
(bookings at the rates they were booked at), and the cost sheet that sets them side by side with
variance and margin. The rules are the domain's (``workshop.domain.costing``); this module works
the figures out from what ``job_figures`` reads of a job (its queries, read once per unit of work),
and keeps the shop-wide default overhead; the command line's ``job-cost`` report is
``workshop.reports.job_cost``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from ..db.engine import Database
from ..db.models import DirectCost, Job, MaterialIssue, Operation, TimeLog
from ..domain import planning
from ..domain import validation as v
from ..domain.changes import Change, writes
from ..domain.costing import (
    BomLine,
    CostCategory,
    Figure,
    JobCost,
    OverheadRule,
    PlannedOperation,
    cost_job,
    estimate_job,
    money_of,
    num,
)
from ..domain.cost_figures import percent_of
from ..domain.labels import COST_CATEGORY_LABELS
from ..domain.variance import CostVariance, WorkDone, cost_at_standard, variance
from ..domain.statuses import OverheadBasis
from . import bookings
from .cost_progress import against_work_done, operation_progress
from .job_figures import JobFigures, charges_from, other_costs_from, worked
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
    return cost_job([bookings.time_booking(log) for log in logs], charges_from(issues, material_operations),
                    other_costs_from(others), quantity)


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
    return worked(log.labour_minutes, log.machine_minutes)


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
