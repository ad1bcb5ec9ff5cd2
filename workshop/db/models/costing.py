"""Job costing records: time logs, material issues, other direct costs, quotes and change orders.

Every booking keeps the figures it was costed at (rates, unit costs), so a later change to a
workstation's rate or a material's price never rewrites history.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...domain.statuses import ChangeOrderStatus, QuoteStatus
from ..base import Base, Edited, Minutes, Money, Quantity, ScaledDecimal, UTCDateTime
from .briefs import Brief
from .jobs import Job, Operation
from .shop import Material, Operator, Workstation


def Percent() -> ScaledDecimal:  # noqa: N802 - percentages to 4 places (12.5%, 33.3333%)
    return ScaledDecimal(4)


class TimeLog(Base):
    """Time worked on an operation, with the rates it was costed at (a snapshot)."""

    __tablename__ = "time_logs"
    __table_args__ = (
        # The work in progress of every open job (issue 17): each log's minutes and frozen rates, summed per
        # job, read from the index alone rather than from the wide rows (notes, reasons).
        Index("ix_time_logs_job_id_minutes_rates", "job_id", "labour_minutes", "machine_minutes", "labour_rate",
              "machine_rate", "overhead_rate", "overhead_basis"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id"), index=True)
    operation_id: Mapped[int] = mapped_column(ForeignKey("operations.id"), index=True)
    workstation_id: Mapped[int] = mapped_column(ForeignKey("workstations.id"), index=True)
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"), index=True)
    # indexed: a day's review finds the segments that touch the day (0011)
    started_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True, index=True)
    ended_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True, index=True)
    labour_minutes: Mapped[Decimal] = mapped_column(Minutes(), default=Decimal(0))
    machine_minutes: Mapped[Decimal] = mapped_column(Minutes(), default=Decimal(0))
    # The rates snapshot: what this log was costed at when it was booked.
    labour_rate: Mapped[Decimal] = mapped_column(Money())
    machine_rate: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    overhead_rate: Mapped[Decimal | None] = mapped_column(Money(), nullable=True)
    overhead_basis: Mapped[str | None] = mapped_column(String(20), nullable=True)
    overhead_is_shop_default: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(Text, default="")
    booked_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), index=True)
    # A correction is a new entry that negates this one exactly (reverses_id), with a reason;
    # unique: an entry is reversed at most once.
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("time_logs.id"), unique=True, nullable=True)
    reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    # How it was booked: "manual" (a form in the window), "scan" (a segment of a clock-on at the
    # terminal), "key_back" (copied from a paper traveler) or "estimate" (a forgotten clock-off,
    # closed at a time the operator gave afterwards).
    source: Mapped[str] = mapped_column(String(12), default="manual", server_default="manual")
    estimated: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    # The clock-on whose time segment this is (scanned time only).
    clock_on_id: Mapped[int | None] = mapped_column(ForeignKey("clock_ons.id"), index=True, nullable=True)
    # Units of the job finished on the operation by this booking (None: not said).
    quantity_done: Mapped[Decimal | None] = mapped_column(Quantity(), nullable=True)

    operation: Mapped[Operation] = relationship()
    workstation: Mapped[Workstation] = relationship()
    operator: Mapped[Operator | None] = relationship()


class ClockOn(Base):
    """An operator on an operation, from the first scan to the clock-off.

    Each time segment (clock-on or resume, to pause or clock-off) becomes a ``TimeLog`` when it
    closes, at the rates of that moment; while a segment is open ``segment_started_at`` holds its
    start, and while paused it is None. ``ended_at`` is None until the clock-off.
    """

    __tablename__ = "clock_ons"

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id"), index=True)
    operation_id: Mapped[int] = mapped_column(ForeignKey("operations.id"), index=True)
    operator_id: Mapped[int] = mapped_column(ForeignKey("operators.id"), index=True)
    started_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), index=True)
    segment_started_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    ended_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True, index=True)
    finished: Mapped[bool] = mapped_column(Boolean, default=False)
    # "" while open; "scan" (clocked off at the terminal), "estimate" (a forgotten clock-off closed
    # afterwards at the time the operator gave) or "undone" (the clock-on scan was taken back).
    ended_by: Mapped[str] = mapped_column(String(12), default="", server_default="")

    operation: Mapped[Operation] = relationship()
    operator: Mapped[Operator] = relationship()


class MaterialIssue(Base):
    """Material issued to a job (positive quantity) or returned from it (negative), at cost."""

    __tablename__ = "material_issues"
    __table_args__ = (
        # what a job was issued of a material, from the index alone (a job's stock position: issue 17, 0014)
        Index("ix_material_issues_job_id_material_id_quantity", "job_id", "material_id", "quantity"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id"), index=True)
    material_id: Mapped[int | None] = mapped_column(ForeignKey("materials.id"), index=True)
    description: Mapped[str] = mapped_column(String(300))
    quantity: Mapped[Decimal] = mapped_column(Quantity())
    unit: Mapped[str] = mapped_column(String(20), default="ea")
    unit_cost: Mapped[Decimal] = mapped_column(Money())
    note: Mapped[str] = mapped_column(Text, default="")
    issued_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), index=True)
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("material_issues.id"), unique=True, nullable=True)
    reason: Mapped[str] = mapped_column(Text, default="", server_default="")

    material: Mapped[Material | None] = relationship()


class DirectCost(Base):
    """Another direct cost of a job: subcontract, delivery, design time …"""

    __tablename__ = "other_costs"

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id"), index=True)
    category: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(String(300), default="")
    amount: Mapped[Decimal] = mapped_column(Money())
    incurred_on: Mapped[dt.date] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("other_costs.id"), unique=True, nullable=True)
    reason: Mapped[str] = mapped_column(Text, default="", server_default="")


class Quote(Edited, Base):  # version and updated_by: a draft edited on two PCs (issue 18)
    """One revision of a quote. Revisions share the number; every revision is kept."""

    __tablename__ = "quotes"
    __table_args__ = (UniqueConstraint("number", "revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(30), index=True)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    brief_id: Mapped[int] = mapped_column(ForeignKey("briefs.id"), index=True)
    job_id: Mapped[int | None] = mapped_column(ForeignKey("jobs.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default=QuoteStatus.DRAFT.value, index=True)
    title: Mapped[str] = mapped_column(String(200))
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    valid_until: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    contingency_pct: Mapped[Decimal] = mapped_column(Percent(), default=Decimal(0))
    markup_pct: Mapped[Decimal | None] = mapped_column(Percent(), nullable=True)
    target_margin_pct: Mapped[Decimal | None] = mapped_column(Percent(), nullable=True)
    design_fee: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    terms: Mapped[str] = mapped_column(Text, default="")
    payment_terms: Mapped[str] = mapped_column(Text, default="", server_default="")
    exclusions: Mapped[str] = mapped_column(Text, default="", server_default="")
    # The brief's constraints are our internal notes: on the printed quote only when ticked.
    print_constraints: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    cost: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))  # the lines' sum, as priced
    price: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))  # before tax
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), index=True)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    decided_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    decision_reason: Mapped[str] = mapped_column(Text, default="")
    # The delivery date the quote promises, scheduled from its hours on the shop's load (issue 16);
    # the job's due date on acceptance.
    promised_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)

    brief: Mapped[Brief] = relationship()
    job: Mapped[Job | None] = relationship()
    lines: Mapped[list[QuoteLine]] = relationship(order_by="QuoteLine.position", cascade="all, delete-orphan")


class QuoteLine(Base):
    """A cost line of a quote revision, frozen with it."""

    __tablename__ = "quote_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    quote_id: Mapped[int] = mapped_column(ForeignKey("quotes.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    category: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(String(300), default="")
    amount: Mapped[Decimal] = mapped_column(Money())
    explanation: Mapped[str] = mapped_column(Text, default="")


class ChangeOrder(Base):
    """A change the customer asked for on a live job, with its price and time impact."""

    __tablename__ = "change_orders"
    __table_args__ = (UniqueConstraint("job_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)  # 1, 2 … within the job
    description: Mapped[str] = mapped_column(Text)
    requested_by: Mapped[str] = mapped_column(String(200), default="")
    requested_on: Mapped[dt.date] = mapped_column(Date)
    price_change: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    days_delta: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(20), default=ChangeOrderStatus.PROPOSED.value, index=True)
    decided_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    decision_note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())

    job: Mapped[Job] = relationship()
    hours: Mapped[list[ChangeOrderHours]] = relationship(order_by="ChangeOrderHours.id",
                                                         cascade="all, delete-orphan")
    materials: Mapped[list[ChangeOrderMaterial]] = relationship(order_by="ChangeOrderMaterial.id",
                                                                cascade="all, delete-orphan")


class ChangeOrderHours(Base):
    """Extra work at a workstation; approval adds it to the routing as an operation."""

    __tablename__ = "change_order_hours"

    id: Mapped[int] = mapped_column(primary_key=True)
    change_order_id: Mapped[int] = mapped_column(ForeignKey("change_orders.id", ondelete="CASCADE"), index=True)
    workstation_id: Mapped[int] = mapped_column(ForeignKey("workstations.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    minutes: Mapped[Decimal] = mapped_column(Minutes())
    operation_id: Mapped[int | None] = mapped_column(ForeignKey("operations.id"), nullable=True)

    workstation: Mapped[Workstation] = relationship()


class ChangeOrderMaterial(Base):
    """Extra material (per unit of the job, as in the bill of materials); approval adds a BOM line."""

    __tablename__ = "change_order_materials"

    id: Mapped[int] = mapped_column(primary_key=True)
    change_order_id: Mapped[int] = mapped_column(ForeignKey("change_orders.id", ondelete="CASCADE"), index=True)
    material_id: Mapped[int | None] = mapped_column(ForeignKey("materials.id"), index=True)
    description: Mapped[str] = mapped_column(String(300))
    quantity: Mapped[Decimal] = mapped_column(Quantity())
    unit: Mapped[str] = mapped_column(String(20), default="ea")
    unit_cost: Mapped[Decimal] = mapped_column(Money())
    bom_item_id: Mapped[int | None] = mapped_column(ForeignKey("bom_items.id", ondelete="SET NULL"), nullable=True)

    material: Mapped[Material | None] = relationship()
