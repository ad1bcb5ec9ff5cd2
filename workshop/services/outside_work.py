"""Ordering work done outside the shop: a draft purchase order to the operation's supplier, for its
job, one line for the operation. The rules for outside operations are ``outside_operations``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from ..db.engine import Database
from ..db.models import Job, Operation, PurchaseOrder
from ..domain.changes import Change, writes
from ..domain.errors import ValidationError
from . import purchase_orders
from .common import get_or_fail
from .purchase_orders import PurchaseOrderLineInput


@dataclass(frozen=True)
class OutsideOrder:
    purchase_order_id: int
    number: str


@writes(Change.PURCHASING)
def order_outside_work(db: Database, operation_id: int, unit_price: object) -> OutsideOrder:
    """Draft the order for an outside operation: to its supplier, for its job, one line of the job's
    quantity at ``unit_price`` (a figure, or text in the shop's locale), expected back after its days away."""
    today = db.today()
    with db.session() as s:
        op = get_or_fail(s, Operation, operation_id, "operation", "operation")
        if op.supplier_id is None:
            raise ValidationError("operation", f"Operation {op.op_number:03d} {op.name} is done in the shop; "
                                               "mark it done outside, with its supplier, first.")
        job = s.get(Job, op.job_id)
        back_on = today + dt.timedelta(days=op.days_away or 0)
        line = PurchaseOrderLineInput(quantity=job.quantity, unit_price=unit_price, unit="ea",
                                      description=f"{job.number} op {op.op_number:03d}: {op.name}",
                                      expected_on=back_on, job_id=job.id, operation_id=op.id)
        po_id = purchase_orders.draft_purchase_order_in_session(s, db, op.supplier_id, job_id=job.id,
                                                               expected_on=back_on, lines=[line])
        return OutsideOrder(po_id, s.scalar(select(PurchaseOrder.number).where(PurchaseOrder.id == po_id)))


__all__ = ["OutsideOrder", "order_outside_work"]
