"""A job's routing: operations in order at workstations; templates applied and saved.

An operation is edited in the office while the floor works on it (issue 18): each carries a version
(``OperationView.version``) and who saved it last. ``update_operation(expected_version=…)`` refuses
a save made from an older version (services.edits); every change here holds the job's routing first
(``operations.hold_routing``), as clocking does, so on a server it waits for a terminal's clock-on
instead of meeting it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, partial

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session, aliased

from ..db.engine import Database
from ..db.models import (BomItem, Job, Operation, Operator, RoutingTemplate, RoutingTemplateStep, Supplier,
                         Workstation)
from ..domain import planning
from ..domain import validation as v
from ..domain.changes import Change, writes
from ..domain.errors import ValidationError
from ..domain.money import round_money
from ..domain.statuses import STARTED_OPERATION_STATUSES, OperationStatus, check_operation_move
from . import outside_operations as outside
from .common import clean_fields, get_or_fail, shop_locale
from .edits import refuse_stale, saved_or_conflict
from .operations import check_refs, insert_operation, job_for_edit, next_op_number, ordered, renumber


@dataclass(frozen=True)
class OperationView:
    id: int
    job_id: int
    sequence: int
    op_number: int
    name: str
    instructions: str
    workstation_id: int
    workstation_code: str
    workstation_name: str
    operator_id: int | None
    operator_name: str
    setup_minutes: Decimal
    run_minutes: Decimal
    units: Decimal  # how many the run time is multiplied by
    planned_minutes: Decimal
    inspection_required: bool
    status: str
    subassembly_id: int | None
    subassembly_name: str
    labour_run_minutes: Decimal | None = None  # a person's minutes per unit of the run; None: all of it
    planned_labour_minutes: Decimal = Decimal(0)  # setup + attended run × units
    supplier_id: int | None = None  # done outside by this supplier (None: in the shop)
    supplier_name: str = ""
    days_away: int | None = None
    version: int = 1  # the number of its last change (issue 18: saved from the version a form showed)
    updated_by: str = ""  # who made it: "anna on OFFICE-PC", or the terminal that clocked on to it
    saved_at: dt.datetime | None = None  # and when (None: last saved before it was kept)

    @property
    def attended_throughout(self) -> bool:
        return self.labour_run_minutes is None

    @property
    def outside(self) -> bool:
        return self.supplier_id is not None


@dataclass(frozen=True)
class JobPlan:
    job_id: int
    planned_minutes: Decimal
    material_cost: Decimal
    minutes_by_workstation: tuple[tuple[str, Decimal], ...]

    @property
    def planned_hours(self) -> Decimal:
        return (self.planned_minutes / 60).quantize(Decimal("0.01"))


_VALIDATORS = {
    "name": partial(v.text, "name", required=True),
    "instructions": partial(v.long_text, "instructions"),
    "workstation_id": lambda x: x,
    "operator_id": lambda x: None if x in (None, "") else x,
    "setup_minutes": partial(v.minutes, "setup_minutes"),
    "run_minutes": partial(v.minutes, "run_minutes"),
    "inspection_required": bool,
    "subassembly_id": lambda x: None if x in (None, "") else x,
    # Empty: a person attends the whole run (the old meaning, and a bench's).
    "labour_run_minutes": partial(v.minutes, "labour_run_minutes", required=False),
    # Done outside the shop by this supplier, away this many days (see services/outside_operations).
    "supplier_id": lambda x: None if x in (None, "") else x,
    "days_away": outside.days_away,
}
_DEFAULTS = {"instructions": "", "operator_id": None, "setup_minutes": "0", "run_minutes": "0",
             "inspection_required": False, "subassembly_id": None, "labour_run_minutes": None,
             "supplier_id": None, "days_away": None}


@writes(Change.ROUTING)
def add_operation(db: Database, job_id: int, *, position: int | None = None, **values) -> int:
    """Add an operation at the end (or at 1-based ``position``). Returns its id."""
    clean = clean_fields(_VALIDATORS, {**_DEFAULTS, **values}, partial=False, locale=shop_locale(db))
    with db.session() as s:
        job = job_for_edit(s, job_id)
        return insert_operation(s, job, position=position, **outside.apply_outside_rules(s, clean)).id


@writes(Change.ROUTING)
def update_operation(db: Database, operation_id: int, *, expected_version: int | None = None, **changes) -> None:
    """Save ``changes``. ``expected_version``: the version the form showed; saved since (by someone
    in the office, or by the floor clocking on to it), EditConflict with the operation as it is now
    and nothing is saved (services.edits). Without it (a script) the save is made as it stands."""
    saved_or_conflict(lambda: _update_operation(db, operation_id, expected_version, changes),
                      lambda: get_operation(db, operation_id), _what)


def _what(view: OperationView) -> str:
    return f"Operation {view.op_number:03d} {view.name}"


def _update_operation(db: Database, operation_id: int, expected_version: int | None, changes: dict) -> None:
    clean = clean_fields(_VALIDATORS, changes, partial=True, locale=shop_locale(db))
    if "status" in changes:
        raise ValidationError("status", "Use set_operation_status to change an operation's status.")
    with db.session() as s:
        op = get_or_fail(s, Operation, operation_id, "operation", "operation")
        job = job_for_edit(s, op.job_id)  # held, and the operation read afresh
        refuse_stale(op, expected_version, f"Operation {op.op_number:03d} {op.name}",
                     lambda: _view_of(s, job, op.id))
        clean = outside.apply_outside_rules(s, clean, op)
        check_refs(s, job, clean, op)
        for name, value in clean.items():
            setattr(op, name, value)


@writes(Change.ROUTING)
def set_operation_status(db: Database, operation_id: int, status: str) -> None:
    status = v.choice("status", status, [x.value for x in OperationStatus])
    with db.session() as s:
        op = get_or_fail(s, Operation, operation_id, "operation", "operation")
        job_for_edit(s, op.job_id)
        op.status = check_operation_move(op.op_number, op.status, status).value


@writes(Change.ROUTING)
def remove_operation(db: Database, operation_id: int) -> None:
    with db.session() as s:
        op = get_or_fail(s, Operation, operation_id, "operation", "operation")
        job_for_edit(s, op.job_id)
        if op.status in STARTED_OPERATION_STATUSES:  # it keeps its place in history
            raise ValidationError("operation", f"Operation {op.op_number:03d} has been worked on; "
                                               "mark it skipped instead of removing it.")
        ops = [o for o in ordered(s, op.job_id) if o.id != op.id]
        for line in s.scalars(select(BomItem).where(BomItem.operation_id == op.id)):
            line.operation_id = None  # the material stays on the job; explicit, whatever the database's cascade
        s.delete(op)
        s.flush()
        renumber(ops)


@writes(Change.ROUTING)
def move_operation(db: Database, operation_id: int, new_position: int) -> None:
    """Move to 1-based ``new_position`` (drag and drop, or up/down as position ± 1)."""
    with db.session() as s:
        op = get_or_fail(s, Operation, operation_id, "operation", "operation")
        job_for_edit(s, op.job_id)
        ops = ordered(s, op.job_id)
        ops.remove(op)
        ops.insert(max(0, min(len(ops), int(new_position) - 1)), op)
        renumber(ops)


@writes(Change.ROUTING)
def move_operation_by(db: Database, operation_id: int, offset: int) -> None:
    with db.reader() as s:
        sequence = get_or_fail(s, Operation, operation_id, "operation", "operation").sequence
    move_operation(db, operation_id, sequence + offset)


def _bom_inputs(s: Session, job: Job) -> list[planning.BomNodeInput]:
    return [planning.BomNodeInput(*row) for row in s.connection().execute(_bom_query(), {"job_id": job.id})]


@cache
def _bom_query():
    """(Built once: a statement costs more to build than to run on one job.)"""
    return (select(BomItem.id, BomItem.parent_id, BomItem.quantity, BomItem.unit_cost, BomItem.is_assembly)
            .where(BomItem.job_id == bindparam("job_id")).order_by(BomItem.position, BomItem.id))


_Subassembly = aliased(BomItem)


@cache
def _views_query():
    return (select(Operation.id, Operation.job_id, Operation.sequence, Operation.op_number, Operation.name,
                   Operation.instructions, Operation.workstation_id, Workstation.code,
                   Workstation.name.label("ws_name"), Operation.operator_id, Operator.name.label("operator_name"),
                   Operation.setup_minutes, Operation.run_minutes, Operation.inspection_required, Operation.status,
                   Operation.subassembly_id, _Subassembly.description, Operation.labour_run_minutes,
                   Operation.supplier_id, Supplier.name.label("supplier_name"), Operation.days_away,
                   Operation.version, Operation.updated_by, Operation.saved_at)
            .join(Workstation, Workstation.id == Operation.workstation_id)
            .outerjoin(Operator, Operator.id == Operation.operator_id)
            .outerjoin(_Subassembly, _Subassembly.id == Operation.subassembly_id)
            .outerjoin(Supplier, Supplier.id == Operation.supplier_id)
            .where(Operation.job_id == bindparam("job_id")).order_by(Operation.sequence, Operation.id))


def _views(s: Session, job: Job) -> list[OperationView]:
    """The job's operations in order, with their workstation, operator, sub-assembly and supplier
    named: plain rows from one statement (and one for the bill's quantities)."""
    effective = planning.effective_quantities(_bom_inputs(s, job), job.quantity)
    rows = s.connection().execute(_views_query(), {"job_id": job.id})
    result = []
    for o in rows:
        units = planning.operation_quantity(o.subassembly_id, effective, job.quantity)
        result.append(OperationView(
            o.id, o.job_id, o.sequence, o.op_number, o.name, o.instructions, o.workstation_id, o.code,
            o.ws_name, o.operator_id, o.operator_name or "", o.setup_minutes,
            o.run_minutes, units, planning.planned_minutes(o.setup_minutes, o.run_minutes, units),
            o.inspection_required, o.status, o.subassembly_id, o.description or "",
            o.labour_run_minutes, planning.planned_minutes(
                o.setup_minutes, o.run_minutes if o.labour_run_minutes is None else o.labour_run_minutes, units),
            o.supplier_id, o.supplier_name or "", o.days_away, o.version, o.updated_by, o.saved_at,
        ))
    return result


def _view_of(s: Session, job: Job, operation_id: int) -> OperationView:
    return next(view for view in _views(s, job) if view.id == operation_id)


def list_operations(db: Database, job_id: int) -> list[OperationView]:
    with db.reader() as s:
        return _views(s, get_or_fail(s, Job, job_id, "job", "job"))


def get_operation(db: Database, operation_id: int) -> OperationView:
    """One operation as the routing lists it (its units worked out on its job's bill)."""
    with db.reader() as s:
        op = get_or_fail(s, Operation, operation_id, "operation", "operation")
        return _view_of(s, s.get(Job, op.job_id), op.id)


def job_plan(db: Database, job_id: int) -> JobPlan:
    """Planned hours (setup + run × quantity) and planned material cost."""
    with db.reader() as s:
        job = get_or_fail(s, Job, job_id, "job", "job")
        inputs = _bom_inputs(s, job)
        effective = planning.effective_quantities(inputs, job.quantity)
        by_ws: dict[str, Decimal] = {}
        total = Decimal(0)
        for setup, run, subassembly_id, code in s.connection().execute(_plan_query(), {"job_id": job.id}):
            minutes = planning.planned_minutes(setup, run, planning.operation_quantity(subassembly_id, effective,
                                                                                      job.quantity))
            by_ws[code] = by_ws.get(code, Decimal(0)) + minutes
            total += minutes
        return JobPlan(job.id, total,
                       round_money(planning.planned_material_cost(inputs, job.quantity)), tuple(by_ws.items()))


@cache
def _plan_query():
    return (select(Operation.setup_minutes, Operation.run_minutes, Operation.subassembly_id, Workstation.code)
            .join(Workstation, Workstation.id == Operation.workstation_id)
            .where(Operation.job_id == bindparam("job_id")).order_by(Operation.sequence, Operation.id))


@writes(Change.ROUTING | Change.QUALITY)
def apply_template(db: Database, job_id: int, template_id: int) -> list[int]:
    """Append the template's operations to the job's routing. Returns the new operation ids."""
    with db.session() as s:
        job = job_for_edit(s, job_id)
        template = get_or_fail(s, RoutingTemplate, template_id, "template", "routing template")
        if not template.steps:
            raise ValidationError("template", f"The template “{template.name}” has no operations.")
        ops = ordered(s, job.id)
        number = next_op_number(s, job.id)
        new = []
        for i, step in enumerate(template.steps, start=1):
            fields = dict(workstation_id=step.workstation_id, setup_minutes=step.setup_minutes,
                          run_minutes=step.run_minutes, labour_run_minutes=step.labour_run_minutes,
                          supplier_id=step.supplier_id, days_away=step.days_away)
            try:  # an outside step becomes an outside operation by the routing's own rules
                fields = outside.apply_outside_rules(s, fields)
            except ValidationError as exc:
                raise ValidationError("template", f"Step {i} ({step.name}): {exc.message}") from exc
            op = Operation(job_id=job.id, op_number=number, sequence=0, name=step.name,
                           instructions=step.instructions, inspection_required=step.inspection_required,
                           status=OperationStatus.PENDING.value, **fields)
            s.add(op)
            ops.append(op)
            new.append(op)
            number += 10
        renumber(ops)
        s.flush()
        # Quality issue: the steps' inspection checks are copied onto the new operations.
        from .inspection import copy_checks_in_session

        for step, op in zip(template.steps, new, strict=True):
            copy_checks_in_session(s, step.checks, job_id=job.id, operation_id=op.id)
        s.flush()
        return [o.id for o in new]


@writes(Change.TEMPLATES)
def save_as_template(db: Database, job_id: int, name: str, description: str = "") -> int:
    """Save the job's routing as a new named template. Returns the template id."""
    name = v.text("name", name, required=True)
    description = v.long_text("description", description)
    with db.session() as s:
        job = get_or_fail(s, Job, job_id, "job", "job")
        if s.scalar(select(RoutingTemplate.id).where(func.lower(RoutingTemplate.name) == name.lower())):
            raise ValidationError("name", f"There is already a routing template called “{name}”.")
        ops = ordered(s, job.id)
        if not ops:
            raise ValidationError("job", f"Job {job.number} has no operations to save.")
        template = RoutingTemplate(name=name, description=description, active=True)
        template.steps = [RoutingTemplateStep(sequence=i, name=o.name, instructions=o.instructions,
                                              workstation_id=o.workstation_id, setup_minutes=o.setup_minutes,
                                              run_minutes=o.run_minutes, labour_run_minutes=o.labour_run_minutes,
                                              inspection_required=o.inspection_required,
                                              supplier_id=o.supplier_id, days_away=o.days_away)
                          for i, o in enumerate(ops, start=1)]
        # Quality issue: the operations' inspection checks go with them.
        from ..db.models import InspectionCheck, TemplateStepCheck
        from .inspection import check_fields

        for step, o in zip(template.steps, ops, strict=True):
            checks = s.scalars(select(InspectionCheck).where(InspectionCheck.operation_id == o.id)
                               .order_by(InspectionCheck.position, InspectionCheck.id))
            step.checks = [TemplateStepCheck(position=i, **check_fields(c)) for i, c in enumerate(checks, start=1)]
        s.add(template)
        s.flush()
        return template.id
