"""The Delivery & aftercare page's reads in one unit of work (issue 17: the page read the whole job
again, then its deliveries, gate, feedback, warranty and tickets each in a unit of work of its own,
each finding the job first: 24 statements on the ten-year shop's biggest job). delivery_page gives
the same views as those services one by one, in the same statements however many there are."""

from __future__ import annotations

import datetime as dt

import pytest

from support.statements import statements_of
from workshop.services import aftercare, delivery, gate, jobs


@pytest.fixture
def complete(db, shop):
    for action in ("release", "start", "to_inspection", "complete"):
        jobs.change_status(db, shop.job.id, action)
    return shop.job


def _one_by_one(db, job_id: int) -> delivery.DeliveryPage:
    job = jobs.get_job(db, job_id)
    return delivery.DeliveryPage(job.id, job.number, job.status, tuple(delivery.list_deliveries(db, job_id)),
                                 gate.unfinished_work(db, job_id), tuple(delivery.list_feedback(db, job_id=job_id)),
                                 aftercare.get_warranty(db, job_id), tuple(aftercare.list_tickets(db, job_id=job_id)))


def _add(db, job_id: int, today: dt.date, n: int) -> None:
    """``n`` deliveries, ratings and tickets more."""
    for i in range(n):
        delivery.record_delivery(db, job_id, method="delivered", received_by="Ruth",
                                 delivered_on=today - dt.timedelta(days=10 + i))
        delivery.record_feedback(db, job_id, rating=5 - i, comments=f"visit {i}")
        aftercare.open_ticket(db, job_id, problem=f"Drawer {i} sticks")


def test_the_page_read_gives_the_views_the_services_give(db, shop, complete, today):
    assert delivery.delivery_page(db, complete.id) == _one_by_one(db, complete.id)  # nothing delivered yet
    _add(db, complete.id, today, 2)
    aftercare.set_warranty(db, complete.id, months=6, notes="Outdoor use")
    page = delivery.delivery_page(db, complete.id)
    assert page == _one_by_one(db, complete.id)
    assert page.status == "delivered" and len(page.deliveries) == len(page.feedback) == len(page.tickets) == 2
    assert [f.rating for f in page.feedback] == [4, 5] and page.warranty.months == 6  # newest first
    assert page.warranty.start_date == today - dt.timedelta(days=11)  # the first delivery starts it


def test_a_job_not_yet_deliverable_is_not_asked_its_gate(db, shop):
    page = delivery.delivery_page(db, shop.job.id)  # planned
    assert (page.status, page.unfinished, page.deliveries, page.tickets) == ("planned", None, (), ())


def test_the_same_statements_however_many_deliveries_feedback_and_tickets(db, shop, complete, today):
    begin = 1 if db.engine.dialect.name == "sqlite" else 0
    _add(db, complete.id, today, 1)
    aftercare.set_warranty(db, complete.id, months=6)  # the job's own: the shop's default is not read
    one = statements_of(db, lambda: delivery.delivery_page(db, complete.id)) - begin
    _add(db, complete.id, today, 3)
    assert statements_of(db, lambda: delivery.delivery_page(db, complete.id)) - begin == one
    assert statements_of(db, lambda: _one_by_one(db, complete.id)) - 6 * begin == 24  # the services one by one
    # the job; its deliveries; the gate's seven (operations, checks counted, the checks' ids, results and
    # reports, the checks, open reports); feedback; the warranty and the first delivery; the tickets with
    # their job's customer (the job and its warranty taken from the read, not read again a ticket)
    assert one == 1 + 1 + 7 + 1 + 2 + 2
