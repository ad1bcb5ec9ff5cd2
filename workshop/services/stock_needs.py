"""What a job's bill of materials still needs from stock, and where stock falls short.

Per material, over every line of the job's BOM that names it: the quantity the job needs, what has
been issued to it so far (returns and corrections taken off), what is still to issue, and how much
of that the stock on hand cannot cover; then, sharing stock and orders with the other open jobs by
due date (``domain/shortages``), what is on order for it, what the others claim, and what is missing.
"Order what's missing" drafts purchase orders for that, one per preferred supplier.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal

from functools import cache

from sqlalchemy import bindparam, case, func, select
from sqlalchemy.orm import Session

from ..db.engine import Database
from ..db.models import BomItem, Job, Material, PurchaseOrder
from ..domain.changes import Change, writes
from ..domain.errors import ValidationError
from ..domain.locale_text import format_number
from ..domain.shortages import JobClaim, shortages, to_issue
from ..domain.statuses import OPEN_JOB_STATUSES
from . import purchase_orders, stock_claims
from .purchase_orders import PurchaseOrderLineInput
from .common import get_or_fail, session_locale

ZERO = Decimal(0)


@dataclass(frozen=True)
class MaterialNeed:
    material_id: int
    code: str
    unit: str
    needed: Decimal  # for the whole job
    issued: Decimal  # net issued to the job so far
    on_hand: Decimal  # the stock now; below zero after an issue beyond stock
    # where the job stands against other open jobs and open orders (domain/shortages):
    on_order: Decimal = ZERO             # open orders' outstanding lines for this job or for stock
    allocated_elsewhere: Decimal = ZERO  # what other open jobs still need of it
    missing: Decimal = ZERO              # to order: what stock, orders and other jobs' claims leave short

    @property
    def to_issue(self) -> Decimal:
        return max(self.needed - self.issued, ZERO)

    @property
    def shortage(self) -> Decimal:
        """What stock cannot cover of what is still to issue (0 when nothing is left to issue)."""
        if not self.to_issue:
            return ZERO
        return max(self.to_issue - self.on_hand, ZERO)


def material_needs(db: Database, job_id: int) -> dict[int, MaterialNeed]:
    """Material id → its need for the job, for every material the job's BOM names, with what is on
    order for it, what other open jobs claim, and what is missing (``domain/shortages``)."""
    with db.reader() as s:
        return material_needs_in_session(s, get_or_fail(s, Job, job_id, "job", "job"))


def material_needs_in_session(s: Session, job: Job) -> dict[int, MaterialNeed]:
    needed = {m: qty for (_, m), qty in stock_claims.job_needs(s, [job.id]).items()}
    if not needed:
        return {}
    material_ids = set(needed)
    issued = stock_claims.issued_to_jobs(s, [job.id], material_ids)
    others = _others_claims(s, job, material_ids)
    owed = stock_claims.on_order(s, material_ids)
    open_job = job.status in OPEN_JOB_STATUSES
    result = {}
    for m in s.connection().execute(_materials_query(), {"materials": sorted(material_ids)}):
        need = MaterialNeed(m.id, m.code, m.unit, needed[m.id], issued.get((job.id, m.id), ZERO), m.stock_on_hand)
        # only an open job claims stock (and can be missing any): a finished or cancelled one needs no more
        mine = JobClaim(job.id, job.due_date, job.number, need.to_issue if open_job else ZERO)
        where = shortages(stock_claims.supply_of(m.stock_on_hand, owed.get(m.id)),
                          [*others.get(m.id, ()), mine])[job.id]
        result[m.id] = replace(need, on_order=where.on_order, allocated_elsewhere=where.allocated_elsewhere,
                               missing=where.missing)
    return result


# --- the other open jobs' claims, as one job's page needs them ------------------------------------
#
# Where a job stands on a material depends on the other open jobs only through two sums: what those
# ahead of it (by due date, then number: ``shortages.claim_order``) still have to issue, and what all
# of them do. So the claims come back as two per material, one for the jobs ahead and one for those
# behind, made by the database over every open job's bill (ten years of a shop keep ~1,800 jobs open,
# with ~11,000 lines): a bill of one level (nearly every job) is summed in SQL, each line's quantity
# times its job's, less what was issued, never below 0 (``shortages.to_issue``), in whole thousandths
# as stored; a bill with sub-assemblies goes through ``stock_claims.job_needs`` in Python. The rule
# for a job's position stays ``shortages.shortages``, given the two sums as claims.

_AHEAD, _BEHIND = -1, -2  # the two claims' job ids: no job has them


def _others_claims(s: Session, job: Job, material_ids: set[int]) -> dict[int, list[JobClaim]]:
    """Material id → two claims: every other open job ahead of ``job``, and every one behind it."""
    ahead: dict[int, Decimal] = {}
    behind: dict[int, Decimal] = {}
    scale = Decimal(1).scaleb(-_QUANTITY_SCALE)
    for material_id, total_ahead, total_behind in s.connection().execute(
            _one_level_others(), {"job_id": job.id, "due": job.due_date, "number": job.number,
                                  "materials": sorted(material_ids)}):
        ahead[material_id] = Decimal(total_ahead) * scale
        behind[material_id] = Decimal(total_behind) * scale
    nested = {j.id: j for j in s.connection().execute(
        _nested_others(), {"job_id": job.id, "materials": sorted(material_ids)})}
    if nested:
        needs = {key: qty for key, qty in stock_claims.job_needs(s, nested).items() if key[1] in material_ids}
        issued = stock_claims.issued_to_jobs(s, nested, {m for _, m in needs})
        mine = (job.due_date, job.number)
        for (job_id, material_id), qty in needs.items():
            left = to_issue(qty, issued.get((job_id, material_id), ZERO))
            side = ahead if (nested[job_id].due_date, nested[job_id].number) < mine else behind
            side[material_id] = side.get(material_id, ZERO) + left
    return {m: [JobClaim(_AHEAD, job.due_date, "", ahead.get(m, ZERO)),  # "" comes before any number
                JobClaim(_BEHIND, job.due_date, "\uffff", behind.get(m, ZERO))]  # and this after any
            for m in set(ahead) | set(behind)}


_QUANTITY_SCALE = BomItem.quantity.type.scale  # quantities are stored in whole thousandths


@cache
def _materials_query():
    return (select(Material.id, Material.code, Material.unit, Material.stock_on_hand)
            .where(Material.id.in_(bindparam("materials", expanding=True))))


@cache
def _nested_others():
    """The other open jobs whose bill has sub-assemblies and names one of the materials."""
    names = select(BomItem.id).where(BomItem.job_id == Job.id,
                                     BomItem.material_id.in_(bindparam("materials", expanding=True)))
    return (select(Job.id, Job.number, Job.due_date)
            .where(Job.status.in_([str(st) for st in OPEN_JOB_STATUSES]), Job.id != bindparam("job_id"),
                   stock_claims.has_nested_lines(Job.id), names.exists()))


@cache
def _one_level_others():
    """Per material, what the other open jobs with a bill of one level still have to issue of it
    (``stock_claims.one_level_left``): those ahead of the job (earlier due date, or the same and a
    lower number), and those behind. Whole thousandths as stored; built once, the job, its due date
    and number and the materials bound."""
    left = stock_claims.one_level_left(Job.id != bindparam("job_id"),
                                       BomItem.material_id.in_(bindparam("materials", expanding=True)),
                                       claims=True).subquery()
    is_ahead = (left.c.due_date < bindparam("due")) | ((left.c.due_date == bindparam("due"))
                                                      & (left.c.number < bindparam("number")))
    return (select(left.c.material_id, func.sum(case((is_ahead, left.c.left), else_=0)),
                   func.sum(case((is_ahead, 0), else_=left.c.left)))
            .group_by(left.c.material_id))


@dataclass(frozen=True)
class OrderedMissing:
    purchase_order_ids: tuple[int, ...]   # the drafts made, one per preferred supplier
    not_ordered: tuple[str, ...]          # plain sentences: "WAL-26: no preferred supplier"
    numbers: tuple[str, ...] = ()         # the drafts' numbers, in the same order


@writes(Change.PURCHASING)
def order_missing(db: Database, job_id: int) -> OrderedMissing:
    """Draft purchase orders for what the job is missing, grouped by each material's preferred
    supplier, for the job, at the supplier's price; in one transaction."""
    today = db.today()
    with db.session() as s:
        job = get_or_fail(s, Job, job_id, "job", "job")
        missing = {m: need for m, need in material_needs_in_session(s, job).items() if need.missing > 0}
        if not missing:
            raise ValidationError("job", f"Nothing is missing for {job.number}.")
        preferred = stock_claims.preferred_suppliers(s, set(missing))
        locale = session_locale(s)
        by_supplier: dict[int, list[PurchaseOrderLineInput]] = {}
        lead_times: dict[int, int] = {}
        not_ordered = []
        for material_id, need in sorted(missing.items(), key=lambda item: item[1].code):
            choice = preferred.get(material_id)
            if choice is None:
                not_ordered.append(f"{need.code}: no preferred supplier ({format_number(need.missing.normalize(), locale)} "
                                   f"{need.unit} missing)")
                continue
            lead_times[choice.supplier_id] = choice.lead_time_days or 0
            by_supplier.setdefault(choice.supplier_id, []).append(PurchaseOrderLineInput(
                quantity=need.missing, unit_price=choice.price, material_id=material_id,
                supplier_code=choice.supplier_code,
                expected_on=today + dt.timedelta(days=lead_times[choice.supplier_id])))
        drafted = tuple(
            purchase_orders.draft_purchase_order_in_session(
                s, db, supplier_id, job_id=job.id, lines=lines,
                expected_on=today + dt.timedelta(days=lead_times[supplier_id]))
            for supplier_id, lines in by_supplier.items())
        numbers = dict(s.execute(select(PurchaseOrder.id, PurchaseOrder.number)
                                 .where(PurchaseOrder.id.in_(drafted))).all()) if drafted else {}
        return OrderedMissing(drafted, tuple(not_ordered), tuple(numbers[i] for i in drafted))


__all__ = ["MaterialNeed", "OrderedMissing", "material_needs", "order_missing"]
