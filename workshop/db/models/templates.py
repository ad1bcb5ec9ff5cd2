"""Routing templates: reusable operation sequences for common products."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..base import Base, Minutes
from .shop import Workstation


class RoutingTemplate(Base):
    __tablename__ = "routing_templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    steps: Mapped[list[RoutingTemplateStep]] = relationship(
        order_by="RoutingTemplateStep.sequence", cascade="all, delete-orphan"
    )


class RoutingTemplateStep(Base):
    __tablename__ = "routing_template_steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[int] = mapped_column(ForeignKey("routing_templates.id", ondelete="CASCADE"), index=True)
    sequence: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    instructions: Mapped[str] = mapped_column(Text, default="")
    workstation_id: Mapped[int] = mapped_column(ForeignKey("workstations.id"), index=True)
    setup_minutes: Mapped[Decimal] = mapped_column(Minutes(), default=Decimal(0))
    run_minutes: Mapped[Decimal] = mapped_column(Minutes(), default=Decimal(0))
    labour_run_minutes: Mapped[Decimal | None] = mapped_column(Minutes(), nullable=True)  # as on Operation
    inspection_required: Mapped[bool] = mapped_column(Boolean, default=False)
    # Done outside by this supplier, away these days (as on Operation; None days: the supplier's lead time).
    supplier_id: Mapped[int | None] = mapped_column(ForeignKey("suppliers.id"), index=True, nullable=True)
    days_away: Mapped[int | None] = mapped_column(Integer, nullable=True)

    workstation: Mapped[Workstation] = relationship()
    supplier: Mapped["Supplier | None"] = relationship()  # noqa: F821 - models/stock.py
    # Inspection checks the step carries (quality issue); copied to the operation when applied.
    checks: Mapped[list[TemplateStepCheck]] = relationship(  # noqa: F821 - defined in models/quality.py
        order_by="TemplateStepCheck.position", cascade="all, delete-orphan")
