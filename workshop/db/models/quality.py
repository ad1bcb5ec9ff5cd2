"""Quality records: inspection checks and their results, non-conformance reports,
finished-goods tests, deliveries, feedback, warranties and aftercare tickets.

Nominal values, tolerances (deviations from the nominal, see ``domain.quality``) and
readings are exact decimals stored as integers (4 places). A signed result is never
edited: a correction is a new row pointing at the one it corrects.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..base import Base, Money, ScaledDecimal, UTCDateTime
from .costing import MaterialIssue
from .jobs import Job, Operation


def Measure() -> ScaledDecimal:  # noqa: N802 - nominal values, tolerances and readings to 4 places
    return ScaledDecimal(4)


class _CheckFields:
    """What a check is: shared by a job's checks and a routing template step's checks."""

    position: Mapped[int] = mapped_column(Integer, default=0)
    characteristic: Mapped[str] = mapped_column(String(200))
    method: Mapped[str] = mapped_column(String(200), default="")  # method or instrument
    check_type: Mapped[str] = mapped_column(String(20), default="measured")  # measured | pass_fail | visual
    nominal: Mapped[Decimal | None] = mapped_column(Measure(), nullable=True)
    lower_tolerance: Mapped[Decimal | None] = mapped_column(Measure(), nullable=True)  # deviation, e.g. -0.1
    upper_tolerance: Mapped[Decimal | None] = mapped_column(Measure(), nullable=True)  # deviation, e.g. +0.1
    unit: Mapped[str] = mapped_column(String(20), default="")
    required: Mapped[bool] = mapped_column(Boolean, default=True)


class InspectionCheck(_CheckFields, Base):
    """A check at an operation (``operation_id``) or in the job's final inspection (no operation)."""

    __tablename__ = "inspection_checks"

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), index=True)
    operation_id: Mapped[int | None] = mapped_column(ForeignKey("operations.id", ondelete="CASCADE"), index=True)

    job: Mapped[Job] = relationship()
    operation: Mapped[Operation | None] = relationship()


class TemplateStepCheck(_CheckFields, Base):
    """A check carried by a routing template step; applying the template copies it to the operation."""

    __tablename__ = "template_step_checks"

    id: Mapped[int] = mapped_column(primary_key=True)
    step_id: Mapped[int] = mapped_column(ForeignKey("routing_template_steps.id", ondelete="CASCADE"), index=True)


class InspectionResult(Base):
    """A signed result of one check. Never updated: a correction is a new row (``corrects_id``)."""

    __tablename__ = "inspection_results"

    id: Mapped[int] = mapped_column(primary_key=True)
    check_id: Mapped[int] = mapped_column(ForeignKey("inspection_checks.id"), index=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id"), index=True)
    result: Mapped[str] = mapped_column(String(10))  # pass | fail
    inspector_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"), index=True)
    inspector: Mapped[str] = mapped_column(String(200))  # the name as signed (an operator's, or typed)
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), index=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("inspection_results.id"), index=True)
    correction_reason: Mapped[str] = mapped_column(Text, default="")

    check: Mapped[InspectionCheck] = relationship()
    readings: Mapped[list[InspectionReading]] = relationship(order_by="InspectionReading.position",
                                                             cascade="all, delete-orphan")
    photos: Mapped[list[InspectionPhoto]] = relationship(order_by="InspectionPhoto.id", cascade="all, delete-orphan")


class InspectionReading(Base):
    """One reading of a result, exactly as typed (value and unit); compared after conversion."""

    __tablename__ = "inspection_readings"

    id: Mapped[int] = mapped_column(primary_key=True)
    result_id: Mapped[int] = mapped_column(ForeignKey("inspection_results.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    value: Mapped[Decimal] = mapped_column(Measure())
    unit: Mapped[str] = mapped_column(String(20), default="")


class InspectionPhoto(Base):
    """A photo of a result: bytes in the shared blob store (by content hash), original name kept."""

    __tablename__ = "inspection_photos"

    id: Mapped[int] = mapped_column(primary_key=True)
    result_id: Mapped[int] = mapped_column(ForeignKey("inspection_results.id", ondelete="CASCADE"), index=True)
    blob_sha256: Mapped[str] = mapped_column(ForeignKey("attachment_blobs.sha256"), index=True)
    file_name: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100), default="application/octet-stream")


class FinishedTest(Base):
    """A finished-goods test (load test, electrical test, finish adhesion …): a value
    against limits (nominal and tolerance as for checks), or pass/fail."""

    __tablename__ = "finished_tests"

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    method: Mapped[str] = mapped_column(String(200), default="")
    test_type: Mapped[str] = mapped_column(String(20), default="measured")  # measured | pass_fail
    nominal: Mapped[Decimal | None] = mapped_column(Measure(), nullable=True)
    lower_tolerance: Mapped[Decimal | None] = mapped_column(Measure(), nullable=True)
    upper_tolerance: Mapped[Decimal | None] = mapped_column(Measure(), nullable=True)
    unit: Mapped[str] = mapped_column(String(20), default="")
    value: Mapped[Decimal | None] = mapped_column(Measure(), nullable=True)
    value_unit: Mapped[str] = mapped_column(String(20), default="")
    result: Mapped[str] = mapped_column(String(10))
    tester_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"), index=True)
    tester: Mapped[str] = mapped_column(String(200))
    tested_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), index=True)
    notes: Mapped[str] = mapped_column(Text, default="")


class NonConformance(Base):
    """A non-conformance report (NCR-YYYY-NNNN): what failed, why, what was done about it.

    open → dispositioned → verified → closed; closed only after verification.
    """

    __tablename__ = "nonconformances"
    __table_args__ = (
        CheckConstraint("status IN ('open', 'dispositioned', 'verified', 'closed')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(30), unique=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id"), index=True)
    check_id: Mapped[int | None] = mapped_column(ForeignKey("inspection_checks.id"), index=True)
    result_id: Mapped[int | None] = mapped_column(ForeignKey("inspection_results.id"), index=True)
    finished_test_id: Mapped[int | None] = mapped_column(ForeignKey("finished_tests.id"), index=True)
    description: Mapped[str] = mapped_column(Text)
    cause: Mapped[str] = mapped_column(Text, default="")
    raised_by: Mapped[str] = mapped_column(String(200), default="")
    raised_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), index=True)
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)
    disposition: Mapped[str | None] = mapped_column(String(30), nullable=True)
    disposition_note: Mapped[str] = mapped_column(Text, default="")
    concession_reference: Mapped[str] = mapped_column(String(100), default="")
    dispositioned_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    rework_operation_id: Mapped[int | None] = mapped_column(ForeignKey("operations.id", ondelete="SET NULL"),
                                                            index=True)
    scrap_issue_id: Mapped[int | None] = mapped_column(ForeignKey("material_issues.id"), index=True)
    verified_by: Mapped[str] = mapped_column(String(200), default="")
    verified_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    verification_note: Mapped[str] = mapped_column(Text, default="")
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    job: Mapped[Job] = relationship()
    check: Mapped[InspectionCheck | None] = relationship()
    rework_operation: Mapped[Operation | None] = relationship()
    scrap_issue: Mapped[MaterialIssue | None] = relationship()


class Delivery(Base):
    __tablename__ = "deliveries"

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id"), index=True)
    delivered_on: Mapped[dt.date] = mapped_column(Date, index=True)
    method: Mapped[str] = mapped_column(String(20))  # collected | delivered | installed
    received_by: Mapped[str] = mapped_column(String(200))
    notes: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class Feedback(Base):
    __tablename__ = "feedback"
    __table_args__ = (CheckConstraint("rating BETWEEN 1 AND 5", name="rating"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id"), index=True)
    rating: Mapped[int] = mapped_column(Integer)
    comments: Mapped[str] = mapped_column(Text, default="")
    received_on: Mapped[dt.date] = mapped_column(Date)
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class Warranty(Base):
    """A job's own warranty period; without a row the shop's default applies. It starts on
    the (first) delivery date; the end date is derived, never stored."""

    __tablename__ = "warranties"

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id"), unique=True)
    months: Mapped[int] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="")


class AftercareTicket(Base):
    __tablename__ = "aftercare_tickets"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(30), unique=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id"), index=True)
    opened_on: Mapped[dt.date] = mapped_column(Date, index=True)
    problem: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(Text, default="")
    cost: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    under_warranty: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)
    resolved_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())

    job: Mapped[Job] = relationship()


__all__ = ["InspectionCheck", "TemplateStepCheck", "InspectionResult", "InspectionReading", "InspectionPhoto",
           "FinishedTest", "NonConformance", "Delivery", "Feedback", "Warranty", "AftercareTicket"]
