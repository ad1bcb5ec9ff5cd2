"""The finite-capacity scheduler on small cases worked by hand (issue 16, Tests).

The shop works Monday to Friday, 08:00-16:30. Today is Monday 7 December 2026, so the days are
Mon 7, Tue 8, Wed 9, Thu 10, Fri 11, (weekend), Mon 14. A moment is (day, minutes into the day).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from workshop.domain.errors import ValidationError
from workshop.domain.scheduling import (DayPiece, JobInput, Moment, OperationInput, ShopCalendar, WorkstationInput,
                                        schedule)
from workshop.domain.statuses import OperationStatus, Priority

CALENDAR = ShopCalendar()
TODAY = dt.date(2026, 12, 7)  # a Monday
MON, TUE, WED, THU, FRI = (TODAY + dt.timedelta(days=n) for n in range(5))
NEXT_MON = TODAY + dt.timedelta(days=7)

SAW = WorkstationInput(1, "SAW", D("8"))  # 480 minutes a day
BENCH = WorkstationInput(2, "BENCH", D("8"))
FINISH = WorkstationInput(3, "FINISH", D("4"))  # half a day: 240 minutes
CNC = WorkstationInput(4, "CNC", D("8"), parallel=2)  # two machines of 480 minutes
SHOP = (SAW, BENCH, FINISH, CNC)

_next_id = iter(range(1000, 100000))


def op(workstation, minutes, *, sequence=1, status=OperationStatus.PENDING, outside_days=None, op_id=None):
    return OperationInput(op_id or next(_next_id), sequence, workstation.id, D(minutes), status,
                          outside_days=outside_days)


def job(job_id, *operations, due=dt.date(2027, 1, 29), priority=Priority.NORMAL, pinned=None):
    return JobInput(job_id, f"J-2026-{job_id:04}", due, priority, tuple(operations), pinned_start=pinned)


def test_two_jobs_compete_for_one_workstation():
    # J-1 (due Wed) goes first, before J-2 (due Thu): same priority, earlier due date.
    # J-1: 600 min on the saw = Mon 480 + Tue 120, ends (Tue, 120).
    # J-2: 300 min waits for it: Tue from minute 120 to 420.
    first, second = op(SAW, 600), op(SAW, 300)
    plan = schedule(CALENDAR, SHOP, [job(2, second, due=THU), job(1, first, due=WED)], TODAY)

    assert plan.operation(first.id).start == Moment(MON, 0)
    assert plan.operation(first.id).end == Moment(TUE, 120)
    assert plan.operation(first.id).days == (DayPiece(MON, 480), DayPiece(TUE, 120))
    assert plan.operation(second.id).start == Moment(TUE, 120)
    assert plan.operation(second.id).end == Moment(TUE, 420)
    assert [j.number for j in plan.jobs] == ["J-2026-0001", "J-2026-0002"]
    # The saw: Mon 480 of 480, Tue 120 + 300 = 420 of 480.
    assert plan.load_on(SAW.id, MON) == 480
    assert plan.load_on(SAW.id, TUE) == 420
    assert plan.operation(second.id).end.at(CALENDAR) == dt.datetime(2026, 12, 8, 15, 0)  # 08:00 + 420 min


def test_a_priority_change_reorders_them():
    # The same two jobs, J-2 now urgent: it goes first, Mon 0-300.
    # J-1 then has Mon 300-480 (180 min) and the rest, 600 - 180 = 420, on Tue: ends (Tue, 420).
    first, second = op(SAW, 600), op(SAW, 300)
    plan = schedule(CALENDAR, SHOP, [job(1, first, due=WED), job(2, second, due=THU, priority=Priority.URGENT)],
                    TODAY)

    assert plan.operation(second.id).start == Moment(MON, 0)
    assert plan.operation(second.id).end == Moment(MON, 300)
    assert plan.operation(first.id).start == Moment(MON, 300)
    assert plan.operation(first.id).days == (DayPiece(MON, 180), DayPiece(TUE, 420))
    assert plan.operation(first.id).end == Moment(TUE, 420)


def test_half_a_day_of_capacity_a_holiday_and_a_day_off():
    # Finishing has 240 min a day. Tuesday is a shop holiday, Thursday finishing's own day off.
    # 600 min: Mon 240, (Tue holiday), Wed 240, (Thu off), Fri 120 → ends (Fri, 120).
    calendar = ShopCalendar(holidays=frozenset({TUE}))
    finish = WorkstationInput(3, "FINISH", D("4"), days_off=frozenset({THU}))
    spray = op(finish, 600)
    plan = schedule(calendar, (SAW, finish), [job(1, spray)], TODAY)

    assert plan.operation(spray.id).days == (DayPiece(MON, 240), DayPiece(WED, 240), DayPiece(FRI, 120))
    assert plan.operation(spray.id).end == Moment(FRI, 120)
    assert plan.job(1).finish == FRI


def test_the_second_operation_waits_for_the_first():
    # J-1: a done step (takes nothing), then saw 600 (Mon 480 + Tue 120, ends (Tue, 120)), then bench 60:
    # it may start only at (Tue, 120) and ends (Tue, 180).
    # J-2 (due later) has 60 min on the bench, ready from Monday: the bench is free all Monday, 0-60.
    done = op(SAW, 0, sequence=1, status=OperationStatus.DONE)
    cut, assemble = op(SAW, 600, sequence=2), op(BENCH, 60, sequence=3)
    other = op(BENCH, 60)
    plan = schedule(CALENDAR, SHOP, [job(1, assemble, cut, done, due=WED), job(2, other, due=FRI)], TODAY)

    assert plan.operation(assemble.id).start == Moment(TUE, 120)
    assert plan.operation(assemble.id).end == Moment(TUE, 180)
    assert plan.operation(other.id).start == Moment(MON, 0)
    assert plan.operation(other.id).end == Moment(MON, 60)
    assert done.id not in {o.operation_id for o in plan.operations}
    assert plan.job(1).finish == TUE


def test_a_half_booked_operation_needs_only_its_rest_and_is_not_pushed_back():
    # Planned 480, booked 300.5: the caller gives 179.5 remaining; rounded up to 180 whole minutes.
    # It is paused, so it goes first on the saw from today, ahead of an urgent job: Mon 0-180.
    # The urgent job's 480 min: Mon 180-480 (300), Tue 0-180 → ends (Tue, 180).
    paused = op(SAW, "179.5", status=OperationStatus.PAUSED)
    urgent = op(SAW, 480)
    plan = schedule(CALENDAR, SHOP, [job(1, paused, due=FRI), job(2, urgent, due=MON, priority=Priority.URGENT)],
                    TODAY)

    assert plan.operation(paused.id).start == Moment(MON, 0)
    assert plan.operation(paused.id).end == Moment(MON, 180)
    assert plan.operation(paused.id).started
    assert plan.operation(urgent.id).days == (DayPiece(MON, 300), DayPiece(TUE, 180))


def test_started_work_continues_from_the_start_moment():
    # Scheduled at 10:00 on Monday (120 min into the day): a running 400 min has Mon 120-480 (360), Tue 0-40.
    running = op(SAW, 400, status=OperationStatus.RUNNING)
    plan = schedule(CALENDAR, SHOP, [job(1, running)], TODAY, start_minute=120)
    assert plan.operation(running.id).days == (DayPiece(MON, 360), DayPiece(TUE, 40))
    assert plan.operation(running.id).end == Moment(TUE, 40)


def test_a_pinned_job_goes_first_but_not_before_its_pin():
    # J-2 is pinned to Wednesday: loaded first although J-1 is urgent; its 240 min take Wed 0-240.
    # J-1's 1200 min: Mon 480, Tue 480, Wed 240-480 (240) → 480 + 480 + 240 = 1200, ends (Wed, 480).
    pinned, urgent = op(SAW, 240), op(SAW, 1200)
    plan = schedule(CALENDAR, SHOP, [job(1, urgent, priority=Priority.URGENT), job(2, pinned, pinned=WED)], TODAY)

    assert plan.operation(pinned.id).start == Moment(WED, 0)
    assert plan.operation(pinned.id).end == Moment(WED, 240)
    assert plan.operation(urgent.id).days == (DayPiece(MON, 480), DayPiece(TUE, 480), DayPiece(WED, 240))
    assert [j.job_id for j in plan.jobs] == [2, 1]


def test_two_machines_of_the_same_kind_run_in_parallel():
    # Two CNC machines of 480 min. J-1 takes machine 0 all Monday; J-2 would wait until Tuesday on
    # machine 0 but finishes Monday on machine 1, so it goes there. A third job (300 min) finds both
    # full on Monday: Tuesday 0-300 on machine 0 (the first of two equal choices).
    a, b, c = op(CNC, 480), op(CNC, 480), op(CNC, 300)
    plan = schedule(CALENDAR, SHOP, [job(1, a, due=TUE), job(2, b, due=WED), job(3, c, due=THU)], TODAY)

    assert (plan.operation(a.id).machine, plan.operation(a.id).end) == (0, Moment(MON, 480))
    assert (plan.operation(b.id).machine, plan.operation(b.id).end) == (1, Moment(MON, 480))
    assert (plan.operation(c.id).machine, plan.operation(c.id).end) == (0, Moment(TUE, 300))
    # Capacity 2 × 480 = 960 a day: Monday 960 used, Tuesday 300.
    monday = next(d for d in plan.load if d.workstation_id == CNC.id and d.day == MON)
    assert (monday.used_minutes, monday.capacity_minutes) == (960, 960)
    assert plan.load_on(CNC.id, TUE) == 300


def test_an_outside_operation_takes_its_lead_time_in_working_days():
    # Saw 600 ends (Tue, 120); powder coating is away 3 working days from the next one: Wed, Thu, Fri.
    # It comes back over the weekend; the bench's 60 min go on Monday 14th, 0-60.
    cut = op(SAW, 600, sequence=1)
    coat = op(SAW, 0, sequence=2, outside_days=3)
    assemble = op(BENCH, 60, sequence=3)
    plan = schedule(CALENDAR, SHOP, [job(1, cut, coat, assemble)], TODAY)

    assert plan.operation(coat.id).outside
    assert [p.day for p in plan.operation(coat.id).days] == [WED, THU, FRI]
    assert plan.load_on(SAW.id, WED) == 0  # outside work takes no workstation time
    assert plan.operation(assemble.id).start == Moment(NEXT_MON, 0)
    assert plan.operation(assemble.id).end == Moment(NEXT_MON, 60)
    assert plan.job(1).finish == NEXT_MON


def test_lateness_is_finish_after_due():
    # J-1 due Tue: 1000 min = Mon 480 + Tue 480 + Wed 40, finishes Wed → late.
    # J-2 due Wed: 200 min, Wed 40-240, finishes Wed, on its due day → not late.
    # J-3 is all done, its last step on Friday 4th, before its due Monday: finished then, not late.
    # J-4 is all done with no dates known: no finish, not late.
    done_friday = OperationInput(1, 1, SAW.id, D(0), OperationStatus.DONE, finished_on=dt.date(2026, 12, 4))
    plan = schedule(CALENDAR, SHOP, [job(1, op(SAW, 1000), due=TUE), job(2, op(SAW, 200), due=WED),
                                     job(3, done_friday, due=MON),
                                     job(4, op(SAW, 0, status=OperationStatus.DONE), due=MON)], TODAY)

    assert (plan.job(1).finish, plan.job(1).late) == (WED, True)
    assert (plan.job(2).finish, plan.job(2).late) == (WED, False)
    assert (plan.job(3).finish, plan.job(3).late) == (dt.date(2026, 12, 4), False)
    assert (plan.job(4).finish, plan.job(4).late) == (None, False)
    assert 1 not in {o.operation_id for o in plan.operations}  # done work is not in the plan


def test_outside_work_already_sent_counts_from_the_day_it_left():
    # Sent to the galvaniser last Thursday (3 Dec) for 4 working days: Thu 3, Fri 4, Mon 7, Tue 8.
    # The bench's 60 min after it: Wed 9, 0-60. The outside step ends at the close of Tue (510 min: 08:00-16:30).
    away = OperationInput(next(_next_id), 1, SAW.id, D(0), OperationStatus.RUNNING, outside_days=4,
                          started_on=dt.date(2026, 12, 3))
    assemble = op(BENCH, 60, sequence=2)
    plan = schedule(CALENDAR, SHOP, [job(1, away, assemble)], TODAY)

    assert [p.day for p in plan.operation(away.id).days] == [dt.date(2026, 12, 3), dt.date(2026, 12, 4), MON, TUE]
    assert plan.operation(away.id).end == Moment(TUE, 510)
    assert plan.operation(away.id).end.at(CALENDAR) == dt.datetime(2026, 12, 8, 16, 30)
    assert plan.operation(assemble.id).start == Moment(WED, 0)


def test_a_step_after_started_work_waits_for_every_step_before_it():
    # Odd but possible: step 1 (saw 600) not started, step 2 (bench) already running with 60 min left.
    # The running step goes first: bench Mon 0-60. Step 1: Mon 480 + Tue 120, ends (Tue, 120).
    # Step 3 (finishing 60) waits for both, the later being (Tue, 120): Tue 120-180.
    cut = op(SAW, 600, sequence=1)
    running = op(BENCH, 60, sequence=2, status=OperationStatus.RUNNING)
    spray = op(FINISH, 60, sequence=3)
    plan = schedule(CALENDAR, SHOP, [job(1, cut, running, spray)], TODAY)

    assert plan.operation(running.id).end == Moment(MON, 60)
    assert plan.operation(spray.id).start == Moment(TUE, 120)
    assert plan.operation(spray.id).end == Moment(TUE, 180)


@pytest.mark.parametrize("hours", [D("0"), D("25"), D("-1")])
def test_a_capacity_outside_0_to_24_hours_is_refused(hours):
    with pytest.raises(ValidationError) as refused:
        WorkstationInput(9, "SPRAY", hours)
    assert refused.value.field == "capacity_hours"
    assert "SPRAY" in refused.value.message and "24" in refused.value.message


def test_24_hours_and_fewer_machines_than_one():
    assert WorkstationInput(9, "OVEN", D("24")).minutes_per_machine == 1440
    with pytest.raises(ValidationError) as refused:
        WorkstationInput(9, "OVEN", D("8"), parallel=0)
    assert refused.value.field == "parallel"


def test_a_pin_before_today_is_refused():
    with pytest.raises(ValidationError) as refused:
        schedule(CALENDAR, SHOP, [job(1, op(SAW, 60), pinned=TODAY - dt.timedelta(days=1))], TODAY)
    assert refused.value.field == "pinned_start"
    assert "J-2026-0001" in refused.value.message and "2026-12-06" in refused.value.message


def test_an_unknown_workstation_and_a_calendar_without_hours_are_refused():
    with pytest.raises(ValidationError) as refused:
        schedule(CALENDAR, (SAW,), [job(1, op(BENCH, 60))], TODAY)
    assert refused.value.field == "workstation_id"
    with pytest.raises(ValidationError) as refused:
        ShopCalendar(day_start=dt.time(16, 30), day_end=dt.time(8, 0))
    assert refused.value.field == "day_end"
