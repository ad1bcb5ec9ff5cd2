"""Clocking on and off at the bench: what each scan stores, what it refuses, and taking it back.
Times are local (the shop's day); figures worked by hand in the comments."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from sqlalchemy import func, select

from support.bench_floor import ShopClock, at, released_job
from workshop.db.models import ClockOn, Job, JobStatusChange, Operation, TimeLog
from workshop.domain.errors import ValidationError
from workshop.domain.scan_codes import LAYOUTS, UnreadableCode, badge_code, operation_code, typed_as
from workshop.services import bookings, clocking, jobs, routing, settings, workstations


@pytest.fixture
def floor(db, shop):
    # Cut 55 min planned, Assemble 100, Oil 35 (tests/support/bench_floor.py)
    floor = released_job(db, shop)
    floor.clock, floor.anna, floor.tom = ShopClock(db), shop.anna.id, shop.tom.id
    return floor


def _status(db, op_id) -> str:
    with db.reader() as s:
        return s.get(Operation, op_id).status


def _job_status(db, job_id) -> str:
    with db.reader() as s:
        return s.get(Job, job_id).status


def _logs(db, clock_on_id=None) -> list[TimeLog]:
    with db.reader() as s:
        q = select(TimeLog).order_by(TimeLog.id)
        if clock_on_id is not None:
            q = q.where(TimeLog.clock_on_id == clock_on_id)
        rows = list(s.scalars(q))
        s.expunge_all()  # detached with what was read: the reader's rollback would expire them
        return rows


def _snapshot(db):
    with db.reader() as s:
        return (s.scalar(select(func.count()).select_from(TimeLog)),
                tuple(s.execute(select(ClockOn.id, ClockOn.segment_started_at, ClockOn.ended_at)).all()),
                tuple(s.execute(select(Operation.id, Operation.status).order_by(Operation.id)).all()),
                tuple(s.execute(select(Job.id, Job.status)).all()))


def _refused(db, fn, *args, **kwargs) -> ValidationError:
    before = _snapshot(db)
    with pytest.raises(ValidationError) as info:
        fn(db, *args, **kwargs)
    assert _snapshot(db) == before, "a refused scan changed the database"
    return info.value


def test_a_badge_selects_the_operator(db, floor):
    outcome = clocking.scan(db, badge_code(floor.anna))
    assert (outcome.kind, outcome.operator.id, outcome.operator.name) == ("operator", floor.anna, "Anna Kowalska")
    assert outcome.message == "Anna Kowalska: scan an operation" and outcome.detail == "Not clocked on to anything."


def test_clock_on_pause_resume_and_finish_through_a_day_with_a_break(db, floor):
    floor.clock.set(8, 0)
    on = clocking.scan(db, floor.code(10), floor.anna)
    assert on.kind == "clock_on"
    assert on.message == f"Anna Kowalska: clocked on to {floor.number} / 010 Cut panels"
    assert on.detail == "Planned 55 min; 0 min booked so far"
    assert _status(db, floor.cut) == "running" and _job_status(db, floor.job.id) == "in_progress"
    with db.reader() as s:
        last = s.scalars(select(JobStatusChange).where(JobStatusChange.job_id == floor.job.id)
                         .order_by(JobStatusChange.id.desc())).first()
        assert (last.from_status, last.to_status, last.reason) == ("released", "in_progress",
                                                                   "Clocked on at the terminal")
        row = s.get(ClockOn, on.clock_on.id)
        assert (row.started_at, row.segment_started_at, row.ended_at) == (at(8), at(8), None)

    floor.clock.set(10, 0)
    paused = clocking.pause(db, on.clock_on.id)
    assert paused.clock_on.paused and _status(db, floor.cut) == "paused"
    [log] = _logs(db, on.clock_on.id)
    assert (log.started_at, log.ended_at, log.source, log.estimated) == (at(8), at(10), "scan", False)
    # 120 min at the saw (a machine: labour and machine time): Anna 2 h × 32.00 = 64.00, machine
    # 2 h × 18.00 = 36.00, overhead 2 machine hours × 12.00 = 24.00 → 124.00
    assert (log.labour_minutes, log.machine_minutes) == (D("120.00"), D("120.00"))
    assert bookings.time_log_view(_with_relations(db, log.id)).cost == D("124.00")

    floor.clock.set(10, 15)
    back = clocking.scan(db, floor.code(10), floor.anna)  # the same code again after the break: resume
    assert back.kind == "resume" and back.message == f"Anna Kowalska: back on {floor.number} / 010 Cut panels"
    assert _status(db, floor.cut) == "running"

    floor.clock.set(12, 0)
    before = _snapshot(db)
    ask = clocking.scan(db, floor.code(10), floor.anna)
    assert ask.kind == "ask_finish" and ask.message == f"Anna Kowalska on {floor.number} / 010 Cut panels: finished?"
    assert ask.clock_on.worked_minutes == D("225.00")  # 120 + 10:15-12:00 (105) = 225, still open
    assert ask.detail == "Planned 55 min; 3 h 45 min booked so far; 3 h 45 min by Anna Kowalska"
    assert _snapshot(db) == before, "asking writes nothing"

    done = clocking.clock_off(db, on.clock_on.id, finished=True, quantity_done="2")
    assert done.message == f"Anna Kowalska: finished {floor.number} / 010 Cut panels (3 h 45 min)"
    second = _logs(db, on.clock_on.id)[1]
    assert (second.started_at, second.ended_at, second.labour_minutes, second.quantity_done) == (
        at(10, 15), at(12), D("105.00"), D("2.000"))
    assert (_status(db, floor.cut), _status(db, floor.assemble), _status(db, floor.oil)) == ("done", "ready", "pending")
    with db.reader() as s:
        row = s.get(ClockOn, on.clock_on.id)
        assert (row.ended_at, row.finished, row.ended_by, row.segment_started_at) == (at(12), True, "scan", None)


def _with_relations(db, log_id):
    from sqlalchemy.orm import selectinload

    with db.reader() as s:
        log = s.scalars(select(TimeLog).where(TimeLog.id == log_id).options(
            selectinload(TimeLog.operation), selectinload(TimeLog.workstation), selectinload(TimeLog.operator))).one()
        s.expunge_all()
        return log


def test_two_operators_on_one_operation_sum_labour_and_merge_elapsed(db, floor):
    floor.clock.set(9)
    anna = clocking.scan(db, floor.code(20), floor.anna).clock_on
    floor.clock.set(10)
    tom = clocking.scan(db, floor.code(20), floor.tom)
    assert tom.kind == "clock_on"  # a second person on the same operation is always fine
    floor.clock.set(10, 30)
    view = clocking.scan(db, floor.code(20), floor.tom).clock_on  # Tom's ask: the operation's figures
    # labour: Anna 9:00-10:30 (90) + Tom 10:00-10:30 (30) = 120; elapsed 9:00-10:30 = 90
    assert (view.operation_labour_minutes, view.operation_elapsed_minutes) == (D("120.00"), D("90.00"))
    floor.clock.set(11)
    clocking.clock_off(db, anna.id, finished=False)
    assert _status(db, floor.assemble) == "running"  # Tom is still on it
    floor.clock.set(12)
    last = clocking.clock_off(db, tom.clock_on.id, finished=False).clock_on
    assert _status(db, floor.assemble) == "paused"  # the last one off, unfinished
    # Anna 9-11 (120) + Tom 10-12 (120) = 240 labour; 9:00-12:00 = 180 elapsed
    assert (last.operation_labour_minutes, last.operation_elapsed_minutes) == (D("240.00"), D("180.00"))
    assert last.worked_minutes == D("120.00") and last.planned_minutes == D("100.00")


def test_a_conflicting_clock_on_is_refused_naming_where_they_are(db, floor):
    floor.clock.set(8, 2)
    cut = clocking.scan(db, floor.code(10), floor.anna).clock_on
    floor.clock.set(9)
    error = _refused(db, clocking.scan, floor.code(20), floor.anna)
    assert error.message == (f"Anna Kowalska is clocked on to {floor.number} / 010 Cut panels since 08:02: "
                             "clock off there first.")
    clocking.pause(db, cut.id)  # a paused one elsewhere does not block
    assert clocking.scan(db, floor.code(20), floor.anna).kind == "clock_on"
    # resuming the cut while on the assembly is the same conflict
    error = _refused(db, clocking.scan, floor.code(10), floor.anna)
    assert "Assemble since 09:00: clock off there first" in error.message


def test_several_clock_ons_at_once_when_the_shop_allows_it(db, floor):
    settings.update_settings(db, several_clock_ons=True)
    floor.clock.set(8)
    clocking.scan(db, floor.code(10), floor.anna)
    floor.clock.set(8, 5)
    assert clocking.scan(db, floor.code(20), floor.anna).kind == "clock_on"


def test_scanning_the_same_running_operation_twice_only_asks(db, floor):
    """The terminal ignores a repeat within 3 s (RepeatGuard); past it, a second scan asks
    "finished?" and books nothing until answered."""
    floor.clock.set(8)
    clocking.scan(db, floor.code(10), floor.anna)
    before = _snapshot(db)
    assert clocking.scan(db, floor.code(10), floor.anna).kind == "ask_finish"
    assert _snapshot(db) == before


@pytest.mark.parametrize("layout", LAYOUTS)
def test_codes_mangled_by_the_keyboard_layout_book_to_the_right_operation(db, floor, layout):
    floor.clock.set(8)
    for text in (typed_as(floor.code(20), layout), typed_as(f"{floor.number}/020", layout)):  # new and old cards
        clocking.scan(db, typed_as(badge_code(floor.tom), layout))
        outcome = clocking.scan(db, text, floor.tom)
        assert outcome.clock_on.operation_id == floor.assemble, (layout, text)
        clocking.clock_off(db, outcome.clock_on.id, finished=False, now=at(8, 30))
        floor.clock.set(9)


def test_bad_codes_get_a_clear_message(db, floor, shop):
    floor.clock.set(8)
    year = floor.number.split("-")[1]
    assert _refused(db, clocking.scan, operation_code(f"J-{year}-0099", 10), floor.anna).message == (
        f"No job J-{year}-0099.")
    assert _refused(db, clocking.scan, floor.code(70), floor.anna).message == (
        f"Job {floor.number} has no operation 070.")
    with pytest.raises(UnreadableCode):
        clocking.scan(db, "hello", floor.anna)
    assert _refused(db, clocking.scan, floor.code(10)).message == "Scan your badge first, then the operation."
    workstations.update_operator(db, floor.tom, active=False)
    assert "Tom Reed is no longer an active operator" in _refused(db, clocking.scan, badge_code(floor.tom)).message
    assert "no longer an active operator" in _refused(db, clocking.scan, floor.code(10), floor.tom).message
    routing.set_operation_status(db, floor.oil, "skipped")
    assert _refused(db, clocking.scan, floor.code(30), floor.anna).message == (
        f"{floor.number} / 030 Oil is skipped already: a scan does not reopen it (ask the office if more work is "
        "needed).")


def test_a_planned_or_finished_job_takes_no_clock_on(db, floor, shop):
    floor.clock.set(8)
    other = jobs.create_job(db, customer_id=shop.customer.id, title="Hall table", quantity=1,
                            due_date=db.today() + dt.timedelta(days=30))
    routing.add_operation(db, other.id, name="Cut", workstation_id=shop.saw.id, run_minutes="10")
    code = operation_code(other.number, 10)
    assert _refused(db, clocking.scan, code, floor.anna).message == (
        f"Job {other.number} is planned; release it to the shop first.")
    jobs.change_status(db, other.id, "cancel", "Customer withdrew")
    assert _refused(db, clocking.scan, code, floor.anna).message == (
        f"Job {other.number} is cancelled; nothing more is booked to it.")


def test_a_done_operation_is_not_reopened_by_a_scan(db, floor):
    floor.clock.set(8)
    c = clocking.scan(db, floor.code(10), floor.anna).clock_on
    floor.clock.set(9)
    clocking.clock_off(db, c.id, finished=True)
    floor.clock.set(9, 30)
    error = _refused(db, clocking.scan, floor.code(10), floor.anna)
    assert error.message.startswith(f"{floor.number} / 010 Cut panels is done already")


def test_an_operation_done_outside_is_not_clocked_at_the_bench(db, floor):
    from workshop.services import suppliers

    coater = suppliers.create_supplier(db, name="ColourCoat & <Sons>", lead_time_days="7")
    op_id = routing.add_operation(db, floor.job.id, name="Powder coat", supplier_id=coater.id, days_away=7)
    op_number = next(o.op_number for o in routing.list_operations(db, floor.job.id) if o.id == op_id)
    floor.clock.set(8)
    error = _refused(db, clocking.scan, floor.code(op_number), floor.anna)
    assert error.message == (f"{floor.number} / {op_number:03d} Powder coat is done outside by ColourCoat & <Sons>: "
                             "it is not clocked at the bench. Sign its dispatch and return on the job card.")


def test_a_pause_over_the_night_is_not_forgotten(db, floor):
    floor.clock.set(16)
    c = clocking.scan(db, floor.code(20), floor.anna).clock_on
    floor.clock.set(17)
    clocking.pause(db, c.id)
    floor.clock.set(8, 0, day=4)
    assert clocking.scan(db, badge_code(floor.anna)).forgotten == ()
    back = clocking.scan(db, floor.code(20), floor.anna)
    assert back.kind == "resume" and back.clock_on.segment_started_at == at(8, 0, day=4)


def test_a_forgotten_clock_off_is_asked_at_the_next_scan_and_saved_as_an_estimate(db, floor):
    floor.clock.set(16)
    c = clocking.scan(db, floor.code(20), floor.anna).clock_on
    floor.clock.set(7, 30, day=4)
    badge = clocking.scan(db, badge_code(floor.anna))
    assert [f.id for f in badge.forgotten] == [c.id]
    assert badge.detail == (f"Still clocked on to {floor.number} / 020 Assemble since yesterday 16:00: "
                            "when did you stop?")
    with pytest.raises(clocking.ForgottenClockOff) as info:
        clocking.scan(db, floor.code(10), floor.anna)
    assert info.value.message.endswith("say when you stopped first.") and info.value.clock_ons[0].id == c.id
    assert _refused(db, clocking.pause, c.id).field == "scan"  # not booked up to now by mistake
    assert _refused(db, clocking.close_forgotten, c.id, at(15, 59)).field == "stopped_at"  # before the start
    assert _refused(db, clocking.close_forgotten, c.id, at(9, 0, day=4)).field == "stopped_at"  # not yet come
    result = clocking.close_forgotten(db, c.id, at(17, 15))
    [log] = _logs(db, c.id)
    # 16:00 to 17:15 = 75 minutes, an estimate
    assert (log.labour_minutes, log.source, log.estimated, log.ended_at) == (D("75.00"), "estimate", True, at(17, 15))
    assert result.clock_on.ended_at == at(17, 15) and _status(db, floor.assemble) == "paused"
    assert clocking.scan(db, floor.code(10), floor.anna).kind == "clock_on"  # now the next scan goes through


def test_undo_takes_back_a_clock_on_and_is_refused_twice(db, floor):
    floor.clock.set(8)
    on = clocking.scan(db, floor.code(10), floor.anna)
    assert clocking.undo(db, on.undo) == f"Undone: Anna Kowalska's clock-on to {floor.number} / 010"
    with db.reader() as s:
        row = s.get(ClockOn, on.clock_on.id)
        assert (row.ended_by, row.ended_at, row.segment_started_at) == ("undone", at(8), None)
    assert _status(db, floor.cut) == "pending" and _logs(db) == []
    assert _refused(db, clocking.undo, on.undo).message == "That scan has already been undone."


def test_undo_a_pause_reopens_the_segment_with_a_correction(db, floor):
    floor.clock.set(8)
    on = clocking.scan(db, floor.code(10), floor.anna).clock_on
    floor.clock.set(9)
    paused = clocking.pause(db, on.id)
    floor.clock.set(9, 0)
    assert clocking.undo(db, paused.undo) == f"Undone: Anna Kowalska's pause on {floor.number} / 010"
    original, reversal = _logs(db, on.id)
    assert (reversal.reverses_id, reversal.labour_minutes, reversal.reason) == (
        original.id, D("-60.00"), "Pause scanned by mistake")
    assert _status(db, floor.cut) == "running"
    floor.clock.set(10)
    # the segment runs from 8:00 again: 60 + (−60) + the open 8:00-10:00 (120) = 120
    assert clocking.scan(db, floor.code(10), floor.anna).clock_on.worked_minutes == D("120.00")


def test_undo_a_clock_off_reopens_it_and_puts_the_statuses_back(db, floor):
    floor.clock.set(8)
    on = clocking.scan(db, floor.code(10), floor.anna).clock_on
    floor.clock.set(9)
    off = clocking.clock_off(db, on.id, finished=True, quantity_done="1")
    assert (_status(db, floor.cut), _status(db, floor.assemble)) == ("done", "ready")
    assert clocking.undo(db, off.undo) == f"Undone: Anna Kowalska's clock-off from {floor.number} / 010"
    assert (_status(db, floor.cut), _status(db, floor.assemble)) == ("running", "pending")
    with db.reader() as s:
        row = s.get(ClockOn, on.id)
        assert (row.ended_at, row.finished, row.segment_started_at) == (None, False, at(8))
    original, reversal = _logs(db, on.id)
    assert (reversal.labour_minutes, reversal.quantity_done, reversal.reason) == (
        D("-60.00"), D("-1.000"), "Clock-off scanned by mistake")
    assert _refused(db, clocking.undo, off.undo).message == "That scan has already been undone."


def test_an_outdated_undo_is_refused(db, floor):
    floor.clock.set(8)
    on = clocking.scan(db, floor.code(10), floor.anna)
    floor.clock.set(9)
    clocking.pause(db, on.clock_on.id)
    assert _refused(db, clocking.undo, on.undo).message == (
        "Only the last scan can be undone: more has happened on this clock-on since.")


def test_a_segment_under_a_minute_books_its_seconds(db, floor):
    floor.clock.set(8)
    on = clocking.scan(db, floor.code(20), floor.tom).clock_on
    clocking.clock_off(db, on.id, finished=False, now=at(8) + dt.timedelta(seconds=45))
    assert [log.labour_minutes for log in _logs(db, on.id)] == [D("0.75")]  # 45 s = 0.75 min


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_scanner_check_card_names_the_layout(db, floor, layout):
    from workshop.domain.scan_codes import SCANNER_CHECK_CODE, describe_layout

    before = _snapshot(db)
    outcome = clocking.scan(db, typed_as(SCANNER_CHECK_CODE, layout))
    assert (outcome.kind, outcome.layout) == ("check", layout)
    assert outcome.message == f"Scanner check: OK, the scanner types through {describe_layout(layout)}"
    assert _snapshot(db) == before


def test_a_job_on_hold_takes_no_clock_on_and_a_running_one_can_still_stop(db, floor):
    floor.clock.set(8)
    on = clocking.scan(db, floor.code(10), floor.anna).clock_on
    jobs.change_status(db, floor.job.id, "hold", "Waiting for the customer's choice of handles")
    assert _refused(db, clocking.scan, floor.code(20), floor.tom).message == (
        f"Job {floor.number} is on hold; resume it in the office before clocking on.")
    floor.clock.set(9)
    assert clocking.scan(db, floor.code(10), floor.anna).kind == "ask_finish"  # stopping is always possible
    clocking.clock_off(db, on.id, finished=False)
    assert [log.labour_minutes for log in _logs(db, on.id)] == [D("60.00")]


def test_clocking_off_while_paused_puts_the_quantity_on_the_last_segment(db, floor):
    floor.clock.set(8)
    on = clocking.scan(db, floor.code(10), floor.anna).clock_on
    floor.clock.set(9, 30)
    clocking.pause(db, on.id)
    floor.clock.set(11)
    off = clocking.clock_off(db, on.id, finished=True, quantity_done="3")
    [log] = _logs(db, on.id)  # no new segment: the break was not worked
    assert (log.labour_minutes, log.quantity_done) == (D("90.00"), D("3.000"))
    assert off.clock_on.worked_minutes == D("90.00") and _status(db, floor.cut) == "done"


def test_undo_a_resume_pauses_it_again(db, floor):
    floor.clock.set(8)
    on = clocking.scan(db, floor.code(20), floor.tom).clock_on
    floor.clock.set(9)
    clocking.pause(db, on.id)
    floor.clock.set(9, 30)
    back = clocking.scan(db, floor.code(20), floor.tom)
    assert clocking.undo(db, back.undo) == f"Undone: Tom Reed's resume of {floor.number} / 020"
    with db.reader() as s:
        assert s.get(ClockOn, on.id).segment_started_at is None
    assert _status(db, floor.assemble) == "paused" and len(_logs(db, on.id)) == 1
    assert _refused(db, clocking.undo, back.undo).message == "That scan has already been undone."


def test_a_rehearsal_walks_a_scan_through_and_saves_nothing(db, shop):
    assert clocking.rehearse(db) is False  # nothing on the floor yet: nothing to rehearse
    floor = released_job(db, shop)
    ShopClock(db).set(8)
    before = _snapshot(db)
    with db.reader() as s:
        history = s.scalar(select(func.count()).select_from(JobStatusChange))
    assert clocking.rehearse(db) is True
    assert _snapshot(db) == before, "a rehearsal changed the database"
    with db.reader() as s:
        assert s.scalar(select(func.count()).select_from(JobStatusChange)) == history
        assert s.scalar(select(func.count()).select_from(ClockOn)) == 0
    assert _job_status(db, floor.job.id) == "released"  # the job it "started" was rolled back too
    # and the real first scan after it works as ever
    assert clocking.scan(db, floor.code(10), shop.anna.id).kind == "clock_on"
