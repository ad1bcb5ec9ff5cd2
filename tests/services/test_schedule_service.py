"""The schedule service: the shop's open work fed to the scheduler (remaining = planned − booked,
outside work away its days, only released and in-progress jobs), applied, pinned and re-prioritised.
Times worked by hand in the comments; the shop opens 08:00-16:30, Monday to Friday."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from sqlalchemy import text

from workshop.db.models import Job, Operation
from workshop.domain.errors import ValidationError
from workshop.services import bom, bookings, jobs, routing, schedule, suppliers

MONDAY_9AM = dt.datetime(2026, 12, 7, 9, 0)  # one hour into the working day: start minute 60


@pytest.fixture
def released(db, shop):
    """The shop's oak dresser (quantity 2) on the cabinet template, released:
    Cut panels at the saw 15 + 20 × 2 = 55 min; Assemble at the bench 10 + 45 × 2 = 100 min;
    Check and oil at the bench 5 + 15 × 2 = 35 min."""
    routing.apply_template(db, shop.job.id, shop.template.id)
    jobs.change_status(db, shop.job.id, "release")
    return {op.name: op.id for op in routing.list_operations(db, shop.job.id)}


def _times(view, op_id):
    scheduled = view.plan.operation(op_id)
    return scheduled.start.at(view.calendar), scheduled.end.at(view.calendar)


def test_a_half_booked_operation_needs_only_its_rest_and_the_steps_follow(db, shop, released):
    bookings.log_time(db, released["Cut panels"], shop.anna.id, minutes="30")
    view = schedule.propose(db, now=MONDAY_9AM)
    # Cut panels: 55 − 30 = 25 min left, from 09:00 → 09:25
    assert view.operations[released["Cut panels"]].remaining_minutes == D(25)
    assert _times(view, released["Cut panels"]) == (dt.datetime(2026, 12, 7, 9, 0), dt.datetime(2026, 12, 7, 9, 25))
    # then the bench: 100 min 09:25 → 11:05, and 35 min 11:05 → 11:40
    assert _times(view, released["Assemble carcass"]) == (dt.datetime(2026, 12, 7, 9, 25),
                                                          dt.datetime(2026, 12, 7, 11, 5))
    assert _times(view, released["Check and oil"]) == (dt.datetime(2026, 12, 7, 11, 5), dt.datetime(2026, 12, 7, 11, 40))
    job_plan = view.plan.job(shop.job.id)
    assert (job_plan.finish, job_plan.late) == (dt.date(2026, 12, 7), False)
    assert view.jobs[shop.job.id].customer == "Harrow & Finch Interiors"


def test_applying_keeps_the_proposal_on_the_operations_and_the_job(db, shop, released):
    view = schedule.propose(db, now=MONDAY_9AM)
    # nothing booked: 55 min 09:00 → 09:55; 100 min → 11:35; 35 min → 12:10
    assert schedule.apply_schedule(db, view) == 3
    with db.reader() as s:
        planned = {op.name: (op.planned_start, op.planned_end) for op in s.query(Operation).filter_by(job_id=shop.job.id)}
        assert s.get(Job, shop.job.id).planned_finish == dt.date(2026, 12, 7)
    assert planned == {
        "Cut panels": (dt.datetime(2026, 12, 7, 9, 0), dt.datetime(2026, 12, 7, 9, 55)),
        "Assemble carcass": (dt.datetime(2026, 12, 7, 9, 55), dt.datetime(2026, 12, 7, 11, 35)),
        "Check and oil": (dt.datetime(2026, 12, 7, 11, 35), dt.datetime(2026, 12, 7, 12, 10)),
    }


def test_a_pin_holds_the_job_until_its_day_and_a_pin_before_today_is_refused(db, shop, released):
    with pytest.raises(ValidationError) as info:
        schedule.pin_job(db, shop.job.id, dt.date(2026, 12, 4), today=dt.date(2026, 12, 7))
    assert info.value.message == (f"{shop.job.number} cannot be pinned to start on 2026-12-04, before today; "
                                  "choose today or later.")
    schedule.pin_job(db, shop.job.id, dt.date(2026, 12, 9), today=dt.date(2026, 12, 7))
    view = schedule.propose(db, now=MONDAY_9AM)
    # Wednesday 08:00: 55 min → 08:55
    assert _times(view, released["Cut panels"]) == (dt.datetime(2026, 12, 9, 8, 0), dt.datetime(2026, 12, 9, 8, 55))
    schedule.pin_job(db, shop.job.id, None)
    assert schedule.propose(db, now=MONDAY_9AM).plan.operation(released["Cut panels"]).start.day == dt.date(2026, 12, 7)


def test_outside_work_is_away_its_days_and_only_released_work_is_scheduled(db, shop, released):
    coater = suppliers.create_supplier(db, name="Acme Powder Coating", lead_time_days="5")
    away = routing.add_operation(db, shop.job.id, name="Powder coat", supplier_id=coater.id, days_away=3)
    other = jobs.create_job(db, customer_id=shop.customer.id, title="Not released", quantity=1,
                            due_date=dt.date(2026, 12, 20))
    view = schedule.propose(db, now=MONDAY_9AM)
    # Check and oil ends 12:10 on Monday: the work leaves Tuesday, away Tue-Wed-Thu, back for Friday
    scheduled = view.plan.operation(away)
    assert (scheduled.outside, [piece.day.day for piece in scheduled.days]) == (True, [8, 9, 10])
    assert view.plan.job(shop.job.id).finish == dt.date(2026, 12, 10)
    assert other.id not in view.jobs and view.workstations[scheduled.workstation_id].outside
    assert {ws.code for ws in view.shop_stations} == {"SAW", "BENCH"}


def test_a_sub_assembly_step_needs_its_units_time_less_what_was_booked(db, shop, released):
    drawer = bom.add_subassembly(db, shop.job.id, description="Drawer", quantity="3")
    dovetail = routing.add_operation(db, shop.job.id, name="Dovetail drawers", workstation_id=shop.saw.id,
                                     setup_minutes="10", run_minutes="12", subassembly_id=drawer)
    bookings.log_time(db, dovetail, shop.anna.id, minutes="20")
    view = schedule.propose(db, now=MONDAY_9AM)
    # 3 drawers a dresser × 2 dressers = 6: 10 + 12 × 6 = 82 min planned, 20 booked: 62 left
    assert view.operations[dovetail].remaining_minutes == D(62)
    assert view.operations[dovetail].workstation_code == "SAW" and view.jobs[shop.job.id].status == "released"


def test_priority_is_checked_and_saved(db, shop):
    with pytest.raises(ValidationError) as info:
        schedule.set_priority(db, shop.job.id, "asap")
    assert info.value.message == "Choose a priority: low, normal, high or urgent."
    schedule.set_priority(db, shop.job.id, "urgent")
    with db.reader() as s:
        assert s.get(Job, shop.job.id).priority == "urgent"


def test_a_schedule_made_after_hours_starts_the_next_working_day(db, shop, released):
    # Friday 17:00 is after the 16:30 close: the work starts Monday 08:00
    view = schedule.propose(db, now=dt.datetime(2026, 12, 4, 17, 0))
    assert _times(view, released["Cut panels"]) == (dt.datetime(2026, 12, 7, 8, 0), dt.datetime(2026, 12, 7, 8, 55))


@pytest.mark.parametrize("column, value, message", [
    ("day_start", "8am", "Day start must be a time on the 24-hour clock like 07:30, not “8am”. Set the working "
                         "week again in Shop ▸ Shop calendar."),
    ("working_weekdays", "Mon,Tue", "The stored working days “Mon,Tue” are not day numbers. Set the working week "
                                    "again in Shop ▸ Shop calendar."),
    ("working_weekdays", "", "Choose at least one working day. Set the working week again in Shop ▸ Shop calendar."),
])
def test_a_hand_edited_calendar_is_refused_with_a_message_not_a_crash(db, shop, released, column, value, message):
    with db.session() as s:
        s.execute(text(f"UPDATE shop_settings SET {column} = :value"), {"value": value})
    with pytest.raises(ValidationError) as info:
        schedule.propose(db, now=MONDAY_9AM)
    assert info.value.message == message
