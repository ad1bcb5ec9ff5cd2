"""Where each material stands: on hand, on order, and allocated to open jobs; and the reorder list.

Allocated: what open jobs' bills of materials still need to issue (needed − issued, never below
zero). On order: what open purchase orders still owe (ordered − received, never below zero).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.engine import Database
from ..db.models import Material
from ..domain.money import round_money
from ..domain.shortages import projected, reorder_suggestion
from . import stock_claims
from .common import like_any

ZERO = Decimal(0)


@dataclass(frozen=True)
class StockPosition:
    material_id: int
    code: str
    name: str
    unit: str
    unit_cost: Decimal      # the average cost
    on_hand: Decimal
    stock_value: Decimal
    on_order: Decimal       # for stock and for jobs
    allocated: Decimal      # to open jobs
    reorder_level: Decimal
    reorder_quantity: Decimal
    active: bool

    @property
    def projected(self) -> Decimal:
        """On hand + on order − allocated: what the shelf will hold once every open job has its share."""
        return projected(self.on_hand, self.on_order, self.allocated)


@dataclass(frozen=True)
class ReorderLine:
    material_id: int
    code: str
    name: str
    unit: str
    on_hand: Decimal
    on_order: Decimal
    allocated: Decimal
    reorder_level: Decimal
    suggested: Decimal      # the quantity to order
    supplier_id: int | None  # the preferred supplier
    supplier_name: str
    unit_price: Decimal     # the preferred supplier's price, else the average cost

    @property
    def amount(self) -> Decimal:
        """What the suggested quantity costs at that price, to the minor unit."""
        return round_money(self.suggested * self.unit_price)


def stock_positions(db: Database, search: str = "", *, include_inactive: bool = False,
                    limit: int | None = None, offset: int = 0) -> list[StockPosition]:
    """By code; ``search`` matches code or name as you type. A few queries for the page, never one per row."""
    query = select(Material).order_by(Material.code)
    if search.strip():
        query = query.where(like_any(search.strip(), Material.code, Material.name))
    if not include_inactive:
        query = query.where(Material.active.is_(True))
    if offset:
        query = query.offset(offset)
    if limit is not None:
        query = query.limit(limit)
    with db.reader() as s:
        return _positions(s, list(s.scalars(query)))


def _positions(s: Session, rows: list[Material], claims: dict | None = None,
               owed: dict | None = None) -> list[StockPosition]:
    ids = [m.id for m in rows]
    owed = stock_claims.on_order(s, ids) if owed is None else owed
    claims = stock_claims.open_job_claims(s, ids) if claims is None else claims
    allocated = {material_id: sum((c.to_issue for c in material_claims), ZERO)
                 for material_id, material_claims in claims.items()}
    return [StockPosition(m.id, m.code, m.name, m.unit, m.unit_cost, m.stock_on_hand, m.stock_value,
                          stock_claims.total_on_order(owed.get(m.id)), allocated.get(m.id, ZERO),
                          m.reorder_level, m.reorder_quantity, m.active) for m in rows]


def reorder_list(db: Database) -> list[ReorderLine]:
    """Every active material whose projected stock is below its reorder level."""
    with db.reader() as s:
        return reorder_list_in_session(s)


def reorder_list_in_session(s: Session, *, claims: dict | None = None, owed: dict | None = None) -> list[ReorderLine]:
    """``reorder_list`` in a caller's session; ``claims`` (``stock_claims.open_job_claims``) and
    ``owed`` (``stock_claims.on_order``) over every material when the caller has them already
    (the start page reads them for its own section too)."""
    rows = list(s.scalars(select(Material).where(Material.active.is_(True), Material.reorder_level > 0)
                          .order_by(Material.code)))
    below = [p for p in _positions(s, rows, claims, owed) if p.projected < p.reorder_level]
    preferred = stock_claims.preferred_suppliers(s, [p.material_id for p in below])
    lines = []
    for p in below:
        choice = preferred.get(p.material_id)
        lines.append(ReorderLine(
            p.material_id, p.code, p.name, p.unit, p.on_hand, p.on_order, p.allocated, p.reorder_level,
            reorder_suggestion(p.reorder_level, p.reorder_quantity, p.projected, p.unit),
            choice.supplier_id if choice else None, choice.supplier.name if choice else "",
            choice.price if choice else p.unit_cost))
    return lines
