"""Why a job is late, and the bottleneck, on cases worked by hand (issue 16, items 5-6).

The shop works Monday to Friday, 08:00-16:30. Today is Monday 7 December 2026 (ISO week 50), so the
days are Mon 7 … Fri 11, then Mon 14 … Fri 18 (week 51), then Mon 21 (week 52). The spray booth has
one machine of 8 h a day: 480 minutes.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from workshop.domain.lateness import (Move, Overtime, WhatIf, explain, find_bottleneck, hours_words, move_words,
                                      operation_waits, overtime_words, promise_words, reason_words, station_waits,
                                      week_words)
from workshop.domain.scheduling import JobInput, OperationInput, ShopCalendar, WorkstationInput, schedule
from workshop.domain.statuses import Priority

CALENDAR = ShopCalendar()
TODAY = dt.date(2026, 12, 7)
FRI_11, FRI_18 = dt.date(2026, 12, 11), dt.date(2026, 12, 18)
TUE_15, MON_21 = dt.date(2026, 12, 15), dt.date(2026, 12, 21)
SPRAY = WorkstationInput(1, "SPRAY", D("8"))
CUT = WorkstationInput(2, "CUT", D("8"))
SAW = WorkstationInput(3, "SAW", D("8"))
SHOP = (SPRAY, CUT, SAW)


def job(job_id, *steps, due, priority=Priority.NORMAL):
    """Steps: (operation id, station, minutes), in order."""
    ops = tuple(OperationInput(op_id, n * 10, station.id, D(minutes)) for n, (op_id, station, minutes)
                in enumerate(steps, start=1))
    return JobInput(job_id, f"J-2026-{job_id:04}", due, priority, ops)


def planned(*jobs):
    case = WhatIf(CALENDAR, SHOP, tuple(jobs), TODAY)
    return case, case.run()


def test_two_jobs_at_one_machine_the_second_is_late_and_each_remedy_is_worked_out():
    # J-1: 2000 min at the spray booth, due Fri 11; J-2: 1000 min, due Fri 11. Same priority and
    # due date, so J-1 (lower number) goes first: Mon-Thu 4 × 480 = 1920, Fri 80 → ends (Fri, 80).
    # J-2 waits until then: Fri 80-480 = 400, Mon 14 480, Tue 15 120 → finishes Tue 15, due Fri 11:
    # late by Mon 14 and Tue 15, 2 working days.
    case, plan = planned(job(1, (11, SPRAY, 2000), due=FRI_11), job(2, (21, SPRAY, 1000), due=FRI_11))
    late = explain(case, plan, 2, SHOP)

    assert (late.finish, late.working_days_late) == (TUE_15, 2)
    assert (late.operation_id, late.workstation_id) == (21, SPRAY.id)
    # Its wait, ready Mon 0 until Fri 80: 4 × 480 + 80 = 2000 working minutes (33.3 h → 33.5 h).
    assert late.wait_minutes == 2000
    # Laid out as if the booth were free, week 50 asks J-1's 2000 + J-2's 1000 = 3000 minutes of a
    # week of 5 × 480 = 2400: 600 minutes (10 h) over. Week 51 asks nothing (J-2 would be done Wed).
    assert (late.week_start, late.over_minutes) == (TODAY, 600)
    # Overtime in week 50 on Mon-Fri (all up to the due date): m more minutes a day, J-2 ends by
    # Friday when 2000 + 1000 ≤ 5 × (480 + m), so m = 120; 119 leaves 5 minutes for Monday.
    # 120 × 5 days × 1 machine = 600 minutes.
    assert late.overtime == Overtime(SPRAY.id, TODAY, 600)
    # Move J-1 after it (J-1 made low): J-2 Mon 480, Tue 480, Wed 40 → Wed 9, on time. J-1 then has
    # Wed 440, Thu 480, Fri 480 = 1400, and 600 more: Mon 14 480, Tue 15 120 → Tue 15, 2 days late.
    assert late.move == Move(1, "J-2026-0001", TUE_15, 2)

    assert reason_words(late, operation="operation 010 Spray", station="Spray booth (SPRAY)", today=TODAY) == (
        "J-2026-0002 would finish on 15 Dec 2026, 2 working days after its due date (11 Dec 2026). "
        "Operation 010 Spray holds it: it waits 33.5 h at Spray booth (SPRAY), which is 10 h over capacity "
        "in week 50.")
    assert overtime_words(late.overtime, "Spray booth (SPRAY)", TODAY) == (
        "10 h of overtime on Spray booth (SPRAY) in week 50")
    assert move_words(late.move, "J-2026-0002") == (
        "move J-2026-0001 after J-2026-0002 (it would then finish on 15 Dec 2026, 2 working days late)")
    assert promise_words(late) == "promise 2 working days later (15 Dec 2026)"
    assert explain(case, plan, 1, SHOP) is None  # J-1 ends Fri 11, its due date: not late


def test_the_operation_that_waits_is_named_with_the_week_its_station_is_over():
    # J-1: 4000 min of spraying, due Fri 18. J-2: 480 min at the cut station (free: Mon 0-480),
    # then 900 min of spraying, due Fri 18. J-1 goes first: 8 × 480 = 3840 to Wed 16, Thu 17 160.
    # J-2's spraying, ready (Mon, 480) with Monday full, starts (Thu 17, 160): Thu 320, Fri 480,
    # Mon 21 100 → finishes Mon 21, 1 working day late.
    case, plan = planned(job(1, (11, SPRAY, 4000), due=FRI_18),
                         job(2, (21, CUT, 480), (22, SPRAY, 900), due=FRI_18))
    late = explain(case, plan, 2, SHOP)

    assert (late.finish, late.working_days_late) == (MON_21, 1)
    # Cutting waits 0; spraying waits Tue 8 to Wed 16 (7 days × 480 = 3360) + Thu 160 = 3520.
    assert operation_waits(plan, CALENDAR, SHOP)[21] == 0
    assert (late.operation_id, late.workstation_id, late.wait_minutes) == (22, SPRAY.id, 3520)
    # As if free: J-1 asks 2400 of week 50 and 1600 of week 51; J-2's 900 from Tue 8: Tue 480,
    # Wed 420, all week 50. Week 50: 3300 of 2400 → 900 over (15 h); week 51: 1600 of 2400, not over.
    assert (late.week_start, late.over_minutes) == (TODAY, 900)
    # Overtime in week 50 (Mon-Fri): by Fri 18 the booth must do 4000 + 900 = 4900 in
    # 5 × (480 + m) + 5 × 480, so m = 20 (m = 19 leaves 25 minutes for Mon 21). 20 × 5 = 100 min → 2 h.
    assert late.overtime == Overtime(SPRAY.id, TODAY, 100)
    assert overtime_words(late.overtime, "SPRAY", TODAY) == "2 h of overtime on SPRAY in week 50"
    # J-1 moved after it: J-2 sprays Tue 480 + Wed 420 → on time; J-1 takes Mon 480, Wed 60, Thu 480,
    # Fri 480, week 51 2400 = 3900, and 100 on Mon 21: 1 working day late.
    assert late.move == Move(1, "J-2026-0001", MON_21, 1)
    assert promise_words(late) == "promise 1 working day later (21 Dec 2026)"


def test_the_bottleneck_is_the_station_with_most_waiting_then_most_jobs_delayed():
    # Saw: J-3 1350 min, J-4 10 min waits Mon 480 + Tue 480 + Wed 390 = 1350 (1 job).
    # Spray: J-5 600 min (Mon 480, Tue 120); J-6 150 waits 600 (Tue 120-270); J-7 150 waits 750
    # (to Tue 270): 1350 minutes, 2 jobs. Equal minutes: the spray booth delays more jobs.
    due = dt.date(2027, 1, 29)
    plan = schedule(CALENDAR, SHOP, [job(3, (31, SAW, 1350), due=due), job(4, (41, SAW, 10), due=due),
                                     job(5, (51, SPRAY, 600), due=due), job(6, (61, SPRAY, 150), due=due),
                                     job(7, (71, SPRAY, 150), due=due)], TODAY)
    assert [(row.workstation_id, row.wait_minutes, row.jobs_delayed) for row in station_waits(plan, CALENDAR, SHOP)] \
        == [(SPRAY.id, 1350, 2), (SAW.id, 1350, 1)]
    assert find_bottleneck(plan, CALENDAR, SHOP).workstation_id == SPRAY.id
    # Nothing waits when each job has a station to itself.
    alone = schedule(CALENDAR, SHOP, [job(3, (31, SAW, 1350), due=due), job(5, (51, SPRAY, 600), due=due)], TODAY)
    assert find_bottleneck(alone, CALENDAR, SHOP) is None


def test_a_wait_counts_only_the_stations_working_minutes():
    # Finishing has 4 h (240 min) a day and Tuesday off. J-1: 600 min from Mon: Mon 240, Wed 240,
    # Thu 120. J-2 (30 min) waits Mon 240 + Wed 240 + Thu 120 = 600 minutes, not the nights or Tuesday.
    finish = WorkstationInput(4, "FINISH", D("4"), days_off=frozenset({dt.date(2026, 12, 8)}))
    due = dt.date(2027, 1, 29)
    plan = schedule(CALENDAR, (finish,), [job(1, (11, finish, 600), due=due), job(2, (21, finish, 30), due=due)], TODAY)
    assert operation_waits(plan, CALENDAR, (finish,)) == {11: 0, 21: 600}


def test_hours_round_up_to_the_half_hour_and_weeks_are_iso():
    # 20 min → 0.5 h; 30 → 0.5 h; 31 → 1 h; 2000 (33.3 h) → 33.5 h; in German with a comma.
    assert [hours_words(m) for m in (20, 30, 31, 2000)] == ["0.5 h", "0.5 h", "1 h", "33.5 h"]
    assert hours_words(2000, "de_DE") == "33,5 h"
    # Mon 4 Jan 2027 is in ISO week 1 of 2027; Mon 28 Dec 2026 in week 53 of 2026.
    assert week_words(dt.date(2027, 1, 4), TODAY) == "week 1 of 2027"
    assert week_words(dt.date(2026, 12, 28), TODAY) == "week 53"


def test_a_job_too_big_for_the_days_left_is_late_even_first_and_only_a_later_promise_helps():
    # J-9 alone: 3000 min of spraying, due Tue 8. Mon-Fri 5 × 480 = 2400, Mon 14 480, Tue 15 120 →
    # finishes Tue 15: Wed 9, Thu 10, Fri 11, Mon 14, Tue 15 = 5 working days late, and the same first
    # in every queue. Overtime on Mon 7 and Tue 8 gives at most 2 × 24 h = 2880 < 3000 minutes: none.
    # Nothing is ahead of it to move.
    case, plan = planned(job(9, (91, SPRAY, 3000), due=dt.date(2026, 12, 8)))
    late = explain(case, plan, 9, SHOP)
    assert (late.finish, late.first_finish, late.working_days_late) == (TUE_15, TUE_15, 5)
    assert (late.wait_minutes, late.run_minutes, late.overtime, late.move) == (0, 3000, None, None)
    assert reason_words(late, operation="operation 010 Spray", station="SPRAY", today=TODAY) == (
        "J-2026-0009 would finish on 15 Dec 2026, 5 working days after its due date (8 Dec 2026). "
        "Operation 010 Spray holds it: 50 h of work at SPRAY. Even first in every queue it would finish on "
        "15 Dec 2026: its own work needs more time than is left.")


def test_a_due_date_already_past_asks_for_a_new_one():
    # The same 3000 minutes, due Fri 4 Dec, before today (Mon 7): finishes Tue 15, late by Mon 7 …
    # Fri 11 (5) + Mon 14, Tue 15 (2) = 7 working days; the promise is the finish itself.
    case, plan = planned(job(9, (91, SPRAY, 3000), due=dt.date(2026, 12, 4)))
    late = explain(case, plan, 9, SHOP)
    assert late.working_days_late == 7
    assert reason_words(late, operation="operation 010 Spray", station="SPRAY", today=TODAY).endswith(
        "50 h of work at SPRAY. Its due date has passed: agree a new one with the customer.")
    assert promise_words(late, today=TODAY) == "promise 15 Dec 2026 (the due date has passed)"
