"""The shop itself: settings, number sequences, materials, workstations, operators."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Boolean, Column, ForeignKey, Integer, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..base import Base, Money, Quantity, ScaledDecimal


class ShopSettings(Base):
    """One row (id 1): who the shop is and how it numbers and prints things."""

    __tablename__ = "shop_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_name: Mapped[str] = mapped_column(String(200), default="My Workshop")
    address: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(60), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    tax_number: Mapped[str] = mapped_column(String(60), default="")
    currency: Mapped[str] = mapped_column(String(3), default="GBP")
    locale: Mapped[str] = mapped_column(String(20), default="en_GB")
    default_tax_rate: Mapped[Decimal] = mapped_column(ScaledDecimal(2), default=Decimal("20.00"))
    brief_prefix: Mapped[str] = mapped_column(String(10), default="B")
    quote_prefix: Mapped[str] = mapped_column(String(10), default="Q")
    job_prefix: Mapped[str] = mapped_column(String(10), default="J")
    invoice_prefix: Mapped[str] = mapped_column(String(10), default="INV")
    page_size: Mapped[str] = mapped_column(String(10), default="A4")
    logo_sha256: Mapped[str | None] = mapped_column(ForeignKey("attachment_blobs.sha256"), nullable=True)
    # Costing: overhead for a workstation that has no rate of its own (None: no default).
    default_overhead_rate: Mapped[Decimal | None] = mapped_column(Money(), nullable=True)
    default_overhead_basis: Mapped[str] = mapped_column(String(20), default="per_labour_hour")
    quote_validity_days: Mapped[int] = mapped_column(Integer, default=30)
    quote_terms: Mapped[str] = mapped_column(Text, default="")
    # Copied to each new quote, then edited there.
    quote_payment_terms: Mapped[str] = mapped_column(Text, default="", server_default="")
    quote_exclusions: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Quality: the warranty a job gets unless it has its own (months from delivery).
    default_warranty_months: Mapped[int] = mapped_column(Integer, default=12)
    # Invoicing: days from the issue date to the due date, and the seller's country (ISO 3166
    # alpha-2) an e-invoice must state.
    payment_terms_days: Mapped[int] = mapped_column(Integer, default=30, server_default="30")
    country: Mapped[str] = mapped_column(String(2), default="GB", server_default="GB")
    # The account an invoice asks to be paid into (checked with schwifty; "" when not given).
    iban: Mapped[str] = mapped_column(String(34), default="", server_default="")
    bic: Mapped[str] = mapped_column(String(11), default="", server_default="")
    # Shop floor: may one operator be clocked on to several operations at once (a machine
    # running while they set up the next)? Off: clocking on elsewhere is refused until clocked off.
    several_clock_ons: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    purchase_order_prefix: Mapped[str] = mapped_column(String(10), default="PO", server_default="PO")
    # Stock is valued at weighted average cost. A purchase for a job costs the job what was paid
    # ("actual") or the stock's new average ("average"), when it is issued to the job on receipt.
    job_purchase_costing: Mapped[str] = mapped_column(String(10), default="actual", server_default="actual")
    # Planning (issue 16): the working weekdays (0 = Monday … 6 = Sunday, comma-separated) and the
    # working day's hours as "HH:MM"; holidays are rows of shop_holidays.
    working_weekdays: Mapped[str] = mapped_column(String(20), default="0,1,2,3,4", server_default="0,1,2,3,4")
    day_start: Mapped[str] = mapped_column(String(5), default="08:00", server_default="08:00")
    day_end: Mapped[str] = mapped_column(String(5), default="16:30", server_default="16:30")
    job_order_prefix: Mapped[str] = mapped_column(String(10), default="JO", server_default="JO")


class NumberSequence(Base):
    """Gap-free counters per prefix and year (B-2026-0001, INV-2026-0001 …).

    A number is taken inside the same transaction that saves the record, so a
    rolled-back save gives its number back.
    """

    __tablename__ = "number_sequences"
    __table_args__ = (UniqueConstraint("prefix", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    prefix: Mapped[str] = mapped_column(String(10))
    year: Mapped[int] = mapped_column(Integer)
    last_value: Mapped[int] = mapped_column(Integer, default=0)


class Material(Base):
    __tablename__ = "materials"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    unit: Mapped[str] = mapped_column(String(20), default="ea")
    unit_cost: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    # The sums of the material's stock movements (models/stock.py), kept here for lists.
    stock_on_hand: Mapped[Decimal] = mapped_column(Quantity(), default=Decimal(0))
    stock_value: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0), server_default="0")
    reorder_level: Mapped[Decimal] = mapped_column(Quantity(), default=Decimal(0))
    # What to order when the stock falls below the reorder level (0: just back up to the level).
    reorder_quantity: Mapped[Decimal] = mapped_column(Quantity(), default=Decimal(0), server_default="0")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


operator_skills = Table(
    "operator_skills",
    Base.metadata,
    Column("operator_id", ForeignKey("operators.id", ondelete="CASCADE"), primary_key=True),
    Column("workstation_id", ForeignKey("workstations.id", ondelete="CASCADE"), primary_key=True),
)


class Workstation(Base):
    __tablename__ = "workstations"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20), default="manual")  # machine | manual | inspection
    machine_rate: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    labour_rate: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    # None: the shop-wide default overhead applies (costing issue).
    overhead_rate: Mapped[Decimal | None] = mapped_column(Money(), nullable=True)
    overhead_basis: Mapped[str] = mapped_column(String(20), default="per_labour_hour")
    capacity_hours_per_day: Mapped[Decimal] = mapped_column(ScaledDecimal(2), default=Decimal(8))
    # Machines of this kind that run side by side, each with the capacity above (issue 16).
    parallel: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    operators: Mapped[list[Operator]] = relationship(secondary=operator_skills, back_populates="workstations")


class Operator(Base):
    __tablename__ = "operators"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    hourly_rate: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    workstations: Mapped[list[Workstation]] = relationship(
        secondary=operator_skills, back_populates="operators", order_by="Workstation.code"
    )
