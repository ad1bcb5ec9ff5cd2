"""The services refuse what the window hides, and a refusal saves nothing: delivery, feedback
and tickets by job status, completing and delivering as one unit of work, the open-job count and
the brief reopen rule."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from workshop.db.models import AftercareTicket, Delivery, Feedback, JobStatusChange
from workshop.domain.errors import ValidationError
from workshop.services import aftercare, briefs, delivery, jobs, routing

#: how a planned job reaches each status before its work is done (a reason where one is asked)
PATHS = {
    "planned": [],
    "released": [("release", "")],
    "in_progress": [("release", ""), ("start", "")],
    "on_hold": [("release", ""), ("start", ""), ("hold", "Waiting for the glass")],
    "inspection": [("release", ""), ("start", ""), ("to_inspection", "")],
    "cancelled": [("cancel", "The customer moved abroad")],
}


def _error(fn, *args, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        fn(*args, **kwargs)
    return info.value


def _move(db, job_id: int, status: str) -> None:
    for action, reason in PATHS[status]:
        jobs.change_status(db, job_id, action, reason)


def _rows(db, model, job_id: int) -> int:
    """How many rows of ``model`` the database holds for the job."""
    with db.reader() as s:
        return s.scalar(select(func.count()).select_from(model).where(model.job_id == job_id))


def test_a_201_character_receiver_completes_nothing_and_delivers_nothing(db, shop, today):
    routing.apply_template(db, shop.job.id, shop.template.id)  # three operations, none done
    _move(db, shop.job.id, "inspection")
    history = _rows(db, JobStatusChange, shop.job.id)
    assert history == 4  # created, released, started, sent to inspection

    error = _error(delivery.record_delivery, db, shop.job.id, method="installed", received_by="R" * 201,
                   completion_reason="Signed off on paper")
    assert (error.field, error.message) == ("received_by", "Received by is too long (201 characters; at most 200).")
    assert jobs.get_job(db, shop.job.id).status == "inspection"
    assert _rows(db, Delivery, shop.job.id) == 0 and _rows(db, JobStatusChange, shop.job.id) == 4

    # 200 characters are taken: completed with the reason given, then delivered, in one go
    delivery.record_delivery(db, shop.job.id, method="installed", received_by="R" * 200,
                             completion_reason="Signed off on paper")
    job = jobs.get_job(db, shop.job.id)
    assert job.status == "delivered" and _rows(db, Delivery, shop.job.id) == 1
    assert [(h.to_status, h.reason) for h in job.history][-2:] == [
        ("complete", "Signed off on paper"),
        ("delivered", f"Installed on site on {today.isoformat()}, received by {'R' * 200}")]


@pytest.mark.parametrize("status, label", [("planned", "planned"), ("released", "released"),
                                           ("in_progress", "in progress"), ("on_hold", "on hold"),
                                           ("cancelled", "cancelled")])
def test_no_delivery_before_inspection_and_nothing_saved(db, shop, status, label):
    _move(db, shop.job.id, status)
    history = _rows(db, JobStatusChange, shop.job.id)
    error = _error(delivery.record_delivery, db, shop.job.id, method="collected", received_by="Ruth Harrow")
    assert (error.field, error.message) == (
        "status", f"Job {shop.job.number} is {label}; it is delivered after its inspection.")
    assert jobs.get_job(db, shop.job.id).status == status
    assert _rows(db, Delivery, shop.job.id) == 0 and _rows(db, JobStatusChange, shop.job.id) == history


@pytest.mark.parametrize("status, label", [("planned", "planned"), ("in_progress", "in progress"),
                                           ("inspection", "inspection"), ("cancelled", "cancelled")])
def test_no_feedback_or_ticket_before_the_work_is_done_and_nothing_saved(db, shop, status, label):
    _move(db, shop.job.id, status)
    error = _error(delivery.record_feedback, db, shop.job.id, rating=5, comments="Lovely")
    assert (error.field, error.message) == (
        "job", f"Job {shop.job.number} is {label}; feedback comes once the work is complete.")
    error = _error(aftercare.open_ticket, db, shop.job.id, problem="Drawer sticks")
    assert (error.field, error.message) == (
        "job", f"Job {shop.job.number} is {label}; aftercare tickets are for finished work.")
    assert _rows(db, Feedback, shop.job.id) == 0 and _rows(db, AftercareTicket, shop.job.id) == 0


def test_feedback_and_a_ticket_once_complete(db, shop):
    _move(db, shop.job.id, "inspection")
    jobs.change_status(db, shop.job.id, "complete")
    delivery.record_feedback(db, shop.job.id, rating=4)
    aftercare.open_ticket(db, shop.job.id, problem="Drawer sticks")
    assert _rows(db, Feedback, shop.job.id) == 1 and _rows(db, AftercareTicket, shop.job.id) == 1


def test_the_open_job_count_is_the_jobs_in_the_shop(db, shop, today):
    # by hand: the shop's planned job, plus released, on hold and inspection = 4 in the shop;
    # the complete and the cancelled ones are not
    for status in ("released", "on_hold", "inspection", "cancelled", "complete"):
        job = jobs.create_job(db, customer_id=shop.customer.id, title=f"Job {status}", due_date=shop.job.due_date)
        _move(db, job.id, "inspection" if status == "complete" else status)
        if status == "complete":
            jobs.change_status(db, job.id, "complete")
    assert jobs.open_count(db) == 4
    assert jobs.open_count(db) == jobs.count_jobs(db, jobs.JobFilter(open_only=True))  # the job list's filter


def test_only_a_lost_or_withdrawn_brief_is_reopened(db, shop):
    b = briefs.create_brief(db, customer_id=shop.customer.id, title="Desk")
    briefs.set_brief_status(db, b.id, "quoted")
    error = _error(briefs.set_brief_status, db, b.id, "new")
    assert (error.field, error.message) == ("status", "A quoted brief cannot be reopened: only a lost or withdrawn "
                                                      "brief is.")
    assert briefs.get_brief(db, b.id).status == "quoted"
    briefs.set_brief_status(db, b.id, "withdrawn", "Moved house")
    reopened = briefs.set_brief_status(db, b.id, "new")
    assert reopened.status == "new"
