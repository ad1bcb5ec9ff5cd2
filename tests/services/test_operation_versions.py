"""An operation edited in the office while the floor works on it (issue 18): every change raises the
operation's version and says who made it (a person, or the terminal that clocked on); a save made
from an older version is refused with the operation as it is now and nothing of it is written; the
schedule's planned times are no change. On a server, the office's save and a terminal's clock-on in
the same moment wait their turn (each holds the job's routing first): the clock-on is never refused,
and the office is told what it did. Two ``Database`` objects over one shop stand for two PCs."""

from __future__ import annotations

import dataclasses
import threading
import time
from decimal import Decimal

import pytest
from sqlalchemy import event, select, text

from support.bench_floor import ShopClock, released_job
from workshop.db.models import Operation
from workshop.domain.errors import EditConflict
from workshop.services import clocking, routing, schedule

ANNA, TOM, TERMINAL = "anna on OFFICE-PC", "tom on LAPTOP", "floor on TERMINAL-1"


@pytest.fixture
def floor(db, shop):
    """The shop's job released with Cut panels (010), Assemble (020) and Oil (030); the shop's clock
    set (7:00, 3 March 2027) before the PCs are made, so they share it."""
    floor = released_job(db, shop)
    floor.clock = ShopClock(db)
    return floor


@pytest.fixture
def pcs(db, floor):
    """(anna's, tom's, the terminal's): the same shop as saved from three PCs."""
    return tuple(dataclasses.replace(db, author=who) for who in (ANNA, TOM, TERMINAL))


def _op(db, op_id) -> routing.OperationView:
    return routing.get_operation(db, op_id)


def test_each_change_raises_the_version_and_names_who_made_it(db, shop, floor, pcs):
    anna, _tom, terminal = pcs
    cut = _op(db, floor.cut)
    assert (cut.version, cut.updated_by) == (1, db.author)  # added through the fixture's own Database
    routing.update_operation(anna, floor.cut, expected_version=1, setup_minutes="25")
    assert (_op(db, floor.cut).version, _op(db, floor.cut).updated_by) == (2, ANNA)
    clocking.scan(terminal, floor.code(10), shop.anna.id)  # the clock-on sets it running: a change too
    after = _op(db, floor.cut)
    assert (after.version, after.updated_by, after.status, after.setup_minutes) == (3, TERMINAL, "running",
                                                                                    Decimal("25"))
    assert [o.version for o in routing.list_operations(db, shop.job.id)] == [3, 1, 1]


def test_a_save_from_an_older_version_is_refused_with_who_changed_it(db, floor, pcs):
    anna, tom, _terminal = pcs
    seen_by_anna = _op(anna, floor.assemble)
    routing.update_operation(tom, floor.assemble, expected_version=seen_by_anna.version, run_minutes="50")

    with pytest.raises(EditConflict) as refused:
        routing.update_operation(anna, floor.assemble, expected_version=seen_by_anna.version,
                                 instructions="Glue and clamp overnight")
    conflict = refused.value
    assert conflict.changed_by == TOM and conflict.current.updated_by == TOM
    assert (conflict.current.version, conflict.current.run_minutes) == (2, Decimal("50"))
    # 10 + 50 × 2 = 110 planned minutes: the operation as it is now, worked out as the routing shows it
    assert conflict.current.planned_minutes == Decimal("110")
    assert conflict.message == ("Operation 020 Assemble was changed by tom on LAPTOP while you were editing it. "
                                "Nothing of yours has been saved yet.")
    stored = _op(db, floor.assemble)
    assert (stored.instructions, stored.run_minutes, stored.version) == ("", Decimal("50"), 2)  # nothing of hers

    routing.update_operation(anna, floor.assemble, expected_version=conflict.current.version,
                             instructions="Glue and clamp overnight")
    saved = _op(db, floor.assemble)
    assert (saved.instructions, saved.run_minutes, saved.version, saved.updated_by) == (
        "Glue and clamp overnight", Decimal("50"), 3, ANNA)


def test_a_clock_on_since_the_form_was_read_is_a_new_version_the_form_resolves(db, shop, floor, pcs):
    """The terminal's clock-on changes the operation's status (not a field of the form): the office's
    save from the version before it is told, with the operation running; saved again from the version
    now there (what the form does when nothing of theirs is in its fields), it goes through."""
    anna, _tom, terminal = pcs
    seen = _op(anna, floor.cut)
    clocking.scan(terminal, floor.code(10), shop.anna.id)
    with pytest.raises(EditConflict) as refused:
        routing.update_operation(anna, floor.cut, expected_version=seen.version, setup_minutes="20")
    current = refused.value.current
    assert (current.status, current.version, current.updated_by, current.setup_minutes) == (
        "running", 2, TERMINAL, Decimal("15"))
    routing.update_operation(anna, floor.cut, expected_version=current.version, setup_minutes="20")
    saved = _op(db, floor.cut)
    assert (saved.status, saved.setup_minutes, saved.version) == ("running", Decimal("20"), 3)


def test_moves_and_inserts_raise_the_versions_of_the_operations_they_move(db, shop, floor, pcs):
    anna = pcs[0]
    routing.move_operation(anna, floor.oil, 1)  # Oil first: all three change place
    assert [(o.op_number, o.version) for o in routing.list_operations(db, shop.job.id)] == [(30, 2), (10, 2),
                                                                                            (20, 2)]
    routing.add_operation(anna, shop.job.id, name="Sand", workstation_id=shop.bench.id)  # at the end: none move
    assert [(o.op_number, o.version) for o in routing.list_operations(db, shop.job.id)] == [(30, 2), (10, 2),
                                                                                            (20, 2), (40, 1)]


def test_the_schedule_gives_planned_times_without_raising_versions(db, shop, floor):
    plan = schedule.propose(db)
    assert schedule.apply_schedule(db, plan) == 3
    with db.reader() as s:
        rows = s.execute(select(Operation.planned_start, Operation.version).where(Operation.job_id == shop.job.id)
                         .order_by(Operation.sequence)).all()
    assert all(start is not None for start, _ in rows)
    assert [version for _, version in rows] == [1, 1, 1]


# --- on a server: two saves in the same moment ----------------------------------------------------


def _needs_a_server(db) -> None:
    if db.engine.dialect.name != "postgresql":
        pytest.skip("needs a server: SQLite lets one writer in at a time")


def _in_a_thread(work) -> tuple[threading.Thread, list]:
    """``work()`` on a thread of its own (its own connection from the pool): (the thread, [its outcome])."""
    outcome: list = []

    def run() -> None:
        try:
            outcome.append(work())
        except Exception as exc:  # noqa: BLE001 - handed to the test to look at
            outcome.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, outcome


def _until_waiting_on_a_lock(db, thread: threading.Thread) -> None:
    """Until another connection to the shop waits on a row this one holds (the thread's): the moment
    both are under way. Fails if the thread ends first (it did not wait its turn)."""
    with db.engine.connect() as conn:
        for _ in range(3000):
            waiting = conn.execute(text("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                        "AND wait_event_type = 'Lock'")).scalar()
            conn.rollback()  # the server's view of its sessions is read once a transaction: read it afresh
            if waiting:
                return
            assert thread.is_alive(), "the other save did not wait for this one"
            time.sleep(0.01)
    pytest.fail("the other save never reached the held rows")


def _meanwhile(db, work):
    """Run ``work`` on another connection once this save writes its first operation, and let this
    save commit only once ``work`` waits on the rows it holds. Returns (listener, [thread, outcome])."""
    started: list = []

    def another_save_starts(_mapper, _connection, _target) -> None:
        if not started:
            thread, outcome = _in_a_thread(work)
            started.extend((thread, outcome))
            _until_waiting_on_a_lock(db, thread)

    return another_save_starts, started


def _in_the_same_moment(db, first, meanwhile):
    """``first()`` here and ``meanwhile()`` on another connection, begun once ``first`` writes its first
    operation and let finish after it: (what ``first`` returned, what ``meanwhile`` returned or raised)."""
    listener, started = _meanwhile(db, meanwhile)
    event.listen(Operation, "before_update", listener)
    try:
        result = first()
    finally:
        event.remove(Operation, "before_update", listener)
    thread, outcome = started
    thread.join(60)
    assert not thread.is_alive()
    [other] = outcome
    return result, other


def test_two_office_saves_in_the_same_moment_on_a_server(db, floor, pcs):
    """Anna's and Tom's saves from version 1 meet: Tom's, begun while Anna's held the job's routing,
    waits for hers to commit, then finds version 2 by Anna and is refused with it; nothing of his
    is saved, nothing of hers lost."""
    _needs_a_server(db)
    anna, tom, _terminal = pcs
    _, toms = _in_the_same_moment(
        db, lambda: routing.update_operation(anna, floor.oil, expected_version=1, instructions="Two coats"),
        meanwhile=lambda: routing.update_operation(tom, floor.oil, expected_version=1, run_minutes="25"))
    assert isinstance(toms, EditConflict) and toms.changed_by == ANNA
    assert toms.current.instructions == "Two coats"
    stored = _op(db, floor.oil)
    assert (stored.instructions, stored.run_minutes, stored.version, stored.updated_by) == (
        "Two coats", Decimal("15"), 2, ANNA)


def test_a_clock_on_during_an_office_save_waits_and_is_never_refused(db, shop, floor, pcs):
    """The terminal's clock-on, scanned while Anna's save holds the routing, waits for it and then
    clocks on (no 'changed at the same moment'): her setup and its running status both stand."""
    _needs_a_server(db)
    anna, _tom, terminal = pcs
    _, scanned = _in_the_same_moment(
        db, lambda: routing.update_operation(anna, floor.cut, expected_version=1, setup_minutes="20"),
        meanwhile=lambda: clocking.scan(terminal, floor.code(10), shop.anna.id))
    assert not isinstance(scanned, Exception), scanned
    assert scanned.kind == "clock_on"
    stored = _op(db, floor.cut)
    assert (stored.status, stored.setup_minutes, stored.version, stored.updated_by) == (
        "running", Decimal("20"), 3, TERMINAL)


def test_an_office_save_during_a_clock_on_waits_and_is_told_it(db, shop, floor, pcs):
    """The other way round: Anna saves while the terminal's clock-on holds the routing. Her save
    waits, then finds the clock-on's version and is refused with it (the form then saves again
    without a question: the status is not one of its fields); the clock-on stands."""
    _needs_a_server(db)
    anna, _tom, terminal = pcs
    scanned, annas = _in_the_same_moment(
        db, lambda: clocking.scan(terminal, floor.code(10), shop.anna.id),
        meanwhile=lambda: routing.update_operation(anna, floor.cut, expected_version=1, setup_minutes="20"))
    assert scanned.kind == "clock_on"
    assert isinstance(annas, EditConflict) and annas.changed_by == TERMINAL
    assert (annas.current.status, annas.current.version) == ("running", 2)
    assert _op(db, floor.cut).setup_minutes == Decimal("15")  # nothing of hers yet


def test_time_booked_in_the_office_during_a_clock_on_waits_and_both_stand(db, shop, floor, pcs):
    """Anna books Tom's half hour on Cut panels while the terminal's clock-on holds the routing: her
    booking waits, then finds the operation running (the clock-on's) and books against it; before
    the booking held the routing too it read the operation not yet started, set it running over the
    clock-on's version and was refused ('changed at the same moment')."""
    _needs_a_server(db)
    from workshop.services import bookings

    anna, _tom, terminal = pcs
    scanned, booked = _in_the_same_moment(
        db, lambda: clocking.scan(terminal, floor.code(10), shop.anna.id),
        meanwhile=lambda: bookings.log_time(anna, floor.cut, shop.tom.id, minutes="30"))
    assert scanned.kind == "clock_on"
    assert not isinstance(booked, Exception), booked
    assert booked.labour_minutes == Decimal("30")
    stored = _op(db, floor.cut)
    assert (stored.status, stored.version, stored.updated_by) == ("running", 2, TERMINAL)  # nothing more to change


def test_a_sub_assembly_removed_during_a_clock_on_waits_and_both_stand(db, shop, floor, pcs):
    """Anna removes the Frame sub-assembly, which Cut panels was for, while the terminal's clock-on
    holds the routing: her removal waits, then lets go of the running operation (its version the
    clock-on's) and removes the frame. Before the removal held the routing it read the operation as
    it was, wrote over the clock-on's version and was refused ('changed at the same moment')."""
    _needs_a_server(db)
    from workshop.services import bom

    anna, _tom, terminal = pcs
    frame = bom.add_subassembly(db, shop.job.id, description="Frame", quantity="1")
    routing.update_operation(db, floor.cut, subassembly_id=frame)  # version 2
    scanned, removed = _in_the_same_moment(
        db, lambda: clocking.scan(terminal, floor.code(10), shop.anna.id),  # version 3
        meanwhile=lambda: bom.remove_item(anna, frame))
    assert scanned.kind == "clock_on"
    assert removed == frame, removed
    stored = _op(db, floor.cut)
    assert (stored.status, stored.subassembly_id, stored.version, stored.updated_by) == ("running", None, 4, ANNA)
    assert frame not in [n.id for n in bom.get_bom(db, shop.job.id).nodes]


def test_a_rework_verified_during_an_office_save_of_it_waits_and_both_stand(db, shop):
    """Tom renames the rework operation in the office while Anna verifies its NCR: the verify waits for
    his save, then marks the operation done over his version; his name and her 'done' both stand.
    Before the verify held the routing it wrote over Tom's version and was refused."""
    _needs_a_server(db)
    from support.inspection_jobs import failed_check
    from workshop.services import inspection
    from workshop.services import nonconformance as ncrs

    anna, tom = (dataclasses.replace(db, author=who) for who in (ANNA, TOM))
    _ops, check, failed = failed_check(db, shop)
    ncr = ncrs.disposition(db, failed.ncr_id, disposition="rework", cause="Out of square", rework_minutes="30")
    rework_id = next(o.id for o in routing.list_operations(db, shop.job.id) if o.op_number == ncr.rework_op_number)
    inspection.record_result(db, check.id, readings="1.0", inspector="Anna Kowalska")
    version = _op(db, rework_id).version

    _, verified = _in_the_same_moment(
        db, lambda: routing.update_operation(tom, rework_id, expected_version=version,
                                             name="Rework: square the carcass"),
        meanwhile=lambda: ncrs.verify(anna, ncr.id, verified_by="Anna Kowalska"))
    assert not isinstance(verified, Exception), verified
    stored = _op(db, rework_id)
    assert (stored.name, stored.status, stored.version, stored.updated_by) == (
        "Rework: square the carcass", "done", version + 2, ANNA)
