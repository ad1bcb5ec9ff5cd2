"""The purchase order for the supplier, from an order in the database."""

from __future__ import annotations

from ..db.engine import Database
from ..printing.purchase_order import PurchaseOrderData, PurchaseOrderLineData, render_purchase_order
from ..services import purchase_orders, settings, suppliers
from .common import letterhead_and_page


def purchase_order_data(db: Database, po_id: int) -> PurchaseOrderData:
    order = purchase_orders.get_purchase_order(db, po_id)
    supplier = suppliers.get_supplier(db, order.supplier_id)
    shop = settings.get_settings(db)
    # A line says its job and date only where they differ from the order's: the rest is said once above.
    lines = tuple(PurchaseOrderLineData(
        description=line.description, quantity=line.quantity, unit=line.unit, unit_price=line.unit_price,
        amount=line.amount, supplier_code=line.supplier_code,
        expected_on=line.expected_on if line.expected_on != order.expected_on else None,
        job_number=line.job_number if line.job_number != order.job_number else "") for line in order.lines)
    return PurchaseOrderData(
        number=order.number, order_date=order.order_date, supplier_name=supplier.name, lines=lines,
        total=order.total, supplier_address=supplier.address, supplier_contact=supplier.contact,
        supplier_email=supplier.email, supplier_phone=supplier.phone, expected_on=order.expected_on,
        job_number=order.job_number, deliver_to=shop.address, notes=order.notes, status=order.status,
        cancel_reason=order.cancel_reason, currency=shop.currency, locale=shop.locale)


def purchase_order_pdf(db: Database, po_id: int) -> bytes:
    letterhead, page = letterhead_and_page(db)
    return render_purchase_order(purchase_order_data(db, po_id), letterhead, page)


def purchase_order_pdf_by_number(db: Database, number: str) -> bytes:
    """``PO-2026-0001``."""
    return purchase_order_pdf(db, purchase_orders.purchase_order_by_number(db, number).id)
