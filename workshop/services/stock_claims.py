"""What open jobs claim of each material and what open orders still owe, gathered in a few grouped
queries inside a caller's session (never one query per material or per job). The arithmetic on
them is ``domain/shortages``; stock needs and stock positions both read through here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from sqlalchemy import Integer, Select, bindparam, func, select, type_coerce
from sqlalchemy.orm import Session, aliased

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

    For every material (the start page) a bill of one level (no line inside an assembly: nearly every
    job) is summed in SQL (``one_level_left``), and only the (job, material) pairs with something left
    to issue come back (ten years of a shop hold thousands of open lines). A bill with assemblies, and
    a few materials' claims, go through ``job_needs``."""
    if material_ids is not None and not material_ids:
        return {}
    if material_ids is not None:
        return _claims_of(s, False, material_ids, {})
    claims: dict[int, list[JobClaim]] = defaultdict(list)
    for job_id, material_id, left, due_date, number in s.connection().execute(_every_claim()):
        claims[material_id].append(JobClaim(job_id, due_date, number, _quantity(left)))
    return _claims_of(s, True, None, claims)


def allocated(s: Session, material_ids: Collection[int] | None = None) -> dict[int, Decimal]:
    """Material id → what the open jobs' bills still have to issue of it (each job's ``to_issue``,
    summed over the jobs), for ``material_ids`` or every material; a material no open job claims is
    left out. The sum of ``open_job_claims``' claims, but made by the database for bills of one level
    (one grouped query over the open jobs' lines: only one row per material comes back); bills with
    assemblies go through ``job_needs``."""
    if material_ids is not None and not material_ids:
        return {}
    if material_ids is None:
        rows = s.connection().execute(_allocated_query(False))
    else:
        rows = s.connection().execute(_allocated_query(True), {"materials": sorted(material_ids)})
    result = {material_id: _quantity(total) for material_id, total in rows}
    nested = _claims_of(s, True, material_ids, {})
    for material_id, claims in nested.items():
        result[material_id] = sum((c.to_issue for c in claims), result.get(material_id, ZERO))
    return result


def _claims_of(s: Session, nested_only: bool, material_ids: Collection[int] | None,
               claims: dict[int, list[JobClaim]]) -> dict[int, list[JobClaim]]:
    """``claims`` with those of the open jobs (only those whose bill has assemblies when
    ``nested_only``) whose bill names one of ``material_ids`` (or any material) added, through
    ``job_needs``."""
    claims = defaultdict(list, claims)
    if material_ids is None:
        jobs = s.connection().execute(_open_jobs_naming(nested_only, False))
    else:
        jobs = s.connection().execute(_open_jobs_naming(nested_only, True), {"materials": sorted(material_ids)})
    found = {j.id: j for j in jobs}
    needed = {key: qty for key, qty in job_needs(s, found).items()
              if material_ids is None or key[1] in material_ids}
    issued = issued_to_jobs(s, found, {m for _, m in needed})
    for (job_id, material_id), qty in needed.items():
        left = to_issue(qty, issued.get((job_id, material_id), ZERO))
        if left > 0:
            job = found[job_id]
            claims[material_id].append(JobClaim(job_id, job.due_date, job.number, left))
    return dict(claims)


# --- bills of one level, in SQL -----------------------------------------------------------------
#
# Nearly every job's bill has no line inside an assembly: then a line's effective quantity is its
# quantity times the job's, exactly (quantities are stored in whole thousandths), and what a job
# still has to issue of a material is the sum of its lines' quantities times the job's, less what
# was issued (returns and corrections taken off), never below 0 (``shortages.to_issue``). The
# database works that out over every open job (ten years of a shop keep ~1,800 open, with ~11,000
# lines) in stored thousandths, from the covering indexes on bom_items and material_issues.

_IS_OPEN = Job.status.in_([str(st) for st in OPEN_JOB_STATUSES])
_QUANTITY_SCALE = BomItem.quantity.type.scale


def _quantity(stored: int) -> Decimal:
    """A quantity the database summed in stored thousandths, as the column type would read it."""
    return Decimal(int(stored)).scaleb(-_QUANTITY_SCALE)


def _stored(column):
    return type_coerce(column, Integer)  # whole thousandths, not Decimals: summed and compared as stored


def has_nested_lines(job_id):
    """Whether the job's bill has a line inside an assembly (a range of the bom_items index)."""
    inner = aliased(BomItem)
    return select(inner.id).where(inner.job_id == job_id, inner.parent_id.is_not(None)).exists()


def one_level_left(*where, claims: bool = False) -> Select:
    """(job_id, material_id, left) for each open job whose bill is of one level and each material its
    lines name, where ``left`` (stored thousandths: ``quantity``/1000) is what the job still has to
    issue of it, more than 0; with the job's due_date and number too when ``claims`` (the order in
    which jobs claim: carried through the grouping only when asked for). ``where``: more conditions
    on the job and its lines (``Job``, ``BomItem``)."""
    ordering = (Job.due_date, Job.number) if claims else ()
    lines = (select(Job.id.label("job_id"), BomItem.material_id, func.sum(_stored(BomItem.quantity)).label("per_unit"),
                    Job.quantity, *ordering)
             .join(BomItem, BomItem.job_id == Job.id)
             .where(_IS_OPEN, ~has_nested_lines(Job.id), BomItem.material_id.is_not(None),
                    BomItem.is_assembly.is_(False), *where)
             .group_by(Job.id, BomItem.material_id)  # the job's other columns follow from its id
             .subquery())
    issued = (select(func.coalesce(func.sum(_stored(MaterialIssue.quantity)), 0))
              .where(MaterialIssue.job_id == lines.c.job_id, MaterialIssue.material_id == lines.c.material_id)
              .scalar_subquery())
    left = lines.c.per_unit * lines.c.quantity - issued
    ordering = (lines.c.due_date, lines.c.number) if claims else ()
    return select(lines.c.job_id, lines.c.material_id, left.label("left"), *ordering).where(left > 0)


@cache
def _open_jobs_naming(nested_only: bool, of_materials: bool) -> Select:
    """(id, number, due date) of the open jobs (by the status index; those with a nested bill when
    ``nested_only``) whose lines name a material (one of the bound ``materials`` when ``of_materials``)."""
    names = select(BomItem.id).where(BomItem.job_id == Job.id, BomItem.material_id.is_not(None))
    if of_materials:
        names = names.where(BomItem.material_id.in_(bindparam("materials", expanding=True)))
    nested = [has_nested_lines(Job.id)] if nested_only else []
    return select(Job.id, Job.number, Job.due_date).where(_IS_OPEN, *nested, names.exists())


@cache
def _every_claim() -> Select:
    return one_level_left(claims=True)


@cache
def _allocated_query(of_materials: bool) -> Select:
    """Per material, what the open jobs with a bill of one level still have to issue of it; of the
    bound ``materials`` when ``of_materials``."""
    where = [BomItem.material_id.in_(bindparam("materials", expanding=True))] if of_materials else []
    left = one_level_left(*where).subquery()
    return select(left.c.material_id, func.sum(left.c.left)).group_by(left.c.material_id)


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


@dataclass(frozen=True)
class PreferredSupplier:
    """A material's preferred supplier: who, their code and price for it, and their lead time."""
    material_id: int
    supplier_id: int
    supplier_name: str
    supplier_code: str
    price: Decimal
    lead_time_days: int | None


def preferred_suppliers(s: Session, material_ids: Collection[int]) -> dict[int, PreferredSupplier]:
    """Material id → its first supplier by position (the preferred one), active suppliers only."""
    if not material_ids:
        return {}
    preferred: dict[int, PreferredSupplier] = {}
    for row in s.connection().execute(_suppliers_query(), {"materials": sorted(material_ids)}):
        if row.material_id not in preferred:
            preferred[row.material_id] = PreferredSupplier(*row)
    return preferred


@cache
def _suppliers_query() -> Select:
    return (select(MaterialSupplier.material_id, MaterialSupplier.supplier_id, Supplier.name,
                   MaterialSupplier.supplier_code, MaterialSupplier.price, Supplier.lead_time_days)
            .join(Supplier, Supplier.id == MaterialSupplier.supplier_id)
            .where(MaterialSupplier.material_id.in_(bindparam("materials", expanding=True)), Supplier.active.is_(True))
            .order_by(MaterialSupplier.material_id, MaterialSupplier.position, MaterialSupplier.id))


def supply_of(on_hand: Decimal, owed: tuple[Decimal, dict[int, Decimal]] | None) -> MaterialSupply:
    for_stock, for_jobs = owed or (ZERO, {})
    return MaterialSupply(on_hand=on_hand, on_order_for_stock=for_stock, on_order_for_job=for_jobs)


def total_on_order(owed: tuple[Decimal, dict[int, Decimal]] | None) -> Decimal:
    """Everything open orders owe of a material, for stock and for jobs."""
    if owed is None:
        return ZERO
    return owed[0] + sum(owed[1].values(), ZERO)


__all__ = ["allocated", "has_nested_lines", "issued_to_jobs", "job_needs", "on_order", "one_level_left", "open_job_claims",
           "PreferredSupplier", "preferred_suppliers", "supply_of", "total_on_order"]
