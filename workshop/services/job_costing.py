"""Job costing: the estimate (routing + bill of materials at today's rates), the actual cost
(bookings at the rates they were booked at), and the cost sheet that sets them side by side with
variance and margin. The rules are the domain's (``workshop.domain.costing``); this module only
gathers the figures. Also the command line's ``job-cost`` report, as JSON-able data and as text.
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
from ..domain.errors import ValidationError
from ..domain.variance import CostVariance, WorkDone, cost_at_standard, variance
from ..domain.statuses import JobStatus, OperationStatus, OverheadBasis
from . import bookings
from .cost_progress import against_work_done, operation_progress, progress_report, split_fields
from .common import get_or_fail, settings_row, shop_locale

CATEGORY_LABELS = {CostCategory.LABOUR: "Labour", CostCategory.MACHINE: "Machine", CostCategory.OVERHEAD: "Overhead",
                   CostCategory.MATERIALS: "Materials", CostCategory.OTHER: "Other direct costs"}


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
    return estimate_job(planned, lines, (), job.quantity)


def _logs(s: Session, job_ids: list[int]) -> list[TimeLog]:
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
    return actual_from(job.quantity, _logs(s, [job.id]), issues, others, at)


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
    return cost_at_standard([bookings.time_booking(log) for log in _logs(s, [job.id])], charges,
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
        CategoryRow(c.value, CATEGORY_LABELS[c], estimate.by_category[c], actual.by_category[c], line.variance,
                    line.variance_pct, line.explanation)
        for c, line in zip(CostCategory, var.by_category, strict=True))
    total = CategoryRow("total", "Total", estimate.total, actual.total, var.total.variance, var.total.variance_pct,
                        var.total.explanation)
    ops = _operations(s, job)
    _, inputs = _bom_inputs(s, job)
    effective = planning.effective_quantities(inputs, job.quantity)
    logs = _logs(s, [job.id])
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


# --- command line reports ----------------------------------------------------------------------


def money_text(amount: Decimal | None) -> str | None:
    return None if amount is None else f"{Decimal(amount):.2f}"


def _pct_text(pct: Decimal | None) -> str | None:
    return None if pct is None else f"{pct:.2f}"


def _figure(f: Figure | None) -> dict | None:
    return None if f is None else {"amount": money_text(f.amount), "explanation": f.explanation}


def _row(r: CategoryRow) -> dict:
    return {"category": r.category, "label": r.label, "estimate": money_text(r.estimate.amount),
            "actual": money_text(r.actual.amount), "variance": money_text(r.variance),
            "variance_pct": _pct_text(r.variance_pct), "estimate_explanation": r.estimate.explanation,
            "actual_explanation": r.actual.explanation, **split_fields(r)}


def _workstations(sheet: CostSheet) -> list[dict]:
    """Estimate and actual per workstation (department): time, overhead and the materials used there."""
    est = {w.workstation_code: w for w in sheet.estimate.by_workstation}
    act = {w.workstation_code: w for w in sheet.actual.by_workstation}
    out = []
    for code in dict.fromkeys([*est, *act]):
        row: dict = {"workstation": code}
        for side, found in (("estimate", est.get(code)), ("actual", act.get(code))):
            row[side] = {c: money_text(getattr(found, c).amount if found else Decimal(0))
                         for c in ("labour", "machine", "overhead", "materials", "total")}
        out.append(row)
    return out


def sheet_report(sheet: CostSheet) -> dict:
    """A cost sheet as JSON-able data: money as strings with 2 places, percentages likewise."""
    return {
        "job": sheet.number, "title": sheet.title, "customer": sheet.customer_name, "status": sheet.status,
        "quantity": sheet.quantity, "due_date": sheet.due_date.isoformat(), "currency": sheet.currency,
        "as_of": sheet.as_of.isoformat(timespec="seconds"),
        "price": money_text(sheet.price),
        "categories": [_row(r) for r in sheet.categories],
        "total": _row(sheet.total),
        "unit_cost": {"estimate": money_text(sheet.estimate.unit_cost.amount),
                      "actual": money_text(sheet.actual.unit_cost.amount)},
        "operations": [{"operation": o.key, "workstation": o.workstation_code, "status": o.status,
                        "planned_hours": f"{o.planned_hours:.2f}", "booked_hours": f"{o.booked_hours:.2f}",
                        "estimate": money_text(o.estimate.amount), "actual": money_text(o.actual.amount),
                        "variance": money_text(o.variance), "variance_pct": _pct_text(o.variance_pct),
                        "materials_estimate": money_text(o.materials_estimate.amount),
                        "materials_actual": money_text(o.materials_actual.amount), **split_fields(o)}
                       for o in sheet.operations],
        "workstations": _workstations(sheet),
        "hours": {"planned": f"{sheet.planned_hours:.2f}", "booked": f"{sheet.booked_hours:.2f}",
                  "percent_complete": _pct_text(sheet.percent_complete)},
        "margin": {"estimated": _figure(sheet.estimated_margin), "estimated_pct": _pct_text(sheet.estimated_margin_pct),
                   "actual": _figure(sheet.margin), "actual_pct": _pct_text(sheet.margin_pct)},
        **progress_report(sheet),
    }


def job_cost_report(db: Database, number: str) -> dict:
    """``workshop job-cost J-…``: the cost sheet of the job with that number, JSON-able."""
    from .jobs import find_job_id

    if not isinstance(number, str) or not number.strip():
        raise ValidationError("job", "Give a job number, like J-2026-0001.")
    return sheet_report(cost_sheet(db, find_job_id(db, number)))


def _fmt_table(headers: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]

    def fmt(cells: list[str]) -> str:
        return "  ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths)))

    return [fmt(headers), "  ".join("-" * w for w in widths), *(fmt(r) for r in rows)]


def _opt(text: str | None, suffix: str = "") -> str:
    return "—" if text is None else text + suffix


def format_job_cost_report(report: dict) -> str:
    """The job-cost report as plain text for a terminal."""
    cur = report["currency"]
    out = [f"Job {report['job']} — {report['title']}",
           f"Customer: {report['customer']}   Status: {JobStatus(report['status']).label}   "
           f"Quantity: {report['quantity']}   "
           f"Due: {report['due_date']}",
           f"Price (budget): {_opt(report['price'], ' ' + cur)}", ""]
    rows = [[r["label"], r["estimate"], _opt(r["work_done"]), r["actual"], r["variance"], _opt(r["variance_pct"], "%"),
             _opt(r["rate_variance"]), _opt(r["usage_variance"])] for r in [*report["categories"], report["total"]]]
    out += _fmt_table(["Category", "Estimate", "Work done", "Actual", "Variance", "Var %", "Rate", "Usage"], rows,
                      {1, 2, 3, 4, 5, 6, 7})
    done = report["work_done"]
    out.append("Variance is against the " + ("whole estimate: the job is complete." if done["complete"] else
               f"estimate for the work done so far ({_opt(done['percent_of_estimate'], '%')} of the estimate)."))
    out += ["", f"Unit cost: estimate {report['unit_cost']['estimate']}, actual {report['unit_cost']['actual']}", ""]
    if report["operations"]:
        rows = [[o["operation"], o["workstation"], OperationStatus(o["status"]).label, o["planned_hours"],
                 o["booked_hours"], o["estimate"],
                 o["actual"], o["variance"], _opt(o["variance_pct"], "%")] for o in report["operations"]]
        out += _fmt_table(["Operation", "Station", "Status", "Plan h", "Booked h", "Estimate", "Actual", "Variance",
                           "Var %"], rows, {3, 4, 5, 6, 7, 8})
        out.append("")
    if report.get("workstations"):  # the textbook job-cost record: estimate by department, actual beside it
        rows = [[w["workstation"], *(w["estimate"][c] for c in ("labour", "machine", "overhead", "materials",
                                                                  "total")), w["actual"]["total"]]
                for w in report["workstations"]]
        out += _fmt_table(["Workstation", "Labour", "Machine", "Overhead", "Materials", "Estimate", "Actual"], rows,
                          {1, 2, 3, 4, 5, 6})
        out.append("")
    h = report["hours"]
    out.append(f"Hours: {h['booked']} booked of {h['planned']} planned ({_opt(h['percent_complete'], '%')} complete)")
    m = report["margin"]
    if m["actual"] is not None:
        out.append(f"Margin on estimate: {m['estimated']['amount']} ({_opt(m['estimated_pct'], '%')})")
        out.append(f"{report['margin_label']}: {m['actual']['amount']} ({_opt(m['actual_pct'], '%')})")
    else:
        out.append("Margin: no price set for this job")
    return "\n".join([*out, report["rounding_rule"]])


def wip_report(db: Database) -> dict:
    """``workshop report wip``: see ``workshop.services.wip.wip_report``."""
    from .wip import wip_report as report

    return report(db)


def format_wip_report(report: dict) -> str:
    from .wip import format_wip_report as fmt

    return fmt(report)


__all__ = ["CostSheet", "CategoryRow", "OperationRow", "cost_sheet", "estimate_job_cost", "actual_job_cost",
           "get_shop_overhead", "set_shop_overhead", "job_cost_report", "format_job_cost_report", "sheet_report",
           "wip_report", "format_wip_report", "money_text"]
