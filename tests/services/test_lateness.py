"""Why late and the bottleneck through the database: the proposal the shop's open work makes, explained
in words; the what-if runs save nothing. Worked by hand: the shop opens Monday to Friday, 08:00-16:30;
the proposal is made on Monday 7 December 2026 at 08:00 (ISO week 50)."""

from __future__ import annotations

import datetime as dt

from workshop.db.models import Job, Operation
from workshop.services import jobs, lateness, routing, schedule, workstations

MONDAY_8AM = dt.datetime(2026, 12, 7, 8, 0)
FRIDAY = dt.date(2026, 12, 11)


def _released_job(db, shop, title, station, minutes, due):
    job = jobs.create_job(db, customer_id=shop.customer.id, title=title, quantity=1, due_date=due)
    op_id = routing.add_operation(db, job.id, name="Spray lacquer", workstation_id=station.id, setup_minutes="0",
                                  run_minutes=str(minutes))
    jobs.change_status(db, job.id, "release")
    return job, op_id


def test_the_late_job_is_explained_with_its_remedies_and_nothing_is_saved(db, shop):
    spray = workstations.create_workstation(db, code="SPRAY", name="Spray booth", kind="machine",
                                            labour_rate="30.00", capacity_hours_per_day="8")
    # First 2000 min, due Fri 11; second 1000 min, due Fri 11; the first (lower number) goes first:
    # Mon-Thu 4 × 480 = 1920 + Fri 80. The second waits until (Fri, 80) = 2000 working minutes
    # (33.3 h → 33.5 h), then Fri 400, Mon 14 480, Tue 15 120: finishes Tue 15, 2 working days late.
    first, _ = _released_job(db, shop, "Wardrobe doors", spray, 2000, FRIDAY)
    second, second_op = _released_job(db, shop, "Kitchen doors", spray, 1000, FRIDAY)
    view = schedule.propose(db, now=MONDAY_8AM)

    reason = lateness.why_late(view, second.id)
    assert (reason.number, reason.due, reason.finish, reason.working_days_late) == (
        second.number, FRIDAY, dt.date(2026, 12, 15), 2)
    assert (reason.operation_id, reason.operation_name, reason.workstation_code) == (second_op, "Spray lacquer",
                                                                                     "SPRAY")
    # Week 50 asks 2000 + 1000 = 3000 minutes of 5 × 480 = 2400: 600 over (10 h).
    assert (reason.week_start, reason.over_minutes, reason.wait_minutes) == (dt.date(2026, 12, 7), 600, 2000)
    assert reason.text == (
        f"{second.number} would finish on 15 Dec 2026, 2 working days after its due date (11 Dec 2026). "
        "Operation 010 Spray lacquer holds it: it waits 33.5 h at Spray booth (SPRAY), which is 10 h over "
        "capacity in week 50.")
    # Overtime: 2000 + 1000 ≤ 5 × (480 + m) → m = 120 a day, 600 min = 10 h. Moving the first job after
    # it: the second sprays Mon-Wed; the first then ends Tue 15, 2 days late. Promise: Mon 14, Tue 15.
    assert [(r.kind, r.text) for r in reason.remedies] == [
        ("overtime", "10 h of overtime on Spray booth (SPRAY) in week 50"),
        ("move", f"move {first.number} after {second.number} (it would then finish on 15 Dec 2026, "
                 "2 working days late)"),
        ("promise", "promise 2 working days later (15 Dec 2026)"),
    ]
    assert lateness.why_late(view, first.id) is None  # ends Fri 11, its due date
    assert [r.job_id for r in lateness.late_reasons(view)] == [second.id]

    found = lateness.bottleneck(view)
    assert (found.code, found.wait_minutes, found.jobs_delayed) == ("SPRAY", 2000, 1)
    assert found.text == "Spray booth (SPRAY) holds up 1 job: 33.5 h of waiting in its queue."

    # The what-ifs changed nothing: priorities as they were, no planned times.
    with db.reader() as s:
        assert {s.get(Job, j.id).priority for j in (first, second)} == {"normal"}
        assert s.get(Operation, second_op).planned_start is None
        assert s.get(Job, second.id).planned_finish is None


def test_nothing_late_and_nothing_waiting(db, shop):
    # The shop's dresser alone (released on its template): no queue, due in three weeks.
    routing.apply_template(db, shop.job.id, shop.template.id)
    jobs.change_status(db, shop.job.id, "release")
    view = schedule.propose(db, now=MONDAY_8AM)
    assert lateness.late_reasons(view) == []
    assert lateness.why_late(view, shop.job.id) is None
    assert lateness.bottleneck(view) is None


def test_a_quick_list_gives_the_same_reasons_without_the_what_ifs(db, shop):
    spray = workstations.create_workstation(db, code="SPRAY", name="Spray booth", kind="machine",
                                            labour_rate="30.00", capacity_hours_per_day="8")
    _released_job(db, shop, "Wardrobe doors", spray, 2000, FRIDAY)
    second, _ = _released_job(db, shop, "Kitchen doors", spray, 1000, FRIDAY)
    view = schedule.propose(db, now=MONDAY_8AM)
    (quick,) = lateness.late_reasons(view, remedies=False)
    full = lateness.why_late(view, second.id)
    # The same holding operation, week and words; of the remedies only the promise (Mon 14, Tue 15).
    assert (quick.text, quick.week_start, quick.over_minutes) == (full.text, full.week_start, full.over_minutes)
    assert [(r.kind, r.text) for r in quick.remedies] == [("promise", "promise 2 working days later (15 Dec 2026)")]
