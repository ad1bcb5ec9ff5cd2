"""Change orders on a live job: what the customer asked to change, its price and time impact
(hours by workstation, materials, days), and their decision. Approving one applies it in one unit
of work — budget, due date, new operations and bill-of-materials lines — or nothing at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from ..db.engine import Database
from ..db.models import (BomItem, ChangeOrder, ChangeOrderHours, ChangeOrderMaterial, Job, Material, Operation,
                         Workstation)
from ..domain import validation as v
from ..domain.changes import Change, writes
from ..domain.costing import BomLine, Figure, PlannedOperation, estimate_job
from ..domain.errors import ValidationError
from ..domain.pricing import apply_change
from ..domain.statuses import OPEN_JOB_STATUSES, ChangeOrderStatus, JobStatus
from . import bookings
from .bom import next_position
from .common import get_or_fail, session_locale, shop_locale
from .operations import insert_operation


@dataclass(frozen=True)
class ChangeHoursView:
    workstation_id: int
    workstation_code: str
    name: str
    minutes: Decimal
    operation_id: int | None  # the operation approval added


@dataclass(frozen=True)
class ChangeMaterialView:
    material_id: int | None
    material_code: str
    description: str
    quantity: Decimal  # per unit of the job, as in the bill of materials
    unit: str
    unit_cost: Decimal
    bom_item_id: int | None  # the line approval added


@dataclass(frozen=True)
class ChangeOrderView:
    id: int
    job_id: int
    job_number: str
    number: int
    label: str  # "J-2026-0003 CO2"
    description: str
    requested_by: str
    requested_on: dt.date
    price_change: Decimal
    days_delta: int
    status: ChangeOrderStatus
    decided_on: dt.date | None
    decision_note: str
    hours: tuple[ChangeHoursView, ...]
    materials: tuple[ChangeMaterialView, ...]
    cost_impact: Figure  # the extra work and materials at today's rates, explained
    new_budget: Figure  # what the job's budget is (approved) or would be (proposed) after the change
    new_due_date: dt.date | None
    due_date_explanation: str


def _hours_input(raw: object, index: int, locale: str) -> dict:
    if not isinstance(raw, Mapping):
        raise ValidationError("hours", f"Hours line {index}: give a workstation and minutes.")
    try:
        minutes = v.minutes("minutes", raw.get("minutes"), allow_zero=False, locale=locale)
    except ValidationError as error:
        raise ValidationError("hours", f"Hours line {index}: {error.message}") from None
    name = v.text("hours", raw.get("name") or "", max_length=200)
    return {"workstation_id": raw.get("workstation_id"), "minutes": minutes, "name": name}


def _material_input(raw: object, index: int, locale: str) -> dict:
    if not isinstance(raw, Mapping):
        raise ValidationError("materials", f"Material line {index}: give a material or description and a quantity.")
    try:
        qty = v.quantity("quantity", raw.get("quantity"), locale=locale)
        cost = v.money("unit_cost", raw.get("unit_cost"), required=False, locale=locale)
    except ValidationError as error:
        raise ValidationError("materials", f"Material line {index}: {error.message}") from None
    return {"material_id": raw.get("material_id"), "description": v.text("materials", raw.get("description") or "",
                                                                         max_length=300),
            "quantity": qty, "unit_cost": cost, "unit": raw.get("unit")}


def _live_job(s: Session, job_id: int) -> Job:
    job = get_or_fail(s, Job, job_id, "job", "job")
    if JobStatus(job.status) not in OPEN_JOB_STATUSES:
        raise ValidationError("job", f"Job {job.number} is {JobStatus(job.status).label.lower()}; change orders are "
                                     "for live jobs.")
    return job


def _cost_impact(s: Session, co: ChangeOrder) -> Figure:
    job = co.job
    planned = [PlannedOperation(h.name, h.workstation.code, h.minutes, Decimal(0), 1,
                                bookings.rates_for(s, h.workstation, None), h.workstation.kind == "machine")
               for h in co.hours]
    lines = [BomLine(m.description, m.quantity, m.unit_cost) for m in co.materials]
    cost = estimate_job(planned, lines, (), job.quantity)
    return Figure(cost.total.amount, cost.total.explanation)


def _view(s: Session, co: ChangeOrder) -> ChangeOrderView:
    job = co.job
    if co.status == ChangeOrderStatus.APPROVED:
        budget = Figure(job.budget if job.budget is not None else Decimal("0.00"), "the job's budget, change included")
        due, due_how = job.due_date, "the job's due date, change included"
    else:
        outcome = apply_change(job.budget or Decimal(0), job.due_date, co.price_change, co.days_delta,
                               locale=session_locale(s))
        budget = Figure(outcome.budget, outcome.budget_explanation)
        due, due_how = outcome.due_date, outcome.due_date_explanation
    return ChangeOrderView(
        co.id, co.job_id, job.number, co.number, f"{job.number} CO{co.number}", co.description, co.requested_by,
        co.requested_on, co.price_change, co.days_delta, ChangeOrderStatus(co.status), co.decided_on, co.decision_note,
        tuple(ChangeHoursView(h.workstation_id, h.workstation.code, h.name, h.minutes, h.operation_id)
              for h in co.hours),
        tuple(ChangeMaterialView(m.material_id, m.material.code if m.material else "", m.description, m.quantity,
                                 m.unit, m.unit_cost, m.bom_item_id) for m in co.materials),
        _cost_impact(s, co), budget, due, due_how,
    )


@writes(Change.CHANGE_ORDERS)
def create_change_order(db: Database, job_id: int, *, description: str, requested_by: str = "", price_change="0",
                        days_delta=0, hours: Iterable[Mapping] = (), materials: Iterable[Mapping] = (),
                        requested_on=None) -> ChangeOrderView:
    """Propose a change on a live job. ``hours``: {workstation_id, minutes, name}; ``materials``:
    {material_id or description, quantity per unit of the job, unit_cost (default: the material's)}."""
    description = v.long_text("description", description, required=True)
    requested_by = v.text("requested_by", requested_by)
    locale = shop_locale(db)
    price = v.decimal("price_change", price_change, minimum=None, locale=locale)
    days = _days(days_delta)
    hour_lines = [_hours_input(h, i, locale) for i, h in enumerate(hours, start=1)]
    material_lines = [_material_input(m, i, locale) for i, m in enumerate(materials, start=1)]
    day = v.date("requested_on", requested_on, required=False, locale=locale) or db.today()
    with db.session() as s:
        job = _live_job(s, job_id)
        number = (s.scalar(select(func.max(ChangeOrder.number)).where(ChangeOrder.job_id == job.id)) or 0) + 1
        co = ChangeOrder(job_id=job.id, number=number, description=description, requested_by=requested_by,
                         requested_on=day, price_change=price, days_delta=days, status=ChangeOrderStatus.PROPOSED.value,
                         created_at=db.now())
        for i, h in enumerate(hour_lines, start=1):
            ws = get_or_fail(s, Workstation, h["workstation_id"], "hours", "workstation")
            if not ws.active:
                raise ValidationError("hours", f"Hours line {i}: workstation {ws.code} is no longer in use.")
            co.hours.append(ChangeOrderHours(workstation_id=ws.id, workstation=ws, minutes=h["minutes"],
                                             name=h["name"] or f"Change {number}: {ws.name}"))
        for i, m in enumerate(material_lines, start=1):
            material = None
            if m["material_id"] not in (None, ""):
                material = get_or_fail(s, Material, m["material_id"], "materials", "material")
            elif not m["description"]:
                raise ValidationError("materials", f"Material line {i}: describe it, or pick it from the list.")
            cost = m["unit_cost"] if m["unit_cost"] is not None else (material.unit_cost if material else None)
            if cost is None:
                raise ValidationError("materials", f"Material line {i}: give its unit cost.")
            co.materials.append(ChangeOrderMaterial(
                material_id=material.id if material else None, material=material,
                description=m["description"] or material.name, quantity=m["quantity"],
                unit=v.text("materials", m["unit"] or (material.unit if material else "ea"), max_length=20),
                unit_cost=cost))
        apply_change(job.budget or Decimal(0), job.due_date, price, days, locale=locale,
                     not_before=_created_on(job))  # refuses a budget below zero, a due date before the job, now
        s.add(co)
        s.flush()
        return _view(s, co)


def _created_on(job: Job) -> dt.date:
    """The day (this PC's calendar, like ``Database.today``) the job was created."""
    return job.created_at.astimezone().date()


def _days(value: object) -> int:
    if isinstance(value, str):
        text = value.strip()
        if not text.lstrip("+-").isdigit():
            raise ValidationError("days_delta", f"Days must be a whole number, not “{text[:40]}”.")
        value = int(text)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError("days_delta", "Days must be a whole number.")
    if abs(value) > 3650:
        raise ValidationError("days_delta", "Days must be within ten years.")
    return value


def _proposed(s: Session, change_order_id: int) -> ChangeOrder:
    co = get_or_fail(s, ChangeOrder, change_order_id, "change_order", "change order")
    if co.status != ChangeOrderStatus.PROPOSED:
        raise ValidationError("status", f"{co.job.number} CO{co.number} is already {co.status}.")
    return co


def _add_operation(s: Session, job: Job, h: ChangeOrderHours) -> Operation:
    """The change's hours at a workstation become an operation at the end of the routing."""
    return insert_operation(s, job, name=h.name, instructions="", workstation_id=h.workstation_id,
                            setup_minutes=h.minutes, run_minutes=Decimal(0), inspection_required=False)


def _add_bom_line(s: Session, job: Job, m: ChangeOrderMaterial) -> BomItem:
    if m.material_id is not None:
        material = get_or_fail(s, Material, m.material_id, "materials", "material")
        if not material.active:
            raise ValidationError("materials", f"Material {material.code} is no longer in use.")
    item = BomItem(job_id=job.id, parent_id=None, is_assembly=False, position=next_position(s, job.id, None),
                   material_id=m.material_id, description=m.description, quantity=m.quantity, unit=m.unit,
                   unit_cost=m.unit_cost)
    s.add(item)
    s.flush()
    return item


@writes(Change.CHANGE_ORDERS | Change.JOBS | Change.ROUTING | Change.BOM | Change.BOOKINGS)
def approve_change_order(db: Database, change_order_id: int, *, decided_on=None, note: str = "") -> ChangeOrderView:
    """The customer approved: the budget moves by the price change, the due date by the days, the
    hours become operations at the end of the routing and the materials lines of the bill of
    materials — all in one transaction, so a failure applies nothing."""
    day = v.date("decided_on", decided_on, required=False, locale=shop_locale(db)) or db.today()
    note = v.long_text("note", note)
    with db.session() as s:
        co = _proposed(s, change_order_id)
        job = _live_job(s, co.job_id)
        outcome = apply_change(job.budget or Decimal(0), job.due_date, co.price_change, co.days_delta,
                               locale=session_locale(s), not_before=_created_on(job))
        job.budget = outcome.budget
        if outcome.due_date is not None:
            job.due_date = outcome.due_date
        job.updated_at = db.now()
        s.flush()
        for h in co.hours:
            h.operation_id = _add_operation(s, job, h).id
        for m in co.materials:
            m.bom_item_id = _add_bom_line(s, job, m).id
        co.status = ChangeOrderStatus.APPROVED.value
        co.decided_on = day
        co.decision_note = note
        s.flush()
        return _view(s, co)


@writes(Change.CHANGE_ORDERS)
def reject_change_order(db: Database, change_order_id: int, *, decided_on=None, note: str = "") -> ChangeOrderView:
    day = v.date("decided_on", decided_on, required=False, locale=shop_locale(db)) or db.today()
    note = v.long_text("note", note)
    with db.session() as s:
        co = _proposed(s, change_order_id)
        co.status = ChangeOrderStatus.REJECTED.value
        co.decided_on = day
        co.decision_note = note
        return _view(s, co)


def _load(s: Session):
    return select(ChangeOrder).options(
        selectinload(ChangeOrder.job), selectinload(ChangeOrder.hours).selectinload(ChangeOrderHours.workstation),
        selectinload(ChangeOrder.materials).selectinload(ChangeOrderMaterial.material))


def get_change_order(db: Database, change_order_id: int) -> ChangeOrderView:
    with db.reader() as s:
        return _view(s, get_or_fail(s, ChangeOrder, change_order_id, "change_order", "change order"))


def list_change_orders(db: Database, job_id: int) -> list[ChangeOrderView]:
    with db.reader() as s:
        get_or_fail(s, Job, job_id, "job", "job")
        return [_view(s, co) for co in s.scalars(_load(s).where(ChangeOrder.job_id == job_id)
                                                  .order_by(ChangeOrder.number))]


def approved_price_changes(db: Database, job_id: int) -> Decimal:
    """The sum of approved price changes (for the final invoice)."""
    with db.reader() as s:
        total = s.scalar(select(func.sum(ChangeOrder.price_change))
                         .where(ChangeOrder.job_id == job_id, ChangeOrder.status == ChangeOrderStatus.APPROVED.value))
        return total if total is not None else Decimal("0.00")


__all__ = ["ChangeOrderView", "ChangeHoursView", "ChangeMaterialView", "create_change_order",
           "approve_change_order", "reject_change_order", "get_change_order", "list_change_orders",
           "approved_price_changes"]
