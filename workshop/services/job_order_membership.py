"""Which customer order a job belongs to: the one rule, shared by the job orders service (Add job,
Remove job) and the job's own form (its "Order" field), so neither imports the other."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..db.models import Job, JobOrder
from .common import get_or_fail
from ..domain.errors import ValidationError


def set_job_order_in_session(s: Session, job: Job, order_id: int | None) -> JobOrder | None:
    """Put ``job`` in the order ``order_id`` (None: in no order). The order must be for the job's
    customer; a job is in at most one order, so moving it to another takes it out of the first."""
    if order_id is None:
        job.job_order_id = None
        return None
    order = get_or_fail(s, JobOrder, order_id, "job_order_id", "job order")
    if order.customer_id != job.customer_id:
        raise ValidationError("job_order_id", f"Job {job.number} is for {job.customer.name}, but order "
                                              f"{order.number} is for {order.customer.name}: an order holds only "
                                              "its own customer's jobs.")
    job.job_order_id = order.id
    return order


__all__ = ["set_job_order_in_session"]
