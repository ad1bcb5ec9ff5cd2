"""``workshop check``'s stock rule: a material's stock on hand and stock value are the sums of its
stock movements (services/stock_ledger.py keeps them so). A material whose stored figures differ was
changed outside the program, or by a fault; ``workshop check --repair`` sets them to the sums, since
the movements are the record (each with its reason) and the stored figures only a copy for lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Connection, func, select

from .row_links import schema


@dataclass(frozen=True)
class StockMismatch:
    material_id: int
    code: str
    on_hand: Decimal         # as stored on the material
    value: Decimal
    moved_quantity: Decimal  # the sums of its movements
    moved_value: Decimal

    @property
    def message(self) -> str:
        return (f"Material {self.code}: stock on hand {_qty(self.on_hand)} and stock value {self.value}, but its "
                f"stock movements add up to {_qty(self.moved_quantity)} and {self.moved_value}.")


def _qty(value: Decimal) -> str:
    return f"{value.normalize():f}"


def stock_mismatches(conn: Connection) -> list[StockMismatch]:
    """Materials whose stored stock on hand or stock value is not the sum of their movements."""
    metadata = schema()
    materials, movements = metadata.tables["materials"], metadata.tables["stock_movements"]
    sums = (select(movements.c.material_id, func.sum(movements.c.quantity).label("quantity"),
                   func.sum(movements.c.value).label("value"))
            .group_by(movements.c.material_id).subquery())
    query = (select(materials.c.id, materials.c.code, materials.c.stock_on_hand, materials.c.stock_value,
                    sums.c.quantity, sums.c.value)
             .select_from(materials.outerjoin(sums, sums.c.material_id == materials.c.id))
             .order_by(materials.c.code))
    found = []
    for material_id, code, on_hand, value, moved_quantity, moved_value in conn.execute(query):
        moved_quantity, moved_value = moved_quantity or Decimal(0), moved_value or Decimal("0.00")
        if on_hand != moved_quantity or value != moved_value:
            found.append(StockMismatch(material_id, code, on_hand, value, moved_quantity, moved_value))
    return found


def repair_stock(conn: Connection, mismatches: list[StockMismatch], record) -> int:
    """Sets each material's stored figures to the sums of its movements; ``record(table, key, row,
    reason)`` keeps the row as it was. Returns how many materials were set."""
    materials = schema().tables["materials"]
    for m in mismatches:
        row = conn.execute(select(materials).where(materials.c.id == m.material_id)).mappings().one()
        record(materials, (m.material_id,), dict(row),
               f"Stock on hand {_qty(m.on_hand)} and value {m.value} set to the sums of its movements, "
               f"{_qty(m.moved_quantity)} and {m.moved_value}.")
        conn.execute(materials.update().where(materials.c.id == m.material_id)
                     .values(stock_on_hand=m.moved_quantity, stock_value=m.moved_value))
    return len(mismatches)


__all__ = ["StockMismatch", "stock_mismatches", "repair_stock"]
