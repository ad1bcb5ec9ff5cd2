"""Customers and their delivery addresses."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..base import Base, Edited, UTCDateTime


class Customer(Edited, Base):  # version and updated_by: several people editing (issue 18)
    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    contact_person: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    phone: Mapped[str] = mapped_column(String(60), default="")
    address: Mapped[str] = mapped_column(Text, default="")  # the billing address, as written on paper
    # ISO 3166 alpha-2 code of the billing address ("" = not known).
    country: Mapped[str] = mapped_column(String(2), default="", server_default="")
    tax_number: Mapped[str] = mapped_column(String(60), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())

    delivery_addresses: Mapped[list[CustomerAddress]] = relationship(
        order_by="CustomerAddress.id", cascade="all, delete-orphan")


class CustomerAddress(Base):
    """A place the customer has goods delivered to or work installed at (a site, a second home …).

    A job copies the one it goes to (``Job.site_address``), so editing or removing an address
    here never changes what an earlier delivery note said.
    """

    __tablename__ = "customer_addresses"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(100), default="")  # "Site", "Holiday cottage" …
    address: Mapped[str] = mapped_column(Text, default="")
    country: Mapped[str] = mapped_column(String(2), default="")
