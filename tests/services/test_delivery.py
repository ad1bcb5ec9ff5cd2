"""Delivery makes the job delivered; feedback 1–5; the delivery note's data."""

from __future__ import annotations

import datetime as dt

import pytest

from workshop.domain.errors import ValidationError
from workshop.services import delivery, jobs


def _error(fn, *args, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        fn(*args, **kwargs)
    return info.value


@pytest.fixture
def complete(db, shop):
    for action in ("release", "start", "to_inspection", "complete"):
        jobs.change_status(db, shop.job.id, action)
    return shop.job


@pytest.mark.parametrize("kwargs, field", [
    (dict(method="teleported", received_by="Ruth"), "method"),
    (dict(method="delivered", received_by="  "), "received_by"),
    (dict(method="delivered", received_by="Ruth", delivered_on="tomorrow"), "delivered_on"),
])
def test_bad_delivery_input_saves_nothing(db, shop, complete, kwargs, field):
    assert _error(delivery.record_delivery, db, complete.id, **kwargs).field == field
    assert delivery.list_deliveries(db, complete.id) == [] and jobs.get_job(db, complete.id).status == "complete"


def test_a_delivery_makes_the_job_delivered(db, shop, complete, today):
    future = today + dt.timedelta(days=1)
    assert _error(delivery.record_delivery, db, complete.id, method="installed", received_by="Ruth",
                  delivered_on=future).field == "delivered_on"
    d = delivery.record_delivery(db, complete.id, method="installed", received_by="Ruth Harrow",
                                 notes="Fitted in the hall")
    assert (d.delivered_on, d.method_label, d.job_number) == (today, "Installed on site", complete.number)
    job = jobs.get_job(db, complete.id)
    assert job.status == "delivered" and job.history[-1].to_status == "delivered"
    assert "received by Ruth Harrow" in job.history[-1].reason
    second = delivery.record_delivery(db, complete.id, method="delivered", received_by="Ruth Harrow",
                                      notes="Spare shelf")  # a second drop: recorded, status unchanged
    assert jobs.get_job(db, complete.id).status == "delivered"
    note = delivery.delivery_note_data(db, complete.id)
    assert (note.note_number, note.received_by, note.notes) == (f"{complete.number}/D2", "Ruth Harrow", "Spare shelf")
    assert note.customer_name == "Harrow & Finch Interiors" and note.lines[0].description == "Oak dresser"
    assert note.lines[0].quantity == 2 and note.warranty_months == 12 and note.warranty_end is not None
    assert delivery.delivery_note_data(db, complete.id, d.id).note_number == f"{complete.number}/D1"
    assert [x.id for x in delivery.list_deliveries(db, complete.id)] == [d.id, second.id]


def test_only_a_complete_job_can_be_delivered(db, shop):
    error = _error(delivery.record_delivery, db, shop.job.id, method="collected", received_by="Ruth")
    assert error.field == "status" and "planned" in error.message
    assert _error(delivery.delivery_note_data, db, shop.job.id).field == "job"


@pytest.mark.parametrize("rating", [0, 6, "five", "4.5", None, True])
def test_feedback_rating_must_be_1_to_5(db, shop, complete, rating):
    error = _error(delivery.record_feedback, db, complete.id, rating=rating)
    assert error.field == "rating"
    assert delivery.list_feedback(db, job_id=complete.id) == []


def test_feedback_is_kept_and_summarised(db, shop, complete):
    assert _error(delivery.record_feedback, db, complete.id, rating=5, received_on="2999-01-01").field == \
        "received_on"
    delivery.record_feedback(db, complete.id, rating="5", comments="Beautiful work")
    delivery.record_feedback(db, complete.id, rating=3, comments="Late by a day")
    assert [(f.rating, f.comments) for f in delivery.list_feedback(db, job_id=complete.id)] == [
        (3, "Late by a day"), (5, "Beautiful work")]
    summary = delivery.feedback_summary(db)
    assert summary.count == 2 and summary.average == 4.0 and dict(summary.by_rating)[5] == 1


def test_feedback_waits_for_finished_work(db, shop):
    assert _error(delivery.record_feedback, db, shop.job.id, rating=4).field == "job"


def test_a_job_in_inspection_is_completed_and_delivered_in_one_go(db, shop):
    for action in ("release", "start", "to_inspection"):
        jobs.change_status(db, shop.job.id, action)
    delivery.record_delivery(db, shop.job.id, method="installed", received_by="Ruth Harrow")
    job = jobs.get_job(db, shop.job.id)
    assert job.status == "delivered" and [h.to_status for h in job.history][-2:] == ["complete", "delivered"]


def test_a_refused_delivery_from_inspection_changes_nothing(db, shop):
    from workshop.services import inspection, routing

    routing.apply_template(db, shop.job.id, shop.template.id)
    check_op = routing.list_operations(db, shop.job.id)[2]
    inspection.add_check(db, job_id=shop.job.id, operation_id=check_op.id, characteristic="Finish",
                         check_type="pass_fail", required=True)
    for action in ("release", "start", "to_inspection"):
        jobs.change_status(db, shop.job.id, action)
    error = _error(delivery.record_delivery, db, shop.job.id, method="collected", received_by="Ruth")
    assert error.field == "status" and "Finish" in error.message
    job = jobs.get_job(db, shop.job.id)
    assert job.status == "inspection" and len(job.history) == 4
    assert delivery.list_deliveries(db, shop.job.id) == []
