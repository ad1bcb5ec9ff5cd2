"""Reading a job's bookings: its time logs, material issues and other direct costs as frozen
views (each with the correction that reverses it), one statement a list, for its Bookings page and
the ``list_…`` readers. Booking and reversing are in ``bookings`` and ``booking_corrections``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from ..db.engine import Database
from ..db.models import DirectCost, Job, Material, MaterialIssue, Operation, Operator, TimeLog, Workstation
from ..domain.cost_figures import exact_decimal
from ..domain.money import ZERO, round_money
from ..domain.statuses import OverheadBasis
from ..domain.time_costing import BookedTime, CostRates, booking_lines
from .common import get_or_fail


@dataclass(frozen=True)
class TimeLogView:
    id: int
    job_id: int
    operation_id: int
    op_number: int
    operation_name: str
    workstation_code: str
    operator_id: int | None
    operator_name: str
    started_at: dt.datetime | None
    ended_at: dt.datetime | None
    labour_minutes: Decimal
    machine_minutes: Decimal
    labour_rate: Decimal
    machine_rate: Decimal
    overhead_rate: Decimal | None
    overhead_basis: str | None
    overhead_is_shop_default: bool
    note: str
    booked_at: dt.datetime
    cost: Decimal  # labour + machine + overhead at the snapshot rates, rounded once
    cost_explanation: str
    reverses_id: int | None = None  # a correction: the entry it negates
    reason: str = ""  # why a correction was made
    reversed_by_id: int | None = None  # the correction that negates this entry, if any
    source: str = "manual"  # manual | scan | key_back | estimate (see TimeLog.source)
    estimated: bool = False  # a forgotten clock-off closed at a time given afterwards
    quantity_done: Decimal | None = None  # units finished on the operation by this booking (None: not said)
    clock_on_id: int | None = None  # the clock-on this is a time segment of (scanned time)


@dataclass(frozen=True)
class MaterialIssueView:
    id: int
    job_id: int
    material_id: int | None
    material_code: str
    description: str
    quantity: Decimal  # negative: a return
    unit: str
    unit_cost: Decimal
    amount: Decimal  # quantity × unit cost, rounded
    note: str
    issued_at: dt.datetime
    reverses_id: int | None = None
    reason: str = ""
    reversed_by_id: int | None = None

    @property
    def is_return(self) -> bool:
        return self.quantity < 0 and self.reverses_id is None


@dataclass(frozen=True)
class OtherCostView:
    id: int
    job_id: int
    category: str
    description: str
    amount: Decimal
    incurred_on: dt.date
    created_at: dt.datetime
    reverses_id: int | None = None
    reason: str = ""
    reversed_by_id: int | None = None


@dataclass(frozen=True)
class JobBookings:
    """What a job's Bookings page shows: the job's number and status (what may be booked to it),
    and its time, material and other costs, each list as its ``list_…`` function gives it."""
    job_id: int
    number: str
    status: str
    times: tuple[TimeLogView, ...]
    issues: tuple[MaterialIssueView, ...]
    others: tuple[OtherCostView, ...]


@lru_cache(maxsize=4096)
def hours(minutes: Decimal) -> Decimal | Fraction:
    """Minutes as hours, exactly: a Decimal when it terminates (90 → 1.5), else the Fraction
    (65 → 13/12), never a decimal cut short (1.0833…3 × 27.06 is a hair under 29.315, a penny short
    once rounded). For costing (``domain.costing.TimeBooking``); hours shown are rounded there.
    (Kept per value: a job's hundreds of bookings take the same few lengths of time.)"""
    exact = Fraction(minutes) / 60
    return exact if exact.denominator % 3 == 0 else exact_decimal(exact)


def reversals(s: Session, model, job_id: int) -> dict[int, int]:
    """{id of a reversed entry: id of the correction that negates it} for one job's entries of ``model``."""
    return dict(s.execute(select(model.reverses_id, model.id).where(model.job_id == job_id,
                                                                    model.reverses_id.is_not(None))).all())


# --- one job's bookings read as plain rows, for its Bookings page --------------------------------
#
# One statement each (the entry with what it names and the correction that reverses it, joined),
# no ORM objects: the views are the same as ``bookings.time_log_view``, ``issue_view`` and
# ``other_cost_view`` make from records, in the same order.

_Reversal = aliased(TimeLog, name="reversal")
_IssueReversal = aliased(MaterialIssue, name="issue_reversal")
_CostReversal = aliased(DirectCost, name="cost_reversal")


def _time_log_views(s: Session, job_id: int) -> list[TimeLogView]:
    rows = s.execute(
        select(TimeLog.id, TimeLog.job_id, TimeLog.operation_id, Operation.op_number, Operation.name,
               Workstation.code, TimeLog.operator_id, Operator.name, TimeLog.started_at, TimeLog.ended_at,
               TimeLog.labour_minutes, TimeLog.machine_minutes, TimeLog.labour_rate, TimeLog.machine_rate,
               TimeLog.overhead_rate, TimeLog.overhead_basis, TimeLog.overhead_is_shop_default, TimeLog.note,
               TimeLog.booked_at, TimeLog.reverses_id, TimeLog.reason, _Reversal.id, TimeLog.source,
               TimeLog.estimated, TimeLog.quantity_done, TimeLog.clock_on_id)
        .join(Operation, Operation.id == TimeLog.operation_id)
        .join(Workstation, Workstation.id == TimeLog.workstation_id)
        .outerjoin(Operator, Operator.id == TimeLog.operator_id)
        .outerjoin(_Reversal, _Reversal.reverses_id == TimeLog.id)
        .where(TimeLog.job_id == job_id)
        .order_by(func.coalesce(TimeLog.started_at, TimeLog.booked_at), TimeLog.id)).all()
    rates: dict[tuple, CostRates] = {}
    costs: dict[tuple, tuple[Decimal, str]] = {}  # the same booking figures, the same lines
    views = []
    for (log_id, job, operation_id, op_number, op_name, station, operator_id, operator, started, ended, labour,
         machine, labour_rate, machine_rate, overhead_rate, basis, shop_default, note, booked, reverses_id, reason,
         reversed_by_id, source, estimated, quantity_done, clock_on_id) in rows:
        rate_key = (labour_rate, machine_rate, overhead_rate, basis, shop_default)
        log_rates_ = rates.get(rate_key)
        if log_rates_ is None:
            log_rates_ = rates[rate_key] = CostRates(
                labour_rate, machine_rate, overhead_rate,
                OverheadBasis(basis) if overhead_rate is not None else None, shop_default)
        cost_key = (op_number, op_name, station, labour, machine, rate_key, operator, reverses_id is not None)
        cost = costs.get(cost_key)
        if cost is None:  # as time_log_view: the booking's lines as cost_job of it alone has them
            lines = booking_lines(BookedTime(f"{op_number:03d} {op_name}", station, hours(labour), hours(machine),
                                             log_rates_, operator or "", reverses_id is not None))
            cost = costs[cost_key] = (sum((line.amount for line in lines), ZERO),
                                      "; ".join(line.explanation for line in lines))
        views.append(TimeLogView(
            log_id, job, operation_id, op_number, op_name, station, operator_id, operator or "", started, ended,
            labour, machine, labour_rate, machine_rate, overhead_rate, basis, shop_default, note, booked, *cost,
            reverses_id, reason, reversed_by_id, source, estimated, quantity_done, clock_on_id))
    return views


def _issue_views(s: Session, job_id: int) -> list[MaterialIssueView]:
    rows = s.execute(
        select(MaterialIssue.id, MaterialIssue.job_id, MaterialIssue.material_id, Material.code,
               MaterialIssue.description, MaterialIssue.quantity, MaterialIssue.unit, MaterialIssue.unit_cost,
               MaterialIssue.note, MaterialIssue.issued_at, MaterialIssue.reverses_id, MaterialIssue.reason,
               _IssueReversal.id)
        .outerjoin(Material, Material.id == MaterialIssue.material_id)
        .outerjoin(_IssueReversal, _IssueReversal.reverses_id == MaterialIssue.id)
        .where(MaterialIssue.job_id == job_id)
        .order_by(MaterialIssue.issued_at, MaterialIssue.id)).all()
    return [MaterialIssueView(issue_id, job, material_id, code or "", description, quantity, unit, unit_cost,
                              round_money(quantity * unit_cost), note, issued_at, reverses_id, reason, reversed_by_id)
            for (issue_id, job, material_id, code, description, quantity, unit, unit_cost, note, issued_at,
                 reverses_id, reason, reversed_by_id) in rows]


def _other_cost_views(s: Session, job_id: int) -> list[OtherCostView]:
    rows = s.execute(
        select(DirectCost.id, DirectCost.job_id, DirectCost.category, DirectCost.description, DirectCost.amount,
               DirectCost.incurred_on, DirectCost.created_at, DirectCost.reverses_id, DirectCost.reason,
               _CostReversal.id)
        .outerjoin(_CostReversal, _CostReversal.reverses_id == DirectCost.id)
        .where(DirectCost.job_id == job_id)
        .order_by(DirectCost.incurred_on, DirectCost.id)).all()
    return [OtherCostView(*row) for row in rows]


def job_bookings(db: Database, job_id: int) -> JobBookings:
    """The job's bookings in one unit of work: four statements, however many there are."""
    with db.reader() as s:
        job = get_or_fail(s, Job, job_id, "job", "job")
        return JobBookings(job.id, job.number, job.status, tuple(_time_log_views(s, job.id)),
                           tuple(_issue_views(s, job.id)), tuple(_other_cost_views(s, job.id)))


def list_time_logs(db: Database, job_id: int) -> list[TimeLogView]:
    with db.reader() as s:
        get_or_fail(s, Job, job_id, "job", "job")
        return _time_log_views(s, job_id)


def list_material_issues(db: Database, job_id: int) -> list[MaterialIssueView]:
    with db.reader() as s:
        get_or_fail(s, Job, job_id, "job", "job")
        return _issue_views(s, job_id)


def list_other_costs(db: Database, job_id: int) -> list[OtherCostView]:
    with db.reader() as s:
        get_or_fail(s, Job, job_id, "job", "job")
        return _other_cost_views(s, job_id)


__all__ = ["TimeLogView", "MaterialIssueView", "OtherCostView", "JobBookings", "job_bookings", "list_time_logs",
           "list_material_issues", "list_other_costs", "reversals", "hours"]
