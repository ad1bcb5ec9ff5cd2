"""Planning (issue 16): the shop's holidays, workstations' days off, customer orders that hold
several jobs, and the hours a quote was promised on."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..base import Base, ScaledDecimal, UTCDateTime
from .parties import Customer
from .shop import Workstation


class ShopHoliday(Base):
    """A day the whole shop is closed (a bank holiday, the Christmas shutdown)."""

    __tablename__ = "shop_holidays"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, unique=True)
    name: Mapped[str] = mapped_column(String(100), default="")


class WorkstationDayOff(Base):
    """A day one workstation does not run (a service visit, its operator on leave)."""

    __tablename__ = "workstation_days_off"
    __table_args__ = (UniqueConstraint("workstation_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workstation_id: Mapped[int] = mapped_column(ForeignKey("workstations.id", ondelete="CASCADE"), index=True)
    day: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(200), default="")

    workstation: Mapped[Workstation] = relationship()


class JobOrder(Base):
    """A customer's order that holds several jobs (a kitchen: carcasses, doors, installation)."""

    __tablename__ = "job_orders"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(30), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), index=True)

    customer: Mapped[Customer] = relationship()


class QuoteHours(Base):
    """Hours a quote expects on a workstation, in the order the work is done: what its promise
    date was scheduled from."""

    __tablename__ = "quote_hours"

    id: Mapped[int] = mapped_column(primary_key=True)
    quote_id: Mapped[int] = mapped_column(ForeignKey("quotes.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    workstation_id: Mapped[int] = mapped_column(ForeignKey("workstations.id"), index=True)
    hours: Mapped[Decimal] = mapped_column(ScaledDecimal(2))

    workstation: Mapped[Workstation] = relationship()
