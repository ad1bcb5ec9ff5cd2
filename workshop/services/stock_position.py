"""Where each material stands: on hand, on order, and allocated to open jobs; and the reorder list.

Allocated: what open jobs' bills of materials still need to issue (needed − issued, never below
zero). On order: what open purchase orders still owe (ordered − received, never below zero).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache

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
    """By code; ``search`` matches code or name as you type. A few queries for the page, never one per
    row; what is on order and allocated only for the materials on it."""
    query = select(*_COLUMNS).order_by(Material.code)
    if search.strip():
        query = query.where(like_any(search.strip(), Material.code, Material.name))
    if not include_inactive:
        query = query.where(Material.active.is_(True))
    if offset:
        query = query.offset(offset)
    if limit is not None:
        query = query.limit(limit)
    with db.reader() as s:
        rows = s.execute(query).all()
        ids = [m.id for m in rows]
        return _positions(rows, stock_claims.allocated(s, ids), stock_claims.on_order(s, ids))


# the material's own columns as plain rows (no ORM object per material)
_COLUMNS = (Material.id, Material.code, Material.name, Material.unit, Material.unit_cost, Material.stock_on_hand,
            Material.stock_value, Material.reorder_level, Material.reorder_quantity, Material.active)


def _positions(rows, allocated: dict[int, Decimal], owed: dict) -> list[StockPosition]:
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
    (the start page reads them for its own section too). Without claims, what is allocated comes
    from the database summed per material over every open job at once (``stock_claims.allocated``)."""
    rows = s.connection().execute(_reorder_query()).all()
    if claims is None:
        allocated = stock_claims.allocated(s)
    else:
        allocated = {material_id: sum((c.to_issue for c in material_claims), ZERO)
                     for material_id, material_claims in claims.items()}
    owed = stock_claims.on_order(s) if owed is None else owed
    below = []  # (material, on order, allocated, projected): only these become lines
    for m in rows:
        on_order, claimed = stock_claims.total_on_order(owed.get(m.id)), allocated.get(m.id, ZERO)
        if (stock := projected(m.stock_on_hand, on_order, claimed)) < m.reorder_level:
            below.append((m, on_order, claimed, stock))
    preferred = stock_claims.preferred_suppliers(s, [m.id for m, *_ in below])
    lines = []
    for m, on_order, claimed, stock in below:
        choice = preferred.get(m.id)
        lines.append(ReorderLine(
            m.id, m.code, m.name, m.unit, m.stock_on_hand, on_order, claimed, m.reorder_level,
            reorder_suggestion(m.reorder_level, m.reorder_quantity, stock, m.unit),
            choice.supplier_id if choice else None, choice.supplier_name if choice else "",
            choice.price if choice else m.unit_cost))
    return lines


@cache
def _reorder_query():
    """The active materials with a reorder level, by code: what a line shows of each."""
    return (select(Material.id, Material.code, Material.name, Material.unit, Material.unit_cost,
                   Material.stock_on_hand, Material.reorder_level, Material.reorder_quantity)
            .where(Material.active.is_(True), Material.reorder_level > 0).order_by(Material.code))
