"""The board of who is on what, and a job's progress as hours done over hours planned. By hand."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from support.bench_floor import at, released_job
from workshop.services import booking_corrections, bookings, clocking, floor_board


@pytest.fixture
def floor(db, shop):
    # Cut 55 min, Assemble 100 min: 155 min = 2.58 h planned (tests/support/bench_floor.py)
    return vars(released_job(db, shop, operations=2))


def test_the_board_shows_running_then_paused_by_name_with_figures_to_now(db, shop, floor):
    tom = clocking.scan(db, floor["code"](20), shop.tom.id, now=at(8)).clock_on
    anna_cut = clocking.scan(db, floor["code"](10), shop.anna.id, now=at(8, 30)).clock_on
    clocking.pause(db, anna_cut.id, now=at(9))
    anna = clocking.scan(db, floor["code"](20), shop.anna.id, now=at(9, 30)).clock_on
    board = floor_board.floor_board(db, now=at(10))
    # running: Anna (Assemble), Tom (Assemble); then paused: Anna (Cut)
    assert [(c.operator_name, c.op_number, c.paused) for c in board] == [
        ("Anna Kowalska", 20, False), ("Tom Reed", 20, False), ("Anna Kowalska", 10, True)]
    on_assembly = board[1]
    assert (on_assembly.id, on_assembly.started_at, on_assembly.planned_minutes) == (tom.id, at(8), D("100.00"))
    # Tom 8:00-10:00 = 120 worked; the assembly's labour 120 + Anna's 9:30-10:00 (30) = 150, elapsed 8:00-10:00 = 120
    assert (on_assembly.worked_minutes, on_assembly.operation_labour_minutes,
            on_assembly.operation_elapsed_minutes) == (D("120.00"), D("150.00"), D("120.00"))
    assert board[2].worked_minutes == D("30.00")  # the cut: 8:30-9:00, paused since
    assert [c.id for c in floor_board.operator_clock_ons(db, shop.anna.id, now=at(10))] == [anna_cut.id, anna.id]
    clocking.clock_off(db, tom.id, finished=False, now=at(10, 15))
    assert [c.operator_name for c in floor_board.floor_board(db, now=at(10, 15))] == ["Anna Kowalska"] * 2


def test_job_progress_is_hours_done_over_hours_planned_with_corrections_netted(db, shop, floor):
    assert floor_board.job_progress(db, shop.job.id) == floor_board.JobProgress(shop.job.id, D("0.00"), D("2.58"),
                                                                               D("0"))
    c = clocking.scan(db, floor["code"](10), shop.anna.id, now=at(8)).clock_on
    clocking.clock_off(db, c.id, finished=True, now=at(9, 2))
    wrong = bookings.log_time(db, floor["assemble"], shop.tom.id, minutes="40")
    booking_corrections.reverse_time_log(db, wrong.id, "Booked twice")
    progress = floor_board.job_progress(db, shop.job.id)
    # 62 minutes done (8:00-9:02; the 40 and its reversal net to 0) = 1.03 h; 62 / 155 = 0.4
    assert (progress.hours_done, progress.hours_planned, progress.fraction) == (D("1.03"), D("2.58"), D("0.4000"))
