"""Purchase orders: drafted, sent, received (in part or whole) or cancelled; numbered PO-YYYY-NNNN
without gaps (the number is taken when the order is drafted and kept if it is cancelled).

An order is for stock, or for a job: the whole order (``job_id``: every line is for it unless it
names another) or line by line. A line is a material (its description, unit and the supplier's
code and price filled in from the material and what this supplier charges for it), free text, or
outside work: an operation of a job that the supplier does (powder coating), whose cost reaches
the job when it comes back (``goods_in``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from ..db.engine import Database
from ..db.models import GoodsReceiptLine, Job, Material, MaterialSupplier, Operation, PurchaseOrder, \
    PurchaseOrderLine, Supplier
from ..domain import statuses as st
from ..domain import validation as v
from ..domain.changes import Change, writes
from ..domain.errors import NotFoundError, ValidationError
from ..domain.invoicing import line_error
from ..domain.money import round_money
from ..domain.stock import EDITABLE_PO_STATUSES, OPEN_PO_STATUSES, PurchaseOrderStatus, check_can_cancel, \
    status_after_receipt
from .common import get_or_fail, like_any, next_number, session_locale, settings_row

ZERO = Decimal(0)
MAX_QUANTITY = Decimal(10) ** 9


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


def line_quantity(index: int, value: object, *, locale: str) -> Decimal:
    """A line's quantity, read as the shop writes numbers: more than 0 (the error names the line)."""
    try:
        quantity = v.decimal("quantity", value, minimum=None, places=3, locale=locale)
    except ValidationError as exc:
        raise line_error(index, "quantity", exc.message) from None
    if quantity <= 0:
        raise line_error(index, "quantity", "the quantity must be more than 0.")
    return quantity


def _line_field(index: int, read):
    """Run one field's check; its error names the line."""
    try:
        return read()
    except ValidationError as exc:
        if exc.field.startswith("lines["):
            raise
        raise line_error(index, exc.field, exc.message) from None


def job_to_buy_for(s: Session, job_id: object, field: str = "job_id") -> Job:
    job = get_or_fail(s, Job, job_id, field, "job")
    if st.is_read_only(job.status):
        status = st.JobStatus(job.status).label.lower()
        raise ValidationError(field, f"{job.number} is {status}: nothing more is bought for it.")
    return job


def _supplier(s: Session, supplier_id: object) -> Supplier:
    supplier = get_or_fail(s, Supplier, supplier_id, "supplier_id", "supplier")
    if not supplier.active:
        raise ValidationError("supplier_id", f"{supplier.name} is marked inactive: make it active to order from it.")
    return supplier


def _new_line(s: Session, index: int, raw: PurchaseOrderLineInput, supplier: Supplier, order_job_id: int | None,
              locale: str) -> PurchaseOrderLine:
    if not isinstance(raw, PurchaseOrderLineInput):
        raise ValidationError(f"lines[{index}]", f"Line {index + 1}: not a purchase order line.")
    quantity = line_quantity(index, raw.quantity, locale=locale)
    price = _line_field(index, lambda: v.money("unit_price", raw.unit_price, required=False, locale=locale))
    description = _line_field(index, lambda: v.text("description", raw.description, max_length=300))
    unit = _line_field(index, lambda: v.text("unit", raw.unit, max_length=20)) if raw.unit is not None else ""
    code = (_line_field(index, lambda: v.text("supplier_code", raw.supplier_code, max_length=60))
            if raw.supplier_code is not None else None)
    expected = _line_field(index, lambda: v.date("expected_on", raw.expected_on, required=False, locale=locale))
    job_id = raw.job_id if raw.job_id is not None else order_job_id
    material = operation = None
    if raw.operation_id is not None:
        operation = _line_field(index, lambda: get_or_fail(s, Operation, raw.operation_id, "operation_id",
                                                           "operation"))
        _check_outside_work(index, operation, supplier, raw, s)
        job_id = operation.job_id  # outside work is for the operation's job
        description = description or operation.name
    elif raw.material_id is not None:
        material = _line_field(index, lambda: get_or_fail(s, Material, raw.material_id, "material_id", "material"))
        offer = s.scalar(select(MaterialSupplier).where(MaterialSupplier.material_id == material.id,
                                                        MaterialSupplier.supplier_id == supplier.id))
        description, unit = description or material.name, unit or material.unit
        if code is None:
            code = offer.supplier_code if offer is not None else ""
        if price is None:  # what this supplier charges, else what the material costs now
            price = offer.price if offer is not None else material.unit_cost
    elif not description:
        raise line_error(index, "description", "describe what is ordered, or pick a material from the list.")
    if price is None:
        raise line_error(index, "unit_price", "give the unit price.")
    if job_id is not None:
        job_id = _line_field(index, lambda: job_to_buy_for(s, job_id)).id
    return PurchaseOrderLine(position=index + 1, material_id=material.id if material else None,
                             description=description, supplier_code=code or "", quantity=quantity, unit=unit or "ea",
                             unit_price=price, expected_on=expected, job_id=job_id,
                             operation_id=operation.id if operation else None)


def _check_outside_work(index: int, op: Operation, supplier: Supplier, raw: PurchaseOrderLineInput,
                        s: Session) -> None:
    """Outside work is ordered from the operation's own supplier, for the operation's job."""
    job = s.get(Job, op.job_id)
    what = f"operation {op.op_number:03d} {op.name} of {job.number}"
    if raw.material_id is not None:
        raise line_error(index, "material_id", f"{what} is outside work: the line orders the work, not a material.")
    if op.supplier_id is not None and op.supplier_id != supplier.id:
        raise line_error(index, "operation_id", f"{what} is done by {op.supplier.name}, not {supplier.name}.")
    if raw.job_id is not None and raw.job_id != op.job_id:
        raise line_error(index, "job_id", f"{what} belongs to {job.number}, not to the job chosen for the line.")


def _new_lines(s: Session, lines: Iterable, supplier: Supplier, order_job_id: int | None,
               locale: str) -> list[PurchaseOrderLine]:
    """Every line checked before any is kept: nothing is saved half-way."""
    if isinstance(lines, (str, bytes, dict)):
        raise ValidationError("lines", "Lines must be a list of purchase order lines.")
    return [_new_line(s, i, raw, supplier, order_job_id, locale) for i, raw in enumerate(lines)]


# --- reading ------------------------------------------------------------------------------------

def received_quantities(s: Session, line_ids: Iterable[int]) -> dict[int, Decimal]:
    """Order line id → quantity received against it so far (lines with nothing received left out)."""
    ids = list(line_ids)
    if not ids:
        return {}
    return dict(s.execute(select(GoodsReceiptLine.purchase_order_line_id, func.sum(GoodsReceiptLine.quantity))
                          .where(GoodsReceiptLine.purchase_order_line_id.in_(ids))
                          .group_by(GoodsReceiptLine.purchase_order_line_id)).all())


def refresh_status_in_session(s: Session, order: PurchaseOrder) -> None:
    """Sent, part received or received, from what has come against its lines."""
    s.flush()
    received = received_quantities(s, (line.id for line in order.lines))
    order.status = status_after_receipt({line.id: line.quantity for line in order.lines}, received).value


def line_amount(line: PurchaseOrderLine) -> Decimal:
    return round_money(line.quantity * line.unit_price)


def order_view_in_session(s: Session, order: PurchaseOrder) -> PurchaseOrderView:
    received = received_quantities(s, (line.id for line in order.lines))
    lines = tuple(
        PurchaseOrderLineView(
            line.id, line.position, line.material_id, line.material.code if line.material else "", line.description,
            line.supplier_code, line.quantity, line.unit, line.unit_price, line_amount(line), line.expected_on,
            line.job_id, line.job.number if line.job else "", line.operation_id, received.get(line.id, ZERO),
            max(line.quantity - received.get(line.id, ZERO), ZERO))
        for line in order.lines)
    return PurchaseOrderView(order.id, order.number, order.supplier_id, order.supplier.name, order.job_id,
                             order.job.number if order.job else "", order.status, order.order_date, order.expected_on,
                             order.notes, sum((line.amount for line in lines), ZERO), lines, order.sent_at,
                             order.cancel_reason)


def _order(s: Session, po_id: object) -> PurchaseOrder:
    return get_or_fail(s, PurchaseOrder, po_id, "purchase_order", "purchase order")


def _check_editable(order: PurchaseOrder) -> None:
    status = PurchaseOrderStatus(order.status)
    if status not in EDITABLE_PO_STATUSES:
        raise ValidationError("status", f"{order.number} is {status.label.lower()}: only a draft can be changed.")


# --- writing ------------------------------------------------------------------------------------

def draft_purchase_order_in_session(s: Session, db: Database, supplier_id: int, *, job_id: int | None = None,
                                    expected_on: dt.date | None = None, notes: str = "",
                                    lines: list[PurchaseOrderLineInput] = ()) -> int:
    """Draft an order inside the caller's session (order what's missing drafts several at once);
    returns its id. Validates every line first: nothing is saved half-way. Without ``expected_on``
    the goods are expected after the supplier's lead time."""
    locale = session_locale(s)
    supplier = _supplier(s, supplier_id)
    order_job = job_to_buy_for(s, job_id) if job_id is not None else None
    expected = v.date("expected_on", expected_on, required=False, locale=locale)
    notes = v.long_text("notes", notes)
    built = _new_lines(s, lines, supplier, order_job.id if order_job else None, locale)
    today = db.today()
    if expected is None and supplier.lead_time_days:
        expected = today + dt.timedelta(days=supplier.lead_time_days)
    # The number is taken last, in this transaction: a save that fails gives it back.
    number = next_number(s, settings_row(s).purchase_order_prefix, today.year)
    order = PurchaseOrder(number=number, supplier_id=supplier.id, job_id=order_job.id if order_job else None,
                          status=PurchaseOrderStatus.DRAFT.value, order_date=today, expected_on=expected, notes=notes,
                          created_at=db.now(), lines=built)
    s.add(order)
    s.flush()
    return order.id


@writes(Change.PURCHASING)
def create_purchase_order(db: Database, supplier_id: int, *, job_id: int | None = None,
                          expected_on: dt.date | None = None, notes: str = "",
                          lines: list[PurchaseOrderLineInput] = ()) -> PurchaseOrderView:
    with db.session() as s:
        po_id = draft_purchase_order_in_session(s, db, supplier_id, job_id=job_id, expected_on=expected_on,
                                                notes=notes, lines=lines)
        return order_view_in_session(s, s.get(PurchaseOrder, po_id))


@writes(Change.PURCHASING)
def update_purchase_order(db: Database, po_id: int, *, expected_on=..., notes=..., job_id=...,
                          lines: list[PurchaseOrderLineInput] | None = None) -> PurchaseOrderView:
    """A draft only; ``lines`` replaces all lines. Arguments left out stay as they are. A new
    ``job_id`` moves the lines that were for the order's job with it."""
    with db.session() as s:
        order = _order(s, po_id)
        _check_editable(order)
        locale = session_locale(s)
        if expected_on is not ...:
            order.expected_on = v.date("expected_on", expected_on, required=False, locale=locale)
        if notes is not ...:
            order.notes = v.long_text("notes", notes)
        if job_id is not ...:
            new_job = job_to_buy_for(s, job_id).id if job_id is not None else None
            for line in order.lines:
                if line.job_id == order.job_id and line.operation_id is None:
                    line.job_id = new_job
            order.job_id = new_job
        if lines is not None:
            order.lines = _new_lines(s, lines, order.supplier, order.job_id, locale)
        s.flush()
        return order_view_in_session(s, order)


@writes(Change.PURCHASING)
def mark_sent(db: Database, po_id: int) -> PurchaseOrderView:
    with db.session() as s:
        order = _order(s, po_id)
        if order.status != PurchaseOrderStatus.DRAFT:
            status = PurchaseOrderStatus(order.status).label.lower()
            raise ValidationError("status", f"{order.number} is {status}: only a draft is sent.")
        if not order.lines:
            raise ValidationError("lines", f"{order.number} has no lines: add what is ordered before sending it.")
        order.status, order.sent_at = PurchaseOrderStatus.SENT.value, db.now()
        s.flush()
        return order_view_in_session(s, order)


@writes(Change.PURCHASING)
def cancel_purchase_order(db: Database, po_id: int, reason: str) -> PurchaseOrderView:
    """A draft or a sent order with nothing received; it keeps its number (numbers have no gaps)."""
    with db.session() as s:
        order = _order(s, po_id)
        reason = v.long_text("reason", reason)
        check_can_cancel(order.number, order.status, reason)
        order.status, order.cancelled_at, order.cancel_reason = PurchaseOrderStatus.CANCELLED.value, db.now(), reason
        s.flush()
        return order_view_in_session(s, order)


def get_purchase_order(db: Database, po_id: int) -> PurchaseOrderView:
    with db.reader() as s:
        return order_view_in_session(s, _order(s, po_id))


def purchase_order_by_number(db: Database, number: str) -> PurchaseOrderView:
    with db.reader() as s:
        order = s.scalar(select(PurchaseOrder).where(func.lower(PurchaseOrder.number) == number.strip().lower()))
        if order is None:
            raise NotFoundError("number", f"There is no purchase order {number.strip()}.")
        return order_view_in_session(s, order)


def list_purchase_orders(db: Database, search: str = "", *, status: str | None = None, open_only: bool = False,
                         supplier_id: int | None = None, job_id: int | None = None,
                         limit: int | None = None, offset: int = 0) -> list[PurchaseOrderRow]:
    """Newest first; ``search`` matches the number, supplier or job number as you type. ``job_id``:
    orders for the job, as a whole or on any line."""
    with db.reader() as s:
        q = (select(PurchaseOrder).join(Supplier, PurchaseOrder.supplier_id == Supplier.id)
             .outerjoin(Job, PurchaseOrder.job_id == Job.id)
             .options(selectinload(PurchaseOrder.lines), selectinload(PurchaseOrder.supplier),
                      selectinload(PurchaseOrder.job))
             .order_by(PurchaseOrder.order_date.desc(), PurchaseOrder.id.desc()))
        if search.strip():
            q = q.where(like_any(search, PurchaseOrder.number, Supplier.name, Job.number))
        if status is not None:
            q = q.where(PurchaseOrder.status == v.choice("status", status, [x.value for x in PurchaseOrderStatus]))
        if open_only:
            q = q.where(PurchaseOrder.status.in_([x.value for x in OPEN_PO_STATUSES]))
        if supplier_id is not None:
            q = q.where(PurchaseOrder.supplier_id == supplier_id)
        if job_id is not None:
            q = q.where(or_(PurchaseOrder.job_id == job_id, PurchaseOrder.id.in_(
                select(PurchaseOrderLine.purchase_order_id).where(PurchaseOrderLine.job_id == job_id))))
        return [PurchaseOrderRow(o.id, o.number, o.supplier.name, o.job.number if o.job else "", o.status,
                                 o.order_date, o.expected_on, sum((line_amount(x) for x in o.lines), ZERO))
                for o in s.scalars(q.offset(offset).limit(limit))]


__all__ = ["PurchaseOrderLineInput", "PurchaseOrderLineView", "PurchaseOrderView", "PurchaseOrderRow",
           "draft_purchase_order_in_session", "create_purchase_order", "update_purchase_order", "mark_sent",
           "cancel_purchase_order", "get_purchase_order", "purchase_order_by_number", "list_purchase_orders",
           "line_quantity", "job_to_buy_for", "received_quantities", "refresh_status_in_session", "line_amount",
           "order_view_in_session"]
