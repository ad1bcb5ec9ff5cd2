"""The reorder list as CSV, for a spreadsheet or to send on: every material below its reorder
level with what to order, from whom and at what price. Cells as every export writes them
(``csv_cells``): typed text made safe, exact quantities, amounts with two decimals."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..services.stock_position import ReorderLine
from .csv_cells import money_cell, quantity_cell, text_cell, write_csv_files

HEADER = ("Code", "Material", "Unit", "On hand", "On order", "Allocated", "Reorder level", "Suggested",
          "Supplier", "Unit price", "Amount")


def reorder_row(line: ReorderLine) -> list[str]:
    return [text_cell(line.code), text_cell(line.name), text_cell(line.unit),
            *(quantity_cell(q) for q in (line.on_hand, line.on_order, line.allocated, line.reorder_level,
                                         line.suggested)),
            text_cell(line.supplier_name), money_cell(line.unit_price), money_cell(line.amount)]


def write_reorder_csv(lines: Iterable[ReorderLine], path: Path) -> Path:
    """Write the file whole or not at all; its path."""
    return write_csv_files([(Path(path), HEADER, [reorder_row(line) for line in lines])])[0]


__all__ = ["HEADER", "reorder_row", "write_reorder_csv"]
