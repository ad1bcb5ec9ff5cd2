"""Goods in: receiving a delivery, against a purchase order (part or whole) or without one.

Stock goes up at the unit cost actually paid (weighted average, see ``domain.stock``). A line for a
job may be issued to it in the same step; with the shop's ``job_purchase_costing`` "actual" the job
is charged what was paid, with "average" the stock's new average. A line for outside work books
its cost to the job as a subcontract cost.

Receiving more than an order line still owes is not refused outright, because suppliers round up
to whole boards and sheets: it raises ``OverReceipt`` (naming the line, what is outstanding and
what was typed) until the person confirms with ``beyond_order=True``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..db.engine import Database
from ..db.models import GoodsReceipt, GoodsReceiptLine, Job, Material, PurchaseOrder, PurchaseOrderLine, Supplier
from ..domain import statuses as st
from ..domain import validation as v
from ..domain.changes import Change, writes
from ..domain.errors import ValidationError
from ..domain.invoicing import line_error
from ..domain.money import round_money
from ..domain.stock import RECEIVABLE_PO_STATUSES, MovementKind, PurchaseOrderStatus
from ..domain.wording import quantity_words
from . import bookings
from .common import get_or_fail, like_any, session_locale, settings_row
from .purchase_orders import job_to_buy_for, line_quantity, received_quantities, refresh_status_in_session
from .stock_ledger import move_stock

ZERO = Decimal(0)


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


@dataclass(frozen=True)
class _Planned:
    """A receipt line checked and ready to book."""
    index: int
    quantity: Decimal
    unit_cost: Decimal
    order_line: PurchaseOrderLine | None
    material: Material | None
    description: str
    unit: str
    job: Job | None
    issue_to_job: bool


def _order_for(s: Session, purchase_order_id, lines: list[ReceiptLineInput]) -> PurchaseOrder | None:
    """The order received against: given, or the one the first order line belongs to."""
    if purchase_order_id is None:
        first = next((raw.purchase_order_line_id for raw in lines
                      if isinstance(raw, ReceiptLineInput) and raw.purchase_order_line_id is not None), None)
        if first is None:
            return None
        purchase_order_id = get_or_fail(s, PurchaseOrderLine, first, "lines[0].purchase_order_line_id",
                                        "purchase order line").purchase_order_id
    order = get_or_fail(s, PurchaseOrder, purchase_order_id, "purchase_order_id", "purchase order")
    status = PurchaseOrderStatus(order.status)
    if status not in RECEIVABLE_PO_STATUSES:
        why = ("everything ordered has come" if status is PurchaseOrderStatus.RECEIVED
               else "nothing can be received against it")
        raise ValidationError("purchase_order_id", f"{order.number} is {status.label.lower()}: {why}.")
    return order


def _plan_line(s: Session, index: int, raw: ReceiptLineInput, order: PurchaseOrder | None, locale: str) -> _Planned:
    if not isinstance(raw, ReceiptLineInput):
        raise ValidationError(f"lines[{index}]", f"Line {index + 1}: not a line of goods received.")

    def named(read):
        try:
            return read()
        except ValidationError as exc:
            raise line_error(index, exc.field, exc.message) from None

    quantity = line_quantity(index, raw.quantity, locale=locale)
    cost = named(lambda: v.money("unit_cost", raw.unit_cost, required=False, locale=locale))
    description = named(lambda: v.text("description", raw.description, max_length=300))
    order_line = material = None
    if raw.purchase_order_line_id is not None:
        order_line = named(lambda: get_or_fail(s, PurchaseOrderLine, raw.purchase_order_line_id,
                                               "purchase_order_line_id", "purchase order line"))
        if order is None or order_line.purchase_order_id != order.id:
            raise line_error(index, "purchase_order_line_id",
                             f"that line is not on {order.number if order else 'the order'}.")
        if raw.material_id is not None and raw.material_id != order_line.material_id:
            raise line_error(index, "material_id", f"{order.number} line {order_line.position} orders "
                                                   f"{order_line.description}, not another material.")
        material = order_line.material
        description = description or order_line.description
        cost = order_line.unit_price if cost is None else cost
        job_id = raw.job_id if raw.job_id is not None else order_line.job_id
        unit = order_line.unit
    else:
        if raw.material_id is not None:
            material = named(lambda: get_or_fail(s, Material, raw.material_id, "material_id", "material"))
            description = description or material.name
        elif not description:
            raise line_error(index, "description", "pick the material, or describe what came for a job.")
        if cost is None:
            raise line_error(index, "unit_cost", "give the unit cost actually paid.")
        job_id = raw.job_id if raw.job_id is not None else (order.job_id if order else None)
        unit = material.unit if material else "ea"
    job = named(lambda: job_to_buy_for(s, job_id)) if job_id is not None else None
    outside = order_line is not None and order_line.operation_id is not None
    if material is None and not outside:  # free text: no stock to put it in
        if job is None and order_line is None:
            raise line_error(index, "job_id", "goods that are not a material on the list come in for a job: "
                                              "choose the job.")
        if job is not None and not raw.issue_to_job:
            raise line_error(index, "issue_to_job", "goods that are not a material on the list are not stocked: "
                                                    "issue them to the job as they come in.")
    if raw.issue_to_job and job is None:
        raise line_error(index, "job_id", "choose the job to issue it to.")
    _check_job_takes_it(index, job, issue=raw.issue_to_job and not outside, outside=outside)
    return _Planned(index, quantity, cost, order_line, material, description, unit, job,
                    raw.issue_to_job and not outside)


def _check_job_takes_it(index: int, job: Job | None, *, issue: bool, outside: bool) -> None:
    """Checked before anything is booked, so the refusal names the line."""
    if job is None:
        return
    status = st.JobStatus(job.status)
    if issue and not st.can_book_work(status):
        hint = " Release it first, or receive it into stock." if status is st.JobStatus.PLANNED else ""
        raise line_error(index, "issue_to_job", f"{job.number} is {status.label.lower()}: material cannot be "
                                                f"issued to it.{hint}")
    if outside and not st.can_add_cost(status):
        raise line_error(index, "job_id", f"{job.number} is {status.label.lower()}: the outside work's cost "
                                          "cannot be booked to it.")


def _check_over_receipt(s: Session, order: PurchaseOrder, planned: list[_Planned]) -> None:
    """Raise OverReceipt naming each order line this delivery takes past what it still owes."""
    received = received_quantities(s, (line.id for line in order.lines))
    coming: dict[int, Decimal] = {}
    for p in planned:
        if p.order_line is not None:
            coming[p.order_line.id] = coming.get(p.order_line.id, ZERO) + p.quantity
    over, words = [], []
    for line in order.lines:
        if line.id not in coming:
            continue
        outstanding = max(line.quantity - received.get(line.id, ZERO), ZERO)
        if coming[line.id] > outstanding:
            over.append(line.id)
            words.append(f"line {line.position} ({line.description}): {quantity_words(outstanding)} {line.unit} still to "
                         f"come, {quantity_words(coming[line.id])} {line.unit} received")
    if over:
        first = next(p.index for p in planned if p.order_line is not None and p.order_line.id == over[0])
        raise OverReceipt(f"lines[{first}].quantity",
                          f"More than {order.number} still owes: " + "; ".join(words)
                          + ". Receive it anyway if the supplier sent extra.", tuple(over))


def _book(s: Session, db: Database, receipt: GoodsReceipt, p: _Planned, order: PurchaseOrder | None,
          costing: str) -> None:
    """Save one line and its consequences: stock in, the issue to the job, or outside work's cost."""
    line = GoodsReceiptLine(receipt_id=receipt.id, purchase_order_line_id=p.order_line.id if p.order_line else None,
                            material_id=p.material.id if p.material else None, description=p.description,
                            quantity=p.quantity, unit=p.unit, unit_cost=p.unit_cost,
                            job_id=p.job.id if p.job else None)
    s.add(line)
    s.flush()
    reference = f" ({order.number})" if order is not None else ""
    if p.order_line is not None and p.order_line.operation_id is not None:  # outside work back: its cost
        op = p.order_line.operation
        cost = bookings.add_other_cost_in_session(
            s, db, p.job.id, category="subcontract", description=f"Outside: {op.name}{reference}"[:300],
            amount=round_money(p.quantity * p.unit_cost), incurred_on=receipt.received_at.astimezone().date())
        line.other_cost_id = cost.id
        return
    if p.material is not None:
        move_stock(s, p.material, MovementKind.GOODS_IN, p.quantity, unit_cost=p.unit_cost, receipt_line_id=line.id,
                   job_id=line.job_id, at=receipt.received_at, booked_at=db.now(), reason=f"Goods in{reference}")
    if p.issue_to_job:
        # "actual": the job pays what was paid, and the issue takes exactly that value off the
        # shelf, so the average of the rest is undisturbed; "average": the stock's new average.
        charged = p.unit_cost if costing == "actual" or p.material is None else p.material.unit_cost
        issue = bookings.move_material_in_session(
            s, db, p.job.id, returning=False, material_id=p.material.id if p.material else None,
            description=p.description, quantity=p.quantity, unit_cost=charged, unit=p.unit,
            note=f"Received{reference} and issued", issued_at=receipt.received_at, beyond_stock=True)
        line.material_issue_id = issue.id


@writes(Change.PURCHASING | Change.SHOP | Change.BOOKINGS)
def receive_goods(db: Database, *, lines: list[ReceiptLineInput], purchase_order_id: int | None = None,
                  supplier_id: int | None = None, received_at: dt.datetime | None = None,
                  delivery_note: str = "", note: str = "", beyond_order: bool = False) -> GoodsReceiptView:
    """Receive ``lines`` in one transaction, update the order's status, and say what came in.

    Every line is checked before anything is booked. Receiving against a cancelled or fully
    received order is refused; more than a line still owes raises ``OverReceipt`` unless
    ``beyond_order`` (allowed with a warning: the person confirms). A draft receiving goods
    becomes at least sent."""
    with db.session() as s:
        locale = session_locale(s)
        when = v.moment("received_at", received_at) or db.now()
        delivery_note = v.text("delivery_note", delivery_note, max_length=60)
        note = v.long_text("note", note)
        if isinstance(lines, (str, bytes, dict)) or not lines:
            raise ValidationError("lines", "Nothing to receive: add what came in.")
        order = _order_for(s, purchase_order_id, lines)
        supplier = None
        if supplier_id is not None:
            supplier = get_or_fail(s, Supplier, supplier_id, "supplier_id", "supplier")
            if order is not None and order.supplier_id != supplier.id:
                raise ValidationError("supplier_id", f"{order.number} is an order to {order.supplier.name}, "
                                                     f"not {supplier.name}.")
        planned = [_plan_line(s, i, raw, order, locale) for i, raw in enumerate(lines)]
        if order is not None and not beyond_order:
            _check_over_receipt(s, order, planned)
        receipt = GoodsReceipt(purchase_order_id=order.id if order else None,
                               supplier_id=order.supplier_id if order else (supplier.id if supplier else None),
                               received_at=when, delivery_note=delivery_note, note=note, created_at=db.now())
        s.add(receipt)
        s.flush()
        costing = settings_row(s).job_purchase_costing
        for p in planned:
            _book(s, db, receipt, p, order, costing)
        if order is not None:
            refresh_status_in_session(s, order)
        s.flush()
        return receipt_view_in_session(s, receipt)


def receipt_view_in_session(s: Session, receipt: GoodsReceipt) -> GoodsReceiptView:
    order = s.get(PurchaseOrder, receipt.purchase_order_id) if receipt.purchase_order_id else None
    supplier = s.get(Supplier, receipt.supplier_id) if receipt.supplier_id else None
    lines = []
    for line in receipt.lines:
        material = s.get(Material, line.material_id) if line.material_id else None
        job = s.get(Job, line.job_id) if line.job_id else None
        lines.append(ReceiptLineView(line.id, line.purchase_order_line_id, line.material_id,
                                     material.code if material else "", line.description, line.quantity, line.unit,
                                     line.unit_cost, round_money(line.quantity * line.unit_cost), line.job_id,
                                     job.number if job else "", line.material_issue_id, line.other_cost_id))
    return GoodsReceiptView(receipt.id, receipt.purchase_order_id, order.number if order else "", receipt.supplier_id,
                            supplier.name if supplier else "", receipt.received_at, receipt.delivery_note,
                            receipt.note, tuple(lines))


def list_receipts(db: Database, search: str = "", *, purchase_order_id: int | None = None,
                  limit: int | None = None, offset: int = 0) -> list[GoodsReceiptView]:
    """Newest first; ``search`` matches the order's number, the supplier or the delivery note."""
    with db.reader() as s:
        q = (select(GoodsReceipt).outerjoin(PurchaseOrder, GoodsReceipt.purchase_order_id == PurchaseOrder.id)
             .outerjoin(Supplier, GoodsReceipt.supplier_id == Supplier.id)
             .options(selectinload(GoodsReceipt.lines))
             .order_by(GoodsReceipt.received_at.desc(), GoodsReceipt.id.desc()))
        if search.strip():
            q = q.where(like_any(search, PurchaseOrder.number, Supplier.name, GoodsReceipt.delivery_note))
        if purchase_order_id is not None:
            q = q.where(GoodsReceipt.purchase_order_id == purchase_order_id)
        receipts = list(s.scalars(q.offset(offset).limit(limit)))
        kept = _load_named(s, receipts)  # held: the session keeps loaded rows only while referenced
        views = [receipt_view_in_session(s, r) for r in receipts]
        kept.clear()
        return views


def _load_named(s: Session, receipts: list[GoodsReceipt]) -> list:
    """Load the orders, suppliers, materials and jobs a page of receipts names, one query each, so that
    building their views finds them in the session instead of asking once per receipt and line."""
    loaded: list = []
    lines = [line for r in receipts for line in r.lines]
    for model, ids in ((PurchaseOrder, {r.purchase_order_id for r in receipts}),
                       (Supplier, {r.supplier_id for r in receipts}),
                       (Material, {line.material_id for line in lines}),
                       (Job, {line.job_id for line in lines})):
        ids.discard(None)
        if ids:
            loaded += s.scalars(select(model).where(model.id.in_(ids))).all()
    return loaded


__all__ = ["ReceiptLineInput", "ReceiptLineView", "GoodsReceiptView", "OverReceipt", "receive_goods",
           "list_receipts", "receipt_view_in_session"]
