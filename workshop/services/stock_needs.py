"""What a job's bill of materials still needs from stock, and where stock falls short.

Per material, over every line of the job's BOM that names it: the quantity the job needs, what has
been issued to it so far (returns and corrections taken off), what is still to issue, and how much
of that the stock on hand cannot cover.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select

from ..db.engine import Database
from ..db.models import BomItem, Job, Material, MaterialIssue
from ..domain import planning
from .common import get_or_fail

ZERO = Decimal(0)


@dataclass(frozen=True)
class MaterialNeed:
    material_id: int
    code: str
    unit: str
    needed: Decimal  # for the whole job
    issued: Decimal  # net issued to the job so far
    on_hand: Decimal  # the stock now; below zero after an issue beyond stock
    # CONTRACT (issue 15), filled in by material_needs:
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
    """Material id → its need for the job, for every material the job's BOM names."""
    with db.reader() as s:
        job = get_or_fail(s, Job, job_id, "job", "job")
        items = list(s.scalars(select(BomItem).where(BomItem.job_id == job.id)))
        effective = planning.effective_quantities(
            [planning.BomNodeInput(i.id, i.parent_id, i.quantity, i.unit_cost, i.is_assembly) for i in items],
            job.quantity)
        needed: dict[int, Decimal] = {}
        for i in items:
            if i.material_id is not None and not i.is_assembly:
                needed[i.material_id] = needed.get(i.material_id, ZERO) + effective[i.id]
        if not needed:
            return {}
        issued = dict(s.execute(select(MaterialIssue.material_id, func.sum(MaterialIssue.quantity))
                                .where(MaterialIssue.job_id == job.id, MaterialIssue.material_id.in_(needed))
                                .group_by(MaterialIssue.material_id)).all())
        return {m.id: MaterialNeed(m.id, m.code, m.unit, needed[m.id], issued.get(m.id) or ZERO, m.stock_on_hand)
                for m in s.scalars(select(Material).where(Material.id.in_(needed)))}


@dataclass(frozen=True)
class OrderedMissing:
    purchase_order_ids: tuple[int, ...]   # the drafts made, one per preferred supplier
    not_ordered: tuple[str, ...]          # plain sentences: "WAL-26: no preferred supplier"


def order_missing(db: Database, job_id: int) -> OrderedMissing:  # @writes(Change.PURCHASING)
    """Draft purchase orders for what the job is missing, grouped by each material's preferred
    supplier, for the job, at the supplier's price; in one transaction."""
    raise NotImplementedError


__all__ = ["MaterialNeed", "OrderedMissing", "material_needs", "order_missing"]
