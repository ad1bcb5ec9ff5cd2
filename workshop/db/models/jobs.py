"""Jobs, their status history, bill of materials and routing (operations)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...domain.search import search_key
from ..base import Base, Edited, Minutes, Money, Quantity, UTCDateTime
from .briefs import Attachment, Brief
from .parties import Customer
from .shop import Material, Operator, Workstation


class Job(Edited, Base):  # version and updated_by: several people editing (issue 18)
    __tablename__ = "jobs"
    __table_args__ = (
        # The job list and its search on SQLite (issue 17): a walk down this index in the list's order
        # reads the status, customer and search text of every job it passes without touching the wide
        # rows (the specification), and stops at the page's end. Not on PostgreSQL: a long
        # specification (search text over ~2.7 kB) cannot go into one of its B-tree entries.
        Index("ix_jobs_due_date_id_status_customer_id_search_text", "due_date", "id", "status", "customer_id",
              "search_text").ddl_if(dialect="sqlite"),
        # Late jobs (not finished, due before today: the Late box, the window's count) from the index alone.
        Index("ix_jobs_status_due_date", "status", "due_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(30), unique=True)
    brief_id: Mapped[int | None] = mapped_column(ForeignKey("briefs.id"), index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    specification: Mapped[str] = mapped_column(Text, default="")
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    due_date: Mapped[dt.date] = mapped_column(Date, index=True)
    priority: Mapped[str] = mapped_column(String(10), default="normal")
    status: Mapped[str] = mapped_column(String(20), default="planned", index=True)
    budget: Mapped[Decimal | None] = mapped_column(Money(), nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    # Where the goods go or the work is installed, copied from one of the customer's delivery
    # addresses or typed ("" = the customer's billing address). Country: ISO 3166 alpha-2.
    site_address: Mapped[str] = mapped_column(Text, default="", server_default="")
    site_country: Mapped[str] = mapped_column(String(2), default="", server_default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), index=True)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    # Set when the job first reaches complete: lead time and on-time reporting.
    completed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    # Number, title and specification, case-folded: typed searches need no per-row function.
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Items the job makes for stock (spares, a small batch): how many of its quantity, as which
    # material. Completing the job puts them into stock at the job's unit cost.
    stock_material_id: Mapped[int | None] = mapped_column(ForeignKey("materials.id"), index=True, nullable=True)
    stock_quantity: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Planning (issue 16): the earliest day its work may start (dragged in the Gantt; None: as soon
    # as possible), the finish of the last applied schedule, and the customer order it belongs to.
    pinned_start: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    planned_finish: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    job_order_id: Mapped[int | None] = mapped_column(ForeignKey("job_orders.id"), index=True, nullable=True)
    # What sort of work it is ("Kitchen", "Gates"), free text the shop chooses: reports group by it.
    kind: Mapped[str] = mapped_column(String(40), default="", server_default="")

    customer: Mapped[Customer] = relationship()
    brief: Mapped[Brief | None] = relationship()
    attachments: Mapped[list[Attachment]] = relationship(order_by=Attachment.id)
    history: Mapped[list[JobStatusChange]] = relationship(
        order_by="JobStatusChange.id", back_populates="job", cascade="all, delete-orphan"
    )


class JobStatusChange(Base):
    __tablename__ = "job_status_history"
    __table_args__ = (
        # Each job's first change to a status (lead time, on-time delivery: released, complete …) from
        # the index alone, in job order, over ten years of changes (issue 17).
        Index("ix_job_status_history_to_status_job_id_at", "to_status", "job_id", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), index=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    from_status: Mapped[str | None] = mapped_column(String(20), nullable=True)
    to_status: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text, default="")

    job: Mapped[Job] = relationship(back_populates="history")


class BomItem(Base):
    """A node of a job's bill of materials: a line, or a sub-assembly holding lines.

    ``quantity`` is per one unit of the parent (per job unit at the top level),
    so the effective quantity multiplies down the tree.
    """

    __tablename__ = "bom_items"
    __table_args__ = (
        # a job's lines read from the index alone: whether its bill has sub-assemblies, and what each
        # material needs (a job's stock position sums every open job's lines: issue 17, 0014)
        Index("ix_bom_items_job_id_parent_id_material_id_quantity", "job_id", "parent_id", "material_id",
              "is_assembly", "quantity"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("bom_items.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    is_assembly: Mapped[bool] = mapped_column(Boolean, default=False)
    material_id: Mapped[int | None] = mapped_column(ForeignKey("materials.id"), index=True)
    description: Mapped[str] = mapped_column(String(300))
    quantity: Mapped[Decimal] = mapped_column(Quantity(), default=Decimal(1))
    unit: Mapped[str] = mapped_column(String(20), default="ea")
    unit_cost: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    # The operation that uses the line (None: the job as a whole), so material cost can be
    # reported by operation and by workstation. use_alter: operations refer to bom_items too.
    operation_id: Mapped[int | None] = mapped_column(
        ForeignKey("operations.id", ondelete="SET NULL", use_alter=True), index=True)

    material: Mapped[Material | None] = relationship()
    # A sub-assembly's own items. passive_deletes: deleting it leaves those not loaded to the database's
    # ON DELETE CASCADE (SQLite with foreign_keys on, PostgreSQL), as services/bom.remove_item does; its
    # rows deleted one by one went in one batch in id order, the parent first, and its cascade took rows
    # the batch was still to delete (SQLAlchemy: 'expected to delete 2 row(s); 1 were matched').
    children: Mapped[list[BomItem]] = relationship(cascade="save-update, merge, delete", passive_deletes=True)


class Operation(Edited, Base):  # version and updated_by: edited in the office, worked on the floor (issue 18)
    """One step of a job's routing.

    ``sequence`` is the order (1..n, changes when operations are moved);
    ``op_number`` is the operation's stable number (10, 20, …) printed with its
    barcode, so a card printed before a reorder still books to the right step.
    """

    __tablename__ = "operations"
    __table_args__ = (UniqueConstraint("job_id", "op_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), index=True)
    sequence: Mapped[int] = mapped_column(Integer)
    op_number: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    instructions: Mapped[str] = mapped_column(Text, default="")
    workstation_id: Mapped[int] = mapped_column(ForeignKey("workstations.id"), index=True)
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"), index=True)
    setup_minutes: Mapped[Decimal] = mapped_column(Minutes(), default=Decimal(0))
    run_minutes: Mapped[Decimal] = mapped_column(Minutes(), default=Decimal(0))  # per unit
    # A person's minutes per unit of the run (a CNC runs 120 min, attended 30); None: attended
    # throughout, as every operation was before this column existed. Setup is always attended.
    labour_run_minutes: Mapped[Decimal | None] = mapped_column(Minutes(), nullable=True)
    inspection_required: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(20), default="pending")
    subassembly_id: Mapped[int | None] = mapped_column(ForeignKey("bom_items.id", ondelete="SET NULL"), index=True)
    # Done outside the shop (powder coating, galvanising): by this supplier, away this many days;
    # its cost comes from the purchase order. None: done in the shop.
    supplier_id: Mapped[int | None] = mapped_column(ForeignKey("suppliers.id"), index=True, nullable=True)
    days_away: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # When the last applied schedule put it, in the shop's local wall-clock time (not UTC: it is
    # a plan on the shop's calendar); None until a schedule is applied.
    planned_start: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    planned_end: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)

    workstation: Mapped[Workstation] = relationship()
    operator: Mapped[Operator | None] = relationship()
    subassembly: Mapped[BomItem | None] = relationship(foreign_keys=[subassembly_id])
    supplier: Mapped["Supplier | None"] = relationship()  # noqa: F821 - models/stock.py


@event.listens_for(Job, "before_insert")
@event.listens_for(Job, "before_update")
def _job_search_text(_mapper, _connection, job: Job) -> None:
    job.search_text = search_key(job.number, job.title, job.specification)
