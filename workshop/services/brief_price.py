"""A brief's price is settled once (issue 9).

When the brief is won (it became a job, by converting it or by accepting one of its quotes) its
quotes can no longer be written, edited, sent, revised or accepted: accepting one would reset the
job's budget to the quote and drop the approved change orders. From then on the job's price
changes only by change orders. Accepting a quote for a job planned before the brief was won keeps
that job's approved change orders on top of the quoted price.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..db.models import Brief, ChangeOrder, Job
from ..domain.errors import ValidationError
from ..domain.statuses import BriefStatus, ChangeOrderStatus, is_open_brief

__all__ = ["closed_reason", "check_open", "approved_changes"]


def _brief_job(s: Session, brief: Brief) -> Job | None:
    return s.scalar(select(Job).where(Job.brief_id == brief.id).order_by(Job.id.desc()).limit(1))


def closed_reason(s: Session, brief: Brief) -> str:
    """Why the brief's quotes cannot be written, sent or accepted; "" while the brief is open."""
    if is_open_brief(brief.status):
        return ""
    if BriefStatus(brief.status) is BriefStatus.WON:
        job = _brief_job(s, brief)
        if job is not None:
            return f"This brief is already job {job.number}; change its price with a change order on the job."
        return f"Brief {brief.number} is won; its price can no longer be quoted."
    return f"Brief {brief.number} is {brief.status}; reopen it to quote again."


def check_open(s: Session, brief: Brief) -> None:
    """A ValidationError (field "brief") saying why, unless the brief can still be quoted."""
    reason = closed_reason(s, brief)
    if reason:
        raise ValidationError("brief", reason)


def approved_changes(s: Session, job: Job) -> Decimal:
    """The price changes of the job's approved change orders, added up."""
    total = s.scalar(select(func.sum(ChangeOrder.price_change))
                     .where(ChangeOrder.job_id == job.id, ChangeOrder.status == ChangeOrderStatus.APPROVED.value))
    return total if total is not None else Decimal("0.00")
