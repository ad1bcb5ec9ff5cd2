"""Suppliers, purchase orders and receipts written straight into the tables, for tests of what READS
them (stock positions, shortages): those tests need an order in a given state, not the ordering flow,
which tests/services/test_purchase_orders.py and test_goods_in.py drive through the services."""

from __future__ import annotations

from decimal import Decimal

from workshop.db.models import (GoodsReceipt, GoodsReceiptLine, MaterialSupplier, PurchaseOrder, PurchaseOrderLine,
                                Supplier)


def add_supplier(db, name: str, *, lead_time_days: int = 0) -> int:
    with db.session() as s:
        row = Supplier(name=name, lead_time_days=lead_time_days)
        s.add(row)
        s.flush()
        return row.id


def prefer(db, material_id: int, *suppliers: tuple[int, str, str]) -> None:
    """The material's suppliers in order (the first preferred): (supplier id, their code, price)."""
    with db.session() as s:
        for position, (supplier_id, code, price) in enumerate(suppliers):
            s.add(MaterialSupplier(material_id=material_id, supplier_id=supplier_id, position=position,
                                   supplier_code=code, price=Decimal(price)))


def add_order(db, number: str, supplier_id: int, lines: list[tuple], *, job_id: int | None = None,
              status: str = "sent") -> list[int]:
    """Lines as (material id, quantity, unit price[, job id]); returns the line ids."""
    with db.session() as s:
        order = PurchaseOrder(number=number, supplier_id=supplier_id, job_id=job_id, status=status,
                              order_date=db.today(), created_at=db.now())
        for position, (material_id, quantity, price, *line_job) in enumerate(lines):
            order.lines.append(PurchaseOrderLine(position=position, material_id=material_id, description="line",
                                                 quantity=Decimal(quantity), unit_price=Decimal(price),
                                                 job_id=line_job[0] if line_job else None))
        s.add(order)
        s.flush()
        return [line.id for line in order.lines]


def add_receipt(db, line_id: int, quantity: str) -> None:
    with db.session() as s:
        line = s.get(PurchaseOrderLine, line_id)
        receipt = GoodsReceipt(purchase_order_id=line.purchase_order_id, received_at=db.now(), created_at=db.now())
        receipt.lines.append(GoodsReceiptLine(purchase_order_line_id=line.id, material_id=line.material_id,
                                              description="in", quantity=Decimal(quantity), unit_cost=line.unit_price))
        s.add(receipt)
