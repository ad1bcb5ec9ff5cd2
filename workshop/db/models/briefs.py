"""Briefs (what the customer asked for) and attachments stored by content hash."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, LargeBinary, String, Text, event
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from ...domain.search import search_key
from ..base import Base, Edited, Money, UTCDateTime
from .parties import Customer


class AttachmentBlob(Base):
    """The bytes of a file, once, keyed by SHA-256. The whole shop stays in one database file."""

    __tablename__ = "attachment_blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    # deferred: listing attachments never loads their bytes.
    data: Mapped[bytes] = deferred(mapped_column(LargeBinary, nullable=False))


class Attachment(Base):
    """A file as attached to a brief or a job: original name for display, bytes by hash."""

    __tablename__ = "attachments"
    __table_args__ = (
        CheckConstraint("(brief_id IS NULL) <> (job_id IS NULL)", name="one_owner"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    blob_sha256: Mapped[str] = mapped_column(ForeignKey("attachment_blobs.sha256"), index=True)
    file_name: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    brief_id: Mapped[int | None] = mapped_column(ForeignKey("briefs.id", ondelete="CASCADE"), index=True)
    job_id: Mapped[int | None] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), index=True)
    added_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())

    blob: Mapped[AttachmentBlob] = relationship()


class Brief(Edited, Base):  # version and updated_by: several people editing (issue 18)
    __tablename__ = "briefs"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(30), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    requirements: Mapped[str] = mapped_column(Text, default="")
    constraints: Mapped[str] = mapped_column(Text, default="")
    budget: Mapped[Decimal | None] = mapped_column(Money(), nullable=True)
    required_by: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(20), default="new", index=True)
    status_reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), index=True)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    # Number, title, requirements and constraints, case-folded, for typed searches.
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")

    customer: Mapped[Customer] = relationship()
    attachments: Mapped[list[Attachment]] = relationship(order_by=Attachment.id)


@event.listens_for(Brief, "before_insert")
@event.listens_for(Brief, "before_update")
def _brief_search_text(_mapper, _connection, brief: Brief) -> None:
    brief.search_text = search_key(brief.number, brief.title, brief.requirements, brief.constraints)
