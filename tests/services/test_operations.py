"""The one routine that inserts an operation: op numbers, order and the checks on what it refers to,
used directly in a unit of work (as routing, change orders and NCR rework use it)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from workshop.db.models import Job, Operation
from workshop.domain.errors import ValidationError
from workshop.services import bom, routing, workstations
from workshop.services.operations import insert_operation, next_op_number


def _insert(db, job_id: int, name: str, workstation_id: int, **fields) -> int:
    with db.session() as s:
        job = s.get(Job, job_id)
        return insert_operation(s, job, name=name, instructions="", workstation_id=workstation_id,
                                setup_minutes=Decimal(10), run_minutes=Decimal(0), inspection_required=False,
                                **fields).id


def _routing(db, job_id: int) -> list[tuple[int, int, str, str]]:
    """(sequence, op number, name, status) as the database holds them, in routing order."""
    with db.reader() as s:
        return [(o.sequence, o.op_number, o.name, o.status) for o in s.scalars(
            select(Operation).where(Operation.job_id == job_id).order_by(Operation.sequence))]


def test_insert_numbers_by_tens_and_places_by_position(db, shop):
    job, saw = shop.job.id, shop.saw.id
    _insert(db, job, "Cut", saw)
    _insert(db, job, "Plane", saw)
    assert _routing(db, job) == [(1, 10, "Cut", "pending"), (2, 20, "Plane", "pending")]
    # position 1: first in the order, yet the next number; the others keep theirs
    _insert(db, job, "Mark out", saw, position=1)
    # position 3 of 4: between Cut and Plane
    _insert(db, job, "Sand", saw, position=3)
    assert _routing(db, job) == [(1, 30, "Mark out", "pending"), (2, 10, "Cut", "pending"),
                                 (3, 40, "Sand", "pending"), (4, 20, "Plane", "pending")]


def test_a_position_outside_the_routing_is_clamped(db, shop):
    job, saw = shop.job.id, shop.saw.id
    _insert(db, job, "Cut", saw)
    _insert(db, job, "Oil", saw, position=99)  # past the end: last
    _insert(db, job, "Mark out", saw, position=0)  # before the start: first
    _insert(db, job, "Glue", saw, position=-5)
    assert [(seq, number, name) for seq, number, name, _ in _routing(db, job)] == [
        (1, 40, "Glue"), (2, 30, "Mark out"), (3, 10, "Cut"), (4, 20, "Oil")]


def test_next_number_is_the_ten_above_the_highest(db, shop):
    job, saw = shop.job.id, shop.saw.id
    _insert(db, job, "Cut", saw)
    with db.session() as s:  # an odd number (as an older routing may hold): the next ten above it
        s.scalars(select(Operation).where(Operation.job_id == job)).one().op_number = 35
    with db.reader() as s:
        assert next_op_number(s, job) == 40
    _insert(db, job, "Plane", saw)
    assert [number for _, number, _, _ in _routing(db, job)] == [35, 40]


def test_numbers_are_never_reused_after_a_removal(db, shop):
    job, saw = shop.job.id, shop.saw.id
    _insert(db, job, "Cut", saw)
    plane = _insert(db, job, "Plane", saw)
    _insert(db, job, "Sand", saw)
    routing.remove_operation(db, plane)
    _insert(db, job, "Oil", saw, position=2)
    # the highest is still 30, so Oil is 40; 20 is gone for good (it may be printed on a card)
    assert [(seq, number, name) for seq, number, name, _ in _routing(db, job)] == [
        (1, 10, "Cut"), (2, 40, "Oil"), (3, 30, "Sand")]


def test_its_references_are_checked_and_a_refusal_saves_nothing(db, shop):
    job = shop.job.id
    _insert(db, job, "Cut", shop.saw.id)
    before = _routing(db, job)
    # Tom is set up for the bench only
    with pytest.raises(ValidationError) as info:
        _insert(db, job, "Rip", shop.saw.id, operator_id=shop.tom.id)
    assert info.value.field == "operator_id" and info.value.message == "Tom Reed is not set up to run SAW — Panel saw."
    workstations.update_workstation(db, shop.bench.id, active=False)
    with pytest.raises(ValidationError) as info:
        _insert(db, job, "Glue", shop.bench.id)
    assert info.value.field == "workstation_id" and info.value.message == "Workstation BENCH is no longer in use."
    line = bom.add_line(db, job, description="Screws", quantity="1")  # a line, not a sub-assembly
    with pytest.raises(ValidationError) as info:
        _insert(db, job, "Fix", shop.saw.id, subassembly_id=line)
    assert info.value.field == "subassembly_id"
    assert _routing(db, job) == before


def test_a_refused_status_move_saves_nothing(db, shop):
    cut = routing.add_operation(db, shop.job.id, name="Cut", workstation_id=shop.saw.id)
    routing.set_operation_status(db, cut, "running")
    routing.set_operation_status(db, cut, "done")
    with pytest.raises(ValidationError) as info:
        routing.set_operation_status(db, cut, "pending")
    assert info.value.field == "status"
    assert info.value.message.startswith("Operation 010 is done; it cannot be marked pending")
    assert _routing(db, shop.job.id) == [(1, 10, "Cut", "done")]
    # reopening a done operation is a move the shop makes
    routing.set_operation_status(db, cut, "running")
    assert _routing(db, shop.job.id) == [(1, 10, "Cut", "running")]


def test_an_operation_not_started_cannot_be_paused(db, shop):
    cut = routing.add_operation(db, shop.job.id, name="Cut", workstation_id=shop.saw.id)
    with pytest.raises(ValidationError) as info:
        routing.set_operation_status(db, cut, "paused")
    assert info.value.message == "Operation 010 is pending; it cannot be marked paused: only running work is paused."
    assert _routing(db, shop.job.id) == [(1, 10, "Cut", "pending")]
