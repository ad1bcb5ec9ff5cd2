"""Invoices, credit notes, their lines and the payments received against them.

A draft has no number and may change; issuing gives it its number and freezes who it was
from and to (the seller's and buyer's details as they were that day) and its totals, so an
issued invoice never changes when the customer or the shop's settings do. A credit note is an
invoice of kind ``credit_note`` naming the invoice it corrects (``credits_id``); its amounts
are positive, as EN 16931 writes them (document type 381): the kind says they are owed back.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..base import Base, Edited, Money, Quantity, ScaledDecimal, UTCDateTime


class Invoice(Edited, Base):  # version and updated_by: a draft edited on two PCs (issue 18)
    __tablename__ = "invoices"

    id: Mapped[int] = mapped_column(primary_key=True)
    # INV-2026-0001 / CN-2026-0001, taken when issued (None while a draft; NULLs never clash).
    number: Mapped[str | None] = mapped_column(String(30), unique=True, nullable=True)
    kind: Mapped[str] = mapped_column(String(20))
    # draft | issued | part_paid | paid; "overdue" is derived from the due date, never stored.
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    job_id: Mapped[int | None] = mapped_column(ForeignKey("jobs.id"), index=True, nullable=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("aftercare_tickets.id"), index=True, nullable=True)
    credits_id: Mapped[int | None] = mapped_column(ForeignKey("invoices.id"), index=True, nullable=True)
    currency: Mapped[str] = mapped_column(String(3))
    issue_date: Mapped[dt.date | None] = mapped_column(Date, index=True, nullable=True)
    tax_point_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    due_date: Mapped[dt.date | None] = mapped_column(Date, index=True, nullable=True)
    payment_terms: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    # Who it is to and from, copied when issued.
    buyer_name: Mapped[str] = mapped_column(String(200), default="")
    buyer_address: Mapped[str] = mapped_column(Text, default="")  # the lines as printed, one a line
    buyer_country: Mapped[str] = mapped_column(String(2), default="")
    buyer_tax_number: Mapped[str] = mapped_column(String(60), default="")
    buyer_email: Mapped[str] = mapped_column(String(254), default="")
    seller_name: Mapped[str] = mapped_column(String(200), default="")
    seller_address: Mapped[str] = mapped_column(Text, default="")
    seller_country: Mapped[str] = mapped_column(String(2), default="")
    seller_tax_number: Mapped[str] = mapped_column(String(60), default="")
    seller_iban: Mapped[str] = mapped_column(String(34), default="", server_default="")
    seller_bic: Mapped[str] = mapped_column(String(11), default="", server_default="")
    # Totals as issued (None while a draft: a draft's totals are worked out from its lines).
    net: Mapped[Decimal | None] = mapped_column(Money(), nullable=True)
    tax: Mapped[Decimal | None] = mapped_column(Money(), nullable=True)
    gross: Mapped[Decimal | None] = mapped_column(Money(), nullable=True)
    exported_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    issued_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    lines: Mapped[list[InvoiceLine]] = relationship(
        order_by="InvoiceLine.position", cascade="all, delete-orphan", back_populates="invoice")
    payments: Mapped[list[Payment]] = relationship(order_by="Payment.id", back_populates="invoice")


class InvoiceLine(Base):
    __tablename__ = "invoice_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(Text)
    quantity: Mapped[Decimal] = mapped_column(Quantity())
    unit: Mapped[str] = mapped_column(String(20), default="ea")
    unit_price: Mapped[Decimal] = mapped_column(Money())
    discount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))  # an amount off the line
    category: Mapped[str] = mapped_column(String(20))  # domain.invoicing.TaxCategory
    rate: Mapped[Decimal] = mapped_column(ScaledDecimal(2))  # percent
    exemption_reason: Mapped[str] = mapped_column(Text, default="")
    # An earlier invoice of the job taken off a final invoice: its quantity may be negative.
    deduction: Mapped[bool] = mapped_column(Boolean, default=False)
    net: Mapped[Decimal] = mapped_column(Money())

    invoice: Mapped[Invoice] = relationship(back_populates="lines")


class Payment(Base):
    __tablename__ = "payments"

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id"), index=True)
    paid_on: Mapped[dt.date] = mapped_column(Date, index=True)
    amount: Mapped[Decimal] = mapped_column(Money())
    method: Mapped[str] = mapped_column(String(30))
    reference: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())

    invoice: Mapped[Invoice] = relationship(back_populates="payments")


class TaxCode(Base):
    """How one of the shop's tax rates is named in the accounting tools, for the exports."""

    __tablename__ = "tax_codes"
    __table_args__ = (UniqueConstraint("category", "rate"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    category: Mapped[str] = mapped_column(String(20))  # domain.invoicing.TaxCategory
    rate: Mapped[Decimal] = mapped_column(ScaledDecimal(2))  # percent
    xero_tax_type: Mapped[str] = mapped_column(String(100), default="")  # "20% (VAT on Income)"
    xero_account_code: Mapped[str] = mapped_column(String(20), default="")  # "200"
    quickbooks_tax_code: Mapped[str] = mapped_column(String(100), default="")  # "20.0% S"


__all__ = ["Invoice", "InvoiceLine", "Payment", "TaxCode"]
