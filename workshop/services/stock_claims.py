"""What open jobs claim of each material and what open orders still owe, gathered in a few grouped
queries inside a caller's session (never one query per material or per job). The arithmetic on
them is ``domain/shortages``; stock needs and stock positions both read through here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from decimal import Decimal

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, aliased, contains_eager

from ..db.models import (BomItem, GoodsReceiptLine, Job, MaterialIssue, MaterialSupplier, PurchaseOrder,
                         PurchaseOrderLine, Supplier)
from ..domain import planning
from ..domain.shortages import JobClaim, MaterialSupply, outstanding, to_issue
from ..domain.statuses import OPEN_JOB_STATUSES
from ..domain.stock import OPEN_PO_STATUSES

ZERO = Decimal(0)


def job_needs(s: Session, job_ids: Collection[int]) -> dict[tuple[int, int], Decimal]:
    """(job id, material id) → the quantity each job's bill of materials needs, over all its lines
    (effective quantities: a line's quantity times its assemblies' and the job's)."""
    if not job_ids:
        return {}
    items_by_job: dict[int, list] = defaultdict(list)  # plain rows: no ORM object per line
    for item in s.execute(select(BomItem.id, BomItem.job_id, BomItem.parent_id, BomItem.quantity, BomItem.unit_cost,
                                 BomItem.is_assembly, BomItem.material_id).where(BomItem.job_id.in_(job_ids))):
        items_by_job[item.job_id].append(item)
    quantities = dict(s.execute(select(Job.id, Job.quantity).where(Job.id.in_(items_by_job))).all())
    needed: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    for job_id, items in items_by_job.items():
        effective = planning.effective_quantities(
            [planning.BomNodeInput(i.id, i.parent_id, i.quantity, i.unit_cost, i.is_assembly) for i in items],
            quantities[job_id])
        for i in items:
            if i.material_id is not None and not i.is_assembly:
                needed[(job_id, i.material_id)] += effective[i.id]
    return dict(needed)


def issued_to_jobs(s: Session, job_ids: Collection[int],
                   material_ids: Collection[int]) -> dict[tuple[int, int], Decimal]:
    """(job id, material id) → net issued (returns and corrections taken off)."""
    if not job_ids or not material_ids:
        return {}
    rows = s.execute(select(MaterialIssue.job_id, MaterialIssue.material_id, func.sum(MaterialIssue.quantity))
                     .where(MaterialIssue.job_id.in_(job_ids), MaterialIssue.material_id.in_(material_ids))
                     .group_by(MaterialIssue.job_id, MaterialIssue.material_id))
    return {(job_id, material_id): Decimal(total or 0) for job_id, material_id, total in rows}


def open_job_claims(s: Session, material_ids: Collection[int] | None = None) -> dict[int, list[JobClaim]]:
    """Material id → the claims of every open job whose bill of materials names it (only those with
    something still to issue), for ``material_ids`` or every material.

    For every material (the start page, the reorder list) a bill of one level (no line inside an
    assembly: nearly every job) is summed in SQL: each line's effective quantity is its quantity times
    the job's, so a material's need is their sum times the job's quantity, and only the (job, material)
    pairs with something left to issue come back (ten years of a shop hold thousands of open lines).
    A bill with assemblies, and a few materials' claims, go through ``job_needs``."""
    if material_ids is not None and not material_ids:
        return {}
    is_open = Job.status.in_([str(st) for st in OPEN_JOB_STATUSES])
    if material_ids is not None:
        return _claims_of(s, is_open, material_ids, {})
    inner = aliased(BomItem)  # a line inside an assembly; the queries below also read the lines themselves
    nested = select(inner.id).where(inner.job_id == Job.id, inner.parent_id.is_not(None)).exists()
    claims: dict[int, list[JobClaim]] = defaultdict(list)
    for job_id, number, due_date, material_id, per_unit, quantity, issued in s.execute(
            _one_level_claims(is_open & ~nested)):
        claims[material_id].append(JobClaim(job_id, due_date, number, to_issue(per_unit * quantity, issued or ZERO)))
    return _claims_of(s, is_open & nested, None, claims)


def _claims_of(s: Session, jobs, material_ids: Collection[int] | None,
               claims: dict[int, list[JobClaim]]) -> dict[int, list[JobClaim]]:
    """``claims`` with those of the jobs matching ``jobs`` added, through ``job_needs``."""
    claims = defaultdict(list, claims)
    # the open jobs first (few, by the status index), then whether their lines name the materials
    names_material = select(BomItem.id).where(BomItem.job_id == Job.id, BomItem.material_id.is_not(None))
    if material_ids is not None:
        names_material = names_material.where(BomItem.material_id.in_(material_ids))
    found = {j.id: j for j in s.execute(select(Job.id, Job.number, Job.due_date).where(jobs, names_material.exists()))}
    needed = {key: qty for key, qty in job_needs(s, found).items()
              if material_ids is None or key[1] in material_ids}
    issued = issued_to_jobs(s, found, {m for _, m in needed})
    for (job_id, material_id), qty in needed.items():
        left = to_issue(qty, issued.get((job_id, material_id), ZERO))
        if left > 0:
            job = found[job_id]
            claims[material_id].append(JobClaim(job_id, job.due_date, job.number, left))
    return dict(claims)


def _one_level_claims(jobs):
    """(job id, number, due date, material id, quantity per unit, job quantity, issued) for the jobs
    matching ``jobs`` whose lines are all at the top of the bill, where what is needed (the lines'
    quantities summed, times the job's quantity: exact, as quantities are stored in thousandths) is
    more than what was issued."""
    line = and_(jobs, BomItem.material_id.is_not(None), BomItem.is_assembly.is_(False))
    issue = Job.status.in_([str(st) for st in OPEN_JOB_STATUSES])  # only joined to the lines' rows
    need = (select(BomItem.job_id, BomItem.material_id, func.sum(BomItem.quantity).label("per_unit"),
                   Job.quantity, Job.number, Job.due_date)
            .join(Job, Job.id == BomItem.job_id).where(line)
            .group_by(BomItem.job_id, BomItem.material_id, Job.quantity, Job.number, Job.due_date).subquery())
    issued = (select(MaterialIssue.job_id, MaterialIssue.material_id, func.sum(MaterialIssue.quantity).label("total"))
              .join(Job, Job.id == MaterialIssue.job_id).where(issue)
              .group_by(MaterialIssue.job_id, MaterialIssue.material_id).subquery())
    needed = need.c.per_unit * need.c.quantity
    return (select(need.c.job_id, need.c.number, need.c.due_date, need.c.material_id, need.c.per_unit,
                   need.c.quantity, issued.c.total)
            .outerjoin(issued, and_(issued.c.job_id == need.c.job_id, issued.c.material_id == need.c.material_id))
            .where(needed > func.coalesce(issued.c.total, 0)))


def on_order(s: Session, material_ids: Collection[int] | None = None) -> dict[int, tuple[Decimal, dict[int, Decimal]]]:
    """Material id → (owed for stock, job id → owed for that job) over open purchase orders' lines:
    each line's quantity less what was received against it, never below 0. A line is for its own
    job, else for its order's job, else for stock."""
    # asked per open line (by the receipt lines' index), not summed over ten years of receipts
    received = (select(func.sum(GoodsReceiptLine.quantity))
                .where(GoodsReceiptLine.purchase_order_line_id == PurchaseOrderLine.id).scalar_subquery())
    query = (select(PurchaseOrderLine.material_id, func.coalesce(PurchaseOrderLine.job_id, PurchaseOrder.job_id),
                    PurchaseOrderLine.quantity, received)
             .join(PurchaseOrder, PurchaseOrder.id == PurchaseOrderLine.purchase_order_id)
             .where(PurchaseOrder.status.in_([str(st) for st in OPEN_PO_STATUSES]),
                    PurchaseOrderLine.material_id.is_not(None)))
    if material_ids is not None:
        if not material_ids:
            return {}
        query = query.where(PurchaseOrderLine.material_id.in_(material_ids))
    result: dict[int, tuple[Decimal, dict[int, Decimal]]] = {}
    for material_id, job_id, quantity, got in s.execute(query):
        owed = outstanding(quantity, got or ZERO)
        for_stock, for_jobs = result.setdefault(material_id, (ZERO, {}))
        if job_id is None:
            result[material_id] = (for_stock + owed, for_jobs)
        else:
            for_jobs[job_id] = for_jobs.get(job_id, ZERO) + owed
    return result


def preferred_suppliers(s: Session, material_ids) -> dict[int, MaterialSupplier]:
    """Material id → its first supplier by position (the preferred one), active suppliers only."""
    preferred: dict[int, MaterialSupplier] = {}
    rows = s.scalars(select(MaterialSupplier).join(MaterialSupplier.supplier)
                     .options(contains_eager(MaterialSupplier.supplier))  # its name, in the same query
                     .where(MaterialSupplier.material_id.in_(material_ids), Supplier.active.is_(True))
                     .order_by(MaterialSupplier.material_id, MaterialSupplier.position, MaterialSupplier.id))
    for row in rows:
        preferred.setdefault(row.material_id, row)
    return preferred


def supply_of(on_hand: Decimal, owed: tuple[Decimal, dict[int, Decimal]] | None) -> MaterialSupply:
    for_stock, for_jobs = owed or (ZERO, {})
    return MaterialSupply(on_hand=on_hand, on_order_for_stock=for_stock, on_order_for_job=for_jobs)


def total_on_order(owed: tuple[Decimal, dict[int, Decimal]] | None) -> Decimal:
    """Everything open orders owe of a material, for stock and for jobs."""
    if owed is None:
        return ZERO
    return owed[0] + sum(owed[1].values(), ZERO)


__all__ = ["issued_to_jobs", "job_needs", "on_order", "open_job_claims", "preferred_suppliers", "supply_of",
           "total_on_order"]
