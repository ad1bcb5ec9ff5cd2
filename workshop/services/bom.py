"""A job's multilevel bill of materials: lines and sub-assemblies, in order."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache, partial

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from ..db.engine import Database
from ..db.models import BomItem, Job, Material, Operation
from ..domain import planning
from ..domain import validation as v
from ..domain.changes import Change, writes
from ..domain.errors import ValidationError
from ..domain.money import round_money
from ..domain.statuses import is_read_only
from .bookings import operation_key
from .common import clean_fields, get_or_fail, session_locale, shop_locale
from .operations import hold_routing


@dataclass(frozen=True)
class BomNode:
    id: int
    parent_id: int | None
    level: int  # 0 at the top
    position: int
    is_assembly: bool
    material_id: int | None
    material_code: str
    description: str
    quantity: Decimal  # per parent unit
    unit: str
    unit_cost: Decimal
    effective_quantity: Decimal  # for the whole job
    extended_cost: Decimal  # effective quantity × unit cost; for a sub-assembly, its lines' sum
    operation_id: int | None = None  # the operation that uses the line (None: the job as a whole)
    operation_label: str = ""  # "010 Cut panels"


@dataclass(frozen=True)
class Bom:
    job_id: int
    nodes: tuple[BomNode, ...]  # depth-first, in display order
    material_cost: Decimal


_VALIDATORS = {
    "description": partial(v.text, "description", max_length=300),
    "quantity": partial(v.quantity, "quantity"),
    "unit": partial(v.text, "unit", max_length=20),
    "unit_cost": partial(v.money, "unit_cost"),
    "material_id": lambda x: x,
    "operation_id": lambda x: None if x in (None, "") else x,
}


def _check_operation(s: Session, job: Job, operation_id: int | None) -> None:
    """A line may name an operation of its own job, where the material is used."""
    if operation_id is None:
        return
    op = get_or_fail(s, Operation, operation_id, "operation_id", "operation")
    if op.job_id != job.id:
        raise ValidationError("operation_id", "Choose an operation of this job.")


def _job_for_edit(s: Session, job_id: int) -> Job:
    job = get_or_fail(s, Job, job_id, "job", "job")
    if is_read_only(job.status):
        raise ValidationError("job", f"Job {job.number} is {job.status}; its bill of materials is closed.")
    return job


def _parent(s: Session, job: Job, parent_id: int | None) -> BomItem | None:
    if parent_id is None:
        return None
    parent = get_or_fail(s, BomItem, parent_id, "parent_id", "sub-assembly")
    if parent.job_id != job.id or not parent.is_assembly:
        raise ValidationError("parent_id", "Lines can only go inside a sub-assembly of the same job.")
    return parent


def next_position(s: Session, job_id: int, parent_id: int | None) -> int:
    current = s.scalar(select(func.max(BomItem.position)).where(BomItem.job_id == job_id,
                                                                 BomItem.parent_id.is_(parent_id)
                                                                 if parent_id is None
                                                                 else BomItem.parent_id == parent_id))
    return (current or 0) + 1


@writes(Change.BOM)
def add_line(db: Database, job_id: int, *, parent_id: int | None = None, material_id: int | None = None,
             description: str = "", quantity="1", unit: str | None = None, unit_cost=None,
             operation_id: int | None = None) -> int:
    """A line from the materials list (description, unit and cost filled from it unless
    given) or free text. Returns the new item's id."""
    with db.session() as s:
        job = _job_for_edit(s, job_id)
        parent = _parent(s, job, parent_id)
        material = None
        if material_id is not None:
            material = get_or_fail(s, Material, material_id, "material_id", "material")
        values = dict(
            description=description or (material.name if material else ""),
            quantity=quantity,
            unit=unit if unit not in (None, "") else (material.unit if material else "ea"),
            unit_cost=unit_cost if unit_cost not in (None, "") else (material.unit_cost if material else "0"),
            material_id=material_id,
            operation_id=operation_id,
        )
        clean = clean_fields(_VALIDATORS, values, partial=False, locale=session_locale(s))
        if not clean["description"]:
            raise ValidationError("description", "Describe the line, or pick a material.")
        _check_operation(s, job, clean["operation_id"])
        item = BomItem(job_id=job.id, parent_id=parent.id if parent else None, is_assembly=False,
                       position=next_position(s, job.id, parent_id), **clean)
        s.add(item)
        s.flush()
        return item.id


@writes(Change.BOM)
def add_subassembly(db: Database, job_id: int, *, description: str, quantity="1",
                    parent_id: int | None = None) -> int:
    with db.session() as s:
        job = _job_for_edit(s, job_id)
        parent = _parent(s, job, parent_id)
        clean = clean_fields(_VALIDATORS, dict(description=description, quantity=quantity, unit="ea",
                                               unit_cost="0", material_id=None, operation_id=None), partial=False,
                             locale=session_locale(s))
        if not clean["description"]:
            raise ValidationError("description", "Name the sub-assembly.")
        item = BomItem(job_id=job.id, parent_id=parent.id if parent else None, is_assembly=True,
                       position=next_position(s, job.id, parent_id), **clean)
        s.add(item)
        s.flush()
        return item.id


@writes(Change.BOM)
def update_item(db: Database, item_id: int, **changes) -> int:
    clean = clean_fields(_VALIDATORS, changes, partial=True, locale=shop_locale(db))
    with db.session() as s:
        item = get_or_fail(s, BomItem, item_id, "item", "bill of materials line")
        _job_for_edit(s, item.job_id)
        if "description" in clean and not clean["description"]:
            raise ValidationError("description", "The description cannot be empty.")
        if "material_id" in clean and clean["material_id"] is not None:
            get_or_fail(s, Material, clean["material_id"], "material_id", "material")
        if item.is_assembly and ({"unit_cost", "material_id"} & clean.keys()):
            raise ValidationError("unit_cost", "A sub-assembly's cost is the sum of its lines.")
        if clean.get("operation_id") is not None:
            if item.is_assembly:
                raise ValidationError("operation_id", "Name the operation on the sub-assembly's lines; an "
                                                      "operation says which sub-assembly it works on.")
            _check_operation(s, s.get(Job, item.job_id), clean["operation_id"])
        for name, value in clean.items():
            setattr(item, name, value)
        return item.id


@writes(Change.BOM)
def remove_item(db: Database, item_id: int) -> int:
    """Removes a line, or a sub-assembly with everything in it."""
    with db.session() as s:
        item = get_or_fail(s, BomItem, item_id, "item", "bill of materials line")
        _job_for_edit(s, item.job_id)
        doomed = [item.id]
        frontier = [item.id]
        while frontier:  # the sub-assemblies' operations are let go of below
            children = list(s.scalars(select(BomItem.id).where(BomItem.parent_id.in_(frontier))))
            doomed += children
            frontier = children
        hold_routing(s, item.job_id)  # operations change: on a server, after a terminal's clock-on, never under it
        for op in s.scalars(select(Operation).where(Operation.subassembly_id.in_(doomed))):
            op.subassembly_id = None
        # Its items go with it by the database's ON DELETE CASCADE (children: passive_deletes), on SQLite
        # (foreign_keys on) and PostgreSQL alike; deleted one by one in a batch, the parent's cascade took
        # rows the batch was still to delete.
        s.delete(item)
        return item_id


def _siblings(s: Session, item: BomItem) -> list[BomItem]:
    cond = BomItem.parent_id.is_(None) if item.parent_id is None else BomItem.parent_id == item.parent_id
    return list(s.scalars(select(BomItem).where(BomItem.job_id == item.job_id, cond)
                          .order_by(BomItem.position, BomItem.id)))


@writes(Change.BOM)
def move_item(db: Database, item_id: int, offset: int) -> int:
    """Move up (-1) or down (+1) among its siblings."""
    with db.session() as s:
        item = get_or_fail(s, BomItem, item_id, "item", "bill of materials line")
        _job_for_edit(s, item.job_id)
        siblings = _siblings(s, item)
        index = siblings.index(item)
        new_index = max(0, min(len(siblings) - 1, index + offset))
        siblings.insert(new_index, siblings.pop(index))
        for position, sibling in enumerate(siblings, start=1):
            sibling.position = position
        return item.id


@writes(Change.BOM)
def reparent_item(db: Database, item_id: int, new_parent_id: int | None) -> int:
    """Move a line or sub-assembly into another sub-assembly (or to the top level)."""
    with db.session() as s:
        item = get_or_fail(s, BomItem, item_id, "item", "bill of materials line")
        job = _job_for_edit(s, item.job_id)
        parent = _parent(s, job, new_parent_id)
        ancestor = parent
        while ancestor is not None:
            if ancestor.id == item.id:
                raise ValidationError("parent_id", "A sub-assembly cannot go inside itself.")
            ancestor = s.get(BomItem, ancestor.parent_id) if ancestor.parent_id else None
        item.parent_id = new_parent_id
        item.position = next_position(s, job.id, new_parent_id)
        return item.id


def job_bom(s: Session, job: Job) -> Bom:
    """The job's bill of materials as a tree, with effective quantities and costs: its lines with
    their material's code and operation's number and name, as plain rows in one statement."""
    items = s.connection().execute(_bom_query(), {"job_id": job.id}).all()
    inputs = [planning.BomNodeInput(i.id, i.parent_id, i.quantity, i.unit_cost, i.is_assembly) for i in items]
    effective = planning.effective_quantities(inputs, job.quantity)
    children: dict[int | None, list] = {}
    for i in items:
        children.setdefault(i.parent_id, []).append(i)

    def cost(i) -> Decimal:
        if i.is_assembly:
            return sum((cost(c) for c in children.get(i.id, [])), Decimal(0))
        return effective[i.id] * i.unit_cost

    nodes: list[BomNode] = []

    def walk(parent_id: int | None, level: int) -> None:
        for i in children.get(parent_id, []):
            nodes.append(BomNode(i.id, i.parent_id, level, i.position, i.is_assembly, i.material_id,
                                 i.code or "", i.description, i.quantity, i.unit, i.unit_cost,
                                 effective[i.id], round_money(cost(i)), i.operation_id,
                                 operation_key(i) if i.op_number is not None else ""))
            walk(i.id, level + 1)

    walk(None, 0)
    return Bom(job.id, tuple(nodes), round_money(planning.planned_material_cost(inputs, job.quantity)))


@cache
def _bom_query():
    """(Built once: a statement costs more to build than to run on one job.)"""
    return (select(BomItem.id, BomItem.parent_id, BomItem.position, BomItem.is_assembly, BomItem.material_id,
                   Material.code, BomItem.description, BomItem.quantity, BomItem.unit, BomItem.unit_cost,
                   BomItem.operation_id, Operation.op_number, Operation.name)
            .outerjoin(Material, Material.id == BomItem.material_id)
            .outerjoin(Operation, Operation.id == BomItem.operation_id)
            .where(BomItem.job_id == bindparam("job_id")).order_by(BomItem.position, BomItem.id))


def get_bom(db: Database, job_id: int) -> Bom:
    with db.reader() as s:
        return job_bom(s, get_or_fail(s, Job, job_id, "job", "job"))
