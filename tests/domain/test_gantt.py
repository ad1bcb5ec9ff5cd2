"""The Gantt layout of a plan, worked by hand: which row each bar is on and where in its day it sits.

The shop's day is 08:00-16:30: 510 minutes, the width of a day on the chart. Monday 7 Dec 2026.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from workshop.domain.gantt import gantt_chart, job_colour
from workshop.domain.scheduling import JobInput, OperationInput, ShopCalendar, WorkstationInput, schedule
from workshop.domain.statuses import Priority

MON = dt.date(2026, 12, 7)
TUE, WED = MON + dt.timedelta(days=1), MON + dt.timedelta(days=2)
CAL = ShopCalendar()
SAW = WorkstationInput(1, "SAW", Decimal(8), parallel=2)  # 480 min a day on each of two machines
PRESS = WorkstationInput(2, "PRESS", Decimal(8))
OUT = WorkstationInput(9, "OUT", Decimal(8))


def job(job_id: int, *ops: tuple[int, int, str | None]) -> JobInput:
    """ops: (workstation, minutes, outside days or None)."""
    return JobInput(job_id, f"J-{job_id:04d}", None, Priority.NORMAL, tuple(
        OperationInput(job_id * 10 + i, i + 1, ws, Decimal(minutes), outside_days=days)
        for i, (ws, minutes, days) in enumerate(ops)))


def spans(chart, job_id):
    """(row label, day, start minute, end minute) of a job's bars."""
    return [(chart.rows[b.row].label, b.day, round(b.start * 510), round(b.end * 510))
            for b in chart.bars if b.job_id == job_id]


def test_parallel_machines_get_a_row_each_and_split_work_its_days():
    # J-0001: 600 min on the saw: machine 1, Mon 0-480 and Tue 0-120.
    # J-0002: 300 min on the saw: machine 2 is free on Monday, finishing sooner: Mon 0-300.
    plan = schedule(CAL, [SAW, PRESS], [job(1, (1, 600, None)), job(2, (1, 300, None))], MON)
    chart = gantt_chart(plan, CAL, [SAW, PRESS], MON)
    assert [row.label for row in chart.rows] == ["SAW 1", "SAW 2", "PRESS"]
    assert spans(chart, 1) == [("SAW 1", MON, 0, 480), ("SAW 1", TUE, 0, 120)]
    assert spans(chart, 2) == [("SAW 2", MON, 0, 300)]
    assert chart.last_day == TUE


def test_a_piece_in_the_middle_runs_to_the_machines_capacity():
    # Made at 09:40 (minute 100): 1,200 min on the press: Mon 100-480 (380), Tue 0-480, Wed 0-340
    # (1,200 - 380 - 480 = 340).
    plan = schedule(CAL, [PRESS], [job(1, (2, 1200, None))], MON, 100)
    chart = gantt_chart(plan, CAL, [PRESS], MON)
    assert spans(chart, 1) == [("PRESS", MON, 100, 480), ("PRESS", TUE, 0, 480), ("PRESS", WED, 0, 340)]


def test_outside_work_has_its_own_row_a_line_per_overlap():
    # J-0001 away 2 working days from Monday morning: Mon and Tue, whole days.
    # J-0002 away 1 day from Monday too: it overlaps, so a second line under it.
    # J-0003 waits for 480 min on the press (Mon), then is away 1 day: it leaves Tuesday morning
    # (ready at the close of Monday) — Tuesday is still taken by J-0001 on line 1, free on line 2.
    jobs = [job(1, (9, 0, 2)), job(2, (9, 0, 1)), job(3, (2, 480, None), (9, 0, 1))]
    plan = schedule(CAL, [PRESS, OUT], jobs, MON)
    chart = gantt_chart(plan, CAL, [PRESS], MON, outside_ids=[9])
    assert [row.label for row in chart.rows] == ["PRESS", "Outside", ""]
    assert spans(chart, 1) == [("Outside", MON, 0, 510), ("Outside", TUE, 0, 510)]
    assert spans(chart, 2) == [("", MON, 0, 510)]
    assert spans(chart, 3) == [("PRESS", MON, 0, 480), ("", TUE, 0, 510)]


def test_each_job_keeps_its_colour():
    assert job_colour(7) == job_colour(7) and job_colour(7) != job_colour(8)
    assert job_colour(7).startswith("#") and len(job_colour(7)) == 7
