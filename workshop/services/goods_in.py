"""Goods in: receiving a delivery, against a purchase order (part or whole) or without one.

Stock goes up at the unit cost actually paid (weighted average, see ``domain.stock``). A line for a
job may be issued to it in the same step; with the shop's ``job_purchase_costing`` "actual" the job
is charged what was paid, with "average" the stock's new average. A line for outside work books
its cost to the job as a subcontract cost.

CONTRACT (issue 15): names and fields are fixed; fields may be added with defaults.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from ..db.engine import Database
from ..domain.changes import Change, writes
from ..domain.errors import ValidationError


@dataclass(frozen=True)
class ReceiptLineInput:
    quantity: object                        # Decimal, or text in the shop's locale; > 0
    unit_cost: object | None = None         # default: the order line's price, else required
    purchase_order_line_id: int | None = None
    material_id: int | None = None          # without an order line: a material, or free text for a job
    description: str = ""
    job_id: int | None = None               # default: the order line's job
    issue_to_job: bool = False              # issue it to the job in the same step


@dataclass(frozen=True)
class ReceiptLineView:
    id: int
    purchase_order_line_id: int | None
    material_id: int | None
    material_code: str
    description: str
    quantity: Decimal
    unit: str
    unit_cost: Decimal
    amount: Decimal
    job_id: int | None
    job_number: str
    material_issue_id: int | None
    other_cost_id: int | None


@dataclass(frozen=True)
class GoodsReceiptView:
    id: int
    purchase_order_id: int | None
    purchase_order_number: str
    supplier_id: int | None
    supplier_name: str
    received_at: dt.datetime
    delivery_note: str
    note: str
    lines: tuple[ReceiptLineView, ...]


class OverReceipt(ValidationError):
    """Receiving more than a line still owes. Not refused outright (suppliers round up to whole
    sheets and boards): the person confirms and receives it anyway (``beyond_order=True``)."""

    def __init__(self, field: str, message: str, lines: tuple[int, ...] = ()) -> None:
        super().__init__(field, message)
        self.lines = lines  # the order line ids concerned


@writes(Change.PURCHASING | Change.SHOP | Change.BOOKINGS)
def receive_goods(db: Database, *, lines: list[ReceiptLineInput], purchase_order_id: int | None = None,
                  supplier_id: int | None = None, received_at: dt.datetime | None = None,
                  delivery_note: str = "", note: str = "", beyond_order: bool = False) -> GoodsReceiptView:
    """Receive ``lines`` in one transaction, update the order's status, and say what came in."""
    raise NotImplementedError


def list_receipts(db: Database, search: str = "", *, purchase_order_id: int | None = None,
                  limit: int | None = None, offset: int = 0) -> list[GoodsReceiptView]:
    """Newest first."""
    raise NotImplementedError
