"""What open jobs claim of each material and what open orders still owe, gathered in a few grouped
queries inside a caller's session (never one query per material or per job). The arithmetic on
them is ``domain/shortages``; stock needs and stock positions both read through here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, contains_eager

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
    something still to issue), for ``material_ids`` or every material."""
    if material_ids is not None and not material_ids:
        return {}
    # the open jobs first (few, by the status index), then whether their lines name the materials
    names_material = select(BomItem.id).where(BomItem.job_id == Job.id, BomItem.material_id.is_not(None))
    if material_ids is not None:
        names_material = names_material.where(BomItem.material_id.in_(material_ids))
    jobs = {j.id: j for j in s.execute(
        select(Job.id, Job.number, Job.due_date)
        .where(Job.status.in_([str(st) for st in OPEN_JOB_STATUSES]), names_material.exists()))}
    needed = {key: qty for key, qty in job_needs(s, jobs).items()
              if material_ids is None or key[1] in material_ids}
    issued = issued_to_jobs(s, jobs, {m for _, m in needed})
    claims: dict[int, list[JobClaim]] = defaultdict(list)
    for (job_id, material_id), qty in needed.items():
        left = to_issue(qty, issued.get((job_id, material_id), ZERO))
        if left > 0:
            job = jobs[job_id]
            claims[material_id].append(JobClaim(job_id, job.due_date, job.number, left))
    return dict(claims)


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
