"""``workshop reorder-list``: the materials below their reorder level as text for a terminal."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from ..exports.csv_cells import money_cell, quantity_cell
from ..services.stock_position import ReorderLine
from .text import table


def format_reorder_list(lines: Sequence[ReorderLine], currency: str) -> str:
    if not lines:
        return "Nothing is below its reorder level."
    rows = [[x.code, x.name[:30], quantity_cell(x.on_hand), quantity_cell(x.on_order), quantity_cell(x.allocated),
             quantity_cell(x.reorder_level), f"{quantity_cell(x.suggested)} {x.unit}", x.supplier_name[:24] or "—",
             money_cell(x.unit_price), money_cell(x.amount)] for x in lines]
    total = sum((x.amount for x in lines), Decimal("0.00"))
    headers = ["Code", "Material", "On hand", "On order", "Allocated", "Level", "Order", "Supplier", "Price",
               "Amount"]
    return "\n".join([f"Reorder list ({currency}): projected stock (on hand + on order − allocated) below the level",
                      "", *table(headers, rows, right={2, 3, 4, 5, 6, 8, 9}), "",
                      f"Total at these prices: {money_cell(total)}"])


__all__ = ["format_reorder_list"]
