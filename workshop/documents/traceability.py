"""The traceability report: the job's whole history, from the traceability service."""

from __future__ import annotations

import datetime as dt

from ..db.engine import Database
from ..domain.statuses import JobStatus
from ..printing.traceability import TraceabilityData, TraceEvent, render_traceability
from ..services import aftercare, jobs, settings, traceability
from ..services.traceability import HistoryEvent
from .common import letterhead_and_page

#: The service's event kinds the printer has no name of its own for, as they should read.
_KINDS = {"correction": "inspection correction", "test": "finished-goods test"}


def _event(e: HistoryEvent) -> TraceEvent:
    # An operation's reference is its number, already the start of its title: printed once.
    reference = "" if e.reference and e.title.startswith(e.reference) else e.reference
    if reference.isdigit():
        reference = f"Op {reference}"
    return TraceEvent(at=e.at.astimezone(), kind=_KINDS.get(e.kind, e.kind), what=e.title, who=e.who,
                      details=e.detail, reference=reference)


def traceability_data(db: Database, job_id: int) -> TraceabilityData:
    record = traceability.traceability_data(db, job_id)
    job = jobs.get_job(db, job_id)
    warranty = aftercare.get_warranty(db, job_id)
    try:
        status = JobStatus(record.status).label
    except ValueError:
        status = record.status
    created: dt.date = job.created_at.astimezone().date()
    return TraceabilityData(
        job_number=record.job_number, job_title=record.job_title, customer_name=record.customer_name,
        events=tuple(_event(e) for e in record.events), generated_at=record.printed_at.astimezone(),
        status=status, quantity=job.quantity, created_on=created, delivered_on=warranty.start_date,
        warranty_until=warranty.end_date, locale=settings.get_settings(db).locale)


def traceability_pdf(db: Database, job_id: int) -> bytes:
    letterhead, page = letterhead_and_page(db)
    return render_traceability(traceability_data(db, job_id), letterhead, page)
