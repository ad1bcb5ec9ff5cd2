"""Purchase orders: drafted, sent, received (in part or whole) or cancelled; numbered PO-YYYY-NNNN
without gaps (the number is taken when the order is drafted and kept if it is cancelled).

CONTRACT (issue 15): names and fields are fixed; fields may be added with defaults.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from ..db.engine import Database
from ..domain.changes import Change, writes


@dataclass(frozen=True)
class PurchaseOrderLineInput:
    quantity: object                 # Decimal, or text in the shop's locale
    unit_price: object
    material_id: int | None = None   # None: free text (description required)
    description: str = ""            # default: the material's name
    unit: str | None = None          # default: the material's unit, else "ea"
    supplier_code: str | None = None  # default: the material's code at this supplier
    expected_on: dt.date | None = None
    job_id: int | None = None        # bought for this job (None: the order's job, or stock)
    operation_id: int | None = None  # outside work: the operation the supplier does


@dataclass(frozen=True)
class PurchaseOrderLineView:
    id: int
    position: int
    material_id: int | None
    material_code: str
    description: str
    supplier_code: str
    quantity: Decimal
    unit: str
    unit_price: Decimal
    amount: Decimal                  # quantity × unit price, to the minor unit
    expected_on: dt.date | None
    job_id: int | None
    job_number: str
    operation_id: int | None
    received: Decimal                # received so far
    outstanding: Decimal             # max(quantity − received, 0)


@dataclass(frozen=True)
class PurchaseOrderView:
    id: int
    number: str
    supplier_id: int
    supplier_name: str
    job_id: int | None
    job_number: str
    status: str                      # domain.stock.PurchaseOrderStatus value
    order_date: dt.date
    expected_on: dt.date | None
    notes: str
    total: Decimal                   # sum of line amounts (before tax)
    lines: tuple[PurchaseOrderLineView, ...]
    sent_at: dt.datetime | None = None
    cancel_reason: str = ""


@dataclass(frozen=True)
class PurchaseOrderRow:
    """A purchase order in a list (no lines)."""
    id: int
    number: str
    supplier_name: str
    job_number: str
    status: str
    order_date: dt.date
    expected_on: dt.date | None
    total: Decimal


def draft_purchase_order_in_session(s: Session, db: Database, supplier_id: int, *, job_id: int | None = None,
                                    expected_on: dt.date | None = None, notes: str = "",
                                    lines: list[PurchaseOrderLineInput] = ()) -> int:
    """Draft an order inside the caller's session (order what's missing drafts several at once);
    returns its id. Validates every line first: nothing is saved half-way."""
    raise NotImplementedError


@writes(Change.PURCHASING)
def create_purchase_order(db: Database, supplier_id: int, *, job_id: int | None = None,
                          expected_on: dt.date | None = None, notes: str = "",
                          lines: list[PurchaseOrderLineInput] = ()) -> PurchaseOrderView:
    raise NotImplementedError


@writes(Change.PURCHASING)
def update_purchase_order(db: Database, po_id: int, *, expected_on=..., notes=..., job_id=...,
                          lines: list[PurchaseOrderLineInput] | None = None) -> PurchaseOrderView:
    """A draft only; ``lines`` replaces all lines. Arguments left out stay as they are."""
    raise NotImplementedError


@writes(Change.PURCHASING)
def mark_sent(db: Database, po_id: int) -> PurchaseOrderView:
    raise NotImplementedError


@writes(Change.PURCHASING)
def cancel_purchase_order(db: Database, po_id: int, reason: str) -> PurchaseOrderView:
    raise NotImplementedError


def get_purchase_order(db: Database, po_id: int) -> PurchaseOrderView:
    raise NotImplementedError


def purchase_order_by_number(db: Database, number: str) -> PurchaseOrderView:
    raise NotImplementedError


def list_purchase_orders(db: Database, search: str = "", *, status: str | None = None, open_only: bool = False,
                         supplier_id: int | None = None, job_id: int | None = None,
                         limit: int | None = None, offset: int = 0) -> list[PurchaseOrderRow]:
    """Newest first; ``search`` matches the number, supplier or job number as you type."""
    raise NotImplementedError
