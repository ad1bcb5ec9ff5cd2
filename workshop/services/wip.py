"""Work-in-progress valuation: every job between released and inspection with its accrued
actual cost, how far along it is (hours booked over hours planned) and what has been billed.

Billed to date is **net of tax**: WIP is cost accounting, and tax collected is owed to the tax
office, not earned. It is the net of the job's issued invoices less its issued credit notes;
drafts bill nothing.

The figures are the cost sheet's (``job_costing.cost_sheet``: the same rules, to the penny), worked
out in SQL for every job at once: a handful of grouped statements, not two queries per job. Money,
minutes and quantities are stored as integers (hundredths, thousandths), so each cost line is
rounded exactly in integer arithmetic, half away from zero as ``money.round_money`` does, and the
rounded lines are summed per job and category (``money.line_rounding_rule``):

- a time log's labour: labour minutes × its labour rate; its machine time: machine minutes × its
  machine rate; its overhead by the basis frozen on it (per labour hour, per machine hour, or a
  percentage of its exact labour cost); a log with no overhead rate carries none;
- a material issue: quantity × unit cost (a return is negative);
- another direct cost: its amount.

Each is exact before it is rounded, as the domain's lines are (its hours are fractions when they do
not terminate): 65 min at 27.06/h is 6500 × 2706 / 6,000 = 2931.5 hundredths, a line of 29.32.
Planned minutes of an operation on a sub-assembly come from the job's bill of materials
(``domain.planning``), read only for the jobs that have one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from sqlalchemy import BigInteger, case, func, literal_column, select, type_coerce

from ..db.engine import Database
from ..db.models import BomItem, Customer, DirectCost, Invoice, Job, MaterialIssue, Operation, TimeLog
from ..domain import planning
from ..domain.costing import Figure
from ..domain.invoice_status import InvoiceStatus
from ..domain.invoicing import InvoiceKind
from ..domain.statuses import WIP_JOB_STATUSES, OverheadBasis
from .common import settings_row

HUNDRED = Decimal("100.00")


@dataclass(frozen=True)
class WipRow:
    job_id: int
    number: str
    title: str
    customer_name: str
    status: str
    due_date: dt.date
    budget: Decimal | None
    planned_hours: Decimal
    booked_hours: Decimal
    percent_complete: Decimal | None  # the true value (may pass 100); None when nothing is planned
    accrued_cost: Figure  # actual cost to date, explained
    billed_to_date: Decimal  # net of tax: issued invoices less issued credit notes
    wip_value: Decimal  # accrued − billed

    @property
    def percent_complete_display(self) -> Decimal | None:
        """For a progress bar: capped at 100 (the true value is ``percent_complete``)."""
        return None if self.percent_complete is None else min(self.percent_complete, HUNDRED)


@dataclass(frozen=True)
class WipReport:
    as_of: dt.datetime
    currency: str
    rows: tuple[WipRow, ...]
    accrued_cost: Decimal
    billed_to_date: Decimal
    wip_value: Decimal
    planned_hours: Decimal
    booked_hours: Decimal


# --- integer arithmetic, the same rounding as money.round_money ------------------------------------

# Divisors that turn a product of stored integers into hundredths (pence, cents):
#   labour, machine, overhead per hour: minutes/100 ÷ 60 × rate in hundredths  → ÷ 6,000
#   overhead as a % of labour: the above × (rate % in hundredths) ÷ 100 ÷ 100   → ÷ 60,000,000
#   material: quantity in thousandths × unit cost in hundredths                → ÷ 1,000
BY_HOUR, BY_PERCENT, BY_QUANTITY = 6_000, 60_000_000, 1_000


def _half_away(numerator: int, denominator: int) -> int:
    """``numerator / denominator`` to a whole number, half away from zero (``denominator`` > 0)."""
    whole, rest = divmod(abs(numerator), denominator)
    if 2 * rest >= denominator:
        whole += 1
    return whole if numerator >= 0 else -whole


def _cents(value: int) -> Decimal:
    """Hundredths as a Decimal with two places (``1234`` → ``12.34``)."""
    return Decimal(value).scaleb(-2)


def _num(value: int) -> str:
    """Hundredths as ``costing.num`` writes an amount in an explanation: ``1,234.50``, ``-0.05``."""
    if not value:
        return "0.00"
    if -_FLOAT_EXACT < value < _FLOAT_EXACT:
        return f"{value / 100:,.2f}"
    whole, cents = divmod(abs(value), 100)
    return f"{'-' if value < 0 else ''}{whole:,}.{cents:02d}"


#: Below this many hundredths, value / 100 as a float is within far less than half a hundredth of the
#: amount, so formatting it to two places gives the amount's own digits (and is three times quicker).
_FLOAT_EXACT = 10**13


def _int(column):
    """A stored integer as it is (not read back through its column type as a Decimal)."""
    return type_coerce(column, BigInteger)


def _sql_half_away(product, denominator: int):
    """SQL for ``product / denominator`` rounded half away from zero. Integer division truncates
    toward zero on SQLite and PostgreSQL alike, so the half is added with the product's sign."""
    half = denominator // 2
    return (product + case((product < 0, -half), else_=half)) // denominator


_LM, _MM = _int(TimeLog.labour_minutes), _int(TimeLog.machine_minutes)
_LR, _MR, _OR = _int(TimeLog.labour_rate), _int(TimeLog.machine_rate), _int(TimeLog.overhead_rate)
_BASIS = TimeLog.overhead_basis
_PRODUCTS = {  # each cost line of a time log, as (product of stored integers, divisor)
    "labour": (_LM * _LR, BY_HOUR),
    "machine": (_MM * _MR, BY_HOUR),
    OverheadBasis.PER_LABOUR_HOUR: (_LM * _OR, BY_HOUR),
    OverheadBasis.PER_MACHINE_HOUR: (_MM * _OR, BY_HOUR),
    OverheadBasis.PERCENT_OF_LABOUR: (_LM * _LR * _OR, BY_PERCENT),
}


def _overhead_sql():
    """A log's overhead line: by its frozen basis; none without a rate (NULL products sum as nothing)."""
    return case(*[(_BASIS == basis.value, _sql_half_away(*_PRODUCTS[basis])) for basis in OverheadBasis], else_=0)


# --- the report ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Queries:
    jobs: object  # the jobs in WIP, by due date
    time: object  # per job: labour, machine, overhead (hundredths), minutes worked (hundredths)
    materials: object  # per job: materials (hundredths)
    others: object  # per job: other direct costs (hundredths)
    planned: object  # per job: planned minutes (hundredths) off sub-assemblies, operations on one
    billed: object  # per job: issued invoices' net less issued credit notes' (hundredths)


@cache
def _queries() -> _Queries:
    """The statements, built once (each is grouped by job over the jobs in WIP)."""
    # the statuses written into the statements: an expanding IN is rebuilt on every execution
    in_wip = Job.status.in_([literal_column(f"'{s.value}'") for s in sorted(WIP_JOB_STATUSES)])

    def per_job(model, *sums, where=()):
        return select(model.job_id, *sums).join(Job, Job.id == model.job_id).where(in_wip, *where).group_by(
            model.job_id)

    on_job = Operation.subassembly_id.is_(None)
    credit = case((Invoice.kind == InvoiceKind.CREDIT_NOTE.value, -1), else_=1)
    return _Queries(
        select(Job.id, Job.number, Job.title, Customer.name, Job.status, Job.due_date, Job.budget)
        .join(Customer, Customer.id == Job.customer_id).where(in_wip).order_by(Job.due_date, Job.number),
        per_job(TimeLog, func.sum(_sql_half_away(*_PRODUCTS["labour"])),
                func.sum(case((_MM == 0, 0), else_=_sql_half_away(*_PRODUCTS["machine"]))),
                func.sum(_overhead_sql()), func.sum(case((_LM >= _MM, _LM), else_=_MM))),
        per_job(MaterialIssue, func.sum(_sql_half_away(_int(MaterialIssue.quantity) * _int(MaterialIssue.unit_cost),
                                                       BY_QUANTITY))),
        per_job(DirectCost, func.sum(_int(DirectCost.amount))),
        per_job(Operation, func.sum(case((on_job, _int(Operation.setup_minutes)
                                          + _int(Operation.run_minutes) * Job.quantity), else_=0)),
                func.sum(case((on_job, 0), else_=1))),
        per_job(Invoice, func.sum(credit * _int(Invoice.net)), where=[Invoice.status != InvoiceStatus.DRAFT.value]),
    )


def work_in_progress(db: Database) -> WipReport:
    """Jobs released up to inspection, by due date, with totals; billed to date net of tax."""
    q = _queries()
    with db.reader() as session:
        s = session.connection()  # Core rows: plain tuples, no ORM loading on the way
        jobs = s.execute(q.jobs).all()
        time = {job_id: [int(v or 0) for v in sums] for job_id, *sums in s.execute(q.time).all()}
        materials = {job_id: int(total) for job_id, total in s.execute(q.materials).all()}
        others = {job_id: int(total) for job_id, total in s.execute(q.others).all()}
        planned, on_parts = {}, []
        for job_id, total, parts in s.execute(q.planned).all():
            planned[job_id] = int(total)
            if parts:
                on_parts.append(job_id)
        if on_parts:
            _plan_subassemblies(s, on_parts, planned)
        billed = {job_id: int(total) for job_id, total in s.execute(q.billed).all()}
        currency = settings_row(session).currency
    rows = []
    total_accrued = total_billed = total_planned = total_booked = 0  # hundredths (of money, of hours)
    no_time = [0, 0, 0, 0]
    for job_id, number, title, customer, status, due, budget in jobs:
        labour, machine, overhead, booked = time.get(job_id, no_time)
        material, other, plan, bill = (materials.get(job_id, 0), others.get(job_id, 0), planned.get(job_id, 0),
                                       billed.get(job_id, 0))
        accrued = labour + machine + overhead + material + other
        explained = Figure(_cents(accrued), f"labour {_num(labour)} + machine {_num(machine)} + overhead "
                                            f"{_num(overhead)} + materials {_num(material)} + other {_num(other)}")
        plan_h, booked_h = _half_away(plan, 60), _half_away(booked, 60)  # minutes/100 ÷ 60 to 0.01 h
        pct = None if plan == 0 else _cents(_half_away(booked * 10_000, plan))
        rows.append(WipRow(job_id, number, title, customer, status, due, budget, _cents(plan_h), _cents(booked_h),
                           pct, explained, _cents(bill), _cents(accrued - bill)))
        total_accrued += accrued
        total_billed += bill
        total_planned += plan_h
        total_booked += booked_h
    return WipReport(db.now(), currency, tuple(rows), _cents(total_accrued), _cents(total_billed),
                     _cents(total_accrued - total_billed), _cents(total_planned), _cents(total_booked))


def _plan_subassemblies(s, job_ids: list[int], planned: dict[int, int]) -> None:
    """Add the planned minutes of the jobs' operations on a sub-assembly: setup + run × the
    sub-assembly's quantity over the whole job (``planning.effective_quantities``), each rounded
    as the cost sheet does."""
    nodes: dict[int, list[planning.BomNodeInput]] = {job_id: [] for job_id in job_ids}
    for item in s.execute(select(BomItem.job_id, BomItem.id, BomItem.parent_id, BomItem.quantity, BomItem.unit_cost,
                                 BomItem.is_assembly).where(BomItem.job_id.in_(job_ids))):
        nodes[item.job_id].append(planning.BomNodeInput(*item[1:]))
    effective = {}
    for job_id, setup, run, subassembly_id, quantity in s.execute(
            select(Operation.job_id, Operation.setup_minutes, Operation.run_minutes, Operation.subassembly_id,
                   Job.quantity)
            .join(Job, Job.id == Operation.job_id)
            .where(Operation.job_id.in_(job_ids), Operation.subassembly_id.is_not(None))):
        if job_id not in effective:
            effective[job_id] = planning.effective_quantities(nodes[job_id], quantity)
        minutes = planning.planned_minutes(setup, run, planning.operation_quantity(subassembly_id, effective[job_id],
                                                                                   quantity))
        planned[job_id] += int(minutes.scaleb(2))


__all__ = ["WipRow", "WipReport", "work_in_progress"]
