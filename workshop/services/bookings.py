"""Recording what a job actually cost: time on its operations, material issued and returned,
and other direct costs (subcontract, delivery, design time …).

A time log keeps the rates it was costed at (the operator's or the workstation's labour rate,
the machine rate, the overhead rate and basis — the shop default filled in when the workstation
has none), so a later rate change never rewrites history. Issues and returns move stock, each as a
movement in the stock ledger (services/stock_ledger.py) worth exactly what the job is charged.
Reading a job's bookings is in ``booking_views``; reversing them in ``booking_corrections``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import partial

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..db.engine import Database
from ..db.models import DirectCost, Job, Material, MaterialIssue, Operation, Operator, TimeLog, Workstation
from ..domain import validation as v
from ..domain.changes import Change, writes
from ..domain.errors import ValidationError
from ..domain.money import ZERO, round_money
from ..domain.statuses import BOOKABLE_JOB_STATUSES, COSTABLE_JOB_STATUSES, JobStatus, OperationStatus, OverheadBasis, \
    check_operation_move
from ..domain.stock import MovementKind
from ..domain.time_costing import CostRates, OverheadRule, TimeBooking, booking_lines, labour_rate_for
from ..domain.wording import quantity_words
from .booking_views import MaterialIssueView, OtherCostView, TimeLogView, hours
from .common import clean_fields, get_or_fail, session_locale, settings_row
from .operations import hold_routing
from .stock_ledger import move_stock

TIME_KINDS = ("labour", "machine", "both")
OTHER_COST_CATEGORIES = ("subcontract", "delivery", "design", "other")
MAX_MINUTES = Decimal(100_000)
#: How a time log was booked (TimeLog.source).
TIME_SOURCES = ("manual", "scan", "key_back", "estimate")


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
    hold_routing(s, op.job_id)  # its status may change: on a server, after a terminal's clock-on, never under it
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


# --- material ----------------------------------------------------------------------------------


def issue_view(i: MaterialIssue, reversed_by_id: int | None = None) -> MaterialIssueView:
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


__all__ = ["TIME_KINDS", "TIME_SOURCES", "OTHER_COST_CATEGORIES", "log_time", "issue_material", "return_material",
           "add_other_cost", "time_log_view", "issue_view", "other_cost_view", "shop_overhead_rule", "rates_now",
           "rates_for", "StockShortage"]
