"""Jobs: creation rules, status transitions with history, lists and filters."""

from __future__ import annotations

import datetime as dt

import pytest

from workshop.db.engine import open_database
from workshop.domain.errors import ValidationError
from workshop.domain.statuses import JOB_ACTIONS, JobStatus
from workshop.services import jobs
from support.invoicing import final_invoice_issued


def _error(fn, *args, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        fn(*args, **kwargs)
    return info.value


@pytest.mark.parametrize("values, field, words", [
    (dict(title=""), "title", "required"),
    (dict(title="T", quantity="two"), "quantity", "whole number"),
    (dict(title="T", quantity="-3"), "quantity", "at least 1"),
    (dict(title="T", quantity=0), "quantity", "at least 1"),
    (dict(title="T", quantity="1.5"), "quantity", "whole number"),
    (dict(title="T", priority="asap"), "priority", "one of"),
    (dict(title="T", due_date="yesterday"), "due_date", "a date like"),
])
def test_bad_job_input_names_the_field(db, shop, today, values, field, words):
    values.setdefault("due_date", today + dt.timedelta(days=3))
    error = _error(jobs.create_job, db, customer_id=shop.customer.id, **values)
    assert error.field == field and words in error.message
    assert jobs.count_jobs(db) == 1


def test_a_new_job_cannot_be_due_in_the_past_but_today_is_fine(db, shop, today):
    assert _error(jobs.create_job, db, customer_id=shop.customer.id, title="T",
                  due_date=today - dt.timedelta(days=1)).field == "due_date"
    assert jobs.create_job(db, customer_id=shop.customer.id, title="T", due_date=today).due_date == today


def test_unknown_customer(db):
    assert _error(jobs.create_job, db, customer_id=77, title="T", due_date="2099-01-01").field == "customer_id"


def test_the_whole_life_of_a_job_is_recorded(db, shop):
    job = shop.job
    assert job.number.startswith("J-") and job.status == "planned"
    path = ["release", "start", "hold", "resume", "to_inspection", "rework", "to_inspection", "complete",
            "deliver"]
    for action in path:
        reason = "Waiting for glass" if JOB_ACTIONS[action].needs_reason else ""
        job = jobs.change_status(db, job.id, action, reason)
    # invoiced only by its final invoice, and closed by hand with a reason
    assert _error(jobs.change_status, db, job.id, "invoice").field == "action"
    final_invoice_issued(db, shop, job.id)
    assert _error(jobs.change_status, db, job.id, "close").field == "reason"
    job = jobs.change_status(db, job.id, "close", "Paid in cash at the door")
    assert job.status == "closed" and job.completed_at is not None
    assert [h.to_status for h in job.history] == ["planned", "released", "in_progress", "on_hold", "in_progress",
                                                  "inspection", "in_progress", "inspection", "complete",
                                                  "delivered", "invoiced", "closed"]
    assert job.history[3].reason == "Waiting for glass" and job.history[3].from_status == "in_progress"
    assert job.allowed_actions == ("reopen",)  # a closed job can only be reopened, with a reason


def test_a_disallowed_change_says_why_and_saves_nothing(db, shop):
    error = _error(jobs.change_status, db, shop.job.id, "complete")
    assert error.field == "status" and "planned" in error.message
    assert _error(jobs.change_status, db, shop.job.id, "levitate").field == "action"
    job = jobs.get_job(db, shop.job.id)
    assert job.status == "planned" and len(job.history) == 1


def test_hold_and_cancel_need_a_reason(db, shop):
    jobs.change_status(db, shop.job.id, "release")
    jobs.change_status(db, shop.job.id, "start")
    assert _error(jobs.change_status, db, shop.job.id, "hold", "  ").field == "reason"
    assert _error(jobs.change_status, db, shop.job.id, "cancel").field == "reason"
    assert jobs.change_status(db, shop.job.id, "cancel", "Customer withdrew").status == "cancelled"
    assert _error(jobs.update_job, db, shop.job.id, title="New").field == "status"


@pytest.mark.parametrize("status", [s for s in JobStatus])
def test_cancel_is_allowed_exactly_from_open_states(status):
    from workshop.domain.statuses import OPEN_JOB_STATUSES, can

    assert can("cancel", status) == (status in OPEN_JOB_STATUSES)


def test_editing_keeps_an_old_due_date_but_refuses_a_new_past_one(tmp_path, shop, today):
    past = dt.datetime.combine(today - dt.timedelta(days=40), dt.time(10), tzinfo=dt.UTC)
    old_db = open_database(tmp_path / "old.db", clock=lambda: past)
    from workshop.services import customers

    c = customers.create_customer(old_db, name="Early bird")
    job = jobs.create_job(old_db, customer_id=c.id, title="Bench", due_date=past.date() + dt.timedelta(days=10))
    old_db.clock = lambda: dt.datetime.now(dt.UTC)  # forty days later
    assert jobs.get_job(old_db, job.id).is_late
    assert jobs.update_job(old_db, job.id, title="Oak bench").title == "Oak bench"  # untouched due date is fine
    assert _error(jobs.update_job, old_db, job.id, due_date=today - dt.timedelta(days=1)).field == "due_date"
    assert jobs.update_job(old_db, job.id, due_date=today + dt.timedelta(days=5)).is_late is False
    old_db.close()


def test_list_search_and_filters(db, shop, today):
    from workshop.services import customers

    c = customers.create_customer(db, name="Łódź Metal Works")
    soon = jobs.create_job(db, customer_id=c.id, title="Gate", due_date=today + dt.timedelta(days=3))
    later = jobs.create_job(db, customer_id=c.id, title="Railing", due_date=today + dt.timedelta(days=60))
    assert {r.id for r in jobs.list_jobs(db, jobs.JobFilter(search="łódź"))} == {soon.id, later.id}
    assert {r.id for r in jobs.list_jobs(db, jobs.JobFilter(search=soon.number))} == {soon.id}
    assert {r.id for r in jobs.list_jobs(db, jobs.JobFilter(due_within_days=7))} == {soon.id}
    jobs.change_status(db, soon.id, "release")
    assert {r.id for r in jobs.list_jobs(db, jobs.JobFilter(statuses=("released",)))} == {soon.id}
    assert jobs.count_jobs(db) == 3
    page = jobs.list_jobs(db, limit=2, offset=0) + jobs.list_jobs(db, limit=2, offset=2)
    assert len({r.id for r in page}) == 3
    assert jobs.status_counts(db) == {"planned": 2, "released": 1}
    assert jobs.list_jobs(db, jobs.JobFilter(search="%")) == []  # wildcards are literal


def test_find_job_by_number(db, shop):
    assert jobs.job_by_number(db, shop.job.number.lower()).id == shop.job.id
    assert _error(jobs.find_job_id, db, "J-1999-0001").field == "job"


def test_list_order_soonest_due_first(db, shop, today):
    later = jobs.create_job(db, customer_id=shop.customer.id, title="Later", due_date=today + dt.timedelta(days=90))
    soonest = jobs.create_job(db, customer_id=shop.customer.id, title="Soon", due_date=today)
    assert [r.id for r in jobs.list_jobs(db, jobs.JobFilter(order="due_soonest"))] == [soonest.id, shop.job.id,
                                                                                      later.id]
    assert [r.id for r in jobs.list_jobs(db)] == [later.id, shop.job.id, soonest.id]
