"""The material side: suppliers, purchase orders, goods in, stock movements and stocktakes.

Stock on hand and stock value are the sums of a material's movements; ``Material.stock_on_hand``
and ``Material.stock_value`` keep those sums so a list needs no aggregate, and ``workshop check``
verifies that they still agree.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..base import Base, Money, Quantity, UTCDateTime
from .jobs import Job, Operation
from .shop import Material


class Supplier(Base):
    __tablename__ = "suppliers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    contact: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    phone: Mapped[str] = mapped_column(String(60), default="")
    # Days from ordering to the goods arriving (or, for outside work, to the work coming back).
    lead_time_days: Mapped[int] = mapped_column(Integer, default=0)
    notes: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class MaterialSupplier(Base):
    """A supplier a material is bought from, with the supplier's own code and price.
    ``position`` orders a material's suppliers; the first is the preferred one."""

    __tablename__ = "material_suppliers"
    __table_args__ = (UniqueConstraint("material_id", "supplier_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    material_id: Mapped[int] = mapped_column(ForeignKey("materials.id", ondelete="CASCADE"), index=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("suppliers.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    supplier_code: Mapped[str] = mapped_column(String(60), default="")
    price: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))  # per the material's unit

    material: Mapped[Material] = relationship()
    supplier: Mapped[Supplier] = relationship()


class PurchaseOrder(Base):
    """An order to a supplier, for stock or for a job (the whole order here, or line by line).

    The number (``PO-2026-0001``) is taken when the order is drafted, so it is gap-free: a
    cancelled order keeps its number. Status: draft → sent → part_received → received, or
    cancelled (see ``domain.statuses.PurchaseOrderStatus``)."""

    __tablename__ = "purchase_orders"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(30), unique=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("suppliers.id"), index=True)
    job_id: Mapped[int | None] = mapped_column(ForeignKey("jobs.id"), index=True, nullable=True)
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    order_date: Mapped[dt.date] = mapped_column(Date)
    expected_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")  # printed on the order
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), index=True)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    cancelled_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    cancel_reason: Mapped[str] = mapped_column(Text, default="")

    supplier: Mapped[Supplier] = relationship()
    job: Mapped[Job | None] = relationship()
    lines: Mapped[list[PurchaseOrderLine]] = relationship(
        order_by="PurchaseOrderLine.position", cascade="all, delete-orphan", back_populates="purchase_order")


class PurchaseOrderLine(Base):
    """A line of a purchase order: a material (or free text), or an operation done outside the
    shop (``operation_id``). ``job_id`` is the job it is bought for (None: for stock)."""

    __tablename__ = "purchase_order_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    purchase_order_id: Mapped[int] = mapped_column(ForeignKey("purchase_orders.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    material_id: Mapped[int | None] = mapped_column(ForeignKey("materials.id"), index=True, nullable=True)
    description: Mapped[str] = mapped_column(String(300))
    supplier_code: Mapped[str] = mapped_column(String(60), default="")
    quantity: Mapped[Decimal] = mapped_column(Quantity())
    unit: Mapped[str] = mapped_column(String(20), default="ea")
    unit_price: Mapped[Decimal] = mapped_column(Money())
    expected_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    job_id: Mapped[int | None] = mapped_column(ForeignKey("jobs.id"), index=True, nullable=True)
    operation_id: Mapped[int | None] = mapped_column(ForeignKey("operations.id"), index=True, nullable=True)

    purchase_order: Mapped[PurchaseOrder] = relationship(back_populates="lines")
    material: Mapped[Material | None] = relationship()
    job: Mapped[Job | None] = relationship()
    operation: Mapped[Operation | None] = relationship()


class GoodsReceipt(Base):
    """Goods in: one delivery, against a purchase order or without one."""

    __tablename__ = "goods_receipts"

    id: Mapped[int] = mapped_column(primary_key=True)
    purchase_order_id: Mapped[int | None] = mapped_column(ForeignKey("purchase_orders.id"), index=True,
                                                          nullable=True)
    supplier_id: Mapped[int | None] = mapped_column(ForeignKey("suppliers.id"), index=True, nullable=True)
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), index=True)
    delivery_note: Mapped[str] = mapped_column(String(60), default="")  # the supplier's reference
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())

    lines: Mapped[list[GoodsReceiptLine]] = relationship(order_by="GoodsReceiptLine.id",
                                                         cascade="all, delete-orphan")


class GoodsReceiptLine(Base):
    """What came in, at the unit cost actually paid. A line for a job may have been issued to it in
    the same step (``material_issue_id``); a line for outside work books its cost to the job as
    another direct cost (``other_cost_id``)."""

    __tablename__ = "goods_receipt_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    receipt_id: Mapped[int] = mapped_column(ForeignKey("goods_receipts.id", ondelete="CASCADE"), index=True)
    purchase_order_line_id: Mapped[int | None] = mapped_column(ForeignKey("purchase_order_lines.id"), index=True,
                                                               nullable=True)
    material_id: Mapped[int | None] = mapped_column(ForeignKey("materials.id"), index=True, nullable=True)
    description: Mapped[str] = mapped_column(String(300))
    quantity: Mapped[Decimal] = mapped_column(Quantity())
    unit: Mapped[str] = mapped_column(String(20), default="ea")
    unit_cost: Mapped[Decimal] = mapped_column(Money())
    job_id: Mapped[int | None] = mapped_column(ForeignKey("jobs.id"), index=True, nullable=True)
    material_issue_id: Mapped[int | None] = mapped_column(ForeignKey("material_issues.id"), nullable=True)
    other_cost_id: Mapped[int | None] = mapped_column(ForeignKey("other_costs.id"), nullable=True)


class Stocktake(Base):
    """A count of the shelves; each difference it found is a movement of kind ``stocktake``."""

    __tablename__ = "stocktakes"

    id: Mapped[int] = mapped_column(primary_key=True)
    counted_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), index=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class StockMovement(Base):
    """One change of a material's stock, with its reason: quantity and value, both signed.

    Kinds (``domain.stock.MovementKind``): opening, goods_in, issue, return, adjustment,
    stocktake, finished (made by a job for stock), revaluation (value only: the unit cost was
    changed by hand). ``value`` is exact money: stock value is the sum of values, and the
    average cost is value over quantity."""

    __tablename__ = "stock_movements"

    id: Mapped[int] = mapped_column(primary_key=True)
    material_id: Mapped[int] = mapped_column(ForeignKey("materials.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), index=True)
    quantity: Mapped[Decimal] = mapped_column(Quantity())
    value: Mapped[Decimal] = mapped_column(Money())
    reason: Mapped[str] = mapped_column(Text, default="")
    job_id: Mapped[int | None] = mapped_column(ForeignKey("jobs.id"), index=True, nullable=True)
    material_issue_id: Mapped[int | None] = mapped_column(ForeignKey("material_issues.id"), unique=True,
                                                          nullable=True)
    receipt_line_id: Mapped[int | None] = mapped_column(ForeignKey("goods_receipt_lines.id"), index=True,
                                                        nullable=True)
    stocktake_id: Mapped[int | None] = mapped_column(ForeignKey("stocktakes.id"), index=True, nullable=True)
    booked_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())

    material: Mapped[Material] = relationship()
