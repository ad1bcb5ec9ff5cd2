"""Where each material stands: on hand, on order, and allocated to open jobs; and the reorder list.

Allocated: what open jobs' bills of materials still need to issue (needed − issued, never below
zero). On order: what open purchase orders still owe (ordered − received, never below zero).

CONTRACT (issue 15): names and fields are fixed; fields may be added with defaults.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..db.engine import Database


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
        return self.on_hand + self.on_order - self.allocated


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


def stock_positions(db: Database, search: str = "", *, include_inactive: bool = False,
                    limit: int | None = None, offset: int = 0) -> list[StockPosition]:
    """By code; ``search`` matches code or name as you type. A few queries for the page, never one per row."""
    raise NotImplementedError


def reorder_list(db: Database) -> list[ReorderLine]:
    """Every active material whose projected stock is below its reorder level."""
    raise NotImplementedError
