"""Work-in-progress valuation: every job between released and inspection with its accrued
actual cost, how far along it is (hours booked over hours planned) and what has been billed.

Billed to date is **net of tax**: WIP is cost accounting, and tax collected is owed to the tax
office, not earned. It is the net of the job's issued invoices less its issued credit notes;
drafts bill nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..db.engine import Database
from ..db.models import DirectCost, Invoice, Job, MaterialIssue
from ..domain.costing import Figure, percent_of
from ..domain.invoice_status import InvoiceStatus
from ..domain.invoicing import InvoiceKind
from ..domain.statuses import WIP_JOB_STATUSES
from .common import settings_row
from .job_costing import actual_from, hours_of, planned_minutes_in_session, time_logs, worked_minutes

HUNDRED = Decimal("100.00")


@dataclass(frozen=True)
class WipRow:
    job_id: int
    number: str
    title: str
    customer_name: str
    status: str
    due_date: dt.date
    budget: Decimal | None
    planned_hours: Decimal
    booked_hours: Decimal
    percent_complete: Decimal | None  # the true value (may pass 100); None when nothing is planned
    accrued_cost: Figure  # actual cost to date, explained
    billed_to_date: Decimal  # net of tax: issued invoices less issued credit notes
    wip_value: Decimal  # accrued − billed

    @property
    def percent_complete_display(self) -> Decimal | None:
        """For a progress bar: capped at 100 (the true value is ``percent_complete``)."""
        return None if self.percent_complete is None else min(self.percent_complete, HUNDRED)


@dataclass(frozen=True)
class WipReport:
    as_of: dt.datetime
    currency: str
    rows: tuple[WipRow, ...]
    accrued_cost: Decimal
    billed_to_date: Decimal
    wip_value: Decimal
    planned_hours: Decimal
    booked_hours: Decimal


def work_in_progress(db: Database) -> WipReport:
    """Jobs released up to inspection, by due date, with totals; billed to date net of tax."""
    statuses = sorted(s.value for s in WIP_JOB_STATUSES)
    with db.reader() as s:
        jobs = list(s.scalars(select(Job).where(Job.status.in_(statuses)).options(selectinload(Job.customer))
                              .order_by(Job.due_date, Job.number)))
        ids = [j.id for j in jobs]
        logs: dict[int, list] = {i: [] for i in ids}
        issues: dict[int, list] = {i: [] for i in ids}
        others: dict[int, list] = {i: [] for i in ids}
        for log in time_logs(s, ids):
            logs[log.job_id].append(log)
        if ids:
            for issue in s.scalars(select(MaterialIssue).where(MaterialIssue.job_id.in_(ids))
                                   .order_by(MaterialIssue.issued_at, MaterialIssue.id)):
                issues[issue.job_id].append(issue)
            for cost in s.scalars(select(DirectCost).where(DirectCost.job_id.in_(ids))
                                  .order_by(DirectCost.incurred_on, DirectCost.id)):
                others[cost.job_id].append(cost)
        billed_net = _billed_net(s, ids)
        rows = []
        for job in jobs:
            actual = actual_from(job.quantity, logs[job.id], issues[job.id], others[job.id])
            planned = planned_minutes_in_session(s, job)
            booked = sum((worked_minutes(log) for log in logs[job.id]), Decimal(0))
            billed = billed_net.get(job.id, Decimal("0.00"))
            rows.append(WipRow(job.id, job.number, job.title, job.customer.name, job.status, job.due_date,
                               job.budget, hours_of(planned), hours_of(booked),
                               percent_of(Fraction(booked), Fraction(planned)), actual.total, billed,
                               actual.total.amount - billed))
        return WipReport(
            db.now(), settings_row(s).currency, tuple(rows),
            sum((r.accrued_cost.amount for r in rows), Decimal("0.00")),
            sum((r.billed_to_date for r in rows), Decimal("0.00")),
            sum((r.wip_value for r in rows), Decimal("0.00")),
            sum((r.planned_hours for r in rows), Decimal("0.00")),
            sum((r.booked_hours for r in rows), Decimal("0.00")),
        )


def _billed_net(s, job_ids: list[int]) -> dict[int, Decimal]:
    """Each job's issued invoices, net, less its issued credit notes (they carry positive amounts)."""
    billed: dict[int, Decimal] = {}
    if job_ids:
        for job_id, kind, net in s.execute(select(Invoice.job_id, Invoice.kind, Invoice.net).where(
                Invoice.job_id.in_(job_ids), Invoice.status != InvoiceStatus.DRAFT.value)):
            sign = -1 if kind == InvoiceKind.CREDIT_NOTE.value else 1
            billed[job_id] = billed.get(job_id, Decimal("0.00")) + sign * net
    return billed


__all__ = ["WipRow", "WipReport", "work_in_progress"]
