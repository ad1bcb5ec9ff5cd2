"""A job's history in time order, from every record the quality work leaves."""

from __future__ import annotations

import datetime as dt

from workshop.db.engine import Database
from workshop.services import aftercare, bookings, delivery, inspection, jobs, nonconformance as ncrs, routing


class Clock:
    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def tick(self, **delta) -> None:
        self.now += dt.timedelta(**delta)


def test_history_is_in_time_order_and_complete(db, shop):
    clock = Clock(dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1))  # after the job was created
    timed = Database(db.engine, db.url, clock)
    routing.apply_template(timed, shop.job.id, shop.template.id)
    ops = routing.list_operations(timed, shop.job.id)
    check = inspection.add_check(timed, operation_id=ops[2].id, characteristic="Height", nominal="900",
                                 lower_tolerance="-1", upper_tolerance="1", unit="mm")
    for action in ("release", "start"):
        clock.tick(hours=1)
        jobs.change_status(timed, shop.job.id, action)
    clock.tick(days=1)
    start = clock.now - dt.timedelta(hours=2)
    bookings.log_time(timed, ops[0].id, shop.anna.id, started_at=start, ended_at=start + dt.timedelta(minutes=50),
                      mark_done=True)
    clock.tick(hours=1)
    failed = inspection.record_result(timed, check.id, readings="902", inspector="Tom Reed")
    clock.tick(hours=1)
    ncrs.disposition(timed, failed.ncr_id, disposition="rework", cause="Legs too long", rework_minutes="20")
    clock.tick(hours=1)
    inspection.record_result(timed, check.id, readings="900.4", inspector="Anna Kowalska")
    clock.tick(hours=1)
    ncrs.verify(timed, failed.ncr_id, verified_by="Anna Kowalska")
    clock.tick(minutes=5)
    ncrs.close_ncr(timed, failed.ncr_id)
    for action in ("to_inspection", "complete"):  # operations not all marked done: a reason to complete
        clock.tick(hours=1)
        jobs.change_status(timed, shop.job.id, action, "Finished at the bench" if action == "complete" else "")
    clock.tick(days=2)
    delivery.record_delivery(timed, shop.job.id, method="collected", received_by="Ruth")
    clock.tick(days=3)
    delivery.record_feedback(timed, shop.job.id, rating=5, comments="Lovely")
    clock.tick(days=10)
    aftercare.open_ticket(timed, shop.job.id, problem="Drawer runner noisy")

    from workshop.services import traceability

    events = traceability.job_history(db, shop.job.id)
    assert [e.at for e in events] == sorted(e.at for e in events)
    titles = [e.title for e in events]
    n = failed.ncr_number
    collected = (clock.now - dt.timedelta(days=13)).astimezone().date()
    assert titles == [
        "Created (planned)", "Status: planned → released", "Status: released → in progress",
        "010 Cut panels", "Height at 030 Check and oil", f"{n} raised", f"{n} dispositioned",
        "Height at 030 Check and oil", f"{n} verified", f"{n} closed", "Status: in progress → inspection",
        "Status: inspection → complete", "Status: complete → delivered", "Collected by the customer on "
        f"{collected.day} {collected:%b %Y}", "Feedback: 5/5",  # the one date form (en_GB: 4 Dec 2026)
        titles[-1]]
    assert titles[-1].endswith("opened") and titles[-1].startswith("AC-")
    work = events[3]
    assert work.who == "Anna Kowalska" and work.detail.startswith("50 min in 1 booking") and work.reference == "010"
    assert events[4].detail == "FAIL: 902 mm" and events[4].who == "Tom Reed"
    assert "Rework: operation 040 added" in events[6].detail and "Legs too long" in events[6].detail
    assert "under warranty" in events[-1].detail
    data = traceability.traceability_data(db, shop.job.id)
    assert data.job_number == shop.job.number and data.events == tuple(events)
