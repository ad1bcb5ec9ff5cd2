"""Recording what a job actually cost: time on its operations, material issued and returned,
and other direct costs (subcontract, delivery, design time …).

A time log keeps the rates it was costed at (the operator's or the workstation's labour rate,
the machine rate, the overhead rate and basis — the shop default filled in when the workstation
has none), so a later rate change never rewrites history. Issues and returns move stock, each as a
movement in the stock ledger (services/stock_ledger.py) worth exactly what the job is charged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache, partial

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from ..db.engine import Database
from ..db.models import DirectCost, Job, Material, MaterialIssue, Operation, Operator, TimeLog, Workstation
from ..domain import validation as v
from ..domain.changes import Change, writes
from ..domain.costing import (BookedTime, CostRates, OverheadRule, TimeBooking, booking_lines, exact_decimal,
                              labour_rate_for)
from ..domain.errors import ValidationError
from ..domain.money import ZERO
from ..domain.statuses import BOOKABLE_JOB_STATUSES, COSTABLE_JOB_STATUSES, JobStatus, OperationStatus, OverheadBasis, \
    check_operation_move
from ..domain.stock import MovementKind
from ..domain.wording import quantity_words
from .common import clean_fields, get_or_fail, session_locale, settings_row
from .stock_ledger import move_stock

TIME_KINDS = ("labour", "machine", "both")
OTHER_COST_CATEGORIES = ("subcontract", "delivery", "design", "other")
MAX_MINUTES = Decimal(100_000)
#: How a time log was booked (TimeLog.source).
TIME_SOURCES = ("manual", "scan", "key_back", "estimate")



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


# --- shared pieces -----------------------------------------------------------------------------


def shop_overhead_rule(s: Session) -> OverheadRule | None:
    row = settings_row(s)
    if row.default_overhead_rate is None:
        return None
    return OverheadRule(row.default_overhead_rate, OverheadBasis(row.default_overhead_basis))


def rates_now(s: Session, op: Operation, operator: Operator | None) -> CostRates:
    """The rates that apply to work on ``op`` today, with the shop default filled in: a snapshot."""
    return rates_for(s, op.workstation, operator)


def rates_for(s: Session, ws: Workstation, operator: Operator | None) -> CostRates:
    overhead = ws.overhead_rate
    rates = CostRates(labour_rate_for(operator.hourly_rate if operator else None, ws.labour_rate), ws.machine_rate,
                      overhead, OverheadBasis(ws.overhead_basis) if overhead is not None else None)
    return rates.with_shop_default(shop_overhead_rule(s))


def log_rates(log: TimeLog) -> CostRates:
    return CostRates(log.labour_rate, log.machine_rate, log.overhead_rate,
                     OverheadBasis(log.overhead_basis) if log.overhead_rate is not None else None,
                     log.overhead_is_shop_default)


@lru_cache(maxsize=4096)
def hours(minutes: Decimal) -> Decimal | Fraction:
    """Minutes as hours, exactly: a Decimal when it terminates (90 → 1.5), else the Fraction
    (65 → 13/12), never a decimal cut short (1.0833…3 × 27.06 is a hair under 29.315, a penny short
    once rounded). For costing (``domain.costing.TimeBooking``); hours shown are rounded there.
    (Kept per value: a job's hundreds of bookings take the same few lengths of time.)"""
    exact = Fraction(minutes) / 60
    return exact if exact.denominator % 3 == 0 else exact_decimal(exact)


def operation_key(op: Operation) -> str:
    """How an operation is named in cost sheets: ``020 Assemble carcass``."""
    return f"{op.op_number:03d} {op.name}"


def time_booking(log: TimeLog) -> TimeBooking:
    return TimeBooking(operation_key(log.operation), log.workstation.code, hours(log.labour_minutes),
                       hours(log.machine_minutes), log_rates(log), log.operator.name if log.operator else "",
                       correction=log.reverses_id is not None)


def _job_open_for(s: Session, job_id: int, allowed: set[JobStatus], what: str) -> Job:
    job = get_or_fail(s, Job, job_id, "job", "job")
    status = JobStatus(job.status)
    if status not in allowed:
        hint = " Release it first." if status is JobStatus.PLANNED else ""
        raise ValidationError("job", f"Job {job.number} is {status.label.lower()}; {what} cannot be booked to it.{hint}")
    return job


def _minutes(value: object, locale: str) -> Decimal:
    """Minutes as the bench says them (``1h20``, ``1:20``, ``80``, ``1.5h``)."""
    return v.minutes("minutes", value, maximum=MAX_MINUTES, allow_zero=False, locale=locale)  # type: ignore[return-value]


# --- time --------------------------------------------------------------------------------------


def time_log_view(log: TimeLog, reversed_by_id: int | None = None) -> TimeLogView:
    lines = booking_lines(time_booking(log))  # as cost_job of it alone: its lines, their sum the total
    return TimeLogView(
        log.id, log.job_id, log.operation_id, log.operation.op_number, log.operation.name, log.workstation.code,
        log.operator_id, log.operator.name if log.operator else "", log.started_at, log.ended_at,
        log.labour_minutes, log.machine_minutes, log.labour_rate, log.machine_rate, log.overhead_rate,
        log.overhead_basis, log.overhead_is_shop_default, log.note, log.booked_at,
        sum((line.amount for line in lines), ZERO), "; ".join(line.explanation for line in lines),
        log.reverses_id, log.reason, reversed_by_id, log.source, log.estimated, log.quantity_done, log.clock_on_id,
    )


def reversals(s: Session, model, job_id: int) -> dict[int, int]:
    """{id of a reversed entry: id of the correction that negates it} for one job's entries of ``model``."""
    return dict(s.execute(select(model.reverses_id, model.id).where(model.job_id == job_id,
                                                                    model.reverses_id.is_not(None))).all())


def book_time_in_session(s: Session, db: Database, operation_id: int, operator_id: int | None = None, *,
                         minutes=None, started_at=None, ended_at=None, kind: str | None = None, note: str = "",
                         mark_done: bool = False, booked_at: dt.datetime | None = None,
                         any_status: bool = False, source: str = "manual", estimated: bool = False,
                         clock_on_id: int | None = None, quantity_done=None) -> TimeLog:
    """``log_time`` inside the caller's unit of work. ``any_status``: for importing history
    (the demo's finished jobs), skip the check that the job is live. ``source``: how it was booked
    (``TIME_SOURCES``); ``clock_on_id``: the clock-on this is a segment of; ``quantity_done``: units
    finished by this booking, read in the shop's locale (empty: not said)."""
    source = v.choice("source", source, TIME_SOURCES)
    done = v.quantity("quantity_done", quantity_done, required=False, allow_zero=True,
                      maximum=Decimal(10) ** 9, locale=session_locale(s))
    start = v.moment("started_at", started_at)
    end = v.moment("ended_at", ended_at)
    if (start is None) != (end is None):
        missing = "ended_at" if end is None else "started_at"
        raise ValidationError(missing, "Give both the start and the end time, or the minutes worked.")
    span = None
    if start is not None and end is not None:
        if end <= start:
            raise ValidationError("ended_at", "The end time must be after the start time.")
        span = Decimal((end - start).total_seconds()) / 60
        if span > MAX_MINUTES:
            raise ValidationError("ended_at", "That is more time than one booking can hold.")
        span = span.quantize(Decimal("0.01"))
    if minutes is None or (isinstance(minutes, str) and not minutes.strip()):
        if span is None:
            raise ValidationError("minutes", "Give the minutes worked, or the start and end time.")
        worked = span
    else:
        worked = _minutes(minutes, session_locale(s))
        if span is not None and worked > span:
            raise ValidationError("minutes", f"{v.decimal('minutes', worked)} minutes do not fit between the start "
                                             f"and the end ({span} minutes).")
    note = v.long_text("note", note)
    op = get_or_fail(s, Operation, operation_id, "operation", "operation")
    if op.supplier_id is not None:  # the supplier's time: its cost arrives with the purchase order
        raise ValidationError("operation", f"Operation {op.op_number:03d} {op.name} is done outside the shop; its "
                                           "cost comes from its purchase order, not from hours booked.")
    _job_open_for(s, op.job_id, set(JobStatus) if any_status else BOOKABLE_JOB_STATUSES, "time")
    operator = None
    if operator_id not in (None, ""):
        operator = get_or_fail(s, Operator, operator_id, "operator_id", "operator")
    if kind in (None, ""):
        kind = "both" if op.workstation.kind == "machine" else "labour"
    kind = v.choice("kind", kind, TIME_KINDS)
    rates = rates_now(s, op, operator)
    log = TimeLog(
        job_id=op.job_id, operation_id=op.id, workstation_id=op.workstation_id,
        operator_id=operator.id if operator else None, started_at=start, ended_at=end,
        labour_minutes=worked if kind in ("labour", "both") else Decimal(0),
        machine_minutes=worked if kind in ("machine", "both") else Decimal(0),
        labour_rate=rates.labour_rate, machine_rate=rates.machine_rate, overhead_rate=rates.overhead_rate,
        overhead_basis=rates.overhead_basis.value if rates.overhead_basis else None,
        overhead_is_shop_default=rates.overhead_is_shop_default, note=note,
        booked_at=booked_at or db.now(), source=source, estimated=bool(estimated), clock_on_id=clock_on_id,
        quantity_done=done,
    )
    s.add(log)
    if mark_done:
        op.status = check_operation_move(op.op_number, op.status, OperationStatus.DONE).value
    elif op.status in (OperationStatus.PENDING.value, OperationStatus.READY.value):
        # worked on: it keeps its place in history
        op.status = check_operation_move(op.op_number, op.status, OperationStatus.RUNNING).value
    s.flush()
    return log


@writes(Change.BOOKINGS | Change.ROUTING)
def log_time(db: Database, operation_id: int, operator_id: int | None = None, *, minutes=None, started_at=None,
             ended_at=None, kind: str | None = None, note: str = "", mark_done: bool = False,
             booked_at: dt.datetime | None = None, quantity_done=None) -> TimeLogView:
    """Book time on an operation: ``minutes``, or ``started_at``/``ended_at`` (both; minutes may then
    be less, for a break). ``kind``: labour, machine or both (default: both at a machine, labour
    elsewhere). Costed at today's rates, which the log keeps. Back-dated bookings give their times.
    ``quantity_done``: units finished by this booking (empty: not said)."""
    with db.session() as s:
        return time_log_view(book_time_in_session(s, db, operation_id, operator_id, minutes=minutes,
                                               started_at=started_at, ended_at=ended_at, kind=kind, note=note,
                                               mark_done=mark_done, booked_at=booked_at,
                                               quantity_done=quantity_done))


def list_time_logs(db: Database, job_id: int) -> list[TimeLogView]:
    with db.reader() as s:
        get_or_fail(s, Job, job_id, "job", "job")
        return _time_log_views(s, job_id)


# --- one job's bookings read as plain rows, for its Bookings page --------------------------------
#
# One statement each (the entry with what it names and the correction that reverses it, joined),
# no ORM objects: the views are the same as ``time_log_view``, ``issue_view`` and
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
    from ..domain.money import round_money

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


def job_bookings(db: Database, job_id: int) -> JobBookings:
    """The job's bookings in one unit of work: four statements, however many there are."""
    with db.reader() as s:
        job = get_or_fail(s, Job, job_id, "job", "job")
        return JobBookings(job.id, job.number, job.status, tuple(_time_log_views(s, job.id)),
                           tuple(_issue_views(s, job.id)), tuple(_other_cost_views(s, job.id)))


# --- material ----------------------------------------------------------------------------------


def issue_view(i: MaterialIssue, reversed_by_id: int | None = None) -> MaterialIssueView:
    from ..domain.money import round_money

    return MaterialIssueView(i.id, i.job_id, i.material_id, i.material.code if i.material else "", i.description,
                             i.quantity, i.unit, i.unit_cost, round_money(i.quantity * i.unit_cost), i.note,
                             i.issued_at, i.reverses_id, i.reason, reversed_by_id)


def _net_issued(s: Session, job_id: int, material_id: int) -> Decimal:
    total = s.scalar(select(func.sum(MaterialIssue.quantity)).where(MaterialIssue.job_id == job_id,
                                                                   MaterialIssue.material_id == material_id))
    return total if total is not None else Decimal(0)


def _last_issue_cost(s: Session, job_id: int, material_id: int) -> Decimal | None:
    return s.scalar(select(MaterialIssue.unit_cost).where(
        MaterialIssue.job_id == job_id, MaterialIssue.material_id == material_id, MaterialIssue.quantity > 0)
        .order_by(MaterialIssue.issued_at.desc(), MaterialIssue.id.desc()).limit(1))


class StockShortage(ValidationError):
    """Issuing more than the stock on hand. Not refused outright: the material is often on the
    bench already (delivered, not yet booked in), so the owner may confirm and issue anyway
    (``beyond_stock=True``), and the stock then shows below zero until it is booked in."""

    def __init__(self, code: str, unit: str, on_hand: Decimal, quantity: Decimal) -> None:
        self.on_hand, self.quantity, self.unit = on_hand, quantity, unit
        self.shortfall = quantity - max(on_hand, Decimal(0))  # what is not on the shelf
        self.after = on_hand - quantity  # what the stock will show once issued
        have = f"Only {quantity_words(on_hand)} {unit} of {code} in stock" if on_hand > 0 else (
            f"No {code} in stock (it shows {quantity_words(on_hand)} {unit})")
        super().__init__("quantity", f"{have}; issuing {quantity_words(quantity)} {unit} leaves it at "
                                     f"{quantity_words(self.after)} {unit}, {quantity_words(self.shortfall)} {unit} short. "
                                     "Issue it anyway if the material is here, or issue what is in stock.")


def move_material_in_session(s: Session, db: Database, job_id: int, *, returning: bool, material_id=None,
                             description: str = "", quantity, unit_cost=None, unit: str | None = None,
                             note: str = "", issued_at=None, any_status: bool = False,
                             beyond_stock: bool = False) -> MaterialIssue:
    locale = session_locale(s)
    qty = v.quantity("quantity", quantity, maximum=Decimal(10) ** 9, locale=locale)
    description = v.text("description", description, max_length=300)
    note = v.long_text("note", note)
    when = v.moment("issued_at", issued_at) or db.now()
    cost = v.money("unit_cost", unit_cost, required=False, locale=locale)
    unit = v.text("unit", unit, max_length=20) if unit is not None else None
    job = _job_open_for(s, job_id, set(JobStatus) if any_status else BOOKABLE_JOB_STATUSES, "material")
    material = None
    if material_id not in (None, ""):
        material = get_or_fail(s, Material, material_id, "material_id", "material")
        if returning:
            net = _net_issued(s, job.id, material.id)
            if qty > net:
                raise ValidationError("quantity", f"Only {net.normalize():f} {material.unit} of {material.code} "
                                                  f"has been issued to {job.number}; {qty.normalize():f} cannot "
                                                  "come back.")
            if cost is None:
                cost = _last_issue_cost(s, job.id, material.id)
        elif qty > material.stock_on_hand and not beyond_stock:
            raise StockShortage(material.code, material.unit, material.stock_on_hand, qty)
        if cost is None:
            cost = material.unit_cost
        description = description or material.name
        unit = unit or material.unit
    else:
        if not description:
            raise ValidationError("description", "Describe the material, or pick it from the list.")
        if cost is None:
            raise ValidationError("unit_cost", "Give the unit cost of a material that is not on the list.")
    issue = MaterialIssue(job_id=job.id, material_id=material.id if material else None, description=description,
                          quantity=-qty if returning else qty, unit=unit or "ea", unit_cost=cost, note=note,
                          issued_at=when)
    s.add(issue)
    s.flush()  # the movement names the issue
    if material is not None:
        # The value leaving (or coming back to) the shelf is exactly what the job is charged; an
        # issue beyond stock takes the stock below zero, by the owner's choice.
        move_stock(s, material, MovementKind.RETURN if returning else MovementKind.ISSUE, -issue.quantity,
                   unit_cost=cost, at=when, booked_at=db.now(), job_id=job.id, material_issue_id=issue.id)
    return issue


@writes(Change.BOOKINGS | Change.SHOP)
def issue_material(db: Database, job_id: int, *, material_id: int | None = None, description: str = "",
                   quantity, unit_cost=None, unit: str | None = None, note: str = "",
                   issued_at=None, beyond_stock: bool = False) -> MaterialIssueView:
    """Issue material to a job at today's unit cost (or ``unit_cost``); stock on hand goes down.
    More than is in stock raises ``StockShortage`` (stating the stock and the shortfall) unless
    ``beyond_stock``: then the stock goes below zero. A free-text line (no ``material_id``) needs
    a description and a unit cost and moves no stock."""
    with db.session() as s:
        return issue_view(move_material_in_session(
            s, db, job_id, returning=False, material_id=material_id, description=description, quantity=quantity,
            unit_cost=unit_cost, unit=unit, note=note, issued_at=issued_at, beyond_stock=beyond_stock))


@writes(Change.BOOKINGS | Change.SHOP)
def return_material(db: Database, job_id: int, *, material_id: int | None = None, description: str = "",
                    quantity, unit_cost=None, unit: str | None = None, note: str = "",
                    issued_at=None) -> MaterialIssueView:
    """Return unused material from a job (stored as a negative issue) at the cost it was last issued
    at; stock on hand goes up. No more can come back than went out."""
    with db.session() as s:
        return issue_view(move_material_in_session(
            s, db, job_id, returning=True, material_id=material_id, description=description, quantity=quantity,
            unit_cost=unit_cost, unit=unit, note=note, issued_at=issued_at))


def list_material_issues(db: Database, job_id: int) -> list[MaterialIssueView]:
    with db.reader() as s:
        get_or_fail(s, Job, job_id, "job", "job")
        return _issue_views(s, job_id)


# --- other direct costs ------------------------------------------------------------------------


def other_cost_view(c: DirectCost, reversed_by_id: int | None = None) -> OtherCostView:
    return OtherCostView(c.id, c.job_id, c.category, c.description, c.amount, c.incurred_on, c.created_at,
                         c.reverses_id, c.reason, reversed_by_id)


_OTHER = {
    "category": partial(v.choice, "category", allowed=OTHER_COST_CATEGORIES),
    "description": partial(v.text, "description", max_length=300),
    "amount": partial(v.money, "amount"),
}


def add_other_cost_in_session(s: Session, db: Database, job_id: int, *, category, description="", amount,
                              incurred_on=None, any_status: bool = False) -> DirectCost:
    locale = session_locale(s)
    clean = clean_fields(_OTHER, dict(category=category, description=description, amount=amount), partial=False,
                         locale=locale)
    day = v.date("incurred_on", incurred_on, required=False, locale=locale) or db.today()
    job = _job_open_for(s, job_id, set(JobStatus) if any_status else COSTABLE_JOB_STATUSES, "costs")
    cost = DirectCost(job_id=job.id, incurred_on=day, created_at=db.now(), **clean)
    s.add(cost)
    s.flush()
    return cost


@writes(Change.BOOKINGS)
def add_other_cost(db: Database, job_id: int, *, category: str, description: str = "", amount,
                   incurred_on=None) -> OtherCostView:
    """A direct cost that is neither time nor stock: subcontract, delivery, design or other."""
    with db.session() as s:
        return other_cost_view(add_other_cost_in_session(s, db, job_id, category=category, description=description,
                                                     amount=amount, incurred_on=incurred_on))


def list_other_costs(db: Database, job_id: int) -> list[OtherCostView]:
    with db.reader() as s:
        get_or_fail(s, Job, job_id, "job", "job")
        return _other_cost_views(s, job_id)


__all__ = ["TimeLogView", "MaterialIssueView", "OtherCostView", "TIME_KINDS", "TIME_SOURCES", "OTHER_COST_CATEGORIES",
           "log_time",
           "issue_material", "return_material", "add_other_cost", "list_time_logs", "list_material_issues",
           "time_log_view", "issue_view", "other_cost_view", "reversals",
           "list_other_costs", "JobBookings", "job_bookings", "shop_overhead_rule", "rates_now", "rates_for", "StockShortage"]
